"""In-memory twin of `DynamoDigests`: when each supervisor's digest is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass
class _Digest:
    due_at: str | None = None
    listed: bool = False  # in the sparse `by_due` index (DynamoDB: ``due_shard`` is set)
    last_sent_at: str | None = None
    generation: int | None = None


class InMemoryDigests:
    """Behaves like `DynamoDigests`: a due digest keeps its time; a stale ``sent`` makes it due again."""

    shards = 1  # one list in memory

    def __init__(self) -> None:
        self._items: dict[str, _Digest] = {}

    def schedule(self, supervisor_nip: str, candidate: datetime, interval: timedelta) -> None:
        digest = self._items.setdefault(supervisor_nip, _Digest())
        last = datetime.fromisoformat(digest.last_sent_at) if digest.last_sent_at else None
        due = candidate if last is None else max(candidate, last + interval)
        digest.generation = (digest.generation or 0) + 1
        digest.listed = True
        digest.due_at = digest.due_at or due.isoformat()

    def due(self, now: datetime) -> list[tuple[str, str, int]]:
        found = [
            (nip, d.due_at, d.generation or 0)
            for nip, d in self._items.items()
            if d.listed and d.due_at and d.due_at <= now.isoformat()
        ]
        return sorted(found, key=lambda row: (row[1], row[0]))

    def due_page(
        self, shard: int, now: datetime, after: str | None, limit: int
    ) -> tuple[list[tuple[str, str, int]], str | None]:
        rows = [row for row in self.due(now) if after is None or f"{row[1]}|{row[0]}" > after]
        page = rows[:limit]
        return page, f"{page[-1][1]}|{page[-1][0]}" if len(rows) > limit else None

    def sent(self, supervisor_nip: str, generation: int, sent_at: datetime, next_due: datetime) -> None:
        digest = self._items.get(supervisor_nip)
        if digest is not None and digest.generation == generation:
            digest.last_sent_at, digest.due_at, digest.listed = sent_at.isoformat(), None, False
            return
        digest = self._items.setdefault(supervisor_nip, _Digest())
        digest.last_sent_at, digest.due_at = sent_at.isoformat(), next_due.isoformat()
