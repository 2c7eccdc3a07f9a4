"""Deciding, one scheme for every verifiable kind (docs/verification.md): the inbox, a kind's queue, one
decision, many decisions, and the pages behind e-mailed decision links."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint, Response

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint

if TYPE_CHECKING:
    from ..schemas.decisions import BulkDecisionInput, DecisionInput, DecisionLinkForm, VerificationQuery

bp = Blueprint(__name__)
MAX_FORM_BYTES = 8 * 1024


@endpoint(
    bp,
    "/me/inbox",
    summary="Everything waiting for the caller's decision, with a count per kind",
    tag="verification",
    response="Inbox",
)
def inbox(actor: Actor) -> dict[str, Any]:
    return container.decisions().inbox(actor)


@endpoint(
    bp,
    "/verifications",
    summary="One kind's queue in the caller's scope, oldest first (filters as the kind allows; paged)",
    tag="verification",
    query="VerificationQuery",
    response="VerificationQueue",
)
def verification_queue(actor: Actor, params: VerificationQuery) -> dict[str, Any]:
    return container.decisions().queue(actor, params)


@endpoint(
    bp,
    "/verifications/{kind}/{item_id}",
    methods=("POST",),
    summary="Decide one item (verdict, note, rating where the kind takes one, version)",
    tag="verification",
    body="DecisionInput",
    response="VerificationItem",
    errors=(409, 422),
)
def decide_one(actor: Actor, kind: str, item_id: str, body: DecisionInput) -> dict[str, Any]:
    return container.decisions().decide(actor, kind, item_id, body.decision())


@endpoint(
    bp,
    "/verifications/{kind}",
    methods=("POST",),
    summary="Decide many items of one kind with one verdict; each answers its own outcome",
    tag="verification",
    body="BulkDecisionInput",
    response="BulkDecisionResult",
)
def decide_many(actor: Actor, kind: str, body: BulkDecisionInput) -> dict[str, Any]:
    return container.decisions().decide_many(actor, kind, body.targets(), body.decision())


@endpoint(
    bp,
    "/decision-links/{token}",
    public=True,
    html=True,
    summary="Confirmation page of an e-mailed decision link (changes nothing)",
    tag="verification",
)
def open_decision_link(token: str) -> Response:
    from . import decision_pages  # the HTML pages: at the first e-mailed link, not in every cold start

    return decision_pages.render(container.decision_links().open(token))


@endpoint(
    bp,
    "/decision-links/{token}",
    methods=("POST",),
    public=True,
    html=True,
    summary="Carry out an e-mailed decision once (form: note, rating where the kind takes one)",
    tag="verification",
    form="DecisionLinkForm",
    max_body=MAX_FORM_BYTES,
)
def submit_decision_link(token: str, body: DecisionLinkForm) -> Response:
    from . import decision_pages

    return decision_pages.render(container.decision_links().submit(token, body))
