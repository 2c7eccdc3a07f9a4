"""A satker's month of discipline, every employee at once: the rows of the monthly recap (issue 20, "the monthly
recap"), for the export worker and for HR closing the month.

The same inputs as the employee's calendar (`services/attendance.py`), read in bulk and turned into each day's
`DayInput` by the one function both use (`month_figures.day_input`):

- the satker's staff: one Query of the SKPD's employee index narrowed to the satker (paged);
- each employee's attendance items and permissions of the month: one Query each, ``readers`` employees at a time
  (the export reads' measured best, `store/exports.py` ``READERS``);
- their held leave days: 100 employees per BatchGetItem (`LeaveRepository.calendars`);
- the SKPD's approved complaints of the month: one Query of the HR index (`by_skpd_status`, by date range), so an
  approved ``TUGAS_LUAR`` counts as official duty — the attendance item keeps only the approved sessions;
- the holidays of the year, and the satker's hours, the SKPD's hours and the SKPD's rules in one BatchGetItem
  (`WorkHoursRepository.for_calendar`).

Decisions where the issue is silent:

- **Days counted**: only days that are over in the satker's zone (before today there), as the calendar counts; a
  past month counts every day, a future month none.
- **Auto-approved reports**: the attendance item counts them apart (``count_auto``, written by the same
  transaction that approves a report as SYSTEM, `store/reports.py` ``change_status``) since that tally was
  added; a report the sweep approved before then is counted as approved but not as auto-approved.
- **Staff**: the employees in the satker when the recap is made (a move between satkers during the month takes
  the whole month along). A complaint is matched by NIP, whichever satker it was filed in.
- **Memory**: a row keeps the figures without the per-day classes (``days`` is empty), so an SKPD's recap made
  satker by satker never holds every employee's days.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date, datetime

from ..domain.accounts import Employee
from ..domain.attendance import AttendanceDay, Session, local_now
from ..domain.complaints import ComplaintStatus, ComplaintType
from ..domain.discipline import (
    DEFAULT_RULES,
    DisciplineRules,
    MonthKey,
    MonthlyFigures,
    Permission,
    WorkSchedule,
    expected_hours,
    monthly_figures,
    schedule_for,
)
from ..domain.errors import NotFound
from ..domain.organisation import Satker
from ..domain.workdays import holiday_name
from ..store.protocols import (
    AttendanceRepository,
    ComplaintRepository,
    EmployeeRepository,
    HolidayOverrides,
    LeaveRepository,
    OrgRepository,
    PermissionRepository,
    WorkHoursRepository,
)
from .month_figures import day_input

READERS = 4  # employees read at once (as `store/exports.py` READERS: measured best at 4-6 on 2 cores)
STAFF_PAGE = 500
COMPLAINT_PAGE = 500
#: (nip, date) → the approved complaints' types by session
ComplaintTypes = Mapping[tuple[str, date], Mapping[Session, ComplaintType]]


@dataclass(frozen=True)
class StaffMonth:
    """One employee's row of a satker's month: who, and the month's figures (without the per-day classes)."""

    employee: Employee
    figures: MonthlyFigures


@dataclass(frozen=True)
class SatkerContext:
    """What the rows of a satker's month were made under: the satker, its hours, the SKPD's rules, and the last
    day counted (``None``: none yet)."""

    satker: Satker
    schedule: WorkSchedule
    rules: DisciplineRules
    rules_source: str
    through: date | None


