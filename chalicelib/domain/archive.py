"""The document archive (DMS, as in MyASN): categories, who each applies to, documents, and the completeness score.

Categories come in two groups: **arsip utama** (the main archive every employee keeps) and **arsip kondisional**
(kept only when it applies). Whether a category applies to an employee is said by the category's ``applies_to``:

- ``ALL``: every employee;
- ``CPNS_PNS``, ``PNS``, ``PPPK``: by the employment status of the account (`Employee.employment`, kept by the
  operator; unknown counts as PNS): a CPNS has an SK CPNS but no SK PNS yet, a PPPK neither, and only a PPPK
  has an SK PPPK;
- ``MENIKAH``, ``MEMILIKI_ANAK``, ``TUGAS_BELAJAR``: a condition of the employee's archive profile.

The account has no marital or family data, so the archive profile holds the conditions that apply, declared by
the employee and correctable by HR.

One document per employee and category (several children's birth certificates go into one PDF). A document is
``SUBMITTED`` (Menunggu verifikasi) when uploaded, then HR makes it ``APPROVED`` (Terverifikasi) or
``REJECTED`` (Ditolak, with a note). Uploading again replaces the file at any state and waits for
verification again; the owner may withdraw a document that is not verified.

The **completeness score** is ``floor(100 × verified / required)`` over the active categories that apply to the
employee; only verified documents count, documents of categories that do not apply count for nothing, and an
employee to whom nothing applies is complete (100). Labels: 100 "Sangat lengkap", 80-99 "Lengkap",
60-79 "Cukup lengkap", 40-59 "Kurang lengkap", 0-39 "Tidak lengkap". Rounding down means 100 only when
everything is verified.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from .accounts import Actor, Employee, EmploymentStatus, forbid_self_decision, require_hr_over
from .errors import Conflict, Forbidden, ValidationError
from .history import HistoryEntry, decision_entry
from .uploads import IMAGES_AND_PDF, PDF, FileRule

MIN_FILE_KB, MAX_FILE_KB = 50, 5 * 1024
MAX_CATEGORY_NAME, MAX_CATEGORY_DESCRIPTION = 100, 300
MAX_CATEGORIES = 60
MAX_ORDER = 999


class Group(StrEnum):
    UTAMA = "UTAMA"
    KONDISIONAL = "KONDISIONAL"


GROUP_LABELS = {Group.UTAMA: "Arsip utama", Group.KONDISIONAL: "Arsip kondisional"}


class Condition(StrEnum):
    """What an employee declares about themselves for the conditional archive."""

    MENIKAH = "MENIKAH"
    MEMILIKI_ANAK = "MEMILIKI_ANAK"
    TUGAS_BELAJAR = "TUGAS_BELAJAR"


#: what the employee ticks on the archive page (the web takes these from the OpenAPI document's x-labels)
CONDITION_LABELS = {
    Condition.MENIKAH: "Sudah menikah",
    Condition.MEMILIKI_ANAK: "Memiliki anak",
    Condition.TUGAS_BELAJAR: "Sedang tugas belajar",
}


class AppliesTo(StrEnum):
    ALL = "ALL"
    CPNS_PNS = "CPNS_PNS"
    PNS = "PNS"
    PPPK = "PPPK"
    MENIKAH = "MENIKAH"
    MEMILIKI_ANAK = "MEMILIKI_ANAK"
    TUGAS_BELAJAR = "TUGAS_BELAJAR"


APPLIES_LABELS = {
    AppliesTo.ALL: "Semua pegawai",
    AppliesTo.CPNS_PNS: "Pegawai berstatus CPNS atau PNS",
    AppliesTo.PNS: "Pegawai berstatus PNS",
    AppliesTo.PPPK: "Pegawai berstatus PPPK",
    AppliesTo.MENIKAH: "Pegawai yang sudah menikah",
    AppliesTo.MEMILIKI_ANAK: "Pegawai yang memiliki anak",
    AppliesTo.TUGAS_BELAJAR: "Pegawai yang sedang atau pernah tugas belajar",
}


class FileKinds(StrEnum):
    PDF = "PDF"
    PDF_IMAGE = "PDF_IMAGE"


class DocumentStatus(StrEnum):
    MISSING = "MISSING"  # in views only: no document stored
    SUBMITTED = "SUBMITTED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


STATUS_LABELS = {
    DocumentStatus.MISSING: "Belum diunggah",
    DocumentStatus.SUBMITTED: "Menunggu verifikasi",
    DocumentStatus.APPROVED: "Terverifikasi",
    DocumentStatus.REJECTED: "Ditolak",
}
#: statuses a stored document can have
STORED = (DocumentStatus.SUBMITTED, DocumentStatus.APPROVED, DocumentStatus.REJECTED)

#: (lowest score of the band, label), highest first
SCORE_BANDS = (
    (100, "Sangat lengkap"),
    (80, "Lengkap"),
    (60, "Cukup lengkap"),
    (40, "Kurang lengkap"),
    (0, "Tidak lengkap"),
)


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    group: Group
    applies_to: AppliesTo = AppliesTo.ALL
    files: FileKinds = FileKinds.PDF
    max_kb: int = 1024
    description: str = ""
    order: int = 0
    active: bool = True
    version: int = 0

    @property
    def rule(self) -> FileRule:
        """What an upload of this category accepts (checked again on the stored bytes)."""
        types = PDF if self.files is FileKinds.PDF else IMAGES_AND_PDF
        return FileRule(self.max_kb * 1024, dict(types), fallback_name=self.code.lower())


@dataclass(frozen=True)
class ArchiveProfile:
    """What applies to an employee, and the state of each category they stored a document for.

    ``employment`` comes from the account (`with_employment`), never from the stored profile. ``states`` is a
    summary kept in step with the documents (written in the same transaction), so HR's per-satker lists read
    one profile per employee instead of every document.
    """

    nip: str
    employment: EmploymentStatus = EmploymentStatus.PNS
    conditions: frozenset[Condition] = frozenset()
    states: Mapping[str, DocumentStatus] = field(default_factory=dict)


@dataclass(frozen=True)
class Document:
    nip: str
    category: str
    status: DocumentStatus
    key: str
    filename: str
    content_type: str
    size: int
    uploaded_at: datetime
    skpd_id: str
    satker_id: str
    decided_by: str | None = None
    decided_at: datetime | None = None
    note: str | None = None
    history: tuple[HistoryEntry, ...] = ()
    version: int = 0


@dataclass(frozen=True)
class Completeness:
    score: int
    label: str
    required: tuple[str, ...]  # codes of the categories that apply
    verified: tuple[str, ...]  # of those, the ones with a verified document
    missing: tuple[str, ...]  # of those, the ones without a verified document


# -- who a category applies to, and the score ------------------------------------------------------------------


def applies(category: Category, profile: ArchiveProfile) -> bool:
    """Whether ``category`` is required of the employee ``profile`` describes (retired ones never are)."""
    if not category.active:
        return False
    match category.applies_to:
        case AppliesTo.ALL:
            return True
        case AppliesTo.CPNS_PNS:
            return profile.employment in (EmploymentStatus.CPNS, EmploymentStatus.PNS)
        case AppliesTo.PNS:
            return profile.employment is EmploymentStatus.PNS
        case AppliesTo.PPPK:
            return profile.employment is EmploymentStatus.PPPK
        case condition:
            return Condition(condition.value) in profile.conditions


def with_employment(profile: ArchiveProfile, employee: Employee) -> ArchiveProfile:
    """The stored profile with the account's employment status (unknown: PNS)."""
    return replace(profile, employment=employee.employment)


