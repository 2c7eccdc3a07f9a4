"""Digest pages checkpointed per shard (issue 21, as the auto-approval sweep): a page delivered again after it was
done, or a page of an older run, is dropped instead of enqueueing the rest of the shard a second time."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.integrations.memory import InMemoryQueue
from chalicelib.services.notifications import PAGE_KIND, checkpoint_name
from tests.support import make_nip
from tests.unit.world import Clock, World, at

HOUR = timedelta(hours=1)


@pytest.fixture
def world() -> World:
    return World(Clock(at("2026-11-25 09:10")))


def _schedule(world: World, count: int) -> list[str]:
    bosses = [make_nip() for _ in range(count)]
    for minute, boss in enumerate(bosses):
        world.repositories.digests.schedule(boss, at("2026-11-25 09:00") + timedelta(minutes=minute), HOUR)
    return bosses


def _drain(sender, queue: InMemoryQueue, pages: list[dict]) -> tuple[list[dict], list[dict]]:
    """Run the pages and the pages they enqueue; the digests queued and every page run."""
    digests, seen = [], []
    while pages:
        for page in pages:
            seen.append(page)
            sender.handle_page(page, queue)
        queued = queue.take()
        digests += [m for m in queued if m["kind"] == "digest"]
        pages = [m for m in queued if m["kind"] == PAGE_KIND]
    return digests, seen


def test_a_redelivered_page_is_dropped_and_the_rest_of_the_shard_is_not_paged_twice(world):
    bosses = _schedule(world, 5)
    sender, queue = world.services.digest_sender, InMemoryQueue()
    sender.page_size = 2
    sender.fan_out(queue)
    [first] = queue.take()  # the twin has one shard
    assert (first["run"], first["page"]) == (first["now"], 1)
    digests, pages = _drain(sender, queue, [first])
    assert [m["supervisor_nip"] for m in digests] == bosses and [p["page"] for p in pages] == [1, 2, 3]
    assert world.job_state.cursor(checkpoint_name(0)) is not None

    for page in pages:  # each delivered again, after it was done
        assert sender.handle_page(page, queue) == {"due": 0, "more": False, "superseded": True}
    assert queue.take() == []


def test_a_page_not_yet_checkpointed_runs_again_and_its_digests_are_the_same(world, monkeypatch):
    _schedule(world, 3)
    sender, queue = world.services.digest_sender, InMemoryQueue()
    sender.page_size = 2
    sender.fan_out(queue)
    [first] = queue.take()
    with monkeypatch.context() as patched:  # the worker dies as it records the page done
        patched.setattr(world.job_state, "save_cursor", lambda *a: (_ for _ in ()).throw(TimeoutError("DynamoDB")))
        with pytest.raises(TimeoutError):
            sender.handle_page(first, queue)
    before = queue.take()
    assert sender.handle_page(first, queue)["due"] == 2  # the redelivery runs the page again: same messages
    assert queue.take() == before and before[-1]["page"] == 2


def test_the_pages_of_an_older_run_are_dropped_once_a_newer_run_has_begun(world):
    _schedule(world, 3)
    sender, queue = world.services.digest_sender, InMemoryQueue()
    sender.page_size = 2
    sender.fan_out(queue)
    [old] = queue.take()
    sender.handle_page(old, queue)
    [old_next] = [m for m in queue.take() if m["kind"] == PAGE_KIND]
    world.clock.advance(minutes=5)
    sender.fan_out(queue)
    [new] = queue.take()
    digests, _ = _drain(sender, queue, [new])
    assert len(digests) == 3
    assert sender.handle_page(old_next, queue)["superseded"] is True and queue.take() == []
