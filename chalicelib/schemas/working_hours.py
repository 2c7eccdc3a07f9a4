"""Working hours (issue 20): an SKPD's default and a satker's own, set by HR; each calendar day's class."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StrictInt, WithJsonSchema

from ..domain.discipline import Mark
from ..domain.identity import version_required
from .base import REQUIRED, Body, Out, Query, VersionParameter, enum_literal, located, whole, written
from .common import ClockTime, Day

__all__ = [
    "CalendarDiscipline",
    "ExceptionInput",
    "HoursInput",
    "WorkingHours",
    "WorkingHoursDelete",
    "WorkingHoursInput",
]


def _version_given(value: int | None) -> int:
    if value is None:
        raise version_required()
    return value


#: the unit's hours' version last read (``0``: none saved, as GET answers): absent or null is 400 VERSION_REQUIRED
HoursVersion = Annotated[
    Annotated[StrictInt, Field(ge=0)] | None,
    AfterValidator(located(_version_given)),
    Field(validate_default=True),
    REQUIRED,
    WithJsonSchema(
        {"type": "integer", "minimum": 0, "description": "the version last read (0: never saved; optimistic locking)"}
    ),
]

#: a weekday as ``date.weekday()`` numbers it, as text (a JSON object's key): "0" is Senin, "6" Minggu
Weekday = Literal["0", "1", "2", "3", "4", "5", "6"]


class HoursInput(Body):
    check_in: ClockTime = Field(description="HH:MM, local time of the satker")
    check_out: ClockTime = Field(description="HH:MM, after check_in")
    break_minutes: whole(0, 600, code="INVALID_BREAK", what="Waktu istirahat (menit)") = 0  # type: ignore[valid-type]


class ExceptionInput(Body):
    """HR's change of the days first–last: a day off (``off``), or other hours for the weekdays ``hours`` names."""

    first: Day
    last: Day
    note: written(200) = Field(description="e.g. 'Jam kerja bulan Ramadan'")  # type: ignore[valid-type]
    off: bool = False
    hours: dict[Weekday, HoursInput] = Field(default_factory=dict, description="by weekday; empty for a day off")


class WorkingHoursInput(Body):
    days_per_week: whole(5, 6, code="INVALID_WORK_PATTERN", what="Pola hari kerja") = Field(  # type: ignore[valid-type]
        description="5 (Senin–Jumat) or 6 (Senin–Sabtu)"
    )
    weekly: dict[Weekday, HoursInput] = Field(description="the hours of each working weekday (0 = Senin)")
    exceptions: list[ExceptionInput] = Field(default_factory=list, max_length=50)
    version: HoursVersion = None  # type: ignore[valid-type]


class WorkingHoursDelete(Query):
    version: VersionParameter = None  # type: ignore[valid-type]


# -- answers ------------------------------------------------------------------------------------------------


class HoursOut(Out):
    check_in: str = Field(examples=["07:30"])
    check_out: str = Field(examples=["16:00"])
    break_minutes: int
    label: str = Field(examples=["07.30–16.00"])


class ExceptionOut(Out):
    first: str = Field(json_schema_extra={"format": "date"})
    last: str = Field(json_schema_extra={"format": "date"})
    note: str
    off: bool
    hours: dict[str, HoursOut]
    label: str = Field(examples=["1 Maret 2027 s.d. 30 Maret 2027"])


class WorkingHours(Out):
    skpd_id: str
    satker_id: str | None = Field(description="null: the SKPD's default")
    source: Literal["SATKER", "SKPD", "DEFAULT"] = Field(
        description="whose hours these are: the satker's own, its SKPD's default, or the built-in default"
    )
    version: int = Field(description="the version of this unit's own hours (0: none saved; PUT with 0 creates)")
    days_per_week: int
    zone: str = Field(examples=["WIB"])
    weekly: dict[str, HoursOut]
    weekday_labels: list[str]
    exceptions: list[ExceptionOut]
    weekly_net_minutes: int = Field(description="the week's minutes without breaks (2250 = 37 jam 30 menit)")


class CalendarDiscipline(Out):
    """A working day's class (issue 20): a whole-day mark, or the check-in's and check-out's."""

    mark: enum_literal(Mark)  # type: ignore[valid-type]
    mark_label: str = Field(examples=["Terlambat 1–30 menit (TL1) · 12 menit"], description="in words, each side")
    short: str = Field(examples=["TL1 · PSW2"], description="what the calendar cell shows")
    check_in_mark: enum_literal(Mark) | None = None  # type: ignore[valid-type]
    check_out_mark: enum_literal(Mark) | None = None  # type: ignore[valid-type]
    minutes_late: int | None = None
    minutes_early: int | None = None
    expected: str | None = Field(None, examples=["07.30–16.00"], description="the day's hours")
