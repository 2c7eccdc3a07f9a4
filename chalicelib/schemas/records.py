"""Career records (riwayat sertifikasi, penghargaan, tim kerja): the PDF upload, the summary, the record, HR's list
and decisions. Shapes only; which fields each kind and type requires is the domain's (`domain/records/`)."""

from __future__ import annotations

from pydantic import Field

from ..domain.records import (
    LISTED,
    MAX_HOURS,
    MAX_URL,
    RECORD_FILE,
    AwardGroup,
    AwardScale,
    AwardType,
    CertificationType,
    RecordKind,
    RecordStatus,
    TeamPosition,
    TeamScope,
)
from .base import Body, Flag, Out, Query, Version, choice, enum_choice, enum_literal, page_limit, text, whole
from .common import Cursor, Day, page_of
from .work import HistoryEntry, UploadForm

_KIND = enum_choice(
    RecordKind,
    code="INVALID_RECORD_KIND",
    description="SERTIFIKASI: riwayat sertifikasi/kursus; PENGHARGAAN: riwayat penghargaan; TIM_KERJA: tim kerja",
)
#: the list's filter: the statuses a list shows (a withdrawn record leaves every list)
_STATUS = enum_choice(RecordStatus, only=LISTED, code="INVALID_STATUS")
RecordKindName = enum_literal(RecordKind)
RecordStatusName = enum_literal(RecordStatus)


# -- what the employee sends ---------------------------------------------------------------------------------


class RecordUploadRequest(Body):
    """The PDF the client is about to upload (at most 1 MB)."""

    filename: text(255, required=True)  # type: ignore[valid-type]
    content_type: choice(*RECORD_FILE.types, code="UNSUPPORTED_FILE_TYPE")  # type: ignore[valid-type]
    size: int = Field(json_schema_extra={"maximum": RECORD_FILE.max_bytes}, description="bytes")


class RecordUpload(Out):
    file_id: str
    upload_token: str = Field(description="send with the record (POST /records or PATCH) after the upload")
    upload: UploadForm
    expires_in: int


class CertificationFields(Body):
    """Riwayat sertifikasi. KURSUS needs start_date, end_date and hours (at most 8 JP a day of the activity);
    SERTIFIKASI needs certificate_date, valid_from and valid_until (hours optional, then with the activity's dates)."""

    type: enum_choice(CertificationType, code="INVALID_CERTIFICATION_TYPE") | None = None  # type: ignore[valid-type]
    classification: text(200) | None = Field(None, description="klasifikasi kursus / sertifikasi")  # type: ignore[valid-type]
    name: text(300) | None = None  # type: ignore[valid-type]
    number: text(100) | None = Field(None, description="nomor sertifikat")  # type: ignore[valid-type]
    institution: text(300) | None = Field(None, description="institusi penyelenggara / lembaga sertifikasi")  # type: ignore[valid-type]
    start_date: Day | None = None
    end_date: Day | None = None
    hours: whole(1, MAX_HOURS, code="INVALID_HOURS", what="Jumlah jam pelajaran") | None = Field(  # type: ignore[valid-type]
        None, description="lesson hours (JP)"
    )
    course_type: text(100) | None = Field(None, description="KURSUS: jenis kursus (sosialisasi, workshop, …)")  # type: ignore[valid-type]
    certificate_date: Day | None = None
    valid_from: Day | None = None
    valid_until: Day | None = None
    title_front: text(50) | None = Field(None, description="SERTIFIKASI: gelar depan")  # type: ignore[valid-type]
    title_back: text(50) | None = Field(None, description="SERTIFIKASI: gelar belakang")  # type: ignore[valid-type]


class AwardFields(Body):
    """Riwayat penghargaan. Satya Lencana: group TANDA_KEHORMATAN, scale NASIONAL; every other type:
    PENGHARGAAN_LAINNYA. LAINNYA needs a name."""

    scale: enum_choice(AwardScale, code="INVALID_AWARD_SCALE") | None = None  # type: ignore[valid-type]
    group: enum_choice(AwardGroup, code="INVALID_AWARD_GROUP") | None = None  # type: ignore[valid-type]
    type: enum_choice(AwardType, code="INVALID_AWARD_TYPE") | None = None  # type: ignore[valid-type]
    name: text(300) | None = Field(None, description="the award's own name; required for LAINNYA")  # type: ignore[valid-type]
    year: whole(1945, 2100, code="INVALID_YEAR", what="Tahun perolehan") | None = None  # type: ignore[valid-type]
    sk_number: text(100) | None = None  # type: ignore[valid-type]
    sk_date: Day | None = None


