"""Delegations of verification, with a per-supervisor guard item that serialises new ones (no overlap race)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from ..domain.audit import AuditEvent
from ..domain.delegation import Delegation
from ..domain.errors import Conflict
from . import audit
from .models import DelegationItem, transaction_connection

GUARD = "#GUARD"


def _to_delegation(item: DelegationItem) -> Delegation:
    return Delegation(
        delegation_id=item.delegation_id,
        delegator_nip=item.delegator_nip,
        delegate_nip=item.delegate_nip,
        start=date.fromisoformat(item.start_day),
        end=date.fromisoformat(item.end_day),
        reason=item.reason or "",
        created_by=item.created_by or item.delegator_nip,
    )


class DynamoDelegationRepository:
    def snapshot(self, delegator_nip: str) -> tuple[list[Delegation], int]:
        """What a supervisor has delegated, and the guard's revision a new delegation must still find."""
        delegations, revision = [], 0
        for item in DelegationItem.query(delegator_nip, consistent_read=True, limit=200):
            if item.delegation_id == GUARD:
                revision = int(item.revision or 0)
            else:
                delegations.append(_to_delegation(item))
        return delegations, revision

    def given_by(self, delegator_nip: str) -> list[Delegation]:
        return self.snapshot(delegator_nip)[0]

    def held_by(self, delegate_nip: str, today: date) -> list[Delegation]:
        """Delegations to ``delegate_nip`` that have not ended; callers check ``active_on``."""
        query = DelegationItem.by_delegate.query(delegate_nip, DelegationItem.end_day >= today.isoformat(), limit=200)
        return [_to_delegation(i) for i in query]

    def get(self, delegator_nip: str, delegation_id: str) -> Delegation | None:
        try:
            return _to_delegation(DelegationItem.get(delegator_nip, delegation_id, consistent_read=True))
        except DelegationItem.DoesNotExist:
            return None

    def add(self, delegation: Delegation, revision: int, events: list[AuditEvent]) -> Delegation:
        """Store it with its history events, if no other delegation landed since ``revision`` was read."""
        guard = DelegationItem(delegator_nip=delegation.delegator_nip, delegation_id=GUARD)
        seen = DelegationItem.revision == revision if revision else DelegationItem.revision.does_not_exist()
        item = DelegationItem(
            delegator_nip=delegation.delegator_nip,
            delegation_id=delegation.delegation_id,
            delegate_nip=delegation.delegate_nip,
            start_day=delegation.start.isoformat(),
            end_day=delegation.end.isoformat(),
            reason=delegation.reason or None,
            created_by=delegation.created_by or None,
        )
        self._transact(
            lambda t: (
                t.update(guard, actions=[DelegationItem.revision.set(revision + 1)], condition=seen),
                t.save(item, condition=DelegationItem.delegation_id.does_not_exist()),
            ),
            events,
        )
        return delegation

    def delete(self, delegation: Delegation, events: list[AuditEvent]) -> None:
        """Remove it with its history events; a concurrent removal is a conflict."""
        item = DelegationItem(delegator_nip=delegation.delegator_nip, delegation_id=delegation.delegation_id)
        self._transact(lambda t: t.delete(item, condition=DelegationItem.delegation_id.exists()), events)

    @staticmethod
    def _transact(write: Callable[[TransactWrite], object], events: list[AuditEvent]) -> None:
        try:
            with TransactWrite(connection=transaction_connection()) as transaction:
                write(transaction)
                for event in events:
                    transaction.save(audit.to_item(event))
        except TransactWriteError as exc:
            reasons = {getattr(r, "code", None) for r in (exc.cancellation_reasons or [])}
            if reasons & {"ConditionalCheckFailed", "TransactionConflict"}:
                raise Conflict("Delegasi berubah bersamaan; muat ulang lalu coba lagi.", code="CONFLICT") from None
            raise
