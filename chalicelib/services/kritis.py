"""Kritis, kritik dan saran (issue 22, seed 003 §5): the public form, the status page, the officers' list and
detail, and the steps' effects the decision kinds call (`services/decisions/kinds/kritis.py`).

A filing is refused before anything is stored unless it passes, in this order: the per-IP rate limit, the
honeypot, the signed proof-of-work challenge (issued to the same IP) and its solution, the fields, the photo (by
content, then decoded whole), the challenge's single use (a conditional put, so one solution files one item) and,
last, the per-contact rate limit. The challenge is claimed before the contact is counted, so replaying one solved
challenge with someone else's number cannot burn that person's daily budget; a filing the contact limit then
refuses has spent its challenge (the form simply asks for a new one). Only then is the photo stripped of its
metadata and put under ``kritis/<tracking>/`` (a key never written again) and the item written on its number
being free.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..domain.accounts import Actor, Role, require_skpd_staff
from ..domain.attendance import local_now
from ..domain.errors import Conflict, NotFound, ValidationError
from ..domain.history import history_view
from ..domain.kritis import (
    KIND_LABELS,
    PHOTO_TYPES,
    PREFIX,
    STATE_LABELS,
    Kritis,
    KritisState,
    check_filing,
    decision_overdue_cutoff,
    invalid_photo,
    iso_or_none,
    new_kritis,
    public_view,
    read_photo,
)
from ..domain.kritis_messages import status_link
from ..domain.proof_of_work import ip_digest, solves
from ..domain.rate_limits import RateLimit
from ..domain.tracking import new_tracking_number, read_tracking_number
from ..security.tokens import KRITIS_CHALLENGE, read_claims, sign_claims
from ..store.protocols import EmployeeRepository, KritisRepository, OrgRepository, UsedLinks
from .public_lookup import look_up
from .rate_limits import RateLimits

if TYPE_CHECKING:
    from ..integrations.storage import ObjectStore
    from ..schemas.kritis import KritisFiling, KritisListQuery
    from ..security.keys import Keyring
    from .kritis_notifications import KritisNotifications

#: how long a challenge may be solved and sent (the citizen types meanwhile)
CHALLENGE_TTL_SECONDS = 30 * 60
_NOT_FOUND = "Nomor kritik/saran tidak ditemukan; periksa kembali nomornya."


@dataclass(frozen=True)
class KritisLimits:
    """The rate limits and difficulty from the settings (README "Public endpoints")."""

    per_ip_hour: int
    per_contact_day: int
    status_per_ip_minute: int
    pow_bits: int
    reminder_days: int = 3

    @property
    def filing_ip(self) -> RateLimit:
        return RateLimit("kritis-ip", self.per_ip_hour, 3600)

    @property
    def filing_contact(self) -> RateLimit:
        return RateLimit("kritis-contact", self.per_contact_day, 86400)

    @property
    def reading_ip(self) -> RateLimit:
        return RateLimit("kritis-read-ip", self.status_per_ip_minute, 60)


class KritisService:
    def __init__(
        self,
        items: KritisRepository,
        org: OrgRepository,
        employees: EmployeeRepository,
        used: UsedLinks,
        rate_limits: RateLimits,
        notices: KritisNotifications,
        *,
        limits: KritisLimits,
        keys: Keyring | str,
        objects: ObjectStore | None,
        image_check: Callable[[bytes, str], bool] | None,
        photo_link: Callable[[str], str] | None,
        app_url: str,
        clock: Callable[[], datetime],
        photo_clean: Callable[[bytes, str], bytes] | None = None,
    ) -> None:
        self._items, self._org, self._employees, self._used = items, org, employees, used
        self._rate_limits, self._notices, self._limits, self._keys = rate_limits, notices, limits, keys
        self._objects, self._image_check, self._photo_link = objects, image_check, photo_link
        self._app_url, self._clock, self._photo_clean = app_url, clock, photo_clean

    # -- the public ------------------------------------------------------------------------------------------

    def public_skpd(self, ip: str) -> dict[str, Any]:
        """The SKPDs a citizen may address (id and name only)."""
        self._rate_limits.check(self._limits.reading_ip, ip)
        return {"items": [{"id": s.skpd_id, "name": s.name} for s in sorted(self._org.list_skpd(), key=_name)]}

    def challenge(self, ip: str) -> dict[str, Any]:
        """A fresh proof-of-work challenge: a signed, expiring token the browser hashes with its nonces."""
        self._rate_limits.check(self._limits.reading_ip, ip)
        bits = self._limits.pow_bits
        claims = {"cid": uuid.uuid4().hex, "bits": bits, "ip": ip_digest(ip)}
        token = sign_claims(self._keys, KRITIS_CHALLENGE, claims, CHALLENGE_TTL_SECONDS, self._clock())
        return {"challenge": token, "bits": bits, "expires_in": CHALLENGE_TTL_SECONDS}

    def file(self, body: KritisFiling, ip: str) -> dict[str, Any]:
        """File an item (see the module's docstring for the order of the checks); answer its tracking number."""
        now = self._clock()
        self._rate_limits.check(self._limits.filing_ip, ip)
        if body.website:
            raise ValidationError(
                "Formulir tidak dapat dikirim; muat ulang halaman lalu coba lagi.",
                code="SPAM_SUSPECTED",
                details={"field": "website"},
            )
        challenge_id, expires = self._solved(body.challenge, body.nonce, ip, now)
        if self._org.get_skpd(body.skpd_id) is None:
            raise ValidationError("Pilih SKPD yang dituju.", code="UNKNOWN_SKPD", details={"field": "skpd_id"})
        filing = check_filing(body.skpd_id, body.kind, body.description, body.contact)
        photo = read_photo(body.photo)
        if photo is not None and self._image_check is not None and not self._image_check(*photo):
            raise invalid_photo()
        if not self._used.claim(f"kritis:{challenge_id}", now, expires):
            raise Conflict("Pemeriksaan anti-spam ini sudah terpakai; kirim lagi.", code="CHALLENGE_USED")
        contact = filing.whatsapp or filing.email
        if contact:
            self._rate_limits.check(self._limits.filing_contact, contact)
        if photo is not None and self._photo_clean is not None:  # no EXIF (GPS) from a raw API client is kept
            photo = (self._photo_clean(*photo), photo[1])
        saved = self._store(filing, photo, now)
        self._notices.filed(saved)
        return {
            "tracking_number": saved.tracking,
            "status_url": status_link(self._app_url, saved.tracking),
            "state": saved.state.value,
            "state_label": STATE_LABELS[saved.state],
        }

    def status(self, text: str, ip: str) -> dict[str, Any]:
        """The public status page: alike 404 for a malformed and an unknown number; nothing personal."""
        item = look_up(
            self._rate_limits,
            self._limits.reading_ip,
            ip,
            text,
            PREFIX,
            self._items.get,
            lambda: NotFound(_NOT_FOUND, code="KRITIS_NOT_FOUND"),
        )
        return public_view(item)

    # -- the office ------------------------------------------------------------------------------------------

    def list(self, actor: Actor, params: KritisListQuery) -> dict[str, Any]:
        """One SKPD's items in one state (default: new ones), for its officers, leadership and the admin."""
        skpd_id = params.skpd_id or actor.skpd_id
        if not skpd_id:  # the admin belongs to no SKPD and must name one
            raise ValidationError("Pilih SKPD.", code="SKPD_REQUIRED", details={"field": "skpd_id"})
        require_skpd_staff(actor, skpd_id, Role.LAYANAN, Role.PIMPINAN)
        state = KritisState(params.state or KritisState.BARU.value)
        newest = state in (KritisState.DITINDAKLANJUTI, KritisState.DITUTUP)
        items, cursor = self._items.in_state(skpd_id, state, params.cursor, params.limit or 20, newest_first=newest)
        counts = {s.value: self._items.count_in_state(skpd_id, s) for s in _OPEN_STATES}
        return {"items": [self.card(i) for i in items], "next_cursor": cursor, "counts": counts}

    def detail(self, actor: Actor, tracking: str) -> dict[str, Any]:
        item = self.item(tracking)
        require_skpd_staff(actor, item.skpd_id, Role.LAYANAN, Role.PIMPINAN)
        return self.view(item)

    def item(self, tracking: str) -> Kritis:
        """The item of a tracking number (a malformed number is simply not found)."""
        number = read_tracking_number(tracking, PREFIX)
        item = self._items.get(number) if number else None
        if item is None:
            raise NotFound(_NOT_FOUND, code="KRITIS_NOT_FOUND")
        return item

    def card(self, item: Kritis) -> dict[str, Any]:
        """The list's line of an item (inside the office: the description is shown)."""
        return {
            "tracking_number": item.tracking,
            "skpd_id": item.skpd_id,
            "kind": item.kind.value,
            "kind_label": KIND_LABELS[item.kind],
            "state": item.state.value,
            "state_label": STATE_LABELS[item.state],
            "filed_at": item.filed_at.isoformat(),
            "description": item.description,
            "has_contact": item.has_contact,
            "has_photo": bool(item.photo_key),
            "version": item.version,
        }

    def view(self, item: Kritis) -> dict[str, Any]:
        """Everything the office sees of an item: the contact (to ask back), a short-lived photo link, each step
        and who took it (named), and the history."""
        people = self._employees.many({h.by for h in item.history if h.by.isdigit()})
        history = history_view(item.history)
        for entry in history:
            person = people.get(entry["by"])
            entry["by_name"] = person.name if person else ("Masyarakat" if entry["by"] == "masyarakat" else None)
        return {
            **self.card(item),
            "whatsapp": item.whatsapp,
            "email": item.email,
            "photo_url": self.photo_url(item),
            "summary": item.summary,
            "forwarded_at": iso_or_none(item.forwarded_at),
            "action": item.action,
            "decided_at": iso_or_none(item.decided_at),
            "follow_up": item.follow_up,
            "followed_up_at": iso_or_none(item.followed_up_at),
            "closed_at": iso_or_none(item.closed_at),
            "history": history,
        }

    def photo_url(self, item: Kritis) -> str | None:
        """A short-lived link to the item's photo, for the office only."""
        return self._photo_link(item.photo_key) if item.photo_key and self._photo_link else None

    def save_step(self, before: Kritis, after: Kritis) -> Kritis:
        """A step's write (conditional on the version read), then whom it concerns is told."""
        saved = self._items.save(after)
        self._notices.stepped(before, saved)
        return saved

    # -- the daily reminder ----------------------------------------------------------------------------------

    def remind_overdue(self, page_size: int = 100) -> int:
        """Remind leadership of every item waiting the configured days or more — for its decision since forwarded,
        or never forwarded since filed (so an item the officers sit on is escalated too): once per item per day
        (`mark_reminded` is conditional on the day), however often the schedule runs. How many were reminded."""
        now, days = self._clock(), self._limits.reminder_days
        today = local_now(now, "Asia/Jakarta").date()
        cutoff, reminded = decision_overdue_cutoff(now, days), 0
        for state in (KritisState.DITERUSKAN, KritisState.BARU):
            cursor: str | None = None
            while True:
                waiting, cursor = self._items.awaiting_decision(cutoff, cursor, page_size, state=state)
                for tracking, _skpd, last in waiting:
                    if last != today and self._items.mark_reminded(tracking, today):
                        item = self._items.get(tracking)
                        if item is not None:
                            self._notices.remind(item, today, days)
                            reminded += 1
                if not cursor:
                    break
        return reminded

    # -- helpers ---------------------------------------------------------------------------------------------

    def _solved(self, challenge: str, nonce: str, ip: str, now: datetime) -> tuple[str, int]:
        """The challenge's id and expiry when it is ours, unexpired, issued to this IP and ``nonce`` solves it;
        else 400 (the form then fetches a new challenge and sends again by itself)."""
        claims = read_claims(self._keys, KRITIS_CHALLENGE, challenge, now)
        if (
            claims is None
            or not isinstance(claims.get("cid"), str)
            or not isinstance(claims.get("bits"), int)
            or claims.get("ip") != ip_digest(ip)
        ):
            raise ValidationError(
                "Formulir kedaluwarsa; kirim lagi.",
                code="CHALLENGE_INVALID",
                details={"field": "challenge"},
            )
        bits = max(int(claims["bits"]), self._limits.pow_bits)
        if not solves(challenge, nonce, bits):
            raise ValidationError(
                "Pemeriksaan anti-spam belum selesai; kirim lagi.",
                code="PROOF_OF_WORK_INVALID",
                details={"field": "nonce"},
            )
        return str(claims["cid"]), int(claims["exp"])

    def _store(self, filing: Any, photo: tuple[bytes, str] | None, now: datetime) -> Kritis:
        """Draw a number, keep the photo under it, write the item on the number being free (a number taken — one
        chance in a trillion — draws another)."""
        year = local_now(now, "Asia/Jakarta").year
        for _ in range(5):
            tracking = new_tracking_number(PREFIX, year)
            photo_key = None
            if photo is not None and self._objects is not None:
                data, kind = photo
                photo_key = f"kritis/{tracking}/photo-{uuid.uuid4().hex}{PHOTO_TYPES[kind]}"
                self._objects.put_bytes(photo_key, data, kind)
            saved = self._items.add(new_kritis(tracking, filing, now, photo_key))
            if saved is not None:
                return saved
        raise Conflict("Nomor tidak dapat dibuat; coba lagi.", code="CONFLICT")


_OPEN_STATES = (KritisState.BARU, KritisState.DITERUSKAN, KritisState.DIPUTUSKAN)


def _name(skpd: Any) -> str:
    return str(skpd.name).lower()
