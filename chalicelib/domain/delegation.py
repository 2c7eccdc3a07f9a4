"""Delegation of verification: a supervisor lets another employee decide for them over a date range."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .errors import BusinessRule, ValidationError

MAX_DELEGATION_DAYS = 90


@dataclass(frozen=True)
class Delegation:
    delegation_id: str
    delegator_nip: str
    delegate_nip: str
    start: date
    end: date
    reason: str = ""

    def active_on(self, day: date) -> bool:
        return self.start <= day <= self.end


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
