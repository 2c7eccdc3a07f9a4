"""Career records (SPEC §8: sertifikasi, penghargaan, tim kerja), verified by HR of the SKPD, BKD or the admin;
an approval can be taken back ("Batal disetujui") with a reason, after which the employee corrects it."""

from __future__ import annotations

from datetime import datetime

from ....domain import records as rules
from ....domain.accounts import Actor
from ....domain.decision_kinds import RECORD
from ....domain.decisions import Decision, Scope, Subject, Verdict
from ....domain.errors import ValidationError
from ....domain.records import (
    DOCUMENT_LABEL,
    KIND_LABELS,
    LISTED,
    STATUS_LABELS,
    CareerRecord,
    RecordKind,
    RecordStatus,
    summary,
)
from ....store.protocols import RecordRepository
from ...records import RecordService
from ..kind import Adapter, Card, QueueFilters, files, subject_of

_OPEN = {
    RecordStatus.SUBMITTED: frozenset({Verdict.APPROVE, Verdict.REJECT}),
    RecordStatus.APPROVED: frozenset({Verdict.REVOKE}),
}


class RecordKindAdapter(Adapter[RecordService, RecordRepository]):
    spec = RECORD

    def load(self, item_id: str) -> CareerRecord:
        return self._service.record(item_id)

    def subject(self, item: CareerRecord) -> Subject:
        return subject_of(item, STATUS_LABELS[item.status], _OPEN.get(item.status, frozenset()))

    def apply(
        self, item: CareerRecord, decision: Decision, actor: Actor, *, at: datetime, on_behalf_of: str | None
    ) -> CareerRecord:
        if decision.verdict is Verdict.REVOKE:
            changed = rules.revoke(item, by=actor.nip, at=at, reason=decision.note or "")
        else:
            status = RecordStatus.APPROVED if decision.verdict is Verdict.APPROVE else RecordStatus.REJECTED
            changed = rules.decide(item, status, by=actor.nip, at=at, note=decision.note)
        return self._repository.save(changed)

    def waiting(
        self, scope: Scope, filters: QueueFilters, cursor: str | None, limit: int
    ) -> tuple[list[CareerRecord], str | None]:
        if filters.satker_id and scope.skpd_id is None:
            raise ValidationError(
                "Pilih induk satker (SKPD) sebelum memilih satker.", code="SKPD_REQUIRED", details={"field": "skpd_id"}
            )
        kinds = (rules.parse_kind(filters.category),) if filters.category else tuple(RecordKind)
        statuses = LISTED if filters.status == "ALL" else (rules.parse_status(filters.status or "SUBMITTED"),)
        newest_first = statuses != (RecordStatus.SUBMITTED,)
        return self._repository.queue(
            scope.skpd_id, filters.satker_id, kinds, statuses, newest_first=newest_first, cursor=cursor, limit=limit
        )

    def count(self, scope: Scope) -> int:
        return sum(self._repository.waiting(scope.skpd_id, None).values())

    def _card(self, item: CareerRecord) -> Card:
        view = self._service.view(item)
        listed = files(DOCUMENT_LABEL, view["document"])
        # the PDF is listed once, as a file with its link; a summary line would only repeat it
        lines = rules.detail_rows(item.details) if listed else summary(item.kind, item.details, None)
        return Card(item.record_id, item.nip, KIND_LABELS[item.kind], None, item.submitted_at, lines, view, listed)
