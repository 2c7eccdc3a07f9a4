"""A person's authority trail: delegations given, received and ended, and supervisors set across SKPD.

These are the changes that decide who may approve whose work, so each is kept in the history of
everyone it concerns (both sides of a delegation, both sides of a supervisor link).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from .delegation import Delegation


class AuditKind(StrEnum):
    DELEGATION_GIVEN = "DELEGATION_GIVEN"
    DELEGATION_RECEIVED = "DELEGATION_RECEIVED"
    DELEGATION_ENDED = "DELEGATION_ENDED"
    SUPERVISOR_CROSS_SKPD = "SUPERVISOR_CROSS_SKPD"


@dataclass(frozen=True)
class AuditEvent:
    nip: str  # whose history it is
    at: datetime
    kind: AuditKind
    by: str  # who made the change
    details: Mapping[str, Any] = field(default_factory=dict)
    event_id: str = field(default_factory=lambda: uuid.uuid4().hex)


def delegation_events(delegation: Delegation, by: str, at: datetime, *, ended: bool = False) -> list[AuditEvent]:
    """One event in the delegator's history and one in the delegate's."""
    details = {
        "delegation_id": delegation.delegation_id,
        "delegator_nip": delegation.delegator_nip,
        "delegate_nip": delegation.delegate_nip,
        "start_date": delegation.start.isoformat(),
        "end_date": delegation.end.isoformat(),
    }
    given, received = (
        (AuditKind.DELEGATION_ENDED, AuditKind.DELEGATION_ENDED)
        if ended
        else (AuditKind.DELEGATION_GIVEN, AuditKind.DELEGATION_RECEIVED)
    )
    return [
        AuditEvent(delegation.delegator_nip, at, given, by, details),
        AuditEvent(delegation.delegate_nip, at, received, by, details),
    ]


def cross_skpd_supervisor_events(
    employee_nip: str, supervisor_nip: str, supervisor_skpd_id: str, by: str, at: datetime
) -> list[AuditEvent]:
    """One event in the employee's history and one in the supervisor's."""
    details = {"employee_nip": employee_nip, "supervisor_nip": supervisor_nip, "supervisor_skpd_id": supervisor_skpd_id}
    return [AuditEvent(nip, at, AuditKind.SUPERVISOR_CROSS_SKPD, by, details) for nip in (employee_nip, supervisor_nip)]


def event_view(event: AuditEvent) -> dict[str, Any]:
    """An event as the history API shows it."""
    return {
        "event_id": event.event_id,
        "at": event.at.isoformat(),
        "kind": event.kind.value,
        "by": event.by,
        "details": dict(event.details),
    }
