"""Leave letter numbers: the SKPD's format (``800.1.11.4/{seq}/{skpd}/{year}`` unless HR sets another), a
number from it, and the series each SKPD counts per year.

Apart because the format is the SKPD's administrative convention, not the regulation's; giving the number to a
request is a step of the flow (`flow.give_number`)."""

from __future__ import annotations

import string
from datetime import date

from ..errors import ValidationError
from ..identity import validate_text

DEFAULT_NUMBER_FORMAT = "800.1.11.4/{seq}/{skpd}/{year}"
NUMBER_PLACEHOLDERS = ("seq", "skpd", "year", "month", "month_roman")
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def check_number_format(value: object) -> str:
    """A series format with ``{seq}`` and only the known placeholders."""
    text = validate_text(value, "number_format", max_len=100)
    try:
        names = [name for _, name, spec, conv in string.Formatter().parse(text) if name is not None]
        bad = [n for n in names if n not in NUMBER_PLACEHOLDERS]
        specs_ok = all(not spec and not conv for _, name, spec, conv in string.Formatter().parse(text) if name)
    except ValueError:
        names, bad, specs_ok = [], ["?"], False
    if "seq" not in names or bad or not specs_ok:
        raise ValidationError(
            "Format nomor harus memuat {seq} dan hanya {seq}, {skpd}, {year}, {month}, {month_roman}.",
            code="INVALID_NUMBER_FORMAT",
            details={"field": "number_format", "allowed": [f"{{{n}}}" for n in NUMBER_PLACEHOLDERS]},
        )
    return text


def letter_number(number_format: str, seq: int, skpd_id: str, day: date) -> str:
    """``800.1.11.4/{seq}/{skpd}/{year}`` → ``800.1.11.4/7/DINKES/2026``."""
    return number_format.format(
        seq=seq, skpd=skpd_id, year=day.year, month=f"{day.month:02d}", month_roman=_ROMAN[day.month - 1]
    )


def series_name(skpd_id: str, year: int) -> str:
    """The numbered series of an SKPD's leave letters of one year."""
    return f"LEAVE#{skpd_id}#{year}"
