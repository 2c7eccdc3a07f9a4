"""Leave (cuti): requests, the two steps, numbering, balances, HR's lists and settings."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from ..domain.leave import MAX_ADDRESS, MAX_NOTE, MAX_REASON, LeaveStatus, LeaveType
from .base import Body, Out, Query, Version, choice, page_limit, text, whole
from .common import Code, Cursor, Day, Nip, page_of
from .work import UploadForm

__all__ = [
    "CertificateRequest",
    "CertificateUpload",
    "LeaveActionForm",
    "LeaveBalance",
    "LeaveBalanceQuery",
    "LeaveCancel",
    "LeaveExport",
    "LeaveExportRequest",
    "LeaveFile",
    "LeaveInput",
    "LeaveListQuery",
    "LeaveNumberInput",
    "LeaveNumberingPage",
    "LeaveNumberingQuery",
    "LeaveOpening",
    "LeavePage",
    "LeaveQueue",
    "LeaveQueueQuery",
    "LeaveRequest",
    "LeaveSettings",
    "LeaveSettingsInput",
    "LeaveSkpdPage",
    "LeaveSkpdQuery",
    "LeaveStep",
]

_TYPES = [t.value for t in LeaveType]
_STATUSES = [s.value for s in LeaveStatus]
TypeName = Literal["TAHUNAN", "BESAR", "SAKIT", "MELAHIRKAN", "ALASAN_PENTING", "CLTN"]
StatusName = Literal["PENDING_CONSIDERATION", "PENDING_DECISION", "APPROVED", "REJECTED", "DEFERRED", "CANCELLED"]
VerdictName = Literal["APPROVED", "REJECTED", "DEFERRED"]


class CertificateRequest(Body):
    """The doctor's certificate the client is about to upload (a PDF of at most 1 MB)."""

    filename: text(255, required=True)  # type: ignore[valid-type]
    content_type: choice("application/pdf", code="UNSUPPORTED_FILE_TYPE")  # type: ignore[valid-type]
    size: int = Field(json_schema_extra={"maximum": 1024 * 1024}, description="bytes")


class CertificateUpload(Out):
    file_id: str
    upload_token: str = Field(description="send as attachment_token with the request (POST /leave)")
    upload: UploadForm
    expires_in: int


class LeaveInput(Body):
    type: choice(*_TYPES, code="INVALID_LEAVE_TYPE")  # type: ignore[valid-type]
    reason: text(MAX_REASON, required=True)  # type: ignore[valid-type]
    start_date: Day
    end_date: Day
    address: text(MAX_ADDRESS, required=True, description="where the employee can be reached during the leave")  # type: ignore[valid-type]
    phone: text(24, required=True, description="telephone during the leave")  # type: ignore[valid-type]
    child_order: whole(1, 20, code="INVALID_CHILD_ORDER", what="Urutan anak") | None = Field(  # type: ignore[valid-type]
        None, description="MELAHIRKAN: which child (1-3 allowed)"
    )
    attachment_token: text(4096, description="SAKIT of more than one day: from POST /leave/certificate") | None = None  # type: ignore[valid-type]


class LeaveStep(Body):
    """A consideration (the supervisor) or a decision (the official)."""

    decision: choice("APPROVED", "REJECTED", "DEFERRED", code="INVALID_DECISION")  # type: ignore[valid-type]
    note: text(MAX_NOTE, description="required to refuse or defer") | None = None  # type: ignore[valid-type]
    version: Version


class LeaveActionForm(Body):
    """The confirmation page's form of an e-mailed leave link (text from a browser form)."""

    model_config = Body.model_config | {"strict": False}

    note: text(MAX_NOTE, description="required to refuse or defer") | None = None  # type: ignore[valid-type]


class LeaveNumberInput(Body):
    """Optional: the version read, so a request changed since is not numbered unseen."""

    version: Version | None = None


class LeaveCancel(Body):
    reason: text(500, description="required to cancel an approved leave (HR, the official)") | None = None  # type: ignore[valid-type]
    version: Version


