"""Identity value rules: NIP, WhatsApp numbers, e-mail, time zones, organisation codes."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from .errors import ValidationError

_NIP_RE = re.compile(r"^\d{18}$")
_EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
_CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,31}$")
_ID_RE = re.compile(r"^[0-9a-f]{32}$")


class TimeZone(StrEnum):
    """Indonesia's three zones and their IANA names."""

    WIB = "WIB"
    WITA = "WITA"
    WIT = "WIT"

    @property
    def iana(self) -> str:
        return {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}[self.value]


def parse_time_zone(value: str, field: str = "timezone") -> TimeZone:
    """Return the zone for ``WIB``/``WITA``/``WIT`` (any case) or raise a validation error."""
    try:
        return TimeZone(str(value).strip().upper())
    except ValueError:
        raise ValidationError(
            "Zona waktu harus WIB, WITA, atau WIT.", code="INVALID_TIMEZONE", details={"field": field}
        ) from None


def validate_nip(value: str, field: str = "nip") -> str:
    """Check an 18-digit NIP: birth date yyyymmdd, TMT yyyymm, sex digit 1/2, sequence 001-999."""
    nip = str(value).strip().replace(" ", "")

    def fail(reason: str) -> ValidationError:
        return ValidationError(f"NIP tidak valid: {reason}.", code="INVALID_NIP", details={"field": field})

    if not _NIP_RE.match(nip):
        raise fail("harus 18 digit angka")
    try:
        birth = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise fail("tanggal lahir (digit 1-8) bukan tanggal yang benar") from None
    tmt_year, tmt_month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= tmt_month <= 12:
        raise fail("bulan TMT (digit 13-14) harus 01-12")
    if tmt_year < birth.year + 15 or (tmt_year, tmt_month) < (birth.year, birth.month):
        raise fail("TMT (digit 9-14) harus setelah tanggal lahir")
    if nip[14] not in "12":
        raise fail("digit ke-15 (jenis kelamin) harus 1 atau 2")
    if nip[15:18] == "000":
        raise fail("nomor urut (digit 16-18) tidak boleh 000")
    return nip


def normalise_whatsapp(value: str, field: str = "whatsapp") -> str:
    """Normalise an Indonesian mobile number to ``62…`` digits (accepts 08…, +62…, 62…, 8…)."""
    digits = re.sub(r"[\s\-().]", "", str(value))
    if digits.startswith("+"):
        digits = digits[1:]
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    elif digits.startswith("8"):
        digits = "62" + digits
    if not digits.isdigit() or not digits.startswith("628") or not 10 <= len(digits) <= 15:
        raise ValidationError(
            "Nomor WhatsApp tidak valid; gunakan nomor seluler Indonesia, misalnya 081234567890.",
            code="INVALID_WHATSAPP",
            details={"field": field},
        )
    return digits


def normalise_email(value: str | None, field: str = "email") -> str | None:
    """Lower-case and check an optional e-mail address; empty means none."""
    if value is None or str(value).strip() == "":
        return None
    email = str(value).strip().lower()
    if len(email) > 254 or not _EMAIL_RE.match(email):
        raise ValidationError("Alamat e-mail tidak valid.", code="INVALID_EMAIL", details={"field": field})
    return email


def validate_code(value: str, field: str) -> str:
    """An organisation code (SKPD or satker): 2-32 characters of A-Z, 0-9 and '-'."""
    code = str(value).strip().upper()
    if not _CODE_RE.match(code):
        raise ValidationError(
            "Kode harus 2-32 karakter huruf besar, angka, atau tanda '-'.",
            code="INVALID_CODE",
            details={"field": field},
        )
    return code


def is_id(value: object) -> bool:
    """Whether ``value`` has the shape of the ids this service makes (32 hex digits)."""
    return isinstance(value, str) and bool(_ID_RE.match(value))


def validate_text(value: object, field: str, *, max_len: int = 200, required: bool = True) -> str:
    """A trimmed single-line text of at most ``max_len`` characters."""
    text = "" if value is None else str(value).strip()
    if required and not text:
        raise ValidationError(f"Kolom '{field}' wajib diisi.", code="REQUIRED", details={"field": field})
    if len(text) > max_len:
        raise ValidationError(
            f"Kolom '{field}' paling banyak {max_len} karakter.", code="TOO_LONG", details={"field": field}
        )
    return text


#: the most digits a whole number sent as text may have (more cannot be in any range we accept; `int` never sees them)
MAX_DIGITS = 10
_ASCII_WHOLE = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}")


def parse_whole(value: object, low: int, high: int) -> int | None:
    """The one parser of a whole number a client sends as text (a query parameter): ASCII digits only (not the
    ``²`` or ``１`` that `str.isdigit` takes), at most `MAX_DIGITS` of them, from ``low`` to ``high``; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and _ASCII_WHOLE.fullmatch(value):
        number = int(value)
    else:
        return None
    return number if low <= number <= high else None


def version_required(_field: str = "version") -> ValidationError:
    """The refusal of a missing or malformed version (in a body or in ``?version=``)."""
    return ValidationError(
        "Kolom 'version' wajib diisi dengan versi data yang terakhir dibaca.",
        code="VERSION_REQUIRED",
        details={"field": "version"},
    )
