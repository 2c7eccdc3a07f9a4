"""Daily reports, verified by the direct supervisor or their delegate (SPEC §4): rating 1-5, a note to reject,
decidable from the supervisor's digest e-mail."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from ....domain.accounts import Actor, Employee
from ....domain.coach import hints_line
from ....domain.decision_kinds import REPORT
from ....domain.decisions import Decision, Scope, Subject, Verdict
from ....domain.messages import time_span
from ....domain.reports import STATUS_LABELS, Report, ReportStatus, decide
from ....store.protocols import ReportRepository
from ...reports import ReportService
from ..kind import Adapter, Card, QueueFilters, files, subject_of

_STATUS = {Verdict.APPROVE: ReportStatus.APPROVED, Verdict.REJECT: ReportStatus.REJECTED}


class ReportKind(Adapter[ReportService, ReportRepository]):
    spec = REPORT

    def load(self, item_id: str) -> Report:
        return self._service.report(item_id)

    def subject(self, item: Report) -> Subject:
        waiting = frozenset(_STATUS) if item.status is ReportStatus.SUBMITTED else frozenset()
        return subject_of(item, STATUS_LABELS[item.status], waiting, item.supervisor_nip)

    def apply(
        self, item: Report, decision: Decision, actor: Actor, *, at: datetime, on_behalf_of: str | None
    ) -> Report:
        status, rating, note = _STATUS[decision.verdict], decision.rating, decision.note
        decided = decide(item, status, by=actor.nip, at=at, rating=rating, note=note, on_behalf_of=on_behalf_of)
        return self._repository.change_status(item, decided)

    def waiting(
        self, scope: Scope, filters: QueueFilters, cursor: str | None, limit: int
    ) -> tuple[list[Report], str | None]:
        """What waits for the supervisor, oldest submission first; ``from``/``to`` keep the reports of those dates."""
        return self._repository.pending_for(str(scope.person), cursor, limit, first=filters.first, last=filters.last)

    def count(self, scope: Scope) -> int:
        return self._repository.count_pending(str(scope.person))

    def cards(self, items: list[Report], people: Mapping[str, Employee]) -> list[Card]:
        """Each report with its times in its employee's zone (``08.00–09.30 WIB``)."""
        return [self._report_card(item, people.get(item.nip)) for item in items]

    def _report_card(self, item: Report, employee: Employee | None) -> Card:
        view, content = self._service.view(item, with_history=False), item.content
        zone = employee.timezone.value if employee else None
        summary = [
            ("Waktu", time_span(content.start, content.end, zone)),
            ("Uraian", content.description),
            ("Hasil", content.output),
        ]
        advice = hints_line(item.hints)  # the report coach's hints, so the supervisor sees a vague report
        if advice:
            summary.append(("Saran penulisan", advice))
        evidence = files("Bukti dukung", *view["evidence"])
        return Card(item.report_id, item.nip, content.title, content.day, item.submitted_at, summary, view, evidence)
