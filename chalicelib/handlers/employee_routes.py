"""Accounts managed by the SKPD operator (and the admin); profiles and subordinates."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint, json_body, page_limit, query

bp = Blueprint(__name__)

_PROFILE_TYPES: dict[str, Any] = {
    "nip": str,
    "name": str,
    "jabatan": str,
    "skpd_id": str,
    "satker_id": str,
    "supervisor_nip": str,
    "whatsapp": str,
    "email": str,
    "timezone": str,
    "version": int,
}


@endpoint(bp, "/employees", methods=("POST",), status=201)
def create_employee(actor: Actor) -> dict[str, Any]:
    return container.accounts().create_employee(actor, json_body(bp.current_request, _PROFILE_TYPES))


@endpoint(bp, "/employees")
def list_employees(actor: Actor) -> dict[str, Any]:
    request = bp.current_request
    return container.accounts().list_employees(
        actor, query(request, "skpd_id"), query(request, "satker_id"), query(request, "cursor"), page_limit(request)
    )


@endpoint(bp, "/employees/{nip}")
def get_employee(actor: Actor, nip: str) -> dict[str, Any]:
    return container.accounts().view_employee(actor, nip)


@endpoint(bp, "/employees/{nip}", methods=("PATCH",))
def update_employee(actor: Actor, nip: str) -> dict[str, Any]:
    return container.accounts().update_employee(actor, nip, json_body(bp.current_request, _PROFILE_TYPES))


@endpoint(bp, "/employees/{nip}/supervisor", methods=("PUT",))
def set_supervisor(actor: Actor, nip: str) -> dict[str, Any]:
    body = json_body(bp.current_request, {"supervisor_nip": str})
    return container.accounts().set_supervisor(actor, nip, body.get("supervisor_nip"))


@endpoint(bp, "/employees/{nip}/password-reset", methods=("POST",), status=202)
def reset_password(actor: Actor, nip: str) -> dict[str, Any]:
    container.accounts().reset_password(actor, nip)
    return {"status": "SENT", "message": "Kata sandi sementara dikirim melalui WhatsApp."}


@endpoint(bp, "/employees/{nip}/roles", methods=("PUT",))
def set_roles(actor: Actor, nip: str) -> dict[str, Any]:
    body = json_body(bp.current_request, {"roles": list})
    roles = body.get("roles") or []
    return container.accounts().set_roles(actor, nip, [str(r) for r in roles])


@endpoint(bp, "/employees/{nip}/subordinates")
def list_subordinates(actor: Actor, nip: str) -> dict[str, Any]:
    request = bp.current_request
    return container.accounts().subordinates(actor, nip, query(request, "cursor"), page_limit(request))


@endpoint(bp, "/employees/{nip}/history")
def authority_history(actor: Actor, nip: str) -> dict[str, Any]:
    request = bp.current_request
    return container.accounts().history(actor, nip, query(request, "cursor"), page_limit(request))
