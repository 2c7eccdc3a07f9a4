"""Use cases of attendance: native check-in/out, the month calendar, and the sync from the attendance system."""

from __future__ import annotations

import calendar as month_calendar
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ..domain.accounts import Actor
from ..domain.attendance import AttendanceDay, Session, check_location, check_native, local_now, parse_sync_record
from ..domain.checkin_guard import RECENT_DAYS, reason_label
from ..domain.checkin_rules import DEFAULT_CHECKIN_RULES, CheckInRules
from ..domain.discipline import (
    DEFAULT_RULES,
    DayInput,
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
from ..domain.organisation import Satker
from ..domain.selfie import MAX_SELFIE_BYTES
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
from .month_figures import day_input, figures_view

if TYPE_CHECKING:
    from ..schemas import CalendarQuery, CheckIn
    from .checkin_guard import CheckInGuard

SYNC_JOB = "attendance-sync"
MAX_PAGES_PER_RUN = 200
BATCH_GET_LIMIT = 100
#: whether a check-in was signed by an active registered device, under the SKPD's rules: the flag reasons it adds
DeviceCheck = Callable[[Actor, "CheckIn", CheckInRules], list[str]]
#: the satker and its SKPD's own check-in rules in one read (`CheckInRulesRepository.with_satker`)
UnitRules = Callable[[str, str], tuple[Satker | None, CheckInRules | None]]
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
        rules_for: Callable[[str], CheckInRules] | None = None,
        guard: CheckInGuard | None = None,
        check_device: DeviceCheck | None = None,
        unit_rules: UnitRules | None = None,
    ) -> None:
        self._attendance, self._org, self._overrides, self._clock = attendance, org, overrides, clock
        self._leave = leave  # the employee's held days: leave shows on the calendar
        self._work_hours = work_hours  # each day's class needs the satker's hours (issue 20)
        self._permissions = permissions  # the month's izin: an approved one overrides its sessions' class
        self._rules_for = rules_for  # the SKPD's check-in rules (devices, selfie, travel speed)
        self._guard = guard  # accuracy, impossible travel, selfie, and the flag to HR (issue 20)
        self._check_device = check_device  # the device's signature (`DeviceService.verify_check_in`, issue 20)
        self._unit_rules = unit_rules  # the satker and the SKPD's check-in rules in one BatchGetItem

    def check_in(self, actor: Actor, body: CheckIn) -> dict[str, Any]:
        """Record today's check-in (PAGI) or check-out (SORE), inside the office radius when one is set, with a fix
        precise enough to tell and the selfie the satker requires; a doubtful one (impossible travel, an unknown
        device) is recorded AND flagged for HR of the SKPD (issue 20, `services/checkin_guard.py`).

        Its reads: the satker with the SKPD's rules (one BatchGetItem), the employee's latest days (one Query:
        today's day for "already checked in" and HR's rejection, the earlier ones for the previous check-in), the
        device check's; its write: one UpdateItem, or one transaction with the flag (never one without the other)."""
        kind, lat, lon = body.session, body.latitude, body.longitude
        satker, rules = self._satker_and_rules(actor)
        distance = check_location(satker.office, lat, lon)
        instant = self._clock()
        now = local_now(instant, actor.timezone.iana)
        today = now.date()
        recent = self._attendance.recent(actor.nip, today, RECENT_DAYS)
        check_native(next((d for d in recent if d.day == today), None), kind)
        found = self._guard.screen(actor, satker, body, rules, instant, today, recent) if self._guard else None
        reasons = found.reasons if found else []  # why HR should look at it (the device check adds its own)
        if self._check_device:  # REFUSE raises here, before anything is recorded; FLAG adds UNKNOWN_DEVICE
            reasons = [*reasons, *self._check_device(actor, body, rules)]
        if found:  # every check passed: the selfie is kept with the check-in
            self._guard.keep_selfie(actor, found, today, kind)
        at = now.time().replace(second=0, microsecond=0)
        fix = found.fix if found else None
        flag = self._guard.flag_of(actor, today, kind, instant, found, reasons, distance) if found else None
        if flag is not None:
            self._guard.record(flag, at, distance, fix)
        else:
            selfie = found.selfie_key if found else None
            unit = (actor.skpd_id, actor.satker_id)
            self._attendance.check_in(actor.nip, unit, today, kind, at, distance, fix=fix, selfie_key=selfie)
        flagged = flag is not None
        return {
            "date": now.date().isoformat(),
            "session": kind.value,
            "time": now.strftime("%H:%M"),
            "timezone": actor.timezone.value,
            "distance_m": round(distance) if distance is not None else None,
            "accuracy_m": round(found.accuracy_m) if found and found.accuracy_m is not None else None,
            "flagged": flagged,
            "reasons": [reason_label(r) for r in reasons] if flagged else [],
        }

    def my_check_in_rules(self, actor: Actor) -> dict[str, Any]:
        """What the employee's check-in page needs before the first tap (their own satker and SKPD only): whether
        a selfie is required (the camera shows at once), whether the position is, and the widest accuracy
        accepted (the office radius, `domain.checkin_guard.check_accuracy`). One BatchGetItem."""
        satker, rules = self._satker_and_rules(actor)
        office = satker.office
        return {
            "selfie_required": rules.selfie_required(actor.satker_id),
            "location_required": office is not None,
            "max_accuracy_m": office.radius_m if office is not None else None,
            "max_selfie_kb": MAX_SELFIE_BYTES // 1024,
        }

    def _satker_and_rules(self, actor: Actor) -> tuple[Satker, CheckInRules]:
        """The employee's satker (its office) and the SKPD's check-in rules (the defaults until HR saves some)."""
        if self._unit_rules is not None:
            satker, own_rules = self._unit_rules(actor.skpd_id, actor.satker_id)
            rules = own_rules or DEFAULT_CHECKIN_RULES
        else:
            satker = self._org.get_satker(actor.skpd_id, actor.satker_id)
            rules = self._rules_for(actor.skpd_id) if self._rules_for else DEFAULT_CHECKIN_RULES
        if satker is None:
            raise NotFound("Satker Anda tidak ditemukan.", code="SATKER_NOT_FOUND")
        return satker, rules

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
            given = day_input(day, expected_hours(schedule, day, holidays), record, leave, permits.get(day, []))
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
