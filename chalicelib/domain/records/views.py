"""A record's fields as plain data (JSON answers and the stored item, and back), what changed between two
versions, and the words a person reads: the summary the employee confirms and a record's subject in a message.

Apart because these only present what the other modules decided; the store and the service read them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, fields
from datetime import date
from enum import StrEnum
from typing import Any

from ..messages import indonesian_date
from .kinds import (
    LABELS,
    NEEDS_FILE,
    Award,
    AwardGroup,
    AwardScale,
    AwardType,
    Certification,
    CertificationType,
    Details,
    RecordFile,
    RecordKind,
    Team,
    TeamPosition,
    TeamScope,
)


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


_DETAIL_CLASS: dict[RecordKind, type] = {
    RecordKind.SERTIFIKASI: Certification,
    RecordKind.PENGHARGAAN: Award,
    RecordKind.TIM_KERJA: Team,
}
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


#: the label of a record's PDF, wherever it is listed (the summary, a queue's files)
DOCUMENT_LABEL = "Dokumen"


def summary(kind: RecordKind, details: Details, document: RecordFile | None = None) -> list[tuple[str, str]]:
    """The manual's "Ringkasan": what the employee confirms with the declaration, labelled in Bahasa Indonesia
    (sentence case, as every screen), the PDF last."""
    rows = detail_rows(details)
    if document is not None:
        rows.append((DOCUMENT_LABEL, document.filename))
    elif kind in NEEDS_FILE:
        rows.append((DOCUMENT_LABEL, "(belum diunggah)"))
    return rows


def detail_rows(details: Details) -> list[tuple[str, str]]:
    """The summary without the PDF: what a queue shows above the record's files (which list the PDF with its link,
    so a second "Dokumen" line would only repeat it)."""
    rows: list[tuple[str, Any]]
    if isinstance(details, Certification):
        kursus = details.type is CertificationType.KURSUS
        word = "kursus" if kursus else "sertifikasi"
        rows = [
            ("Jenis sertifikasi", LABELS[details.type]),
            ("Jenis kursus", details.course_type if kursus else None),
            (f"Klasifikasi {word}", details.classification),
            (f"Nama {word}", details.name),
            ("Nomor sertifikat", details.number),
            ("Tanggal sertifikat", details.certificate_date),
            ("Tanggal mulai", details.start_date),
            ("Tanggal berakhir", details.end_date),
            ("Tahun kursus", str(details.start_date.year) if kursus and details.start_date else None),
            ("Durasi (JP)", f"{details.hours} JP" if details.hours else None),
            ("Masa berlaku mulai", details.valid_from),
            ("Masa berlaku selesai", details.valid_until),
            ("Gelar depan", details.title_front),
            ("Gelar belakang", details.title_back),
            ("Institusi penyelenggara" if kursus else "Lembaga sertifikasi", details.institution),
        ]
    elif isinstance(details, Award):
        rows = [
            ("Skala penghargaan", LABELS[details.scale]),
            ("Kelompok penghargaan", LABELS[details.group]),
            ("Jenis penghargaan", LABELS[details.type]),
            ("Nama penghargaan", details.name),
            ("Tahun perolehan", str(details.year)),
            ("Nomor surat keputusan", details.sk_number),
            ("Tanggal surat keputusan", details.sk_date),
        ]
    else:
        rows = [
            ("Tanggal surat keputusan / surat perintah", details.sk_date),
            ("Keterangan SK", "Berlaku" if details.sk_valid else "Tidak berlaku"),
            ("Kode kegiatan", details.activity_code or "(dibuat otomatis saat dikirim)"),
            ("Nama tim kerja / penugasan", details.team_name),
            ("Ruang lingkup", LABELS[details.scope]),
            ("Kedudukan", LABELS[details.position]),
            ("Tautan bukti dukung", details.evidence_url),
        ]
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
