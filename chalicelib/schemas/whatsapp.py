"""The WhatsApp providers' webhook payloads (issue 22): WhatsApp Cloud API and Fonnte.

They are the providers' shapes, not ours: unknown fields are ignored, and nothing in them is refused for its
content (a citizen's message may hold any character; `domain/ptsp/bot.py` reads only words). The routes parse
them only after the call was verified (`integrations/whatsapp_inbound.py`): these models document the request
and give the service typed fields.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, RootModel, StrictStr

from .base import Out, Query

__all__ = [
    "CloudHandshakeQuery",
    "CloudWebhook",
    "FonnteWebhook",
    "WebhookChallenge",
    "WebhookReceipt",
]

_Text = Annotated[StrictStr, Field(max_length=4096)]
_Short = Annotated[StrictStr, Field(max_length=256)]


class _Payload(BaseModel):
    model_config = ConfigDict(extra="ignore")


class CloudText(_Payload):
    body: _Text = ""


class CloudButton(_Payload):
    text: _Text = ""


class CloudMessage(_Payload):
    """One inbound message (``type`` ``text``; other types reach the bot as an empty text)."""

    id: _Short
    from_: _Short = Field(alias="from")
    type: _Short = "text"
    text: CloudText | None = None
    button: CloudButton | None = None


class CloudMetadata(_Payload):
    phone_number_id: _Short
    display_phone_number: _Short | None = None


class CloudValue(_Payload):
    messaging_product: _Short | None = None
    metadata: CloudMetadata | None = None
    messages: list[CloudMessage] = Field(default_factory=list, max_length=100)


class CloudChange(_Payload):
    field: _Short | None = None
    value: CloudValue | None = None


class CloudEntry(_Payload):
    id: _Short | None = None
    changes: list[CloudChange] = Field(default_factory=list, max_length=100)


class CloudWebhook(_Payload):
    """Meta's notification: ``entry[].changes[].value`` with ``metadata.phone_number_id`` (the receiving number)
    and ``messages[]`` (id, from, text.body); status updates (``statuses``) are ignored."""

    object: _Short | None = None
    entry: list[CloudEntry] = Field(default_factory=list, max_length=100)


class FonnteWebhook(_Payload):
    """Fonnte's incoming-message webhook (JSON or a form): ``device`` (the receiving number), ``sender``,
    ``message``; the message's id is ``inboxid`` (or ``id``), else the service derives one from the rest."""

    device: _Short | None = None
    sender: _Short | None = None
    message: _Text | None = None
    name: _Short | None = None
    inboxid: _Short | int | None = None
    id: _Short | int | None = None
    timestamp: _Short | int | None = None


class CloudHandshakeQuery(Query):
    """Meta's subscription check: answered with the challenge when the verify token is ours."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    mode: _Short | None = Field(default=None, alias="hub.mode")
    verify_token: _Short | None = Field(default=None, alias="hub.verify_token")
    challenge: _Short | None = Field(default=None, alias="hub.challenge")


class WebhookChallenge(RootModel[str]):
    """The handshake's answer: ``hub.challenge`` as sent, as text/plain."""


class WebhookReceipt(Out):
    """The webhook's answer: how many citizens' messages were queued for a reply (status updates count 0; a
    provider's retry is queued again and answered once, by the worker)."""

    accepted: int
