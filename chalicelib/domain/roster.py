"""Employee drafts from the API or a roster file (CSV/XLSX rows; those validated here, one row at a time)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime

from .accounts import EmploymentStatus
from .errors import ValidationError, not_one_of
from .identity import (
    TimeZone,
    normalise_email,
    normalise_whatsapp,
    parse_time_zone,
    validate_code,
    validate_nip,
    validate_text,
)
from .reports import parse_day

#: Roster file headers (Bahasa Indonesia, as operators type them) → draft field names.
ROSTER_HEADERS = {
    "nip": "nip",
    "nama": "name",
    "jabatan": "jabatan",
    "kode_skpd": "skpd_id",
    "kode_satker": "satker_id",
    "nip_atasan": "supervisor_nip",
    "whatsapp": "whatsapp",
    "email": "email",
    "zona_waktu": "timezone",
    "status_kepegawaian": "employment_status",
    "tmt": "tmt",
}
REQUIRED_HEADERS = ("nip", "nama", "jabatan", "kode_satker", "whatsapp", "zona_waktu")
MAX_ROSTER_ROWS = 20_000


@dataclass(frozen=True)
class EmployeeDraft:
    """Validated profile fields for creating or updating an account."""

    nip: str
    name: str
    jabatan: str
    skpd_id: str
    satker_id: str
    whatsapp: str
    timezone: TimeZone
    supervisor_nip: str | None = None
    email: str | None = None
    #: PNS/CPNS/PPPK and the TMT; absent (``None``) keeps what an existing account has
    employment_status: EmploymentStatus | None = None
    tmt: date | None = None

    def __post_init__(self) -> None:
        """The one rule across fields, whoever builds the draft (a request, a roster row, an edit)."""
        if self.supervisor_nip is not None and self.supervisor_nip == self.nip:
            raise ValidationError(
                "Pegawai tidak dapat menjadi atasannya sendiri.",
                code="INVALID_SUPERVISOR",
                details={"field": "supervisor_nip"},
            )


DRAFT_FIELDS = tuple(f.name for f in fields(EmployeeDraft))


@dataclass(frozen=True)
class RowResult:
    """One line of the import report."""

    row: int
    nip: str
    status: str  # created | updated | unchanged | error
    reason: str = ""
    code: str = ""


def draft_from_mapping(data: Mapping[str, object], *, skpd_id: str) -> EmployeeDraft:
    """A roster row's cells (text, numbers, dates as a spreadsheet holds them; mapped to English keys) checked and
    turned into a draft; ``skpd_id`` is the SKPD the uploader may write to. A request goes through its model
    (`schemas.accounts.EmployeeInput`) instead: this is the one parse of a file's row."""
    supervisor = data.get("supervisor_nip")
    nip = validate_nip(_text(data.get("nip")))
    supervisor_nip = validate_nip(_text(supervisor), "supervisor_nip") if _text(supervisor) else None
    return EmployeeDraft(
        nip=nip,
        name=validate_text(data.get("name"), "name", max_len=120),
        jabatan=validate_text(data.get("jabatan"), "jabatan", max_len=200),
        skpd_id=validate_code(skpd_id, "skpd_id"),
        satker_id=validate_code(_text(data.get("satker_id")), "satker_id"),
        whatsapp=normalise_whatsapp(_text(data.get("whatsapp"))),
        timezone=parse_time_zone(_text(data.get("timezone"))),
        supervisor_nip=supervisor_nip,
        email=normalise_email(_text(data.get("email"))),
        employment_status=parse_employment(data.get("employment_status")),
        tmt=_tmt(data.get("tmt")),
    )


def parse_employment(value: object) -> EmploymentStatus | None:
    """A roster cell's ``PNS``, ``CPNS`` or ``PPPK`` (any case); empty means unknown."""
    text = _text(value).upper()
    if not text:
        return None
    try:
        return EmploymentStatus(text)
    except ValueError:
        raise not_one_of(
            "employment_status", [s.value for s in EmploymentStatus], "Status kepegawaian", "INVALID_EMPLOYMENT_STATUS"
        ) from None


def _tmt(value: object) -> date | None:
    """The TMT (start of continuous service): a date, or ``YYYY-MM-DD`` text; empty means unknown."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        value = value.isoformat()
    text = _text(value)
    return parse_day(text[:10] if len(text) > 10 and text[10] in " T" else text, "tmt") if text else None


def map_header(cells: Sequence[object]) -> list[str | None]:
    """Map a roster header row to draft field names; refuse a file that lacks a required column."""
    names = [_text(c).lower().replace(" ", "_") for c in cells]
    missing = [h for h in REQUIRED_HEADERS if h not in names]
    if missing:
        raise ValidationError(
            "Kolom wajib tidak ada di baris judul: " + ", ".join(missing) + ".",
            code="ROSTER_HEADER_INVALID",
            details={"missing": missing},
        )
    return [ROSTER_HEADERS.get(n) for n in names]


def row_to_mapping(header: Sequence[str | None], cells: Sequence[object]) -> dict[str, object]:
    """Pair a row's cells with the mapped header, refusing NIPs Excel stored as numbers."""
    row: dict[str, object] = {}
    for name, value in zip(header, cells, strict=False):
        if name is None:
            continue
        if name in ("nip", "supervisor_nip", "whatsapp") and isinstance(value, float):
            raise ValidationError(
                f"Kolom {name} tersimpan sebagai angka desimal sehingga digitnya hilang; format sel sebagai teks.",
                code="ROSTER_NUMBER_AS_FLOAT",
            )
        row[name] = value
    return row


def is_blank(cells: Sequence[object]) -> bool:
    return all(_text(c) == "" for c in cells)


#: One example cell per roster column, keyed by draft field: the template's second row. Every column the import
#: reads has one (a unit test checks it), so a column added to `ROSTER_HEADERS` reaches the template at once.
TEMPLATE_EXAMPLE = {
    "nip": "198703152010012004",
    "name": "Dewi Lestari",
    "jabatan": "Analis Kepegawaian",
    "skpd_id": "",  # filled with the uploader's SKPD (admin files only)
    "satker_id": "",  # filled with one of the SKPD's satker codes
    "supervisor_nip": "",  # the supervisor must already have an account or be a row of the same file
    "whatsapp": "081234567801",
    "email": "dewi.lestari@example.go.id",
    "timezone": "WIB",
    "employment_status": "PNS",
    "tmt": "2010-01-01",
}


def template_rows(satker_id: str, skpd_id: str | None = None) -> tuple[list[str], list[str]]:
    """The roster template: the header row (the import's own column names, required first) and one example row
    that the import accepts. ``skpd_id`` adds the ``kode_skpd`` column, which only the admin's files carry."""
    names = [h for h in REQUIRED_HEADERS] + [h for h in ROSTER_HEADERS if h not in REQUIRED_HEADERS]
    if skpd_id is None:
        names.remove("kode_skpd")
    example = {**TEMPLATE_EXAMPLE, "satker_id": satker_id, "skpd_id": skpd_id or ""}
    return names, [example[ROSTER_HEADERS[name]] for name in names]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return str(value).strip()
