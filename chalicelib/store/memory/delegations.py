"""In-memory twin of `DynamoDelegationRepository`, with the per-supervisor guard revision."""

from __future__ import annotations

import threading
from datetime import date

from ...domain.audit import AuditEvent
from ...domain.delegation import Delegation
from ...domain.errors import Conflict
from .audit import InMemoryAuditLog


def _raced() -> Conflict:
    return Conflict("Delegasi berubah bersamaan; muat ulang lalu coba lagi.", code="CONFLICT")


class InMemoryDelegationRepository:
    """``add`` lands only if the guard revision is still the one ``snapshot`` read; history goes to ``audit``."""

    def __init__(self, audit: InMemoryAuditLog | None = None) -> None:
        self._items: dict[tuple[str, str], Delegation] = {}
        self._revisions: dict[str, int] = {}
        self._lock = threading.Lock()
        self.audit = audit if audit is not None else InMemoryAuditLog()

    def snapshot(self, delegator_nip: str) -> tuple[list[Delegation], int]:
        with self._lock:
            return self._given(delegator_nip), self._revisions.get(delegator_nip, 0)

    def given_by(self, delegator_nip: str) -> list[Delegation]:
        with self._lock:
            return self._given(delegator_nip)

    def held_by(self, delegate_nip: str, today: date) -> list[Delegation]:
        """Delegations to ``delegate_nip`` that have not ended, by end date; callers check ``active_on``."""
        with self._lock:
            held = [d for d in self._items.values() if d.delegate_nip == delegate_nip and d.end >= today]
        return sorted(held, key=lambda d: (d.end, d.delegation_id))

    def get(self, delegator_nip: str, delegation_id: str) -> Delegation | None:
        return self._items.get((delegator_nip, delegation_id))

    def add(self, delegation: Delegation, revision: int, events: list[AuditEvent]) -> Delegation:
        key = (delegation.delegator_nip, delegation.delegation_id)
        with self._lock:
            if self._revisions.get(delegation.delegator_nip, 0) != revision or key in self._items:
                raise _raced()
            self._revisions[delegation.delegator_nip] = revision + 1
            self._items[key] = delegation
            self.audit.record(events)
        return delegation

    def delete(self, delegation: Delegation, events: list[AuditEvent]) -> None:
        key = (delegation.delegator_nip, delegation.delegation_id)
        with self._lock:
            if key not in self._items:
                raise _raced()
            del self._items[key]
            self.audit.record(events)

    def _given(self, delegator_nip: str) -> list[Delegation]:
        given = [d for (n, _), d in self._items.items() if n == delegator_nip]
        return sorted(given, key=lambda d: d.delegation_id)
