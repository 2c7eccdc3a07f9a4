"""In-memory twin of `store/ekinerja.py`: the work list fed by the report twin's approved reports."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from ...domain.ekinerja import Handoff, HandoffState
from ...domain.reports import ReportStatus
from .reports import InMemoryReportRepository


class InMemoryEkinerjaHandoffs:
    def __init__(self, reports: InMemoryReportRepository) -> None:
        self._reports = reports
        self._items: dict[str, Handoff] = {}
        self._claims: dict[str, str] = {}
        self._done: set[str] = set()

    def pending_reports(self, limit: int) -> list[str]:
        stored = self._reports._items.values()  # the twin's own store, as DynamoDB's index is the table's
        approved = [r for r in stored if r.status is ReportStatus.APPROVED and r.report_id not in self._done]
        approved.sort(key=lambda r: (r.decided_at or datetime.min, r.report_id))
        return [r.report_id for r in approved[:limit]]

    def done(self, report_id: str) -> None:
        self._done.add(report_id)

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
