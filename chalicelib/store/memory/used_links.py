"""In-memory twin of `DynamoUsedLinks`: single use of e-mailed links and upload slips."""

from __future__ import annotations

import threading
from datetime import datetime


class InMemoryUsedLinks:
    """A link's id, once marked, stays used (marking again changes nothing)."""

    def __init__(self) -> None:
        self._used: dict[str, datetime] = {}
        self._lock = threading.Lock()

    def was_used(self, jti: str) -> bool:
        return jti in self._used

    def mark(self, jti: str, used_at: datetime, expires_at: int) -> None:
        self._used[jti] = used_at

    def claim(self, jti: str, used_at: datetime, expires_at: int) -> bool:
        with self._lock:
            if jti in self._used:
                return False
            self._used[jti] = used_at
            return True
