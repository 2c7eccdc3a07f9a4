"""Working days: weekends and Indonesian national holidays, cuti bersama included, are not.

The admin can add dates (a regional holiday, an extra cuti bersama) or remove one the
``holidays`` library lists (``overrides``: date → name to add, or ``None`` to remove).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from functools import lru_cache

from .errors import ValidationError

#: the years whose calendar the admin reads and changes
FIRST_YEAR, LAST_YEAR = 2000, 2100


class HolidayAction(StrEnum):
    """The admin's change of a date: ``ADD`` makes it a holiday (with a name), ``REMOVE`` a working day."""

    ADD = "ADD"
    REMOVE = "REMOVE"


def invalid_year(field: str = "year") -> ValidationError:
    """The refusal of a year that is not one from `FIRST_YEAR` to `LAST_YEAR` (or none)."""
    return ValidationError(
        f"Parameter year harus tahun {FIRST_YEAR}-{LAST_YEAR}.", code="INVALID_YEAR", details={"field": field}
    )


@lru_cache(maxsize=16)
def _holidays(year: int) -> dict[date, str]:
    import holidays

    return dict(holidays.Indonesia(years=year, categories=("government", "public"), language="id"))


def holiday_name(day: date, overrides: Mapping[date, str | None] | None = None) -> str | None:
    """The holiday's Indonesian name (``Cuti Bersama …`` for joint leave days), or ``None``."""
    if overrides and day in overrides:
        return overrides[day]
    return _holidays(day.year).get(day)


def is_weekend(day: date) -> bool:
    return day.weekday() >= 5


def is_working_day(day: date, overrides: Mapping[date, str | None] | None = None) -> bool:
    return not is_weekend(day) and holiday_name(day, overrides) is None