def score_label(score: int) -> str:
    return next(label for low, label in SCORE_BANDS if score >= low)


def completeness(categories: Iterable[Category], profile: ArchiveProfile) -> Completeness:
    """The score over the categories that apply, counting only verified documents."""
    required = tuple(c.code for c in sort_categories(categories) if applies(c, profile))
    verified = tuple(c for c in required if profile.states.get(c) is DocumentStatus.APPROVED)
    missing = tuple(c for c in required if c not in verified)
    score = 100 if not required else 100 * len(verified) // len(required)
    return Completeness(score, score_label(score), required, verified, missing)


def sort_categories(categories: Iterable[Category]) -> list[Category]:
    """Arsip utama first, then arsip kondisional; by the admin's order, then by code."""
    groups = list(Group)
    return sorted(categories, key=lambda c: (groups.index(c.group), c.order, c.code))


def state_of(profile: ArchiveProfile, code: str) -> DocumentStatus:
    return profile.states.get(code, DocumentStatus.MISSING)


# -- access ---------------------------------------------------------------------------------------------------


def require_archive_access(actor: Actor, owner: Employee | None) -> Employee:
    """Documents are private: the owner, HR of the owner's SKPD, BKD and the admin (supervisors are not HR).

    ``owner`` is ``None`` for an unknown NIP: refused like another SKPD's employee unless the actor may see
    every SKPD (`require_hr_over`), so the answer never tells whether a NIP exists."""
    if owner is not None and actor.nip == owner.nip:
        return owner
    return require_hr_over(actor, owner)


