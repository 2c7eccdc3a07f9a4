"""Pages behind the e-mailed approve/reject links: GET shows, POST decides (no sign-in; the link is the key)."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from ..services import container
from . import pages
from .api import endpoint

bp = Blueprint(__name__)
MAX_FORM_BYTES = 8 * 1024


@endpoint(
    bp,
    "/email-actions/{token}",
    public=True,
    html=True,
    summary="Confirmation page of an e-mailed approve/reject link (changes nothing)",
    tag="verification",
)
def open_email_action(token: str) -> Response:
    return pages.render(container.email_actions().open(token))


@endpoint(
    bp,
    "/email-actions/{token}",
    methods=("POST",),
    public=True,
    html=True,
    summary="Carry out an e-mailed decision once (form: rating, note)",
    tag="verification",
    form="EmailActionForm",
    max_body=MAX_FORM_BYTES,
)
def submit_email_action(token: str, body: dict[str, Any]) -> Response:
    return pages.render(container.email_actions().submit(token, body))
