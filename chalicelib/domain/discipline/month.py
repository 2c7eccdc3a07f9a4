"""The month of the recap and its boundaries in the satker's zone.

Decisions:
- A month is the calendar month of the **attendance day** in the satker's zone: 1 Desember 00.00 WIB to
  31 Desember 24.00 WIB for a satker in WIB, whatever the server's clock (UTC) says.
- An attendance day owns its check-out even when it falls after midnight: an instant before ``CHECK_OUT_CUTOFF``
  (04.00 local) belongs to the day before (`attendance_day`), so a check-out at 00.30 on 1 Januari counts in
  Desember. A check-in is never after midnight of its own day.
- HR closes a month only once it is over in the satker's zone (`month_over`); after that the month's records can
  no longer change without a recorded correction (`closing`), and a request for a day of a closed month is
  refused (`require_open`).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ..errors import BusinessRule, Conflict, ValidationError
from ..identity import TimeZone
from ..messages import MONTHS

CHECK_OUT_CUTOFF = time(4, 0)
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class MonthKey:
    year: int
    month: int

    @classmethod
    def of(cls, day: date) -> MonthKey:
        return cls(day.year, day.month)

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range(self.last.day)]

    def contains(self, day: date) -> bool:
        return (day.year, day.month) == (self.year, self.month)

    @property
    def label(self) -> str:
        """``Desember 2026``."""
        return f"{MONTHS[self.month - 1]} {self.year}"

    @property
    def key(self) -> str:
        """``2026-12``: how the month travels in a path, a query and a store key."""
        return f"{self.year:04d}-{self.month:02d}"


def parse_month(value: object, field: str = "month") -> MonthKey:
    """``YYYY-MM`` (2000–2100) as a `MonthKey`."""
    found = _MONTH_RE.match(str(value or ""))
    if not found or not 2000 <= int(found[1]) <= 2100 or not 1 <= int(found[2]) <= 12:
        raise ValidationError(
            "Bulan harus berformat TTTT-BB, misalnya 2026-12.", code="INVALID_MONTH", details={"field": field}
        )
    return MonthKey(int(found[1]), int(found[2]))


def local_datetime(instant: datetime, zone: TimeZone) -> datetime:
    """An aware instant in the satker's zone."""
    from zoneinfo import ZoneInfo

    return instant.astimezone(ZoneInfo(zone.iana))


def attendance_day(instant: datetime, zone: TimeZone, *, check_out: bool = False) -> date:
    """The attendance day an instant belongs to in ``zone``: its local date, except that a check-out before
    `CHECK_OUT_CUTOFF` belongs to the day before."""
    local = local_datetime(instant, zone)
    if check_out and local.time() < CHECK_OUT_CUTOFF:
        return local.date() - timedelta(days=1)
    return local.date()


def month_over(month: MonthKey, now_utc: datetime, zone: TimeZone) -> bool:
    """Whether the month has ended in the satker's zone, check-outs after midnight included."""
    return attendance_day(now_utc, zone, check_out=True) > month.last


def require_over(month: MonthKey, now_utc: datetime, zone: TimeZone) -> None:
    if not month_over(month, now_utc, zone):
        raise BusinessRule(
            f"Bulan {month.label} belum berakhir; rekap baru dapat ditutup setelah bulan selesai.",
            code="MONTH_NOT_OVER",
            details={"month": month.key},
        )


def require_open(day: date, closed: Collection[MonthKey]) -> None:
    """Refuse a change (a permission, a complaint, a decision) to a day of a closed month."""
    month = MonthKey.of(day)
    if month in closed:
        raise Conflict(
            f"Rekap bulan {month.label} sudah ditutup; perubahan memerlukan koreksi oleh pengelola kepegawaian.",
            code="MONTH_CLOSED",
            details={"month": month.key},
        )
