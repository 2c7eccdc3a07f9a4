"""SKP (sasaran kinerja pegawai): the employee's year of targets (RHK), its versions, the supervisor's cascade.

Approving or returning an SKP is the one verification mechanism (kind ``skp``: `POST /verifications/skp/{id}`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint

if TYPE_CHECKING:
    from ..schemas import SkpCreate, SkpParentsQuery, SkpQuery, SkpSubmit, SkpTargetsInput, SkpYearQuery

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/skp",
    summary="An SKP of a year: the caller's, or with nip another's (their supervisor or delegate, HR, BKD, admin)",
    tag="skp",
    query="SkpQuery",
    response="Skp",
    errors=(404,),
)
def get_skp(actor: Actor, params: SkpQuery) -> dict[str, Any]:
    return container.skp().get(actor, params.year, params.nip)


@endpoint(
    bp,
    "/skp",
    methods=("POST",),
    status=201,
    summary="Start the caller's SKP of a year (a draft with no targets)",
    tag="skp",
    body="SkpCreate",
    response="Skp",
    errors=(409,),
)
def create_skp(actor: Actor, body: SkpCreate) -> dict[str, Any]:
    return container.skp().create(actor, body.year)


@endpoint(
    bp,
    "/skp/cascade",
    summary="The caller's approved targets with the staff RHK cascaded from them, and the staff's SKP statuses",
    tag="skp",
    query="SkpYearQuery",
    response="SkpCascade",
)
def skp_cascade(actor: Actor, params: SkpYearQuery) -> dict[str, Any]:
    return container.skp_cascade().cascade(actor, params.year)


@endpoint(
    bp,
    "/skp/parents",
    summary="The caller's direct supervisor's approved targets of a year (what a staff RHK may cascade from)",
    tag="skp",
    query="SkpParentsQuery",
    response="SkpParents",
)
def skp_parents(actor: Actor, params: SkpParentsQuery) -> dict[str, Any]:
    return container.skp().parents(actor, params.year)


@endpoint(
    bp,
    "/skp/{skp_id}",
    methods=("PUT",),
    summary="Replace the targets of the caller's SKP (draft, returned, or approved: then a draft again)",
    tag="skp",
    body="SkpTargetsInput",
    response="Skp",
    errors=(404, 409, 422),
)
def edit_skp(actor: Actor, skp_id: str, body: SkpTargetsInput) -> dict[str, Any]:
    return container.skp().edit(actor, skp_id, body)


@endpoint(
    bp,
    "/skp/{skp_id}/submit",
    methods=("POST",),
    summary="Submit the caller's SKP to their direct supervisor (at least one main RHK)",
    tag="skp",
    body="SkpSubmit",
    response="Skp",
    errors=(404, 409, 422),
)
def submit_skp(actor: Actor, skp_id: str, body: SkpSubmit) -> dict[str, Any]:
    return container.skp().submit(actor, skp_id, body.version)


@endpoint(
    bp,
    "/skp/{skp_id}/versions",
    summary="Every approved version of an SKP, newest first",
    tag="skp",
    response="SkpVersions",
    errors=(404,),
)
def skp_versions(actor: Actor, skp_id: str) -> dict[str, Any]:
    return container.skp().versions(actor, skp_id)
