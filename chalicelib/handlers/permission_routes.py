"""Permission requests (izin, issue 20): the employee asks, lists, reads and withdraws them. The direct supervisor
(or their delegate) decides them in the one inbox (`/verifications/permission/...`), so no decision route here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint

if TYPE_CHECKING:
    from ..schemas import PermissionInput, PermissionQuery, VersionQuery

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/permissions",
    methods=("POST",),
    status=201,
    summary="Ask for a permission (izin terlambat, pulang cepat, keluar kantor, tidak masuk); answers its reference",
    tag="permissions",
    body="PermissionInput",
    response="Permission",
    errors=(409, 422),
)
def request_permission(actor: Actor, body: PermissionInput) -> dict[str, Any]:
    return container.permissions().request(actor, body)


@endpoint(
    bp,
    "/permissions",
    summary="Own permissions, newest date first (filters: from, to; paged)",
    tag="permissions",
    query="PermissionQuery",
    response="PermissionPage",
)
def list_permissions(actor: Actor, params: PermissionQuery) -> dict[str, Any]:
    return container.permissions().list_own(actor, params)


@endpoint(
    bp,
    "/permissions/{permission_id}",
    summary="One permission with its history (the employee, the supervisor or a delegate, HR of the SKPD, BKD, admin)",
    tag="permissions",
    response="Permission",
)
def get_permission(actor: Actor, permission_id: str) -> dict[str, Any]:
    return container.permissions().get(actor, permission_id)


@endpoint(
    bp,
    "/permissions/{permission_id}",
    methods=("DELETE",),
    summary="Withdraw an own permission nobody has decided yet (?version=)",
    tag="permissions",
    query="VersionQuery",
    response="Permission",
    errors=(409,),
)
def withdraw_permission(actor: Actor, permission_id: str, params: VersionQuery) -> dict[str, Any]:
    return container.permissions().withdraw(actor, permission_id, params.version)
