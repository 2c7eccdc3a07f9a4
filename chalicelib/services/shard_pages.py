"""The checkpoint of a paged fan-out's shards (issue 21), one for every job that walks a sharded index in pages.

A schedule enqueues one message per shard, naming its run (the schedule's time) and page 1; each worker call does
one bounded page and enqueues the next. The shard's checkpoint (``<kind>#<shard>`` in `job_state`: the run, the
last page done and where the next starts) lets a worker drop what is already done: a message delivered again after
its page was recorded, and the pages of an older run once a newer run has started on that shard. A worker that dies
before recording its page is simply run again on it (the jobs' own writes make that safe).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from ..store.protocols import JobState


def checkpoint_name(kind: str, shard: int) -> str:
    return f"{kind}#{shard}"


class ShardPages:
    """The checkpoints of one kind of page (``auto-approval``, ``digest-page``, ``ekinerja-page``)."""

    def __init__(self, state: JobState, kind: str) -> None:
        self._state, self.kind = state, kind

    def name(self, shard: int) -> str:
        return checkpoint_name(self.kind, shard)

    def superseded(self, shard: int, run: str, page: int) -> bool:
        """Whether the page is done already: the shard's checkpoint is of a newer run, or of this run and this
        page or a later one."""
        cursor = self._state.cursor(self.name(shard))
        done: dict[str, Any] | None = json.loads(cursor) if cursor else None
        return bool(done) and (done["run"] > run or (done["run"] == run and int(done["page"]) >= page))

    def record(self, shard: int, run: str, page: int, after: Any, at: datetime | None = None) -> None:
        """Record the page done, with where the next page starts (and when, if given)."""
        mark = {"run": run, "page": page, "after": after, **({"at": at.isoformat()} if at else {})}
        self._state.save_cursor(self.name(shard), json.dumps(mark, separators=(",", ":")))
