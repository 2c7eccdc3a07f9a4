"""Report templates."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint, json_body, query

bp = Blueprint(__name__)

_TEMPLATE_TYPES: dict[str, Any] = {
    "name": str,
    "title": str,
    "description": str,
    "output": str,
    "duration_minutes": int,
    "version": int,
}


@endpoint(bp, "/templates", methods=("POST",), status=201)
def create_template(actor: Actor) -> dict[str, Any]:
    return container.templates().create(actor, json_body(bp.current_request, _TEMPLATE_TYPES))


@endpoint(bp, "/templates")
def list_templates(actor: Actor) -> dict[str, Any]:
    return container.templates().list(actor)


@endpoint(bp, "/templates/{template_id}")
def get_template(actor: Actor, template_id: str) -> dict[str, Any]:
    return container.templates().get(actor, template_id)


@endpoint(bp, "/templates/{template_id}", methods=("PATCH",))
def update_template(actor: Actor, template_id: str) -> dict[str, Any]:
    return container.templates().update(actor, template_id, json_body(bp.current_request, _TEMPLATE_TYPES))


@endpoint(bp, "/templates/{template_id}", methods=("DELETE",), status=204)
def delete_template(actor: Actor, template_id: str) -> None:
    version = query(bp.current_request, "version")
    container.templates().delete(actor, template_id, int(version) if version and version.isdigit() else None)
