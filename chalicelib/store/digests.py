"""When each supervisor's digest is due; a sparse, sharded index lists the due ones."""

from __future__ import annotations

import zlib
from datetime import datetime, timedelta

from pynamodb.exceptions import UpdateError

from .conditions import condition_failed
from .models import DigestItem

DUE_SHARDS = 8


def _shard(nip: str) -> str:
    return f"D#{zlib.crc32(nip.encode()) % DUE_SHARDS}"


class DynamoDigests:
    def schedule(self, supervisor_nip: str, candidate: datetime, interval: timedelta) -> None:
        """Make a digest due at ``candidate``, or one interval after the last one went out, if later.

        Idempotent: a digest already due keeps its time; the generation says something new arrived.
        """
        try:
            item = DigestItem.get(supervisor_nip, consistent_read=True)
            last = datetime.fromisoformat(item.last_sent_at) if item.last_sent_at else None
        except DigestItem.DoesNotExist:
            last = None
        due = candidate if last is None else max(candidate, last + interval)
        DigestItem(supervisor_nip=supervisor_nip).update(
            actions=[
                DigestItem.generation.add(1),
                DigestItem.due_shard.set(_shard(supervisor_nip)),
                DigestItem.due_at.set(DigestItem.due_at | due.isoformat()),
            ]
        )

    def due(self, now: datetime) -> list[tuple[str, str, int]]:
        """(supervisor NIP, due_at, generation) of every digest due by ``now``."""
        found = []
        for shard in range(DUE_SHARDS):
            for item in DigestItem.by_due.query(f"D#{shard}", DigestItem.due_at <= now.isoformat()):
                found.append((item.supervisor_nip, item.due_at, int(item.generation or 0)))
        return found

    def sent(self, supervisor_nip: str, generation: int, sent_at: datetime, next_due: datetime) -> None:
        """Record a sent digest; due again one interval later if a submission arrived meanwhile."""
        item = DigestItem(supervisor_nip=supervisor_nip)
        try:
            item.update(
                actions=[
                    DigestItem.last_sent_at.set(sent_at.isoformat()),
                    DigestItem.due_at.remove(),
                    DigestItem.due_shard.remove(),
                ],
                condition=DigestItem.generation == generation,
            )
        except UpdateError as exc:
            if not condition_failed(exc):
                raise
            item.update(
                actions=[DigestItem.last_sent_at.set(sent_at.isoformat()), DigestItem.due_at.set(next_due.isoformat())]
            )
