"""The life of a stored request: who considers and who grants it, then each step (consideration, decision,
cancellation, the letter number, a move to a new supervisor) as a new request with its history entry.

Apart because every status change goes through here, with the same guards (nobody decides their own leave,
the status must allow the step), whichever screen, e-mailed link or job asks for it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from ..accounts import forbid_self_decision
from ..errors import BusinessRule, Conflict, ValidationError
from ..reports import HistoryEntry
from .kinds import PENDING, STATUS_LABELS, LeaveRequest, LeaveStatus, Step, Verdict


def approvers(
    nip: str, supervisor_nip: str | None, supervisors_supervisor: str | None, configured: str | None
) -> tuple[str, str]:
    """(the direct supervisor, the official who grants the leave).

    The official is the SKPD's configured one, else the supervisor's own supervisor, else the supervisor
    (who then decides both steps at once). Nobody is the official of their own leave.
    """
    if not supervisor_nip:
        raise BusinessRule(
            "Anda belum memiliki atasan langsung; hubungi operator SKPD untuk menetapkannya.",
            code="NO_SUPERVISOR",
        )
    official = configured if configured and configured != nip else None
    return supervisor_nip, official or supervisors_supervisor or supervisor_nip


def _require(leave: LeaveRequest, *statuses: LeaveStatus) -> None:
    if leave.status not in statuses:
        raise Conflict(
            f"Permohonan cuti berstatus {STATUS_LABELS[leave.status]}; tindakan ini tidak dapat dilakukan.",
            code="LEAVE_NOT_PENDING" if statuses != (LeaveStatus.APPROVED,) else "LEAVE_NOT_APPROVED",
            details={"status": leave.status.value},
        )


def _with(leave: LeaveRequest, entry: HistoryEntry, **changes: Any) -> LeaveRequest:
    return replace(leave, history=(*leave.history, entry), **changes)


_FINAL = {
    Verdict.APPROVED: LeaveStatus.APPROVED,
    Verdict.REJECTED: LeaveStatus.REJECTED,
    Verdict.DEFERRED: LeaveStatus.DEFERRED,
}


def consider(
    leave: LeaveRequest, verdict: Verdict, *, by: str, at: datetime, note: str | None, on_behalf_of: str | None = None
) -> LeaveRequest:
    """The direct supervisor's consideration. Approval goes on to the official, or is final when the supervisor
    is the official; a refusal or deferral ends the request."""
    forbid_self_decision(by, leave.nip)
    _require(leave, LeaveStatus.PENDING_CONSIDERATION)
    step = Step(verdict, by, at, note, on_behalf_of)
    both = verdict is Verdict.APPROVED and leave.official_nip == leave.supervisor_nip
    status = _FINAL[verdict] if verdict is not Verdict.APPROVED or both else LeaveStatus.PENDING_DECISION
    entry = HistoryEntry(at, by, f"CONSIDERED_{verdict.value}", _status_change(leave.status, status, on_behalf_of))
    return _with(leave, entry, status=status, consideration=step, decision=step if both else None)


def decide(
    leave: LeaveRequest, verdict: Verdict, *, by: str, at: datetime, note: str | None, on_behalf_of: str | None = None
) -> LeaveRequest:
    """The granting official's decision."""
    forbid_self_decision(by, leave.nip)
    _require(leave, LeaveStatus.PENDING_DECISION)
    status = _FINAL[verdict]
    entry = HistoryEntry(at, by, f"DECIDED_{verdict.value}", _status_change(leave.status, status, on_behalf_of))
    return _with(leave, entry, status=status, decision=Step(verdict, by, at, note, on_behalf_of))


def cancel(leave: LeaveRequest, *, by: str, at: datetime, reason: str | None, by_owner: bool) -> LeaveRequest:
    """The employee withdraws a pending request; HR or the official cancels an approved one (with a reason).
    A number once given stays on the request, marked cancelled."""
    if by_owner:
        _require(leave, *PENDING)
    else:
        _require(leave, LeaveStatus.APPROVED)
        if not reason:
            raise ValidationError(
                "Pembatalan cuti yang sudah disetujui wajib disertai alasan.",
                code="NOTE_REQUIRED",
                details={"field": "reason"},
            )
    entry = HistoryEntry(at, by, "CANCELLED", {"status": [leave.status.value, LeaveStatus.CANCELLED.value]})
    return _with(leave, entry, status=LeaveStatus.CANCELLED, cancelled_by=by, cancel_reason=reason)


def give_number(leave: LeaveRequest, number: str, seq: int, *, by: str, at: datetime) -> LeaveRequest:
    """The numbering officer's number on an approved request (never twice, never on one's own)."""
    forbid_self_decision(by, leave.nip)
    _require(leave, LeaveStatus.APPROVED)
    require_unnumbered(leave)
    entry = HistoryEntry(at, by, "NUMBERED", {"letter_number": [None, number]})
    return _with(leave, entry, letter_number=number, letter_seq=seq, numbered_at=at, numbered_by=by)


def require_unnumbered(leave: LeaveRequest) -> None:
    if leave.letter_number:
        raise Conflict(
            f"Surat cuti ini sudah bernomor {leave.letter_number}.",
            code="LEAVE_ALREADY_NUMBERED",
            details={"letter_number": leave.letter_number},
        )


def move_to_supervisor(
    leave: LeaveRequest, supervisor_nip: str, official_nip: str, *, by: str, at: datetime
) -> LeaveRequest:
    """A request waiting for consideration follows the employee to their new supervisor."""
    _require(leave, LeaveStatus.PENDING_CONSIDERATION)
    changes: dict[str, list[Any]] = {"supervisor_nip": [leave.supervisor_nip, supervisor_nip]}
    if official_nip != leave.official_nip:
        changes["official_nip"] = [leave.official_nip, official_nip]
    entry = HistoryEntry(at, by, "SUPERVISOR_CHANGED", changes)
    return _with(leave, entry, supervisor_nip=supervisor_nip, official_nip=official_nip)


def _status_change(old: LeaveStatus, new: LeaveStatus, on_behalf_of: str | None) -> dict[str, list[Any]]:
    changes: dict[str, list[Any]] = {"status": [old.value, new.value]}
    if on_behalf_of:
        changes["on_behalf_of"] = [None, on_behalf_of]
    return changes
