"""Career records (riwayat, SPEC §8, seed 001): sertifikasi/kursus, penghargaan and tim kerja, verified by HR.

Each record follows the manual's steps: the data, a PDF (at most 1 MB), a summary the employee confirms with
the declaration "Saya menyatakan bahwa data yang saya input benar", then it is submitted ("Belum disetujui")
and HR of the employee's SKPD (or BKD) approves ("Disetujui") or rejects it ("Ditolak"). HR may revoke an
approval with a reason ("Batal disetujui"), which sends it back to the employee for correction. The employee
edits (and so submits again) or withdraws a record while it is not approved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from .accounts import forbid_self_decision
from .errors import BusinessRule, Conflict, ValidationError, not_one_of
from .identity import validate_text
from .messages import indonesian_date
from .reports import HistoryEntry, parse_day
from .uploads import PDF, FileRule

#: the PDF of a record: at most 1 MB (seed 001: "Maksimum ukuran file adalah 1MB")
RECORD_FILE = FileRule(1024 * 1024, PDF, fallback_name="dokumen")
DECLARATION = "Saya menyatakan bahwa data yang saya input benar"
#: seed 001: "Standar maksimum pelaksanaan kegiatan pengembangan kompetensi dalam satu hari adalah 8 jam pelajaran"
MAX_JP_PER_DAY = 8
MAX_HOURS = 2000
MAX_NOTE = 1000
MAX_URL = 2048
FIRST_AWARD_YEAR = 1945


class RecordKind(StrEnum):
    SERTIFIKASI = "SERTIFIKASI"
    PENGHARGAAN = "PENGHARGAAN"
    TIM_KERJA = "TIM_KERJA"


KIND_LABELS = {
    RecordKind.SERTIFIKASI: "Riwayat Sertifikasi",
    RecordKind.PENGHARGAAN: "Riwayat Penghargaan",
    RecordKind.TIM_KERJA: "Tim Kerja",
}
#: where each kind's fields travel in a request and an answer
DETAIL_FIELD = {RecordKind.SERTIFIKASI: "certification", RecordKind.PENGHARGAAN: "award", RecordKind.TIM_KERJA: "team"}
#: kinds whose record needs the PDF (a tim kerja proves itself by its evidence URL; a PDF is optional)
NEEDS_FILE = (RecordKind.SERTIFIKASI, RecordKind.PENGHARGAAN)


class RecordStatus(StrEnum):
    SUBMITTED = "SUBMITTED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    REVOKED = "REVOKED"
    WITHDRAWN = "WITHDRAWN"


STATUS_LABELS = {
    RecordStatus.SUBMITTED: "Belum disetujui",
    RecordStatus.APPROVED: "Disetujui",
    RecordStatus.REJECTED: "Ditolak",
    RecordStatus.REVOKED: "Batal disetujui",
    RecordStatus.WITHDRAWN: "Ditarik",
}
#: statuses the lists show (a withdrawn record leaves every list)
LISTED = (RecordStatus.SUBMITTED, RecordStatus.APPROVED, RecordStatus.REJECTED, RecordStatus.REVOKED)
#: statuses in which the employee may still edit (and so submit again) or withdraw
EDITABLE = (RecordStatus.SUBMITTED, RecordStatus.REJECTED, RecordStatus.REVOKED)


class CertificationType(StrEnum):
    KURSUS = "KURSUS"
    SERTIFIKASI = "SERTIFIKASI"


class AwardScale(StrEnum):
    UNIT_KERJA = "UNIT_KERJA"
    KABUPATEN_KOTA = "KABUPATEN_KOTA"
    PROVINSI = "PROVINSI"
    NASIONAL = "NASIONAL"
    INTERNASIONAL = "INTERNASIONAL"


class AwardGroup(StrEnum):
    PENGHARGAAN_LAINNYA = "PENGHARGAAN_LAINNYA"
    TANDA_KEHORMATAN = "TANDA_KEHORMATAN"


class AwardType(StrEnum):
    ASN_TELADAN = "ASN_TELADAN"
    ASN_BERPRESTASI = "ASN_BERPRESTASI"
    ASN_INSPIRATIF = "ASN_INSPIRATIF"
    ASN_INOVATIF = "ASN_INOVATIF"
    ASN_TERBAIK = "ASN_TERBAIK"
    SATYA_LENCANA = "SATYA_LENCANA"
    LAINNYA = "LAINNYA"


class TeamScope(StrEnum):
    INTERNAL_INSTANSI = "INTERNAL_INSTANSI"
    LINTAS_INSTANSI = "LINTAS_INSTANSI"


class TeamPosition(StrEnum):
    KETUA = "KETUA"
    ANGGOTA = "ANGGOTA"


LABELS: dict[StrEnum, str] = {
    CertificationType.KURSUS: "Kursus",
    CertificationType.SERTIFIKASI: "Sertifikasi",
    AwardScale.UNIT_KERJA: "Unit Kerja / Instansi",
    AwardScale.KABUPATEN_KOTA: "Kabupaten / Kota",
    AwardScale.PROVINSI: "Provinsi",
    AwardScale.NASIONAL: "Nasional",
    AwardScale.INTERNASIONAL: "Internasional",
    AwardGroup.PENGHARGAAN_LAINNYA: "Penghargaan Lainnya",
    AwardGroup.TANDA_KEHORMATAN: "Tanda Kehormatan",
    AwardType.ASN_TELADAN: "ASN Teladan",
    AwardType.ASN_BERPRESTASI: "ASN Berprestasi",
    AwardType.ASN_INSPIRATIF: "ASN Inspiratif",
    AwardType.ASN_INOVATIF: "ASN Inovatif",
    AwardType.ASN_TERBAIK: "ASN Terbaik",
    AwardType.SATYA_LENCANA: "Satya Lencana",
    AwardType.LAINNYA: "Lainnya",
    TeamScope.INTERNAL_INSTANSI: "Internal Perangkat Daerah",
    TeamScope.LINTAS_INSTANSI: "Lintas Perangkat Daerah",
    TeamPosition.KETUA: "Ketua",
    TeamPosition.ANGGOTA: "Anggota",
}


# -- the data of each kind --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Certification:
    """Riwayat sertifikasi: a course (KURSUS) or a competency certificate (SERTIFIKASI)."""

    type: CertificationType
    classification: str
    name: str
    number: str
    institution: str
    start_date: date | None = None  # the activity's first day (KURSUS: required)
    end_date: date | None = None  # the activity's last day (KURSUS: required)
    hours: int | None = None  # lesson hours, JP (KURSUS: required)
    course_type: str | None = None  # KURSUS: jenis kursus (sosialisasi, workshop, …)
    certificate_date: date | None = None  # SERTIFIKASI: tanggal sertifikat
    valid_from: date | None = None  # SERTIFIKASI: masa berlaku
    valid_until: date | None = None
    title_front: str | None = None  # SERTIFIKASI: gelar depan / belakang, when the certificate gives one
    title_back: str | None = None


@dataclass(frozen=True)
class Award:
    """Riwayat penghargaan."""

    scale: AwardScale
    group: AwardGroup
    type: AwardType
    year: int
    sk_number: str
    sk_date: date
    name: str | None = None  # the award's own name (required for type LAINNYA)


@dataclass(frozen=True)
class Team:
    """Tim kerja / penugasan, proven by an evidence URL (the SK in a shared drive)."""

    sk_date: date
    sk_valid: bool
    team_name: str
    scope: TeamScope
    position: TeamPosition
    evidence_url: str
    activity_code: str = ""  # generated when the record is first submitted, never by the client


Details = Certification | Award | Team
_DETAIL_CLASS: dict[RecordKind, type] = {
    RecordKind.SERTIFIKASI: Certification,
    RecordKind.PENGHARGAAN: Award,
    RecordKind.TIM_KERJA: Team,
}


@dataclass(frozen=True)
class RecordFile:
    """The record's PDF, checked by its content after the upload."""

    file_id: str
    key: str
    filename: str
    content_type: str
    size: int


