"""Calendar arithmetic of leave: days and working days of a span, whole months, length of service (masa
kerja) and the cuti bersama days of a year.

Apart because every other leave module counts days the same way, and none of it knows about requests."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date, timedelta

from ..workdays import holiday_name, is_working_day


def dates(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it has no such day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def last_allowed_day(start: date, months: int) -> date:
    """The last day of a leave of at most ``months`` months that starts on ``start``."""
    return add_months(start, months) - timedelta(days=1)


def working_days(first: date, last: date, overrides: Mapping[date, str | None] | None = None) -> list[date]:
    return [d for d in dates(first, last) if is_working_day(d, overrides)]


def service_length(tmt: date, on: date) -> tuple[int, int]:
    """Whole years and months of service from the TMT to ``on`` (masa kerja)."""
    months = (on.year - tmt.year) * 12 + on.month - tmt.month - (1 if on.day < tmt.day else 0)
    months = max(months, 0)
    return months // 12, months % 12


def years_of_service(tmt: date, on: date) -> int:
    return service_length(tmt, on)[0]


def eligible_from(tmt: date, years: int = 1) -> date:
    """The first day with ``years`` of continuous service."""
    return add_months(tmt, 12 * years)


def is_cuti_bersama(day: date, overrides: Mapping[date, str | None] | None = None) -> bool:
    """A weekday the calendar names "Cuti Bersama …" (the ``holidays`` library's name, or the admin's)."""
    name = holiday_name(day, overrides)
    return day.weekday() < 5 and name is not None and name.lower().startswith("cuti bersama")


def cuti_bersama_days(year: int, overrides: Mapping[date, str | None] | None = None, since: date | None = None) -> int:
    """Cuti bersama days of ``year`` (from ``since`` on, when the right to annual leave began that year)."""
    first = max(date(year, 1, 1), since) if since else date(year, 1, 1)
    return sum(1 for d in dates(first, date(year, 12, 31)) if is_cuti_bersama(d, overrides))
