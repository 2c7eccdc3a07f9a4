"""The employee's figures of the month so far (issue 20, "the monthly recap"), as the calendar answers them: the
domain's `monthly_figures` over the days the calendar already read, so disputes are raised before HR closes the
month. No store is read here: the calendar hands over what it has.

Decisions where the issue is silent:

- **The month so far**: only days that are over count (before today in the satker's zone), as the calendar shows
  no class for today; a past month counts every day, a future month none.
- **Reports**: the attendance item's tally (submitted, approved, rejected, and of the approved ones those the
  system approved after 7 days, counted since that tally was added).
- **Official duty**: the attendance item keeps an approved complaint's sessions, not its type, so the calendar
  cannot tell official duty from a device failure; such days count as attended, and ``official_duty_days`` is
  0 here. The monthly recap (`discipline_month`) reads the complaints themselves and passes their types to
  `day_input`, the one place a day's inputs are made.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from ..domain.attendance import AttendanceDay, Session
from ..domain.complaints import ComplaintType
from ..domain.discipline import (
    EARLY,
    KIND_LABELS,
    LATE,
    DayInput,
    DayOverrides,
    DisciplineRules,
    Hours,
    MonthKey,
    MonthlyFigures,
    Permission,
    PermissionKind,
    ReportTally,
    monthly_figures,
)
from ..domain.identity import TimeZone
from ..domain.leave import TYPE_LABELS, LeaveStatus, LeaveType


def report_tally(counts: dict[str, int] | None, auto_approved: int = 0) -> ReportTally:
    """A day's reports from the attendance item's tally by status."""
    counts = counts or {}
    submitted, approved, rejected = (counts.get(s, 0) for s in ("SUBMITTED", "APPROVED", "REJECTED"))
    return ReportTally(
        filed=submitted + approved + rejected, approved=approved, rejected=rejected, auto_approved=auto_approved
    )


def day_input(
    day: date,
    expected: Hours | None,
    record: AttendanceDay | None,
    leave: tuple[str, LeaveType, LeaveStatus] | None,
    permits: Iterable[Permission],
    complaint_types: Mapping[Session, ComplaintType] | None = None,
) -> DayInput:
    """What a day's class and the month's figures need of one employee-day, for the calendar and the recap alike.

    ``leave`` is the day's held leave (`LeaveCalendar.on`; only an approved one overrides), ``permits`` the day's
    permissions (any status). An approved complaint's session comes from the attendance item; its type from
    ``complaint_types`` when the caller read the complaints (the recap), else it counts as a device failure."""
    approved_leave = leave[1] if leave and leave[2] is LeaveStatus.APPROVED else None
    types = complaint_types or {}
    sessions = record.complaint_sessions if record else frozenset()
    complaints = {s: types.get(s, ComplaintType.MESIN_ERROR) for s in sorted(sessions, key=lambda s: s.value)}
    return DayInput(
        day,
        expected,
        record.check_in if record else None,
        record.check_out if record else None,
        overrides=DayOverrides(leave=approved_leave, complaints=complaints, permissions=tuple(permits)),
        reports=report_tally(record.report_counts, record.auto_approved) if record else report_tally(None),
    )


def figures_view(
    nip: str,
    month: MonthKey,
    inputs: Iterable[DayInput],
    *,
    today: date,
    rules: DisciplineRules,
    rules_source: str,
    zone: TimeZone,
) -> dict[str, Any]:
    """The ``figures`` of the calendar's answer (schema `MonthFigures`): the days before ``today`` only."""
    counted = [i for i in inputs if i.day < today]
    found = monthly_figures(nip, month, counted, rules=rules, zone=zone)
    return {
        "month": month.key,
        "month_label": month.label,
        "through": counted[-1].day.isoformat() if counted else None,
        **figures_json(found),
        "rules_source": rules_source,
        "bands": list(rules.bands.limits),
    }


def figures_json(found: MonthlyFigures) -> dict[str, Any]:
    """One employee's figures of a month (schema `SatkerMonthFigures`), for the calendar and HR's month alike."""
    return {
        "working_days": found.working_days,
        "days_attended": found.days_attended,
        "days_absent": found.days_absent,
        "official_duty_days": found.official_duty_days,
        "leave_days": [
            {"type": t.value, "label": TYPE_LABELS[t], "days": found.leave_days[t.value]}
            for t in LeaveType
            if found.leave_days.get(t.value)
        ],
        "permissions": [
            {"kind": k.value, "label": KIND_LABELS[k], "days": found.permissions[k.value]}
            for k in PermissionKind
            if found.permissions.get(k.value)
        ],
        "late": {m.value: found.marks.get(m.value, 0) for m in LATE},
        "early": {m.value: found.marks.get(m.value, 0) for m in EARLY},
        "late_minutes": found.late_minutes,
        "early_minutes": found.early_minutes,
        "reports_filed": found.reports_filed,
        "reports_approved": found.reports_approved,
        "reports_rejected": found.reports_rejected,
        "reports_auto_approved": found.reports_auto_approved,
        "attended_without_approved_report": found.attended_without_approved_report,
        "deduction_percent": float(found.deduction_percent),
    }
