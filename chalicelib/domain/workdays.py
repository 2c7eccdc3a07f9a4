"""Working days: weekends and Indonesian national holidays, cuti bersama included, are not.

The admin can add dates (a regional holiday, an extra cuti bersama) or remove one the
``holidays`` library lists (``overrides``: date → name to add, or ``None`` to remove).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import lru_cache


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