@dataclass(frozen=True)
class CareerRecord:
    record_id: str
    nip: str
    skpd_id: str  # the SKPD and satker the employee belonged to when they last submitted it
    satker_id: str
    kind: RecordKind
    details: Details
    status: RecordStatus
    created_at: datetime
    submitted_at: datetime
    declared_at: datetime
    document: RecordFile | None = None
    decided_by: str | None = None  # the last HR action: approval, rejection or revocation
    decided_at: datetime | None = None
    note: str | None = None  # why it was rejected or revoked
    history: tuple[HistoryEntry, ...] = ()
    version: int = 0

    @property
    def status_since(self) -> datetime:
        """When the record entered its status (lists are ordered by it)."""
        if self.status is RecordStatus.SUBMITTED or self.decided_at is None:
            return self.submitted_at
        return self.decided_at


# -- parsing ------------------------------------------------------------------------------------------------


def parse_kind(value: object) -> RecordKind:
    try:
        return RecordKind(str(value).upper())
    except ValueError:
        raise not_one_of("kind", list(RecordKind), "Jenis riwayat", "INVALID_RECORD_KIND") from None


def parse_status(value: object) -> RecordStatus:
    try:
        status = RecordStatus(str(value).upper())
    except ValueError:
        status = None
    if status not in LISTED:
        raise not_one_of("status", list(LISTED), "Status riwayat", "INVALID_STATUS")
    return status