def require_owner(actor: Actor, owner_nip: str) -> None:
    """Only the owner uploads or withdraws their documents."""
    if actor.nip != owner_nip:
        raise Forbidden("Hanya pemilik arsip yang dapat mengunggah atau menarik dokumennya.", code="NOT_OWNER")


# -- the lifecycle of a document ------------------------------------------------------------------------------


def uploaded(
    previous: Document | None,
    *,
    nip: str,
    category: Category,
    key: str,
    filename: str,
    content_type: str,
    size: int,
    at: datetime,
    unit: tuple[str, str],
) -> Document:
    """A new (or replacing) document: waits for verification, whatever the old one's state was."""
    if not category.active:
        raise ValidationError("Kategori arsip ini sudah tidak digunakan.", code="CATEGORY_RETIRED")
    return Document(
        nip=nip,
        category=category.code,
        status=DocumentStatus.SUBMITTED,
        key=key,
        filename=filename,
        content_type=content_type,
        size=size,
        uploaded_at=at,
        skpd_id=unit[0],
        satker_id=unit[1],
        version=previous.version if previous else 0,
    )


def decided(document: Document, status: DocumentStatus, *, by: str, at: datetime, note: str | None) -> Document:
    """HR's verification of a waiting document; nobody verifies their own."""
    forbid_self_decision(by, document.nip)
    if document.status is not DocumentStatus.SUBMITTED:
        raise Conflict(
            f"Dokumen ini sudah {STATUS_LABELS[document.status].lower()}; hanya dokumen yang menunggu verifikasi "
            "yang dapat diputuskan.",
            code="DOCUMENT_NOT_PENDING",
        )
    entry = decision_entry(at, by, document.status.value, status.value, note=note)
    return replace(document, status=status, decided_by=by, decided_at=at, note=note, history=(*document.history, entry))


def check_withdrawable(document: Document) -> None:
    if document.status is DocumentStatus.APPROVED:
        raise Conflict(
            "Dokumen yang sudah terverifikasi tidak dapat ditarik; unggah dokumen baru untuk menggantinya.",
            code="DOCUMENT_LOCKED",
        )


# -- the defaults (MyASN's DMS) -----------------------------------------------------------------------------


def _c(code: str, name: str, group: Group, applies: AppliesTo, files: FileKinds, kb: int, order: int) -> Category:
    return Category(code, name, group, applies, files, kb, order=order)


_U, _K = Group.UTAMA, Group.KONDISIONAL
_P, _PI = FileKinds.PDF, FileKinds.PDF_IMAGE

#: the list the archive starts with on first use; the admin changes it afterwards
DEFAULT_CATEGORIES: tuple[Category, ...] = (
    _c("SK-CPNS", "SK CPNS", _U, AppliesTo.CPNS_PNS, _P, 1024, 10),
    _c("SK-PNS", "SK PNS", _U, AppliesTo.PNS, _P, 1024, 20),
    _c("D2NP", "D2NP", _U, AppliesTo.ALL, _P, 1024, 30),
    _c("DRH", "Daftar Riwayat Hidup (DRH)", _U, AppliesTo.ALL, _P, 2048, 40),
    _c("IJAZAH", "Ijazah pendidikan terakhir", _U, AppliesTo.ALL, _P, 2048, 50),
    _c("SK-PANGKAT", "SK pangkat terakhir", _U, AppliesTo.PNS, _P, 1024, 60),
    _c("SK-JABATAN", "SK jabatan terakhir", _U, AppliesTo.ALL, _P, 1024, 70),
    _c("KTP", "KTP", _U, AppliesTo.ALL, _PI, 512, 80),
    _c("NPWP", "NPWP", _U, AppliesTo.ALL, _PI, 512, 90),
    _c("AKTA-NIKAH", "Akta nikah / buku nikah", _K, AppliesTo.MENIKAH, _PI, 1024, 10),
    _c("KARIS-KARSU", "Kartu istri / kartu suami (Karis/Karsu)", _K, AppliesTo.MENIKAH, _PI, 512, 20),
    _c("AKTA-ANAK", "Akta kelahiran anak", _K, AppliesTo.MEMILIKI_ANAK, _PI, 2048, 30),
    _c("SK-PPPK", "SK pengangkatan PPPK", _K, AppliesTo.PPPK, _P, 1024, 40),
    _c("SK-TUGAS-BELAJAR", "SK tugas belajar", _K, AppliesTo.TUGAS_BELAJAR, _P, 1024, 50),
)
