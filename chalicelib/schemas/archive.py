"""The document archive (DMS): categories, an employee's archive and score, HR's queue, decisions and lists."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..domain.archive import MAX_CATEGORY_DESCRIPTION, MAX_CATEGORY_NAME, MAX_FILE_KB, MAX_NOTE, MAX_ORDER, MIN_FILE_KB
from .base import Body, Flag, Out, Query, Version, choice, page_limit, text, whole
from .common import Code, Cursor, Nip
from .work import UploadForm

_GROUP = choice("UTAMA", "KONDISIONAL", code="INVALID_GROUP", description="arsip utama / arsip kondisional")
_APPLIES = choice(
    "ALL",
    "CPNS_PNS",
    "PNS",
    "PPPK",
    "MENIKAH",
    "MEMILIKI_ANAK",
    "TUGAS_BELAJAR",
    code="INVALID_APPLIES_TO",
    description="ALL: everyone; CPNS_PNS/PNS/PPPK: by the account's employment status; else a declared condition",
)
_FILES = choice("PDF", "PDF_IMAGE", code="INVALID_FILE_KINDS", description="PDF only, or PDF/JPEG/PNG")
_DECISION = choice("APPROVED", "REJECTED", code="INVALID_DECISION")
GroupName = Literal["UTAMA", "KONDISIONAL"]
AppliesName = Literal["ALL", "CPNS_PNS", "PNS", "PPPK", "MENIKAH", "MEMILIKI_ANAK", "TUGAS_BELAJAR"]
DocumentStatusName = Literal["SUBMITTED", "APPROVED", "REJECTED"]
StateName = Literal["MISSING", "SUBMITTED", "APPROVED", "REJECTED"]
EmploymentName = Literal["PNS", "CPNS", "PPPK"]
ConditionName = Literal["MENIKAH", "MEMILIKI_ANAK", "TUGAS_BELAJAR"]

# -- categories ---------------------------------------------------------------------------------------------


class ArchiveCategoryFields(Body):
    name: text(MAX_CATEGORY_NAME) | None = None  # type: ignore[valid-type]
    group: _GROUP | None = None  # type: ignore[valid-type]
    applies_to: _APPLIES | None = None  # type: ignore[valid-type]
    files: _FILES | None = None  # type: ignore[valid-type]
    max_kb: whole(MIN_FILE_KB, MAX_FILE_KB, code="OUT_OF_RANGE", what="Batas ukuran berkas (KB)") | None = None  # type: ignore[valid-type]
    description: text(MAX_CATEGORY_DESCRIPTION) | None = None  # type: ignore[valid-type]
    order: whole(0, MAX_ORDER, code="OUT_OF_RANGE", what="Urutan") | None = None  # type: ignore[valid-type]


class ArchiveCategoryInput(ArchiveCategoryFields):
    code: Code = Field(description="A-Z, 0-9 and '-', e.g. SK-CPNS; never changes")
    name: text(MAX_CATEGORY_NAME, required=True)  # type: ignore[valid-type]
    group: _GROUP  # type: ignore[valid-type]


class ArchiveCategoryPatch(ArchiveCategoryFields):
    active: Flag | None = Field(None, description="true restores a retired category")
    version: Version | None = None


class ArchiveCategoryQuery(Query):
    include_retired: choice("true", "false", code="INVALID_VALUE", description="ADMIN: retired ones too") | None = None  # type: ignore[valid-type]


class ArchiveVersionQuery(Query):
    version: text(12, description="the version last read") | None = None  # type: ignore[valid-type]


class ArchiveCategory(Out):
    code: str
    name: str
    group: GroupName
    group_label: str = Field(examples=["Arsip utama"])
    applies_to: AppliesName
    applies_label: str
    files: Literal["PDF", "PDF_IMAGE"]
    content_types: list[str]
    max_kb: int
    size_label: str = Field(examples=["1 MB"])
    description: str
    order: int
    active: bool
    version: int


class ArchiveCategoryList(Out):
    items: list[ArchiveCategory]


# -- an employee's archive ------------------------------------------------------------------------------------


class ArchiveDocument(Out):
    category: str
    filename: str = Field(description="safe name whose extension matches the checked content")
    content_type: str
    size: int
    uploaded_at: str
    status: DocumentStatusName
    status_label: str = Field(examples=["Menunggu verifikasi"])
    decided_by: str | None
    decided_at: str | None
    note: str | None
    url: str = Field(description="presigned GET, a few minutes, Content-Disposition: attachment")
    expires_in: int
    version: int


class ArchiveCategoryState(ArchiveCategory):
    required: bool = Field(description="the category applies to this employee (counts in the score)")
    status: StateName
    status_label: str = Field(examples=["Belum diunggah"])
    document: ArchiveDocument | None


class ArchiveGroup(Out):
    group: GroupName
    label: str
    required: int
    verified: int
    categories: list[ArchiveCategoryState]


class EmployeeArchive(Out):
    nip: str
    name: str
    jabatan: str
    skpd_id: str
    satker_id: str
    employment: EmploymentName = Field(description="the account's employment status (unknown: PNS)")
    conditions: list[ConditionName]
    score: int = Field(ge=0, le=100, description="verified ÷ required × 100, rounded down")
    label: str = Field(examples=["Sangat lengkap"])
    required: int
    verified: int
    groups: list[ArchiveGroup]


class ArchiveProfileInput(Body):
    conditions: list[choice("MENIKAH", "MEMILIKI_ANAK", "TUGAS_BELAJAR", code="INVALID_CONDITION")] = Field(  # type: ignore[valid-type]
        max_length=3, description="every condition that applies ([]: none)"
    )


class ArchiveUploadRequest(Body):
    filename: text(255, required=True)  # type: ignore[valid-type]
    content_type: choice("application/pdf", "image/jpeg", "image/png", code="UNSUPPORTED_FILE_TYPE")  # type: ignore[valid-type]
    size: int = Field(description="bytes; at most the category's max_kb")


class ArchiveUpload(Out):
    file_id: str
    upload_token: str = Field(description="send back to .../confirm after the upload")
    upload: UploadForm
    expires_in: int


class ArchiveConfirm(Body):
    upload_token: text(4096, required=True)  # type: ignore[valid-type]


# -- HR -------------------------------------------------------------------------------------------------------


class ArchiveDecision(Body):
    decision: _DECISION  # type: ignore[valid-type]
    note: text(MAX_NOTE, description="required to reject") | None = None  # type: ignore[valid-type]
    version: Version | None = None


class ArchiveBulkItem(Body):
    nip: Nip
    category: Code
    version: Version | None = None


class ArchiveBulkDecision(Body):
    decision: _DECISION  # type: ignore[valid-type]
    note: text(MAX_NOTE, description="required to reject") | None = None  # type: ignore[valid-type]
    items: list[ArchiveBulkItem] = Field(min_length=1, max_length=100)


class ArchiveBulkOutcome(Out):
    nip: str
    category: str
    status: Literal["APPROVED", "REJECTED", "ERROR"]
    code: str | None = None
    message: str | None = None
    version: int | None = None


class ArchiveBulkResult(Out):
    decided: int
    failed: int
    results: list[ArchiveBulkOutcome]


class ArchiveQueueQuery(Query):
    status: choice("SUBMITTED", "APPROVED", "REJECTED", code="INVALID_STATUS") | None = None  # type: ignore[valid-type]
    skpd_id: Code | None = Field(None, description="BKD/ADMIN: one SKPD (KEPEGAWAIAN: only their own)")
    satker_id: Code | None = None
    category: Code | None = None
    cursor: Cursor | None = None  # type: ignore[valid-type]
    limit: page_limit() | None = None  # type: ignore[valid-type]


class ArchiveQueuedEmployee(Out):
    nip: str
    name: str | None
    jabatan: str | None


class ArchiveQueueItem(ArchiveDocument):
    nip: str
    category_name: str
    skpd_id: str
    satker_id: str
    employee: ArchiveQueuedEmployee


class ArchiveQueue(Out):
    status: DocumentStatusName
    items: list[ArchiveQueueItem]
    next_cursor: str | None


class ArchiveCompletenessQuery(Query):
    skpd_id: Code | None = Field(None, description="default: the caller's SKPD")
    satker_id: Code
    cursor: Cursor | None = None  # type: ignore[valid-type]
    limit: page_limit() | None = None  # type: ignore[valid-type]


class ArchiveMissing(Out):
    code: str
    name: str
    status: StateName
    status_label: str


class ArchiveCompletenessRow(Out):
    nip: str
    name: str
    jabatan: str
    employment: EmploymentName
    score: int
    label: str
    required: int
    verified: int
    missing: list[ArchiveMissing] = Field(description="required categories without a verified document")


class ArchiveCompleteness(Out):
    skpd_id: str
    satker_id: str
    satker_name: str
    items: list[ArchiveCompletenessRow]
    next_cursor: str | None


class ArchiveExportRequest(Body):
    skpd_id: Code | None = Field(None, description="default: the caller's SKPD")
    satker_id: Code
