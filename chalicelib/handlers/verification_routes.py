"""The supervisor's side: the queue, decisions, bulk approval, delegation, and the auto-approval sweep."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint, Rate

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint, json_body, logger, page_limit, query

bp = Blueprint(__name__)


@endpoint(bp, "/verification/queue")
def verification_queue(actor: Actor) -> dict[str, Any]:
    request = bp.current_request
    return container.verification().queue(
        actor, query(request, "for"), query(request, "cursor"), page_limit(request, 20)
    )


@endpoint(bp, "/verification/summary")
def verification_summary(actor: Actor) -> dict[str, Any]:
    return container.verification().summary(actor)


@endpoint(bp, "/reports/{report_id}/decision", methods=("POST",))
def decide_report(actor: Actor, report_id: str) -> dict[str, Any]:
    body = json_body(bp.current_request, {"decision": str, "rating": int, "note": str, "version": int})
    return container.verification().decide(actor, report_id, body)


@endpoint(bp, "/verification/bulk-approve", methods=("POST",))
def bulk_approve(actor: Actor) -> dict[str, Any]:
    body = json_body(bp.current_request, {"report_ids": list, "rating": int, "note": str})
    return container.verification().bulk_approve(actor, body)


@endpoint(bp, "/delegations", methods=("POST",), status=201)
def create_delegation(actor: Actor) -> dict[str, Any]:
    body = json_body(bp.current_request, {"delegate_nip": str, "start_date": str, "end_date": str, "reason": str})
    return container.verification().delegate(actor, body)


@endpoint(bp, "/delegations")
def list_delegations(actor: Actor) -> dict[str, Any]:
    return container.verification().delegations(actor)


@endpoint(bp, "/delegations/{delegation_id}", methods=("DELETE",), status=204)
def revoke_delegation(actor: Actor, delegation_id: str) -> None:
    container.verification().revoke(actor, delegation_id)


@bp.schedule(Rate(15, unit=Rate.MINUTES), name="auto_approval")
def auto_approval(event: Any) -> dict[str, int]:
    """Approve, as SYSTEM, reports still SUBMITTED 7 days after submission (within 15 minutes of the deadline)."""
    summary = container.verification().auto_approve(lambda message, **extra: logger.warning(message, extra=extra))
    logger.info("auto-approval", extra=summary)
    return summary
