"""The one public lookup by tracking number (services/public_lookup.py) both status pages use."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.errors import NotFound, Throttled
from chalicelib.domain.rate_limits import RateLimit
from chalicelib.domain.tracking import new_tracking_number
from chalicelib.security.keys import subject_digest
from chalicelib.services.public_lookup import look_up
from chalicelib.services.rate_limits import RateLimits
from chalicelib.store.memory import InMemoryRateLimiter

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def _missing() -> NotFound:
    return NotFound("Tidak ditemukan.", code="X_NOT_FOUND")


def test_counts_the_ip_first_and_answers_malformed_and_unknown_alike():
    limits = RateLimits(InMemoryRateLimiter(), clock=lambda: NOW, digest=subject_digest("k" * 32, "rate-limit"))
    limit = RateLimit("unit-status", 4, 60)
    known = new_tracking_number("LY", 2026)
    found = {known: "the request"}
    assert look_up(limits, limit, "203.0.113.9", known.lower(), "LY", found.get, _missing) == "the request"
    answers = []
    for text in ("LY-2026-ZZZZZZZZ", "not a number"):
        with pytest.raises(NotFound) as refused:
            look_up(limits, limit, "203.0.113.9", text, "LY", found.get, _missing)
        answers.append((refused.value.code, refused.value.message))
    assert answers[0] == answers[1] == ("X_NOT_FOUND", "Tidak ditemukan.")
    look_up(limits, limit, "203.0.113.9", known, "LY", found.get, _missing)  # the fourth hit
    with pytest.raises(Throttled):  # every lookup counted, whatever it found
        look_up(limits, limit, "203.0.113.9", known, "LY", found.get, _missing)
    assert look_up(limits, limit, "198.51.100.1", known, "LY", found.get, _missing) == "the request"
