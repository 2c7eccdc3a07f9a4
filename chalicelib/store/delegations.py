"""Delegations of verification."""

from __future__ import annotations

from datetime import date

from pynamodb.exceptions import DeleteError

from ..domain.delegation import Delegation
from .conditions import condition_failed
from .models import DelegationItem


def _to_delegation(item: DelegationItem) -> Delegation:
    return Delegation(
        delegation_id=item.delegation_id,
        delegator_nip=item.delegator_nip,
        delegate_nip=item.delegate_nip,
        start=date.fromisoformat(item.start_day),
        end=date.fromisoformat(item.end_day),
        reason=item.reason or "",
    )


class DynamoDelegationRepository:
    def add(self, delegation: Delegation) -> Delegation:
        DelegationItem(
            delegator_nip=delegation.delegator_nip,
            delegation_id=delegation.delegation_id,
            delegate_nip=delegation.delegate_nip,
            start_day=delegation.start.isoformat(),
            end_day=delegation.end.isoformat(),
            reason=delegation.reason or None,
        ).save(DelegationItem.delegation_id.does_not_exist())
        return delegation

    def given_by(self, delegator_nip: str) -> list[Delegation]:
        return [_to_delegation(i) for i in DelegationItem.query(delegator_nip, limit=200)]

    def held_by(self, delegate_nip: str, today: date) -> list[Delegation]:
        """Delegations to ``delegate_nip`` that have not ended; callers check ``active_on``."""
        query = DelegationItem.by_delegate.query(delegate_nip, DelegationItem.end_day >= today.isoformat(), limit=200)
        return [_to_delegation(i) for i in query]

    def delete(self, delegator_nip: str, delegation_id: str) -> bool:
        """Remove one; False when it did not exist."""
        try:
            DelegationItem(delegator_nip=delegator_nip, delegation_id=delegation_id).delete(
                DelegationItem.delegation_id.exists()
            )
        except DeleteError as exc:
            if condition_failed(exc):
                return False
            raise
        return True
