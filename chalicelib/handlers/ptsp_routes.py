"""PTSP information desk (issue 22, seed 003 §3): the SKPD's service catalogue and the visitors its desk records,
for its public-service officers (LAYANAN) and the admin. The WhatsApp webhook that answers citizens from the same
catalogue has its own routes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint

if TYPE_CHECKING:
    from ..schemas import (
        DeskExportRequest,
        DeskListQuery,
        DeskRequestInput,
        InformationTypeEdit,
        InformationTypeInput,
    )

bp = Blueprint(__name__)
_TAG = "ptsp"
_TYPES = "/skpd/{skpd_id}/ptsp/types"
_DESK = "/skpd/{skpd_id}/ptsp/desk"


@endpoint(
    bp,
    _TYPES,
    summary="The SKPD's PTSP service catalogue, inactive types too, in menu order (its LAYANAN officers, admin)",
    tag=_TAG,
    response="InformationTypeList",
    errors=(404,),
)
def list_information_types(actor: Actor, skpd_id: str) -> dict[str, Any]:
    return container.ptsp_desk().types(actor, skpd_id)


@endpoint(
    bp,
    _TYPES,
    methods=("POST",),
    status=201,
    summary="Add an information type: name, requirements, procedure, keywords (lower-cased)",
    tag=_TAG,
    body="InformationTypeInput",
    response="InformationTypeOut",
    errors=(404, 409, 422),
)
def create_information_type(actor: Actor, skpd_id: str, body: InformationTypeInput) -> dict[str, Any]:
    return container.ptsp_desk().create_type(actor, skpd_id, body)


@endpoint(
    bp,
    _TYPES + "/{type_id}",
    methods=("PUT",),
    summary="Edit an information type, or deactivate it (active false), over the version last read",
    tag=_TAG,
    body="InformationTypeEdit",
    response="InformationTypeOut",
    errors=(404, 409),
)
def update_information_type(actor: Actor, skpd_id: str, type_id: str, body: InformationTypeEdit) -> dict[str, Any]:
    return container.ptsp_desk().update_type(actor, skpd_id, type_id, body)


@endpoint(
    bp,
    _DESK,
    methods=("POST",),
    status=201,
    summary="Record a visitor at the desk; they get the type's requirements and next steps by WhatsApp at once",
    tag=_TAG,
    body="DeskRequestInput",
    response="DeskRequestOut",
    errors=(404, 422),
)
def record_desk_visitor(actor: Actor, skpd_id: str, body: DeskRequestInput) -> dict[str, Any]:
    return container.ptsp_desk().record(actor, skpd_id, body)


@endpoint(
    bp,
    _DESK,
    summary="The desk's requests of a day or range (default today; at most 31 days), one type, newest first (paged)",
    tag=_TAG,
    query="DeskListQuery",
    response="DeskPage",
    errors=(404,),
)
def list_desk_requests(actor: Actor, skpd_id: str, params: DeskListQuery) -> dict[str, Any]:
    return container.ptsp_desk().requests(actor, skpd_id, params)


@endpoint(
    bp,
    _DESK + "/export",
    methods=("POST",),
    summary="The desk's requests of a range (at most 31 days) as an Excel workbook (a short-lived download link)",
    tag=_TAG,
    body="DeskExportRequest",
    response="DeskExport",
    errors=(404,),
)
def export_desk_requests(actor: Actor, skpd_id: str, body: DeskExportRequest) -> dict[str, Any]:
    return container.ptsp_desk().export(actor, skpd_id, body)
