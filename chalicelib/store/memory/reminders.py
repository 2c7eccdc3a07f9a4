"""In-memory twins of `DynamoReminders`, `DynamoHolidayOverrides` and `DynamoJobState`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...domain.reminders import ReminderSettings, shard_of, utc_slot


@dataclass
class _Stored:
    settings: ReminderSettings
    slot: str | None  # the UTC slot an enabled reminder is listed under (DynamoDB's sparse `by_slot`)
    last_sent_day: str | None = None


class InMemoryReminders:
    """Settings by NIP, listed under their UTC slot while enabled; ``mark_sent`` once per day."""

    def __init__(self) -> None:
        self._items: dict[str, _Stored] = {}
        self._checkpoints: dict[str, str] = {}

    def get(self, nip: str) -> ReminderSettings | None:
        found = self._items.get(nip)
        return found.settings if found else None

    def save(self, nip: str, settings: ReminderSettings) -> None:
        slot = utc_slot(settings) if settings.enabled else None
        found = self._items.get(nip)
        self._items[nip] = _Stored(settings, slot, found.last_sent_day if found else None)

    def in_slot(self, slot: str) -> list[tuple[str, ReminderSettings, str | None]]:
        return [(nip, s.settings, s.last_sent_day) for nip, s in sorted(self._items.items()) if s.slot == slot]

    def slot_page(
        self, slot: str, shard: int, after: str | None, limit: int
    ) -> tuple[list[tuple[str, ReminderSettings, str | None]], str | None, int]:
        listed = sorted(n for n, s in self._items.items() if s.slot == slot and shard_of(n) == shard)
        page = [n for n in listed if after is None or n > after][:limit]
        following = page[-1] if len(page) == limit else None  # like DynamoDB: a full page may have no successor
        return [(n, self._items[n].settings, self._items[n].last_sent_day) for n in page], following, len(page)

    def checkpoint(self, name: str) -> str | None:
        return self._checkpoints.get(name)

    def advance_checkpoint(self, name: str, expected: str | None, cursor: str) -> bool:
        if self._checkpoints.get(name) != expected:
            return False
        self._checkpoints[name] = cursor
        return True

    def mark_sent(self, nip: str, day: date) -> bool:
        found = self._items.get(nip)
        if found is None or (found.last_sent_day is not None and found.last_sent_day >= day.isoformat()):
            return False
        found.last_sent_day = day.isoformat()
        return True


class InMemoryHolidayOverrides:
    def __init__(self) -> None:
        self._days: dict[date, str | None] = {}

    def for_year(self, year: int) -> dict[date, str | None]:
        return {d: n for d, n in sorted(self._days.items()) if d.year == year}

    def put(self, day: date, name: str | None) -> None:
        self._days[day] = name

    def delete(self, day: date) -> None:
        self._days.pop(day, None)


class InMemoryJobState:
    def __init__(self) -> None:
        self._cursors: dict[str, str | None] = {}

    def cursor(self, name: str) -> str | None:
        return self._cursors.get(name)

    def save_cursor(self, name: str, cursor: str | None) -> None:
        self._cursors[name] = cursor