class SatkerMonthReader:
    def __init__(
        self,
        employees: EmployeeRepository,
        org: OrgRepository,
        attendance: AttendanceRepository,
        leave: LeaveRepository,
        permissions: PermissionRepository,
        complaints: ComplaintRepository,
        holidays: HolidayOverrides,
        work_hours: WorkHoursRepository,
        *,
        clock: Callable[[], datetime],
        readers: int = READERS,
    ) -> None:
        self._employees, self._org, self._attendance, self._leave = employees, org, attendance, leave
        self._permissions, self._complaints, self._holidays = permissions, complaints, holidays
        self._work_hours, self._clock, self._readers = work_hours, clock, readers

    def rows(self, skpd_id: str, satker_id: str, month: MonthKey) -> list[StaffMonth]:
        """Every employee of the satker, sorted by name, with their figures of ``month`` so far."""
        return self.satker_month(skpd_id, satker_id, month)[1]

    def satker_month(
        self, skpd_id: str, satker_id: str, month: MonthKey, *, complaints: ComplaintTypes | None = None
    ) -> tuple[SatkerContext, list[StaffMonth]]:
        """The rows and what they were made under. ``complaints``: the SKPD's month already read
        (`complaint_types`), when several satkers of one SKPD are read in turn."""
        satker = self._org.get_satker(skpd_id, satker_id)
        if satker is None:
            raise NotFound("Satker tidak ditemukan.", code="SATKER_NOT_FOUND")
        own, skpd_hours, stored_rules = self._work_hours.for_calendar(skpd_id, satker_id)
        schedule = schedule_for(satker.timezone, own, skpd_hours)
        rules = stored_rules or DEFAULT_RULES
        today = local_now(self._clock(), satker.timezone.iana).date()
        counted = [d for d in month.days() if d < today]
        source = "SKPD" if stored_rules else "DEFAULT"
        context = SatkerContext(satker, schedule, rules, source, max(counted, default=None))
        staff = sorted(self._staff(skpd_id, satker_id), key=lambda e: (e.name.lower(), e.nip))
        if not staff:
            return context, []
        if complaints is None:
            complaints = self.complaint_types(skpd_id, month)
        overrides = self._holidays.for_year(month.year)
        holidays = {d for d in month.days() if holiday_name(d, overrides)}
        expected = {d: expected_hours(schedule, d, holidays) for d in counted}
        calendars = self._leave.calendars({e.nip for e in staff})
        rows = []
        for employee, (days, permits) in zip(staff, self._month_reads(staff, month), strict=True):
            held = calendars[employee.nip]
            permits_on: dict[date, list[Permission]] = {}
            for permit in permits:
                permits_on.setdefault(permit.day, []).append(permit)
            inputs = [
                day_input(
                    d,
                    expected[d],
                    days.get(d),
                    held.on(d),
                    permits_on.get(d, ()),
                    complaints.get((employee.nip, d)),
                )
                for d in counted
            ]
            figures = monthly_figures(employee.nip, month, inputs, rules=rules, zone=schedule.zone)
            rows.append(StaffMonth(employee, replace(figures, days=())))
        return context, rows

    def complaint_types(self, skpd_id: str, month: MonthKey) -> dict[tuple[str, date], dict[Session, ComplaintType]]:
        """The SKPD's approved complaints of ``month`` by (NIP, date) and session: one Query (paged)."""
        found: dict[tuple[str, date], dict[Session, ComplaintType]] = {}
        cursor = None
        while True:
            page, cursor = self._complaints.queue(
                skpd_id,
                ComplaintStatus.APPROVED,
                satker_id=None,
                first=month.first,
                last=month.last,
                cursor=cursor,
                limit=COMPLAINT_PAGE,
            )
            for complaint in page:
                found.setdefault((complaint.nip, complaint.day), {})[complaint.session] = complaint.kind
            if not cursor:
                return found

    def _staff(self, skpd_id: str, satker_id: str) -> Iterable[Employee]:
        cursor = None
        while True:
            page, cursor = self._employees.in_skpd(skpd_id, satker_id, cursor, STAFF_PAGE)
            yield from page
            if not cursor:
                return

    def _month_reads(
        self, staff: list[Employee], month: MonthKey
    ) -> Iterable[tuple[dict[date, AttendanceDay], list[Permission]]]:
        """Each employee's attendance items and permissions of the month, in ``staff``'s order, ``readers`` at a
        time (each waits on the network)."""

        def of(employee: Employee) -> tuple[dict[date, AttendanceDay], list[Permission]]:
            days = self._attendance.between(employee.nip, month.first, month.last)
            return {d.day: d for d in days}, self._permissions.between(employee.nip, month.first, month.last)

        with ThreadPoolExecutor(max_workers=self._readers) as pool:
            yield from pool.map(of, staff)
