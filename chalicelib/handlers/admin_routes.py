"""Administrator routes: the WhatsApp outbox and the holiday calendar."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint

if TYPE_CHECKING:
    from ..schemas import HolidayChange, HolidayQuery, OutboxQuery

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/admin/outbox",
    summary="WhatsApp messages the outbox provider recorded (secrets masked), for a recipient or a day (ADMIN)",
    tag="admin",
    query="OutboxQuery",
    response="OutboxList",
)
def list_outbox(actor: Actor, params: OutboxQuery) -> dict[str, Any]:
    return container.outbox_messages().messages(actor, params.recipient, params.day, params.limit or 50)


@endpoint(
    bp,
    "/admin/holidays",
    summary="National holidays and cuti bersama of a year, with the admin's changes (ADMIN)",
    tag="admin",
    query="HolidayQuery",
    response="HolidayYear",
)
def list_holidays(actor: Actor, params: HolidayQuery) -> dict[str, Any]:
    return container.holidays().year(actor, params)


@endpoint(
    bp,
    "/admin/holidays/{day}",
    methods=("PUT",),
    summary="Make a date a holiday (ADD, with a name) or a working day (REMOVE) (ADMIN)",
    tag="admin",
    body="HolidayChange",
    response="HolidayDay",
)
def change_holiday(actor: Actor, day: str, body: HolidayChange) -> dict[str, Any]:
    return container.holidays().change(actor, day, body)


@endpoint(
    bp,
    "/admin/holidays/{day}",
    methods=("DELETE",),
    status=204,
    summary="Undo the admin's change of a date (ADMIN)",
    tag="admin",
)
def reset_holiday(actor: Actor, day: str) -> None:
    container.holidays().reset(actor, day)
