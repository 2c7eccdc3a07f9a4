"""Kritis, kritik dan saran (issue 22): the public form, its challenge and status page (no account; rate-limited
per IP and per contact), the office's list and detail, and leadership's daily reminder. The steps themselves
(forward, decide, follow up) are decisions: `POST /verifications/kritis_…/{tracking}`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint, Cron

from ..domain.accounts import Actor
from ..domain.photo_limits import MAX_PHOTO_FORM_BYTES
from ..services import container
from .api import client_ip, endpoint, logger

if TYPE_CHECKING:
    from ..schemas import KritisFiling, KritisListQuery

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/public/skpd",
    public=True,
    summary="The SKPDs a citizen may address (id and name only)",
    tag="public",
    response="PublicSkpdList",
    errors=(429,),
)
def public_skpd() -> dict[str, Any]:
    return container.kritis().public_skpd(client_ip(bp))


@endpoint(
    bp,
    "/public/kritis/challenge",
    public=True,
    summary="A signed, single-use proof-of-work challenge for the Kritis form",
    tag="public",
    response="KritisChallenge",
    errors=(429,),
)
def kritis_challenge() -> dict[str, Any]:
    return container.kritis().challenge(client_ip(bp))


@endpoint(
    bp,
    "/public/kritis",
    methods=("POST",),
    public=True,
    status=201,
    summary="File a complaint or suggestion (no account): answers its tracking number",
    tag="public",
    body="KritisFiling",
    response="KritisFiled",
    errors=(409, 413, 422, 429),
    max_body=MAX_PHOTO_FORM_BYTES,
)
def file_kritis(body: KritisFiling) -> dict[str, Any]:
    return container.kritis().file(body, client_ip(bp))


@endpoint(
    bp,
    "/public/kritis/{tracking}",
    public=True,
    summary="The public status of a complaint or suggestion: nothing personal",
    tag="public",
    response="KritisStatus",
    errors=(404, 429),
)
def kritis_status(tracking: str) -> dict[str, Any]:
    return container.kritis().status(tracking, client_ip(bp))


@endpoint(
    bp,
    "/kritis",
    summary="An SKPD's complaints and suggestions in one state (LAYANAN, PIMPINAN, ADMIN)",
    tag="kritis",
    query="KritisListQuery",
    response="KritisPage",
)
def list_kritis(actor: Actor, params: KritisListQuery) -> dict[str, Any]:
    return container.kritis().list(actor, params)


@endpoint(
    bp,
    "/kritis/{tracking}",
    summary="One complaint or suggestion with its contact, photo and history (LAYANAN, PIMPINAN, ADMIN)",
    tag="kritis",
    response="KritisDetail",
    errors=(404,),
)
def kritis_detail(actor: Actor, tracking: str) -> dict[str, Any]:
    return container.kritis().detail(actor, tracking)


@bp.schedule(Cron(0, 1, "*", "*", "?", "*"), name="kritis_reminders")
def kritis_reminders(event: Any) -> None:
    """08.00 WIB daily: remind leadership of items waiting for its decision for the configured days."""
    reminded = container.kritis().remind_overdue()
    logger.info("kritis reminders", extra={"reminded": reminded})
