"""One contract, two implementations: one-time code items in memory and in DynamoDB Local (`sign_in_guards`)."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.one_time_codes import MAX_TRIES, CodePurpose, CodeState

NOW = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)


@pytest.fixture(params=["memory", "dynamodb"])
def codes(request):
    if request.param == "memory":
        from chalicelib.store.memory import InMemoryOneTimeCodes

        return InMemoryOneTimeCodes()
    request.getfixturevalue("stack")
    from chalicelib.store.one_time_codes import DynamoOneTimeCodes

    return DynamoOneTimeCodes()


def _key() -> str:
    return f"NIP#test-{uuid.uuid4().hex}"


def _state(purpose: CodePurpose = CodePurpose.SIGN_IN, count: int = 1) -> CodeState:
    return CodeState(uuid.uuid4().hex, purpose, "a" * 64, NOW, NOW, count)


class TestOneTimeCodesContract:
    def test_a_code_is_kept_as_issued_and_read_back(self, codes):
        key, state = _key(), _state(CodePurpose.PASSWORD_RESET, 2)
        assert codes.get(key) is None
        assert codes.issue(key, state, None)
        assert codes.get(key) == state

    def test_a_code_replaces_only_the_code_that_was_read(self, codes):
        key, first, second = _key(), _state(), _state(count=2)
        assert codes.issue(key, first, None)
        assert not codes.issue(key, second, None)  # another request issued one meanwhile
        assert codes.issue(key, second, first)
        assert not codes.issue(key, _state(count=3), first)  # ``first`` is gone
        assert codes.get(key) == second

    def test_a_new_code_starts_with_no_tries_and_unused(self, codes):
        key, first = _key(), _state()
        codes.issue(key, first, None)
        codes.reserve_try(key, first.code_id)
        codes.consume(key, first.code_id, NOW)
        second = _state(count=2)
        codes.issue(key, second, codes.get(key))
        assert codes.get(key) == second

    def test_at_most_five_tries_are_counted_even_in_a_burst(self, codes):
        key, state = _key(), _state()
        codes.issue(key, state, None)
        with ThreadPoolExecutor(max_workers=6) as pool:
            counted = list(pool.map(lambda _: codes.reserve_try(key, state.code_id), range(12)))
        assert counted.count(True) == MAX_TRIES
        assert codes.get(key).tries == MAX_TRIES
        assert not codes.reserve_try(key, "another-code")

    def test_a_code_is_used_once(self, codes):
        key, state = _key(), _state()
        codes.issue(key, state, None)
        with ThreadPoolExecutor(max_workers=4) as pool:
            used = list(pool.map(lambda _: codes.consume(key, state.code_id, NOW + timedelta(seconds=5)), range(4)))
        assert used.count(True) == 1
        assert codes.get(key).used
        assert not codes.reserve_try(key, state.code_id)  # a used code is not tried again

    def test_keys_are_apart_and_a_note_about_nobody_changes_no_code(self, codes):
        key, state = _key(), _state()
        codes.issue(key, state, None)
        codes.note_undeliverable(key, "notice-1")
        codes.note_undeliverable(_key(), "notice-2")  # no item: nothing happens
        assert codes.get(key) == state
        assert codes.get(_key()) is None
