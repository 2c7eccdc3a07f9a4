"""Reminders: settings, the slot dispatcher through SQS, skips, catch-up and exactly-once sending."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from tests.support import attend, outbox_for, report_body, today_wib


@pytest.fixture
def dispatch(stack, runner, services_with):
    """Run the dispatcher as if the clock said ``at``, after a previous run at ``previous``; deliver the queue."""
    from chalicelib.services.reminders import DISPATCH_JOB
    from chalicelib.store.job_state import DynamoJobState

    def run(at: datetime, previous: datetime | None = None) -> dict:
        DynamoJobState().save_cursor(DISPATCH_JOB, (previous or at - timedelta(minutes=5)).isoformat())
        services = services_with(clock=lambda: at)  # the worker the runner calls keeps that clock too
        summary = services.reminders.dispatch(services.notification_queue)
        runner.deliver_queue()
        return summary

    return run


def _person(http, factory, zone: str, skpd=None):
    from chalicelib.domain.identity import TimeZone
    from chalicelib.store.employees import DynamoEmployeeRepository

    skpd = skpd or factory.skpd()
    nip = factory.employee(skpd, name=f"Pegawai {zone}")
    repo = DynamoEmployeeRepository()
    repo.save(replace(repo.get(nip), timezone=TimeZone(zone)))
    token = http.login(nip)
    whatsapp = repo.get(nip).whatsapp
    return nip, token, whatsapp


def _remind(http, token, **body):
    settings = {"enabled": True, "frequency": "DAILY", "time": "16:00", **body}
    status, saved = http.call("PUT", "/me/reminder", settings, token=token)
    assert status == 200, saved
    return saved


def test_settings_round_trip_and_validation(http, factory):
    _, token, _ = _person(http, factory, "WITA")
    assert http.call("GET", "/me/reminder", token=token)[1]["enabled"] is False
    saved = _remind(http, token, frequency="WEEKLY", weekday=5, time="15:30")
    assert saved == {
        "enabled": True,
        "frequency": "WEEKLY",
        "time": "15:30",
        "timezone": "WITA",
        "weekday": 5,
        "day_of_month": None,
    }
    assert http.call("GET", "/me/reminder", token=token)[1] == saved
    assert (
        http.call("PUT", "/me/reminder", {"enabled": True, "frequency": "DAILY", "time": "16:07"}, token=token)[0]
        == 400
    )
    assert (
        http.call("PUT", "/me/reminder", {"enabled": 1, "frequency": "DAILY", "time": "16:00"}, token=token)[0] == 400
    )


def test_each_zone_is_reminded_at_its_own_four_pm_once(http, factory, dispatch):
    wednesday = date(2026, 11, 25)
    people = {zone: _person(http, factory, zone) for zone in ("WIB", "WITA", "WIT")}
    for _, token, _ in people.values():
        _remind(http, token)
    # 16:00 WIT = 07:00 UTC: only the WIT employee
    dispatch(datetime(2026, 11, 25, 7, 1, tzinfo=UTC))
    assert [len(outbox_for(p[2])) for p in people.values()] == [0, 0, 1]
    [message] = outbox_for(people["WIT"][2])
    assert message.text.startswith(
        "Halo Pegawai WIT, ini adalah pengingat untuk mengisi laporan kegiatan Anda hari ini."
    )
    dispatch(datetime(2026, 11, 25, 8, 0, tzinfo=UTC))  # 16:00 WITA
    dispatch(datetime(2026, 11, 25, 9, 4, tzinfo=UTC))  # 16:00 WIB
    assert [len(outbox_for(p[2])) for p in people.values()] == [1, 1, 1]
    # the dispatcher runs twice for the same slots: nothing is sent twice
    summary = dispatch(datetime(2026, 11, 25, 9, 4, tzinfo=UTC), previous=datetime(2026, 11, 25, 6, 55, tzinfo=UTC))
    assert summary["slots"] == 25  # 07:00 … 09:00 UTC
    assert [len(outbox_for(p[2])) for p in people.values()] == [1, 1, 1]
    assert wednesday.isoweekday() == 3


def test_a_missed_run_is_caught_up_late_and_once(http, factory, dispatch):
    people = {zone: _person(http, factory, zone) for zone in ("WIB", "WITA", "WIT")}
    for _, token, _ in people.values():
        _remind(http, token)
    # no run between 06:55 and 09:12 UTC on Thursday: one late run sends all three
    summary = dispatch(datetime(2026, 11, 26, 9, 12, tzinfo=UTC), previous=datetime(2026, 11, 26, 6, 55, tzinfo=UTC))
    assert summary["queued"] >= 3
    assert [len(outbox_for(p[2])) for p in people.values()] == [1, 1, 1]
    dispatch(datetime(2026, 11, 26, 9, 17, tzinfo=UTC), previous=datetime(2026, 11, 26, 6, 55, tzinfo=UTC))
    assert [len(outbox_for(p[2])) for p in people.values()] == [1, 1, 1]


def test_no_reminder_on_weekends_holidays_cuti_bersama_and_admin_holidays(http, factory, dispatch):
    _, token, whatsapp = _person(http, factory, "WIB")
    admin = http.login(factory.employee(factory.skpd(), roles=("ADMIN",)))
    _remind(http, token)
    for day in (date(2026, 11, 28), date(2026, 11, 29), date(2026, 12, 25), date(2026, 12, 24)):
        dispatch(datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC))
    assert outbox_for(whatsapp) == []
    assert (
        http.call("PUT", "/admin/holidays/2026-12-02", {"action": "ADD", "name": "Hari Jadi Kota"}, token=admin)[0]
        == 200
    )
    dispatch(datetime(2026, 12, 2, 9, 0, tzinfo=UTC))
    assert outbox_for(whatsapp) == []
    # the admin makes a cuti bersama date a working day: the reminder goes out
    assert http.call("PUT", "/admin/holidays/2026-12-24", {"action": "REMOVE"}, token=admin)[0] == 200
    dispatch(datetime(2026, 12, 24, 9, 0, tzinfo=UTC))
    assert len(outbox_for(whatsapp)) == 1
    year = http.call("GET", "/admin/holidays?year=2026", token=admin)[1]
    by_date = {d["date"]: d for d in year["days"]}
    assert by_date["2026-12-24"]["holiday"] is None and by_date["2026-12-24"]["override"]
    assert by_date["2026-12-02"]["holiday"] == "Hari Jadi Kota"
    assert http.call("DELETE", "/admin/holidays/2026-12-24", token=admin)[0] == 204
    assert http.call("DELETE", "/admin/holidays/2026-12-02", token=admin)[0] == 204
    assert http.call("GET", "/admin/holidays?year=2026", token=token)[0] == 403
    assert http.call("PUT", "/admin/holidays/2026-12-03", {"action": "MOVE"}, token=admin)[0] == 400


def test_weekly_and_monthly_reminders(http, factory, dispatch):
    _, weekly_token, weekly_wa = _person(http, factory, "WIB")
    _, monthly_token, monthly_wa = _person(http, factory, "WIB")
    _remind(http, weekly_token, frequency="WEEKLY", weekday=5, time="15:00")  # Fridays
    _remind(http, monthly_token, frequency="MONTHLY", day_of_month=31, time="15:00")
    dispatch(datetime(2026, 11, 26, 8, 0, tzinfo=UTC))  # Thursday the 26th
    assert outbox_for(weekly_wa) == [] and outbox_for(monthly_wa) == []
    dispatch(datetime(2026, 11, 27, 8, 0, tzinfo=UTC))  # Friday
    assert len(outbox_for(weekly_wa)) == 1 and outbox_for(monthly_wa) == []
    dispatch(datetime(2026, 11, 30, 8, 0, tzinfo=UTC))  # Monday the 30th, November's last day
    assert len(outbox_for(monthly_wa)) == 1


def test_no_reminder_when_the_report_is_already_filed(http, factory, dispatch):
    day = today_wib()
    from chalicelib.domain.workdays import is_working_day

    while not is_working_day(day):
        day -= timedelta(days=1)
    filed_nip, filed_token, filed_wa = _person(http, factory, "WIB")
    _, idle_token, idle_wa = _person(http, factory, "WIB")
    for token in (filed_token, idle_token):
        _remind(http, token)
    attend(filed_nip, day)
    assert http.call("POST", "/reports", report_body(day), token=filed_token)[0] == 201
    dispatch(datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC))
    assert outbox_for(filed_wa) == [] and len(outbox_for(idle_wa)) == 1
