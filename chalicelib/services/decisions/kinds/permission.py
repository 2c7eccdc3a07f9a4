"""Permission requests (izin, issue 20), decided by the direct supervisor taken at submission or their delegate:
approve, or reject with a note. The decision is the domain's (`discipline.permissions.decide`), written with its
history entry in one versioned write that also takes the item out of the supervisor's queue."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from ....domain.accounts import Actor, Employee
from ....domain.decision_kinds import PERMISSION
from ....domain.decisions import Decision, Scope, Subject, Verdict
from ....domain.discipline import KIND_LABELS, PERMISSION_STATUS_LABELS, Permission, PermissionStatus, decide
from ....domain.messages import indonesian_date, time_span
from ....store.protocols import PermissionRepository
from ...permissions import PermissionService
from ..kind import Adapter, Card, QueueFilters, subject_of

_STATUS = {Verdict.APPROVE: PermissionStatus.APPROVED, Verdict.REJECT: PermissionStatus.REJECTED}


class PermissionDecisions(Adapter[PermissionService, PermissionRepository]):
    spec = PERMISSION

    def load(self, item_id: str) -> Permission:
        return self._service.permission(item_id)

    def subject(self, item: Permission) -> Subject:
        waiting = frozenset(_STATUS) if item.status is PermissionStatus.SUBMITTED else frozenset()
        return subject_of(item, PERMISSION_STATUS_LABELS[item.status], waiting, item.supervisor_nip)

    def apply(
        self, item: Permission, decision: Decision, actor: Actor, *, at: datetime, on_behalf_of: str | None
    ) -> Permission:
        status = _STATUS[decision.verdict]
        decided = decide(item, status, by=actor.nip, at=at, note=decision.note, on_behalf_of=on_behalf_of)
        return self._repository.save(decided)

    def waiting(
        self, scope: Scope, filters: QueueFilters, cursor: str | None, limit: int
    ) -> tuple[list[Permission], str | None]:
        """What waits for the supervisor, oldest submission first."""
        return self._repository.pending_for(str(scope.person), cursor, limit)

    def count(self, scope: Scope) -> int:
        return self._repository.count_pending(str(scope.person))

    def cards(self, items: list[Permission], people: Mapping[str, Employee]) -> list[Card]:
        """Each permission with its hours in its employee's zone (``09.00–11.00 WIB``)."""
        return [self._permission_card(item, people.get(item.nip)) for item in items]

    def _permission_card(self, item: Permission, employee: Employee | None) -> Card:
        detail = self._service.view(item, with_history=False)
        zone = employee.timezone.value if employee else None
        title = KIND_LABELS[item.kind]  # the number is a line of its own
        return Card(item.permission_id, item.nip, title, item.day, item.submitted_at, summary(item, zone), detail)


def summary(item: Permission, zone: str | None) -> list[tuple[str, str]]:
    """What the supervisor reads to decide: the kind, the day, the hours of a keluar kantor, why, the number."""
    lines = [("Jenis", KIND_LABELS[item.kind]), ("Tanggal", indonesian_date(item.day))]
    if item.start is not None and item.end is not None:
        lines.append(("Jam", time_span(item.start, item.end, zone)))
    lines += [("Alasan", item.reason), ("Nomor", item.reference)]
    return lines
