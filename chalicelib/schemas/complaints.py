"""Attendance complaints (pengaduan presensi): the letter upload, the complaint, HR's queue and decisions."""

from __future__ import annotations

from pydantic import Field

from ..domain.attendance import Session as AttendanceSession
from ..domain.complaints import LETTER_RULE, MAX_REASON, ComplaintStatus, ComplaintType
from .base import Body, Out, enum_choice, enum_literal, page_limit, text, written
from .common import Cursor, DateRangeQuery, Day, page_of, upload_request
from .work import HistoryEntry, UploadForm

_TYPE = enum_choice(
    ComplaintType,
    code="INVALID_COMPLAINT_TYPE",
    description="TUGAS_LUAR: official duty outside the office; MESIN_ERROR: the attendance device failed",
)
_SESSION = enum_choice(
    AttendanceSession, code="INVALID_SESSION", description="PAGI: check-in (masuk), SORE: check-out (pulang)"
)
_STATUS = enum_choice(ComplaintStatus, code="INVALID_STATUS")
ComplaintStatusName = enum_literal(ComplaintStatus)


ComplaintLetterRequest = upload_request(
    "ComplaintLetterRequest",
    "The surat tugas the client is about to upload (a PDF of at most 300 KB).",
    LETTER_RULE.types,
    LETTER_RULE.max_bytes,
)


class ComplaintLetterUpload(Out):
    file_id: str
    upload_token: str = Field(description="send with the complaint (POST /complaints) after the upload")
    upload: UploadForm
    expires_in: int


class ComplaintInput(Body):
    """A complaint as the employee files it: every field required; the reason arrives trimmed."""

    type: _TYPE  # type: ignore[valid-type]
    date: Day
    session: _SESSION  # type: ignore[valid-type]
    reason: written(MAX_REASON)  # type: ignore[valid-type]
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
    type: enum_literal(ComplaintType)  # type: ignore[valid-type]
    type_label: str = Field(examples=["Tugas luar"])
    date: str = Field(json_schema_extra={"format": "date"})
    session: enum_literal(AttendanceSession)  # type: ignore[valid-type]
    session_label: str = Field(examples=["pagi (masuk)"])
    reason: str
    status: ComplaintStatusName
    status_label: str = Field(examples=["Diajukan"])
    submitted_at: str
    decided_by: str | None
    decided_at: str | None
    note: str | None
    letter: ComplaintLetter
    history: list[HistoryEntry] = Field(description="every decision: who, when, the note")
    version: int


ComplaintPage = page_of(Complaint, "ComplaintPage")


class ComplaintQuery(DateRangeQuery):
    status: _STATUS | None = None  # type: ignore[valid-type]
    cursor: Cursor | None = None  # type: ignore[valid-type]
    limit: page_limit() | None = None  # type: ignore[valid-type]
