"""Leave storage: requests (`leaves`), each employee's held days (`leave_days`), per-SKPD settings, and the
gap-free letter numbers (`sequences`).

- A new request is one transaction: the request (new id), the employee's held days (conditional on the revision
  read, so of two overlapping requests only one lands) and a condition check on each day item a report could
  still be written for (conditional on the day's ``report_rev`` read, so a report and a leave racing for the
  same day cannot both land; a report's own transaction checks that its day is not held).
- A change of status is one transaction of the request (version-checked) and the held days.
- A letter number is taken and written in one transaction: the series' counter moves from the value read to the
  next (conditional on that value) and the request gets the number (conditional on its version, so it is still
  approved and unnumbered). A lost race changes nothing and is retried, so numbers never repeat nor skip.
"""

from __future__ import annotations

import random
import time as time_module
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from pynamodb.exceptions import PutError, TransactWriteError, UpdateError
from pynamodb.transactions import TransactWrite

from ..domain.errors import Conflict
from ..domain.leave import (
    Attachment,
    LeaveCalendar,
    LeaveRequest,
    LeaveSettings,
    LeaveStatus,
    LeaveType,
    Step,
    Verdict,
)
from .conditions import condition_failed, save_versioned
from .history import history_json, history_of
from .models import AttendanceItem, LeaveDaysItem, LeaveItem, LeaveSettingsItem, SequenceItem, transaction_connection
from .paging import bounded_page, decode_cursor, encode_cursor
from .protocols import DayChanged

TRANSACTION_ATTEMPTS = 4
#: a numbering request retries its lost races this often (50 officers at once still all get through)
NUMBER_ATTEMPTS = 400
MAX_LIST_REQUESTS = 4
CONSIDERATION, DECISION = "CONSIDERATION", "DECISION"
_OWNER_KEYS = ("leave_id", "nip", "owner_sort")
_SKPD_KEYS = ("leave_id", "skpd_id", "skpd_sort")


def _stale() -> Conflict:
    return Conflict("Permohonan cuti telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")


# -- conversions -------------------------------------------------------------------------------------------------


def _step(step: Step | None) -> dict[str, Any] | None:
    if step is None:
        return None
    return {
        "verdict": step.verdict.value,
        "by": step.by,
        "at": step.at.isoformat(),
        "note": step.note,
        "on_behalf_of": step.on_behalf_of,
    }


def _to_step(data: Mapping[str, Any] | None) -> Step | None:
    if not data:
        return None
    return Step(
        Verdict(data["verdict"]),
        data["by"],
        datetime.fromisoformat(data["at"]),
        data.get("note"),
        data.get("on_behalf_of"),
    )


def waiting_key(leave: LeaveRequest) -> tuple[str, str] | None:
    """(who acts next, sort key) while the request waits for someone."""
    if leave.status is LeaveStatus.PENDING_CONSIDERATION:
        return leave.supervisor_nip, f"{CONSIDERATION}#{leave.applied_at.isoformat()}#{leave.leave_id}"
    if leave.status is LeaveStatus.PENDING_DECISION:
        since = leave.consideration.at if leave.consideration else leave.applied_at
        return leave.official_nip, f"{DECISION}#{since.isoformat()}#{leave.leave_id}"
    return None


