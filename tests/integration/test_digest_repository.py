"""One contract, two implementations: when each supervisor's digest is due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.support import make_nip

NOW = datetime(2001, 2, 5, 3, 0, tzinfo=UTC)  # long ago: the shared due index holds other tests' digests too
HOUR = timedelta(hours=1)


@pytest.fixture(params=["memory", "dynamodb"])
def repo(request):
    if request.param == "memory":
        from chalicelib.store.memory import InMemoryDigests

        return InMemoryDigests()
    request.getfixturevalue("stack")
    from chalicelib.store.digests import DynamoDigests

    return DynamoDigests()


def _due(repo, now: datetime, nip: str) -> list[tuple[str, str, int]]:
    return [row for row in repo.due(now) if row[0] == nip]


class TestDigestRepositoryContract:
    def test_a_due_digest_keeps_its_time_and_counts_submissions(self, repo):
        boss = make_nip()
        repo.schedule(boss, NOW + 5 * timedelta(minutes=1), HOUR)
        repo.schedule(boss, NOW + 9 * timedelta(minutes=1), HOUR)
        assert _due(repo, NOW, boss) == []
        due_at = (NOW + 5 * timedelta(minutes=1)).isoformat()
        assert _due(repo, NOW + HOUR, boss) == [(boss, due_at, 2)]

    def test_sent_clears_it_unless_something_new_arrived(self, repo):
        boss = make_nip()
        repo.schedule(boss, NOW, HOUR)
        repo.sent(boss, 1, NOW, NOW + HOUR)
        assert _due(repo, NOW + 3 * HOUR, boss) == []
        # the next one waits for the interval after the last digest
        repo.schedule(boss, NOW + timedelta(minutes=5), HOUR)
        assert _due(repo, NOW + timedelta(minutes=30), boss) == []
        assert _due(repo, NOW + HOUR, boss) == [(boss, (NOW + HOUR).isoformat(), 2)]
        repo.schedule(boss, NOW + HOUR, HOUR)  # a submission while the digest is being sent
        repo.sent(boss, 2, NOW + HOUR, NOW + 2 * HOUR)
        assert _due(repo, NOW + 2 * HOUR, boss) == [(boss, (NOW + 2 * HOUR).isoformat(), 3)]
