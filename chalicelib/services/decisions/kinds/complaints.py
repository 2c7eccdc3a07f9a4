"""Attendance complaints (SPEC §2), verified by HR of the employee's SKPD, BKD or the admin: a rejection says
why. An approval makes the session count as attended (`ComplaintRepository.decide`)."""

from __future__ import annotations

from datetime import datetime

from ....domain.accounts import Actor
from ....domain.complaints import (
    SESSION_LABELS,
    STATUS_LABELS,
    TYPE_LABELS,
    Complaint,
    ComplaintStatus,
    decide,
    parse_status,
)
from ....domain.decision_kinds import COMPLAINT
from ....domain.decisions import Decision, Scope, Subject, Verdict
from ....store.protocols import ComplaintRepository
from ...complaints import ComplaintService
from ..kind import Adapter, Card, QueueFilters, files, subject_of

_STATUS = {Verdict.APPROVE: ComplaintStatus.APPROVED, Verdict.REJECT: ComplaintStatus.REJECTED}


class ComplaintKind(Adapter[ComplaintService, ComplaintRepository]):
    spec = COMPLAINT

    def load(self, item_id: str) -> Complaint:
        return self._service.complaint(item_id)

    def subject(self, item: Complaint) -> Subject:
        waiting = frozenset(_STATUS) if item.status is ComplaintStatus.SUBMITTED else frozenset()
        return subject_of(item, STATUS_LABELS[item.status], waiting)

    def apply(
        self, item: Complaint, decision: Decision, actor: Actor, *, at: datetime, on_behalf_of: str | None
    ) -> Complaint:
        decided = decide(item, _STATUS[decision.verdict], by=actor.nip, at=at, note=decision.note)
        return self._repository.decide(item, decided)

    def waiting(
        self, scope: Scope, filters: QueueFilters, cursor: str | None, limit: int
    ) -> tuple[list[Complaint], str | None]:
        status = parse_status(filters.status) if filters.status else ComplaintStatus.SUBMITTED
        first, last, satker_id = filters.first, filters.last, filters.satker_id
        return self._repository.queue(
            scope.skpd_id, status, satker_id=satker_id, first=first, last=last, cursor=cursor, limit=limit
        )

    def count(self, scope: Scope) -> int:
        return self._repository.count(scope.skpd_id, ComplaintStatus.SUBMITTED)

    def _card(self, item: Complaint) -> Card:
        view = self._service.view(item)
        title = f"{TYPE_LABELS[item.kind]} · {item.reference}"
        summary = [("Sesi", SESSION_LABELS[item.session]), ("Alasan", item.reason)]
        return Card(
            item.complaint_id,
            item.nip,
            title,
            item.day,
            item.submitted_at,
            summary,
            view,
            files("Surat tugas", view["letter"]),
        )
