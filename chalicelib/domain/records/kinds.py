"""What a career record is: its kinds and statuses with their labels, the choice lists of each kind's
fields (with the words the manual uses), the fields of each kind, the record and its PDF.

Apart because the schemas, the store, the labels published to the web and every other module here read these
values; they change only when the manual (seed 001) adds a kind, a field or a choice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from ..reports import HistoryEntry
from ..uploads import PDF, FileRule

#: the PDF of a record: at most 1 MB (seed 001: "Maksimum ukuran file adalah 1MB")
RECORD_FILE = FileRule(1024 * 1024, PDF, fallback_name="dokumen")


class RecordKind(StrEnum):
    SERTIFIKASI = "SERTIFIKASI"
    PENGHARGAAN = "PENGHARGAAN"
    TIM_KERJA = "TIM_KERJA"


KIND_LABELS = {
    RecordKind.SERTIFIKASI: "Riwayat sertifikasi",
    RecordKind.PENGHARGAAN: "Riwayat penghargaan",
    RecordKind.TIM_KERJA: "Tim kerja",
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
