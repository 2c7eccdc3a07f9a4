"""Reminders through the real `ReminderService`: the slot dispatcher and the worker, in memory, on a fixed clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from chalicelib.domain.identity import TimeZone
from chalicelib.domain.reminders import reminder_text
from chalicelib.services.reminders import DISPATCH_JOB
from tests.support import payload
from tests.unit.world import APP_URL, Clock, World, actor, at, body

WEDNESDAY = date(2026, 3, 11)
FOUR_PM_UTC = {TimeZone.WIB: "09:00", TimeZone.WITA: "08:00", TimeZone.WIT: "07:00"}


@pytest.fixture
def world() -> World:
    return World(Clock(at("2026-03-11 00:00")))


def _remind(world, employee, **settings) -> None:
    body = payload("ReminderInput", {"enabled": True, "frequency": "DAILY", "time": "16:00", **settings})
    world.reminders.update(actor(employee), body)


def _run(world, now: datetime, previous: datetime | None = None) -> list[str]:
    """One dispatcher run at ``now`` (the last one 5 minutes earlier), then the worker; the NIPs messaged."""
    world.job_state.save_cursor(DISPATCH_JOB, (previous or now - timedelta(minutes=5)).isoformat())
    world.clock.now = now
    world.reminders.dispatch(world.clients.notifications)
    messages = world.clients.notifications.take()
    before = len(world.whatsapp.sent)
    for message in messages:
        world.reminders.handle(message)
    numbers = {e.whatsapp: e.nip for e in world.employees.many({m["nip"] for m in messages}).values()}
    return [numbers[to] for to, _ in world.whatsapp.sent[before:]]


def test_each_zone_is_reminded_at_its_own_four_pm(world):
    people = {zone: world.person(zone, name=f"Pegawai {zone}") for zone in TimeZone}
    for person in people.values():
        _remind(world, person)
    for zone, utc in FOUR_PM_UTC.items():
        assert _run(world, at(f"2026-03-11 {utc}")) == [people[zone].nip], zone
    wit = people[TimeZone.WIT]
    assert (wit.whatsapp, reminder_text(wit.name, APP_URL)) in world.whatsapp.sent
    assert _run(world, at("2026-03-11 09:05")) == []
    assert world.reminders.settings(actor(wit))["timezone"] == "WIT"


def test_weekly_and_monthly_reminders_come_on_their_day(world):
    weekly, monthly = world.person(name="Mingguan"), world.person(name="Bulanan")
    _remind(world, weekly, frequency="WEEKLY", weekday=3)  # Wednesday
    _remind(world, monthly, frequency="MONTHLY", day_of_month=31)  # April has 30 days: the 30th
    assert _run(world, at("2026-03-11 09:00")) == [weekly.nip]
    assert _run(world, at("2026-03-12 09:00")) == []
    assert _run(world, at("2026-04-29 09:00")) == [weekly.nip]
    assert _run(world, at("2026-04-30 09:00")) == [monthly.nip]
    assert _run(world, at("2026-03-31 09:00")) == [monthly.nip]


def test_no_reminder_on_weekends_and_holidays_as_the_admin_sets_them(world):
    employee = world.person()
    _remind(world, employee)
    assert _run(world, at("2026-03-14 09:00")) == []  # Saturday
    assert _run(world, at("2026-03-19 09:00")) == []  # Hari Suci Nyepi
    assert _run(world, at("2026-03-18 09:00")) == []  # cuti bersama
    world.holidays.put(date(2026, 3, 18), None)  # the admin makes it a working day here
    world.holidays.put(date(2026, 3, 12), "Hari jadi kota")  # and adds a regional holiday
    assert _run(world, at("2026-03-18 09:00")) == [employee.nip]
    assert _run(world, at("2026-03-12 09:00")) == []
    assert _run(world, at("2026-03-13 09:00")) == [employee.nip]


def test_an_early_reminder_belongs_to_the_local_day(world):
    employee = world.person(TimeZone.WIT)
    _remind(world, employee, time="06:30")  # 21:30 UTC the evening before
    assert _run(world, at("2026-03-15 21:30")) == [employee.nip]  # Monday 16 March in Jayapura
    assert _run(world, at("2026-03-13 21:30")) == []  # Saturday 14 March in Jayapura


def test_no_reminder_when_today_s_report_is_filed(world):
    filed, withdrawn, idle = world.person(name="Rajin"), world.person(name="Batal"), world.person(name="Lupa")
    for person in (filed, withdrawn, idle):
        _remind(world, person)
        world.attend(person, WEDNESDAY)
    world.clock.now = at("2026-03-11 02:00")
    world.reports.create(actor(filed), body(WEDNESDAY))
    made = world.reports.create(actor(withdrawn), body(WEDNESDAY))
    world.reports.withdraw(actor(withdrawn), made["report_id"], payload("VersionQuery", version=made["version"]))
    assert sorted(_run(world, at("2026-03-11 09:00"))) == sorted([withdrawn.nip, idle.nip])
    assert world.reminder_settings.in_slot("09:00")[0][2] == WEDNESDAY.isoformat()  # marked, sent or not


def test_a_day_s_reminder_goes_out_once(world):
    employee = world.person()
    _remind(world, employee)
    queue = world.clients.notifications
    world.job_state.save_cursor(DISPATCH_JOB, at("2026-03-11 08:55").isoformat())
    world.clock.now = at("2026-03-11 09:01")
    assert world.reminders.dispatch(queue) == {"slots": 1, "read": 1, "queued": 1}
    for message in queue.take() * 2:  # the queue delivers a message twice
        world.reminders.handle(message)
    assert len(world.whatsapp.sent) == 1
    assert _run(world, at("2026-03-11 09:00")) == []  # a second run of the slot finds it marked


def test_a_late_run_catches_up_the_missed_slots_once(world):
    early, late = world.person(TimeZone.WIT), world.person(TimeZone.WIB)
    _remind(world, early)
    _remind(world, late)
    assert sorted(_run(world, at("2026-03-11 09:03"), previous=at("2026-03-11 06:52"))) == sorted([early.nip, late.nip])
    assert _run(world, at("2026-03-11 09:08")) == []
    assert world.job_state.cursor(DISPATCH_JOB) == at("2026-03-11 09:05").isoformat()
