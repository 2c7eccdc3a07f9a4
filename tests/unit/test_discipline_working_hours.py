"""Working hours of a satker: the Perpres 21/2023 defaults, the hours expected on a date (pattern, exceptions,
holidays), the satker/SKPD fallback, and the refusals of a schedule HR cannot mean."""

from __future__ import annotations

from datetime import date, time

import pytest

from chalicelib.domain.discipline.working_hours import (
    FIVE_DAY_HOURS,
    Hours,
    ScheduleException,
    WorkSchedule,
    check_schedule,
    day_off,
    default_schedule,
    expected_hours,
    ramadan,
    schedule_for,
    weekly_net_minutes,
)
from chalicelib.domain.errors import ValidationError
from chalicelib.domain.identity import TimeZone

FIVE, SIX = default_schedule(5), default_schedule(6)
#: Ramadan 1447 H as HR might set it
RAMADAN = ramadan(date(2026, 2, 18), date(2026, 3, 19))


def test_the_defaults_make_the_perpres_weekly_hours():
    """Perpres 21/2023: 37 jam 30 menit a week without breaks; 32 jam 30 menit in Ramadan."""
    assert weekly_net_minutes(FIVE) == 37 * 60 + 30
    assert weekly_net_minutes(SIX) == 37 * 60 + 30
    assert sum(h.net_minutes for h in RAMADAN.hours.values()) == 32 * 60 + 30
    assert all(h.check_in == time(7, 30) for h in FIVE.weekly.values())
    assert all(h.check_in == time(8, 0) for h in RAMADAN.hours.values())
    check_schedule(FIVE)
    check_schedule(SIX)


@pytest.mark.parametrize(
    ("schedule", "day", "expected"),
    [
        (FIVE, date(2026, 12, 7), (time(7, 30), time(16, 0))),  # Monday
        (FIVE, date(2026, 12, 10), (time(7, 30), time(16, 0))),  # Thursday
        (FIVE, date(2026, 12, 11), (time(7, 30), time(16, 30))),  # Friday
        (FIVE, date(2026, 12, 12), None),  # Saturday
        (FIVE, date(2026, 12, 13), None),  # Sunday
        (SIX, date(2026, 12, 11), (time(7, 30), time(14, 30))),  # Friday of 6 days
        (SIX, date(2026, 12, 12), (time(7, 30), time(12, 30))),  # Saturday of 6 days
        (SIX, date(2026, 12, 13), None),  # Sunday of 6 days
    ],
)
def test_the_hours_of_a_date_follow_the_pattern(schedule, day, expected):
    hours = expected_hours(schedule, day)
    assert (hours.check_in, hours.check_out) == expected if expected else hours is None


def test_a_holiday_is_never_a_working_day_even_inside_an_exception():
    christmas = date(2026, 12, 25)  # a Friday
    assert expected_hours(FIVE, christmas) is not None
    assert expected_hours(FIVE, christmas, holidays={christmas}) is None
    extra = ScheduleException(christmas, christmas, "Lembur", hours={4: Hours(time(8, 0), time(12, 0))})
    assert expected_hours(WorkSchedule(5, FIVE.weekly, (extra,)), christmas, holidays={christmas}) is None


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 2, 17), (time(7, 30), time(16, 0))),  # the Tuesday before Ramadan
        (date(2026, 2, 18), (time(8, 0), time(15, 0))),  # first day, a Wednesday
        (date(2026, 2, 20), (time(8, 0), time(15, 30))),  # a Friday in Ramadan
        (date(2026, 2, 21), None),  # a Saturday in Ramadan stays off
        (date(2026, 3, 19), (time(8, 0), time(15, 0))),  # the last day, a Thursday
        (date(2026, 3, 23), (time(7, 30), time(16, 0))),  # a Monday after it
    ],
)
def test_ramadan_hours_apply_to_their_dates_only(day, expected):
    hours = expected_hours(WorkSchedule(5, FIVE.weekly, (RAMADAN,)), day)
    assert (hours.check_in, hours.check_out) == expected if expected else hours is None


def test_a_day_off_and_an_extra_working_day_and_a_partial_exception():
    saturday = date(2026, 12, 12)
    schedule = WorkSchedule(
        5,
        FIVE.weekly,
        (
            day_off(date(2026, 12, 8), "Hari jadi kabupaten"),
            ScheduleException(saturday, saturday, "Apel bersama", hours={5: Hours(time(7, 0), time(11, 0))}),
            ScheduleException(date(2026, 12, 14), date(2026, 12, 18), "Jam Jumat pendek", hours={4: FIVE.weekly[0]}),
        ),
    )
    assert expected_hours(schedule, date(2026, 12, 8)) is None
    assert expected_hours(schedule, saturday) == Hours(time(7, 0), time(11, 0))
    assert expected_hours(schedule, date(2026, 12, 14)) == FIVE.weekly[0]  # Monday keeps its hours
    assert expected_hours(schedule, date(2026, 12, 18)) == FIVE.weekly[0]  # Friday takes the exception's
    check_schedule(schedule)


