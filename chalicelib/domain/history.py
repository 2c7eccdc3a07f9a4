"""An item's history: who did what and when. Every verifiable kind keeps one, and every decision is written into
it in the same write as the decision itself."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class HistoryEntry:
    """Who did what and when; ``changes`` maps a field to ``[old, new]``."""

    at: datetime
    by: str
    action: str
    changes: dict[str, list[Any]] = field(default_factory=dict)


def history_view(entries: Iterable[HistoryEntry]) -> list[dict[str, Any]]:
    """The history as JSON-friendly dicts (what clients read and what the item stores)."""
    return [{"at": h.at.isoformat(), "by": h.by, "action": h.action, "changes": h.changes} for h in entries]


def decision_entry(
    at: datetime, by: str, old_status: str, new_status: str, *, note: str | None = None, on_behalf_of: str | None = None
) -> HistoryEntry:
    """The entry of a decision: the status change, the note and, when a delegate decided, for whom."""
    changes: dict[str, list[Any]] = {"status": [old_status, new_status]}
    if note:
        changes["note"] = [None, note]
    if on_behalf_of:
        changes["on_behalf_of"] = [None, on_behalf_of]
    return HistoryEntry(at, by, new_status, changes)
