"""In-memory twin of `store/ekinerja.py`: the work list is the report twin's (`ekinerja_due`, which its approving
write sets), paged per shard as DynamoDB's Query with Limit does."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from ...domain.ekinerja import Handoff, HandoffState
from ..reports import EKINERJA_SHARDS, ekinerja_shard
from .reports import InMemoryReportRepository


class InMemoryEkinerjaHandoffs:
    shards = EKINERJA_SHARDS

    def __init__(self, reports: InMemoryReportRepository) -> None:
        self._due = reports.ekinerja_due  # the report twin's own work list, as DynamoDB's index is the table's
        self._items: dict[str, Handoff] = {}
        self._claims: dict[str, str] = {}

    def due_page(
        self, shard: int, now: datetime, after: dict[str, Any] | None, limit: int
    ) -> tuple[list[str], dict[str, Any] | None]:
        """As DynamoDB's Query with Limit: a next key whenever the page is full."""
        start = (after["ekinerja_due"], after["report_id"]) if after else ("", "")
        cut, key = now.isoformat(), f"E#{shard}"
        mine = sorted(
            (due, report_id)
            for report_id, due in self._due.items()
            if ekinerja_shard(report_id) == key and due <= cut and (due, report_id) > start
        )[:limit]
        if len(mine) < limit:
            return [report_id for _, report_id in mine], None
        due, report_id = mine[-1]
        return [r for _, r in mine], {"ekinerja_due": due, "report_id": report_id}

    def many(self, report_ids: Sequence[str]) -> dict[str, Handoff]:
        return {i: self._items[i] for i in report_ids if i in self._items}

    def later(self, report_id: str, at: datetime) -> None:
        if report_id in self._due:
            self._due[report_id] = at.isoformat()

    def done(self, report_id: str) -> None:
        self._due.pop(report_id, None)

    def get(self, report_id: str) -> Handoff | None:
        return self._items.get(report_id)

    def claim(self, report_id: str, nip: str, token: str, now: datetime, until: datetime) -> Handoff | None:
        found = self._items.get(report_id)
        if found is not None and (
            found.state is HandoffState.SENT or (found.claimed_until is not None and found.claimed_until >= now)
        ):
            return None
        base = found or Handoff(report_id, nip, HandoffState.PENDING)
        claimed = replace(base, attempts=base.attempts + 1, claimed_until=until)
        self._items[report_id], self._claims[report_id] = claimed, token
        return claimed

    def sent(self, report_id: str, token: str, external_id: str, at: datetime) -> None:
        if self._claims.get(report_id) == token:
            item = self._items[report_id]
            self._items[report_id] = replace(
                item,
                state=HandoffState.SENT,
                sent_at=at,
                external_id=external_id,
                last_error=None,
                next_attempt_at=None,
                claimed_until=None,
            )
            del self._claims[report_id]

    def failed(self, report_id: str, token: str, error: str, retry_at: datetime | None) -> None:
        if self._claims.get(report_id) == token:
            item = self._items[report_id]
            self._items[report_id] = replace(
                item, state=HandoffState.FAILED, last_error=error, next_attempt_at=retry_at, claimed_until=None
            )
            del self._claims[report_id]
