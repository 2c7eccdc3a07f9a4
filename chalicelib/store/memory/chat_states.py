"""In-memory twin of `DynamoChatStates`: a dict, forgotten past ``expires_at`` as the table's reads do."""

from __future__ import annotations

from ...domain.ptsp.bot import ChatState


class InMemoryChatStates:
    def __init__(self) -> None:
        self._items: dict[str, tuple[ChatState, int]] = {}

    def get(self, key: str, now: int) -> ChatState | None:
        found = self._items.get(key)
        return found[0] if found is not None and found[1] > now else None

    def put(self, key: str, state: ChatState, expires_at: int) -> None:
        self._items[key] = (state, expires_at)
