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
    #: in the history of the HR officer who closed a satker's month (issue 20: its figures are then frozen)
    MONTH_CLOSED = "MONTH_CLOSED"
    #: in the history of the employee one of whose frozen figures was corrected, and of the officer who did it
    RECAP_CORRECTED = "RECAP_CORRECTED"
    RECAP_CORRECTION_MADE = "RECAP_CORRECTION_MADE"
    #: in the history of the HR officer who changed an SKPD's check-in rules (issue 20: e.g. device binding off)
    CHECKIN_RULES_CHANGED = "CHECKIN_RULES_CHANGED"
    #: in the history of the HR officer who changed an SKPD's discipline rules (the TL/PSW bands and deductions)
    DISCIPLINE_RULES_CHANGED = "DISCIPLINE_RULES_CHANGED"


#: what a person reads for each kind (the API's ``kind_label``; the web client's labels come from here)
AUDIT_LABELS = {
    AuditKind.DELEGATION_GIVEN: "Memberi delegasi verifikasi",
    AuditKind.DELEGATION_RECEIVED: "Menerima delegasi verifikasi",
    AuditKind.DELEGATION_ENDED: "Delegasi verifikasi diakhiri",
    AuditKind.SUPERVISOR_CROSS_SKPD: "Atasan dari SKPD lain ditetapkan",
    AuditKind.ENTITLEMENT_CHANGED: "Data penentu hak diubah oleh petugas",
    AuditKind.ENTITLEMENT_CHANGE_MADE: "Mengubah data penentu hak pegawai lain",
    AuditKind.MONTH_CLOSED: "Menutup rekap disiplin bulanan satker",
    AuditKind.RECAP_CORRECTED: "Rekap disiplin bulanan dikoreksi oleh petugas",
    AuditKind.RECAP_CORRECTION_MADE: "Mengoreksi rekap disiplin bulanan pegawai lain",
    AuditKind.CHECKIN_RULES_CHANGED: "Mengubah aturan presensi SKPD",
    AuditKind.DISCIPLINE_RULES_CHANGED: "Mengubah aturan potongan disiplin SKPD",
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


def month_closed_events(
    by: str, at: datetime, *, skpd_id: str, satker_id: str, month: str, rows: int
) -> list[AuditEvent]:
    """A satker's month closed (issue 20): one event in the closer's history."""
    details = {"skpd_id": skpd_id, "satker_id": satker_id, "month": month, "rows": rows}
    return [AuditEvent(by, at, AuditKind.MONTH_CLOSED, by, details)]


def recap_correction_events(employee_nip: str, by: str, at: datetime, details: Mapping[str, Any]) -> list[AuditEvent]:
    """A frozen figure of ``employee_nip`` corrected (issue 20): in their history and in the officer's (``details``:
    where, which figure, old and new, why)."""
    plain = {"employee_nip": employee_nip, **{k: _plain(v) for k, v in details.items()}}
    return [
        AuditEvent(employee_nip, at, AuditKind.RECAP_CORRECTED, by, plain),
        AuditEvent(by, at, AuditKind.RECAP_CORRECTION_MADE, by, plain),
    ]


def skpd_rules_events(
    kind: AuditKind, by: str, at: datetime, *, skpd_id: str, before: Mapping[str, Any], after: Mapping[str, Any]
) -> list[AuditEvent]:
    """An SKPD's check-in or discipline rules changed (issue 20): one event in the officer's history with each
    changed field's old and new value (``before``/``after``: the rules as the API shows them, the defaults when
    none were stored). They decide whether check-ins are bound to devices and what lateness costs, so switching
    device binding off, say, is answerable to someone; a save that changed nothing records nothing."""
    changes = {name: [_plain(before.get(name)), _plain(new)] for name, new in after.items() if before.get(name) != new}
    if not changes:
        return []
    return [AuditEvent(by, at, kind, by, {"skpd_id": skpd_id, "changes": changes})]


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
