"""The life of a record: the employee edits (and so submits again) or withdraws it while it is not approved;
HR approves or rejects a submitted one and may revoke an approval with a reason. Each step is a new record with
its history entry.

Apart because every status change goes through here, with the same guards (nobody decides their own record,
the status must allow the step), whether it comes from the employee's screen or the one decision mechanism."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from ..accounts import forbid_self_decision
from ..errors import Conflict
from ..reports import HistoryEntry
from .kinds import EDITABLE, STATUS_LABELS, CareerRecord, Details, RecordFile, RecordStatus
from .views import diff_details


def require_editable(record: CareerRecord) -> None:
    """The employee changes a record only while it is not approved (nor withdrawn)."""
    if record.status not in EDITABLE:
        raise Conflict(
            f"Riwayat berstatus {STATUS_LABELS[record.status]} dan tidak dapat diubah.",
            code="RECORD_LOCKED",
            details={"status": record.status.value},
        )


def decide(record: CareerRecord, status: RecordStatus, *, by: str, at: datetime, note: str | None) -> CareerRecord:
    """HR approves or rejects a submitted record; never their own."""
    forbid_self_decision(by, record.nip)
    if record.status is not RecordStatus.SUBMITTED:
        raise Conflict(
            f"Riwayat berstatus {STATUS_LABELS[record.status]}; hanya yang belum disetujui dapat diverifikasi.",
            code="RECORD_NOT_PENDING",
            details={"status": record.status.value},
        )
    changes: dict[str, list[Any]] = {"status": [record.status.value, status.value]}
    if note:
        changes["note"] = [record.note, note]
    entry = HistoryEntry(at, by, status.value, changes)
    return _with(record, entry, status=status, decided_by=by, decided_at=at, note=note)


def revoke(record: CareerRecord, *, by: str, at: datetime, reason: str) -> CareerRecord:
    """ "Batal disetujui": HR takes an approval back with a reason; the employee corrects and submits again."""
    forbid_self_decision(by, record.nip)
    if record.status is not RecordStatus.APPROVED:
        raise Conflict(
            f"Riwayat berstatus {STATUS_LABELS[record.status]}; hanya yang disetujui dapat dibatalkan.",
            code="RECORD_NOT_APPROVED",
            details={"status": record.status.value},
        )
    entry = HistoryEntry(at, by, "REVOKED", {"status": [record.status.value, "REVOKED"], "note": [record.note, reason]})
    return _with(record, entry, status=RecordStatus.REVOKED, decided_by=by, decided_at=at, note=reason)


def resubmit(
    record: CareerRecord,
    details: Details,
    document: RecordFile | None,
    *,
    by: str,
    at: datetime,
    unit: tuple[str, str],
) -> CareerRecord:
    """An edit by the employee: the corrected data is declared and submitted again ("Belum disetujui")."""
    require_editable(record)
    changes = diff_details(record.details, details)
    if document is not None and (record.document is None or document.file_id != record.document.file_id):
        changes["document"] = [record.document.filename if record.document else None, document.filename]
    if record.status is not RecordStatus.SUBMITTED:
        changes["status"] = [record.status.value, RecordStatus.SUBMITTED.value]
    entry = HistoryEntry(at, by, "EDITED", changes)
    return _with(
        record,
        entry,
        details=details,
        document=document if document is not None else record.document,
        status=RecordStatus.SUBMITTED,
        submitted_at=at,
        declared_at=at,
        skpd_id=unit[0],
        satker_id=unit[1],
    )


def withdraw(record: CareerRecord, *, by: str, at: datetime) -> CareerRecord:
    require_editable(record)
    entry = HistoryEntry(at, by, "WITHDRAWN", {"status": [record.status.value, RecordStatus.WITHDRAWN.value]})
    return _with(record, entry, status=RecordStatus.WITHDRAWN)


def _with(record: CareerRecord, entry: HistoryEntry, **updates: Any) -> CareerRecord:
    return replace(record, history=(*record.history, entry), **updates)
