"""In-memory twins of `DynamoLeaveRepository` and `DynamoLeaveSettings`: the same conditions, one lock.

DynamoDB writes a request with the employee's held days (conditional on their revision) and checks the report
revision of the days a report could still be written for; here the attendance twin's lock, which the report twin
holds for its own writes, makes the same all-or-nothing decision.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date

from ...domain.errors import Conflict
from ...domain.leave import LeaveCalendar, LeaveRequest, LeaveSettings, LeaveStatus, LeaveType
from ..leave import waiting_key
from ..protocols import DayChanged
from .attendance import InMemoryAttendanceRepository
from .paging import page


def _stale() -> Conflict:
    return Conflict("Permohonan cuti telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")


class InMemoryLeaveRepository:
    def __init__(self, attendance: InMemoryAttendanceRepository) -> None:
        self._days = attendance
        self.lock = attendance.lock
        self._items: dict[str, LeaveRequest] = {}
        self._calendars: dict[str, LeaveCalendar] = {}
        self._counters: dict[str, int] = {}

    def get(self, leave_id: str) -> LeaveRequest | None:
        return self._items.get(leave_id)

    def calendar(self, nip: str) -> LeaveCalendar:
        with self.lock:
            return self._calendars.get(nip) or LeaveCalendar(nip)

    def calendars(self, nips: set[str]) -> dict[str, LeaveCalendar]:
        return {nip: self.calendar(nip) for nip in sorted(nips)}

    def held(self, nip: str, day: date) -> bool:
        """Whether ``day`` is held by a leave (what a report's transaction checks; hold ``lock``)."""
        calendar = self._calendars.get(nip)
        return calendar is not None and day in calendar.days

    def of_employee(self, nip: str) -> list[LeaveRequest]:
        return sorted((i for i in self._items.values() if i.nip == nip), key=_owner_sort)

    def list_own(
        self, nip: str, *, status: LeaveStatus | None, year: int | None, cursor: str | None, limit: int
    ) -> tuple[list[LeaveRequest], str | None]:
        low, high = (f"{year}-01-01", f"{year}-12-31#~") if year else ("0", "~")
        found = [
            i
            for i in self._items.values()
            if i.nip == nip and low <= _owner_sort(i) <= high and (status is None or i.status is status)
        ]
        return page(found, _owner_sort, cursor, limit, f"leaves.by_owner:{nip}:{low}:{high}", newest_first=True)

    def create(self, leave: LeaveRequest, calendar: LeaveCalendar, report_revs: Mapping[date, int]) -> LeaveRequest:
        with self.lock:
            if leave.leave_id in self._items:
                raise _stale()
            self._check_calendar(calendar)
            for day, rev in report_revs.items():
                current = self._days.stored(leave.nip, day)
                if (current.report_rev if current else 0) != rev:
                    raise DayChanged
            return self._put(leave, calendar)

    def change(self, old: LeaveRequest, new: LeaveRequest, calendar: LeaveCalendar) -> LeaveRequest:
        with self.lock:
            self._check_version(new)
            self._check_calendar(calendar)
            return self._put(new, calendar)

    def save(self, leave: LeaveRequest) -> LeaveRequest:
        with self.lock:
            self._check_version(leave)
            saved = replace(leave, version=leave.version + 1)
            self._items[leave.leave_id] = saved
            return saved

    def number(self, leave_id: str, series: str, make: Callable[[LeaveRequest, int], LeaveRequest]) -> LeaveRequest:
        with self.lock:
            current = self._items.get(leave_id)
            if current is None:
                raise Conflict("Permohonan cuti tidak ditemukan.", code="LEAVE_NOT_FOUND")
            value = self._counters.get(series, 0)
            numbered = make(current, value + 1)
            self._counters[series] = value + 1
            saved = replace(numbered, version=current.version + 1)
            self._items[leave_id] = saved
            return saved

    def counter(self, series: str) -> int:
        return self._counters.get(series, 0)

    def waiting(self, nip: str, stage: str, cursor: str | None, limit: int) -> tuple[list[LeaveRequest], str | None]:
        found = [i for i in self._items.values() if _waits(i, nip, stage)]
        return page(found, lambda i: waiting_key(i)[1], cursor, limit, f"leaves.by_waiting:{nip}:{stage}")  # type: ignore[index]

    def count_waiting(self, nip: str, stage: str) -> int:
        return sum(1 for i in self._items.values() if _waits(i, nip, stage))

    def numbering_queue(self, skpd_id: str, cursor: str | None, limit: int) -> tuple[list[LeaveRequest], str | None]:
        found = [i for i in self._items.values() if _numbering(i, skpd_id)]
        return page(found, _approved_sort, cursor, limit, f"leaves.by_numbering:{skpd_id}")

    def count_numbering(self, skpd_id: str) -> int:
        return sum(1 for i in self._items.values() if _numbering(i, skpd_id))

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
        found = [
            i
            for i in self._items.values()
            if i.skpd_id == skpd_id
            and i.end >= first
            and i.start <= last
            and (satker_id is None or i.satker_id == satker_id)
            and (leave_type is None or i.leave_type is leave_type)
            and (status is None or i.status is status)
        ]
        scope = f"leaves.by_skpd:{skpd_id}:{first}:{last}:{satker_id}:{leave_type}:{status}"
        return page(found, lambda i: f"{i.end.isoformat()}#{i.satker_id}#{i.leave_id}", cursor, limit, scope)

    def set_opening(self, nip: str, year: int, remaining: int) -> LeaveCalendar:
        with self.lock:
            calendar = self.calendar(nip)
            updated = replace(calendar, opening={**calendar.opening, year: remaining}, revision=calendar.revision + 1)
            self._calendars[nip] = updated
            return updated

    def set_bersama_worked(self, nip: str, year: int, days: int) -> LeaveCalendar:
        with self.lock:
            calendar = self.calendar(nip)
            worked = {**calendar.bersama_worked, year: days}
            updated = replace(calendar, bersama_worked=worked, revision=calendar.revision + 1)
            self._calendars[nip] = updated
            return updated

    # -- helpers (hold `lock`) ---------------------------------------------------------------------------

    def _check_version(self, leave: LeaveRequest) -> None:
        stored = self._items.get(leave.leave_id)
        if stored is None or stored.version != leave.version:
            raise _stale()

    def _check_calendar(self, calendar: LeaveCalendar) -> None:
        if self.calendar(calendar.nip).revision != calendar.revision:
            raise DayChanged

    def _put(self, leave: LeaveRequest, calendar: LeaveCalendar) -> LeaveRequest:
        saved = replace(leave, version=leave.version + 1)
        self._items[leave.leave_id] = saved
        self._calendars[leave.nip] = replace(calendar.with_leave(leave), revision=calendar.revision + 1)
        return saved


def _owner_sort(leave: LeaveRequest) -> str:
    return f"{leave.start.isoformat()}#{leave.leave_id}"


def _waits(leave: LeaveRequest, nip: str, stage: str) -> bool:
    key = waiting_key(leave)
    return key is not None and key[0] == nip and key[1].startswith(f"{stage}#")


def _numbering(leave: LeaveRequest, skpd_id: str) -> bool:
    return leave.skpd_id == skpd_id and leave.status is LeaveStatus.APPROVED and not leave.letter_number


def _approved_sort(leave: LeaveRequest) -> str:
    return f"{(leave.decision.at if leave.decision else leave.applied_at).isoformat()}#{leave.leave_id}"


class InMemoryLeaveSettings:
    def __init__(self) -> None:
        self._items: dict[str, LeaveSettings] = {}

    def get(self, skpd_id: str) -> LeaveSettings:
        return self._items.get(skpd_id) or LeaveSettings(skpd_id)

    def save(self, settings: LeaveSettings) -> LeaveSettings:
        if self.get(settings.skpd_id).version != settings.version:
            raise Conflict(
                "Pengaturan cuti telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT"
            )
        saved = replace(settings, version=settings.version + 1)
        self._items[settings.skpd_id] = saved
        return saved
