"""A leave request's own fields: the limits of its texts and the form of its phone number, which the request
model (`schemas.leave.LeaveInput`) checks at the edge with these values, once; and the two rules across its
fields, which the service applies when it builds the `Application` from that model.

Apart from the rules because none of this needs the calendar, earlier leave or the employee: a bad request is
refused before any read of the store."""

from __future__ import annotations

import re
from datetime import date

from ..errors import ValidationError
from ..identity import validate_text
from ..uploads import PDF, FileRule
from .kinds import Application, LeaveType

MAX_REASON, MAX_ADDRESS, MAX_PHONE = 500, 300, 24
#: the doctor's certificate of a sick leave: one PDF of at most 1 MB
CERTIFICATE = FileRule(1024 * 1024, PDF, "surat-keterangan-dokter")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,22}$")


def check_phone(value: str, field: str = "phone") -> str:
    """The telephone during the leave as people write it (``0812-3456-7890``, ``+62 812 …``), trimmed; blank is
    ``REQUIRED``, anything else that is not a number ``INVALID_PHONE``."""
    text = validate_text(value, field, max_len=MAX_PHONE)
    if not _PHONE.match(text):
        raise ValidationError("Nomor telepon selama cuti tidak valid.", code="INVALID_PHONE", details={"field": field})
    return text


def new_application(
    leave_type: LeaveType,
    reason: str,
    start: date,
    end: date,
    address: str,
    phone: str,
    child_order: int | None = None,
) -> Application:
    """The request as the rules read it, once its fields agree: the end is not before the start, and a cuti
    melahirkan names which child it is for (kept for that type only: another type has no child order)."""
    if end < start:
        raise ValidationError(
            "Tanggal selesai cuti harus sama dengan atau setelah tanggal mulai.",
            code="INVALID_DATE_RANGE",
            details={"field": "end_date"},
        )
    if leave_type is LeaveType.MELAHIRKAN and child_order is None:
        raise ValidationError(
            "Cuti melahirkan memerlukan urutan kelahiran anak (anak ke-).",
            code="CHILD_ORDER_REQUIRED",
            details={"field": "child_order"},
        )
    return Application(
        leave_type=leave_type,
        reason=reason,
        start=start,
        end=end,
        address=address,
        phone=phone,
        child_order=child_order if leave_type is LeaveType.MELAHIRKAN else None,
    )
