"""In-memory twin of `DynamoReportRepository`: the same version checks and per-day slot lock.

DynamoDB writes a report and its day item in one transaction, conditional on the report's version and
(for create and edit) on the day's ``report_rev``. Here one lock over both tables gives the same
guarantee: of two writes that read the same day, one lands and the other gets `DayChanged`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from typing import Any

from ...domain.attendance import AttendanceDay
from ...domain.errors import Conflict
from ...domain.leave import day_on_leave
from ...domain.reports import SYSTEM, Report, ReportStatus
from ..protocols import DayChanged
from ..reports import PENDING_SHARDS, pending_shard
from .attendance import TALLIED, InMemoryAttendanceRepository
from .leave import InMemoryLeaveRepository
from .paging import page

Slots = dict[str, tuple[time, time]]


@dataclass(frozen=True)
class _DayWrite:
    """A change of one day item; ``expected_rev`` ``None`` means only "the day exists"."""

    nip: str
    day: date
    expected_rev: int | None
    change: Callable[[AttendanceDay], AttendanceDay]


def _stale() -> Conflict:
    return Conflict("Laporan telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")


def _tally(counts: dict[str, int], status: ReportStatus, delta: int) -> dict[str, int]:
    if status.value not in TALLIED or not delta:
        return counts
    return {**counts, status.value: counts.get(status.value, 0) + delta}


def _claim(day: AttendanceDay, slots: Slots, status: ReportStatus, delta: int) -> _DayWrite:
    """Set the day's slots if its ``report_rev`` is still the one read; adjust the tally by ``delta``."""

    def change(current: AttendanceDay) -> AttendanceDay:
        counts = _tally(current.report_counts, status, delta)
        return replace(current, report_slots=dict(slots), report_rev=day.report_rev + 1, report_counts=counts)

    return _DayWrite(day.nip, day.day, day.report_rev, change)


def _span(report: Report) -> tuple[time, time]:
    return report.content.start, report.content.end


def _owner_sort(report: Report) -> str:
    return f"{report.content.day.isoformat()}#{report.content.start:%H:%M}#{report.report_id}"


