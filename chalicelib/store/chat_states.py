"""The WhatsApp bot's conversations: the `whatsapp_chats` table, one item per (SKPD, citizen).

GetItem by key, one unconditional put per answered message (the last message wins; a citizen does not race
themself), gone by TTL a day after the last message — and read as gone from then on, since DynamoDB's TTL
deletes late.
"""

from __future__ import annotations

import json

from ..domain.ptsp.bot import ChatState
from .models import WhatsAppChatItem


class DynamoChatStates:
    def get(self, key: str, now: int) -> ChatState | None:
        try:
            item = WhatsAppChatItem.get(key, consistent_read=True)
        except WhatsAppChatItem.DoesNotExist:
            return None
        if int(item.expires_at) <= now:
            return None
        return ChatState.from_dict(json.loads(item.state))

    def put(self, key: str, state: ChatState, expires_at: int) -> None:
        state_json = json.dumps(state.to_dict(), separators=(",", ":"))
        WhatsAppChatItem(chat_key=key, state=state_json, expires_at=expires_at).save()
