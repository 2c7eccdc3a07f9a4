"""SKP on DynamoDB: one partition per SKP (``<nip>.<year>``) holding its head (``item`` = "SKP") and a snapshot of
each approved version (``item`` = "V#<nnnnn>"). An approval writes the head and its snapshot in one transaction; the
supervisor's queue is the sparse index `by_penilai_pending` (keys only while SUBMITTED)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from pynamodb.exceptions import PutError, TransactWriteError
from pynamodb.transactions import TransactWrite

from ..domain.errors import Conflict
from ..domain.skp import ApprovedVersion, Indicator, RhkKind, Skp, SkpStatus, Target
from .conditions import condition_failed, save_versioned
from .history import history_json, history_of
from .models import SkpItem, transaction_connection
from .paging import decode_cursor, encode_cursor

HEAD = "SKP"
VERSION_PREFIX = "V#"
_PENDING_KEYS = ("skp_id", "item", "pending_penilai", "pending_sort")


def version_key(number: int) -> str:
    return f"{VERSION_PREFIX}{number:05d}"


def targets_json(targets: Iterable[Target]) -> list[dict[str, Any]]:
    return [
        {
            "rhk_id": t.rhk_id,
            "text": t.text,
            "kind": t.kind.value,
            "parent_rhk_id": t.parent_rhk_id,
            "indicators": [{"text": i.text, "target": i.target, "unit": i.unit} for i in t.indicators],
        }
        for t in targets
    ]


def targets_of(raw: Iterable[Mapping[str, Any]] | None) -> tuple[Target, ...]:
    return tuple(
        Target(
            rhk_id=t["rhk_id"],
            text=t["text"],
            kind=RhkKind(t["kind"]),
            indicators=tuple(Indicator(i["text"], float(i["target"]), i["unit"]) for i in t["indicators"]),
            parent_rhk_id=t.get("parent_rhk_id"),
        )
        for t in raw or ()
    )


def pending_sort(skp: Skp) -> str | None:
    """The queue's sort key while SUBMITTED (oldest submission first), else None (the item leaves the index)."""
    if skp.status is not SkpStatus.SUBMITTED or skp.submitted_at is None or not skp.penilai_nip:
        return None
    return f"{skp.submitted_at.isoformat()}#{skp.skp_id}"


def to_item(skp: Skp) -> SkpItem:
    sort = pending_sort(skp)
    item = SkpItem(
        skp_id=skp.skp_id,
        item=HEAD,
        nip=skp.nip,
        year=skp.year,
        skpd_id=skp.skpd_id,
        satker_id=skp.satker_id,
        status=skp.status.value,
        targets=targets_json(skp.targets),
        approved_targets=targets_json(skp.approved_targets),
        approved_version=skp.approved_version,
        penilai_nip=skp.penilai_nip,
        submitted_at=skp.submitted_at.isoformat() if skp.submitted_at else None,
        note=skp.note,
        history=history_json(skp.history),
        pending_penilai=skp.penilai_nip if sort else None,
        pending_sort=sort,
    )
    if skp.version:
        item.version = skp.version
    return item


def to_skp(item: SkpItem) -> Skp:
    return Skp(
        skp_id=item.skp_id,
        nip=item.nip,
        year=int(item.year),
        skpd_id=item.skpd_id or "",
        satker_id=item.satker_id or "",
        status=SkpStatus(item.status),
        targets=targets_of(item.targets),
        approved_targets=targets_of(item.approved_targets),
        approved_version=int(item.approved_version or 0),
        penilai_nip=item.penilai_nip,
        submitted_at=datetime.fromisoformat(item.submitted_at) if item.submitted_at else None,
        note=item.note,
        history=history_of(item.history),
        version=int(item.version),
    )


def to_version(item: SkpItem) -> ApprovedVersion:
    return ApprovedVersion(
        approved_version=int(item.approved_version),
        approved_at=datetime.fromisoformat(str(item.approved_at)),
        approved_by=str(item.approved_by),
        targets=targets_of(item.targets),
    )


def _stale() -> Conflict:
    return Conflict("SKP ini telah diubah; muat ulang lalu coba lagi.", code="CONFLICT")


def _exists(year: int) -> Conflict:
    return Conflict(f"Anda sudah memiliki SKP tahun {year}.", code="SKP_EXISTS")


class DynamoSkpRepository:
    """Implements `SkpRepository` (see `protocols.py`)."""

    def get(self, skp_id: str) -> Skp | None:
        try:
            return to_skp(SkpItem.get(skp_id, HEAD, consistent_read=True))
        except SkpItem.DoesNotExist:
            return None

    def many(self, skp_ids: Sequence[str]) -> dict[str, Skp]:
        keys = [(skp_id, HEAD) for skp_id in dict.fromkeys(skp_ids)]
        return {i.skp_id: to_skp(i) for i in SkpItem.batch_get(keys)} if keys else {}

    def add(self, skp: Skp) -> Skp:
        item = to_item(replace(skp, version=0))
        try:
            item.save(condition=SkpItem.skp_id.does_not_exist())
        except PutError as exc:
            if condition_failed(exc):
                raise _exists(skp.year) from None
            raise
        return replace(skp, version=int(item.version))

    def save(self, skp: Skp) -> Skp:
        return replace(skp, version=save_versioned(to_item(skp), _stale))

    def approve(self, skp: Skp, approved: ApprovedVersion) -> Skp:
        head = to_item(skp)
        snapshot = SkpItem(
            skp_id=skp.skp_id,
            item=version_key(approved.approved_version),
            nip=skp.nip,
            year=skp.year,
            approved_version=approved.approved_version,
            approved_at=approved.approved_at.isoformat(),
            approved_by=approved.approved_by,
            targets=targets_json(approved.targets),
        )
        try:
            with TransactWrite(connection=transaction_connection()) as transaction:
                transaction.save(head)
                transaction.save(snapshot, condition=SkpItem.item.does_not_exist())
        except TransactWriteError as exc:
            reasons = {getattr(r, "code", None) for r in (exc.cancellation_reasons or [])}
            if reasons & {"ConditionalCheckFailed", "TransactionConflict"}:
                raise _stale() from None
            raise
        return replace(skp, version=int(head.version))

    def versions(self, skp_id: str) -> list[ApprovedVersion]:
        found = SkpItem.query(skp_id, SkpItem.item.startswith(VERSION_PREFIX), scan_index_forward=False)
        return [to_version(i) for i in found]

    def pending_for(self, penilai_nip: str, cursor: str | None, limit: int) -> tuple[list[Skp], str | None]:
        scope = f"skp.by_penilai_pending:{penilai_nip}"
        result = SkpItem.by_penilai_pending.query(
            penilai_nip, limit=limit, last_evaluated_key=decode_cursor(cursor, scope)
        )
        items = [to_skp(i) for i in result]
        return items, encode_cursor(result.last_evaluated_key, scope)

    def count_pending(self, penilai_nip: str) -> int:
        return int(SkpItem.by_penilai_pending.count(penilai_nip))
