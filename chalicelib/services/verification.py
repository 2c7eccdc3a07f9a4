"""Use cases of the supervisor besides deciding (which is the one decision mechanism, `services/decisions`):
delegation of verification and the auto-approval sweep."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ..domain.accounts import Actor, Role, forbid_own_entitlement, require_role
from ..domain.attendance import local_now
from ..domain.audit import delegation_events
from ..domain.delegation import (
    Delegation,
    check_delegate_scope,
    check_delegation,
    check_delegator,
    check_no_overlap,
)
from ..domain.errors import Conflict, NotFound
from ..domain.reports import AUTO_APPROVE_AFTER, SYSTEM, ReportStatus, decide, overdue
from ..store.protocols import DelegationRepository, EmployeeRepository, ReportRepository
from .reports import ReportService

if TYPE_CHECKING:
    from ..schemas import DelegationInput

_DELEGATION_RACES = 3


class VerificationService:
    def __init__(
        self,
        reports: ReportService,
        repository: ReportRepository,
        employees: EmployeeRepository,
        delegations: DelegationRepository,
        *,
        clock: Callable[[], datetime],
    ) -> None:
        self._reports, self._repository = reports, repository
        self._employees, self._delegations, self._clock = employees, delegations, clock

    def auto_approve(self, log: Callable[..., None]) -> dict[str, int]:
        """Approve, as SYSTEM, every report still SUBMITTED 7 days after submission, all in this one call (tests
        and tools); the schedule works in bounded pages per shard instead (`services/auto_approval.py`)."""
        now = self._clock()
        approved = skipped = 0
        for report in self._repository.overdue(now - AUTO_APPROVE_AFTER):
            if not overdue(report, now):
                continue
            try:
                self._repository.change_status(report, decide(report, ReportStatus.APPROVED, by=SYSTEM, at=now))
                approved += 1
            except Conflict:  # decided or edited meanwhile: that write wins
                skipped += 1
                log("auto-approval skipped a report changed meanwhile", report_id=report.report_id)
        return {"approved": approved, "skipped": skipped}

    # -- delegation ------------------------------------------------------------------------------

    def delegate(self, actor: Actor, body: DelegationInput) -> dict[str, Any]:
        """A supervisor delegates their verification (the admin may do it for them, also across SKPD)."""
        delegator_nip = actor.nip
        if body.delegator_nip not in (None, actor.nip):
            require_role(actor, Role.ADMIN)
            delegator_nip = body.delegator_nip
        delegate_nip, start, end, reason = body.delegate_nip, body.start_date, body.end_date, body.reason or ""
        check_delegation(delegator_nip, delegate_nip, start, end, self._today(actor))
        forbid_own_entitlement(actor.nip, delegate_nip, "delegasi kepada Anda")  # the admin for another
        delegator, delegate = self._employees.get(delegator_nip), self._employees.get(delegate_nip)
        if delegator is None or delegate is None:
            raise NotFound("Pegawai pemberi atau penerima delegasi tidak terdaftar.", code="EMPLOYEE_NOT_FOUND")
        check_delegator(has_subordinates=self._employees.has_subordinates(delegator_nip))
        check_delegate_scope(delegator.skpd_id, delegate.skpd_id, by_admin=actor.is_admin)
        delegation = Delegation(uuid.uuid4().hex, delegator_nip, delegate_nip, start, end, reason, actor.nip)
        for _ in range(_DELEGATION_RACES):
            existing, revision = self._delegations.snapshot(delegator_nip)
            check_no_overlap(existing, start, end)
            try:
                events = delegation_events(delegation, actor.nip, self._clock())
                return _delegation_view(self._delegations.add(delegation, revision, events))
            except Conflict:  # another delegation of this supervisor landed meanwhile: check again
                continue
        raise Conflict("Delegasi sedang diubah bersamaan; coba lagi.", code="CONFLICT")

    def delegations(self, actor: Actor) -> dict[str, Any]:
        today = self._today(actor)
        return {
            "given": [_delegation_view(d) for d in self._delegations.given_by(actor.nip)],
            "held": [_delegation_view(d) for d in self._delegations.held_by(actor.nip, today)],
        }

    def revoke(self, actor: Actor, delegation_id: str) -> None:
        """End a delegation now; both people's history records it."""
        delegation = self._delegations.get(actor.nip, delegation_id)
        if delegation is None:
            raise NotFound("Delegasi tidak ditemukan.", code="DELEGATION_NOT_FOUND")
        self._delegations.delete(delegation, delegation_events(delegation, actor.nip, self._clock(), ended=True))

    # -- helpers ---------------------------------------------------------------------------------

    def _today(self, actor: Actor) -> date:
        return local_now(self._clock(), actor.timezone.iana).date()


def _delegation_view(delegation: Delegation) -> dict[str, Any]:
    return {
        "delegation_id": delegation.delegation_id,
        "delegator_nip": delegation.delegator_nip,
        "delegate_nip": delegation.delegate_nip,
        "start_date": delegation.start.isoformat(),
        "end_date": delegation.end.isoformat(),
        "reason": delegation.reason,
        "created_by": delegation.created_by,
    }
