"""The supervisor's side: the queue, decisions, bulk approval, delegation, and the auto-approval sweep."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint, Rate

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint, logger

if TYPE_CHECKING:
    from ..schemas import DelegationInput

bp = Blueprint(__name__)


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
def create_delegation(actor: Actor, body: DelegationInput) -> dict[str, Any]:
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
    """Approve, as SYSTEM, reports still SUBMITTED 7 days after submission (within 15 minutes of the deadline):
    one message per shard of the pending index; the export queue's worker approves a page at a time
    (`services/auto_approval.py`), so this call's work does not grow with the backlog."""
    queued = container.auto_approval().dispatch()
    logger.info("auto-approval pages queued", extra={"queued": queued})
    return {"queued": queued}
