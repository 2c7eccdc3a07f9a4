"""Use cases of attendance: native check-in/out, the month calendar, and the sync from the attendance system."""

from __future__ import annotations

import calendar as month_calendar
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ..domain.accounts import Actor
from ..domain.attendance import AttendanceDay, Session, check_location, check_native, local_now, parse_sync_record
from ..domain.complaints import ComplaintType
from ..domain.discipline import (
    DEFAULT_RULES,
    DayInput,
    DayOverrides,
    DisciplineRules,
    Mark,
    MonthKey,
    Permission,
    classify_day,
    expected_hours,
    schedule_for,
)
from ..domain.errors import NotFound, ValidationError
from ..domain.leave import TYPE_LABELS, LeaveStatus
from ..domain.workdays import holiday_name, is_weekend
from ..integrations.attendance_source import HttpAttendanceSource
from ..store.protocols import (
    AttendanceRepository,
    EmployeeRepository,
    HolidayOverrides,
    JobState,
    LeaveRepository,
    OrgRepository,
    WorkHoursRepository,
)
from .day_class import day_discipline
from .month_figures import figures_view, report_tally

if TYPE_CHECKING:
    from ..schemas import CalendarQuery, CheckIn

SYNC_JOB = "attendance-sync"
MAX_PAGES_PER_RUN = 200
BATCH_GET_LIMIT = 100
#: the employee's permissions (izin) of a date range, any status (only approved ones override a class)
PermissionsOf = Callable[[str, date, date], Iterable[Permission]]
#: a day not yet over shows only what is known ahead (a holiday, a leave, a whole-day izin), never "absent"
_KNOWN_AHEAD = (Mark.LIBUR, Mark.CUTI, Mark.IZIN)


class AttendanceService:
    def __init__(
        self,
        attendance: AttendanceRepository,
        org: OrgRepository,
        overrides: HolidayOverrides,
        *,
        clock: Callable[[], datetime],
        leave: LeaveRepository,
        work_hours: WorkHoursRepository,
        permissions: PermissionsOf | None = None,
    ) -> None:
        self._attendance, self._org, self._overrides, self._clock = attendance, org, overrides, clock
        self._leave = leave  # the employee's held days: leave shows on the calendar
        self._work_hours = work_hours  # each day's class needs the satker's hours (issue 20)
        self._permissions = permissions  # the month's izin: an approved one overrides its sessions' class

    def check_in(self, actor: Actor, body: CheckIn) -> dict[str, Any]:
        """Record today's check-in (PAGI) or check-out (SORE), inside the office radius when one is set."""
        kind, lat, lon = body.session, body.latitude, body.longitude
        satker = self._org.get_satker(actor.skpd_id, actor.satker_id)
        if satker is None:
            raise NotFound("Satker Anda tidak ditemukan.", code="SATKER_NOT_FOUND")
        distance = check_location(satker.office, lat, lon)
        now = local_now(self._clock(), actor.timezone.iana)
        check_native(self._attendance.get(actor.nip, now.date()), kind)
        at = now.time().replace(second=0, microsecond=0)
        self._attendance.check_in(actor.nip, (actor.skpd_id, actor.satker_id), now.date(), kind, at, distance)
        return {
            "date": now.date().isoformat(),
            "session": kind.value,
            "time": now.strftime("%H:%M"),
            "timezone": actor.timezone.value,
            "distance_m": round(distance) if distance is not None else None,
        }

    def calendar(self, actor: Actor, params: CalendarQuery) -> dict[str, Any]:
        """Each date of a month (``month``: its first day; this month by default): weekend, holiday, attendance and
        its sources, reports per status, and each day's class (`domain.discipline.classify_day`) under the
        satker's working hours (its own, else its SKPD's, else the default), and the month's figures so far
        (`month_figures`) under the SKPD's discipline rules: the hours and the rules in one BatchGetItem."""
        today = local_now(self._clock(), actor.timezone.iana).date()
        first = params.month or today.replace(day=1)
        last = first.replace(day=month_calendar.monthrange(first.year, first.month)[1])
        known = {d.day: d for d in self._attendance.between(actor.nip, first, last)}
        overrides = self._overrides.for_year(first.year)
        held = self._leave.calendar(actor.nip)
        own, skpd, stored_rules = self._work_hours.for_calendar(actor.skpd_id, actor.satker_id)
        schedule = schedule_for(actor.timezone, own, skpd)
        rules = stored_rules or DEFAULT_RULES
        holidays = {
            first.replace(day=n) for n in range(1, last.day + 1) if holiday_name(first.replace(day=n), overrides)
        }
        permits: dict[date, list[Permission]] = {}
        for permit in self._permissions(actor.nip, first, last) if self._permissions else ():
            permits.setdefault(permit.day, []).append(permit)
        days, inputs = [], []
        for number in range(1, last.day + 1):
            day = first.replace(day=number)
            record = known.get(day)
            holiday = holiday_name(day, overrides)
            leave = held.on(day)
            working = not is_weekend(day) and holiday is None
            given = _day_input(day, schedule, holidays, record, leave, permits.get(day, []))
            inputs.append(given)
            days.append(
                {
                    "date": day.isoformat(),
                    "weekend": is_weekend(day),
                    "holiday": holiday,
                    "working_day": not is_weekend(day) and holiday is None,
                    "attended": bool(record and record.attended),
                    "sources": [s.value for s in record.sources] if record else [],
                    "source_times": _source_times(record),
                    "recorded_sessions": [s.value for s in record.recorded_sessions] if record else [],
                    "check_in": _hhmm(record.check_in) if record else None,
                    "check_out": _hhmm(record.check_out) if record else None,
                    "reports": record.report_counts if record else {"SUBMITTED": 0, "APPROVED": 0, "REJECTED": 0},
                    "leave": _leave_view(leave),
                    # approved leave days are not working days for the employee: no report is expected
                    "report_expected": working and not (leave and leave[2] is LeaveStatus.APPROVED),
                    "discipline": _discipline(given, today, schedule, rules),
                }
            )
        figures = figures_view(
            actor.nip,
            MonthKey.of(first),
            inputs,
            today=today,
            rules=rules,
            rules_source="SKPD" if stored_rules else "DEFAULT",
            zone=schedule.zone,
        )
        return {"month": first.strftime("%Y-%m"), "timezone": actor.timezone.value, "days": days, "figures": figures}