def parse_details(kind: RecordKind, data: Mapping[str, object], *, today: date) -> Details:
    """The data of a record of ``kind`` (the fields of its manual), checked against its rules."""
    reader = _Reader(DETAIL_FIELD[kind], data)
    if kind is RecordKind.SERTIFIKASI:
        return _certification(reader, today)
    if kind is RecordKind.PENGHARGAAN:
        return _award(reader, today)
    return _team(reader, today)


def _certification(r: _Reader, today: date) -> Certification:
    kind = r.enum("type", CertificationType, "INVALID_CERTIFICATION_TYPE", "Jenis sertifikasi")
    common = {
        "type": kind,
        "classification": r.text("classification", 200),
        "name": r.text("name", 300),
        "number": r.text("number", 100),
        "institution": r.text("institution", 300),
    }
    if kind is CertificationType.KURSUS:
        start, end = r.day("start_date"), r.day("end_date")
        hours = r.whole("hours", 1, MAX_HOURS)
        details = Certification(
            **common,
            start_date=start,
            end_date=end,
            hours=hours,
            course_type=r.text("course_type", 100, required=False),
        )
    else:
        valid_from, valid_until = r.day("valid_from"), r.day("valid_until")
        _check_order(valid_from, valid_until, r.path("valid_until"), "Masa berlaku selesai")
        hours = r.whole("hours", 1, MAX_HOURS, required=False)
        needs_days = hours is not None
        start = r.day("start_date", required=needs_days or r.get("end_date") is not None)
        end = r.day("end_date", required=needs_days or start is not None)
        details = Certification(
            **common,
            start_date=start,
            end_date=end,
            hours=hours,
            certificate_date=_not_future(r.day("certificate_date"), today, r.path("certificate_date")),
            valid_from=valid_from,
            valid_until=valid_until,
            title_front=r.text("title_front", 50, required=False),
            title_back=r.text("title_back", 50, required=False),
        )
    if details.start_date is not None and details.end_date is not None:
        _check_order(details.start_date, details.end_date, r.path("end_date"), "Tanggal berakhir")
        _not_future(details.end_date, today, r.path("end_date"))
        if details.hours is not None:
            check_lesson_hours(details.hours, details.start_date, details.end_date, field=r.path("hours"))
    return details


def _award(r: _Reader, today: date) -> Award:
    award = Award(
        scale=r.enum("scale", AwardScale, "INVALID_AWARD_SCALE", "Skala penghargaan"),
        group=r.enum("group", AwardGroup, "INVALID_AWARD_GROUP", "Kelompok penghargaan"),
        type=r.enum("type", AwardType, "INVALID_AWARD_TYPE", "Jenis penghargaan"),
        year=r.whole("year", FIRST_AWARD_YEAR, today.year, code="INVALID_YEAR", what="Tahun perolehan"),
        sk_number=r.text("sk_number", 100),
        sk_date=_not_future(r.day("sk_date"), today, r.path("sk_date")),
        name=r.text("name", 300, required=str(r.get("type")).upper() == AwardType.LAINNYA.value),
    )
    check_award_group(award, field=r.path("group"))
    return award


