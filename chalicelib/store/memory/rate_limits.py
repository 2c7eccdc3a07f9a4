"""In-memory twin of `DynamoRateLimiter`: one lock stands in for the conditional update."""

from __future__ import annotations

from threading import Lock


class InMemoryRateLimiter:
    def __init__(self) -> None:
        self._hits: dict[str, int] = {}
        self._lock = Lock()

    def hit(self, key: str, limit: int, expires_at: int) -> bool:
        with self._lock:
            if self._hits.get(key, 0) >= limit:
                return False
            self._hits[key] = self._hits.get(key, 0) + 1
            return True
