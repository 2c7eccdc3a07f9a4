"""Career records (riwayat sertifikasi, penghargaan, tim kerja): the PDF upload, the summary, the record, HR's list
and decisions. Each kind's fields are checked here on their own (those every record of the kind needs are
required); the rules that cross fields or need today's date (which dates a type needs, the JP rule, the award's
group, nothing in the future) are the domain's (`domain/records/details.py`)."""

from __future__ import annotations

import copy
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    StrictStr,
    TypeAdapter,
    WithJsonSchema,
    create_model,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..domain.errors import ValidationError
from ..domain.records import (
    DETAIL_FIELD,
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
    check_declaration,
    validate_url,
)
from .base import (
    REQUIRED,
    Body,
    Flag,
    Out,
    Query,
    enum_choice,
    enum_literal,
    located,
    page_limit,
    required_when,
    text,
    whole,
    written,
)
from .common import Cursor, Day, RequiredVersion, page_of, upload_request
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


def _sent(value: object) -> object:
    if value is None:  # null is no value: refused as if absent
        raise PydanticCustomError("missing", "Field required")
    return value


def must(kind: Any) -> Any:
    """A field every record of the kind needs: documented required; absent or null is ``REQUIRED`` (named
    ``<kind field>.<name>``). In a correction (`_changes`) it may be left out, but null is still refused."""
    return Annotated[
        kind | None,
        AfterValidator(_sent),
        Field(validate_default=True),
        WithJsonSchema(TypeAdapter(kind).json_schema()),
        REQUIRED,
    ]


#: an http(s) link a verifier can open (``INVALID_URL``), trimmed
EvidenceUrl = Annotated[
    StrictStr,
    AfterValidator(located(lambda value: validate_url(value, "team.evidence_url"))),
    WithJsonSchema({"type": "string", "maxLength": MAX_URL, "description": "http:// or https://, e.g. a drive link"}),
]


# -- what the employee sends ---------------------------------------------------------------------------------


RecordUploadRequest = upload_request(
    "RecordUploadRequest",
    "The PDF the client is about to upload (at most 1 MB).",
    RECORD_FILE.types,
    RECORD_FILE.max_bytes,
)


class RecordUpload(Out):
    file_id: str
    upload_token: str = Field(description="send with the record (POST /records or PATCH) after the upload")
    upload: UploadForm
    expires_in: int


class CertificationFields(Body):
    """Riwayat sertifikasi. KURSUS needs start_date, end_date and hours (at most 8 JP a day of the activity);
    SERTIFIKASI needs certificate_date, valid_from and valid_until (hours optional, then with the activity's dates).
    Texts arrive trimmed."""

    model_config = ConfigDict(
        json_schema_extra=required_when(
            "type",
            {
                CertificationType.KURSUS.value: ("start_date", "end_date", "hours"),
                CertificationType.SERTIFIKASI.value: ("certificate_date", "valid_from", "valid_until"),
            },
        )
    )

    type: must(enum_choice(CertificationType, code="INVALID_CERTIFICATION_TYPE")) = None  # type: ignore[valid-type]
    classification: must(written(200)) = Field(None, description="klasifikasi kursus / sertifikasi")  # type: ignore[valid-type]
    name: must(written(300)) = None  # type: ignore[valid-type]
    number: must(written(100)) = Field(None, description="nomor sertifikat")  # type: ignore[valid-type]
    institution: must(written(300)) = Field(  # type: ignore[valid-type]
        None, description="institusi penyelenggara / lembaga sertifikasi"
    )
    start_date: Day | None = None
    end_date: Day | None = None
    hours: whole(1, MAX_HOURS, code="INVALID_HOURS", what="Jumlah jam pelajaran") | None = Field(  # type: ignore[valid-type]
        None, description="lesson hours (JP)"
    )
    course_type: written(100, required=False) | None = Field(  # type: ignore[valid-type]
        None, description="KURSUS: jenis kursus (sosialisasi, workshop, …)"
    )
    certificate_date: Day | None = None
    valid_from: Day | None = None
    valid_until: Day | None = None
    title_front: written(50, required=False) | None = Field(None, description="SERTIFIKASI: gelar depan")  # type: ignore[valid-type]
    title_back: written(50, required=False) | None = Field(None, description="SERTIFIKASI: gelar belakang")  # type: ignore[valid-type]


