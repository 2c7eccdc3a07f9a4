"""Working hours of a satker (default: its SKPD's): the working-day pattern, check-in and check-out per weekday, and
HR's dated exceptions (Ramadan hours, a day off, an extra working day), in the satker's zone.

Defaults follow Peraturan Presiden Nomor 21 Tahun 2023 tentang Hari Kerja dan Jam Kerja Instansi Pemerintah dan
Pegawai Aparatur Sipil Negara (setneg.go.id, "Pemerintah terbitkan aturan flexible working arrangement bagi ASN"):

- 5 working days a week, Monday to Friday (Pasal 3); units that serve the public directly or support operations
  may work another pattern set by the PPK after the MenPANRB's consideration (Pasal 7 ayat (1)) — hence the
  6-day pattern here;
- 37 jam 30 menit a week, breaks excluded; work starts at 07.30 local time; the break is 60 minutes, 90 on
  Friday. Our 5-day default: Monday–Thursday 07.30–16.00 (break 60) and Friday 07.30–16.30 (break 90):
  4 × 7,5 + 7,5 = 37,5 hours;
- in Ramadan 32 jam 30 menit a week from 08.00 local time, break 60 minutes on Friday (30 on the other days, as
  reported of the same Perpres): Monday–Thursday 08.00–15.00 and Friday 08.00–15.30 (4 × 6,5 + 6,5 = 32,5).

Peraturan Menteri PANRB Nomor 4 Tahun 2025 (tugas kedinasan secara fleksibel) implements Pasal 8 ayat (4) of that
Perpres and keeps its hours: it does not replace these defaults. The Perpres gives no 6-day timetable; our 6-day
default (Monday–Friday 07.30–14.30 with a 30-minute break, Saturday 07.30–12.30) is an example that also sums to
37,5 hours, for HR to change.

Pure: holidays come from the holiday service as a set of dates; nothing here reads a clock or a store.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, time
from itertools import pairwise

from ..errors import ValidationError
from ..identity import TimeZone
from ..messages import indonesian_date

#: ``date.weekday()`` numbers: 0 is Monday (Senin), 6 is Sunday (Minggu)
WEEKDAY_LABELS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
PATTERNS = (5, 6)
MAX_NOTE = 200
#: the longest one exception may be (a Ramadan is 29-30 days; a year bounds a typo)
MAX_EXCEPTION_DAYS = 366


@dataclass(frozen=True)
class Hours:
    """One day's check-in and check-out (wall-clock, in the satker's zone) and its break, which the Perpres keeps
    out of the weekly hours."""

    check_in: time
    check_out: time
    break_minutes: int = 0

    @property
    def span_minutes(self) -> int:
        return _minutes(self.check_out) - _minutes(self.check_in)

    @property
    def net_minutes(self) -> int:
        """Working minutes without the break (what the Perpres' 37 jam 30 menit counts)."""
        return self.span_minutes - self.break_minutes


@dataclass(frozen=True)
class ScheduleException:
    """HR's change of the days ``first``–``last`` (both included): ``off`` makes them days off; otherwise
    ``hours`` replaces the hours of the weekdays it names (a weekday outside the pattern becomes a working day;
    a weekday it does not name keeps its regular hours)."""

    first: date
    last: date
    note: str
    off: bool = False
    hours: Mapping[int, Hours] = field(default_factory=dict)

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last


@dataclass(frozen=True)
class WorkSchedule:
    """A satker's (or an SKPD's) working hours: the pattern (5 or 6 days), the hours of each working weekday, the
    exceptions, and the zone the times are in (the satker's)."""

    days_per_week: int
    weekly: Mapping[int, Hours]
    exceptions: tuple[ScheduleException, ...] = ()
    zone: TimeZone = TimeZone.WIB
    version: int = 0


def working_weekdays(days_per_week: int) -> tuple[int, ...]:
    """Monday–Friday for 5 days, Monday–Saturday for 6."""
    return tuple(range(days_per_week))


# -- defaults ------------------------------------------------------------------------------------------------

_0730, _0800 = time(7, 30), time(8, 0)
FIVE_DAY_HOURS: Mapping[int, Hours] = {
    **{d: Hours(_0730, time(16, 0), 60) for d in range(4)},
    4: Hours(_0730, time(16, 30), 90),
}
SIX_DAY_HOURS: Mapping[int, Hours] = {
    **{d: Hours(_0730, time(14, 30), 30) for d in range(5)},
    5: Hours(_0730, time(12, 30), 0),
}
RAMADAN_HOURS: Mapping[int, Hours] = {
    **{d: Hours(_0800, time(15, 0), 30) for d in range(4)},
    4: Hours(_0800, time(15, 30), 60),
}


def default_schedule(days_per_week: int = 5, zone: TimeZone = TimeZone.WIB) -> WorkSchedule:
    """The documented default of a pattern (see the module's docstring)."""
    weekly = FIVE_DAY_HOURS if days_per_week == 5 else SIX_DAY_HOURS
    return WorkSchedule(days_per_week, dict(weekly), zone=zone)


def ramadan(first: date, last: date, note: str = "Jam kerja bulan Ramadan") -> ScheduleException:
    """Ramadan hours after Perpres 21/2023 for ``first``–``last`` (HR sets the dates of the year's Ramadan)."""
    return ScheduleException(first, last, note, hours=dict(RAMADAN_HOURS))


def day_off(day: date, note: str, last: date | None = None) -> ScheduleException:
    return ScheduleException(day, last or day, note, off=True)


def schedule_for(
    zone: TimeZone, satker_schedule: WorkSchedule | None, skpd_schedule: WorkSchedule | None
) -> WorkSchedule:
    """The schedule that applies to a satker: its own, else its SKPD's, else the default 5-day one — always in
    the satker's zone (an SKPD's offices may lie in two zones; 07.30 is local time everywhere)."""
    chosen = satker_schedule or skpd_schedule or default_schedule(5, zone)
    return chosen if chosen.zone is zone else WorkSchedule(chosen.days_per_week, chosen.weekly, chosen.exceptions, zone)


# -- the hours of a date -------------------------------------------------------------------------------------


def expected_hours(schedule: WorkSchedule, day: date, holidays: Collection[date] = ()) -> Hours | None:
    """The hours expected on ``day``, or ``None`` when it is not a working day.

    Order: a holiday (national, cuti bersama, or the admin's, as the holiday service lists them) is never a
    working day; then HR's exception covering the day (the latest-starting, though they may not overlap); then
    the pattern's weekday.
    """
    if day in holidays:
        return None
    for exception in schedule.exceptions:
        if exception.covers(day):
            if exception.off:
                return None
            if day.weekday() in exception.hours:
                return exception.hours[day.weekday()]
            break
    return schedule.weekly.get(day.weekday())


def weekly_net_minutes(schedule: WorkSchedule) -> int:
    """The week's working minutes without breaks (2250 = 37 jam 30 menit for the defaults)."""
    return sum(h.net_minutes for d, h in schedule.weekly.items() if d in working_weekdays(schedule.days_per_week))


# -- validation ----------------------------------------------------------------------------------------------


def check_schedule(schedule: WorkSchedule) -> WorkSchedule:
    """Refuse a schedule HR cannot mean: a pattern other than 5 or 6 days, a working weekday without hours (or
    hours on a day outside the pattern), a time not on the minute, a check-out not after the check-in, a break as
    long as the day, an exception that ends before it starts, is too long, has no note, or overlaps another."""
    if schedule.days_per_week not in PATTERNS:
        raise _invalid("Pola hari kerja harus 5 atau 6 hari seminggu.", "days_per_week", "INVALID_WORK_PATTERN")
    days = working_weekdays(schedule.days_per_week)
    for weekday in days:
        if weekday not in schedule.weekly:
            raise _invalid(
                f"Jam kerja hari {WEEKDAY_LABELS[weekday]} wajib diisi.", f"weekly.{weekday}", "WORK_HOURS_MISSING"
            )
    for weekday, hours in schedule.weekly.items():
        if weekday not in days:
            raise _invalid(
                f"Hari {_weekday_label(weekday)} bukan hari kerja pada pola {schedule.days_per_week} hari.",
                f"weekly.{weekday}",
                "NOT_A_WORKING_WEEKDAY",
            )
        check_hours(hours, f"weekly.{weekday}", WEEKDAY_LABELS[weekday])
    ordered = sorted(enumerate(schedule.exceptions), key=lambda pair: pair[1].first)
    for index, exception in ordered:
        _check_exception(exception, f"exceptions.{index}")
    for (_, earlier), (index, later) in pairwise(ordered):
        if later.first <= earlier.last:
            raise _invalid(
                f"Pengecualian {indonesian_date(later.first)} bertumpang tindih dengan pengecualian "
                f"{indonesian_date(earlier.first)} s.d. {indonesian_date(earlier.last)}.",
                f"exceptions.{index}.first",
                "EXCEPTION_OVERLAP",
            )
    return schedule


def check_hours(hours: Hours, field: str, day_label: str) -> Hours:
    """One day's hours: both times on the minute, the check-out after the check-in, a break shorter than the day."""
    for name in ("check_in", "check_out"):
        value: time = getattr(hours, name)
        if value.second or value.microsecond:
            raise _invalid(
                f"Jam hari {day_label} harus dalam menit penuh (tanpa detik).", f"{field}.{name}", "TIME_NOT_ON_MINUTE"
            )
    if hours.check_out <= hours.check_in:
        raise _invalid(
            f"Jam pulang hari {day_label} harus setelah jam masuk.", f"{field}.check_out", "CHECK_OUT_NOT_AFTER_IN"
        )
    if not 0 <= hours.break_minutes < hours.span_minutes:
        raise _invalid(
            f"Waktu istirahat hari {day_label} harus 0 menit atau lebih dan lebih singkat dari jam kerjanya.",
            f"{field}.break_minutes",
            "INVALID_BREAK",
        )
    return hours


def _check_exception(exception: ScheduleException, field: str) -> None:
    if exception.last < exception.first:
        raise _invalid(
            "Tanggal akhir pengecualian tidak boleh sebelum tanggal mulainya.", f"{field}.last", "INVALID_DATE_RANGE"
        )
    if (exception.last - exception.first).days + 1 > MAX_EXCEPTION_DAYS:
        raise _invalid(
            f"Satu pengecualian paling lama {MAX_EXCEPTION_DAYS} hari.", f"{field}.last", "EXCEPTION_TOO_LONG"
        )
    note = exception.note.strip()
    if not note or len(note) > MAX_NOTE:
        raise _invalid(
            f"Keterangan pengecualian wajib diisi, paling banyak {MAX_NOTE} karakter.", f"{field}.note", "INVALID_NOTE"
        )
    if exception.off == bool(exception.hours):
        raise _invalid(
            "Pengecualian harus berupa hari libur atau jam kerja khusus, tidak keduanya.",
            f"{field}.hours",
            "INVALID_EXCEPTION",
        )
    for weekday, hours in exception.hours.items():
        if weekday not in range(7):
            raise _invalid("Hari pengecualian tidak dikenal.", f"{field}.hours.{weekday}", "INVALID_WEEKDAY")
        check_hours(hours, f"{field}.hours.{weekday}", WEEKDAY_LABELS[weekday])


def _weekday_label(weekday: int) -> str:
    return WEEKDAY_LABELS[weekday] if weekday in range(7) else str(weekday)


def _invalid(message: str, field: str, code: str) -> ValidationError:
    return ValidationError(message, code=code, details={"field": field})


def _minutes(value: time) -> int:
    return value.hour * 60 + value.minute