class AttendanceSync:
    """Pulls new records page by page; the cursor is saved after each page, upserts are idempotent."""

    def __init__(
        self,
        source: HttpAttendanceSource,
        attendance: AttendanceRepository,
        employees: EmployeeRepository,
        state: JobState,
        log: Callable[..., None],
    ) -> None:
        self._source, self._attendance, self._employees = source, attendance, employees
        self._state, self._log = state, log

    def run(self, max_pages: int = MAX_PAGES_PER_RUN) -> dict[str, int]:
        cursor = self._state.cursor(SYNC_JOB)
        stored = skipped = unknown = pages = 0
        while pages < max_pages:
            page = self._source.fetch(cursor)
            pages += 1
            records = []
            for raw in page.records:
                try:
                    records.append(parse_sync_record(raw))
                except ValidationError as exc:
                    skipped += 1
                    self._log("attendance record skipped", reason=exc.message)
            units = self._units({r.nip for r in records})
            for record in records:
                unit = units.get(record.nip)
                unknown += unit is None
                self._attendance.upsert_sync(record.nip, record.day, record.check_in, record.check_out, unit)
                stored += 1
            if page.next_cursor:
                cursor = page.next_cursor
                self._state.save_cursor(SYNC_JOB, cursor)
            if not page.has_more:
                break
        if unknown:
            self._log("attendance stored for NIPs without an account (not in any satker recap)", records=unknown)
        return {"pages": pages, "stored": stored, "skipped": skipped, "unknown_nip": unknown}

    def _units(self, nips: set[str]) -> dict[str, tuple[str, str]]:
        """(SKPD, satker) of each NIP that has an account, 100 per BatchGetItem."""
        ordered = sorted(nips)
        found = {}
        for start in range(0, len(ordered), BATCH_GET_LIMIT):
            for nip, employee in self._employees.many(set(ordered[start : start + BATCH_GET_LIMIT])).items():
                found[nip] = (employee.skpd_id, employee.satker_id)
        return found


def _day_input(
    day: date, schedule: Any, holidays: set[date], record: AttendanceDay | None, leave: Any, permits: list
) -> DayInput:
    """What the day's class and the month's figures need of the day. An approved complaint counts as one (the
    attendance item keeps its sessions, not its type)."""
    approved_leave = leave[1] if leave and leave[2] is LeaveStatus.APPROVED else None
    complaints = dict.fromkeys(record.complaint_sessions, ComplaintType.MESIN_ERROR) if record else {}
    return DayInput(
        day,
        expected_hours(schedule, day, holidays),
        record.check_in if record else None,
        record.check_out if record else None,
        overrides=DayOverrides(leave=approved_leave, complaints=complaints, permissions=tuple(permits)),
        reports=report_tally(record.report_counts if record else None),
    )


def _discipline(given: DayInput, today: date, schedule: Any, rules: DisciplineRules) -> dict[str, Any] | None:
    """The day's class under the SKPD's bands; a day not yet over only when known ahead (a holiday, a leave, a
    whole-day izin)."""
    mark = classify_day(
        given.day,
        given.expected,
        check_in=given.check_in,
        check_out=given.check_out,
        overrides=given.overrides,
        rules=rules,
        zone=schedule.zone,
    )
    if given.day >= today and mark.whole not in _KNOWN_AHEAD:
        return None
    return day_discipline(mark, given.expected, rules.bands)


def _leave_view(found: Any) -> dict[str, str] | None:
    """A held day's leave on the calendar: which request, its type and status."""
    if not found:
        return None
    leave_id, kind, status = found
    return {"leave_id": leave_id, "type": kind.value, "type_label": TYPE_LABELS[kind], "status": status.value}


def _source_times(record: AttendanceDay | None) -> list[dict[str, Any]]:
    """Each source's own times on the calendar, so the machine's time is never hidden behind the app's."""
    if record is None:
        return []
    return [
        {
            "source": r.source.value,
            "check_in": _hhmm(r.check_in),
            "check_out": _hhmm(r.check_out),
            "sessions": [s.value for s in Session if s in r.sessions],
        }
        for r in record.records
    ]


def _hhmm(value: Any) -> str | None:
    return value.strftime("%H:%M") if value else None