class InMemoryReportRepository:
    """Behaves like `DynamoReportRepository`; writes the day items of ``attendance``."""

    overdue_shards = PENDING_SHARDS

    def __init__(self, attendance: InMemoryAttendanceRepository, leave: InMemoryLeaveRepository | None = None) -> None:
        self._days = attendance
        self._leave = leave  # the held days a report's date may not be one of
        self._items: dict[str, Report] = {}
        #: the e-Kinerja work list (`by_ekinerja_due`): report id → its next attempt (ISO), kept by
        #: `InMemoryEkinerjaHandoffs` once set
        self.ekinerja_due: dict[str, str] = {}

    def get(self, report_id: str) -> Report | None:
        return self._items.get(report_id)

    def many(self, report_ids: Sequence[str]) -> dict[str, Report]:
        return {i: self._items[i] for i in report_ids if i in self._items}

    def create(self, report: Report, day: AttendanceDay) -> Report:
        slots = {**day.report_slots, report.report_id: _span(report)}
        return self._write(report, [_claim(day, slots, report.status, +1)], report.content.day)

    def update(self, old: Report, new: Report, old_day: AttendanceDay, new_day: AttendanceDay) -> Report:
        if old.content.day == new.content.day:
            slots = {**old_day.report_slots, new.report_id: _span(new)}
            return self._write(new, [_claim(old_day, slots, new.status, 0)], new.content.day)
        old_slots = {k: v for k, v in old_day.report_slots.items() if k != old.report_id}
        new_slots = {**new_day.report_slots, new.report_id: _span(new)}
        moves = [_claim(old_day, old_slots, old.status, -1), _claim(new_day, new_slots, new.status, +1)]
        return self._write(new, moves, new.content.day)

    def change_status(self, old: Report, new: Report) -> Report:
        """Withdraw or decide: move the day's tally; a withdrawn or rejected report frees its slot."""

        def change(current: AttendanceDay) -> AttendanceDay:
            counts = _tally(_tally(current.report_counts, old.status, -1), new.status, +1)
            slots = dict(current.report_slots)
            if new.status in (ReportStatus.WITHDRAWN, ReportStatus.REJECTED):
                slots.pop(new.report_id, None)
            auto = current.auto_approved + (new.status is ReportStatus.APPROVED and new.decided_by == SYSTEM)
            return replace(
                current, report_slots=slots, report_counts=counts, report_rev=current.report_rev + 1, auto_approved=auto
            )

        return self._write(new, [_DayWrite(new.nip, new.content.day, None, change)])

    def save(self, report: Report) -> Report:
        return self._write(report, [])

    def list_own(
        self,
        nip: str,
        *,
        first: date | None,
        last: date | None,
        status: ReportStatus | None,
        text: str | None,
        cursor: str | None,
        limit: int,
        rhk_id: str | None = None,
    ) -> tuple[list[Report], str | None]:
        low, high = (first or date.min).isoformat(), f"{(last or date.max).isoformat()}#~"
        found = [
            r
            for r in self._items.values()
            if r.nip == nip
            and r.status is not ReportStatus.WITHDRAWN
            and low <= _owner_sort(r) <= high
            and (status is None or r.status is status)
            and (not text or text.lower() in f"{r.content.title}\n{r.content.description}".lower())
            and (not rhk_id or r.content.rhk_id == rhk_id)
        ]
        return page(found, _owner_sort, cursor, limit, f"reports.by_owner:{nip}:{low}:{high}", newest_first=True)

    def latest_descriptions(self, nip: str, *, first: date, last: date, limit: int) -> list[tuple[date, str]]:
        found, _ = self.list_own(nip, first=first, last=last, status=None, text=None, cursor=None, limit=limit)
        return [(r.content.day, r.content.description) for r in found]

    def pending_for(
        self,
        supervisor_nip: str,
        cursor: str | None,
        limit: int,
        *,
        first: date | None = None,
        last: date | None = None,
    ) -> tuple[list[Report], str | None]:
        low, high = first or date.min, last or date.max
        return page(
            [r for r in self._pending(supervisor_nip) if low <= r.content.day <= high],
            lambda r: f"{r.submitted_at.isoformat()}#{r.report_id}",
            cursor,
            limit,
            f"reports.by_supervisor_pending:{supervisor_nip}:{low}:{high}",
        )

    def count_pending(self, supervisor_nip: str) -> int:
        return len(self._pending(supervisor_nip))

    def overdue(self, submitted_by: datetime) -> list[Report]:
        cut = submitted_by.isoformat()
        found = [
            r for r in self._items.values() if r.status is ReportStatus.SUBMITTED and r.submitted_at.isoformat() <= cut
        ]
        return sorted(found, key=lambda r: (r.submitted_at.isoformat(), r.report_id))

    def overdue_page(
        self, shard: int, submitted_by: datetime, after: dict[str, Any] | None, limit: int
    ) -> tuple[list[Report], dict[str, Any] | None]:
        """One shard's page, as DynamoDB's Query with Limit: a next key whenever the page is full."""
        start = (after["submitted_at"], after["report_id"]) if after else ("", "")
        mine = [
            r
            for r in self.overdue(submitted_by)
            if pending_shard(r.report_id) == f"P#{shard}" and (r.submitted_at.isoformat(), r.report_id) > start
        ][:limit]
        if len(mine) < limit:
            return mine, None
        last = mine[-1]
        return mine, {"submitted_at": last.submitted_at.isoformat(), "report_id": last.report_id}

    def _pending(self, supervisor_nip: str) -> list[Report]:
        return [
            r
            for r in self._items.values()
            if r.status is ReportStatus.SUBMITTED and r.supervisor_nip and r.supervisor_nip == supervisor_nip
        ]

    def _write(self, report: Report, day_writes: list[_DayWrite], not_on_leave: date | None = None) -> Report:
        """All or nothing: the report's version first (`Conflict`), then each day's condition (`DayChanged`), then
        that its date is not held by a leave (``DAY_ON_LEAVE``)."""
        with self._days.lock:
            stored = self._items.get(report.report_id)
            if (stored is not None) if report.version == 0 else (stored is None or stored.version != report.version):
                raise _stale()
            if not_on_leave is not None and self._leave is not None and self._leave.held(report.nip, not_on_leave):
                raise day_on_leave(not_on_leave)
            days = []
            for write in day_writes:
                current = self._days.stored(write.nip, write.day)
                if current is None or (write.expected_rev is not None and current.report_rev != write.expected_rev):
                    raise DayChanged
                days.append(write.change(current))
            for day in days:
                self._days.put(day)
            saved = replace(report, version=report.version + 1)
            self._items[report.report_id] = saved
            if saved.status is ReportStatus.APPROVED:  # as `to_item`: the approving write puts it on the work list
                self.ekinerja_due[saved.report_id] = (saved.decided_at or saved.submitted_at).isoformat()
            else:
                self.ekinerja_due.pop(saved.report_id, None)
            return saved
