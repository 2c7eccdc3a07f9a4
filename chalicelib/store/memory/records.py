"""In-memory twin of `DynamoRecordRepository`: the same version checks, lists, order and cursor binding."""

from __future__ import annotations

import threading
from dataclasses import replace

from ...domain.errors import Conflict
from ...domain.records import LISTED, CareerRecord, RecordKind, RecordStatus
from .paging import page


def _stale() -> Conflict:
    return Conflict("Riwayat telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")


def _queue_sort(record: CareerRecord) -> str:
    return f"{record.status_since.isoformat()}#{record.record_id}"


class InMemoryRecordRepository:
    def __init__(self) -> None:
        self._items: dict[str, CareerRecord] = {}
        self._lock = threading.Lock()

    def get(self, record_id: str) -> CareerRecord | None:
        return self._items.get(record_id)

    def add(self, record: CareerRecord) -> CareerRecord:
        return self._put(replace(record, version=0))

    def save(self, record: CareerRecord) -> CareerRecord:
        return self._put(record)

    def list_own(
        self,
        nip: str,
        *,
        kind: RecordKind | None,
        status: RecordStatus | None,
        cursor: str | None,
        limit: int,
    ) -> tuple[list[CareerRecord], str | None]:
        found = [
            r
            for r in self._items.values()
            if r.nip == nip
            and r.status in LISTED
            and (kind is None or r.kind is kind)
            and (status is None or r.status is status)
        ]
        scope = f"records.by_owner:{nip}:{kind or '*'}:{status or '*'}"
        return page(
            found, lambda r: f"{r.created_at.isoformat()}#{r.record_id}", cursor, limit, scope, newest_first=True
        )

    def queue(
        self,
        skpd_id: str | None,
        satker_id: str | None,
        kinds: tuple[RecordKind, ...],
        statuses: tuple[RecordStatus, ...],
        *,
        newest_first: bool,
        cursor: str | None,
        limit: int,
    ) -> tuple[list[CareerRecord], str | None]:
        found = [
            r
            for r in self._items.values()
            if r.status in LISTED and r.kind in kinds and r.status in statuses and self._in(r, skpd_id, satker_id)
        ]
        order = "desc" if newest_first else "asc"
        scope = f"records.queue:{skpd_id}:{satker_id or '*'}:{','.join(kinds)}:{','.join(statuses)}:{order}"
        return page(found, _queue_sort, cursor, limit, scope, newest_first=newest_first)

    def waiting(self, skpd_id: str | None, satker_id: str | None) -> dict[RecordKind, int]:
        counts = dict.fromkeys(RecordKind, 0)
        for r in self._items.values():
            if r.status is RecordStatus.SUBMITTED and self._in(r, skpd_id, satker_id):
                counts[r.kind] += 1
        return counts

    @staticmethod
    def _in(record: CareerRecord, skpd_id: str | None, satker_id: str | None) -> bool:
        if skpd_id is not None and record.skpd_id != skpd_id:
            return False
        return satker_id is None or record.satker_id == satker_id

    def _put(self, record: CareerRecord) -> CareerRecord:
        with self._lock:
            stored = self._items.get(record.record_id)
            if (stored is not None) if record.version == 0 else (stored is None or stored.version != record.version):
                raise _stale()
            saved = replace(record, version=record.version + 1)
            self._items[record.record_id] = saved
            return saved