def _team(r: _Reader, today: date) -> Team:
    sk_valid = r.get("sk_valid")
    if not isinstance(sk_valid, bool):
        raise r.missing("sk_valid") if sk_valid is None else r.wrong_type("sk_valid", "boolean")
    return Team(
        sk_date=_not_future(r.day("sk_date"), today, r.path("sk_date")),
        sk_valid=sk_valid,
        team_name=r.text("team_name", 300),
        scope=r.enum("scope", TeamScope, "INVALID_TEAM_SCOPE", "Ruang lingkup"),
        position=r.enum("position", TeamPosition, "INVALID_TEAM_POSITION", "Kedudukan"),
        evidence_url=validate_url(r.get("evidence_url"), r.path("evidence_url")),
    )


class _Reader:
    """Reads one kind's fields; every refusal names the field as ``<kind field>.<name>``."""

    def __init__(self, prefix: str, data: Mapping[str, object]) -> None:
        self._prefix, self._data = prefix, data

    def path(self, name: str) -> str:
        return f"{self._prefix}.{name}"

    def get(self, name: str) -> object:
        value = self._data.get(name)
        return None if value == "" else value

    def missing(self, name: str) -> ValidationError:
        return ValidationError(
            f"Kolom '{self.path(name)}' wajib diisi.", code="REQUIRED", details={"field": self.path(name)}
        )

    def wrong_type(self, name: str, what: str) -> ValidationError:
        return ValidationError(
            f"Kolom '{self.path(name)}' harus berupa {what}.", code="INVALID_TYPE", details={"field": self.path(name)}
        )

    def text(self, name: str, max_len: int, *, required: bool = True) -> Any:
        value = validate_text(self.get(name), self.path(name), max_len=max_len, required=required)
        return value or None

    def day(self, name: str, *, required: bool = True) -> Any:
        value = self.get(name)
        if value is None:
            if required:
                raise self.missing(name)
            return None
        return value if isinstance(value, date) else parse_day(value, self.path(name))

    def whole(
        self, name: str, low: int, high: int, *, required: bool = True, code: str = "INVALID_HOURS", what: str = ""
    ) -> Any:
        value = self.get(name)
        if value is None:
            if required:
                raise self.missing(name)
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.wrong_type(name, "bilangan bulat")
        if not low <= value <= high:
            label = what or "Jumlah jam pelajaran"
            raise ValidationError(f"{label} harus {low}-{high}.", code=code, details={"field": self.path(name)})
        return value

    def enum(self, name: str, kind: type[StrEnum], code: str, what: str) -> Any:
        value = self.get(name)
        if value is None:
            raise self.missing(name)
        try:
            return kind(str(value).upper())
        except ValueError:
            raise not_one_of(self.path(name), list(kind), what, code) from None


def _check_order(first: date, last: date, field_name: str, what: str) -> None:
    if last < first:
        raise ValidationError(
            f"{what} tidak boleh sebelum tanggal mulainya.", code="INVALID_DATE_RANGE", details={"field": field_name}
        )


def _not_future(day: date, today: date, field_name: str) -> date:
    if day > today:
        raise BusinessRule(
            "Tanggal riwayat tidak boleh melewati hari ini.", code="DATE_IN_FUTURE", details={"field": field_name}
        )
    return day


# -- rules --------------------------------------------------------------------------------------------------


def max_lesson_hours(start: date, end: date) -> int:
    """At most 8 JP for each day of the activity, its first and last day included."""
    return MAX_JP_PER_DAY * ((end - start).days + 1)