class AwardFields(Body):
    """Riwayat penghargaan. Satya Lencana: group TANDA_KEHORMATAN, scale NASIONAL; every other type:
    PENGHARGAAN_LAINNYA. LAINNYA needs a name; the year is at most this year, sk_date not in the future."""

    model_config = ConfigDict(json_schema_extra=required_when("type", {AwardType.LAINNYA.value: ("name",)}))

    scale: must(enum_choice(AwardScale, code="INVALID_AWARD_SCALE")) = None  # type: ignore[valid-type]
    group: must(enum_choice(AwardGroup, code="INVALID_AWARD_GROUP")) = None  # type: ignore[valid-type]
    type: must(enum_choice(AwardType, code="INVALID_AWARD_TYPE")) = None  # type: ignore[valid-type]
    name: written(300, required=False) | None = Field(None, description="the award's own name; required for LAINNYA")  # type: ignore[valid-type]
    year: must(whole(1945, 2100, code="INVALID_YEAR", what="Tahun perolehan")) = None  # type: ignore[valid-type]
    sk_number: must(written(100)) = None  # type: ignore[valid-type]
    sk_date: must(Day) = None  # type: ignore[valid-type]


class TeamFields(Body):
    """Tim kerja / penugasan (the activity code is generated when it is first submitted)."""

    sk_date: must(Day) = None  # type: ignore[valid-type]
    sk_valid: must(Flag) = Field(None, description="true: Berlaku, false: Tidak Berlaku")  # type: ignore[valid-type]
    team_name: must(written(300)) = None  # type: ignore[valid-type]
    scope: must(enum_choice(TeamScope, code="INVALID_TEAM_SCOPE")) = None  # type: ignore[valid-type]
    position: must(enum_choice(TeamPosition, code="INVALID_TEAM_POSITION")) = None  # type: ignore[valid-type]
    evidence_url: must(EvidenceUrl) = Field(None, description="http(s) link to the SK, open to verifiers")  # type: ignore[valid-type]


def _changes(model: type[Body], name: str) -> type[Body]:
    """``model``'s fields for a correction: each may be left out (the stored value stays), none is documented
    required; a field the kind always needs is still refused when sent as null."""
    fields: dict[str, Any] = {}
    for field_name, info in model.model_fields.items():
        kept = copy.copy(info)
        kept.validate_default = False
        kept.metadata = [m for m in info.metadata if m is not REQUIRED]
        fields[field_name] = (info.annotation, kept)
    return create_model(  # type: ignore[call-overload, no-any-return]
        name, __base__=Body, __doc__=f"Changes to {model.__name__}: absent fields keep their value.", **fields
    )


CertificationChanges = _changes(CertificationFields, "CertificationChanges")
AwardChanges = _changes(AwardFields, "AwardChanges")
TeamChanges = _changes(TeamFields, "TeamChanges")


def _declared(value: bool | None) -> bool:
    check_declaration(value)  # 422 DECLARATION_REQUIRED unless ticked (a rule of the manual, with its code)
    return True


#: "Saya menyatakan bahwa data yang saya input benar", ticked: documented required; absent, null or false is 422
#: ``DECLARATION_REQUIRED``
Declaration = Annotated[
    Flag | None,
    AfterValidator(located(_declared)),
    Field(validate_default=True),
    WithJsonSchema({"type": "boolean", "const": True, "description": "the ticked declaration: must be true"}),
    REQUIRED,
]


class RecordDraft(Body):
    """A record's data: the object named after its kind (certification, award or team; required for that kind)
    and the upload slip."""

    model_config = ConfigDict(json_schema_extra=required_when("kind", {k.value: (f,) for k, f in DETAIL_FIELD.items()}))

    kind: _KIND  # type: ignore[valid-type]
    certification: CertificationFields | None = None
    award: AwardFields | None = None
    team: TeamFields | None = None
    upload_token: text(4096) | None = Field(None, description="from POST /records/upload, after the upload")  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _kind_fields_sent(self) -> RecordDraft:
        field = DETAIL_FIELD[self.kind]
        if getattr(self, field) is None:
            raise ValidationError(f"Kolom '{field}' wajib diisi.", code="REQUIRED", details={"field": field})
        return self

    def details(self) -> Any:
        """The fields of the record's own kind (the other kinds' objects are ignored)."""
        return getattr(self, DETAIL_FIELD[self.kind])


class RecordInput(RecordDraft):
    declaration: Declaration = None  # type: ignore[valid-type]


class RecordPatch(Body):
    """Changes to a record that is not approved (absent fields keep their value); it is declared and submitted
    again."""

    certification: CertificationChanges | None = None  # type: ignore[valid-type]
    award: AwardChanges | None = None  # type: ignore[valid-type]
    team: TeamChanges | None = None  # type: ignore[valid-type]
    upload_token: text(4096) | None = Field(None, description="a new PDF replaces the old one")  # type: ignore[valid-type]
    declaration: Declaration = None  # type: ignore[valid-type]
    version: RequiredVersion = None  # type: ignore[valid-type]


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
