"""In-memory twin of `DynamoSkpRepository`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ...domain.errors import Conflict
from ...domain.skp import ApprovedVersion, Skp, SkpStatus
from .paging import page


class InMemorySkpRepository:
    """Behaves like `DynamoSkpRepository`: new at version 1, then only the version that was read."""

    def __init__(self) -> None:
        self._heads: dict[str, Skp] = {}
        self._versions: dict[str, dict[int, ApprovedVersion]] = {}

    def get(self, skp_id: str) -> Skp | None:
        return self._heads.get(skp_id)

    def many(self, skp_ids: Sequence[str]) -> dict[str, Skp]:
        return {i: self._heads[i] for i in skp_ids if i in self._heads}

    def add(self, skp: Skp) -> Skp:
        if skp.skp_id in self._heads:
            raise Conflict(f"Anda sudah memiliki SKP tahun {skp.year}.", code="SKP_EXISTS")
        saved = replace(skp, version=1)
        self._heads[skp.skp_id] = saved
        return saved

    def save(self, skp: Skp) -> Skp:
        self._check(skp)
        saved = replace(skp, version=skp.version + 1)
        self._heads[skp.skp_id] = saved
        return saved

    def approve(self, skp: Skp, approved: ApprovedVersion) -> Skp:
        self._check(skp)
        versions = self._versions.setdefault(skp.skp_id, {})
        if approved.approved_version in versions:
            raise Conflict("SKP ini telah diubah; muat ulang lalu coba lagi.", code="CONFLICT")
        saved = replace(skp, version=skp.version + 1)
        self._heads[skp.skp_id] = saved
        versions[approved.approved_version] = approved
        return saved

    def versions(self, skp_id: str) -> list[ApprovedVersion]:
        found = self._versions.get(skp_id, {})
        return [found[n] for n in sorted(found, reverse=True)]

    def pending_for(self, penilai_nip: str, cursor: str | None, limit: int) -> tuple[list[Skp], str | None]:
        waiting = [s for s in self._heads.values() if self._pending(s, penilai_nip)]
        return page(waiting, _sort, cursor, limit, f"skp.by_penilai_pending:{penilai_nip}")

    def count_pending(self, penilai_nip: str) -> int:
        return sum(1 for s in self._heads.values() if self._pending(s, penilai_nip))

    def _check(self, skp: Skp) -> None:
        stored = self._heads.get(skp.skp_id)
        if stored is None or stored.version != skp.version:
            raise Conflict("SKP ini telah diubah; muat ulang lalu coba lagi.", code="CONFLICT")

    @staticmethod
    def _pending(skp: Skp, penilai_nip: str) -> bool:
        return skp.status is SkpStatus.SUBMITTED and skp.penilai_nip == penilai_nip


def _sort(skp: Skp) -> str:
    return f"{skp.submitted_at.isoformat() if skp.submitted_at else ''}#{skp.skp_id}"
