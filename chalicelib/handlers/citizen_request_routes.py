"""Tracked citizen requests across two offices (issue 22, seed 003 §4): the first office's record, ready and cancel,
both offices' lists, one request, and the public status page. The second office decides in the one decision
mechanism (kind ``citizen_request``), so no decision route is here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import client_ip, endpoint

if TYPE_CHECKING:
    from ..schemas import CitizenRequestCancel, CitizenRequestInput, CitizenRequestQuery, CitizenRequestReady

bp = Blueprint(__name__)
_TAG = "citizen requests"


@endpoint(
    bp,
    "/citizen-requests/offices",
    summary="The offices a request can be handed to (every SKPD but mine; LAYANAN, ADMIN)",
    tag=_TAG,
    response="RequestOfficeList",
)
def request_offices(actor: Actor) -> dict[str, Any]:
    return container.citizen_requests().offices(actor)


@endpoint(
    bp,
    "/citizen-requests",
    methods=("POST",),
    status=201,
    summary="Record a citizen's request for the second office (LAYANAN of the first office); the citizen is sent "
    "the tracking number and the status link",
    tag=_TAG,
    body="CitizenRequestInput",
    response="CitizenRequestOut",
    errors=(409,),
)
def record_request(actor: Actor, body: CitizenRequestInput) -> dict[str, Any]:
    return container.citizen_requests().record(actor, body)


@endpoint(
    bp,
    "/citizen-requests",
    summary="My office's requests of one state (default: the one waiting for that side), newest first: those it "
    "recorded (side=origin) or those handed to it (side=target) (LAYANAN; ADMIN any SKPD)",
    tag=_TAG,
    query="CitizenRequestQuery",
    response="CitizenRequestPage",
)
def list_requests(actor: Actor, params: CitizenRequestQuery) -> dict[str, Any]:
    return container.citizen_requests().list(actor, params)


@endpoint(
    bp,
    "/citizen-requests/{request_no}",
    summary="One request with every step (LAYANAN of its two offices — the second once it is ready — and ADMIN)",
    tag=_TAG,
    response="CitizenRequestOut",
    errors=(404,),
)
def get_request(actor: Actor, request_no: str) -> dict[str, Any]:
    return container.citizen_requests().get(actor, request_no)


@endpoint(
    bp,
    "/citizen-requests/{request_no}/ready",
    methods=("POST",),
    summary="The case is decided and the documents complete: hand it to the second office, whose officers are "
    "notified (the first office; also after a return)",
    tag=_TAG,
    body="CitizenRequestReady",
    response="CitizenRequestOut",
    errors=(404, 409),
    empty_body=True,
)
def ready_request(actor: Actor, request_no: str, body: CitizenRequestReady) -> dict[str, Any]:
    return container.citizen_requests().mark_ready(actor, request_no, body)


@endpoint(
    bp,
    "/citizen-requests/{request_no}/cancel",
    methods=("POST",),
    summary="Cancel a request the first office still holds (before ready, or after a return), with the reason",
    tag=_TAG,
    body="CitizenRequestCancel",
    response="CitizenRequestOut",
    errors=(404, 409),
)
def cancel_request(actor: Actor, request_no: str, body: CitizenRequestCancel) -> dict[str, Any]:
    return container.citizen_requests().cancel(actor, request_no, body)


@endpoint(
    bp,
    "/public/requests/{request_no}",
    public=True,
    summary="A tracked request's public status: state and every step with office and date, nothing personal "
    "(no account; rate-limited per IP; a malformed number is 404 like an unknown one)",
    tag=_TAG,
    response="CitizenRequestStatus",
    errors=(404, 429),
)
def request_status(request_no: str) -> dict[str, Any]:
    return container.citizen_requests().public_status(client_ip(bp), request_no)
