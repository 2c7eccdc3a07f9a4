"""Kritis items (issue 22) in DynamoDB: one item per tracking number.

The status page, the officers' detail and every decision step read one item (GetItem). The officers' lists and
the steps' queues are the ``by_skpd_state`` index ("<skpd>#<state>", oldest filing first); the daily reminder to
leadership reads the sparse ``by_waiting`` index, whose key is set only while an item waits — never forwarded
(BARU, since its filing) or for leadership's decision (DITERUSKAN, since forwarded) — so the step that moves it on
takes it out in the same write. A new item is written only on its number being free;
every later write is conditional on the version read (PynamoDB's version attribute).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from pynamodb.exceptions import PutError, UpdateError

from ..domain.errors import Conflict
from ..domain.kritis import Kritis, KritisKind, KritisState
from .conditions import condition_failed, save_versioned
from .history import history_json, history_of
from .models import KritisItem
from .paging import decode_cursor, encode_cursor

#: the states the reminder looks at (`by_waiting`)
WAITING = (KritisState.BARU, KritisState.DITERUSKAN)


def waiting_since(item: Kritis) -> datetime | None:
    """Since when an item waits in a state the reminder looks at (None in any other state)."""
    if item.state is KritisState.BARU:
        return item.filed_at
    if item.state is KritisState.DITERUSKAN:
        return item.forwarded_at or item.filed_at
    return None


def _stale() -> Conflict:
    return Conflict(
        "Kritik atau saran ini telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT"
    )


def skpd_state(skpd_id: str, state: KritisState) -> str:
    return f"{skpd_id}#{state.value}"


def _at(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def to_item(item: Kritis) -> KritisItem:
    stored = KritisItem(
        tracking=item.tracking,
        skpd_id=item.skpd_id,
        kind=item.kind.value,
        description=item.description,
        state=item.state.value,
        filed_at=item.filed_at.isoformat(),
        whatsapp=item.whatsapp,
        email=item.email,
        photo_key=item.photo_key,
        summary=item.summary,
        forwarded_at=_at(item.forwarded_at),
        action=item.action,
        decided_at=_at(item.decided_at),
        follow_up=item.follow_up,
        followed_up_at=_at(item.followed_up_at),
        closed_at=_at(item.closed_at),
        reminded_on=item.reminded_on.isoformat() if item.reminded_on else None,
        history=history_json(item.history),
        skpd_state=skpd_state(item.skpd_id, item.state),
        waiting_on=item.state.value if item.state in WAITING else None,
        waiting_since=_at(waiting_since(item)),
    )
    if item.version:
        stored.version = item.version
    return stored


def to_kritis(stored: KritisItem) -> Kritis:
    return Kritis(
        tracking=stored.tracking,
        skpd_id=stored.skpd_id,
        kind=KritisKind(stored.kind),
        description=stored.description,
        state=KritisState(stored.state),
        filed_at=datetime.fromisoformat(stored.filed_at),
        whatsapp=stored.whatsapp,
        email=stored.email,
        photo_key=stored.photo_key,
        summary=stored.summary,
        forwarded_at=_when(stored.forwarded_at),
        action=stored.action,
        decided_at=_when(stored.decided_at),
        follow_up=stored.follow_up,
        followed_up_at=_when(stored.followed_up_at),
        closed_at=_when(stored.closed_at),
        reminded_on=date.fromisoformat(stored.reminded_on) if stored.reminded_on else None,
        history=history_of(stored.history),
        version=int(stored.version),
    )


class DynamoKritisRepository:
    """Implements `KritisRepository` (see `protocols.py`)."""

    def get(self, tracking: str) -> Kritis | None:
        try:
            return to_kritis(KritisItem.get(tracking, consistent_read=True))
        except KritisItem.DoesNotExist:
            return None

    def add(self, item: Kritis) -> Kritis | None:
        """Write a new item on its number being free; None when the number was taken (draw another)."""
        stored = to_item(replace(item, version=0))
        try:
            stored.save(condition=KritisItem.tracking.does_not_exist())
        except PutError as exc:
            if condition_failed(exc):
                return None
            raise
        return replace(item, version=int(stored.version))

    def save(self, item: Kritis) -> Kritis:
        return replace(item, version=save_versioned(to_item(item), _stale))

    def in_state(
        self, skpd_id: str, state: KritisState, cursor: str | None, limit: int, *, newest_first: bool = False
    ) -> tuple[list[Kritis], str | None]:
        key = skpd_state(skpd_id, state)
        scope = f"kritis.by_skpd_state:{key}:{int(newest_first)}"
        result = KritisItem.by_skpd_state.query(
            key, limit=limit, scan_index_forward=not newest_first, last_evaluated_key=decode_cursor(cursor, scope)
        )
        items = [to_kritis(i) for i in result]
        return items, encode_cursor(result.last_evaluated_key, scope)

    def count_in_state(self, skpd_id: str, state: KritisState) -> int:
        return int(KritisItem.by_skpd_state.count(skpd_state(skpd_id, state)))

    def awaiting_decision(
        self,
        forwarded_before: datetime,
        cursor: str | None,
        limit: int,
        *,
        state: KritisState = KritisState.DITERUSKAN,
    ) -> tuple[list[tuple[str, str, date | None]], str | None]:
        """(tracking, skpd, last reminded day) of the items waiting in ``state`` (for leadership: DITERUSKAN; never
        forwarded: BARU) since before the cutoff, the longest waiting first."""
        scope = f"kritis.by_waiting:{state.value}"
        result = KritisItem.by_waiting.query(
            state.value,
            KritisItem.waiting_since < forwarded_before.isoformat(),
            limit=limit,
            last_evaluated_key=decode_cursor(cursor, scope),
        )
        found = [(i.tracking, i.skpd_id, date.fromisoformat(i.reminded_on) if i.reminded_on else None) for i in result]
        return found, encode_cursor(result.last_evaluated_key, scope)

    def mark_reminded(self, tracking: str, day: date) -> bool:
        """Set ``reminded_on`` to ``day`` unless it already is, while the item still waits (BARU or DITERUSKAN);
        False otherwise (so a second run of the day reminds nobody again). The version stays: a reminder never races
        a decision."""
        try:
            KritisItem._get_connection().update_item(
                tracking,
                actions=[KritisItem.reminded_on.set(day.isoformat())],
                condition=KritisItem.state.is_in(*(s.value for s in WAITING))
                & (KritisItem.reminded_on.does_not_exist() | (KritisItem.reminded_on != day.isoformat())),
            )
        except UpdateError as exc:
            if condition_failed(exc):
                return False
            raise
        return True
