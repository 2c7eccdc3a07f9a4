"""In-memory twin of `DynamoUsedLinks`: single use of e-mailed links."""

from __future__ import annotations

from datetime import datetime


class InMemoryUsedLinks:
    """A link's id, once marked, stays used (marking again changes nothing)."""

    def __init__(self) -> None:
        self._used: dict[str, datetime] = {}

    def was_used(self, jti: str) -> bool:
        return jti in self._used

    def mark(self, jti: str, used_at: datetime, expires_at: int) -> None:
        self._used[jti] = used_at
