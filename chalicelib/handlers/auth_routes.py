"""Sign-in, sign-out, password change, and the caller's own profile and reminder settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import PASSWORD_CHANGE_ROUTE, endpoint

if TYPE_CHECKING:
    from ..schemas import LoginRequest, PasswordChange, ReminderInput

bp = Blueprint(__name__)


def session_view(session: Any) -> dict[str, Any]:
    """A session as every sign-in route answers it (password, one-time code, authenticator code), or the second
    step of the sign-in when the account has an authenticator (`SecondFactor`: a challenge, no session)."""
    if hasattr(session, "challenge"):
        return {"second_factor": "TOTP", "challenge": session.challenge, "expires_in": session.expires_in}
    return {
        "token": session.token,
        "token_type": "Bearer",
        "expires_in": session.expires_in,
        "must_change_password": session.must_change_password,
        "must_enrol_authenticator": session.must_enrol_authenticator,
    }


@endpoint(
    bp,
    "/auth/login",
    methods=("POST",),
    public=True,
    summary="Sign in with NIP or e-mail and password (an account with an authenticator: the second step follows)",
    tag="auth",
    body="LoginRequest",
    response="SignIn",
    errors=(401, 429),
)
def login(body: LoginRequest) -> dict[str, Any]:
    return session_view(container.accounts().sign_in(body.username, body.password))


@endpoint(bp, "/auth/logout", methods=("POST",), status=204, summary="End every session of the caller", tag="auth")
def logout(actor: Actor) -> None:
    container.accounts().sign_out(actor.nip)


@endpoint(
    bp,
    PASSWORD_CHANGE_ROUTE,
    methods=("POST",),
    summary="Change the password (the only route a temporary-password session may use)",
    tag="auth",
    body="PasswordChange",
    response="Session",
)
def change_password(actor: Actor, body: PasswordChange) -> dict[str, Any]:
    return session_view(container.accounts().change_password(actor.nip, body))


@endpoint(bp, "/me", summary="The caller's profile and roles", tag="auth", response="Profile")
def me(actor: Actor) -> dict[str, Any]:
    return container.accounts().profile(actor.nip)


@endpoint(bp, "/me/reminder", summary="The caller's reminder settings", tag="reminders", response="Reminder")
def get_reminder(actor: Actor) -> dict[str, Any]:
    return container.reminders().settings(actor)


@endpoint(
    bp,
    "/me/reminder",
    methods=("PUT",),
    summary="Set the reminder: on/off, daily (working days), weekly (a weekday) or monthly (a day)",
    tag="reminders",
    body="ReminderInput",
    response="Reminder",
)
def put_reminder(actor: Actor, body: ReminderInput) -> dict[str, Any]:
    return container.reminders().update(actor, body)
