"""Attendance discipline (issue 20): an SKPD's deduction rules, set by HR, and the employee's figures of the month
so far, as the calendar answers them."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, StrictInt

from .base import Body, Number, Out
from .working_hours import HoursVersion

__all__ = ["DisciplineRulesInput", "DisciplineRulesOut", "MonthFigures", "MonthFiguresCount", "SatkerMonthFigures"]

#: a percentage of the month's TPP (0–100; `domain.discipline.check_rules` refuses others with the field named)
Percent = Number


class DisciplineRulesInput(Body):
    """An SKPD's bands and deductions. A level's percentage is refused at ``late.<n>`` / ``early.<n>`` (0 = level
    1), as the list is sent."""

    bands: list[StrictInt] = Field(
        min_length=3, max_length=3, examples=[[30, 60, 90]], description="upper minutes of levels 1-3 (rising)"
    )
    late: list[Percent] = Field(min_length=4, max_length=4, examples=[[0.5, 1, 1.25, 1.5]], description="TL1-TL4, %")
    early: list[Percent] = Field(min_length=4, max_length=4, examples=[[0.5, 1, 1.25, 1.5]], description="PSW1-PSW4, %")
    absent_per_day: Percent = Field(examples=[2.5], description="% for each working day absent without reason")
    absent_full_after: StrictInt | None = Field(
        None, examples=[10], description="consecutive days absent that forfeit the month (null: no such rule)"
    )
    version: HoursVersion = None  # type: ignore[valid-type]


class DisciplineRulesOut(Out):
    skpd_id: str
    source: Literal["SKPD", "DEFAULT"] = Field(description="the SKPD's own rules, or the documented defaults")
    version: int = Field(description="the stored rules' version (0: none saved; PUT with 0 creates)")
    bands: list[int] = Field(examples=[[30, 60, 90]])
    late: list[float] = Field(examples=[[0.5, 1, 1.25, 1.5]])
    early: list[float] = Field(examples=[[0.5, 1, 1.25, 1.5]])
    absent_per_day: float = Field(examples=[2.5])
    absent_full_after: int | None = Field(examples=[10])
    daily_cap: float | None = Field(description="a day's TL + PSW at most (null: they add up)")
    monthly_cap: float = Field(examples=[100])
    defaults: dict[str, Any] = Field(description="the documented defaults, as this answer's fields (to restore them)")


class MonthFiguresCount(Out):
    """Working days of one leave type or one permission kind."""

    type: str | None = Field(None, examples=["TAHUNAN"], description="the leave type (leave days)")
    kind: str | None = Field(None, examples=["IZIN_TERLAMBAT"], description="the permission kind (permissions)")
    label: str = Field(examples=["Cuti Tahunan"])
    days: int


class SatkerMonthFigures(Out):
    """One employee's figures of the month (`domain.discipline.monthly_figures`); a closed month's with its
    corrections applied."""

    working_days: int
    days_attended: int
    days_absent: int = Field(description="working days absent without reason (TK)")
    official_duty_days: int
    leave_days: list[MonthFiguresCount] = Field(description="approved leave on working days, by type")
    permissions: list[MonthFiguresCount] = Field(description="approved permissions (izin), by kind")
    late: dict[str, int] = Field(examples=[{"TL1": 1, "TL2": 0, "TL3": 0, "TL4": 0}])
    early: dict[str, int] = Field(examples=[{"PSW1": 0, "PSW2": 0, "PSW3": 0, "PSW4": 0}])
    late_minutes: int = Field(description="minutes late where measured (a missing check-in has none)")
    early_minutes: int
    reports_filed: int
    reports_approved: int
    reports_rejected: int
    reports_auto_approved: int = Field(description="of the approved ones, those the system approved after 7 days")
    attended_without_approved_report: int
    deduction_percent: float = Field(examples=[1.5], description="percent of the month's TPP, under the SKPD's rules")


class MonthFigures(SatkerMonthFigures):
    """The employee's figures of the month so far (`domain.discipline.monthly_figures` over the calendar's days):
    only days that are over count. Final only when HR closes the month."""

    month: str = Field(examples=["2026-12"])
    month_label: str = Field(examples=["Desember 2026"])
    through: str | None = Field(
        json_schema_extra={"format": "date"}, description="the last day counted (yesterday); null: none yet"
    )
    rules_source: Literal["SKPD", "DEFAULT"] = Field(
        description="the SKPD's own rules, or the documented defaults while it has none"
    )
    bands: list[int] = Field(examples=[[30, 60, 90]], description="the rules' upper minutes of TL/PSW levels 1-3")
