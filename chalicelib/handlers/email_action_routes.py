"""Pages behind the e-mailed approve/reject links: GET shows, POST decides (no sign-in; the link is the key)."""

from __future__ import annotations

from urllib.parse import parse_qs

from chalice import Blueprint, Response

from ..domain.errors import PayloadTooLarge, ValidationError
from ..services import container
from . import pages
from .api import endpoint

bp = Blueprint(__name__)
MAX_FORM_BYTES = 8 * 1024


@endpoint(bp, "/email-actions/{token}", public=True)
def open_email_action(token: str) -> Response:
    return pages.render(container.email_actions().open(token))


@endpoint(
    bp, "/email-actions/{token}", methods=("POST",), public=True, content_types=["application/x-www-form-urlencoded"]
)
def submit_email_action(token: str) -> Response:
    raw = bp.current_request.raw_body or b""
    if len(raw) > MAX_FORM_BYTES:
        raise PayloadTooLarge("Isi formulir terlalu besar.")
    try:
        fields = parse_qs(raw.decode("utf-8", "replace"), max_num_fields=10)
    except ValueError:
        raise ValidationError("Formulir tidak valid.", code="INVALID_FORM") from None
    form = {k: v[0] for k, v in fields.items()}
    return pages.render(container.email_actions().submit(token, form))
