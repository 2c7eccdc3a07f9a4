"""Delegation of verification: a supervisor lets another employee decide for them over a date range.

Rules: only someone with subordinates delegates; at most one delegate per supervisor on any day (an
overlapping delegation is refused, so the supervisor ends the old one first: nobody's authority is
replaced silently); the delegate works in the same SKPD unless the admin sets the delegation up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .errors import BusinessRule, Conflict, Forbidden, ValidationError
from .messages import date_span

MAX_DELEGATION_DAYS = 90


@dataclass(frozen=True)
class Delegation:
    delegation_id: str
    delegator_nip: str
    delegate_nip: str
    start: date
    end: date
    reason: str = ""
    created_by: str = ""

    def active_on(self, day: date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, start: date, end: date) -> bool:
        return self.start <= end and start <= self.end


def check_delegation(delegator_nip: str, delegate_nip: str, start: date, end: date, today: date) -> None:
    """A range of at most 90 days, not ending in the past, to someone else."""
    if delegate_nip == delegator_nip:
        raise ValidationError("Verifikasi tidak dapat didelegasikan kepada diri sendiri.", code="INVALID_DELEGATE")
    if end < start:
        raise ValidationError(
            "Tanggal selesai harus sama dengan atau setelah tanggal mulai.", code="INVALID_DATE_RANGE"
        )
    if end < today:
        raise BusinessRule("Delegasi tidak dapat berakhir di masa lalu.", code="DELEGATION_IN_PAST")
    if end - start > timedelta(days=MAX_DELEGATION_DAYS - 1):
        raise BusinessRule(f"Delegasi paling lama {MAX_DELEGATION_DAYS} hari.", code="DELEGATION_TOO_LONG")


def check_delegator(*, has_subordinates: bool) -> None:
    if not has_subordinates:
        raise Forbidden(
            "Hanya pegawai yang memiliki bawahan yang dapat mendelegasikan verifikasi.", code="NOT_A_SUPERVISOR"
        )


def check_delegate_scope(delegator_skpd: str, delegate_skpd: str, *, by_admin: bool) -> None:
    """The delegate works in the delegator's SKPD, unless the admin sets the delegation up."""
    if delegator_skpd != delegate_skpd and not by_admin:
        raise Forbidden(
            "Penerima delegasi harus pegawai SKPD yang sama; delegasi lintas SKPD hanya dapat dibuat oleh admin.",
            code="DELEGATE_OTHER_SKPD",
            details={"field": "delegate_nip"},
        )


def check_no_overlap(existing: Iterable[Delegation], start: date, end: date) -> None:
    """One delegate per supervisor per day: a new range may not touch an existing one."""
    clash = next((d for d in existing if d.overlaps(start, end)), None)
    if clash is not None:
        raise Conflict(
            f"Sudah ada delegasi kepada {clash.delegate_nip} untuk {date_span(clash.start, clash.end)}; "
            "akhiri delegasi itu terlebih dahulu.",
            code="DELEGATION_OVERLAP",
            details={
                "delegation_id": clash.delegation_id,
                "start_date": clash.start.isoformat(),
                "end_date": clash.end.isoformat(),
            },
        )
