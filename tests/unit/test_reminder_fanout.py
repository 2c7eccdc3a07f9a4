"""The reminder fan-out in memory: one message per (slot, shard), bounded pages with a checkpoint, and a worker
that dies mid-page and is run again sending nobody twice. The slot index projects only the keys."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import timedelta

import pytest

from chalicelib.domain.reminders import DONE, SLOT_SHARDS, Checkpoint, checkpoint_name, shard_of
from chalicelib.services.reminders import DISPATCH_JOB, PAGE_KIND
from chalicelib.store.schema import TABLES
from tests.support import make_nip, make_whatsapp, payload
from tests.unit.world import Clock, World, actor, at

SLOT = at("2026-03-11 09:00")  # Wednesday, 16:00 WIB


@pytest.fixture
def world() -> World:
    return World(Clock(at("2026-03-11 00:00")))


def same_shard(count: int) -> tuple[int, list[str]]:
    """``count`` fresh NIPs that fall in one shard, and that shard."""
    buckets: dict[int, list[str]] = defaultdict(list)
    while True:
        nip = make_nip()
        buckets[shard_of(nip)].append(nip)
        if len(buckets[shard_of(nip)]) == count:
            return shard_of(nip), sorted(buckets[shard_of(nip)])


def remind_all(world: World, nips: list[str]) -> None:
    """An employee per NIP with the default reminder (DAILY 16:00 WIB)."""
    template = world.person()
    for nip in nips:
        person = world.employees.add(replace(template, nip=nip, whatsapp=make_whatsapp()))
        body = payload("ReminderInput", {"enabled": True, "frequency": "DAILY", "time": "16:00"})
        world.reminders.update(actor(person), body)


def recipients(world: World) -> list[str]:
    return [to for to, _ in world.whatsapp.sent]


def page(shard: int, after: str | None = None) -> dict:
    message = {"kind": PAGE_KIND, "slot": SLOT.isoformat(), "shard": shard}
    return message if after is None else {**message, "after": after}


class Dies:
    """A WhatsApp sender that raises after ``sends`` messages (the worker's Lambda dies mid-page)."""

    def __init__(self, real, sends: int) -> None:
        self.real, self.left = real, sends

    def send(self, to, text, secrets=()):
        if self.left == 0:
            raise TimeoutError("Lambda timed out")
        self.left -= 1
        return self.real.send(to, text, secrets)


def test_the_slot_index_projects_only_its_keys_and_not_the_sent_marker():
    [index] = TABLES["reminders"]["GlobalSecondaryIndexes"]
    assert index["IndexName"] == "by_slot"
    assert index["Projection"] == {"ProjectionType": "KEYS_ONLY"}
    assert {k["AttributeName"] for k in index["KeySchema"]} == {"slot_key", "nip"}
    assert 64 <= SLOT_SHARDS <= 256


def test_the_schedule_enqueues_one_message_per_shard_and_reads_no_reminder(world):
    _, nips = same_shard(3)
    remind_all(world, nips)
    world.job_state.save_cursor(DISPATCH_JOB, (SLOT - timedelta(minutes=10)).isoformat())
    world.clock.now = SLOT + timedelta(minutes=1)
    assert world.reminders.fan_out(world.clients.notifications) == {"slots": 2, "queued": 2 * SLOT_SHARDS}
    messages = world.clients.notifications.take()
    assert messages[SLOT_SHARDS:] == [page(s) for s in range(SLOT_SHARDS)]
    assert {m["slot"] for m in messages[:SLOT_SHARDS]} == {(SLOT - timedelta(minutes=5)).isoformat()}
    assert world.whatsapp.sent == []
    assert world.job_state.cursor(DISPATCH_JOB) == SLOT.isoformat()


def test_a_page_sends_at_most_its_size_stores_its_checkpoint_and_enqueues_the_next(world):
    shard, nips = same_shard(5)
    remind_all(world, nips)
    queue, service = world.clients.notifications, world.reminders
    service.page_size = 2
    numbers = {e.nip: e.whatsapp for e in world.employees.many(set(nips)).values()}
    assert service.handle_page(page(shard), queue) == {"read": 2, "sent": 2}
    assert recipients(world) == [numbers[n] for n in nips[:2]]
    name = checkpoint_name(SLOT, shard)
    assert Checkpoint.decode(world.reminder_settings.checkpoint(name)) == Checkpoint(SLOT.isoformat(), "", nips[1])
    assert queue.take() == [page(shard, nips[1])]
    assert service.handle_page(page(shard, nips[1]), queue) == {"read": 2, "sent": 2}
    assert queue.take() == [page(shard, nips[3])]
    assert service.handle_page(page(shard, nips[3]), queue) == {"read": 1, "sent": 1}
    assert queue.take() == []  # the last page (fewer than its size) ends the walk
    assert Checkpoint.decode(world.reminder_settings.checkpoint(name)).after == DONE
    assert sorted(recipients(world)) == sorted(numbers.values())
    # the same slot dispatched again: the walk is done, nothing is read or sent
    assert service.handle_page(page(shard), queue) == {"read": 0, "sent": 0}
    assert len(recipients(world)) == 5 and queue.take() == []


def test_a_worker_that_dies_mid_page_is_run_again_and_sends_nobody_twice(world):
    shard, nips = same_shard(5)
    remind_all(world, nips)
    queue, service = world.clients.notifications, world.reminders
    service.page_size = 3
    real = world.whatsapp
    service._whatsapp = Dies(real, sends=2)
    with pytest.raises(TimeoutError):
        service.handle_page(page(shard), queue)
    assert len(real.sent) == 2
    assert world.reminder_settings.checkpoint(checkpoint_name(SLOT, shard)) is None  # the page did not finish
    assert queue.take() == []
    service._whatsapp = real
    # SQS delivers the same message again: the page resumes, the two already reminded are skipped
    assert service.handle_page(page(shard), queue) == {"read": 3, "sent": 1}
    assert queue.take() == [page(shard, nips[2])]  # say this worker died before the next page was enqueued…
    # …then the first page's message comes back once more: it resumes from the checkpoint, not from the start
    assert service.handle_page(page(shard), queue) == {"read": 2, "sent": 2}
    assert queue.take() == []
    assert service.handle_page(page(shard, nips[2]), queue) == {"read": 0, "sent": 0}  # a late duplicate: stale
    assert len(real.sent) == 5 and len(set(real.sent)) == 5


def test_a_page_redelivered_after_its_successor_was_lost_enqueues_it_again(world):
    shard, nips = same_shard(5)
    remind_all(world, nips)
    queue, service = world.clients.notifications, world.reminders
    service.page_size = 2
    service.handle_page(page(shard), queue)
    second = page(shard, nips[1])
    assert queue.take() == [second]
    service.handle_page(second, queue)
    assert queue.take() == [page(shard, nips[3])]  # lost: the worker died right after moving the checkpoint
    assert service.handle_page(second, queue) == {"read": 0, "sent": 0}  # SQS delivers `second` again
    assert queue.take() == [page(shard, nips[3])]  # the successor is enqueued again, nobody is sent twice
    assert len(world.whatsapp.sent) == 4


def test_of_two_workers_on_one_page_only_the_first_checkpoint_goes_on(world):
    shard, nips = same_shard(3)
    remind_all(world, nips)
    store, service, queue = world.reminder_settings, world.reminders, world.clients.notifications
    service.page_size = 2
    name = checkpoint_name(SLOT, shard)
    assert store.advance_checkpoint(name, None, Checkpoint(SLOT.isoformat(), "", nips[1]).encode())
    assert not store.advance_checkpoint(name, None, "anything")  # a second worker's stale expectation
    assert service.handle_page(page(shard, nips[0]), queue) == {"read": 0, "sent": 0}  # stale message
    assert queue.take() == [] and world.whatsapp.sent == []


def test_an_empty_shard_costs_one_read_and_no_checkpoint(world):
    shard, nips = same_shard(1)
    remind_all(world, nips)
    other = (shard + 1) % SLOT_SHARDS
    assert world.reminders.handle_page(page(other), world.clients.notifications) == {"read": 0, "sent": 0}
    assert world.reminder_settings.checkpoint(checkpoint_name(SLOT, other)) is None
