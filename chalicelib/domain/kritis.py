"""Kritis, kritik dan saran (issue 22, seed 003 §5): a citizen's complaint or suggestion about an SKPD's service and
the steps it takes inside the office.

The citizen files it without an account (a kind, the SKPD it concerns, a description, optionally a contact and a
photo) and gets a tracking number. Then, each step one decision of the one verification mechanism
(`decision_kinds.KRITIS_*`), each recorded in the item's history with who and when:

    BARU ── the SKPD's public-service officer (LAYANAN) forwards it with a summary ──▶ DITERUSKAN
         └─ or closes it (spam, not this office's) with a reason ──────────────────────▶ DITUTUP
    DITERUSKAN ── the SKPD's leadership (PIMPINAN) decides the action ────────────────▶ DIPUTUSKAN
    DIPUTUSKAN ── the officer records the follow-up (published on the status page) ──▶ DITINDAKLANJUTI

The public status page shows only the state, its dates, the kind and the published follow-up: the description is
the citizen's own words and may name people or carry their address, so it stays inside the office, like the
contact, the photo and the officers' names. Pure rules: no AWS, no HTTP.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from .errors import BusinessRule, ValidationError
from .history import HistoryEntry, decision_entry
from .identity import normalise_email, normalise_whatsapp
from .photo_limits import MAX_PHOTO_BYTES, PHOTO_TYPES
from .uploads import read_image

PREFIX = "KR"
MIN_DESCRIPTION = 20
MAX_DESCRIPTION = 2000


class KritisKind(StrEnum):
    PELAYANAN = "PELAYANAN"
    KETERLAMBATAN = "KETERLAMBATAN"
    TEKNIS = "TEKNIS"
    SARAN = "SARAN"
    LAINNYA = "LAINNYA"


KIND_LABELS = {
    KritisKind.PELAYANAN: "Pelayanan tidak memadai",
    KritisKind.KETERLAMBATAN: "Keterlambatan",
    KritisKind.TEKNIS: "Masalah teknis",
    KritisKind.SARAN: "Saran",
    KritisKind.LAINNYA: "Lainnya",
}


class KritisState(StrEnum):
    BARU = "BARU"
    DITERUSKAN = "DITERUSKAN"
    DIPUTUSKAN = "DIPUTUSKAN"
    DITINDAKLANJUTI = "DITINDAKLANJUTI"
    DITUTUP = "DITUTUP"


STATE_LABELS = {
    KritisState.BARU: "Diterima",
    KritisState.DITERUSKAN: "Diteruskan ke pimpinan",
    KritisState.DIPUTUSKAN: "Diputuskan pimpinan",
    KritisState.DITINDAKLANJUTI: "Ditindaklanjuti",
    KritisState.DITUTUP: "Ditutup",
}


@dataclass(frozen=True)
class Kritis:
    """One item. ``summary`` is the officer's to leadership, ``action`` leadership's decision (both internal),
    ``follow_up`` what the office did, published on the status page and sent to the citizen."""

    tracking: str
    skpd_id: str
    kind: KritisKind
    description: str
    state: KritisState
    filed_at: datetime
    whatsapp: str | None = None
    email: str | None = None
    photo_key: str | None = None
    summary: str | None = None
    forwarded_at: datetime | None = None
    action: str | None = None
    decided_at: datetime | None = None
    follow_up: str | None = None
    followed_up_at: datetime | None = None
    closed_at: datetime | None = None
    #: the last day leadership was reminded of it (one reminder per item per day)
    reminded_on: date | None = None
    history: tuple[HistoryEntry, ...] = field(default_factory=tuple)
    version: int = 0

    @property
    def has_contact(self) -> bool:
        return bool(self.whatsapp or self.email)


@dataclass(frozen=True)
class Filing:
    """A citizen's filing, checked: what `new_kritis` stores."""

    skpd_id: str
    kind: KritisKind
    description: str
    whatsapp: str | None
    email: str | None


_SPACES = re.compile(r"[ \t]+")


def clean_text(text: str) -> str:
    """Trimmed, runs of spaces folded, control characters other than newlines removed."""
    kept = "".join(ch for ch in text if ch == "\n" or ch.isprintable())
    return "\n".join(_SPACES.sub(" ", line).strip() for line in kept.strip().splitlines()).strip()


def check_filing(skpd_id: str, kind: str, description: str, contact: str | None) -> Filing:
    """The form's fields checked: a kind it offers, a description of 20–2000 characters, an optional contact that
    is a WhatsApp number (normalised to ``62…``) or an e-mail address."""
    try:
        chosen = KritisKind(kind)
    except ValueError:
        raise ValidationError(
            "Pilih jenis kritik atau saran.", code="INVALID_KIND", details={"field": "kind"}
        ) from None
    text = clean_text(description)
    if not MIN_DESCRIPTION <= len(text) <= MAX_DESCRIPTION:
        raise ValidationError(
            f"Uraian harus {MIN_DESCRIPTION}–{MAX_DESCRIPTION} karakter.",
            code="INVALID_DESCRIPTION",
            details={"field": "description"},
        )
    whatsapp, email = read_contact(contact)
    return Filing(skpd_id, chosen, text, whatsapp, email)


