"""Accounts managed by the SKPD operator (and the admin); profiles and subordinates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint

if TYPE_CHECKING:
    from ..schemas import EmployeeInput, EmployeePatch, EmployeeQuery, PageQuery, RolesInput, SupervisorInput

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/employees",
    methods=("POST",),
    status=201,
    summary="Create an account (operator: own SKPD); a temporary password goes out by WhatsApp",
    tag="employees",
    body="EmployeeInput",
    response="Profile",
    errors=(409,),
)
def create_employee(actor: Actor, body: EmployeeInput) -> dict[str, Any]:
    return container.accounts().create_employee(actor, body)


@endpoint(
    bp,
    "/employees",
    summary="Employees of an SKPD, or one satker of it (operator, HR, admin; paged)",
    tag="employees",
    query="EmployeeQuery",
    response="EmployeePage",
)
def list_employees(actor: Actor, params: EmployeeQuery) -> dict[str, Any]:
    return container.accounts().list_employees(actor, params)


@endpoint(
    bp,
    "/employees/{nip}",
    summary="A profile (self, supervisor, operator/HR of the SKPD, admin)",
    tag="employees",
    response="Profile",
)
def get_employee(actor: Actor, nip: str) -> dict[str, Any]:
    return container.accounts().view_employee(actor, nip)


@endpoint(
    bp,
    "/employees/{nip}",
    methods=("PATCH",),
    summary="Edit a profile (operator of the SKPD; version required)",
    tag="employees",
    body="EmployeePatch",
    response="Profile",
    errors=(409,),
)
def update_employee(actor: Actor, nip: str, body: EmployeePatch) -> dict[str, Any]:
    return container.accounts().update_employee(actor, nip, body)


@endpoint(
    bp,
    "/employees/{nip}/supervisor",
    methods=("PUT",),
    summary="Set or clear the direct supervisor (across SKPD: admin only, recorded)",
    tag="employees",
    body="SupervisorInput",
    response="Profile",
    errors=(409,),
)
def set_supervisor(actor: Actor, nip: str, body: SupervisorInput) -> dict[str, Any]:
    return container.accounts().set_supervisor(actor, nip, body)


@endpoint(
    bp,
    "/employees/{nip}/password-reset",
    methods=("POST",),
    status=202,
    summary="New temporary password by WhatsApp; every session of the account ends",
    tag="employees",
    response="Accepted",
)
def reset_password(actor: Actor, nip: str) -> dict[str, Any]:
    container.accounts().reset_password(actor, nip)
    return {"status": "SENT", "message": "Kata sandi sementara dikirim melalui WhatsApp."}


@endpoint(
    bp,
    "/employees/{nip}/roles",
    methods=("PUT",),
    summary="Grant roles (ADMIN)",
    tag="employees",
    body="RolesInput",
    response="Profile",
)
def set_roles(actor: Actor, nip: str, body: RolesInput) -> dict[str, Any]:
    return container.accounts().set_roles(actor, nip, body)


@endpoint(
    bp,
    "/employees/{nip}/subordinates",
    summary="Direct subordinates (paged)",
    tag="employees",
    query="PageQuery",
    response="EmployeePage",
)
def list_subordinates(actor: Actor, nip: str, params: PageQuery) -> dict[str, Any]:
    return container.accounts().subordinates(actor, nip, params)


@endpoint(
    bp,
    "/employees/{nip}/history",
    summary="Authority trail: delegations, supervisors across SKPD, changes to what decides approvals or "
    "entitlements, both the person's and those they made (paged)",
    tag="employees",
    query="PageQuery",
    response="AuditPage",
)
def authority_history(actor: Actor, nip: str, params: PageQuery) -> dict[str, Any]:
    return container.accounts().history(actor, nip, params)
