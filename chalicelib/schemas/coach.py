"""The report coach: a draft's fields in, advice out (`domain.coach`)."""

from __future__ import annotations

from pydantic import Field

from ..domain.coach import HintCode
from ..domain.reports import MAX_DESCRIPTION, MAX_OUTPUT, MAX_TITLE
from .base import Body, Out, enum_literal, written
from .common import ClockTime, Day


class ReportDraft(Body):
    """What the employee has written so far in the report form: every field optional (a blank text is none)."""

    date: Day | None = Field(None, description="the report's date (default: today in the caller's zone)")
    start_time: ClockTime | None = None
    end_time: ClockTime | None = None
    title: written(MAX_TITLE, required=False) | None = None  # type: ignore[valid-type]
    description: written(MAX_DESCRIPTION, required=False) | None = None  # type: ignore[valid-type]
    output: written(MAX_OUTPUT, required=False) | None = None  # type: ignore[valid-type]


class ReportHint(Out):
    """Advice on writing a report, never a refusal."""

    code: enum_literal(HintCode)  # type: ignore[valid-type]
    field: str = Field(examples=["description"], description="the field the hint is about")
    message: str = Field(description="Bahasa Indonesia")
    example: str = Field(examples=["Menyusun draf laporan keuangan triwulan III Bidang Anggaran"])


class ReportHints(Out):
    hints: list[ReportHint]
