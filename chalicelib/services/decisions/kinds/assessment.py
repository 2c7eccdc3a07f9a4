"""A quarter's assessment, acknowledged by the assessed employee ("Saya sudah membaca"; issue 19).

The mechanism forbids deciding one's own item (`SELF_DECISION`: the subject's owner never decides it). Here the
decider must be the employee the assessment is about, so the subject names the employee as the one who decides
(`decider_nip`) and the pejabat penilai who wrote it as the item's owner: the employee acknowledges what their
penilai wrote, and the penilai — the owner — can never acknowledge it for them. A delegate may not either: an
acknowledgement is personal, so one made on someone's behalf is refused. The item waits in the employee's inbox.
"""

from __future__ import annotations

from datetime import datetime

from ....domain.accounts import Actor
from ....domain.assessment import PREDICATE_LABELS, RATING_LABELS, quarter_label
from ....domain.decision_kinds import ASSESSMENT_ACK
from ....domain.decisions import Decision, Scope, Subject, Verdict
from ....domain.errors import Forbidden
from ....domain.quarter_assessment import STATUS_LABELS, Assessment, AssessmentStatus
from ....store.protocols import AssessmentRepository
from ...skp.assessment import QuarterAssessments
from ...skp.assessment_views import assessment_view
from ..kind import Adapter, Card, QueueFilters, files

_OPEN = frozenset({Verdict.APPROVE})


class AssessmentAckKind(Adapter[QuarterAssessments, AssessmentRepository]):
    spec = ASSESSMENT_ACK

    def load(self, item_id: str) -> Assessment:
        return self._service.load(item_id)

    def subject(self, item: Assessment) -> Subject:
        waiting = _OPEN if item.status is AssessmentStatus.ASSESSED else frozenset()
        return Subject(
            owner_nip=item.penilai_nip,
            skpd_id=item.skpd_id,
            version=item.version,
            status=item.status.value,
            status_label=STATUS_LABELS[item.status],
            open_verdicts=waiting,
            decider_nip=item.nip,
        )

    def apply(
        self, item: Assessment, decision: Decision, actor: Actor, *, at: datetime, on_behalf_of: str | None
    ) -> Assessment:
        if on_behalf_of is not None or actor.nip != item.nip:
            raise Forbidden("Hanya pegawai yang dinilai yang dapat menyatakan sudah membaca penilaiannya.")
        return self._service.acknowledge(item, by=actor.nip, at=at)

    def waiting(
        self, scope: Scope, filters: QueueFilters, cursor: str | None, limit: int
    ) -> tuple[list[Assessment], str | None]:
        """At most eight (two years of quarters): one page, oldest quarter first."""
        found = sorted(self._service.waiting_for(str(scope.person)), key=lambda a: (a.year, a.quarter))
        return found[:limit], None

    def count(self, scope: Scope) -> int:
        return len(self._service.waiting_for(str(scope.person)))

    def _card(self, item: Assessment) -> Card:
        summary = [
            ("Hasil kerja", RATING_LABELS[item.results]),
            ("Perilaku kerja", RATING_LABELS[item.behaviour]),
            ("Predikat kinerja", PREDICATE_LABELS[item.predicate]),
        ]
        if item.feedback:
            summary.append(("Umpan balik", item.feedback))
        people = self._service.people({item.nip, item.penilai_nip, item.assessed_by})
        title = f"Penilaian {quarter_label(item.year, item.quarter)}"
        return Card(
            item.item_id,
            item.penilai_nip,
            title,
            None,
            item.assessed_at,
            summary,
            assessment_view(item, people),
            files(f"PDF {title}", self._service.pdf_link(item)),
        )
