"""The document archive (DMS): categories, an employee's archive and score, HR's queue, decisions and lists."""

from __future__ import annotations

from pydantic import Field

from ..domain.accounts import EmploymentStatus
from ..domain.archive import (
    MAX_CATEGORY_DESCRIPTION,
    MAX_CATEGORY_NAME,
    MAX_FILE_KB,
    MAX_ORDER,
    MIN_FILE_KB,
    STORED,
    AppliesTo,
    Condition,
    DocumentStatus,
    FileKinds,
    Group,
)
from .base import (
    Body,
    Flag,
    Out,
    Query,
    VersionParameter,
    choice,
    enum_choice,
    enum_literal,
    page_limit,
    text,
    whole,
    written,
)
from .common import Code, Cursor, RequiredVersion, upload_request
from .work import HistoryEntry, UploadForm

_GROUP = enum_choice(Group, code="INVALID_GROUP", description="arsip utama / arsip kondisional")
_APPLIES = enum_choice(
    AppliesTo,
    code="INVALID_APPLIES_TO",
    description="ALL: everyone; CPNS_PNS/PNS/PPPK: by the account's employment status; else a declared condition",
)
_FILES = enum_choice(FileKinds, code="INVALID_FILE_KINDS", description="PDF only, or PDF/JPEG/PNG")
GroupName = enum_literal(Group)
AppliesName = enum_literal(AppliesTo)
#: a stored document's status (MISSING is a view's only)
DocumentStatusName = enum_literal(DocumentStatus, only=STORED)
StateName = enum_literal(DocumentStatus)
EmploymentName = enum_literal(EmploymentStatus)
ConditionName = enum_literal(Condition)

# -- categories ---------------------------------------------------------------------------------------------


class ArchiveCategoryFields(Body):
    """A category's settings; texts arrive trimmed (a blank name is ``REQUIRED``), null leaves a field as it is."""

    name: written(MAX_CATEGORY_NAME) | None = None  # type: ignore[valid-type]
    group: _GROUP | None = None  # type: ignore[valid-type]
    applies_to: _APPLIES | None = None  # type: ignore[valid-type]
    files: _FILES | None = None  # type: ignore[valid-type]
    max_kb: whole(MIN_FILE_KB, MAX_FILE_KB, code="OUT_OF_RANGE", what="Batas ukuran berkas (KB)") | None = None  # type: ignore[valid-type]
    description: written(MAX_CATEGORY_DESCRIPTION, required=False) | None = None  # type: ignore[valid-type]
    order: whole(0, MAX_ORDER, code="OUT_OF_RANGE", what="Urutan") | None = None  # type: ignore[valid-type]


class ArchiveCategoryInput(ArchiveCategoryFields):
    """A new category: code (upper-cased), name and group required; the rest has the defaults."""

    code: Code = Field(description="A-Z, 0-9 and '-', e.g. SK-CPNS (any case: kept upper-case); never changes")
    name: written(MAX_CATEGORY_NAME)  # type: ignore[valid-type]
    group: _GROUP  # type: ignore[valid-type]


class ArchiveCategoryPatch(ArchiveCategoryFields):
    active: Flag | None = Field(None, description="true restores a retired category")
    version: RequiredVersion = None  # type: ignore[valid-type]


class ArchiveCategoryQuery(Query):
    include_retired: choice("true", "false", code="INVALID_VALUE", description="ADMIN: retired ones too") | None = None  # type: ignore[valid-type]


class ArchiveVersionQuery(Query):
    version: VersionParameter = None  # type: ignore[valid-type]


class ArchiveCategory(Out):
    code: str
    name: str
    group: GroupName
    group_label: str = Field(examples=["Arsip utama"])
    applies_to: AppliesName
    applies_label: str
    files: enum_literal(FileKinds)  # type: ignore[valid-type]
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
    history: list[HistoryEntry] = Field(description="every decision: who, when, the note")
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
    conditions: list[enum_choice(Condition, code="INVALID_CONDITION")] = Field(  # type: ignore[valid-type]
        max_length=3, description="every condition that applies ([]: none)"
    )


ArchiveUploadRequest = upload_request(
    "ArchiveUploadRequest",
    "A document the client is about to upload (at most the category's max_kb).",
    ("application/pdf", "image/jpeg", "image/png"),
)


class ArchiveUpload(Out):
    file_id: str
    upload_token: str = Field(description="send back to .../confirm after the upload")
    upload: UploadForm
    expires_in: int


class ArchiveConfirm(Body):
    upload_token: text(4096, required=True)  # type: ignore[valid-type]


# -- HR -------------------------------------------------------------------------------------------------------


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
