"""Attendance complaints (pengaduan presensi): the letter upload, the complaint, HR's queue and decisions."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictStr

from ..domain.complaints import LETTER_RULE, MAX_NOTE, MAX_REASON
from .base import Body, Out, Query, Version, choice, page_limit, text
from .common import Code, Cursor, Day, page_of
from .work import UploadForm

_TYPE = choice(
    "TUGAS_LUAR",
    "MESIN_ERROR",
    code="INVALID_COMPLAINT_TYPE",
    description="TUGAS_LUAR: official duty outside the office; MESIN_ERROR: the attendance device failed",
)
_SESSION = choice(
    "PAGI", "SORE", code="INVALID_SESSION", description="PAGI: check-in (masuk), SORE: check-out (pulang)"
)
_STATUS = choice("SUBMITTED", "APPROVED", "REJECTED", code="INVALID_STATUS")
_DECISION = choice("APPROVED", "REJECTED", code="INVALID_DECISION")
ComplaintStatusName = Literal["SUBMITTED", "APPROVED", "REJECTED"]


class ComplaintLetterRequest(Body):
    """The surat tugas the client is about to upload (a PDF of at most 300 KB)."""

    filename: text(255, required=True)  # type: ignore[valid-type]
    content_type: choice(*LETTER_RULE.types, code="UNSUPPORTED_FILE_TYPE")  # type: ignore[valid-type]
    size: int = Field(json_schema_extra={"maximum": LETTER_RULE.max_bytes}, description="bytes")


class ComplaintLetterUpload(Out):
    file_id: str
    upload_token: str = Field(description="send with the complaint (POST /complaints) after the upload")
    upload: UploadForm
    expires_in: int


class ComplaintInput(Body):
    type: _TYPE  # type: ignore[valid-type]
    date: Day
    session: _SESSION  # type: ignore[valid-type]
    reason: text(MAX_REASON, required=True)  # type: ignore[valid-type]
    upload_token: text(4096, required=True, description="from POST /complaints/upload, after the upload")  # type: ignore[valid-type]


class ComplaintLetter(Out):
    filename: str = Field(description="safe name ending in .pdf")
    content_type: str
    size: int
    url: str = Field(description="presigned GET, short-lived, Content-Disposition: attachment")


class Complaint(Out):
    complaint_id: str
    reference: str = Field(examples=["ADU/2026/000123"], description="the number to quote when asking after it")
    nip: str
    skpd_id: str
    satker_id: str
    type: Literal["TUGAS_LUAR", "MESIN_ERROR"]
    type_label: str = Field(examples=["Tugas luar"])
    date: str = Field(json_schema_extra={"format": "date"})
    session: Literal["PAGI", "SORE"]
    session_label: str = Field(examples=["pagi (masuk)"])
    reason: str
    status: ComplaintStatusName
    status_label: str = Field(examples=["Diajukan"])
    submitted_at: str
    decided_by: str | None
    decided_at: str | None
    note: str | None
    letter: ComplaintLetter
    version: int


ComplaintPage = page_of(Complaint, "ComplaintPage")


class ComplaintQuery(Query):
    status: _STATUS | None = None  # type: ignore[valid-type]
    from_: Day | None = Field(None, alias="from")
    to: Day | None = None
    cursor: Cursor | None = None  # type: ignore[valid-type]
    limit: page_limit() | None = None  # type: ignore[valid-type]


class ComplaintQueueQuery(Query):
    status: _STATUS | None = Field(None, description="SUBMITTED unless given")  # type: ignore[valid-type]
    skpd_id: Code | None = Field(None, description="BKD and admin: one SKPD (default: every SKPD)")
    satker_id: Code | None = None
    from_: Day | None = Field(None, alias="from")
    to: Day | None = None
    cursor: Cursor | None = None  # type: ignore[valid-type]
    limit: page_limit() | None = None  # type: ignore[valid-type]


class ComplaintEmployee(Out):
    nip: str
    name: str | None
    jabatan: str | None


class QueuedComplaint(Complaint):
    employee: ComplaintEmployee


class ComplaintQueue(Out):
    skpd_id: str | None = Field(description="whose complaints: one SKPD, or null for every SKPD (BKD, admin)")
    waiting: int = Field(description="how many SUBMITTED complaints wait in that scope")
    items: list[QueuedComplaint]
    next_cursor: str | None


class ComplaintDecision(Body):
    decision: _DECISION  # type: ignore[valid-type]
    note: text(MAX_NOTE, description="required to reject") | None = None  # type: ignore[valid-type]
    version: Version | None = None


class ComplaintBulkDecision(Body):
    complaint_ids: list[StrictStr] = Field(min_length=1, max_length=50)
    decision: _DECISION  # type: ignore[valid-type]
    note: text(MAX_NOTE, description="required to reject; the same note for each") | None = None  # type: ignore[valid-type]


class ComplaintBulkOutcome(Out):
    complaint_id: str
    status: Literal["APPROVED", "REJECTED", "ERROR"]
    reference: str | None = None
    version: int | None = None
    code: str | None = None
    message: str | None = None


class ComplaintBulkResult(Out):
    decided: int
    failed: int
    results: list[ComplaintBulkOutcome]
