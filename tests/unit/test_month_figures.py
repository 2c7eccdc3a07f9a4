"""The employee's month so far in figures (services/month_figures.py): only days that are over count."""

from __future__ import annotations

from datetime import date, time

from chalicelib.domain.discipline import (
    DEFAULT_RULES,
    DayOverrides,
    MonthKey,
    day_inputs,
    default_schedule,
)
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.leave import LeaveType
from chalicelib.services.month_figures import figures_view, report_tally

MONTH = MonthKey(2026, 11)  # 2 November 2026 is a Monday


def _view(today: date, **given: object) -> dict:
    inputs = day_inputs(MONTH, default_schedule(5, TimeZone.WIB), set(), **given)  # type: ignore[arg-type]
    return figures_view(
        "199001012020121001",
        MONTH,
        inputs,
        today=today,
        rules=DEFAULT_RULES,
        rules_source="DEFAULT",
        zone=TimeZone.WIB,
    )


def test_report_tally_counts_filed_as_every_decided_or_waiting_report() -> None:
    tally = report_tally({"SUBMITTED": 1, "APPROVED": 2, "REJECTED": 1})
    assert (tally.filed, tally.approved, tally.rejected) == (4, 2, 1)
    assert report_tally(None).filed == 0


def test_only_days_before_today_count() -> None:
    view = _view(date(2026, 11, 5), attendance={date(2026, 11, 5): (time(9, 0), None)})
    assert view["through"] == "2026-11-04"
    assert view["working_days"] == 3  # Mon 2 – Wed 4; today (Thu 5) is not over
    assert view["days_absent"] == 3
    assert view["late"]["TL2"] == 0


def test_a_late_day_an_absent_day_and_a_leave_day() -> None:
    view = _view(
        date(2026, 11, 5),
        attendance={date(2026, 11, 2): (time(7, 42), time(16, 0))},
        overrides={date(2026, 11, 4): DayOverrides(leave=LeaveType.TAHUNAN)},
    )
    assert view["late"] == {"TL1": 1, "TL2": 0, "TL3": 0, "TL4": 0}
    assert view["late_minutes"] == 12
    assert (view["days_attended"], view["days_absent"]) == (1, 1)
    assert view["leave_days"] == [{"type": "TAHUNAN", "label": "Cuti Tahunan", "days": 1}]
    assert view["deduction_percent"] == 3.0  # TL1 0,5 % + one day absent 2,5 %
    assert view["month_label"] == "November 2026"


def test_a_month_not_begun_counts_nothing() -> None:
    view = _view(date(2026, 11, 1))
    assert view["through"] is None
    assert view["working_days"] == 0
    assert view["deduction_percent"] == 0.0
