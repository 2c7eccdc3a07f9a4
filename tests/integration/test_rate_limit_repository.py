"""One contract, two implementations: rate-limit counters in memory and in DynamoDB Local."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest


@pytest.fixture(params=["memory", "dynamodb"])
def limiter(request):
    if request.param == "memory":
        from chalicelib.store.memory import InMemoryRateLimiter

        return InMemoryRateLimiter()
    request.getfixturevalue("stack")
    from chalicelib.store.rate_limits import DynamoRateLimiter

    return DynamoRateLimiter()


class TestRateLimiterContract:
    def test_counts_up_to_the_limit_then_refuses(self, limiter):
        key = f"RATE#test#{uuid.uuid4().hex}"
        assert [limiter.hit(key, 2, 2_000_000_000) for _ in range(3)] == [True, True, False]
        assert limiter.hit(f"RATE#test#{uuid.uuid4().hex}", 2, 2_000_000_000)

    def test_parallel_hits_never_pass_the_limit_together(self, limiter):
        key = f"RATE#test#{uuid.uuid4().hex}"
        with ThreadPoolExecutor(8) as pool:
            passed = list(pool.map(lambda _: limiter.hit(key, 5, 2_000_000_000), range(16)))
        assert passed.count(True) == 5