def check_lesson_hours(hours: int, start: date, end: date, *, field: str = "certification.hours") -> None:
    """A competency activity counts at most 8 lesson hours (JP) a day; the refusal says the maximum for its dates."""
    maximum = max_lesson_hours(start, end)
    if hours <= maximum:
        return
    days = (end - start).days + 1
    when = (
        f"tanggal {indonesian_date(start)}"
        if days == 1
        else f"tanggal {indonesian_date(start)} s.d. {indonesian_date(end)} ({days} hari)"
    )
    raise BusinessRule(
        f"Jam pelajaran melebihi batas: untuk kegiatan {when} paling banyak {maximum} JP "
        f"({MAX_JP_PER_DAY} JP per hari).",
        code="LESSON_HOURS_EXCEEDED",
        details={"field": field, "max_hours": maximum, "days": days, "per_day": MAX_JP_PER_DAY},
    )


def check_award_group(award: Award, *, field: str = "award.group") -> None:
    """Seed 001: every award is "Penghargaan Lainnya", except Satya Lencana: a tanda kehormatan of national scale."""
    satya = award.type is AwardType.SATYA_LENCANA
    if satya and (award.group is not AwardGroup.TANDA_KEHORMATAN or award.scale is not AwardScale.NASIONAL):
        raise BusinessRule(
            "Satya Lencana dicatat pada kelompok Tanda Kehormatan dengan skala Nasional.",
            code="AWARD_GROUP_MISMATCH",
            details={"field": field},
        )
    if not satya and award.group is AwardGroup.TANDA_KEHORMATAN:
        raise BusinessRule(
            "Kelompok Tanda Kehormatan hanya untuk Satya Lencana; penghargaan lain masuk Penghargaan Lainnya.",
            code="AWARD_GROUP_MISMATCH",
            details={"field": field},
        )


def validate_url(value: object, field_name: str = "team.evidence_url") -> str:
    """An http(s) link a verifier can open: a scheme, a host name with a dot (or an address), no spaces."""
    text = validate_text(value, field_name, max_len=MAX_URL)
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        parts, host, port_ok = None, "", False
    if parts is None or parts.scheme.lower() not in ("http", "https") or "." not in host or not port_ok:
        raise ValidationError(
            "URL bukti dukung harus alamat http:// atau https:// yang lengkap, misalnya https://drive.google.com/….",
            code="INVALID_URL",
            details={"field": field_name},
        )
    if any(c.isspace() for c in text) or host.startswith(".") or host.endswith(".") or ".." in host:
        raise ValidationError("URL bukti dukung tidak valid.", code="INVALID_URL", details={"field": field_name})
    return text


def check_declaration(declaration: object) -> None:
    """The summary step: the employee ticks the declaration before anything is submitted."""
    if declaration is not True:
        raise BusinessRule(
            f'Centang pernyataan "{DECLARATION}" sebelum mengirim.',
            code="DECLARATION_REQUIRED",
            details={"field": "declaration"},
        )


def check_file(kind: RecordKind, document: RecordFile | None) -> None:
    if document is None and kind in NEEDS_FILE:
        raise ValidationError(
            f"{KIND_LABELS[kind]} wajib dilengkapi dokumen PDF (unggah dulu, lalu kirim tanda unggahnya).",
            code="DOCUMENT_REQUIRED",
            details={"field": "upload_token"},
        )


def activity_code(year: int, number: int) -> str:
    """The code of a tim kerja record ("Kode Kegiatan"): readable and unique, e.g. ``TK/2026/000123``."""
    return f"TK/{year}/{number:06d}"


def activity_series(year: int) -> str:
    return f"TIM_KERJA/{year}"


def require_editable(record: CareerRecord) -> None:
    """The employee changes a record only while it is not approved (nor withdrawn)."""
    if record.status not in EDITABLE:
        raise Conflict(
            f"Riwayat berstatus {STATUS_LABELS[record.status]} dan tidak dapat diubah.",
            code="RECORD_LOCKED",
            details={"status": record.status.value},
        )


def parse_note(value: object, field_name: str, *, required: bool, what: str) -> str | None:
    text = validate_text(value, field_name, max_len=MAX_NOTE, required=False) or None
    if required and not text:
        raise ValidationError(f"{what} wajib disertai catatan.", code="NOTE_REQUIRED", details={"field": field_name})
    return text


