"""The WhatsApp providers' webhooks (issue 22): citizens' messages to an SKPD's PTSP number.

Verified on the exact bytes before anything is parsed (`services/whatsapp_inbox.py`), then queued for the
auto-reply; the provider gets its 200 at once. README "Configuration" says which SKPD answers which number.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint, Response

from ..services import container
from .api import FORM_CONTENT_TYPE, endpoint, form_body, json_body, validated

if TYPE_CHECKING:
    from ..schemas.whatsapp import CloudHandshakeQuery

bp = Blueprint(__name__)

#: Meta sends a notification of at most a few kilobytes; anything near this is not theirs
MAX_WEBHOOK_BYTES = 256 * 1024
_REFUSALS = (401, 403, 429)


@endpoint(
    bp,
    "/webhooks/whatsapp/cloud",
    public=True,
    plain=True,
    summary="WhatsApp Cloud API: the subscription handshake (answers hub.challenge as text when the token is ours)",
    tag="whatsapp",
    query="CloudHandshakeQuery",
    response="WebhookChallenge",
    errors=(403,),
)
def whatsapp_cloud_handshake(params: CloudHandshakeQuery) -> Response:
    challenge = container.whatsapp_inbox().handshake(params)
    return Response(
        body=challenge,
        status_code=200,
        headers={"Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff"},
    )


@endpoint(
    bp,
    "/webhooks/whatsapp/cloud",
    methods=("POST",),
    public=True,
    raw=True,
    summary="WhatsApp Cloud API: citizens' messages (X-Hub-Signature-256 over the exact body), queued for a reply",
    tag="whatsapp",
    body="CloudWebhook",
    response="WebhookReceipt",
    errors=_REFUSALS,
    max_body=MAX_WEBHOOK_BYTES,
)
def whatsapp_cloud_messages(request: Any) -> dict[str, int]:
    inbox = container.whatsapp_inbox()
    inbox.verify_cloud(request.raw_body or b"", request.headers.get("x-hub-signature-256"))
    return inbox.accept_cloud(validated("CloudWebhook", json_body(request, MAX_WEBHOOK_BYTES)))


@endpoint(
    bp,
    "/webhooks/whatsapp/fonnte/{token}",
    methods=("POST",),
    public=True,
    raw=True,
    summary="Fonnte: citizens' messages (the URL's token is the shared secret), queued for a reply",
    tag="whatsapp",
    body="FonnteWebhook",
    response="WebhookReceipt",
    errors=_REFUSALS,
    max_body=MAX_WEBHOOK_BYTES,
    content_types=("application/json", FORM_CONTENT_TYPE),
)
def whatsapp_fonnte_messages(token: str, request: Any) -> dict[str, int]:
    inbox = container.whatsapp_inbox()
    inbox.verify_fonnte(token)
    is_form = (request.headers.get("content-type") or "").startswith(FORM_CONTENT_TYPE)
    fields = form_body(request, MAX_WEBHOOK_BYTES, max_fields=40) if is_form else json_body(request, MAX_WEBHOOK_BYTES)
    return inbox.accept_fonnte(validated("FonnteWebhook", fields))
