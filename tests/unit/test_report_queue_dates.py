"""The report queue's ``from``/``to``: the reports of those dates, oldest submission first, paged (in-memory twin)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.support import verification_query
from tests.unit.world import Clock, World, actor, at, body

#: Friday 13 March 2026, 10:00 WIB
NOW = at("2026-03-13 03:00")
TODAY = date(2026, 3, 13)
DAY = timedelta(days=1)


@pytest.fixture
def world() -> World:
    return World(Clock(NOW))


def _queue(world, who, **params) -> dict:
    return world.decisions.queue(actor(who), verification_query("report", params))


def test_from_and_to_keep_the_reports_of_those_dates_in_submission_order(world):
    boss = world.person(name="Andi")
    dewi, agus = world.person(supervisor=boss), world.person(supervisor=boss, name="Agus")
    world.attend(dewi, *(TODAY - n * DAY for n in range(5)))
    world.attend(agus, *(TODAY - n * DAY for n in range(5)))
    filed = {}
    for who, back in ((dewi, 1), (agus, 4), (dewi, 3), (agus, 1), (dewi, 0)):  # submitted in this order
        world.clock.advance(minutes=1)
        report = world.reports.create(actor(who), body(TODAY - back * DAY))
        filed.setdefault(back, []).append(report["report_id"])
    every = [i["id"] for i in _queue(world, boss)["items"]]
    assert len(every) == 5
    window = _queue(world, boss, **{"from": str(TODAY - 3 * DAY), "to": str(TODAY - DAY)})
    assert [i["id"] for i in window["items"]] == [filed[1][0], filed[3][0], filed[1][1]]
    assert window["count"] == 5  # the inbox count is what waits, whatever the filter
    assert [i["date"] for i in _queue(world, boss, to=str(TODAY - 4 * DAY))["items"]] == [str(TODAY - 4 * DAY)]
    assert [i["id"] for i in _queue(world, boss, **{"from": str(TODAY)})["items"]] == filed[0]
    assert _queue(world, boss, **{"from": "2026-01-01", "to": "2026-01-31"})["items"] == []
    first = _queue(world, boss, **{"from": str(TODAY - 3 * DAY), "to": str(TODAY - DAY), "limit": 2})
    assert [i["id"] for i in first["items"]] == [filed[1][0], filed[3][0]] and first["next_cursor"]
    rest = _queue(
        world,
        boss,
        **{"from": str(TODAY - 3 * DAY), "to": str(TODAY - DAY), "limit": 2, "cursor": first["next_cursor"]},
    )
    assert [i["id"] for i in rest["items"]] == [filed[1][1]] and rest["next_cursor"] is None
