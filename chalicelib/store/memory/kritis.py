"""In-memory twin of `DynamoKritisRepository`: Kritis items by tracking number, the per-SKPD state lists and the
items waiting for leadership."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from ...domain.kritis import Kritis, KritisState
from ..kritis import WAITING, _stale, skpd_state, waiting_since
from .paging import page


class InMemoryKritisRepository:
    """Behaves like `DynamoKritisRepository`: ``add`` only creates, ``save`` replaces only the version read."""

    def __init__(self) -> None:
        self._items: dict[str, Kritis] = {}

    def get(self, tracking: str) -> Kritis | None:
        return self._items.get(tracking)

    def add(self, item: Kritis) -> Kritis | None:
        if item.tracking in self._items:
            return None
        saved = self._items[item.tracking] = replace(item, version=1)
        return saved

    def save(self, item: Kritis) -> Kritis:
        stored = self._items.get(item.tracking)
        if stored is None or stored.version != item.version:
            raise _stale()
        saved = self._items[item.tracking] = replace(item, version=item.version + 1)
        return saved

    def in_state(
        self, skpd_id: str, state: KritisState, cursor: str | None, limit: int, *, newest_first: bool = False
    ) -> tuple[list[Kritis], str | None]:
        key = skpd_state(skpd_id, state)
        found = [i for i in self._items.values() if i.skpd_id == skpd_id and i.state is state]
        scope = f"kritis.by_skpd_state:{key}:{int(newest_first)}"
        return page(
            found, lambda i: (i.filed_at.isoformat(), i.tracking), cursor, limit, scope, newest_first=newest_first
        )

    def count_in_state(self, skpd_id: str, state: KritisState) -> int:
        return sum(1 for i in self._items.values() if i.skpd_id == skpd_id and i.state is state)

    def awaiting_decision(
        self,
        forwarded_before: datetime,
        cursor: str | None,
        limit: int,
        *,
        state: KritisState = KritisState.DITERUSKAN,
    ) -> tuple[list[tuple[str, str, date | None]], str | None]:
        found = [
            i
            for i in self._items.values()
            if i.state is state and (since := waiting_since(i)) is not None and since < forwarded_before
        ]
        chunk, after = page(
            found,
            lambda i: (_iso(waiting_since(i)), i.tracking),
            cursor,
            limit,
            f"kritis.by_waiting:{state.value}",
        )
        return [(i.tracking, i.skpd_id, i.reminded_on) for i in chunk], after

    def mark_reminded(self, tracking: str, day: date) -> bool:
        stored = self._items.get(tracking)
        if stored is None or stored.state not in WAITING or stored.reminded_on == day:
            return False
        self._items[tracking] = replace(stored, reminded_on=day)
        return True


def _iso(value: datetime | None) -> str:
    return value.isoformat() if value else ""