def parse_decision(decision: object, note: object) -> tuple[RecordStatus, str | None]:
    """APPROVED, or REJECTED with a note."""
    try:
        status = RecordStatus(str(decision).upper())
    except ValueError:
        status = None
    if status not in (RecordStatus.APPROVED, RecordStatus.REJECTED):
        raise not_one_of("decision", ["APPROVED", "REJECTED"], "Keputusan", "INVALID_DECISION")
    return status, parse_note(note, "note", required=status is RecordStatus.REJECTED, what="Penolakan")


def decide(record: CareerRecord, status: RecordStatus, *, by: str, at: datetime, note: str | None) -> CareerRecord:
    """HR approves or rejects a submitted record; never their own."""
    forbid_self_decision(by, record.nip)
    if record.status is not RecordStatus.SUBMITTED:
        raise Conflict(
            f"Riwayat berstatus {STATUS_LABELS[record.status]}; hanya yang belum disetujui dapat diverifikasi.",
            code="RECORD_NOT_PENDING",
            details={"status": record.status.value},
        )
    changes: dict[str, list[Any]] = {"status": [record.status.value, status.value]}
    if note:
        changes["note"] = [record.note, note]
    entry = HistoryEntry(at, by, status.value, changes)
    return _with(record, entry, status=status, decided_by=by, decided_at=at, note=note)


def revoke(record: CareerRecord, *, by: str, at: datetime, reason: str) -> CareerRecord:
    """ "Batal disetujui": HR takes an approval back with a reason; the employee corrects and submits again."""
    forbid_self_decision(by, record.nip)
    if record.status is not RecordStatus.APPROVED:
        raise Conflict(
            f"Riwayat berstatus {STATUS_LABELS[record.status]}; hanya yang disetujui dapat dibatalkan.",
            code="RECORD_NOT_APPROVED",
            details={"status": record.status.value},
        )
    entry = HistoryEntry(at, by, "REVOKED", {"status": [record.status.value, "REVOKED"], "note": [record.note, reason]})
    return _with(record, entry, status=RecordStatus.REVOKED, decided_by=by, decided_at=at, note=reason)


def resubmit(
    record: CareerRecord,
    details: Details,
    document: RecordFile | None,
    *,
    by: str,
    at: datetime,
    unit: tuple[str, str],
) -> CareerRecord:
    """An edit by the employee: the corrected data is declared and submitted again ("Belum disetujui")."""
    require_editable(record)
    changes = diff_details(record.details, details)
    if document is not None and (record.document is None or document.file_id != record.document.file_id):
        changes["document"] = [record.document.filename if record.document else None, document.filename]
    if record.status is not RecordStatus.SUBMITTED:
        changes["status"] = [record.status.value, RecordStatus.SUBMITTED.value]
    entry = HistoryEntry(at, by, "EDITED", changes)
    return _with(
        record,
        entry,
        details=details,
        document=document if document is not None else record.document,
        status=RecordStatus.SUBMITTED,
        submitted_at=at,
        declared_at=at,
        skpd_id=unit[0],
        satker_id=unit[1],
    )


def withdraw(record: CareerRecord, *, by: str, at: datetime) -> CareerRecord:
    require_editable(record)
    entry = HistoryEntry(at, by, "WITHDRAWN", {"status": [record.status.value, RecordStatus.WITHDRAWN.value]})
    return _with(record, entry, status=RecordStatus.WITHDRAWN)


def _with(record: CareerRecord, entry: HistoryEntry, **updates: Any) -> CareerRecord:
    return replace(record, history=(*record.history, entry), **updates)


# -- views --------------------------------------------------------------------------------------------------


def details_dict(details: Details) -> dict[str, Any]:
    """The fields as JSON (dates ``YYYY-MM-DD``, enums by value)."""
    return {f.name: _plain(getattr(details, f.name)) for f in fields(details)}


