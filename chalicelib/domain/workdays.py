"""Working days: weekends and Indonesian national holidays, cuti bersama included, are not."""

from __future__ import annotations

from datetime import date
from functools import lru_cache


@lru_cache(maxsize=16)
def _holidays(year: int) -> dict[date, str]:
    import holidays

    return dict(holidays.Indonesia(years=year, categories=("government", "public"), language="id"))


def holiday_name(day: date) -> str | None:
    """The holiday's Indonesian name (``Cuti Bersama …`` for joint leave days), or ``None``."""
    return _holidays(day.year).get(day)


def is_weekend(day: date) -> bool:
    return day.weekday() >= 5


def is_working_day(day: date) -> bool:
    return not is_weekend(day) and holiday_name(day) is None
