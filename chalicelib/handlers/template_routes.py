"""Report templates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint

if TYPE_CHECKING:
    from ..schemas import TemplateFields, TemplatePatch, VersionQuery

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/templates",
    methods=("POST",),
    status=201,
    summary="Create a report template",
    tag="templates",
    body="TemplateFields",
    response="Template",
)
def create_template(actor: Actor, body: TemplateFields) -> dict[str, Any]:
    return container.templates().create(actor, body)


@endpoint(bp, "/templates", summary="Own templates", tag="templates", response="TemplateList")
def list_templates(actor: Actor) -> dict[str, Any]:
    return container.templates().list(actor)


@endpoint(bp, "/templates/{template_id}", summary="One template", tag="templates", response="Template")
def get_template(actor: Actor, template_id: str) -> dict[str, Any]:
    return container.templates().get(actor, template_id)


@endpoint(
    bp,
    "/templates/{template_id}",
    methods=("PATCH",),
    summary="Edit a template (version required)",
    tag="templates",
    body="TemplatePatch",
    response="Template",
    errors=(409,),
)
def update_template(actor: Actor, template_id: str, body: TemplatePatch) -> dict[str, Any]:
    return container.templates().update(actor, template_id, body)


@endpoint(
    bp,
    "/templates/{template_id}",
    methods=("DELETE",),
    status=204,
    summary="Delete a template (?version=)",
    tag="templates",
    query="VersionQuery",
    errors=(409,),
)
def delete_template(actor: Actor, template_id: str, params: VersionQuery) -> None:
    container.templates().delete(actor, template_id, params)
