"""The application's rate limits: counted per subject and window, refused past the count, kept as digests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.errors import Throttled
from chalicelib.domain.rate_limits import RateLimit
from chalicelib.security.keys import subject_digest
from chalicelib.services.rate_limits import RateLimits
from chalicelib.store.memory import InMemoryRateLimiter

NOW = datetime(2026, 12, 7, 9, 0, 30, tzinfo=UTC)
LIMIT = RateLimit("kritis-ip", count=3, window_s=600)
DIGEST = subject_digest("unit-test-secret-0123456789abcdefghijkl", "rate-limit")


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


def test_the_key_names_the_window_and_hides_the_subject():
    key = LIMIT.key("203.0.113.9", NOW, DIGEST)
    assert key.startswith("RATE#kritis-ip#")
    assert "203.0.113.9" not in key
    assert LIMIT.key(" 203.0.113.9 ", NOW + timedelta(seconds=60), DIGEST) == key  # same window, same subject
    assert LIMIT.key("203.0.113.9", NOW + timedelta(seconds=600), DIGEST) != key
    assert LIMIT.expires_at(NOW) - int(NOW.timestamp()) <= 2 * LIMIT.window_s


def test_hits_past_the_count_are_refused_until_the_next_window():
    clock = Clock()
    limits = RateLimits(InMemoryRateLimiter(), clock=clock, digest=DIGEST)
    for _ in range(3):
        limits.check(LIMIT, "203.0.113.9")
    with pytest.raises(Throttled) as refused:
        limits.check(LIMIT, "203.0.113.9")
    assert refused.value.status == 429 and refused.value.details == {"limit": "kritis-ip"}
    limits.check(LIMIT, "198.51.100.1")  # another subject is counted apart
    clock.now = NOW + timedelta(seconds=600)
    limits.check(LIMIT, "203.0.113.9")


def test_the_subject_is_a_keyed_digest_not_a_plain_sha256():
    """Review of issue 22: every phone number can be hashed, so a plain SHA-256 would be reversed; the key is an
    HMAC with a key derived from the application secret, different per purpose and per secret."""
    import hashlib

    key = LIMIT.key("6281234567890", NOW, DIGEST)
    assert hashlib.sha256(b"6281234567890").hexdigest() not in key
    assert key.rsplit("#", 1)[1] == DIGEST("6281234567890") and len(DIGEST("6281234567890")) == 64
    other_secret = subject_digest("another-secret-0123456789abcdefghijklmn", "rate-limit")
    other_purpose = subject_digest("unit-test-secret-0123456789abcdefghijkl", "whatsapp-chat")
    assert len({DIGEST("x"), other_secret("x"), other_purpose("x")}) == 3
