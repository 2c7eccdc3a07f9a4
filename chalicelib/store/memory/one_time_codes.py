"""In-memory twin of `DynamoOneTimeCodes`: one live code per key; a lock stands in for the conditional updates."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from threading import Lock

from ...domain.one_time_codes import MAX_TRIES, CodeState


class InMemoryOneTimeCodes:
    def __init__(self) -> None:
        self._items: dict[str, CodeState] = {}
        self.undelivered: dict[str, str] = {}
        self._lock = Lock()

    def get(self, key: str) -> CodeState | None:
        with self._lock:
            return self._items.get(key)

    def issue(self, key: str, state: CodeState, previous: CodeState | None) -> bool:
        with self._lock:
            current = self._items.get(key)
            if (current.code_id if current else None) != (previous.code_id if previous else None):
                return False
            self._items[key] = replace(state, tries=0, used=False)
            self.undelivered.pop(key, None)
            return True

    def reserve_try(self, key: str, code_id: str) -> bool:
        with self._lock:
            current = self._items.get(key)
            if current is None or current.code_id != code_id or current.tries >= MAX_TRIES or current.used:
                return False
            self._items[key] = replace(current, tries=current.tries + 1)
            return True

    def consume(self, key: str, code_id: str, now: datetime) -> bool:
        with self._lock:
            current = self._items.get(key)
            if current is None or current.code_id != code_id or current.used:
                return False
            self._items[key] = replace(current, used=True)
            return True

    def note_undeliverable(self, key: str, notice_id: str) -> None:
        with self._lock:
            if key in self._items:
                self.undelivered[key] = notice_id
