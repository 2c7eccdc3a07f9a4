"""Leave (SPEC §7), three kinds of one request: the direct supervisor's consideration, the granting official's
decision (either may approve, refuse or defer, with a note for the last two; both from an e-mailed link), and the
numbering officer's letter number. The held days move with each step (`LeaveService.transition`)."""

from __future__ import annotations

from datetime import datetime

from ....domain import leave as rules
from ....domain.accounts import Actor
from ....domain.decision_kinds import LEAVE_CONSIDERATION, LEAVE_DECISION, LEAVE_NUMBER
from ....domain.decisions import Decision, KindSpec, Scope, Subject, Verdict
from ....domain.leave import LeaveRequest, LeaveStatus
from ....domain.messages import leave_span
from ....store.protocols import LeaveRepository
from ...leave import CONSIDERATION, DECISION, LeaveService, status_label
from ..kind import Adapter, Card, QueueFilters, files, subject_of

_LEAVE_VERDICT = {
    Verdict.APPROVE: rules.Verdict.APPROVED,
    Verdict.REJECT: rules.Verdict.REJECTED,
    Verdict.DEFER: rules.Verdict.DEFERRED,
}
#: what each step decides: its declaration, the status it waits in, who decides it, the domain's step
_STEPS = {
    CONSIDERATION: (LEAVE_CONSIDERATION, LeaveStatus.PENDING_CONSIDERATION, "supervisor_nip", rules.consider),
    DECISION: (LEAVE_DECISION, LeaveStatus.PENDING_DECISION, "official_nip", rules.decide),
}


class _LeaveKind(Adapter[LeaveService, LeaveRepository]):
    spec: KindSpec

    def load(self, item_id: str) -> LeaveRequest:
        return self._service.request(item_id)

    def _subject(self, item: LeaveRequest, open_now: bool, decider: str | None = None) -> Subject:
        return subject_of(item, status_label(item), frozenset(self.spec.verdicts) if open_now else frozenset(), decider)

    def _card(self, item: LeaveRequest) -> Card:
        view = self._service.view(item, with_history=True)
        summary = [
            ("Tanggal", f"{leave_span(item.start, item.end)} ({item.working_days} hari kerja)"),
            ("Alasan", item.reason),
            ("Alamat selama cuti", f"{item.address}, telepon {item.phone}"),
        ]
        if item.consideration is not None:
            step = item.consideration
            verdict = rules.VERDICT_LABELS[step.verdict]
            summary.append(("Pertimbangan atasan", f"{verdict}: {step.note}" if step.note else verdict))
        title, certificate = rules.TYPE_LABELS[item.leave_type], files("Surat keterangan dokter", view["attachment"])
        return Card(item.leave_id, item.nip, title, item.start, item.applied_at, summary, view, certificate)


class LeaveStepKind(_LeaveKind):
    """The supervisor's consideration or the official's decision."""

    def __init__(self, service: LeaveService, repository: LeaveRepository, *, stage: str) -> None:
        super().__init__(service, repository)
        self._stage = stage
        self.spec, self._waits_in, self._decider, self._step = _STEPS[stage]

    def subject(self, item: LeaveRequest) -> Subject:
        return self._subject(item, item.status is self._waits_in, getattr(item, self._decider))

    def apply(
        self, item: LeaveRequest, decision: Decision, actor: Actor, *, at: datetime, on_behalf_of: str | None
    ) -> LeaveRequest:
        verdict, note = _LEAVE_VERDICT[decision.verdict], decision.note

        def change(current: LeaveRequest) -> LeaveRequest:
            return self._step(current, verdict, by=actor.nip, at=at, note=note, on_behalf_of=on_behalf_of)

        return self._service.transition(item, change)

    def waiting(
        self, scope: Scope, filters: QueueFilters, cursor: str | None, limit: int
    ) -> tuple[list[LeaveRequest], str | None]:
        return self._repository.waiting(str(scope.person), self._stage, cursor, limit)

    def count(self, scope: Scope) -> int:
        return self._repository.count_waiting(str(scope.person), self._stage)


class LeaveNumberKind(_LeaveKind):
    """An approved request's letter number; the officer sees who, which leave and when — nothing medical."""

    spec = LEAVE_NUMBER

    def subject(self, item: LeaveRequest) -> Subject:
        return self._subject(item, item.status is LeaveStatus.APPROVED and not item.letter_number)

    def apply(
        self, item: LeaveRequest, decision: Decision, actor: Actor, *, at: datetime, on_behalf_of: str | None
    ) -> LeaveRequest:
        return self._service.give_letter_number(item, actor)

    def waiting(
        self, scope: Scope, filters: QueueFilters, cursor: str | None, limit: int
    ) -> tuple[list[LeaveRequest], str | None]:
        return self._repository.numbering_queue(str(scope.skpd_id), cursor, limit)

    def count(self, scope: Scope) -> int:
        return self._repository.count_numbering(str(scope.skpd_id))

    def _card(self, item: LeaveRequest) -> Card:
        card = super()._card(item)
        summary = card.summary[:1] + ([("Nomor surat", item.letter_number)] if item.letter_number else [])
        detail = {**card.detail, "attachment": None, "reason": None}
        return Card(card.item_id, card.owner_nip, card.title, card.day, card.submitted_at, summary, detail)


def leave_kinds(service: LeaveService, repository: LeaveRepository) -> list[_LeaveKind]:
    return [
        LeaveStepKind(service, repository, stage=CONSIDERATION),
        LeaveStepKind(service, repository, stage=DECISION),
        LeaveNumberKind(service, repository),
    ]
