"""Rate limits of the public endpoints (no account: the Kritis form, status pages, the WhatsApp webhook).

A limit counts hits of one subject (a client IP, a contact, a sender number) in a fixed window and refuses
the hit past its count. On AWS the API Gateway stage throttle and the WAF rate rule stop floods before the
function runs (README "Public endpoints"); this limit is the application's own, so it also works locally
and per contact, which a gateway cannot see. The subject is kept only as a keyed digest (HMAC-SHA256 with a
project key, `security.keys.subject_digest`, passed in by the service so this module stays pure): an IP address
or a phone number is personal data, a counter has no reason to hold it, and a plain SHA-256 of a phone number is
reversed by hashing every number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

#: a keyed digest of a subject (hex), given by the service
Digest = Callable[[str], str]


@dataclass(frozen=True)
class RateLimit:
    """At most ``count`` hits per subject in each ``window_s``-second window; ``name`` keeps limits apart."""

    name: str
    count: int
    window_s: int

    def key(self, subject: str, now: datetime, digest: Digest) -> str:
        """The counter of ``subject``'s current window: ``RATE#<name>#<window start>#<digest of subject>``."""
        start = int(now.timestamp()) // self.window_s * self.window_s
        return f"RATE#{self.name}#{start}#{digest(subject.strip().lower())}"

    def expires_at(self, now: datetime) -> int:
        """When the counter may be forgotten (epoch seconds): the end of its window, plus one window."""
        start = int(now.timestamp()) // self.window_s * self.window_s
        return start + 2 * self.window_s