def to_item(leave: LeaveRequest) -> LeaveItem:
    waiting = waiting_key(leave)
    numbering = leave.status is LeaveStatus.APPROVED and not leave.letter_number
    approved_at = (leave.decision.at if leave.decision else leave.applied_at).isoformat()
    item = LeaveItem(
        leave_id=leave.leave_id,
        nip=leave.nip,
        skpd_id=leave.skpd_id,
        satker_id=leave.satker_id,
        leave_type=leave.leave_type.value,
        reason=leave.reason,
        start_day=leave.start.isoformat(),
        end_day=leave.end.isoformat(),
        working_days=leave.working_days,
        address=leave.address,
        phone=leave.phone,
        child_order=leave.child_order,
        attachment=(
            {
                "file_id": leave.attachment.file_id,
                "key": leave.attachment.key,
                "filename": leave.attachment.filename,
                "size": leave.attachment.size,
            }
            if leave.attachment
            else None
        ),
        supervisor_nip=leave.supervisor_nip,
        official_nip=leave.official_nip,
        status=leave.status.value,
        applied_at=leave.applied_at.isoformat(),
        consideration=_step(leave.consideration),
        decision=_step(leave.decision),
        letter_number=leave.letter_number,
        letter_seq=leave.letter_seq,
        numbered_at=leave.numbered_at.isoformat() if leave.numbered_at else None,
        numbered_by=leave.numbered_by,
        cancelled_by=leave.cancelled_by,
        cancel_reason=leave.cancel_reason,
        balance=[list(row) for row in leave.balance] or None,
        history=history_json(leave.history),
        owner_sort=f"{leave.start.isoformat()}#{leave.leave_id}",
        waiting_nip=waiting[0] if waiting else None,
        waiting_sort=waiting[1] if waiting else None,
        numbering_skpd=leave.skpd_id if numbering else None,
        numbering_sort=f"{approved_at}#{leave.leave_id}" if numbering else None,
        skpd_sort=f"{leave.end.isoformat()}#{leave.satker_id}#{leave.leave_id}",
    )
    if leave.version:
        item.version = leave.version
    return item


def to_leave(item: LeaveItem) -> LeaveRequest:
    attachment = item.attachment
    return LeaveRequest(
        leave_id=item.leave_id,
        nip=item.nip,
        skpd_id=item.skpd_id,
        satker_id=item.satker_id,
        leave_type=LeaveType(item.leave_type),
        reason=item.reason,
        start=date.fromisoformat(item.start_day),
        end=date.fromisoformat(item.end_day),
        working_days=int(item.working_days),
        address=item.address,
        phone=item.phone,
        supervisor_nip=item.supervisor_nip,
        official_nip=item.official_nip,
        status=LeaveStatus(item.status),
        applied_at=datetime.fromisoformat(item.applied_at),
        child_order=int(item.child_order) if item.child_order is not None else None,
        attachment=Attachment(**attachment) if attachment else None,
        consideration=_to_step(item.consideration),
        decision=_to_step(item.decision),
        letter_number=item.letter_number,
        letter_seq=int(item.letter_seq) if item.letter_seq is not None else None,
        numbered_at=datetime.fromisoformat(item.numbered_at) if item.numbered_at else None,
        numbered_by=item.numbered_by,
        cancelled_by=item.cancelled_by,
        cancel_reason=item.cancel_reason,
        balance=tuple((int(y), int(n)) for y, n in item.balance or ()),
        history=history_of(item.history),
        version=int(item.version),
    )


def to_calendar(item: LeaveDaysItem | None, nip: str) -> LeaveCalendar:
    if item is None:
        return LeaveCalendar(nip)
    leaves = {}
    for leave_id, value in (item.leaves.as_dict() if item.leaves else {}).items():
        kind, status = str(value).split("#", 1)
        leaves[leave_id] = (LeaveType(kind), LeaveStatus(status))
    return LeaveCalendar(
        nip=nip,
        days={date.fromisoformat(d): str(i) for d, i in (item.days.as_dict() if item.days else {}).items()},
        leaves=leaves,
        opening={int(y): int(n) for y, n in (item.opening.as_dict() if item.opening else {}).items()},
        revision=int(item.revision or 0),
        bersama_worked={
            int(y): int(n) for y, n in (item.bersama_worked.as_dict() if item.bersama_worked else {}).items()
        },
    )


def _calendar_write(calendar: LeaveCalendar) -> tuple[LeaveDaysItem, list[Any], Any]:
    """Set the held days and leaves, conditional on the revision the calendar was read at."""
    actions = [
        LeaveDaysItem.days.set({d.isoformat(): i for d, i in calendar.days.items()}),
        LeaveDaysItem.leaves.set({i: f"{k.value}#{s.value}" for i, (k, s) in calendar.leaves.items()}),
        LeaveDaysItem.revision.set(calendar.revision + 1),
    ]
    seen = LeaveDaysItem.revision == calendar.revision if calendar.revision else LeaveDaysItem.revision.does_not_exist()
    return LeaveDaysItem(nip=calendar.nip), actions, seen