def test_a_satker_uses_its_own_hours_else_its_skpds_else_the_default_in_its_own_zone():
    own, skpd = default_schedule(6, TimeZone.WITA), default_schedule(5, TimeZone.WIB)
    assert schedule_for(TimeZone.WITA, own, skpd) is own
    chosen = schedule_for(TimeZone.WITA, None, skpd)
    assert chosen.days_per_week == 5 and chosen.zone is TimeZone.WITA
    fallback = schedule_for(TimeZone.WIT, None, None)
    assert fallback.weekly == FIVE_DAY_HOURS and fallback.zone is TimeZone.WIT


def _with(weekly=None, exceptions=(), days=5) -> WorkSchedule:
    return WorkSchedule(days, dict(FIVE.weekly) if weekly is None else weekly, tuple(exceptions))


MONDAY = Hours(time(7, 30), time(16, 0), 60)


@pytest.mark.parametrize(
    ("schedule", "code", "field", "words"),
    [
        (_with(days=7), "INVALID_WORK_PATTERN", "days_per_week", "5 atau 6"),
        (_with({d: MONDAY for d in range(4)}), "WORK_HOURS_MISSING", "weekly.4", "Jumat"),
        (_with({**FIVE.weekly, 5: MONDAY}), "NOT_A_WORKING_WEEKDAY", "weekly.5", "Sabtu"),
        (_with({**FIVE.weekly, 0: Hours(time(7, 30, 15), time(16, 0))}), "TIME_NOT_ON_MINUTE", "weekly.0.check_in", ""),
        (
            _with({**FIVE.weekly, 4: Hours(time(16, 0), time(16, 0))}),
            "CHECK_OUT_NOT_AFTER_IN",
            "weekly.4.check_out",
            "",
        ),
        (_with({**FIVE.weekly, 1: Hours(time(8, 0), time(7, 0))}), "CHECK_OUT_NOT_AFTER_IN", "weekly.1.check_out", ""),
        (_with({**FIVE.weekly, 2: Hours(time(8, 0), time(9, 0), 60)}), "INVALID_BREAK", "weekly.2.break_minutes", ""),
        (_with({**FIVE.weekly, 2: Hours(time(8, 0), time(9, 0), -1)}), "INVALID_BREAK", "weekly.2.break_minutes", ""),
        (
            _with(exceptions=[day_off(date(2026, 12, 9), "Libur", last=date(2026, 12, 8))]),
            "INVALID_DATE_RANGE",
            "exceptions.0.last",
            "",
        ),
        (
            _with(exceptions=[day_off(date(2026, 1, 1), "Panjang", last=date(2027, 1, 2))]),
            "EXCEPTION_TOO_LONG",
            "exceptions.0.last",
            "",
        ),
        (_with(exceptions=[day_off(date(2026, 12, 9), "  ")]), "INVALID_NOTE", "exceptions.0.note", ""),
        (
            _with(exceptions=[ScheduleException(date(2026, 12, 9), date(2026, 12, 9), "Kosong")]),
            "INVALID_EXCEPTION",
            "exceptions.0.hours",
            "",
        ),
        (
            _with(exceptions=[ScheduleException(date(2026, 12, 9), date(2026, 12, 9), "Dua", True, {2: MONDAY})]),
            "INVALID_EXCEPTION",
            "exceptions.0.hours",
            "",
        ),
        (
            _with(exceptions=[RAMADAN, day_off(date(2026, 3, 1), "Libur daerah", last=date(2026, 3, 20))]),
            "EXCEPTION_OVERLAP",
            "exceptions.1.first",
            "bertumpang tindih",
        ),
        (
            _with(exceptions=[ramadan(date(2026, 2, 18), date(2026, 3, 19), "Ramadan")]),
            None,
            None,
            None,
        ),
    ],
)
def test_a_schedule_hr_cannot_mean_is_refused_with_the_field(schedule, code, field, words):
    if code is None:
        assert check_schedule(schedule) is schedule
        return
    with pytest.raises(ValidationError) as refused:
        check_schedule(schedule)
    assert refused.value.code == code and refused.value.status == 400
    assert refused.value.details == {"field": field}
    assert words in refused.value.message


def test_exceptions_that_touch_without_overlapping_are_accepted():
    check_schedule(
        _with(exceptions=[day_off(date(2026, 3, 20), "Idul Fitri", last=date(2026, 3, 23)), RAMADAN]),
    )
