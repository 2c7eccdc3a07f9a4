"""In-memory twin of `DynamoAttendanceRepository`; its day table also carries the report slots and tally."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date, time

from ...domain.attendance import AttendanceDay, Fix, Session
from ...domain.errors import Conflict
from ..protocols import Unit

#: statuses with a tally on the day (``count_submitted`` … in DynamoDB)
TALLIED = ("SUBMITTED", "APPROVED", "REJECTED")


def empty_day(nip: str, day: date) -> AttendanceDay:
    """A day as `store.attendance.to_day` reads an item with nothing recorded yet."""
    return AttendanceDay(nip=nip, day=day, report_counts=dict.fromkeys(TALLIED, 0))


def _copy(day: AttendanceDay) -> AttendanceDay:
    return replace(
        day,
        report_slots=dict(day.report_slots),
        report_counts=dict(day.report_counts),
        native_fixes=dict(day.native_fixes),
        native_selfies=dict(day.native_selfies),
    )


def _minute(at: time) -> time:
    """Times are kept as ``HH:MM``, as in DynamoDB."""
    return at.replace(second=0, microsecond=0)


class InMemoryAttendanceRepository:
    """Behaves like `DynamoAttendanceRepository`: upserts, one native check-in and check-out a day."""

    def __init__(self) -> None:
        self._days: dict[tuple[str, date], AttendanceDay] = {}
        #: the satker each attended day is recorded under (DynamoDB's `by_satker_day` index)
        self.units: dict[tuple[str, date], Unit] = {}
        #: held by every write, and by the report twin's transactions over days and reports
        self.lock = threading.RLock()

    def get(self, nip: str, day: date) -> AttendanceDay | None:
        with self.lock:
            found = self._days.get((nip, day))
            return _copy(found) if found else None

    def between(self, nip: str, first: date, last: date) -> list[AttendanceDay]:
        with self.lock:
            found = [d for (n, day), d in self._days.items() if n == nip and first <= day <= last]
            return [_copy(d) for d in sorted(found, key=lambda d: d.day)]

    def upsert_sync(
        self, nip: str, day: date, check_in: time | None, check_out: time | None, unit: Unit | None
    ) -> None:
        changes = {}
        if check_in is not None:
            changes["sync_in"] = _minute(check_in)
        if check_out is not None:
            changes["sync_out"] = _minute(check_out)
        if changes:
            with self.lock:
                self.put(replace(self.stored(nip, day) or empty_day(nip, day), **changes))
                if unit is not None:
                    self.units[(nip, day)] = unit

    def recent(self, nip: str, last: date, limit: int) -> list[AttendanceDay]:
        with self.lock:
            found = [d for (n, day), d in self._days.items() if n == nip and day <= last]
            return [_copy(d) for d in sorted(found, key=lambda d: d.day, reverse=True)[:limit]]

    def check_in(
        self,
        nip: str,
        unit: Unit,
        day: date,
        session: Session,
        at: time,
        distance_m: float | None,
        fix: Fix | None = None,
        selfie_key: str | None = None,
    ) -> None:
        field = "native_in" if session is Session.PAGI else "native_out"
        with self.lock:
            self.refuse_twice(nip, day, session)
            current = self.stored(nip, day) or empty_day(nip, day)
            fixes = {**current.native_fixes, session: fix} if fix else current.native_fixes
            selfies = {**current.native_selfies, session: selfie_key} if selfie_key else current.native_selfies
            self.put(replace(current, native_fixes=fixes, native_selfies=selfies, **{field: _minute(at)}))
            self.units[(nip, day)] = unit

    def refuse_twice(self, nip: str, day: date, session: Session) -> None:
        """The condition of a native check-in (`store.attendance.check_in_update`): not twice, not once rejected."""
        current = self.stored(nip, day)
        field = "native_in" if session is Session.PAGI else "native_out"
        if current is not None and (getattr(current, field) is not None or session in current.native_rejected):
            code = "ALREADY_CHECKED_IN" if session is Session.PAGI else "ALREADY_CHECKED_OUT"
            raise Conflict("Presensi ini sudah tercatat hari ini.", code=code)

    def remove_native(self, nip: str, day: date, session: Session) -> None:
        """What `store.attendance.native_removal` and `leave_index_when_unattended` do (hold `lock`): the session
        leaves the day, marked rejected."""
        current = self.stored(nip, day) or empty_day(nip, day)
        field = "native_in" if session is Session.PAGI else "native_out"
        fixes = {s: f for s, f in current.native_fixes.items() if s is not session}
        rejected = current.native_rejected | {session}
        self.put(replace(current, native_fixes=fixes, native_rejected=rejected, **{field: None}))
        if not self._days[(nip, day)].attended:
            self.units.pop((nip, day), None)

    # -- the day table, for the report twin (hold `lock`) -----------------------------------------

    def stored(self, nip: str, day: date) -> AttendanceDay | None:
        return self._days.get((nip, day))

    def put(self, day: AttendanceDay) -> None:
        self._days[(day.nip, day.day)] = _copy(day)
