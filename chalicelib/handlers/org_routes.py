"""SKPD and satker administration."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint, json_body

bp = Blueprint(__name__)

_ORG_TYPES: dict[str, Any] = {
    "skpd_id": str,
    "satker_id": str,
    "name": str,
    "timezone": str,
    "city": str,
    "office": dict,
    "version": int,
}


@endpoint(bp, "/skpd", methods=("POST",), status=201)
def create_skpd(actor: Actor) -> dict[str, Any]:
    return container.organisation().create_skpd(actor, json_body(bp.current_request, _ORG_TYPES))


@endpoint(bp, "/skpd")
def list_skpd(actor: Actor) -> dict[str, Any]:
    return container.organisation().list_skpd(actor)


@endpoint(bp, "/skpd/{skpd_id}")
def get_skpd(actor: Actor, skpd_id: str) -> dict[str, Any]:
    return container.organisation().get_skpd(actor, skpd_id)


@endpoint(bp, "/skpd/{skpd_id}", methods=("PATCH",))
def update_skpd(actor: Actor, skpd_id: str) -> dict[str, Any]:
    return container.organisation().update_skpd(actor, skpd_id, json_body(bp.current_request, _ORG_TYPES))


@endpoint(bp, "/skpd/{skpd_id}/satker", methods=("POST",), status=201)
def create_satker(actor: Actor, skpd_id: str) -> dict[str, Any]:
    return container.organisation().create_satker(actor, skpd_id, json_body(bp.current_request, _ORG_TYPES))


@endpoint(bp, "/skpd/{skpd_id}/satker/{satker_id}", methods=("PATCH",))
def update_satker(actor: Actor, skpd_id: str, satker_id: str) -> dict[str, Any]:
    body = json_body(bp.current_request, _ORG_TYPES)
    return container.organisation().update_satker(actor, skpd_id, satker_id, body)
