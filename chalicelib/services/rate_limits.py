"""The application's rate limits of public endpoints: count a hit, or refuse it with 429 (`THROTTLED`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from ..domain.errors import Throttled
from ..domain.rate_limits import Digest, RateLimit
from ..store.protocols import RateLimiter


class RateLimits:
    def __init__(self, limiter: RateLimiter, *, clock: Callable[[], datetime], digest: Digest) -> None:
        """``digest``: the keyed digest subjects are kept as (`security.keys.subject_digest`)."""
        self._limiter, self._clock, self._digest = limiter, clock, digest

    def check(self, limit: RateLimit, subject: str) -> None:
        """Count one hit of ``subject`` against ``limit``; raise `Throttled` (nothing else counted) past it."""
        now = self._clock()
        if not self._limiter.hit(limit.key(subject, now, self._digest), limit.count, limit.expires_at(now)):
            raise Throttled(
                "Terlalu banyak permintaan dari Anda; coba lagi sebentar lagi.", details={"limit": limit.name}
            )
