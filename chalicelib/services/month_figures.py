"""The employee's figures of the month so far (issue 20, "the monthly recap"), as the calendar answers them: the
domain's `monthly_figures` over the days the calendar already read, so disputes are raised before HR closes the
month. No store is read here: the calendar hands over what it has.

Decisions where the issue is silent:

- **The month so far**: only days that are over count (before today in the satker's zone), as the calendar shows
  no class for today; a past month counts every day, a future month none.
- **Reports**: the attendance item's tally (submitted, approved, rejected); a report the system approved after
  7 days is an approved one, so ``auto_approved`` is not told apart here (the recap export will).
- **Official duty**: the attendance item keeps an approved complaint's sessions, not its type, so the calendar
  cannot tell official duty from a device failure; such days count as attended, and ``official_duty_days`` is
  0 until the recap reads the complaints themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from ..domain.discipline import (
    EARLY,
    KIND_LABELS,
    LATE,
    DayInput,
    DisciplineRules,
    MonthKey,
    PermissionKind,
    ReportTally,
    monthly_figures,
)
from ..domain.identity import TimeZone
from ..domain.leave import TYPE_LABELS, LeaveType


def report_tally(counts: dict[str, int] | None) -> ReportTally:
    """A day's reports from the attendance item's tally by status."""
    counts = counts or {}
    submitted, approved, rejected = (counts.get(s, 0) for s in ("SUBMITTED", "APPROVED", "REJECTED"))
    return ReportTally(filed=submitted + approved + rejected, approved=approved, rejected=rejected)


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
        "late": {m.value: found.marks[m.value] for m in LATE},
        "early": {m.value: found.marks[m.value] for m in EARLY},
        "late_minutes": found.late_minutes,
        "early_minutes": found.early_minutes,
        "reports_filed": found.reports_filed,
        "reports_approved": found.reports_approved,
        "reports_rejected": found.reports_rejected,
        "attended_without_approved_report": found.attended_without_approved_report,
        "deduction_percent": float(found.deduction_percent),
        "rules_source": rules_source,
        "bands": list(rules.bands.limits),
    }
