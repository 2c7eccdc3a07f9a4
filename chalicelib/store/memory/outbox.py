"""In-memory twin of `DynamoOutbox`: WhatsApp messages kept instead of sent."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from ..outbox import OutboxMessage


class InMemoryOutbox:
    """Messages by day and by recipient, newest first (by sent time, then id, as DynamoDB's ``sent_key`` sorts)."""

    def __init__(self, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._clock = clock
        self._messages: list[tuple[str, OutboxMessage]] = []  # (sent_key, message)

    def add(self, recipient: str, text: str) -> OutboxMessage:
        now = self._clock()
        message = OutboxMessage(uuid.uuid4().hex, recipient, text, now)
        self._messages.append((f"{now.isoformat()}#{message.message_id}", message))
        return message

    def for_recipient(self, recipient: str, limit: int = 50) -> list[OutboxMessage]:
        """Newest first."""
        return self._newest_first(lambda m: m.recipient == recipient, limit)

    def for_day(self, day: str, limit: int = 50) -> list[OutboxMessage]:
        """Newest first."""
        return self._newest_first(lambda m: m.sent_at.date().isoformat() == day, limit)

    def _newest_first(self, keep: Callable[[OutboxMessage], bool], limit: int) -> list[OutboxMessage]:
        found = sorted(((k, m) for k, m in self._messages if keep(m)), key=lambda row: row[0], reverse=True)
        return [m for _, m in found[:limit]]