def details_from_dict(kind: RecordKind, data: Mapping[str, Any]) -> Details:
    """Stored fields back into their class (no rules: they were checked when written)."""
    cls = _DETAIL_CLASS[kind]
    values: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        kind_of = _FIELD_TYPES.get(f.name)
        if value is not None and kind_of is date:
            value = date.fromisoformat(value)
        elif value is not None and f.name in _ENUM_FIELDS.get(cls, {}):
            value = _ENUM_FIELDS[cls][f.name](value)
        elif value is not None and f.name in ("hours", "year"):
            value = int(value)
        values[f.name] = value
    return cls(**values)


_FIELD_TYPES = {
    name: date for name in ("start_date", "end_date", "certificate_date", "valid_from", "valid_until", "sk_date")
}
_ENUM_FIELDS: dict[type, dict[str, type[StrEnum]]] = {
    Certification: {"type": CertificationType},
    Award: {"scale": AwardScale, "group": AwardGroup, "type": AwardType},
    Team: {"scope": TeamScope, "position": TeamPosition},
}


def diff_details(old: Details, new: Details) -> dict[str, list[Any]]:
    before, after = details_dict(old), details_dict(new)
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def summary(kind: RecordKind, details: Details, document: RecordFile | None = None) -> list[tuple[str, str]]:
    """The manual's "Ringkasan": what the employee confirms with the declaration, labelled in Bahasa Indonesia."""
    rows: list[tuple[str, Any]]
    if isinstance(details, Certification):
        kursus = details.type is CertificationType.KURSUS
        word = "Kursus" if kursus else "Sertifikasi"
        rows = [
            ("Jenis Sertifikasi", LABELS[details.type]),
            ("Jenis Kursus", details.course_type if kursus else None),
            (f"Klasifikasi {word}", details.classification),
            (f"Nama {word}", details.name),
            ("Nomor Sertifikat", details.number),
            ("Tanggal Sertifikat", details.certificate_date),
            ("Tanggal Mulai", details.start_date),
            ("Tanggal Berakhir", details.end_date),
            ("Tahun Kursus", str(details.start_date.year) if kursus and details.start_date else None),
            ("Durasi (JP)", f"{details.hours} JP" if details.hours else None),
            ("Masa Berlaku Mulai", details.valid_from),
            ("Masa Berlaku Selesai", details.valid_until),
            ("Gelar Depan", details.title_front),
            ("Gelar Belakang", details.title_back),
            ("Institusi Penyelenggara" if kursus else "Lembaga Sertifikasi", details.institution),
        ]
    elif isinstance(details, Award):
        rows = [
            ("Skala Penghargaan", LABELS[details.scale]),
            ("Kelompok Penghargaan", LABELS[details.group]),
            ("Jenis Penghargaan", LABELS[details.type]),
            ("Nama Penghargaan", details.name),
            ("Tahun Perolehan", str(details.year)),
            ("Nomor Surat Keputusan", details.sk_number),
            ("Tanggal Surat Keputusan", details.sk_date),
        ]
    else:
        rows = [
            ("Tanggal Surat Keputusan / Surat Perintah", details.sk_date),
            ("Keterangan SK", "Berlaku" if details.sk_valid else "Tidak Berlaku"),
            ("Kode Kegiatan", details.activity_code or "(dibuat otomatis saat dikirim)"),
            ("Nama Tim Kerja / Penugasan", details.team_name),
            ("Ruang Lingkup", LABELS[details.scope]),
            ("Kedudukan", LABELS[details.position]),
            ("URL Bukti Dukung", details.evidence_url),
        ]
    if document is not None:
        rows.append(("Dokumen", document.filename))
    elif kind in NEEDS_FILE:
        rows.append(("Dokumen", "(belum diunggah)"))
    return [(label, indonesian_date(v) if isinstance(v, date) else v) for label, v in rows if v is not None]


def subject(details: Details) -> str:
    """What a record is about, in a message: the course or certificate, the award, or the team."""
    if isinstance(details, Certification):
        return details.name
    if isinstance(details, Award):
        return f"{details.name or LABELS[details.type]} ({details.year})"
    return details.team_name


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    return value


def file_dict(document: RecordFile) -> dict[str, Any]:
    return asdict(document)
