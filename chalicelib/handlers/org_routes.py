"""SKPD and satker administration."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint

if TYPE_CHECKING:
    from ..schemas import OrgPatch, SatkerInput, SkpdInput

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/skpd",
    methods=("POST",),
    status=201,
    summary="Create an SKPD (ADMIN)",
    tag="organisation",
    body="SkpdInput",
    response="Skpd",
    errors=(409,),
)
def create_skpd(actor: Actor, body: SkpdInput) -> dict[str, Any]:
    return container.organisation().create_skpd(actor, body)


@endpoint(bp, "/skpd", summary="All SKPD (ADMIN, BKD)", tag="organisation", response="SkpdList")
def list_skpd(actor: Actor) -> dict[str, Any]:
    return container.organisation().list_skpd(actor)


@endpoint(
    bp,
    "/skpd/{skpd_id}",
    summary="An SKPD with its satker (its members, BKD, admin)",
    tag="organisation",
    response="SkpdDetail",
)
def get_skpd(actor: Actor, skpd_id: str) -> dict[str, Any]:
    return container.organisation().get_skpd(actor, skpd_id)


@endpoint(
    bp,
    "/skpd/{skpd_id}",
    methods=("PATCH",),
    summary="Edit an SKPD (ADMIN; version required)",
    tag="organisation",
    body="OrgPatch",
    response="Skpd",
    errors=(409,),
)
def update_skpd(actor: Actor, skpd_id: str, body: OrgPatch) -> dict[str, Any]:
    return container.organisation().update_skpd(actor, skpd_id, body)


@endpoint(
    bp,
    "/skpd/{skpd_id}/satker",
    methods=("POST",),
    status=201,
    summary="Add a satker, with its office location and radius (ADMIN)",
    tag="organisation",
    body="SatkerInput",
    response="Satker",
    errors=(409,),
)
def create_satker(actor: Actor, skpd_id: str, body: SatkerInput) -> dict[str, Any]:
    return container.organisation().create_satker(actor, skpd_id, body)


@endpoint(
    bp,
    "/skpd/{skpd_id}/satker/{satker_id}",
    methods=("PATCH",),
    summary="Edit a satker (ADMIN; version required)",
    tag="organisation",
    body="OrgPatch",
    response="Satker",
    errors=(409,),
)
def update_satker(actor: Actor, skpd_id: str, satker_id: str, body: OrgPatch) -> dict[str, Any]:
    return container.organisation().update_satker(actor, skpd_id, satker_id, body)
