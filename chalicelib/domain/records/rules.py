"""The rules of seed 001 a record must satisfy beyond its fields' shapes: at most 8 lesson hours (JP) a day,
Satya Lencana as the one tanda kehormatan, an evidence URL a verifier can open, the declaration, the PDF where
the kind needs one, and the code of a tim kerja record.

Apart because these are the rules the manual states and HR checks by, each with its own refusal code; the
request model (the URL, the declaration), `details` and the service call them."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from ..errors import BusinessRule, ValidationError
from ..identity import validate_text
from ..messages import indonesian_date
from .kinds import KIND_LABELS, NEEDS_FILE, Award, AwardGroup, AwardScale, AwardType, RecordFile, RecordKind

DECLARATION = "Saya menyatakan bahwa data yang saya input benar"
#: seed 001: "Standar maksimum pelaksanaan kegiatan pengembangan kompetensi dalam satu hari adalah 8 jam pelajaran"
MAX_JP_PER_DAY = 8
MAX_URL = 2048


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
