"""Sign-in by one-time code and "Lupa password?": public routes, each answering alike for any username."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint

from ..services import container
from .api import endpoint
from .auth_routes import session_view

if TYPE_CHECKING:
    from ..schemas import CodeLogin, CodeRequest, PasswordReset

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/auth/code",
    methods=("POST",),
    public=True,
    status=202,
    summary="Send a one-time code (sign-in or password reset) to the account's WhatsApp or e-mail",
    tag="auth",
    body="CodeRequest",
    response="CodeSent",
    errors=(429,),
)
def request_code(body: CodeRequest) -> dict[str, Any]:
    return container.one_time_codes().request(body.username, body.purpose)


@endpoint(
    bp,
    "/auth/code/login",
    methods=("POST",),
    public=True,
    summary="Sign in with NIP or e-mail and a one-time code (with an authenticator: the second step follows)",
    tag="auth",
    body="CodeLogin",
    response="SignIn",
    errors=(401, 429),
)
def code_login(body: CodeLogin) -> dict[str, Any]:
    return session_view(container.one_time_codes().sign_in(body.username, body.code))


@endpoint(
    bp,
    "/auth/password-reset",
    methods=("POST",),
    public=True,
    status=204,
    summary="Set a forgotten password with a PASSWORD_RESET code; every earlier session ends",
    tag="auth",
    body="PasswordReset",
    errors=(401, 429),
)
def reset_forgotten_password(body: PasswordReset) -> None:
    container.one_time_codes().reset_password(body.username, body.code, body.new_password)
