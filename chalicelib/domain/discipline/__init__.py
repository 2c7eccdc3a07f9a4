"""Attendance discipline and the monthly allowance recap (issue 20), as pure rules: no store, no clock, no HTTP.

The modules, by what they do (docs/discipline.md describes the rules, the defaults and their sources):

- `working_hours`: a satker's (default: its SKPD's) pattern, hours per weekday and HR's exceptions; the hours
  expected on a date; validation. Defaults after Perpres 21/2023.
- `rules`: the per-SKPD bands (TL/PSW minutes) and deduction percentages, with their documented defaults.
- `permissions`: izin terlambat / pulang cepat / keluar kantor / tidak masuk — kinds, statuses, labels, the rules
  of a request, the supervisor's decision, and which session an approved one overrides.
- `classification`: the class of one employee-day (on time, TL1–TL4, PSW1–PSW4, or the leave, permission or
  complaint that overrides them, or absent without reason) and its deduction.
- `month`: a month and its boundaries in the satker's zone (a check-out after midnight belongs to the day before).
- `monthly_recap`: an employee's figures of a month from per-day inputs.
- `closing`: a closed month's frozen figures and the corrections recorded after it.

This package re-exports the names a service, a schema or a screen needs; import from ``domain.discipline``.
"""

from __future__ import annotations

from .classification import (
    EARLY,
    LATE,
    NO_OVERRIDES,
    Clock,
    DayMark,
    DayOverrides,
    Mark,
    SessionMark,
    classify_day,
    day_deduction,
    mark_label,
)
from .closing import ClosedMonth, Correction, close_month, correct
from .month import CHECK_OUT_CUTOFF, MonthKey, attendance_day, month_over, parse_month, require_open, require_over
from .monthly_recap import (
    DayInput,
    MonthlyFigures,
    ReportTally,
    day_inputs,
    figure_label,
    figure_names,
    monthly_figures,
)
from .permissions import (
    KIND_LABELS,
    LIVE,
    Permission,
    PermissionKind,
    PermissionRequest,
    PermissionStatus,
    check_no_duplicate,
    check_request,
    decide,
    parse_kind,
    sessions_overridden,
    withdraw,
)
from .permissions import STATUS_LABELS as PERMISSION_STATUS_LABELS
from .rules import DEFAULT_RULES, Bands, DisciplineRules, check_rules
from .working_hours import (
    WEEKDAY_LABELS,
    Hours,
    ScheduleException,
    WorkSchedule,
    check_schedule,
    day_off,
    default_schedule,
    expected_hours,
    ramadan,
    schedule_for,
    weekly_net_minutes,
)

__all__ = [
    "CHECK_OUT_CUTOFF",
    "DEFAULT_RULES",
    "EARLY",
    "KIND_LABELS",
    "LATE",
    "LIVE",
    "NO_OVERRIDES",
    "PERMISSION_STATUS_LABELS",
    "WEEKDAY_LABELS",
    "Bands",
    "Clock",
    "ClosedMonth",
    "Correction",
    "DayInput",
    "DayMark",
    "DayOverrides",
    "DisciplineRules",
    "Hours",
    "Mark",
    "MonthKey",
    "MonthlyFigures",
    "Permission",
    "PermissionKind",
    "PermissionRequest",
    "PermissionStatus",
    "ReportTally",
    "ScheduleException",
    "SessionMark",
    "WorkSchedule",
    "attendance_day",
    "check_no_duplicate",
    "check_request",
    "check_rules",
    "check_schedule",
    "classify_day",
    "close_month",
    "correct",
    "day_deduction",
    "day_inputs",
    "day_off",
    "decide",
    "default_schedule",
    "expected_hours",
    "figure_label",
    "figure_names",
    "mark_label",
    "month_over",
    "monthly_figures",
    "parse_kind",
    "parse_month",
    "ramadan",
    "require_open",
    "require_over",
    "schedule_for",
    "sessions_overridden",
    "weekly_net_minutes",
    "withdraw",
]
