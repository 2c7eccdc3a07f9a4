"""A further check-in device (issue 20), approved or rejected by HR of the employee's SKPD, BKD or the admin.
Approving activates it and retires the oldest active device beyond the SKPD's limit
(`DeviceService.activate`); rejecting discards it. The item's id is ``<nip>.<device_id>`` (one GetItem)."""

from __future__ import annotations

from datetime import datetime

from ....domain.accounts import Actor
from ....domain.decision_kinds import DEVICE
from ....domain.decisions import Decision, Scope, Subject, Verdict
from ....domain.devices import STATUS_LABELS, Device, DeviceStatus, decide, split_item_id
from ....domain.errors import NotFound
from ....store.protocols import DeviceRepository
from ...devices import DeviceService, device_view
from ..kind import Adapter, Card, QueueFilters, subject_of

_VERDICTS = frozenset({Verdict.APPROVE, Verdict.REJECT})


class DeviceKind(Adapter[DeviceService, DeviceRepository]):
    spec = DEVICE

    def load(self, item_id: str) -> Device:
        parts = split_item_id(item_id)
        if parts is None:
            raise NotFound("Perangkat tidak ditemukan.", code="DEVICE_NOT_FOUND")
        return self._service.device(*parts)

    def subject(self, item: Device) -> Subject:
        waiting = _VERDICTS if item.status is DeviceStatus.PENDING else frozenset()
        return subject_of(item, STATUS_LABELS[item.status], waiting)

    def apply(
        self, item: Device, decision: Decision, actor: Actor, *, at: datetime, on_behalf_of: str | None
    ) -> Device:
        approve = decision.verdict is Verdict.APPROVE
        decided = decide(item, approve, by=actor.nip, at=at, note=decision.note, on_behalf_of=on_behalf_of)
        if approve:
            return self._service.activate(decided, by=actor.nip, at=at)
        return self._repository.save(decided)

    def waiting(
        self, scope: Scope, filters: QueueFilters, cursor: str | None, limit: int
    ) -> tuple[list[Device], str | None]:
        """What waits for HR of the SKPD (every SKPD for BKD and the admin), oldest registration first."""
        return self._repository.pending(scope.skpd_id, cursor, limit)

    def count(self, scope: Scope) -> int:
        return self._repository.count_pending(scope.skpd_id)

    def _card(self, item: Device) -> Card:
        # when it was registered is the card's own "diajukan" line, in the employee's zone
        summary = [("Perangkat", item.label), ("Sidik kunci", item.thumbprint[:16])]
        return Card(
            item.item_id,
            item.nip,
            f"Perangkat baru: {item.label}",
            None,
            item.registered_at,
            summary,
            device_view(item),
        )