def _report_day_check(nip: str, day: date, report_rev: int) -> Any:
    """The day still has the report revision read (no report written for it meanwhile)."""
    if report_rev:
        return AttendanceItem.report_rev == report_rev
    return AttendanceItem.report_rev.does_not_exist()


def _reasons(exc: TransactWriteError) -> list[str | None]:
    return [getattr(r, "code", None) for r in (exc.cancellation_reasons or [])]


def _pause(attempt: int) -> None:
    time_module.sleep(min(0.2, 0.004 * 2 ** min(attempt, 6)) * random.uniform(0.5, 1.5))  # jitter


# -- the repository -----------------------------------------------------------------------------------------------


class DynamoLeaveRepository:
    """Implements `LeaveRepository` (see `protocols.py`)."""

    def get(self, leave_id: str) -> LeaveRequest | None:
        try:
            return to_leave(LeaveItem.get(leave_id, consistent_read=True))
        except LeaveItem.DoesNotExist:
            return None

    def calendar(self, nip: str) -> LeaveCalendar:
        try:
            return to_calendar(LeaveDaysItem.get(nip, consistent_read=True), nip)
        except LeaveDaysItem.DoesNotExist:
            return LeaveCalendar(nip)

    def calendars(self, nips: set[str]) -> dict[str, LeaveCalendar]:
        """Several employees' held days, 100 per BatchGetItem (recaps)."""
        found: dict[str, LeaveCalendar] = {}
        ordered = sorted(nips)
        for start in range(0, len(ordered), 100):
            for item in LeaveDaysItem.batch_get(ordered[start : start + 100]):
                found[item.nip] = to_calendar(item, item.nip)
        return {nip: found.get(nip, LeaveCalendar(nip)) for nip in ordered}

    def of_employee(self, nip: str) -> list[LeaveRequest]:
        """Every request of one employee (a few a year), for the balance and the form's notes."""
        return [to_leave(i) for i in LeaveItem.by_owner.query(nip)]

    def list_own(
        self, nip: str, *, status: LeaveStatus | None, year: int | None, cursor: str | None, limit: int
    ) -> tuple[list[LeaveRequest], str | None]:
        """Newest start first; ``year`` narrows the key, ``status`` filters."""
        low, high = (f"{year}-01-01", f"{year}-12-31#~") if year else ("0", "~")
        scope = f"leaves.by_owner:{nip}:{low}:{high}"
        result = LeaveItem.by_owner.query(
            nip,
            LeaveItem.owner_sort.between(low, high),
            filter_condition=(LeaveItem.status == status.value) if status else None,
            scan_index_forward=False,
            page_size=limit,
            last_evaluated_key=decode_cursor(cursor, scope),
        )
        raw, next_cursor = bounded_page(result, limit, _OWNER_KEYS, MAX_LIST_REQUESTS, scope)
        return [to_leave(LeaveItem.from_raw_data(r)) for r in raw], next_cursor

    def create(self, leave: LeaveRequest, calendar: LeaveCalendar, report_revs: Mapping[date, int]) -> LeaveRequest:
        item = to_item(leave)

        def write(transaction: TransactWrite) -> None:
            transaction.save(item, condition=LeaveItem.leave_id.does_not_exist())
            days_item, actions, seen = _calendar_write(calendar.with_leave(leave))
            transaction.update(days_item, actions=actions, condition=seen)
            for day, rev in sorted(report_revs.items()):
                transaction.condition_check(
                    AttendanceItem, leave.nip, day.isoformat(), condition=_report_day_check(leave.nip, day, rev)
                )

        self._transact(write, item_at=len(report_revs))  # condition checks go first
        return replace(leave, version=int(item.version))

    def change(self, old: LeaveRequest, new: LeaveRequest, calendar: LeaveCalendar) -> LeaveRequest:
        item = to_item(new)

        def write(transaction: TransactWrite) -> None:
            transaction.save(item)
            days_item, actions, seen = _calendar_write(calendar.with_leave(new))
            transaction.update(days_item, actions=actions, condition=seen)

        self._transact(write, item_at=0)
        return replace(new, version=int(item.version))

    def save(self, leave: LeaveRequest) -> LeaveRequest:
        """A change that leaves the held days alone (a new supervisor): version-checked."""
        return replace(leave, version=save_versioned(to_item(leave), _stale))

    def number(self, leave_id: str, series: str, make: Callable[[LeaveRequest, int], LeaveRequest]) -> LeaveRequest:
        """Give ``leave_id`` the next number of ``series`` (``make`` builds the numbered request from the request
        read and the number, refusing when the rules do), in one transaction with the series' counter."""
        for attempt in range(NUMBER_ATTEMPTS):
            current = self.get(leave_id)
            if current is None:
                raise Conflict("Permohonan cuti tidak ditemukan.", code="LEAVE_NOT_FOUND")
            value = _counter(series)
            numbered = make(current, value + 1)
            item = to_item(numbered)
            counter = SequenceItem(series=series)
            seen = SequenceItem.value == value if value else SequenceItem.value.does_not_exist()
            try:
                with TransactWrite(connection=transaction_connection()) as transaction:
                    transaction.update(counter, actions=[SequenceItem.value.set(value + 1)], condition=seen)
                    transaction.save(item)
            except TransactWriteError as exc:
                reasons = _reasons(exc)
                if "ConditionalCheckFailed" in reasons or "TransactionConflict" in reasons:
                    _pause(attempt)
                    continue  # someone else took this number, or changed the request: read both again
                raise
            return replace(numbered, version=int(item.version))
        raise Conflict("Penomoran sedang ramai; coba lagi sebentar.", code="CONFLICT")

    def counter(self, series: str) -> int:
        return _counter(series)

    def waiting(self, nip: str, stage: str, cursor: str | None, limit: int) -> tuple[list[LeaveRequest], str | None]:
        """What waits for ``nip`` at ``stage`` (CONSIDERATION or DECISION), oldest first."""
        scope = f"leaves.by_waiting:{nip}:{stage}"
        result = LeaveItem.by_waiting.query(
            nip,
            LeaveItem.waiting_sort.startswith(f"{stage}#"),
            limit=limit,
            last_evaluated_key=decode_cursor(cursor, scope),
        )
        items = [to_leave(i) for i in result]
        return items, encode_cursor(result.last_evaluated_key, scope)

    def count_waiting(self, nip: str, stage: str) -> int:
        return LeaveItem.by_waiting.count(nip, LeaveItem.waiting_sort.startswith(f"{stage}#"))

    def numbering_queue(self, skpd_id: str, cursor: str | None, limit: int) -> tuple[list[LeaveRequest], str | None]:
        scope = f"leaves.by_numbering:{skpd_id}"
        result = LeaveItem.by_numbering.query(skpd_id, limit=limit, last_evaluated_key=decode_cursor(cursor, scope))
        items = [to_leave(i) for i in result]
        return items, encode_cursor(result.last_evaluated_key, scope)

    def count_numbering(self, skpd_id: str) -> int:
        return LeaveItem.by_numbering.count(skpd_id)

    def of_skpd(
        self,
        skpd_id: str,
        first: date,
        last: date,
        *,
        satker_id: str | None,
        leave_type: LeaveType | None,
        status: LeaveStatus | None,
        cursor: str | None,
        limit: int,
    ) -> tuple[list[LeaveRequest], str | None]:
        """An SKPD's leave touching ``first``..``last``: end on or after ``first`` (the key), start on or before
        ``last`` and the other filters."""
        condition = LeaveItem.start_day <= last.isoformat()
        if satker_id:
            condition &= LeaveItem.satker_id == satker_id
        if leave_type:
            condition &= LeaveItem.leave_type == leave_type.value
        if status:
            condition &= LeaveItem.status == status.value
        scope = f"leaves.by_skpd:{skpd_id}:{first}:{last}:{satker_id}:{leave_type}:{status}"
        result = LeaveItem.by_skpd.query(
            skpd_id,
            LeaveItem.skpd_sort >= first.isoformat(),
            filter_condition=condition,
            page_size=max(limit, 25),
            last_evaluated_key=decode_cursor(cursor, scope),
        )
        raw, next_cursor = bounded_page(result, limit, _SKPD_KEYS, MAX_LIST_REQUESTS, scope)
        return [to_leave(LeaveItem.from_raw_data(r)) for r in raw], next_cursor

    def set_opening(self, nip: str, year: int, remaining: int) -> LeaveCalendar:
        """HR's figure of what was left of ``year``'s annual leave before leave was recorded here."""
        return self._set_yearly(nip, "opening", year, remaining)

    def set_bersama_worked(self, nip: str, year: int, days: int) -> LeaveCalendar:
        """HR's record of the cuti bersama days of ``year`` the employee worked by duty."""
        return self._set_yearly(nip, "bersama_worked", year, days)

    def _set_yearly(self, nip: str, name: str, year: int, value: int) -> LeaveCalendar:
        """Set one year of a year → days map of the calendar item (``opening``, ``bersama_worked``)."""
        attribute = getattr(LeaveDaysItem, name)
        for attempt in range(TRANSACTION_ATTEMPTS * 2):
            calendar = self.calendar(nip)
            figures = {str(y): n for y, n in getattr(calendar, name).items()} | {str(year): value}
            seen = (
                LeaveDaysItem.revision == calendar.revision
                if calendar.revision
                else LeaveDaysItem.revision.does_not_exist()
            )
            try:
                LeaveDaysItem(nip=nip).update(
                    actions=[attribute.set(figures), LeaveDaysItem.revision.set(calendar.revision + 1)],
                    condition=seen,
                )
            except UpdateError as exc:
                if condition_failed(exc):  # a leave written meanwhile: read again
                    _pause(attempt)
                    continue
                raise
            changes = {name: {int(k): v for k, v in figures.items()}, "revision": calendar.revision + 1}
            return replace(calendar, **changes)
        raise Conflict("Data cuti sedang diubah bersamaan; coba lagi.", code="CONFLICT")

    def _transact(self, write: Callable[[TransactWrite], None], *, item_at: int) -> None:
        """One transaction: the request's own condition failing (its reason at ``item_at``: PynamoDB sends
        condition checks, then puts, then updates) is a stale version (409); any other condition (the held days'
        revision, a day's report revision) means "read again" (`DayChanged`)."""
        for attempt in range(TRANSACTION_ATTEMPTS):
            try:
                with TransactWrite(connection=transaction_connection()) as transaction:
                    write(transaction)
            except TransactWriteError as exc:
                reasons = _reasons(exc)
                if reasons[item_at : item_at + 1] == ["ConditionalCheckFailed"]:
                    raise _stale() from None
                if "ConditionalCheckFailed" in reasons:
                    raise DayChanged from None
                if "TransactionConflict" in reasons and attempt + 1 < TRANSACTION_ATTEMPTS:
                    _pause(attempt)
                    continue
                if "TransactionConflict" in reasons:
                    raise DayChanged from None
                raise
            return


def _counter(series: str) -> int:
    try:
        return int(SequenceItem.get(series, consistent_read=True).value or 0)
    except SequenceItem.DoesNotExist:
        return 0


class DynamoLeaveSettings:
    """Implements `LeaveSettingsRepository`."""

    def get(self, skpd_id: str) -> LeaveSettings:
        try:
            item = LeaveSettingsItem.get(skpd_id, consistent_read=True)
        except LeaveSettingsItem.DoesNotExist:
            return LeaveSettings(skpd_id)
        return LeaveSettings(
            skpd_id,
            item.official_nip,
            item.number_format or LeaveSettings(skpd_id).number_format,
            int(item.version),
        )

    def save(self, settings: LeaveSettings) -> LeaveSettings:
        item = LeaveSettingsItem(
            skpd_id=settings.skpd_id, official_nip=settings.official_nip, number_format=settings.number_format
        )
        if settings.version:
            item.version = settings.version
        try:
            item.save()
        except PutError as exc:
            if condition_failed(exc):
                raise Conflict(
                    "Pengaturan cuti telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT"
                ) from None
            raise
        return replace(settings, version=int(item.version))