class LeaveListQuery(Query):
    status: choice(*_STATUSES, code="INVALID_STATUS") | None = None  # type: ignore[valid-type]
    year: text(4, pattern="^[0-9]{4}$") | None = None  # type: ignore[valid-type]
    cursor: Cursor | None = None  # type: ignore[valid-type]
    limit: page_limit() | None = None  # type: ignore[valid-type]


class LeaveBalanceQuery(Query):
    year: text(4, pattern="^[0-9]{4}$") | None = None  # type: ignore[valid-type]


class LeaveQueueQuery(Query):
    stage: choice("consideration", "decision", code="INVALID_STAGE") | None = None  # type: ignore[valid-type]
    for_: Nip | None = Field(None, alias="for", description="the supervisor or official who delegated to the caller")
    cursor: Cursor | None = None  # type: ignore[valid-type]
    limit: page_limit() | None = None  # type: ignore[valid-type]


class LeaveNumberingQuery(Query):
    skpd_id: Code | None = None
    cursor: Cursor | None = None  # type: ignore[valid-type]
    limit: page_limit() | None = None  # type: ignore[valid-type]


class LeaveSkpdQuery(Query):
    skpd_id: Code | None = None
    from_: Day = Field(alias="from")
    to: Day
    type: choice(*_TYPES, code="INVALID_LEAVE_TYPE") | None = None  # type: ignore[valid-type]
    status: choice(*_STATUSES, code="INVALID_STATUS") | None = None  # type: ignore[valid-type]
    satker_id: Code | None = None
    cursor: Cursor | None = None  # type: ignore[valid-type]
    limit: page_limit() | None = None  # type: ignore[valid-type]


class LeaveExportRequest(Body):
    skpd_id: Code | None = None
    from_: Day = Field(alias="from")
    to: Day
    type: choice(*_TYPES, code="INVALID_LEAVE_TYPE") | None = None  # type: ignore[valid-type]
    status: choice(*_STATUSES, code="INVALID_STATUS") | None = None  # type: ignore[valid-type]
    satker_id: Code | None = None


class LeaveSettingsInput(Body):
    official_nip: Nip | None = Field(None, description="who grants leave in this SKPD; null: each supervisor's own")
    number_format: (
        text(100, description="placeholders {seq} (required), {skpd}, {year}, {month}, {month_roman}") | None
    ) = None  # type: ignore[valid-type]
    version: Version | None = None


class LeaveOpening(Body):
    year: int = Field(description="a year before leave was recorded in Kinerja")
    remaining: int = Field(description="working days left of that year's own annual leave (0-12)")


# -- answers ------------------------------------------------------------------------------------------------


class LeaveStepOut(Out):
    decision: VerdictName
    decision_label: str = Field(examples=["Disetujui"])
    by: str
    on_behalf_of: str | None
    at: str
    note: str | None


class LeaveAttachment(Out):
    filename: str
    size: int
    url: str = Field(description="presigned GET, short-lived")


class LeaveBalanceRow(Out):
    year: int
    remaining: int


class LeavePerson(Out):
    nip: str
    name: str | None
    jabatan: str | None


class LeaveRequest(Out):
    leave_id: str
    nip: str
    skpd_id: str
    satker_id: str
    type: TypeName
    type_label: str = Field(examples=["Cuti Tahunan"])
    reason: str
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
    history: list[dict[str, Any]] | None = Field(None, description="in single-request answers")
    version: int


LeavePage = page_of(LeaveRequest, "LeavePage")


class LeaveQueue(Out):
    stage: Literal["consideration", "decision"]
    for_nip: str
    count: int
    items: list[LeaveRequest]
    next_cursor: str | None


class LeaveNumberingPage(Out):
    skpd_id: str
    count: int
    items: list[LeaveRequest]
    next_cursor: str | None


class LeaveSkpdPage(Out):
    skpd_id: str
    from_: str = Field(alias="from")
    to: str
    items: list[LeaveRequest]
    next_cursor: str | None


class LeaveAnnual(Out):
    entitlement: int = Field(description="this year's own days: 12 less cuti bersama (0 in a year of cuti besar)")
    cuti_bersama: int
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
    employment_status: Literal["PNS", "CPNS", "PPPK"]
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
