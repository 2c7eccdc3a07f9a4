"""SKP, approved or returned ("kembalikan", with a note) by the direct supervisor as pejabat penilai, or their
delegate (issue 19; PermenPANRB 6/2022). An approval keeps the targets as a new version in the same transaction."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from ....domain import skp as rules
from ....domain.accounts import Actor, Employee
from ....domain.decision_kinds import SKP
from ....domain.decisions import Decision, Scope, Subject, Verdict
from ....domain.skp import KIND_LABELS, STATUS_LABELS, Skp, SkpStatus
from ....store.protocols import SkpRepository
from ...skp import SkpService
from ...skp.views import number
from ..kind import Adapter, Card, QueueFilters, subject_of

_OPEN = frozenset({Verdict.APPROVE, Verdict.REJECT})


class SkpKind(Adapter[SkpService, SkpRepository]):
    spec = SKP

    def load(self, item_id: str) -> Skp:
        return self._service.skp(item_id)

    def subject(self, item: Skp) -> Subject:
        waiting = _OPEN if item.status is SkpStatus.SUBMITTED else frozenset()
        return subject_of(item, STATUS_LABELS[item.status], waiting, item.penilai_nip)

    def apply(self, item: Skp, decision: Decision, actor: Actor, *, at: datetime, on_behalf_of: str | None) -> Skp:
        if decision.verdict is Verdict.APPROVE:
            approved, snapshot = rules.approve(item, by=actor.nip, now=at, on_behalf_of=on_behalf_of)
            return self._repository.approve(approved, snapshot)
        returned = rules.return_(item, by=actor.nip, now=at, note=decision.note or "", on_behalf_of=on_behalf_of)
        return self._repository.save(returned)

    def waiting(
        self, scope: Scope, filters: QueueFilters, cursor: str | None, limit: int
    ) -> tuple[list[Skp], str | None]:
        """What waits for the penilai, oldest submission first."""
        return self._repository.pending_for(str(scope.person), cursor, limit)

    def count(self, scope: Scope) -> int:
        return self._repository.count_pending(str(scope.person))

    def cards(self, items: list[Skp], people: Mapping[str, Employee]) -> list[Card]:
        return [self._card(item) for item in items]

    def _card(self, item: Skp) -> Card:
        return Card(
            item.skp_id, item.nip, f"SKP {item.year}", None, item.submitted_at, summary(item), self._service.view(item)
        )


def summary(skp: Skp) -> list[tuple[str, str]]:
    """What the supervisor reads to decide: how many RHK, each with its indicators, and whether it changes an
    approved version."""
    main = sum(1 for t in skp.targets if t.kind is rules.RhkKind.UTAMA)
    lines = [("Jumlah RHK", f"{len(skp.targets)} RHK ({main} utama, {len(skp.targets) - main} tambahan)")]
    if rules.changes_from_approved(skp):
        lines.append(("Perubahan", f"Perubahan dari versi {skp.approved_version}"))
    for index, target in enumerate(skp.targets, start=1):
        measures = "; ".join(f"{i.text}: {number(i.target)} {i.unit}" for i in target.indicators)
        lines.append((f"RHK {index} ({KIND_LABELS[target.kind]})", f"{target.text} — Indikator: {measures}"))
    return lines
