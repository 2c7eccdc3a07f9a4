"""The authenticator app (TOTP): enrolment, the second step of a sign-in, recovery codes, turning it off, and the
admin's reset of someone else's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint
from .auth_routes import session_view

if TYPE_CHECKING:
    from ..schemas import TotpCode, TotpEnrolmentStart, TotpLogin

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/auth/totp/login",
    methods=("POST",),
    public=True,
    summary="Second step of a sign-in: the challenge and the authenticator's code (or a recovery code)",
    tag="auth",
    body="TotpLogin",
    response="Session",
    errors=(401, 429),
)
def totp_login(body: TotpLogin) -> dict[str, Any]:
    return session_view(container.authenticator().sign_in(body.challenge, body.code))


@endpoint(
    bp,
    "/auth/totp/enrolment",
    methods=("POST",),
    status=201,
    summary="Start enrolling an authenticator app: a new secret and its QR code, pending until confirmed",
    tag="auth",
    body="TotpEnrolmentStart",
    empty_body=True,
    response="TotpEnrolment",
)
def begin_enrolment(actor: Actor, body: TotpEnrolmentStart) -> dict[str, Any]:
    return container.authenticator().begin_enrolment(actor.nip)


@endpoint(
    bp,
    "/auth/totp/enrolment/confirm",
    methods=("POST",),
    summary="Confirm the pending authenticator with a code from it: recovery codes (shown once) and a full session",
    tag="auth",
    body="TotpCode",
    response="TotpConfirmed",
    errors=(409,),
)
def confirm_enrolment(actor: Actor, body: TotpCode) -> dict[str, Any]:
    confirmed = container.authenticator().confirm_enrolment(actor.nip, body.code)
    return {**confirmed, "session": session_view(confirmed["session"])}


@endpoint(
    bp,
    "/auth/totp/recovery-codes",
    methods=("POST",),
    summary="New recovery codes for a current authenticator code; the old ones stop working",
    tag="auth",
    body="TotpCode",
    response="RecoveryCodes",
    errors=(409,),
)
def new_recovery_codes(actor: Actor, body: TotpCode) -> dict[str, Any]:
    return container.authenticator().new_recovery_codes(actor.nip, body.code)


@endpoint(
    bp,
    "/auth/totp",
    methods=("DELETE",),
    status=204,
    summary="Turn the authenticator off with a current code (refused for officers who must have one)",
    tag="auth",
    body="TotpCode",
    errors=(409,),
)
def turn_off(actor: Actor, body: TotpCode) -> None:
    container.authenticator().turn_off(actor.nip, body.code)


@endpoint(
    bp,
    "/employees/{nip}/authenticator",
    methods=("DELETE",),
    status=204,
    summary="ADMIN: remove someone's authenticator (never one's own); their sessions end, recorded in both histories",
    tag="employees",
)
def reset_authenticator(actor: Actor, nip: str) -> None:
    container.authenticator().reset(actor, nip)
