"""Reading a leave request's body and a verdict into checked values, field by field.

Apart from the rules because these checks need nothing but the body (no calendar, no earlier leave): a bad
field is refused before any read of the store."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..errors import ValidationError, not_one_of
from ..identity import validate_text
from ..reports import parse_day
from .kinds import Application, LeaveType, Verdict

MAX_REASON, MAX_ADDRESS, MAX_NOTE = 500, 300, 500
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,22}$")


def parse_type(value: object) -> LeaveType:
    try:
        return LeaveType(str(value).upper())
    except ValueError:
        raise not_one_of("type", [t.value for t in LeaveType], "Jenis cuti", "INVALID_LEAVE_TYPE") from None


def parse_verdict(decision: object, note: object) -> tuple[Verdict, str | None]:
    """APPROVED, REJECTED or DEFERRED; a refusal or a deferral needs its reason."""
    try:
        verdict = Verdict(str(decision).upper())
    except ValueError:
        raise not_one_of("decision", [v.value for v in Verdict], "Keputusan", "INVALID_DECISION") from None
    text = validate_text(note, "note", max_len=MAX_NOTE, required=False) or None
    if verdict is not Verdict.APPROVED and not text:
        raise ValidationError(
            "Penolakan atau penangguhan wajib disertai alasan.", code="NOTE_REQUIRED", details={"field": "note"}
        )
    return verdict, text


def parse_phone(value: object) -> str:
    text = validate_text(value, "phone", max_len=24)
    if not _PHONE.match(text):
        raise ValidationError(
            "Nomor telepon selama cuti tidak valid.", code="INVALID_PHONE", details={"field": "phone"}
        )
    return text


def parse_application(data: Mapping[str, object]) -> Application:
    """The request's fields: type, reason, dates, address and phone during the leave, child order (melahirkan)."""
    leave_type = parse_type(data.get("type"))
    start, end = parse_day(data.get("start_date"), "start_date"), parse_day(data.get("end_date"), "end_date")
    if end < start:
        raise ValidationError(
            "Tanggal selesai cuti harus sama dengan atau setelah tanggal mulai.",
            code="INVALID_DATE_RANGE",
            details={"field": "end_date"},
        )
    child = data.get("child_order")
    bad_child = not isinstance(child, int) or isinstance(child, bool) or not 1 <= child <= 20
    if leave_type is LeaveType.MELAHIRKAN and bad_child:
        raise ValidationError(
            "Cuti melahirkan memerlukan urutan kelahiran anak (anak ke-).",
            code="CHILD_ORDER_REQUIRED",
            details={"field": "child_order"},
        )
    return Application(
        leave_type=leave_type,
        reason=validate_text(data.get("reason"), "reason", max_len=MAX_REASON),
        start=start,
        end=end,
        address=validate_text(data.get("address"), "address", max_len=MAX_ADDRESS),
        phone=parse_phone(data.get("phone")),
        child_order=child if leave_type is LeaveType.MELAHIRKAN else None,  # type: ignore[arg-type]
    )