def read_contact(contact: str | None) -> tuple[str | None, str | None]:
    """An optional contact: an e-mail address when it has an ``@``, else an Indonesian WhatsApp number."""
    value = (contact or "").strip()
    if not value:
        return None, None
    if "@" in value:
        return None, normalise_email(value, "contact")
    return normalise_whatsapp(value, "contact"), None


def invalid_photo() -> BusinessRule:
    return BusinessRule(
        "Foto harus berupa gambar JPEG atau PNG yang sah (diperiksa dari isinya).",
        code="PHOTO_INVALID",
        details={"field": "photo"},
    )


def read_photo(text: str | None) -> tuple[bytes, str] | None:
    """The optional photo's bytes and content type, recognised by content (its first bytes; the service then
    decodes it whole, `integrations/images.py`), at most `MAX_PHOTO_BYTES`."""
    if not text:
        return None
    return read_image(text, max_bytes=MAX_PHOTO_BYTES, types=PHOTO_TYPES, invalid=invalid_photo, too_big="Foto")


def new_kritis(tracking: str, filing: Filing, at: datetime, photo_key: str | None) -> Kritis:
    return Kritis(
        tracking=tracking,
        skpd_id=filing.skpd_id,
        kind=filing.kind,
        description=filing.description,
        state=KritisState.BARU,
        filed_at=at,
        whatsapp=filing.whatsapp,
        email=filing.email,
        photo_key=photo_key,
        history=(HistoryEntry(at=at, by="masyarakat", action="FILED", changes={"status": [None, "BARU"]}),),
    )


def _step(item: Kritis, new: KritisState, by: str, at: datetime, note: str, on_behalf_of: str | None) -> Kritis:
    entry = decision_entry(at, by, item.state.value, new.value, note=note, on_behalf_of=on_behalf_of)
    return replace(item, state=new, history=(*item.history, entry))


def forward(item: Kritis, summary: str, *, by: str, at: datetime, on_behalf_of: str | None = None) -> Kritis:
    """The officer sends it to leadership with a summary (BARU → DITERUSKAN)."""
    return replace(_step(item, KritisState.DITERUSKAN, by, at, summary, on_behalf_of), summary=summary, forwarded_at=at)


def close(item: Kritis, reason: str, *, by: str, at: datetime, on_behalf_of: str | None = None) -> Kritis:
    """The officer closes it without leadership (spam, not this office's): BARU → DITUTUP; the reason is internal."""
    return replace(_step(item, KritisState.DITUTUP, by, at, reason, on_behalf_of), closed_at=at)


def decide_action(item: Kritis, action: str, *, by: str, at: datetime, on_behalf_of: str | None = None) -> Kritis:
    """Leadership decides what the office will do (DITERUSKAN → DIPUTUSKAN)."""
    return replace(_step(item, KritisState.DIPUTUSKAN, by, at, action, on_behalf_of), action=action, decided_at=at)


def record_follow_up(item: Kritis, text: str, *, by: str, at: datetime, on_behalf_of: str | None = None) -> Kritis:
    """The officer records what was done (DIPUTUSKAN → DITINDAKLANJUTI); the text is published."""
    done = _step(item, KritisState.DITINDAKLANJUTI, by, at, text, on_behalf_of)
    return replace(done, follow_up=text, followed_up_at=at)


def decision_overdue_cutoff(now: datetime, days: int) -> datetime:
    """Items forwarded (or, never forwarded, filed) before this moment have waited ``days`` days or more."""
    return now - timedelta(days=days)


def public_view(item: Kritis) -> dict[str, Any]:
    """What the public status page shows: state, dates, kind, the published follow-up — nothing personal (no
    description, contact, photo, officers' names, summary or leadership's internal decision)."""
    return {
        "tracking_number": item.tracking,
        "kind": item.kind.value,
        "kind_label": KIND_LABELS[item.kind],
        "state": item.state.value,
        "state_label": STATE_LABELS[item.state],
        "filed_at": item.filed_at.isoformat(),
        "forwarded_at": iso_or_none(item.forwarded_at),
        "decided_at": iso_or_none(item.decided_at),
        "followed_up_at": iso_or_none(item.followed_up_at),
        "closed_at": iso_or_none(item.closed_at),
        "follow_up": item.follow_up if item.state is KritisState.DITINDAKLANJUTI else None,
    }


def iso_or_none(value: datetime | None) -> str | None:
    """A moment as ISO text, or None (the public view's and the office's dates)."""
    return value.isoformat() if value else None
