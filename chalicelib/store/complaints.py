"""Attendance complaints. Each write is one transaction of the complaint and its day's attendance item.

The attendance item of (nip, date) is the key item of a complaint's session: ``complaint_pagi_id`` or
``complaint_sore_id`` names the complaint that claims it. Submitting sets the claim on condition that it is
unset and that the session is not attended (sync, native, approved complaint), so of two complaints for one
session sent at the same moment exactly one lands. Approving adds the session to ``complaint_sessions`` and
puts the day into its satker's recap index (``by_satker_day``), as check-in does; rejecting frees the claim.
"""

from __future__ import annotations

import time as time_module
from dataclasses import asdict, replace
from datetime import date, datetime
from typing import Any

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from ..domain.attendance import AttendanceDay, Session
from ..domain.complaints import (
    Complaint,
    ComplaintStatus,
    ComplaintType,
    Letter,
    already_attended,
    duplicate,
    session_attended,
)
from ..domain.errors import Conflict
from .attendance import to_day
from .history import history_json, history_of
from .models import AttendanceItem, ComplaintItem, transaction_connection
from .paging import bounded_page, decode_cursor

MAX_LIST_REQUESTS = 4
TRANSACTION_ATTEMPTS = 3
_CLAIMS = {Session.PAGI: AttendanceItem.complaint_pagi_id, Session.SORE: AttendanceItem.complaint_sore_id}
_RECORDED = {
    Session.PAGI: (AttendanceItem.sync_in, AttendanceItem.native_in),
    Session.SORE: (AttendanceItem.sync_out, AttendanceItem.native_out),
}
_OWNER_KEYS = ("complaint_id", "nip", "owner_sort")
_SKPD_KEYS = ("complaint_id", "skpd_status", "queue_sort")
_STATUS_KEYS = ("complaint_id", "status", "queue_sort")


def _stale() -> Conflict:
    return Conflict("Pengaduan telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")


def _used() -> Conflict:
    return Conflict(
        "Berkas ini sudah dipakai untuk pengaduan lain; unggah surat tugas kembali.", code="UPLOAD_ALREADY_USED"
    )


def owner_sort(complaint: Complaint) -> str:
    return f"{complaint.day.isoformat()}#{complaint.session.value}#{complaint.complaint_id}"


def queue_sort(complaint: Complaint) -> str:
    return f"{complaint.day.isoformat()}#{complaint.submitted_at.isoformat()}#{complaint.complaint_id}"


def date_range(first: date | None, last: date | None) -> tuple[str, str]:
    """Bounds of ``owner_sort`` / ``queue_sort`` for the dates from ``first`` to ``last`` (open ends allowed)."""
    return (first or date.min).isoformat(), f"{(last or date.max).isoformat()}#~"


def to_item(complaint: Complaint) -> ComplaintItem:
    item = ComplaintItem(
        complaint_id=complaint.complaint_id,
        reference=complaint.reference,
        nip=complaint.nip,
        skpd_id=complaint.skpd_id,
        satker_id=complaint.satker_id,
        kind=complaint.kind.value,
        day=complaint.day.isoformat(),
        session=complaint.session.value,
        reason=complaint.reason,
        letter=asdict(complaint.letter),
        status=complaint.status.value,
        submitted_at=complaint.submitted_at.isoformat(),
        decided_by=complaint.decided_by,
        decided_at=complaint.decided_at.isoformat() if complaint.decided_at else None,
        note=complaint.note,
        history=history_json(complaint.history),
        owner_sort=owner_sort(complaint),
        skpd_status=f"{complaint.skpd_id}#{complaint.status.value}",
        queue_sort=queue_sort(complaint),
    )
    if complaint.version:
        item.version = complaint.version
    return item


def to_complaint(item: ComplaintItem) -> Complaint:
    return Complaint(
        complaint_id=item.complaint_id,
        reference=item.reference,
        nip=item.nip,
        skpd_id=item.skpd_id,
        satker_id=item.satker_id,
        kind=ComplaintType(item.kind),
        day=date.fromisoformat(item.day),
        session=Session(item.session),
        reason=item.reason,
        letter=Letter(**item.letter),
        status=ComplaintStatus(item.status),
        submitted_at=datetime.fromisoformat(item.submitted_at),
        decided_by=item.decided_by,
        decided_at=datetime.fromisoformat(item.decided_at) if item.decided_at else None,
        note=item.note,
        history=history_of(item.history),
        version=int(item.version),
    )


