"""Kritis, kritik dan saran (issue 22): the public form, its proof-of-work challenge, the public status page, the
office's list and detail. The steps themselves are decisions (`schemas/decisions.py`)."""

from __future__ import annotations

from pydantic import Field

from ..domain.kritis import MAX_DESCRIPTION, KritisKind, KritisState
from ..domain.proof_of_work import MAX_NONCE_LENGTH
from ..domain.selfie import MAX_SELFIE_TEXT
from .base import Body, Out, Query, enum_choice, enum_literal, page_limit, text
from .common import Cursor
from .work import HistoryEntry

_KIND = enum_choice(KritisKind, code="INVALID_KIND")
_STATE = enum_choice(KritisState, code="INVALID_STATE")
KritisKindName = enum_literal(KritisKind)
KritisStateName = enum_literal(KritisState)


class KritisFiling(Body):
    """What the public form sends. ``website`` is a honeypot: the form hides it from people, so it arrives empty;
    filled, the filing is refused (400 ``SPAM_SUSPECTED``) and nothing is stored."""

    skpd_id: text(32, required=True, description="the SKPD it concerns (GET /public/skpd)")  # type: ignore[valid-type]
    kind: _KIND  # type: ignore[valid-type]
    description: text(MAX_DESCRIPTION + 500, required=True, description="20–2000 characters once trimmed")  # type: ignore[valid-type]
    contact: text(254, description="optional: a WhatsApp number (08…, +62…) or an e-mail address") | None = None  # type: ignore[valid-type]
    photo: text(MAX_SELFIE_TEXT, description="optional: a JPEG or PNG of at most 300 KB, base64") | None = None  # type: ignore[valid-type]
    website: text(200, description="leave empty (a honeypot)") | None = None  # type: ignore[valid-type]
    challenge: text(4096, required=True, description="from GET /public/kritis/challenge")  # type: ignore[valid-type]
    nonce: text(
        MAX_NONCE_LENGTH,
        required=True,
        description="decimal digits: SHA-256(challenge + nonce) starts with `bits` zero bits",
    )  # type: ignore[valid-type]


class KritisChallenge(Out):
    challenge: str = Field(description="signed, single-use, expiring")
    bits: int = Field(description="leading zero bits SHA-256(challenge + nonce) must have")
    expires_in: int


class KritisFiled(Out):
    tracking_number: str = Field(examples=["KR-2026-7F3K9Q2M"])
    status_url: str
    state: KritisStateName  # type: ignore[valid-type]
    state_label: str


class KritisStatus(Out):
    """The public status page: nothing personal (no description, contact, photo or officers' names)."""

    tracking_number: str
    kind: KritisKindName  # type: ignore[valid-type]
    kind_label: str
    state: KritisStateName  # type: ignore[valid-type]
    state_label: str
    filed_at: str
    forwarded_at: str | None
    decided_at: str | None
    followed_up_at: str | None
    closed_at: str | None
    follow_up: str | None = Field(description="the published follow-up, once DITINDAKLANJUTI")


class PublicSkpd(Out):
    id: str
    name: str


class PublicSkpdList(Out):
    items: list[PublicSkpd]


class KritisListQuery(Query):
    skpd_id: text(32) | None = None  # type: ignore[valid-type]
    state: _STATE | None = None  # type: ignore[valid-type]
    cursor: Cursor | None = None  # type: ignore[valid-type]
    limit: page_limit() | None = None  # type: ignore[valid-type]


class KritisCard(Out):
    tracking_number: str
    skpd_id: str
    kind: KritisKindName  # type: ignore[valid-type]
    kind_label: str
    state: KritisStateName  # type: ignore[valid-type]
    state_label: str
    filed_at: str
    description: str
    has_contact: bool
    has_photo: bool
    version: int


class KritisHistoryEntry(HistoryEntry):
    by_name: str | None


class KritisDetail(KritisCard):
    whatsapp: str | None
    email: str | None
    photo_url: str | None = Field(description="presigned GET, short-lived")
    summary: str | None = Field(description="the officer's summary for leadership")
    forwarded_at: str | None
    action: str | None = Field(description="the action leadership decided")
    decided_at: str | None
    follow_up: str | None
    followed_up_at: str | None
    closed_at: str | None
    history: list[KritisHistoryEntry]


class KritisPage(Out):
    items: list[KritisCard]
    next_cursor: str | None
    counts: dict[str, int] = Field(description="how many wait in BARU, DITERUSKAN and DIPUTUSKAN")
