"""The WhatsApp outbox: where messages go when no real provider is configured (local default)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from .models import OutboxItem

RETENTION = timedelta(days=30)


@dataclass(frozen=True)
class OutboxMessage:
    message_id: str
    recipient: str
    text: str
    sent_at: datetime


class DynamoOutbox:
    def add(self, recipient: str, text: str) -> OutboxMessage:
        now = datetime.now(UTC)
        message_id = uuid.uuid4().hex
        OutboxItem(
            day=now.date().isoformat(),
            sent_key=f"{now.isoformat()}#{message_id}",
            recipient=recipient,
            text=text,
            sent_at=now,
            expires_at=int((now + RETENTION).timestamp()),
        ).save()
        return OutboxMessage(message_id, recipient, text, now)

    def for_recipient(self, recipient: str, limit: int = 50) -> list[OutboxMessage]:
        """Newest first."""
        return [_to_message(i) for i in OutboxItem.by_recipient.query(recipient, scan_index_forward=False, limit=limit)]

    def for_day(self, day: str, limit: int = 50) -> list[OutboxMessage]:
        """Newest first."""
        return [_to_message(i) for i in OutboxItem.query(day, scan_index_forward=False, limit=limit)]


def _to_message(item: OutboxItem) -> OutboxMessage:
    return OutboxMessage(item.sent_key.rsplit("#", 1)[1], item.recipient, item.text, item.sent_at)
