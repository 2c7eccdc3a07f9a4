"""E-mailed decision links, one mechanism for every kind that allows them (`KindSpec.email_link`).

A link is a JWT of the ``decision-link`` purpose bound to one item (``k``, ``id``), one decider (``nip``) and one
verdict (``v``), with a link id (``jti``) recorded when used: signed, single-use, expiring. Opening it (GET)
changes nothing; submitting its form decides once, through the same `DecisionService` as the app.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ...domain.decisions import Decision, KindSpec, Verdict
from ...domain.errors import DomainError
from ...security import tokens
from ...security.keys import Keyring

if TYPE_CHECKING:
    from ...schemas.decisions import DecisionLinkForm
    from ...store.protocols import UsedLinks
    from .service import DecisionService

PATH = "/decision-links/"


class DecisionLinks:
    def __init__(self, keys: Keyring | str, api_url: str, ttl_seconds: int, *, clock: Callable[[], datetime]) -> None:
        self._keys, self._api_url, self._ttl, self._clock = keys, api_url.rstrip("/"), ttl_seconds, clock

    def link(self, kind: str, item_id: str, nip: str, verdict: Verdict) -> str:
        claims = {"k": kind, "id": item_id, "nip": nip, "v": verdict.value, "jti": uuid.uuid4().hex}
        token = tokens.sign_claims(self._keys, tokens.DECISION_LINK, claims, self._ttl, self._clock())
        return f"{self._api_url}{PATH}{token}"

    def read(self, token: str) -> dict[str, Any] | None:
        claims = tokens.read_claims(self._keys, tokens.DECISION_LINK, token, self._clock())
        if claims is None or not all(isinstance(claims.get(k), str) for k in ("k", "id", "nip", "v", "jti")):
            return None
        if claims["v"] not in Verdict.__members__:
            return None
        return claims


@dataclass(frozen=True)
class LinkOutcome:
    """What a link's page shows: ``form`` (a valid link opened), ``done``, or why not (``invalid``, ``used``,
    ``decided``, ``refused``), with the item as the queue shows it."""

    state: str
    spec: KindSpec | None = None
    verdict: Verdict | None = None
    item: dict[str, Any] = field(default_factory=dict)
    message: str = ""
    status: int = 200


class DecisionLinkService:
    def __init__(
        self, links: DecisionLinks, decisions: DecisionService, used: UsedLinks, *, clock: Callable[[], datetime]
    ) -> None:
        self._links, self._decisions, self._used, self._clock = links, decisions, used, clock

    def open(self, token: str) -> LinkOutcome:
        """The confirmation page of a link; a GET never changes anything."""
        checked = self._check(token)
        if isinstance(checked, LinkOutcome):
            return checked
        claims, spec, item = checked
        return LinkOutcome("form", spec, Verdict(claims["v"]), self._decisions.view(spec.kind, item))

    def submit(self, token: str, form: DecisionLinkForm) -> LinkOutcome:
        """Carry out the link's decision once, with the note (and rating) from the page's form; the page is built
        once, from what the decision stored (or, when refused, from the item as it stands). The rating is a form's
        text, checked here so that a wrong one shows the form again rather than a JSON error."""
        checked = self._check(token)
        if isinstance(checked, LinkOutcome):
            return checked
        claims, spec, item = checked
        verdict = Verdict(claims["v"])
        rating_text = (form.rating or "").strip()
        if rating_text and not (rating_text.isascii() and rating_text.isdigit() and len(rating_text) == 1):
            return LinkOutcome("form", spec, verdict, self._decisions.view(spec.kind, item), "Nilai harus 1-5.", 400)
        decision = Decision(verdict, form.note, int(rating_text) if rating_text else None)
        try:
            decided = self._decisions.decide_as(claims["nip"], spec.kind, claims["id"], decision)
        except DomainError as exc:
            if exc.status == 403:
                return LinkOutcome("refused", message=exc.message, status=403)
            if exc.code in ("ALREADY_DECIDED", "CONFLICT"):
                current = self._decisions.view(spec.kind, self._decisions.kind(spec.kind).load(claims["id"]))
                return LinkOutcome("decided", spec, verdict, current, f"{_noun(spec)} ini sudah diputuskan.", 409)
            return LinkOutcome("form", spec, verdict, self._decisions.view(spec.kind, item), exc.message, 400)
        self._used.mark(claims["jti"], self._clock(), claims["exp"])
        return LinkOutcome("done", spec, verdict, self._decisions.view(spec.kind, decided))

    def _check(self, token: str) -> LinkOutcome | tuple[dict[str, Any], KindSpec, Any]:
        """The link's claims, its kind and the item, or why the link cannot be used."""
        claims = self._links.read(token)
        if claims is None:
            return LinkOutcome("invalid", message="Tautan tidak sah atau sudah kedaluwarsa.", status=400)
        if self._used.was_used(claims["jti"]):
            return LinkOutcome("used", message="Tautan ini sudah pernah digunakan.", status=409)
        try:
            kind = self._decisions.kind(claims["k"])
            item = kind.load(claims["id"])
        except DomainError:
            return LinkOutcome("invalid", message="Data yang diputuskan tidak ditemukan.", status=404)
        spec, subject = kind.spec, kind.subject(item)
        if not spec.email_link:
            return LinkOutcome("invalid", message="Tautan tidak sah atau sudah kedaluwarsa.", status=400)
        if subject.decider_nip != claims["nip"]:
            return LinkOutcome("refused", message="Tautan ini bukan untuk Anda.", status=403)
        if Verdict(claims["v"]) not in subject.open_verdicts:
            view = self._decisions.view(spec.kind, item)
            return LinkOutcome("decided", spec, Verdict(claims["v"]), view, f"{_noun(spec)} ini sudah diputuskan.", 409)
        return claims, spec, item


def _noun(spec: KindSpec) -> str:
    return spec.noun.capitalize()
