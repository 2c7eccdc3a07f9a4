"""The auto-approval sweep in bounded pages per shard (issue 21): reports SUBMITTED for 7 days are approved by SYSTEM.

The schedule (`dispatch`) only enqueues one message per shard of the sparse pending index; a queue worker
(`page`) approves at most one page of its shard, records the shard's checkpoint and enqueues the next page when
the shard has more. So no call's work grows with the backlog, and the shards drain in parallel.

Safe to run again: each report is read consistently and approved by a write conditional on the version read, so a
report approved (or decided, or edited) meanwhile is never approved twice — a worker that dies mid-page is simply
run again on the same page. The checkpoint (``auto-approval#<shard>`` in `job_state`: the run, the last page done
and where the next starts) drops what is already done: a message redelivered after its page was checkpointed, and
the pages of an older run once a newer run has started on that shard (the index is sparse, so a new run that starts
at the shard's beginning finds only what is still waiting). A worker that dies between its checkpoint and the
next page's message leaves that shard to the next schedule (15 minutes).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from ..domain.errors import Conflict
from ..domain.reports import AUTO_APPROVE_AFTER, SYSTEM, ReportStatus, decide, overdue
from ..integrations.queue import NotificationQueue
from ..store.protocols import JobState, ReportRepository
from . import shard_pages
from .shard_pages import ShardPages

#: the queue message's kind (the export worker hands it here: `handlers/export_routes.py`)
KIND = "auto-approval"
#: reports a worker call approves at most: one Query, one BatchGetItem, ≤100 transactions (≈2-3 s), one PutItem
PAGE = 100


def checkpoint_name(shard: int) -> str:
    return shard_pages.checkpoint_name(KIND, shard)


class AutoApprovalSweep:
    def __init__(
        self,
        repository: ReportRepository,
        state: JobState,
        queue: NotificationQueue,
        *,
        clock: Callable[[], datetime],
        page: int = PAGE,
    ) -> None:
        self._repository, self._pages, self._queue = repository, ShardPages(state, KIND), queue
        self._clock, self._shards, self._page = clock, repository.overdue_shards, page

    def dispatch(self) -> int:
        """One message per shard: the run (now) and the cut (what was submitted 7 days before it)."""
        now = self._clock()
        run, cut = now.isoformat(), (now - AUTO_APPROVE_AFTER).isoformat()
        messages = [
            {"kind": KIND, "shard": shard, "run": run, "cut": cut, "page": 1, "after": None}
            for shard in range(self._shards)
        ]
        return self._queue.send_all(messages)

    def page(self, message: dict[str, Any], log: Callable[..., None]) -> dict[str, Any]:
        """Approve one page of the message's shard, record the checkpoint, enqueue the next page if any."""
        shard, run, number = int(message["shard"]), str(message["run"]), int(message["page"])
        if self._pages.superseded(shard, run, number):
            return {"shard": shard, "page": number, "approved": 0, "skipped": 0, "superseded": True}
        now = self._clock()
        reports, after = self._repository.overdue_page(
            shard, datetime.fromisoformat(message["cut"]), message.get("after"), self._page
        )
        approved = skipped = 0
        for report in reports:
            if not overdue(report, now):  # decided or withdrawn meanwhile, or approved by a run that died midway
                continue
            try:
                self._repository.change_status(report, decide(report, ReportStatus.APPROVED, by=SYSTEM, at=now))
                approved += 1
            except Conflict:  # decided or edited meanwhile: that write wins (an edited one waits for the next run)
                skipped += 1
                log("auto-approval skipped a report changed meanwhile", report_id=report.report_id)
        self._pages.record(shard, run, number, after, at=now)
        if after is not None:
            self._queue.send_all([{**message, "page": number + 1, "after": after}])
        return {"shard": shard, "page": number, "approved": approved, "skipped": skipped, "more": after is not None}
