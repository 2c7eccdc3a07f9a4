"""Leave (cuti): requests, the two steps, numbering, balances, HR's lists and settings."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, StrictInt, WithJsonSchema

from ..domain.accounts import EmploymentStatus
from ..domain.identity import version_required
from ..domain.leave import (
    CERTIFICATE,
    MAX_ADDRESS,
    MAX_PHONE,
    MAX_REASON,
    LeaveStatus,
    LeaveType,
    Verdict,
    check_number_format,
    check_phone,
)
from .base import (
    REQUIRED,
    Body,
    Out,
    Query,
    enum_choice,
    enum_literal,
    located,
    page_limit,
    read_text,
    text,
    whole,
    written,
)
from .common import Code, Cursor, DateRangeQuery, Day, Nip, RequiredVersion, page_of, upload_request
from .work import HistoryEntry, UploadForm

__all__ = [
    "CertificateRequest",
    "CertificateUpload",
    "LeaveBalance",
    "LeaveBalanceQuery",
    "LeaveBersamaWorked",
    "LeaveCancel",
    "LeaveExport",
    "LeaveExportRequest",
    "LeaveFile",
    "LeaveInput",
    "LeaveListQuery",
    "LeaveOpening",
    "LeavePage",
    "LeaveRequest",
    "LeaveSettings",
    "LeaveSettingsInput",
    "LeaveSkpdPage",
    "LeaveSkpdQuery",
]


def _settings_version_given(value: int | None) -> int:
    if value is None:
        raise version_required()
    return value


#: the leave settings' version last read (``0``: the SKPD's settings were never saved, as GET answers them):
#: required, absent or null is 400 ``VERSION_REQUIRED``, another type or number the usual refusal
SettingsVersion = Annotated[
    Annotated[StrictInt, Field(ge=0)] | None,
    AfterValidator(located(_settings_version_given)),
    Field(validate_default=True),
    REQUIRED,
    WithJsonSchema(
        {"type": "integer", "minimum": 0, "description": "the version last read (0: never saved; optimistic locking)"}
    ),
]

_TYPE = enum_choice(LeaveType, code="INVALID_LEAVE_TYPE")
_STATUS = enum_choice(LeaveStatus, code="INVALID_STATUS")
TypeName = enum_literal(LeaveType)
StatusName = enum_literal(LeaveStatus)
VerdictName = enum_literal(Verdict)


CertificateRequest = upload_request(
    "CertificateRequest",
    "The doctor's certificate the client is about to upload (a PDF of at most 1 MB).",
    CERTIFICATE.types,
    CERTIFICATE.max_bytes,
)


class CertificateUpload(Out):
    file_id: str
    upload_token: str = Field(description="send as attachment_token with the request (POST /leave)")
    upload: UploadForm
    expires_in: int


class LeaveInput(Body):
    """A request for leave: each field checked (and trimmed) here; the end not before the start, a child order for
    MELAHIRKAN and every rule that needs the calendar or earlier leave are the domain's."""

    type: _TYPE  # type: ignore[valid-type]
    reason: written(MAX_REASON)  # type: ignore[valid-type]
    start_date: Day
    end_date: Day
    address: written(MAX_ADDRESS, description="where the employee can be reached during the leave")  # type: ignore[valid-type]
    phone: read_text(MAX_PHONE, check_phone, required=True, description="telephone during the leave")  # type: ignore[valid-type]
    child_order: whole(1, 20, code="INVALID_CHILD_ORDER", what="Urutan anak") | None = Field(  # type: ignore[valid-type]
        None, description="MELAHIRKAN: which child (1-3 allowed)"
    )
    attachment_token: text(4096, description="SAKIT of more than one day: from POST /leave/certificate") | None = None  # type: ignore[valid-type]


class LeaveCancel(Body):
    reason: (
        read_text(
            500,
            lambda value, _field: value.strip() or None,
            description="required to cancel an approved leave (HR, the official)",
        )
        | None
    ) = None  # type: ignore[valid-type]
    version: RequiredVersion = None  # type: ignore[valid-type]


class LeaveListQuery(Query):
    status: _STATUS | None = None  # type: ignore[valid-type]
    year: text(4, pattern="^[0-9]{4}$") | None = None  # type: ignore[valid-type]
    cursor: Cursor | None = None  # type: ignore[valid-type]
    limit: page_limit() | None = None  # type: ignore[valid-type]


class LeaveBalanceQuery(Query):
    year: text(4, pattern="^[0-9]{4}$") | None = None  # type: ignore[valid-type]


class LeaveSkpdQuery(DateRangeQuery):
    skpd_id: Code | None = None
    from_: Day = Field(alias="from")
    to: Day
    type: _TYPE | None = None  # type: ignore[valid-type]
    status: _STATUS | None = None  # type: ignore[valid-type]
    satker_id: Code | None = None
    cursor: Cursor | None = None  # type: ignore[valid-type]
    limit: page_limit() | None = None  # type: ignore[valid-type]


