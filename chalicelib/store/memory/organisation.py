"""In-memory twin of `DynamoOrgRepository`: SKPD and their satker."""

from __future__ import annotations

from dataclasses import replace

from ...domain.errors import Conflict
from ...domain.organisation import Satker, Skpd


class InMemoryOrgRepository:
    """Behaves like `DynamoOrgRepository`: version 0 creates (taken: ALREADY_EXISTS), else only the version read."""

    def __init__(self) -> None:
        self._skpd: dict[str, Skpd] = {}
        self._satker: dict[tuple[str, str], Satker] = {}

    def get_skpd(self, skpd_id: str) -> Skpd | None:
        return self._skpd.get(skpd_id)

    def list_skpd(self) -> list[Skpd]:
        return [s for _, s in sorted(self._skpd.items())]

    def get_satker(self, skpd_id: str, satker_id: str) -> Satker | None:
        return self._satker.get((skpd_id, satker_id))

    def list_satker(self, skpd_id: str) -> list[Satker]:
        return [s for (k, _), s in sorted(self._satker.items()) if k == skpd_id]

    def save_skpd(self, skpd: Skpd) -> Skpd:
        _check(self._skpd.get(skpd.skpd_id), skpd.version)
        saved = self._skpd[skpd.skpd_id] = replace(skpd, version=skpd.version + 1)
        return saved

    def save_satker(self, satker: Satker) -> Satker:
        key = (satker.skpd_id, satker.satker_id)
        _check(self._satker.get(key), satker.version)
        saved = self._satker[key] = replace(satker, version=satker.version + 1)
        return saved


def _check(stored: Skpd | Satker | None, version: int) -> None:
    if not version:
        if stored is not None:
            raise Conflict("Kode ini sudah dipakai.", code="ALREADY_EXISTS")
    elif stored is None or stored.version != version:
        raise Conflict("Data telah diubah oleh pengguna lain; muat ulang lalu coba lagi.")
