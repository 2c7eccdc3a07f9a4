"""The application's rate limits: counted per subject and window, refused past the count, kept as digests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.errors import Throttled
from chalicelib.domain.rate_limits import RateLimit
from chalicelib.services.rate_limits import RateLimits
from chalicelib.store.memory import InMemoryRateLimiter

NOW = datetime(2026, 12, 7, 9, 0, 30, tzinfo=UTC)
LIMIT = RateLimit("kritis-ip", count=3, window_s=600)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


def test_the_key_names_the_window_and_hides_the_subject():
    key = LIMIT.key("203.0.113.9", NOW)
    assert key.startswith("RATE#kritis-ip#")
    assert "203.0.113.9" not in key
    assert LIMIT.key(" 203.0.113.9 ", NOW + timedelta(seconds=60)) == key  # same window, same subject
    assert LIMIT.key("203.0.113.9", NOW + timedelta(seconds=600)) != key
    assert LIMIT.expires_at(NOW) - int(NOW.timestamp()) <= 2 * LIMIT.window_s


def test_hits_past_the_count_are_refused_until_the_next_window():
    clock = Clock()
    limits = RateLimits(InMemoryRateLimiter(), clock=clock)
    for _ in range(3):
        limits.check(LIMIT, "203.0.113.9")
    with pytest.raises(Throttled) as refused:
        limits.check(LIMIT, "203.0.113.9")
    assert refused.value.status == 429 and refused.value.details == {"limit": "kritis-ip"}
    limits.check(LIMIT, "198.51.100.1")  # another subject is counted apart
    clock.now = NOW + timedelta(seconds=600)
    limits.check(LIMIT, "203.0.113.9")
