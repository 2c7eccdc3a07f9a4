"""Visitors recorded at the PTSP desk (seed 003 §3, "Metode 2: Datang langsung ke PTSP").

The officer records who came and which information type they asked for; the visitor at once gets a WhatsApp
greeting with that type's requirements and next steps. The record keeps the type's name as it was that day, so
renaming or deactivating a type later does not rewrite the desk's history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from ..errors import ValidationError
from ..reports import check_date_range
from .catalogue import InformationType

VISITOR_NAME_MAX = 120
NOTE_MAX = 1000
#: The longest range one list or Excel covers: a month of desk visitors is read and written in the request.
RANGE_DAYS_MAX = 31

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class DeskRequest:
    """One visitor's information request; ``local_at`` is the desk's wall-clock time (the list's key)."""

    skpd_id: str
    request_id: str
    local_at: datetime  # naive, the officer's zone: what the desk and the Excel show
    recorded_at: datetime  # aware UTC: when it was stored
    visitor_name: str
    whatsapp: str
    type_id: str
    type_name: str
    note: str
    recorded_by: str  # the officer's NIP
    recorded_by_name: str

    @property
    def day(self) -> date:
        return self.local_at.date()


def clean_visitor_name(value: str) -> str:
    name = _SPACES.sub(" ", str(value)).strip()
    if not name:
        raise ValidationError("Nama pemohon wajib diisi.", code="INVALID_VISITOR", details={"field": "name"})
    if len(name) > VISITOR_NAME_MAX:
        raise ValidationError(
            f"Nama pemohon paling banyak {VISITOR_NAME_MAX} karakter.",
            code="INVALID_VISITOR",
            details={"field": "name"},
        )
    return name


def clean_note(value: str | None) -> str:
    note = str(value or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationError(
            f"Catatan paling banyak {NOTE_MAX} karakter.", code="INVALID_VISITOR", details={"field": "note"}
        )
    return note


def check_range(start: date, end: date) -> None:
    """A list or Excel covers ``start``..``end`` inclusive, at most `RANGE_DAYS_MAX` days (400
    ``INVALID_DATE_RANGE``, the check every list with a range shares)."""
    check_date_range(start, end, RANGE_DAYS_MAX)


def greeting(visitor_name: str, office: str, info: InformationType) -> str:
    """The WhatsApp message a visitor gets at once: received, what to bring, what happens next (seed 003 §3)."""
    lines = [
        f"Yth. {visitor_name},",
        f"permohonan informasi Anda di PTSP {office} telah kami terima: *{info.name}*.",
        "",
        "Persyaratan:",
        *(f"{n}. {item}" for n, item in enumerate(info.requirements, start=1)),
        "",
        "Langkah selanjutnya:",
        info.procedure,
        "",
        "Terima kasih.",
    ]
    return "\n".join(lines)
