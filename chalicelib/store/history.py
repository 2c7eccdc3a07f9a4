"""An item's history as stored: a JSON list inside the item, written in the same write as what it records."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from ..domain.history import HistoryEntry, history_view

history_json = history_view


def history_of(raw: Iterable[dict[str, Any]] | None) -> tuple[HistoryEntry, ...]:
    return tuple(
        HistoryEntry(at=datetime.fromisoformat(h["at"]), by=h["by"], action=h["action"], changes=h["changes"])
        for h in raw or ()
    )
