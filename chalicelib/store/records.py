"""Career records (riwayat): one item per record, its history and PDF reference inside; every write is
conditional on the version read.

HR reads through three sparse indexes whose partitions are every SKPD (BKD), one SKPD or one satker of it, each
for one kind and one status (``queue_all`` = ``<kind>#<status>``, ``queue_skpd`` = ``<skpd>#<kind>#<status>``,
``queue_satker`` = ``<skpd>#<satker>#<kind>#<status>``), sorted by when the record entered that status. A list
over several kinds or statuses reads one page of each such partition ("lane") and merges them, so every filter
is a key condition: a page costs one Query per lane (at most 3 kinds × 4 statuses), never a Scan and never a
filter that could read an SKPD's whole history.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import datetime
from typing import Any

from ..domain.errors import Conflict, ValidationError
from ..domain.records import (
    LISTED,
    CareerRecord,
    RecordFile,
    RecordKind,
    RecordStatus,
    details_dict,
    details_from_dict,
)
from .conditions import save_versioned
from .history import history_json, history_of
from .models import RecordItem
from .paging import bounded_page, decode_cursor, encode_cursor

MAX_LIST_REQUESTS = 4
_OWNER_KEYS = ("record_id", "owner_nip", "owner_sort")


def queue_key(skpd_id: str | None, satker_id: str | None, kind: RecordKind, status: RecordStatus) -> str:
    """The partition of one lane: the records of one kind in one status, of every SKPD (``skpd_id`` None), of one
    SKPD, or of one satker of it."""
    unit = f"{skpd_id}#{satker_id}#" if satker_id else f"{skpd_id}#" if skpd_id else ""
    return f"{unit}{kind.value}#{status.value}"


def _lane_index(skpd_id: str | None, satker_id: str | None) -> tuple[Any, str]:
    if satker_id:
        return RecordItem.by_satker_queue, "queue_satker"
    return (RecordItem.by_skpd_queue, "queue_skpd") if skpd_id else (RecordItem.by_all_queue, "queue_all")


def queue_scope(
    skpd_id: str | None,
    satker_id: str | None,
    kinds: tuple[RecordKind, ...],
    statuses: tuple[RecordStatus, ...],
    newest_first: bool,
) -> str:
    """The list a queue cursor pages (both implementations bind their cursors to it)."""
    order = "desc" if newest_first else "asc"
    return f"records.queue:{skpd_id}:{satker_id or '*'}:{','.join(kinds)}:{','.join(statuses)}:{order}"


def _stale() -> Conflict:
    return Conflict("Riwayat telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")


def to_item(record: CareerRecord) -> RecordItem:
    listed = record.status in LISTED
    sort = f"{record.status_since.isoformat()}#{record.record_id}"
    item = RecordItem(
        record_id=record.record_id,
        nip=record.nip,
        skpd_id=record.skpd_id,
        satker_id=record.satker_id,
        kind=record.kind.value,
        status=record.status.value,
        details=details_dict(record.details),
        document=asdict(record.document) if record.document else None,
        created_at=record.created_at.isoformat(),
        submitted_at=record.submitted_at.isoformat(),
        declared_at=record.declared_at.isoformat(),
        decided_by=record.decided_by,
        decided_at=record.decided_at.isoformat() if record.decided_at else None,
        note=record.note,
        history=history_json(record.history),
        owner_nip=record.nip if listed else None,
        owner_sort=f"{record.created_at.isoformat()}#{record.record_id}" if listed else None,
        queue_all=queue_key(None, None, record.kind, record.status) if listed else None,
        queue_skpd=queue_key(record.skpd_id, None, record.kind, record.status) if listed else None,
        queue_satker=queue_key(record.skpd_id, record.satker_id, record.kind, record.status) if listed else None,
        queue_sort=sort if listed else None,
    )
    if record.version:
        item.version = record.version
    return item


def to_record(item: RecordItem) -> CareerRecord:
    kind = RecordKind(item.kind)
    return CareerRecord(
        record_id=item.record_id,
        nip=item.nip,
        skpd_id=item.skpd_id,
        satker_id=item.satker_id,
        kind=kind,
        details=details_from_dict(kind, item.details or {}),
        status=RecordStatus(item.status),
        created_at=datetime.fromisoformat(item.created_at),
        submitted_at=datetime.fromisoformat(item.submitted_at),
        declared_at=datetime.fromisoformat(item.declared_at),
        document=RecordFile(**item.document) if item.document else None,
        decided_by=item.decided_by,
        decided_at=datetime.fromisoformat(item.decided_at) if item.decided_at else None,
        note=item.note,
        history=history_of(item.history),
        version=int(item.version),
    )


class DynamoRecordRepository:
    """Implements `RecordRepository` (see `protocols.py`)."""

    def get(self, record_id: str) -> CareerRecord | None:
        try:
            return to_record(RecordItem.get(record_id, consistent_read=True))
        except RecordItem.DoesNotExist:
            return None

    def add(self, record: CareerRecord) -> CareerRecord:
        """A new record (conditional: no record with its id exists)."""
        return self._put(replace(record, version=0))

    def save(self, record: CareerRecord) -> CareerRecord:
        """A change, conditional on the version it was read at (else `Conflict` CONFLICT)."""
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
        """An employee's records, newest first; kind and status filter one person's few records (at most four
        requests a call; a short page still carries a cursor when more may follow)."""
        condition = None
        if kind is not None:
            condition = RecordItem.kind == kind.value
        if status is not None:
            same = RecordItem.status == status.value
            condition = same if condition is None else condition & same
        scope = f"records.by_owner:{nip}:{kind or '*'}:{status or '*'}"
        result = RecordItem.by_owner.query(
            nip,
            filter_condition=condition,
            scan_index_forward=False,
            page_size=limit,
            last_evaluated_key=decode_cursor(cursor, scope),
        )
        raw, next_cursor = bounded_page(result, limit, _OWNER_KEYS, MAX_LIST_REQUESTS, scope)
        return [to_record(RecordItem.from_raw_data(r)) for r in raw], next_cursor

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
        """HR's list: one page of each lane (kind × status), merged by the time each record entered its status."""
        index, hash_name = _lane_index(skpd_id, satker_id)
        scope = queue_scope(skpd_id, satker_id, kinds, statuses, newest_first)
        lanes = [queue_key(skpd_id, satker_id, k, s) for k in kinds for s in statuses]
        positions: dict[str, Any] = decode_cursor(cursor, scope) if cursor else dict.fromkeys(lanes)
        if not set(positions) <= set(lanes):
            raise ValidationError(
                "Parameter cursor tidak valid atau kedaluwarsa; muat ulang daftar dari awal.",
                code="INVALID_CURSOR",
                details={"field": "cursor"},
            )
        fetched: list[tuple[str, str, dict[str, Any]]] = []
        after: dict[str, Any] = {}
        for lane, start in positions.items():
            pages = index.query(
                lane, scan_index_forward=not newest_first, page_size=limit, last_evaluated_key=start
            ).page_iter
            page = next(pages)
            fetched += [(raw["queue_sort"]["S"], lane, raw) for raw in page.get("Items", [])]
            after[lane] = pages.last_evaluated_key
        fetched.sort(key=lambda entry: entry[0], reverse=newest_first)
        taken = fetched[:limit]
        following: dict[str, Any] = {}
        for lane, start in positions.items():
            read = [raw for _, name, raw in fetched if name == lane]
            used = [raw for _, name, raw in taken if name == lane]
            if len(used) < len(read):  # this lane still has items the page did not take
                following[lane] = _lane_key(used[-1], hash_name) if used else start
            elif after[lane] is not None:  # everything read was taken; DynamoDB says more may follow
                following[lane] = after[lane]
        records = [to_record(RecordItem.from_raw_data(raw)) for _, _, raw in taken]
        return records, encode_cursor(following, scope)

    def waiting(self, skpd_id: str | None, satker_id: str | None) -> dict[RecordKind, int]:
        """How many records of each kind wait for HR (COUNT queries: reads follow what waits, nothing else)."""
        index, _ = _lane_index(skpd_id, satker_id)
        return {k: index.count(queue_key(skpd_id, satker_id, k, RecordStatus.SUBMITTED)) for k in RecordKind}

    def _put(self, record: CareerRecord) -> CareerRecord:
        return replace(record, version=save_versioned(to_item(record), _stale))


def _lane_key(raw: dict[str, Any], hash_name: str) -> dict[str, Any]:
    """The LastEvaluatedKey of an index query that stopped after ``raw``."""
    return {name: raw[name] for name in ("record_id", hash_name, "queue_sort")}
