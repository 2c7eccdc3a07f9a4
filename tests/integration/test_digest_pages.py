"""The digest schedule fans out per shard and the queue worker pages each shard (issue 21): no call's work grows
with the digests due. One contract for the due pages, two implementations; then the pages through the service."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.support import make_nip

NOW = datetime(1998, 6, 1, 3, 0, tzinfo=UTC)  # before every other test's digests: the due index is shared
HOUR = timedelta(hours=1)


@pytest.fixture(params=["memory", "dynamodb"])
def repo(request):
    if request.param == "memory":
        from chalicelib.store.memory import InMemoryDigests

        return InMemoryDigests()
    request.getfixturevalue("stack")
    from chalicelib.store.digests import DynamoDigests

    return DynamoDigests()


def _walk(repo, shard: int, now: datetime, limit: int) -> list[list[tuple[str, str, int]]]:
    pages, after = [], None
    while True:
        rows, after = repo.due_page(shard, now, after, limit)
        pages.append(rows)
        if after is None:
            return pages


class TestDuePagesContract:
    def test_every_shard_paged_gives_each_due_digest_once_oldest_first(self, repo):
        bosses = [make_nip() for _ in range(7)]
        for minute, boss in enumerate(bosses):
            repo.schedule(boss, NOW + timedelta(minutes=minute), HOUR)
        repo.schedule(bosses[0], NOW + timedelta(minutes=30), HOUR)  # a second submission: counted, same time
        repo.schedule(make_nip(), NOW + 2 * HOUR, HOUR)  # not due yet
        now = NOW + timedelta(minutes=10)
        found = []
        for shard in range(repo.shards):
            for page in _walk(repo, shard, now, 2):
                assert len(page) <= 2
                assert page == sorted(page, key=lambda row: (row[1], row[0]))
                found += page
        mine = sorted((row for row in found if row[0] in bosses), key=lambda row: row[1])
        assert [row[0] for row in mine] == bosses
        assert mine[0][2] == 2 and {row[2] for row in mine[1:]} == {1}
        assert sorted(found) == sorted(repo.due(now))


def test_the_schedule_enqueues_a_page_per_shard_and_the_pages_enqueue_every_due_digest(stack):
    from chalicelib.integrations.memory import InMemoryQueue
    from chalicelib.services import container
    from chalicelib.services.notifications import PAGE_KIND
    from chalicelib.store.digests import DUE_SHARDS, DynamoDigests

    digests = DynamoDigests()
    bosses = [make_nip() for _ in range(5)]
    for minute, boss in enumerate(bosses):
        digests.schedule(boss, NOW + timedelta(minutes=minute), HOUR)
    sender = container.production(clock=lambda: NOW + timedelta(minutes=10)).digest_sender
    sender.page_size = 2
    queue = InMemoryQueue()
    assert sender.fan_out(queue) == {"queued": DUE_SHARDS}
    pages = queue.take()
    assert {m["kind"] for m in pages} == {PAGE_KIND} and sorted(m["shard"] for m in pages) == list(range(DUE_SHARDS))
    digests_queued, calls = [], 0
    while pages:
        for message in pages:
            done = sender.handle_page(message, queue)
            calls += 1
            assert done["due"] <= 2
        queued = queue.take()
        digests_queued += [m for m in queued if m["kind"] == "digest"]
        pages = [m for m in queued if m["kind"] == PAGE_KIND]
    mine = sorted((m for m in digests_queued if m["supervisor_nip"] in bosses), key=lambda m: m["due_at"])
    assert [m["supervisor_nip"] for m in mine] == bosses
    assert mine[0] == {
        "kind": "digest",
        "supervisor_nip": bosses[0],
        "due_at": NOW.isoformat(),
        "generation": 1,
    }
    # a page delivered again enqueues the same digests again; each sends once (`DigestSender.handle`)
    first = {"kind": PAGE_KIND, "now": (NOW + timedelta(minutes=10)).isoformat(), "shard": 0}
    sender.handle_page(first, queue)
    again = queue.take()
    sender.handle_page(first, queue)
    assert queue.take() == again


def test_a_page_delivered_again_after_its_checkpoint_enqueues_nothing(stack):
    """The checkpoint per shard in DynamoDB's `job_state` (as the auto-approval sweep's): a redelivered page of
    the run does not page the rest of its shard a second time."""
    from chalicelib.integrations.memory import InMemoryQueue
    from chalicelib.services import container
    from chalicelib.services.notifications import PAGE_KIND, checkpoint_name
    from chalicelib.store.digests import DUE_SHARDS, DynamoDigests

    state = container.production().repositories.job_state
    shards = range(DUE_SHARDS)
    for shard in shards:  # the shards' checkpoints are the session's: begin (and end) without any
        state.save_cursor(checkpoint_name(shard), None)
    try:
        digests = DynamoDigests()
        for minute in range(3):
            digests.schedule(make_nip(), NOW + timedelta(minutes=minute), HOUR)
        sender = container.production(clock=lambda: NOW + timedelta(minutes=10)).digest_sender
        sender.page_size = 1
        queue = InMemoryQueue()
        sender.fan_out(queue)
        pages, done = queue.take(), []
        while pages:
            for message in pages:
                sender.handle_page(message, queue)
                done.append(message)
            pages = [m for m in queue.take() if m["kind"] == PAGE_KIND]
        assert any(m["page"] > 1 for m in done)  # a shard of several pages
        for message in done:
            assert sender.handle_page(message, queue)["superseded"] is True
        assert queue.take() == []
    finally:
        for shard in shards:
            state.save_cursor(checkpoint_name(shard), None)
