"""The job that hands each approved report on to e-Kinerja once, and what the report view shows of it.

The approving write puts a report on the work list (the sparse index `reports.by_ekinerja_due`, 64 shards, by the
time of its next attempt). The 15-minute schedule (`dispatch`) only enqueues one message per shard on the exports
queue; the export worker runs one page of a shard (`page`): one Query of at most `PAGE` due ids, the reports and
their handoff records each in one BatchGetItem, then per report: **claim** the attempt with a conditional write (so
two workers at once never both send it), send it through the configured `EKinerjaClient` (`SEND_WORKERS` at once),
and **settle** it — SENT with the external id, or FAILED with the error and a later retry, up to `MAX_ATTEMPTS`.
Sent and given-up reports leave the work list; a failed one moves to its retry time, so no page reads it before.
The page then records the shard's checkpoint (`services/shard_pages.py`) and enqueues the next page while the
Query had more; a page delivered again after its checkpoint is dropped, and a worker that dies mid-page is run
again on the same page (its claims keep sends at most once at a time). A worker that dies between the send and the
record leaves a claim that expires: the report is sent again, with its report id as the idempotency key for the
client (at least once, never twice by two concurrent workers).
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any

from ...domain.ekinerja import CLAIM_TTL, Handoff, HandoffState, due, retry_at, state_view
from ...domain.reports import Report, ReportStatus
from ...integrations.queue import NotificationQueue
from ...store.protocols import EkinerjaHandoffs, JobState, ReportRepository
from ..shard_pages import ShardPages
from .clients import EKinerjaClient
from .export import ProgressExport

#: the queue message's kind (the export worker hands it here: `handlers/export_routes.py`)
KIND = "ekinerja-page"
#: due reports a page takes at most: one Query, two BatchGetItems (≤100 keys each), then per report a claim, a send
#: and a settle
PAGE = 100
#: a page's sends at once: its time is ≈ PAGE / SEND_WORKERS client calls (a real BKN call is slow), not their sum
SEND_WORKERS = 16
_ERROR_LENGTH = 500
_OUTCOMES = ("sent", "failed", "skipped")


class HandOn:
    def __init__(
        self,
        handoffs: EkinerjaHandoffs,
        reports: ReportRepository,
        export: ProgressExport,
        client: EKinerjaClient,
        state: JobState,
        queue: NotificationQueue,
        *,
        clock: Callable[[], datetime],
        page: int = PAGE,
        send_workers: int = SEND_WORKERS,
    ) -> None:
        self._handoffs, self._reports, self._export = handoffs, reports, export
        self._pages, self._queue = ShardPages(state, KIND), queue
        self.client, self._clock, self.page_size, self.send_workers = client, clock, page, send_workers

    def dispatch(self) -> int:
        """The schedule: one page message per shard, reading nothing (its work does not grow with the list)."""
        now = self._clock().isoformat()
        messages = [
            {"kind": KIND, "shard": shard, "run": now, "now": now, "page": 1, "after": None}
            for shard in range(self._handoffs.shards)
        ]
        return self._queue.send_all(messages)

    def page(self, message: dict[str, Any]) -> dict[str, Any]:
        """Hand on one page of the message's shard (what is due by the run's time), record the checkpoint, enqueue
        the next page if the shard has more."""
        shard, run, number = int(message["shard"]), str(message["run"]), int(message["page"])
        if self._pages.superseded(shard, run, number):
            return {"shard": shard, "page": number, **dict.fromkeys(_OUTCOMES, 0), "superseded": True}
        counts, after = self._page(shard, datetime.fromisoformat(message["now"]), message.get("after"))
        self._pages.record(shard, run, number, after, at=self._clock())
        if after is not None:
            self._queue.send_all([{**message, "page": number + 1, "after": after}])
        return {"shard": shard, "page": number, **counts, "more": after is not None}

    def run(self) -> dict[str, int]:
        """One whole pass in this process (tools, tests): every shard's pages one after another, without the queue
        or checkpoints. Counts of sent, failed and skipped (held by another run, or sent or given up meanwhile)."""
        now, total = self._clock(), Counter(dict.fromkeys(_OUTCOMES, 0))
        for shard in range(self._handoffs.shards):
            after: dict[str, Any] | None = None
            while True:
                counts, after = self._page(shard, now, after)
                total.update(counts)
                if after is None:
                    break
        return dict(total)

    def _page(
        self, shard: int, now: datetime, after: dict[str, Any] | None
    ) -> tuple[dict[str, int], dict[str, Any] | None]:
        """One page: its due ids, their reports and handoffs (a BatchGetItem each), each handed on; the counts and
        where the next page starts. A failure of the store is raised after the page's other sends finished, so the
        page is run again (what it did is not done twice: sent reports left the list, claims hold the rest)."""
        ids, following = self._handoffs.due_page(shard, now, after, self.page_size)
        reports, handoffs = self._reports.many(ids), self._handoffs.many(ids)

        def one(report_id: str) -> str:
            return self._hand_on(report_id, reports.get(report_id), handoffs.get(report_id))

        if len(ids) < 2 or self.send_workers < 2:
            outcomes = [one(report_id) for report_id in ids]
        else:
            with ThreadPoolExecutor(max_workers=min(self.send_workers, len(ids))) as pool:
                futures = [pool.submit(one, report_id) for report_id in ids]
            failed = next((f.exception() for f in futures if f.exception() is not None), None)
            if failed is not None:
                raise failed
            outcomes = [f.result() for f in futures]
        counts = Counter(dict.fromkeys(_OUTCOMES, 0))
        counts.update(outcomes)
        return dict(counts), following

    def _hand_on(self, report_id: str, report: Report | None, handoff: Handoff | None) -> str:
        now = self._clock()
        if (
            report is None
            or report.status is not ReportStatus.APPROVED
            or (handoff and handoff.state is HandoffState.SENT)
        ):
            self._handoffs.done(report_id)
            return "skipped"
        if handoff is not None and handoff.gave_up:
            self._handoffs.done(report_id)
            return "skipped"
        if not due(handoff, now):
            if handoff is not None and handoff.next_attempt_at and handoff.next_attempt_at > now:
                self._handoffs.later(report_id, handoff.next_attempt_at)  # a worker died before moving it
            return "skipped"
        token = uuid.uuid4().hex
        claimed = self._handoffs.claim(report_id, report.nip, token, now, now + CLAIM_TTL)
        if claimed is None:
            return "skipped"
        try:
            external_id = self.client.send(self._export.progress(report))
        except Exception as exc:  # any failure of a client is recorded and retried, never lost
            later = retry_at(claimed.attempts, now)
            self._handoffs.failed(report_id, token, f"{type(exc).__name__}: {exc}"[:_ERROR_LENGTH], later)
            if later is None:
                self._handoffs.done(report_id)
            else:
                self._handoffs.later(report_id, later)
            return "failed"
        self._handoffs.sent(report_id, token, external_id, self._clock())
        self._handoffs.done(report_id)
        return "sent"


def ekinerja_state(handoffs: EkinerjaHandoffs, report: Report) -> dict[str, Any] | None:
    """The report view's ``ekinerja``: one GetItem, and only for an approved report."""
    if report.status is not ReportStatus.APPROVED:
        return None
    return state_view(handoffs.get(report.report_id), approved=True)
