"""A reminder page sends its messages in parallel (issue 21): the provider calls overlap, reach the provider in
page order, each still once per NIP and day; a failed send stops the page's checkpoint as one by one did."""

from __future__ import annotations

import threading
import time

import pytest

from chalicelib.domain.reminders import Checkpoint, checkpoint_name
from chalicelib.services.reminders import SEND_WORKERS
from tests.unit.test_reminder_fanout import SLOT, page, recipients, remind_all, same_shard
from tests.unit.world import Clock, World, at


@pytest.fixture
def world() -> World:
    w = World(Clock(at("2026-03-11 00:00")))
    w.clock.now = SLOT
    return w


class Slow:
    """A provider whose every call takes a while and records how many calls were in flight at once."""

    def __init__(self, real, seconds: float = 0.05) -> None:
        self.real, self.seconds = real, seconds
        self.lock, self.flying, self.most, self.order = threading.Lock(), 0, 0, []

    def send(self, to, text, secrets=()):
        with self.lock:
            self.order.append(to)
            self.flying += 1
            self.most = max(self.most, self.flying)
        time.sleep(self.seconds)
        with self.lock:
            self.flying -= 1
        return self.real.send(to, text, secrets)


class FailsFor:
    """A provider that fails for one recipient (after a pause, so the page's other sends are in flight)."""

    def __init__(self, real, number: str) -> None:
        self.real, self.number = real, number

    def send(self, to, text, secrets=()):
        time.sleep(0.02)
        if to == self.number:
            raise ConnectionError("provider unavailable")
        return self.real.send(to, text, secrets)


def test_a_page_sends_in_parallel_in_page_order(world):
    shard, nips = same_shard(12)
    remind_all(world, nips)
    slow = Slow(world.reminders._whatsapp)
    world.reminders._whatsapp = slow
    started = time.perf_counter()
    assert world.reminders.handle_page(page(shard), world.clients.notifications) == {"read": 12, "sent": 12}
    took = time.perf_counter() - started
    assert 2 <= slow.most <= SEND_WORKERS
    assert took < 12 * slow.seconds  # not the sum of the sends
    numbers = {p.nip: p.whatsapp for p in map(world.employees.get, nips)}
    assert slow.order == [numbers[nip] for nip in nips]  # the provider saw them in page order
    assert sorted(recipients(world)) == sorted(numbers.values())


def test_a_failed_send_holds_the_checkpoint_and_the_page_run_again_sends_only_what_is_left(world):
    shard, nips = same_shard(6)
    remind_all(world, nips)
    numbers = {p.nip: p.whatsapp for p in map(world.employees.get, nips)}
    real = world.reminders._whatsapp
    world.reminders._whatsapp = FailsFor(real, numbers[nips[1]])
    with pytest.raises(ConnectionError):
        world.reminders.handle_page(page(shard), world.clients.notifications)
    assert world.reminders._reminders.checkpoint(checkpoint_name(SLOT, shard)) is None
    assert world.clients.notifications.take() == []  # no next page
    assert numbers[nips[1]] not in recipients(world)
    assert len(recipients(world)) == 5  # the others of the page went out meanwhile (each once)

    world.reminders._whatsapp = real  # SQS delivers the page again
    done = world.reminders.handle_page(page(shard), world.clients.notifications)
    assert done == {"read": 6, "sent": 1}  # only the failed one is left
    assert sorted(recipients(world)) == sorted(numbers.values())  # everyone once, the failed one included
    stored = Checkpoint.decode(world.reminders._reminders.checkpoint(checkpoint_name(SLOT, shard)))
    assert stored is not None and stored.slot == SLOT.isoformat()


def test_one_worker_sends_one_by_one(world):
    shard, nips = same_shard(4)
    remind_all(world, nips)
    world.reminders.send_workers = 1
    slow = Slow(world.reminders._whatsapp, seconds=0.01)
    world.reminders._whatsapp = slow
    assert world.reminders.handle_page(page(shard), world.clients.notifications)["sent"] == 4
    assert slow.most == 1