class TeamFields(Body):
    """Tim kerja / penugasan (the activity code is generated when it is first submitted)."""

    sk_date: Day | None = None
    sk_valid: Flag | None = Field(None, description="true: Berlaku, false: Tidak Berlaku")
    team_name: text(300) | None = None  # type: ignore[valid-type]
    scope: enum_choice(TeamScope, code="INVALID_TEAM_SCOPE") | None = None  # type: ignore[valid-type]
    position: enum_choice(TeamPosition, code="INVALID_TEAM_POSITION") | None = None  # type: ignore[valid-type]
    evidence_url: text(MAX_URL) | None = Field(None, description="http(s) link to the SK, open to verifiers")  # type: ignore[valid-type]


class RecordDraft(Body):
    """A record's data: the object named after its kind (certification, award or team) and the upload slip."""

    kind: _KIND  # type: ignore[valid-type]
    certification: CertificationFields | None = None
    award: AwardFields | None = None
    team: TeamFields | None = None
    upload_token: text(4096) | None = Field(None, description="from POST /records/upload, after the upload")  # type: ignore[valid-type]


class RecordInput(RecordDraft):
    declaration: Flag | None = Field(
        None, description='must be true: "Saya menyatakan bahwa data yang saya input benar"'
    )


class RecordPatch(Body):
    """Changes to a record that is not approved (absent fields keep their value); it is submitted again."""

    certification: CertificationFields | None = None
    award: AwardFields | None = None
    team: TeamFields | None = None
    upload_token: text(4096) | None = Field(None, description="a new PDF replaces the old one")  # type: ignore[valid-type]
    declaration: Flag | None = Field(None, description="must be true")
    version: Version | None = None


class RecordListQuery(Query):
    kind: _KIND | None = None  # type: ignore[valid-type]
    status: _STATUS | None = None  # type: ignore[valid-type]
    cursor: Cursor | None = None  # type: ignore[valid-type]
    limit: page_limit() | None = None  # type: ignore[valid-type]


# -- what the API answers ------------------------------------------------------------------------------------


class CertificationData(Out):
    type: enum_literal(CertificationType)  # type: ignore[valid-type]
    classification: str
    name: str
    number: str
    institution: str
    start_date: str | None
    end_date: str | None
    hours: int | None
    course_type: str | None
    certificate_date: str | None
    valid_from: str | None
    valid_until: str | None
    title_front: str | None
    title_back: str | None


class AwardData(Out):
    scale: enum_literal(AwardScale)  # type: ignore[valid-type]
    group: enum_literal(AwardGroup)  # type: ignore[valid-type]
    type: enum_literal(AwardType)  # type: ignore[valid-type]
    year: int
    sk_number: str
    sk_date: str
    name: str | None


class TeamData(Out):
    sk_date: str
    sk_valid: bool
    team_name: str
    scope: enum_literal(TeamScope)  # type: ignore[valid-type]
    position: enum_literal(TeamPosition)  # type: ignore[valid-type]
    evidence_url: str
    activity_code: str = Field(examples=["TK/2026/000123"], description="empty until first submitted")


class SummaryRow(Out):
    label: str = Field(examples=["Nama Kursus"])
    value: str


class RecordDocument(Out):
    file_id: str
    filename: str = Field(description="safe name ending in .pdf")
    content_type: str
    size: int
    url: str = Field(description="presigned GET, short-lived, Content-Disposition: attachment")


class RecordPreview(Out):
    """The summary (Ringkasan) the employee confirms with the declaration."""

    kind: RecordKindName
    kind_label: str = Field(examples=["Riwayat Sertifikasi"])
    certification: CertificationData | None = None
    award: AwardData | None = None
    team: TeamData | None = None
    summary: list[SummaryRow]
    document: RecordDocument | None
    declaration: str = Field(examples=["Saya menyatakan bahwa data yang saya input benar"])


class CareerRecord(Out):
    record_id: str
    kind: RecordKindName
    kind_label: str
    nip: str
    skpd_id: str
    satker_id: str
    status: RecordStatusName
    status_label: str = Field(examples=["Belum disetujui"])
    certification: CertificationData | None = None
    award: AwardData | None = None
    team: TeamData | None = None
    summary: list[SummaryRow]
    document: RecordDocument | None
    declaration: str
    declared_at: str
    created_at: str
    submitted_at: str
    decided_by: str | None = Field(description="who approved, rejected or revoked it last")
    decided_at: str | None
    note: str | None = Field(description="why it was rejected or its approval revoked")
    history: list[HistoryEntry] | None = Field(None, description="in single-record answers")
    version: int


CareerRecordPage = page_of(CareerRecord, "CareerRecordPage")
