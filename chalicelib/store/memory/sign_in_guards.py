"""In-memory twin of `DynamoSignInGuards`: failed sign-in counters, reserved before each check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from threading import Lock

from ...domain.accounts import MAX_FAILED_SIGN_INS, SignInGuard, lock_after_failures


@dataclass
class _Counter:
    failures: int
    last_attempt: datetime


class InMemorySignInGuards:
    """At most five counted attempts; locked while five are counted and the last is under 15 minutes old,
    then counted afresh; ``clear`` forgets the key (one lock stands in for the conditional updates)."""

    def __init__(self) -> None:
        self._items: dict[str, _Counter] = {}
        self._lock = Lock()

    def reserve(self, key: str, now: datetime) -> SignInGuard | None:
        with self._lock:
            counter = self._items.get(key)
            if counter is None:
                counter = self._items[key] = _Counter(0, now)
            elif counter.failures >= MAX_FAILED_SIGN_INS:
                locked_until = lock_after_failures(counter.failures, counter.last_attempt)
                if locked_until is not None and now < locked_until:
                    return None
                counter.failures = 0  # the lock has run out: count afresh
            counter.failures += 1
            counter.last_attempt = now
            return SignInGuard(failures=counter.failures)

    def clear(self, key: str) -> None:
        with self._lock:
            self._items.pop(key, None)
