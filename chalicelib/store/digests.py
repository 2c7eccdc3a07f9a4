"""When each supervisor's digest is due; a sparse, sharded index lists the due ones."""

from __future__ import annotations

import zlib
from datetime import datetime, timedelta
from typing import Any

from pynamodb.exceptions import UpdateError

from .conditions import condition_failed
from .models import DigestItem

#: Shards of `by_due`. The row is written only when a digest becomes due or goes out (≈0.1 a submission: a few
#: WCU/s a key at the 16.00 peak), so width is for the drain: when the 450 k WIB supervisors' digests come due at
#: once, each shard's chain pages its share into the queue, and 64 chains queue them in well under the 5-minute
#: schedule (8 took ≈206 s; README "Load model"). Items written with fewer shards keep their keys, inside the range.
DUE_SHARDS = 64


def _shard(nip: str) -> str:
    return f"D#{zlib.crc32(nip.encode()) % DUE_SHARDS}"


class DynamoDigests:
    """The `digests` table. ``arrivals`` counts the submissions (the generation a sender compares) and is not in
    the `by_due` index; the index row (``due_shard``, ``due_at``, ``generation``) is written only when a digest
    becomes due or is sent, never by a further submission to a digest already due (issue 21: no rewrite of a hot
    index key per submission)."""

    shards = DUE_SHARDS

    def schedule(self, supervisor_nip: str, candidate: datetime, interval: timedelta) -> None:
        """Make a digest due at ``candidate``, or one interval after the last one went out, if later.

        Idempotent: a digest already due keeps its time; the count of arrivals says something new arrived.
        """
        try:
            item = DigestItem.get(supervisor_nip, consistent_read=True)
        except DigestItem.DoesNotExist:
            item = None
        # items written before ``arrivals`` counted in the (indexed) generation: carry that count on
        legacy = int(item.generation or 0) if item is not None else 0
        counted = (DigestItem.arrivals | legacy) + 1
        if item is not None and item.due_shard is not None and _count_arrival(supervisor_nip, counted):
            return
        last = datetime.fromisoformat(item.last_sent_at) if item is not None and item.last_sent_at else None
        due = candidate if last is None else max(candidate, last + interval)
        DigestItem(supervisor_nip=supervisor_nip).update(
            actions=[
                DigestItem.arrivals.set(counted),
                DigestItem.generation.set(counted),
                DigestItem.due_shard.set(_shard(supervisor_nip)),
                DigestItem.due_at.set(DigestItem.due_at | due.isoformat()),
            ]
        )

    def due(self, now: datetime) -> list[tuple[str, str, int]]:
        """(supervisor NIP, due_at, arrivals) of every digest due by ``now``, every shard in one call (for tools
        and tests; the schedule pages each shard: `due_page`)."""
        listed = []
        for shard in range(DUE_SHARDS):
            for item in DigestItem.by_due.query(f"D#{shard}", DigestItem.due_at <= now.isoformat()):
                listed.append((item.supervisor_nip, item.due_at, int(item.generation or 0)))
        return _with_arrivals(listed)

    def due_page(
        self, shard: int, now: datetime, after: str | None, limit: int
    ) -> tuple[list[tuple[str, str, int]], str | None]:
        """One page of a shard's digests due by ``now``, oldest first, after the position ``after`` (``None``: the
        start); and the position of the next page (``None``: the shard's last page)."""
        start = None
        if after:
            at, nip = after.split("|", 1)
            start = {"due_shard": {"S": f"D#{shard}"}, "due_at": {"S": at}, "supervisor_nip": {"S": nip}}
        result = DigestItem.by_due.query(
            f"D#{shard}", DigestItem.due_at <= now.isoformat(), limit=limit, last_evaluated_key=start
        )
        listed = [(item.supervisor_nip, item.due_at, int(item.generation or 0)) for item in result]
        following = f"{listed[-1][1]}|{listed[-1][0]}" if listed and result.last_evaluated_key else None
        return _with_arrivals(listed), following

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
                condition=(DigestItem.arrivals == generation)
                | (DigestItem.arrivals.does_not_exist() & (DigestItem.generation == generation)),
            )
        except UpdateError as exc:
            if not condition_failed(exc):
                raise
            item.update(
                actions=[DigestItem.last_sent_at.set(sent_at.isoformat()), DigestItem.due_at.set(next_due.isoformat())]
            )


def _count_arrival(supervisor_nip: str, counted: Any) -> bool:
    """Count one more submission to a digest already due, touching no indexed attribute; False when the digest
    is no longer due (sent meanwhile), so the caller makes it due again."""
    try:
        DigestItem(supervisor_nip=supervisor_nip).update(
            actions=[DigestItem.arrivals.set(counted)], condition=DigestItem.due_shard.exists()
        )
    except UpdateError as exc:
        if condition_failed(exc):
            return False
        raise
    return True


def _with_arrivals(listed: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """The rows with each digest's count of arrivals (one consistent BatchGetItem per 100; not in the index, so
    submissions never rewrite its rows); an item from before the count keeps its indexed generation."""
    counts: dict[str, int] = {}
    wanted = ["supervisor_nip", "arrivals"]
    for start in range(0, len(listed), 100):
        keys = [nip for nip, _, _ in listed[start : start + 100]]
        for found in DigestItem.batch_get(keys, consistent_read=True, attributes_to_get=wanted):
            if found.arrivals is not None:
                counts[found.supervisor_nip] = int(found.arrivals)
    return [(nip, at, counts.get(nip, generation)) for nip, at, generation in listed]
