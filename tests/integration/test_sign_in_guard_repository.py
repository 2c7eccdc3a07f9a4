"""One contract, two implementations: failed sign-in counters in memory and in DynamoDB Local."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.accounts import LOCK_DURATION, MAX_FAILED_SIGN_INS

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


@pytest.fixture(params=["memory", "dynamodb"])
def guards(request):
    if request.param == "memory":
        from chalicelib.store.memory import InMemorySignInGuards

        return InMemorySignInGuards()
    request.getfixturevalue("stack")
    from chalicelib.store.sign_in_guards import DynamoSignInGuards

    return DynamoSignInGuards()


def _key() -> str:
    return f"test#{uuid.uuid4().hex}"


class TestSignInGuardsContract:
    def test_at_most_five_attempts_are_counted_then_the_key_is_locked(self, guards):
        key = _key()
        counted = [guards.reserve(key, NOW + n * MINUTE) for n in range(MAX_FAILED_SIGN_INS)]
        assert [g.failures for g in counted] == [1, 2, 3, 4, 5]
        last = NOW + (MAX_FAILED_SIGN_INS - 1) * MINUTE
        assert guards.reserve(key, last + MINUTE) is None
        assert guards.reserve(key, last + LOCK_DURATION - timedelta(seconds=1)) is None  # a refusal is not counted
        assert guards.reserve(_key(), last).failures == 1  # keys are counted apart

    def test_after_the_lock_runs_out_attempts_are_counted_afresh(self, guards):
        key = _key()
        for n in range(MAX_FAILED_SIGN_INS):
            guards.reserve(key, NOW + n * MINUTE)
        free = NOW + (MAX_FAILED_SIGN_INS - 1) * MINUTE + LOCK_DURATION
        assert guards.reserve(key, free).failures == 1
        assert guards.reserve(key, free + MINUTE).failures == 2

    def test_clear_forgets_the_count(self, guards):
        key = _key()
        for n in range(MAX_FAILED_SIGN_INS):
            guards.reserve(key, NOW + n * MINUTE)
        guards.clear(key)
        assert guards.reserve(key, NOW + 5 * MINUTE).failures == 1
        guards.clear(_key())  # clearing a key never counted is fine
