"""A satker's month of discipline figures (issue 20): read by HR while it is open, closed by HR once it is over
(the figures are then frozen) and corrected afterwards only by a recorded correction."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..domain.discipline.closing import MAX_REASON
from .base import Body, Number, Out, text, written
from .common import Day, Nip, RequiredVersion
from .discipline import SatkerMonthFigures

__all__ = [
    "FigureField",
    "MonthClosingInput",
    "MonthCorrectionInput",
    "SatkerMonth",
    "SatkerMonthCorrection",
    "SatkerMonthRow",
]


class MonthClosingInput(Body):
    """Nothing to send (an empty body or ``{}``): the server reads every employee's month and freezes it."""


class MonthCorrectionInput(Body):
    """One figure of one employee changed in a closed month, with why (10-500 characters) and, when it is about
    one, the day. ``field`` is one of the answer's ``figure_fields``; ``new`` a whole number 0 or more (the
    deduction: a percentage 0-100). ``version`` is the month's, as last read."""

    nip: Nip
    field: text(64, required=True, examples=["marks.TL2"])  # type: ignore[valid-type]
    new: Number = Field(examples=[0])
    reason: written(MAX_REASON)  # type: ignore[valid-type]
    day: Day | None = None
    version: RequiredVersion = None  # type: ignore[assignment]


class SatkerMonthRow(Out):
    nip: str
    name: str
    jabatan: str
    corrected: list[str] = Field(
        description="the figures (figure_fields) a correction changed", examples=[["marks.TL2"]]
    )
    figures: SatkerMonthFigures


class SatkerMonthCorrection(Out):
    nip: str
    name: str
    field: str = Field(examples=["marks.TL2"])
    field_label: str = Field(examples=["Terlambat (TL2)"])
    old: float
    new: float
    reason: str
    day: str | None = Field(json_schema_extra={"format": "date"}, description="the day it is about, if one")
    by: str
    by_name: str
    at: str = Field(json_schema_extra={"format": "date-time"})


class FigureField(Out):
    field: str = Field(examples=["days_absent"])
    label: str = Field(examples=["Tidak masuk tanpa keterangan (TK)"])


class SatkerMonth(Out):
    """A satker's month: the live figures so far while it is OPEN (days not yet over do not count), the frozen
    rows with their corrections once CLOSED."""

    skpd_id: str
    satker_id: str
    satker_name: str
    month: str = Field(examples=["2026-11"])
    month_label: str = Field(examples=["November 2026"])
    status: Literal["OPEN", "CLOSED"]
    can_close: bool = Field(description="the month is over in the satker's zone and not closed")
    version: int = Field(description="0 while open; 1 once closed, one more per correction (send it to correct)")
    closed_at: str | None = Field(json_schema_extra={"format": "date-time"})
    closed_by: str | None
    closed_by_name: str | None
    rows: list[SatkerMonthRow] = Field(description="one per employee, by name")
    corrections: list[SatkerMonthCorrection] = Field(description="in the order they were made")
    figure_fields: list[FigureField] = Field(description="what a correction may change, with its label")
