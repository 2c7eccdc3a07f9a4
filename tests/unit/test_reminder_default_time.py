"""Default reminder times are spread (issue 21): before an employee saves a reminder, the form offers 16.00 plus a
stable per-employee offset on the 5-minute grid, so those who keep it do not all fall in one slot; a time someone
chose is kept as chosen."""

from __future__ import annotations

from collections import Counter
from datetime import time

import pytest

from chalicelib.domain.reminders import (
    DEFAULT_SPREAD_MINUTES,
    DEFAULT_TIME,
    SLOT_MINUTES,
    SLOT_SHARDS,
    default_time,
    shard_of,
    utc_slot,
)
from tests.support import make_nip, payload
from tests.unit.world import Clock, World, actor, at


def test_the_default_is_sixteen_hundred_plus_a_stable_offset_on_the_grid():
    nips = [f"19{n:016d}" for n in range(6_000)]
    times = [default_time(nip) for nip in nips]
    assert all(DEFAULT_TIME <= t < time(16, DEFAULT_SPREAD_MINUTES) and t.minute % SLOT_MINUTES == 0 for t in times)
    assert [default_time(nip) for nip in nips] == times  # the same NIP, the same time
    spread = Counter(times)
    assert len(spread) == DEFAULT_SPREAD_MINUTES // SLOT_MINUTES  # 16:00, 16:05 … 16:25
    assert max(spread.values()) < 1.1 * len(nips) / len(spread)  # even


def test_every_default_time_still_spreads_over_all_shards():
    nips = [f"19{n:016d}" for n in range(60_000)]
    at_four = [nip for nip in nips if default_time(nip) == DEFAULT_TIME]
    assert len({shard_of(nip) for nip in at_four}) == SLOT_SHARDS


@pytest.fixture
def world() -> World:
    return World(Clock(at("2026-03-11 00:00")))


def test_the_form_offers_the_employees_default_time_and_saving_it_keeps_it(world):
    person = world.person()
    offered = world.reminders.settings(actor(person))
    assert offered["enabled"] is False and offered["time"] == default_time(person.nip).strftime("%H:%M")
    kept = payload("ReminderInput", {"enabled": True, "frequency": "DAILY", "time": offered["time"]})
    assert world.reminders.update(actor(person), kept)["time"] == offered["time"]
    assert world.reminders.settings(actor(person))["time"] == offered["time"]


def test_a_chosen_time_is_kept_as_chosen(world):
    for _ in range(12):  # whatever each one's default would have been
        person = world.person()
        chosen = payload("ReminderInput", {"enabled": True, "frequency": "DAILY", "time": "16:00"})
        world.reminders.update(actor(person), chosen)
        saved = world.reminders.settings(actor(person))
        assert saved["time"] == "16:00"
        assert utc_slot(world.reminders._reminders.get(person.nip)) == "09:00"


def test_a_nip_of_another_form_gets_a_default_too():
    assert DEFAULT_TIME <= default_time(make_nip()) < time(16, DEFAULT_SPREAD_MINUTES)
