"""The service catalogue of an SKPD: the information types its PTSP desk answers (seed 003 §3).

Kept by the SKPD's public-service officers (`Role.LAYANAN`); read by the desk (the greeting a visitor gets
by WhatsApp) and by the WhatsApp auto-reply (the menu, the requirements, answers found by keyword).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import BusinessRule, ValidationError

#: Limits that keep one type within ONE WhatsApp message (4,096 characters): the bot's detail of a type and the
#: desk's greeting (with a 120-character visitor name and a 200-character SKPD name) stay under
#: `WHATSAPP_TEXT_BUDGET` at these maxima (tests/unit/test_ptsp_message_lengths.py writes the worst case of each)
NAME_MAX = 120
REQUIREMENT_MAX = 150
REQUIREMENTS_MAX = 12
PROCEDURE_MAX = 1500
KEYWORD_MAX = 40
KEYWORDS_MAX = 30
ORDER_MAX = 9999
#: what one WhatsApp text may hold (4,096), less a margin for the provider's own additions
WHATSAPP_TEXT_BUDGET = 4000
#: ACTIVE types one catalogue holds (the WhatsApp menu pages through them); inactive ones do not count, since
#: a type cannot be deleted (past desk requests name it) — but all of them together stay under `TYPES_MAX`
CATALOGUE_MAX = 50
TYPES_MAX = 200

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class InformationType:
    """One information type, e.g. "Syarat gugatan cerai": what to bring and what happens next.

    ``keywords`` are lower-case words a citizen may write to mean this type; ``active`` False hides it from
    the desk and the menu without losing past requests that name it; ``version`` guards concurrent edits.
    """

    skpd_id: str
    type_id: str
    name: str
    requirements: tuple[str, ...]
    procedure: str
    keywords: tuple[str, ...] = ()
    active: bool = True
    order: int = 0
    version: int = 0


def _invalid(message: str, field: str) -> ValidationError:
    return ValidationError(message, code="INVALID_INFORMATION_TYPE", details={"field": field})


def _one_line(value: str) -> str:
    return _SPACES.sub(" ", str(value)).strip()


def clean_name(value: str) -> str:
    name = _one_line(value)
    if not name:
        raise _invalid("Nama jenis informasi wajib diisi.", "name")
    if len(name) > NAME_MAX:
        raise _invalid(f"Nama jenis informasi paling banyak {NAME_MAX} karakter.", "name")
    return name


def clean_requirements(values: Iterable[str]) -> tuple[str, ...]:
    """Each requirement one line, blanks dropped; at least one (the greeting's whole point is this list)."""
    items = tuple(line for line in (_one_line(v) for v in values) if line)
    if not items:
        raise _invalid("Isi paling sedikit satu persyaratan.", "requirements")
    if len(items) > REQUIREMENTS_MAX:
        raise _invalid(f"Persyaratan paling banyak {REQUIREMENTS_MAX} butir.", "requirements")
    if any(len(line) > REQUIREMENT_MAX for line in items):
        raise _invalid(f"Satu butir persyaratan paling banyak {REQUIREMENT_MAX} karakter.", "requirements")
    return items


def clean_procedure(value: str) -> str:
    """Line breaks are kept (numbered steps read better); trailing spaces and empty ends are not."""
    text = "\n".join(line.rstrip() for line in str(value).strip().splitlines())
    if not text:
        raise _invalid("Prosedur (langkah selanjutnya) wajib diisi.", "procedure")
    if len(text) > PROCEDURE_MAX:
        raise _invalid(f"Prosedur paling banyak {PROCEDURE_MAX} karakter.", "procedure")
    return text


def normalise_keywords(values: Iterable[str]) -> tuple[str, ...]:
    """Lower case, single spaces, no duplicates, in the order given: the bot matches a citizen's words to these."""
    seen: list[str] = []
    for value in values:
        word = _one_line(value).lower()
        if not word or word in seen:
            continue
        if len(word) > KEYWORD_MAX:
            raise _invalid(f"Satu kata kunci paling banyak {KEYWORD_MAX} karakter.", "keywords")
        seen.append(word)
    if len(seen) > KEYWORDS_MAX:
        raise _invalid(f"Kata kunci paling banyak {KEYWORDS_MAX}.", "keywords")
    return tuple(seen)


def clean_order(value: int) -> int:
    if not 0 <= int(value) <= ORDER_MAX:
        raise _invalid(f"Urutan harus antara 0 dan {ORDER_MAX}.", "order")
    return int(value)


def information_type(
    skpd_id: str,
    type_id: str,
    *,
    name: str,
    requirements: Iterable[str],
    procedure: str,
    keywords: Iterable[str] = (),
    active: bool = True,
    order: int = 0,
    version: int = 0,
) -> InformationType:
    """A checked information type: every rule above applied, or `ValidationError` naming the field."""
    return InformationType(
        skpd_id=skpd_id,
        type_id=type_id,
        name=clean_name(name),
        requirements=clean_requirements(requirements),
        procedure=clean_procedure(procedure),
        keywords=normalise_keywords(keywords),
        active=bool(active),
        order=clean_order(order),
        version=version,
    )


def check_room(existing: Iterable[InformationType], info: InformationType) -> None:
    """Refuse (422 ``CATALOGUE_FULL``) a type that would make more than `CATALOGUE_MAX` active types, or a new one
    past `TYPES_MAX` in all; an edit of a type already counted, or deactivating one, always fits."""
    others = [t for t in existing if t.type_id != info.type_id]
    if len(others) >= TYPES_MAX:
        raise BusinessRule(
            f"Katalog sudah memuat {TYPES_MAX} jenis informasi (aktif dan nonaktif); ubah jenis yang sudah ada.",
            code="CATALOGUE_FULL",
        )
    if info.active and sum(1 for t in others if t.active) >= CATALOGUE_MAX:
        raise BusinessRule(
            f"Katalog sudah memuat {CATALOGUE_MAX} jenis informasi aktif; nonaktifkan atau ubah yang ada.",
            code="CATALOGUE_FULL",
        )


def duplicate_name(name: str, others: Iterable[InformationType], type_id: str = "") -> bool:
    """True when another type of the catalogue already has this name (case and spacing ignored)."""
    key = _one_line(name).casefold()
    return any(t.type_id != type_id and _one_line(t.name).casefold() == key for t in others)


def in_menu_order(types: Iterable[InformationType]) -> list[InformationType]:
    """The catalogue's order: ``order`` first, then the name (case ignored), then the id so it is total."""
    return sorted(types, key=lambda t: (t.order, t.name.casefold(), t.type_id))