class DynamoComplaintRepository:
    """Implements `ComplaintRepository` (see `protocols.py`)."""

    def get(self, complaint_id: str) -> Complaint | None:
        try:
            return to_complaint(ComplaintItem.get(complaint_id, consistent_read=True))
        except ComplaintItem.DoesNotExist:
            return None

    def claims(self, nip: str, day: date) -> tuple[AttendanceDay | None, dict[Session, str]]:
        try:
            item = AttendanceItem.get(nip, day.isoformat(), consistent_read=True)
        except AttendanceItem.DoesNotExist:
            return None, {}
        claimed = {s: getattr(item, attr.attr_name) for s, attr in _CLAIMS.items()}
        return to_day(item), {s: cid for s, cid in claimed.items() if cid}

    def create(self, complaint: Complaint) -> Complaint:
        """Put a new complaint and claim its session of the day (unclaimed and not attended), or refuse."""
        claim = _CLAIMS[complaint.session]
        sync, native = _RECORDED[complaint.session]
        condition = (
            claim.does_not_exist()
            & sync.does_not_exist()
            & native.does_not_exist()
            & ~AttendanceItem.complaint_sessions.contains(complaint.session.value)
        )
        day = AttendanceItem(nip=complaint.nip, day=complaint.day.isoformat())
        reasons = self._write(complaint, (day, [claim.set(complaint.complaint_id)], condition))
        if reasons is None:
            return replace(complaint, version=1)
        if reasons[0] == "ConditionalCheckFailed":
            raise _used()
        record, claims = self.claims(complaint.nip, complaint.day)
        if complaint.session in claims or not session_attended(record, complaint.session):
            raise duplicate(complaint.day, complaint.session)
        raise already_attended(complaint.session)

    def decide(self, old: Complaint, new: Complaint) -> Complaint:
        """Record HR's decision; an approval attends the session, a rejection frees its claim."""
        claim = _CLAIMS[new.session]
        day = AttendanceItem(nip=new.nip, day=new.day.isoformat())
        if new.status is ComplaintStatus.APPROVED:
            actions = [
                AttendanceItem.complaint_sessions.add({new.session.value}),
                AttendanceItem.satker_key.set(f"{new.skpd_id}#{new.satker_id}"),
                AttendanceItem.satker_sort.set(f"{new.day.isoformat()}#{new.nip}"),
            ]
        else:
            actions = [claim.remove()]
        reasons = self._write(replace(new, version=old.version), (day, actions, claim == new.complaint_id))
        if reasons is not None:
            raise _stale()
        return replace(new, version=old.version + 1)

    def list_own(
        self,
        nip: str,
        *,
        first: date | None,
        last: date | None,
        status: ComplaintStatus | None,
        cursor: str | None,
        limit: int,
    ) -> tuple[list[Complaint], str | None]:
        """Newest date first; the status is a filter, so a page may hold fewer than ``limit``."""
        low, high = date_range(first, last)
        scope = f"complaints.by_owner:{nip}:{low}:{high}"
        result = ComplaintItem.by_owner.query(
            nip,
            ComplaintItem.owner_sort.between(low, high),
            filter_condition=ComplaintItem.status == status.value if status else None,
            scan_index_forward=False,
            page_size=limit,
            last_evaluated_key=decode_cursor(cursor, scope),
        )
        raw, next_cursor = bounded_page(result, limit, _OWNER_KEYS, MAX_LIST_REQUESTS, scope)
        return [to_complaint(ComplaintItem.from_raw_data(r)) for r in raw], next_cursor

    def queue(
        self,
        skpd_id: str | None,
        status: ComplaintStatus,
        *,
        satker_id: str | None,
        first: date | None,
        last: date | None,
        cursor: str | None,
        limit: int,
    ) -> tuple[list[Complaint], str | None]:
        """Oldest date first; a satker is a filter (at most a few requests a page, then a cursor)."""
        low, high = date_range(first, last)
        condition = ComplaintItem.satker_id == satker_id if satker_id else None
        if skpd_id is None:
            index, partition, keys = ComplaintItem.by_status, status.value, _STATUS_KEYS
        else:
            index, partition, keys = ComplaintItem.by_skpd_status, f"{skpd_id}#{status.value}", _SKPD_KEYS
        scope = f"complaints.{index.Meta.index_name}:{partition}:{low}:{high}:{satker_id or ''}"
        result = index.query(
            partition,
            ComplaintItem.queue_sort.between(low, high),
            filter_condition=condition,
            page_size=limit,
            last_evaluated_key=decode_cursor(cursor, scope),
        )
        raw, next_cursor = bounded_page(result, limit, keys, MAX_LIST_REQUESTS, scope)
        return [to_complaint(ComplaintItem.from_raw_data(r)) for r in raw], next_cursor

    def count(self, skpd_id: str | None, status: ComplaintStatus) -> int:
        """How many complaints are in ``status`` (a COUNT query: reads grow with those, nothing else)."""
        if skpd_id is None:
            return ComplaintItem.by_status.count(status.value)
        return ComplaintItem.by_skpd_status.count(f"{skpd_id}#{status.value}")

    def _write(self, complaint: Complaint, day: tuple[AttendanceItem, list[Any], Any]) -> list[str | None] | None:
        """One transaction (the complaint, version-checked, and its day item); ``None`` when it landed, else the
        cancellation reasons of [complaint, day]. Retried when a concurrent transaction got in the way."""
        day_item, actions, condition = day
        for attempt in range(TRANSACTION_ATTEMPTS):
            try:
                with TransactWrite(connection=transaction_connection()) as transaction:
                    transaction.save(to_item(complaint))
                    transaction.update(day_item, actions=actions, condition=condition)
            except TransactWriteError as exc:
                reasons = [getattr(r, "code", None) for r in (exc.cancellation_reasons or [])]
                if "ConditionalCheckFailed" in reasons:
                    return reasons
                if "TransactionConflict" in reasons and attempt + 1 < TRANSACTION_ATTEMPTS:
                    time_module.sleep(0.05 * (attempt + 1))
                    continue
                raise
            return None
        raise AssertionError("unreachable")
