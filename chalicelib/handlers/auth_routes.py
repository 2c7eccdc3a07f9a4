"""Sign-in, sign-out, password change, and the caller's own profile and reminder settings."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..domain.identity import validate_text
from ..services import container
from .api import PASSWORD_CHANGE_ROUTE, endpoint, json_body

bp = Blueprint(__name__)


def _session_view(session: Any) -> dict[str, Any]:
    return {
        "token": session.token,
        "token_type": "Bearer",
        "expires_in": session.expires_in,
        "must_change_password": session.must_change_password,
    }


@endpoint(bp, "/auth/login", methods=("POST",), public=True)
def login() -> dict[str, Any]:
    body = json_body(bp.current_request, {"username": str, "password": str})
    username = validate_text(body.get("username"), "username", max_len=254)
    password = validate_text(body.get("password"), "password", max_len=1024)
    return _session_view(container.accounts().sign_in(username, password))


@endpoint(bp, "/auth/logout", methods=("POST",), status=204)
def logout(actor: Actor) -> None:
    container.accounts().sign_out(actor.nip)


@endpoint(bp, PASSWORD_CHANGE_ROUTE, methods=("POST",))
def change_password(actor: Actor) -> dict[str, Any]:
    body = json_body(bp.current_request, {"old_password": str, "new_password": str})
    old = validate_text(body.get("old_password"), "old_password", max_len=1024)
    new = str(body.get("new_password") or "")
    return _session_view(container.accounts().change_password(actor.nip, old, new))


@endpoint(bp, "/me")
def me(actor: Actor) -> dict[str, Any]:
    return container.accounts().profile(actor.nip)


@endpoint(bp, "/me/reminder")
def get_reminder(actor: Actor) -> dict[str, Any]:
    return container.reminders().settings(actor)


@endpoint(bp, "/me/reminder", methods=("PUT",))
def put_reminder(actor: Actor) -> dict[str, Any]:
    types = {"enabled": bool, "frequency": str, "time": str, "weekday": int, "day_of_month": int}
    return container.reminders().update(actor, json_body(bp.current_request, types))
