"""The reminder fan-out on DynamoDB Local and moto's SQS: the schedule enqueues one message per shard, the queue
worker walks its shard page by page with a checkpoint in `job_state`, and a worker that dies mid-page is run
again without anyone reminded twice (read back from the WhatsApp outbox)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta

import pytest

from chalicelib.domain.reminders import DONE, SLOT_SHARDS, Checkpoint, checkpoint_name, shard_of
from tests.support import make_nip, make_whatsapp, outbox_for, unique

WEDNESDAY = datetime(2026, 11, 25, tzinfo=UTC)


def _employees(factory, nips: list[str], zone: str = "WITA") -> dict[str, str]:
    """An employee per NIP in ``zone``; NIP → WhatsApp number."""
    from chalicelib.domain.identity import TimeZone
    from chalicelib.store.employees import DynamoEmployeeRepository

    repo = DynamoEmployeeRepository()
    template = repo.get(factory.employee(factory.skpd()))
    for nip in nips:
        repo.add(replace(template, nip=nip, whatsapp=make_whatsapp(), timezone=TimeZone(zone)))
    return {nip: repo.get(nip).whatsapp for nip in nips}


def _remind(nips: list[str], at: time, zone: str = "WITA") -> None:
    from chalicelib.domain.identity import TimeZone
    from chalicelib.domain.reminders import Frequency, ReminderSettings
    from chalicelib.store.reminders import DynamoReminders

    for nip in nips:
        DynamoReminders().save(nip, ReminderSettings(True, Frequency.DAILY, at, TimeZone(zone)))


def _same_shard(count: int) -> tuple[int, list[str]]:
    buckets: dict[int, list[str]] = defaultdict(list)
    while True:
        nip = make_nip()
        buckets[shard_of(nip)].append(nip)
        if len(buckets[shard_of(nip)]) == count:
            return shard_of(nip), sorted(buckets[shard_of(nip)])


def _own_slot() -> tuple[time, datetime]:
    """A WITA time no other test reminds at (10.00-13.55 WITA = 02.00-05.55 UTC) and its slot on Wednesday."""
    n = unique() % 48
    hour, minute = 10 + n // 12, 5 * (n % 12)
    return time(hour, minute), WEDNESDAY.replace(hour=hour - 8, minute=minute)


class _Dies:
    """A WhatsApp sender that raises after ``sends`` messages, as a worker's Lambda dying mid-page."""

    def __init__(self, real, sends: int) -> None:
        self.real, self.left = real, sends

    def send(self, to, text, secrets=()):
        if self.left == 0:
            raise TimeoutError("Lambda timed out")
        self.left -= 1
        return self.real.send(to, text, secrets)


def test_the_schedule_fans_out_per_shard_and_the_queue_worker_reminds_each_once(http, factory, runner, services_with):
    from chalice.local import LambdaContext

    from chalicelib.services.reminders import DISPATCH_JOB
    from chalicelib.store.job_state import DynamoJobState
    from devtools.runner import resolve, scheduled_event

    at, slot = _own_slot()
    shard, nips = _same_shard(3)
    numbers = _employees(factory, nips)
    _remind(nips, at)
    DynamoJobState().save_cursor(DISPATCH_JOB, (slot - timedelta(minutes=5)).isoformat())
    services = services_with(clock=lambda: slot + timedelta(minutes=2))
    services.reminders.page_size = 2  # two pages for the shard
    handler = resolve("chalicelib.handlers.notification_jobs.reminder_dispatch")
    summary = handler(scheduled_event("ap-southeast-3", "reminder_dispatch"), LambdaContext("reminder_dispatch", 512))
    assert summary == {"slots": 1, "queued": SLOT_SHARDS}
    runner.deliver_queue()  # the pages, then the page each one enqueued
    assert [len(outbox_for(numbers[nip])) for nip in nips] == [1, 1, 1]
    stored = Checkpoint.decode(services.reminders._reminders.checkpoint(checkpoint_name(slot, shard)))
    assert stored == Checkpoint(slot.isoformat(), nips[1], DONE)
    # the slot dispatched again (the cursor put back): the walk is done, nobody is reminded twice
    DynamoJobState().save_cursor(DISPATCH_JOB, (slot - timedelta(minutes=5)).isoformat())
    handler(scheduled_event("ap-southeast-3", "reminder_dispatch"), LambdaContext("reminder_dispatch", 512))
    runner.deliver_queue()
    assert [len(outbox_for(numbers[nip])) for nip in nips] == [1, 1, 1]


@pytest.mark.parametrize("dies_after", [0, 2])
def test_a_worker_that_dies_mid_page_resumes_from_its_checkpoint_and_sends_nobody_twice(
    factory, services_with, dies_after
):
    from chalice.local import LambdaContext

    from chalicelib.integrations.memory import InMemoryQueue
    from chalicelib.services.reminders import PAGE_KIND

    at, slot = _own_slot()
    shard, nips = _same_shard(5)
    numbers = _employees(factory, nips)
    _remind(nips, at)
    services = services_with(clock=lambda: slot)
    service, queue = services.reminders, InMemoryQueue()
    service.register_context(LambdaContext("notification_worker", 1024))
    service.page_size = 3
    first = {"kind": PAGE_KIND, "slot": slot.isoformat(), "shard": shard}
    name = checkpoint_name(slot, shard)

    real = service._whatsapp
    service._whatsapp = _Dies(real, dies_after)
    with pytest.raises(TimeoutError):
        service.handle_page(first, queue)
    assert [len(outbox_for(numbers[n])) for n in nips] == [1] * dies_after + [0] * (5 - dies_after)
    assert service._reminders.checkpoint(name) is None and queue.take() == []

    service._whatsapp = real
    assert service.handle_page(first, queue) == {"read": 3, "sent": 3 - dies_after}  # SQS delivers it again
    assert Checkpoint.decode(service._reminders.checkpoint(name)) == Checkpoint(slot.isoformat(), "", nips[2])
    [following] = queue.take()
    assert following == {**first, "after": nips[2]}
    assert service.handle_page(following, queue) == {"read": 2, "sent": 2}
    assert queue.take() == []
    for message in (first, following):  # late duplicates of both pages
        assert service.handle_page(message, queue) == {"read": 0, "sent": 0}
    assert [len(outbox_for(numbers[n])) for n in nips] == [1] * 5
