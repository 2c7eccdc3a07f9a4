"""The supervisor's side: the queue, decisions, bulk approval, delegation, and the auto-approval sweep."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint, Rate

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint, logger

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/verification/queue",
    summary="SUBMITTED reports waiting for the caller (or, with ?for=, a supervisor who delegated), oldest first",
    tag="verification",
    query="QueueQuery",
    response="Queue",
)
def verification_queue(actor: Actor, params: dict[str, Any]) -> dict[str, Any]:
    return container.verification().queue(actor, params.get("for"), params.get("cursor"), params.get("limit", 20))


@endpoint(
    bp,
    "/verification/summary",
    summary="How many wait for the caller and for each supervisor whose verification they hold",
    tag="verification",
    response="QueueSummary",
)
def verification_summary(actor: Actor) -> dict[str, Any]:
    return container.verification().summary(actor)


@endpoint(
    bp,
    "/reports/{report_id}/decision",
    methods=("POST",),
    summary="Approve or reject (rating 1-5, note; a rejection needs a note)",
    tag="verification",
    body="Decision",
    response="Report",
    errors=(409, 422),
)
def decide_report(actor: Actor, report_id: str, body: dict[str, Any]) -> dict[str, Any]:
    return container.verification().decide(actor, report_id, body)


@endpoint(
    bp,
    "/verification/bulk-approve",
    methods=("POST",),
    summary="Approve many; each succeeds or says why not",
    tag="verification",
    body="BulkApprove",
    response="BulkResult",
)
def bulk_approve(actor: Actor, body: dict[str, Any]) -> dict[str, Any]:
    return container.verification().bulk_approve(actor, body)


@endpoint(
    bp,
    "/delegations",
    methods=("POST",),
    status=201,
    summary="Delegate verification for a date range (the admin may do it for a supervisor)",
    tag="verification",
    body="DelegationInput",
    response="Delegation",
    errors=(404, 409, 422),
)
def create_delegation(actor: Actor, body: dict[str, Any]) -> dict[str, Any]:
    return container.verification().delegate(actor, body)


@endpoint(bp, "/delegations", summary="Delegations given and held", tag="verification", response="Delegations")
def list_delegations(actor: Actor) -> dict[str, Any]:
    return container.verification().delegations(actor)


@endpoint(
    bp,
    "/delegations/{delegation_id}",
    methods=("DELETE",),
    status=204,
    summary="End a delegation now",
    tag="verification",
    errors=(409,),
)
def revoke_delegation(actor: Actor, delegation_id: str) -> None:
    container.verification().revoke(actor, delegation_id)


@bp.schedule(Rate(15, unit=Rate.MINUTES), name="auto_approval")
def auto_approval(event: Any) -> dict[str, int]:
    """Approve, as SYSTEM, reports still SUBMITTED 7 days after submission (within 15 minutes of the deadline)."""
    summary = container.verification().auto_approve(lambda message, **extra: logger.warning(message, extra=extra))
    logger.info("auto-approval", extra=summary)
    return summary
