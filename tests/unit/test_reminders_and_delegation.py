"""Reminder slots and due days, working days with admin overrides, delegation rules (pure)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from chalicelib.domain.delegation import Delegation, check_delegation
from chalicelib.domain.errors import BusinessRule, ValidationError
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.reminders import (
    Frequency,
    ReminderSettings,
    due_on,
    reminder_settings,
    reminder_text,
    slots_between,
    utc_slot,
)
from chalicelib.domain.workdays import holiday_name, is_working_day
from tests.support import payload


def settings(zone=TimeZone.WIB, at=time(16, 0), frequency=Frequency.DAILY, **extra):
    return ReminderSettings(True, frequency, at, zone, **extra)


@pytest.mark.parametrize(("zone", "slot"), [(TimeZone.WIB, "09:00"), (TimeZone.WITA, "08:00"), (TimeZone.WIT, "07:00")])
def test_sixteen_hundred_local_falls_in_the_zone_s_utc_slot(zone, slot):
    assert utc_slot(settings(zone)) == slot


def test_early_local_times_cross_midnight_utc():
    assert utc_slot(settings(TimeZone.WIT, time(6, 30))) == "21:30"


def test_due_days():
    wednesday = date(2026, 11, 25)
    assert due_on(settings(), wednesday, working_day=True)
    assert not due_on(settings(), wednesday, working_day=False)
    assert not due_on(ReminderSettings(False, Frequency.DAILY, time(16, 0), TimeZone.WIB), wednesday, True)
    weekly = settings(frequency=Frequency.WEEKLY, weekday=3)
    assert due_on(weekly, wednesday, True) and not due_on(weekly, wednesday + timedelta(days=1), True)
    monthly = settings(frequency=Frequency.MONTHLY, day_of_month=31)
    assert due_on(monthly, date(2026, 11, 30), True)  # the month's last day stands in for the 31st
    assert not due_on(monthly, date(2026, 12, 30), True) and due_on(monthly, date(2026, 12, 31), True)


def test_slots_catch_up_after_a_missed_run_but_not_forever():
    now = datetime(2026, 11, 25, 9, 3, tzinfo=UTC)
    assert slots_between(None, now) == [datetime(2026, 11, 25, 9, 0, tzinfo=UTC)]
    late = slots_between(datetime(2026, 11, 25, 6, 55, tzinfo=UTC), now)
    assert late[0] == datetime(2026, 11, 25, 7, 0, tzinfo=UTC) and late[-1] == datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    assert len(late) == 25
    assert slots_between(datetime(2026, 11, 25, 9, 0, tzinfo=UTC), now) == []
    assert len(slots_between(datetime(2026, 11, 20, tzinfo=UTC), now)) == 6 * 12 + 1


def _settings(body: dict, zone: TimeZone) -> ReminderSettings:
    """A settings body read as the API reads it, then made settings (the rules that cross fields)."""
    read = payload("ReminderInput", body)
    return reminder_settings(
        read.enabled, read.frequency, read.time, zone, weekday=read.weekday, day_of_month=read.day_of_month
    )


def test_settings_validation():
    ok = _settings({"enabled": True, "frequency": "weekly", "time": "16:05", "weekday": 5}, TimeZone.WITA)
    assert ok.frequency is Frequency.WEEKLY and ok.weekday == 5 and ok.day_of_month is None
    assert (ok.at, ok.timezone) == (time(16, 5), TimeZone.WITA)
    daily = _settings({"enabled": False, "frequency": "DAILY", "time": "07:00", "weekday": 9}, TimeZone.WIB)
    assert daily.weekday is None and not daily.enabled  # a day the frequency does not use is dropped
    for body, code in (
        ({"enabled": "ya", "frequency": "DAILY", "time": "16:00"}, "INVALID_TYPE"),
        ({"enabled": True, "frequency": "HOURLY", "time": "16:00"}, "INVALID_FREQUENCY"),
        ({"enabled": True, "frequency": "DAILY", "time": "16:03"}, "INVALID_TIME"),
        ({"enabled": True, "frequency": "DAILY", "time": "4pm"}, "INVALID_TIME"),
        ({"enabled": True, "frequency": "DAILY", "time": "16:00:00"}, "INVALID_TIME"),
        ({"enabled": True, "frequency": "WEEKLY", "time": "16:00", "weekday": 0}, "INVALID_WEEKDAY"),
        ({"enabled": True, "frequency": "WEEKLY", "time": "16:00"}, "INVALID_WEEKDAY"),
        ({"enabled": True, "frequency": "MONTHLY", "time": "16:00"}, "INVALID_DAY_OF_MONTH"),
        ({"enabled": True, "frequency": "MONTHLY", "time": "16:00", "day_of_month": 32}, "INVALID_DAY_OF_MONTH"),
    ):
        with pytest.raises(ValidationError) as error:
            _settings(body, TimeZone.WIB)
        assert error.value.code == code, body


def test_message_is_the_one_in_the_spec():
    assert reminder_text("Dewi", "https://kinerja.go.id") == (
        "Halo Dewi, ini adalah pengingat untuk mengisi laporan kegiatan Anda hari ini. "
        "Silakan akses https://kinerja.go.id untuk membuat laporan. Terima kasih! 📝"
    )


def test_working_days_with_cuti_bersama_and_admin_overrides():
    assert not is_working_day(date(2026, 12, 25)) and holiday_name(date(2026, 12, 24)).startswith("Cuti Bersama")
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert is_working_day(date(2026, 11, 25))
    overrides = {date(2026, 11, 25): "Hari jadi kota", date(2026, 12, 24): None}
    assert not is_working_day(date(2026, 11, 25), overrides)
    assert is_working_day(date(2026, 12, 24), overrides)


def test_delegation_rules():
    today = date(2026, 11, 23)
    check_delegation("1", "2", today, today + timedelta(days=89), today)
    with pytest.raises(BusinessRule):
        check_delegation("1", "2", today, today + timedelta(days=90), today)
    with pytest.raises(ValidationError):
        check_delegation("1", "1", today, today, today)
    delegation = Delegation("d", "1", "2", today, today + timedelta(days=2))
    assert delegation.active_on(today + timedelta(days=2)) and not delegation.active_on(today + timedelta(days=3))