class LeaveExportRequest(Body):
    skpd_id: Code | None = None
    from_: Day = Field(alias="from")
    to: Day
    type: _TYPE | None = None  # type: ignore[valid-type]
    status: _STATUS | None = None  # type: ignore[valid-type]
    satker_id: Code | None = None


class LeaveSettingsInput(Body):
    official_nip: Nip | None = Field(None, description="who grants leave in this SKPD; null: each supervisor's own")
    number_format: (
        read_text(
            100,
            lambda value, _field: check_number_format(value),
            description="placeholders {seq} (required), {skpd}, {year}, {month}, {month_roman}",
        )
        | None
    ) = None  # type: ignore[valid-type]
    version: SettingsVersion = None  # type: ignore[valid-type]


class LeaveBersamaWorked(Body):
    year: int = Field(description="2021 to this year")
    days: int = Field(description="cuti bersama days of that year worked by duty (0 to the year's cuti bersama)")


class LeaveOpening(Body):
    year: int = Field(description="a year before leave was recorded in Kinerja")
    remaining: int = Field(description="working days left of that year's own annual leave (0-12)")


# -- answers ------------------------------------------------------------------------------------------------


class LeavePerson(Out):
    nip: str
    name: str | None
    jabatan: str | None


class LeaveStepOut(Out):
    decision: VerdictName
    decision_label: str = Field(examples=["Disetujui"])
    by: str
    on_behalf_of: str | None
    by_person: LeavePerson | None = Field(None, description="who took the step: name and jabatan (issue 18)")
    on_behalf_of_person: LeavePerson | None = Field(None, description="for whom a delegate took it")
    at: str
    note: str | None


class LeaveAttachment(Out):
    filename: str
    size: int
    url: str = Field(description="presigned GET, short-lived")


class LeaveBalanceRow(Out):
    year: int
    remaining: int


class LeaveRequest(Out):
    leave_id: str
    nip: str
    skpd_id: str
    satker_id: str
    type: TypeName
    type_label: str = Field(examples=["Cuti Tahunan"])
    reason: str | None = Field(description="null for the numbering officer, who reads what numbering needs")
    start_date: str = Field(json_schema_extra={"format": "date"})
    end_date: str = Field(json_schema_extra={"format": "date"})
    working_days: int
    calendar_days: int
    address: str
    phone: str
    child_order: int | None
    attachment: LeaveAttachment | None
    status: StatusName
    status_label: str = Field(examples=["Menunggu pertimbangan atasan"])
    supervisor_nip: str
    official_nip: str
    supervisor: LeavePerson | None = Field(None, description="who considers: name and jabatan (issue 18)")
    official: LeavePerson | None = Field(None, description="the granting official: name and jabatan")
    applied_at: str
    consideration: LeaveStepOut | None
    decision: LeaveStepOut | None
    letter_number: str | None
    numbered_at: str | None
    numbered_by: str | None
    cancelled_by: str | None
    cancel_reason: str | None
    balance: list[LeaveBalanceRow] = Field(description="annual leave left when applying: N-2, N-1, N")
    letter_available: bool
    employee: LeavePerson | None = Field(None, description="in lists of other people's requests")
    history: list[HistoryEntry] | None = Field(None, description="in single-request answers")
    version: int


LeavePage = page_of(LeaveRequest, "LeavePage")


class LeaveSkpdPage(Out):
    skpd_id: str
    from_: str = Field(alias="from")
    to: str
    items: list[LeaveRequest]
    next_cursor: str | None


class LeaveAnnual(Out):
    entitlement: int = Field(
        description="this year's own days: 12, plus cuti bersama worked by duty (0 in a year of cuti besar)"
    )
    cuti_bersama: int = Field(description="the year's cuti bersama days: days off, never taken from the balance")
    bersama_worked: int = Field(description="cuti bersama days worked by duty (HR's record), added to the 12")
    carried: int
    used: int = Field(description="approved and pending")
    available: int
    years: list[LeaveBalanceRow] = Field(description="N-2, N-1, N as the official form shows them")


class LeaveTaken(Out):
    type: TypeName
    type_label: str
    working_days: int


class LeaveBalance(Out):
    year: int
    employment_status: enum_literal(EmploymentStatus)  # type: ignore[valid-type]
    tmt: str
    annual: LeaveAnnual
    taken: list[LeaveTaken] = Field(description="approved leave of each type started in the year")


class LeaveFile(Out):
    url: str = Field(description="presigned GET, short-lived")
    filename: str
    expires_in: int


class LeaveExport(LeaveFile):
    rows: int


class LeaveSettings(Out):
    skpd_id: str
    official_nip: str | None
    number_format: str
    version: int
