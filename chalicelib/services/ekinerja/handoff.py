"""The job that hands each approved report on to e-Kinerja once, and what the report view shows of it.

The approving write puts a report on the work list (the sparse index `reports.by_ekinerja_pending`); a run reads
it, claims each due report's handoff with a conditional write (so two runs at once never both send it), sends it
through the configured `EKinerjaClient`, and records SENT with the external id — or FAILED with the error and a
later retry, up to `MAX_ATTEMPTS`. Sent and given-up reports leave the work list. A run that dies between the send
and the record leaves a claim that expires: the report is sent again, with its report id as the idempotency key
for the client (at least once, never twice by two concurrent runs).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from ...domain.ekinerja import CLAIM_TTL, HandoffState, due, retry_at, state_view
from ...domain.reports import Report, ReportStatus
from ...store.protocols import EkinerjaHandoffs, ReportRepository
from .clients import EKinerjaClient
from .export import ProgressExport

#: reports a run takes at most (a scheduled run every 15 minutes)
BATCH = 200
_ERROR_LENGTH = 500


class HandOn:
    def __init__(
        self,
        handoffs: EkinerjaHandoffs,
        reports: ReportRepository,
        export: ProgressExport,
        client: EKinerjaClient,
        *,
        clock: Callable[[], datetime],
    ) -> None:
        self._handoffs, self._reports, self._export = handoffs, reports, export
        self.client, self._clock = client, clock

    def run(self, limit: int = BATCH) -> dict[str, int]:
        """One pass over the work list: counts of sent, failed and skipped (not due, or held by another run)."""
        counts = {"sent": 0, "failed": 0, "skipped": 0}
        for report_id in self._handoffs.pending_reports(limit):
            counts[self._hand_on(report_id)] += 1
        return counts

    def _hand_on(self, report_id: str) -> str:
        now = self._clock()
        report = self._reports.get(report_id)
        handoff = self._handoffs.get(report_id)
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
            return "failed"
        self._handoffs.sent(report_id, token, external_id, self._clock())
        self._handoffs.done(report_id)
        return "sent"


def ekinerja_state(handoffs: EkinerjaHandoffs, report: Report) -> dict[str, Any] | None:
    """The report view's ``ekinerja``: one GetItem, and only for an approved report."""
    if report.status is not ReportStatus.APPROVED:
        return None
    return state_view(handoffs.get(report.report_id), approved=True)
