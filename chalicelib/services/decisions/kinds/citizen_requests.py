"""Tracked citizen requests (issue 22, seed 003 §4), decided by the second office's public-service officers
(``LAYANAN`` of the request's target SKPD): APPROVE marks it done (the citizen is told to collect the new KTP/KK),
REJECT returns it to the first office with the reason. The item's id is its tracking number; its owner, for the
shared self-decision rule and the card's "from", is the first office's officer who recorded it."""

from __future__ import annotations

from datetime import datetime

from ....domain.accounts import Actor
from ....domain.citizen_requests import STATE_LABELS, UPDATE_LABELS, CitizenRequest, RequestState
from ....domain.decision_kinds import CITIZEN_REQUEST
from ....domain.decisions import Decision, Scope, Subject, Verdict
from ....domain.tracking import read_tracking_number
from ....store.protocols import CitizenRequestRepository
from ...citizen_requests import PREFIX, CitizenRequestService, not_found
from ..kind import Adapter, Card, QueueFilters

_VERDICTS = frozenset({Verdict.APPROVE, Verdict.REJECT})


class CitizenRequestKind(Adapter[CitizenRequestService, CitizenRequestRepository]):
    spec = CITIZEN_REQUEST

    def load(self, item_id: str) -> CitizenRequest:
        number = read_tracking_number(item_id, PREFIX)
        if number is None:
            raise not_found()
        return self._service.request(number)

    def subject(self, item: CitizenRequest) -> Subject:
        waiting = _VERDICTS if item.state is RequestState.READY else frozenset()
        return Subject(
            item.created_by, item.target_skpd, item.version, item.state.value, STATE_LABELS[item.state], waiting
        )

    def apply(
        self, item: CitizenRequest, decision: Decision, actor: Actor, *, at: datetime, on_behalf_of: str | None
    ) -> CitizenRequest:
        done = decision.verdict is Verdict.APPROVE
        return self._service.process(item, done=done, by=actor.nip, at=at, note=decision.note)

    def waiting(
        self, scope: Scope, filters: QueueFilters, cursor: str | None, limit: int
    ) -> tuple[list[CitizenRequest], str | None]:
        """What waits for the second office, oldest ready first."""
        return self._repository.ready_for(str(scope.skpd_id), cursor, limit)

    def count(self, scope: Scope) -> int:
        return self._repository.count_ready(str(scope.skpd_id))

    def _card(self, item: CitizenRequest) -> Card:
        detail = self._service.view(item)
        ready = next((s for s in reversed(item.steps) if s.action.value == "READY"), None)
        summary = [
            ("Kantor asal", detail["origin"]["name"]),
            ("Pemohon", item.citizen_name),
            ("Nomor perkara", item.case_number),
            ("Dokumen diperbarui", ", ".join(UPDATE_LABELS[u] for u in item.updates)),
        ]
        if ready is not None and ready.note:
            summary.append(("Catatan kantor asal", ready.note))
        if item.document_ref:
            summary.append(("Rujukan dokumen", item.document_ref))
        summary.append(("Nomor permohonan", item.tracking))
        title = f"Pembaruan data kependudukan: {item.citizen_name}"
        return Card(item.tracking, item.created_by, title, None, item.ready_at, summary, detail)
