"""The admin's view of the WhatsApp outbox (messages recorded instead of sent; secrets masked)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from ..domain.accounts import Actor, Role, require_role
from ..domain.identity import normalise_whatsapp
from ..domain.reports import parse_day
from ..store.protocols import Outbox


class OutboxService:
    def __init__(self, outbox: Outbox, *, clock: Callable[[], datetime]) -> None:
        self._outbox, self._clock = outbox, clock

    def messages(self, actor: Actor, recipient: str | None, day: str | None, limit: int) -> dict[str, Any]:
        """Newest first, for one recipient or one day (UTC; today when neither is given)."""
        require_role(actor, Role.ADMIN)
        if recipient:
            found = self._outbox.for_recipient(normalise_whatsapp(recipient, "recipient"), limit)
        else:
            when = parse_day(day, "day") if day else self._clock().date()
            found = self._outbox.for_day(when.isoformat(), limit)
        return {
            "items": [
                {"message_id": m.message_id, "recipient": m.recipient, "text": m.text, "sent_at": m.sent_at.isoformat()}
                for m in found
            ]
        }
