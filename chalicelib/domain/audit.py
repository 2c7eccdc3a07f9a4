"""A person's authority trail: delegations given, received and ended, supervisors set across SKPD, and every
change to what decides someone's approvals or entitlements (issue 16, hole 2).

These are the changes that decide who may approve whose work and what leave someone has, so each is kept in the
history of everyone it concerns: both sides of a delegation, both sides of a supervisor link, and both the person
whose data changed and the officer who changed it (nobody changes their own: `domain.accounts.forbid_own_entitlement`).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from .delegation import Delegation


class AuditKind(StrEnum):
    DELEGATION_GIVEN = "DELEGATION_GIVEN"
    DELEGATION_RECEIVED = "DELEGATION_RECEIVED"
    DELEGATION_ENDED = "DELEGATION_ENDED"
    SUPERVISOR_CROSS_SKPD = "SUPERVISOR_CROSS_SKPD"
    #: in the history of the person whose supervisor, TMT, employment type, roles, opening leave balance or cuti
    #: bersama worked changed
    ENTITLEMENT_CHANGED = "ENTITLEMENT_CHANGED"
    #: in the history of the officer (operator, HR, admin) who made such a change for someone else
    ENTITLEMENT_CHANGE_MADE = "ENTITLEMENT_CHANGE_MADE"


#: what a person reads for each kind (the API's ``kind_label``; the web client's labels come from here)
AUDIT_LABELS = {
    AuditKind.DELEGATION_GIVEN: "Memberi delegasi verifikasi",
    AuditKind.DELEGATION_RECEIVED: "Menerima delegasi verifikasi",
    AuditKind.DELEGATION_ENDED: "Delegasi verifikasi diakhiri",
    AuditKind.SUPERVISOR_CROSS_SKPD: "Atasan dari SKPD lain ditetapkan",
    AuditKind.ENTITLEMENT_CHANGED: "Data penentu hak diubah oleh petugas",
    AuditKind.ENTITLEMENT_CHANGE_MADE: "Mengubah data penentu hak pegawai lain",
}


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
    events = [
        AuditEvent(delegation.delegator_nip, at, given, by, details),
        AuditEvent(delegation.delegate_nip, at, received, by, details),
    ]
    if by not in (delegation.delegator_nip, delegation.delegate_nip) and _is_person(by):
        # the admin delegating for a supervisor: a delegation to someone is theirs to answer for too
        made = {**details, "employee_nip": delegation.delegate_nip, "what": ["delegasi"]}
        events.append(AuditEvent(by, at, AuditKind.ENTITLEMENT_CHANGE_MADE, by, made))
    return events


def entitlement_events(
    employee_nip: str, by: str, at: datetime, changes: Mapping[str, tuple[Any, Any]], words: list[str]
) -> list[AuditEvent]:
    """A change to what decides ``employee_nip``'s approvals or entitlements: one event in their history and one in
    the history of the officer ``by`` who made it (none for the system, e.g. a roster file dropped in by hand).

    ``changes`` maps a field to its (old, new) values, ``words`` names them as the refusal does ("atasan", "TMT").
    """
    details = {
        "employee_nip": employee_nip,
        "what": list(words),
        "changes": {name: [_plain(old), _plain(new)] for name, (old, new) in changes.items()},
    }
    events = [AuditEvent(employee_nip, at, AuditKind.ENTITLEMENT_CHANGED, by, details)]
    if by != employee_nip and _is_person(by):
        events.append(AuditEvent(by, at, AuditKind.ENTITLEMENT_CHANGE_MADE, by, details))
    return events


def _is_person(nip: str) -> bool:
    """Whether ``nip`` names a person (an 18-digit NIP), not the system (``SYSTEM-IMPORT``, ``SYSTEM``)."""
    return len(nip) == 18 and nip.isdigit()


def _plain(value: Any) -> Any:
    """A value as JSON keeps it: a date as ``YYYY-MM-DD``, an enum as its value, a set of roles as a sorted list."""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, frozenset | set):
        return sorted(_plain(v) for v in value)
    return value


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
        "kind_label": AUDIT_LABELS[event.kind],
        "by": event.by,
        "details": dict(event.details),
    }
