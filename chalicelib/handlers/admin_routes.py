"""Administrator routes: the WhatsApp outbox and the holiday calendar."""

from __future__ import annotations

from datetime import date
from typing import Any

from chalice import Blueprint

from ..domain.accounts import Actor, Role, require_role
from ..domain.errors import ValidationError
from ..domain.identity import normalise_whatsapp
from ..services import container
from .api import endpoint, json_body, page_limit, query

bp = Blueprint(__name__)


@endpoint(bp, "/admin/outbox")
def list_outbox(actor: Actor) -> dict[str, Any]:
    """Messages recorded by the outbox provider, newest first, for one recipient or one day (UTC)."""
    require_role(actor, Role.ADMIN)
    request = bp.current_request
    outbox = container.outbox()
    recipient, day, limit = query(request, "recipient"), query(request, "day"), page_limit(request)
    if recipient:
        messages = outbox.for_recipient(normalise_whatsapp(recipient, "recipient"), limit)
    else:
        try:
            day = date.fromisoformat(day).isoformat() if day else container.utc_now().date().isoformat()
        except ValueError:
            raise ValidationError(
                "Parameter day harus YYYY-MM-DD.", code="INVALID_DATE", details={"field": "day"}
            ) from None
        messages = outbox.for_day(day, limit)
    return {
        "items": [
            {"message_id": m.message_id, "recipient": m.recipient, "text": m.text, "sent_at": m.sent_at.isoformat()}
            for m in messages
        ]
    }


@endpoint(bp, "/admin/holidays")
def list_holidays(actor: Actor) -> dict[str, Any]:
    return container.holidays().year(actor, query(bp.current_request, "year"))


@endpoint(bp, "/admin/holidays/{day}", methods=("PUT",))
def change_holiday(actor: Actor, day: str) -> dict[str, Any]:
    return container.holidays().change(actor, day, json_body(bp.current_request, {"action": str, "name": str}))


@endpoint(bp, "/admin/holidays/{day}", methods=("DELETE",), status=204)
def reset_holiday(actor: Actor, day: str) -> None:
    container.holidays().reset(actor, day)
