"""Leave (cuti): the employee's requests, the supervisor's consideration, the official's decision, numbering,
the letter, HR's lists and settings, and the e-mailed consider/decide links."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint

if TYPE_CHECKING:
    from ..schemas import (
        CertificateRequest,
        LeaveBalanceQuery,
        LeaveBersamaWorked,
        LeaveCancel,
        LeaveExportRequest,
        LeaveInput,
        LeaveListQuery,
        LeaveOpening,
        LeaveSettingsInput,
        LeaveSkpdQuery,
    )

bp = Blueprint(__name__)
MAX_FORM_BYTES = 8 * 1024


@endpoint(
    bp,
    "/leave/certificate",
    methods=("POST",),
    status=201,
    summary="A presigned upload for a sick leave's doctor's certificate (PDF, at most 1 MB) and its slip",
    tag="leave",
    body="CertificateRequest",
    response="CertificateUpload",
    errors=(413,),
)
def offer_certificate(actor: Actor, body: CertificateRequest) -> dict[str, Any]:
    return container.leave().offer_certificate(actor, body)


@endpoint(
    bp,
    "/leave",
    methods=("POST",),
    status=201,
    summary="Apply for leave (type, reason, dates, address and phone during the leave, certificate when needed)",
    tag="leave",
    body="LeaveInput",
    response="LeaveRequest",
    errors=(404, 409, 413, 422),
)
def apply_for_leave(actor: Actor, body: LeaveInput) -> dict[str, Any]:
    return container.leave().apply(actor, body)


@endpoint(
    bp,
    "/leave",
    summary="Own leave requests, newest first (filters: status, year; paged)",
    tag="leave",
    query="LeaveListQuery",
    response="LeavePage",
)
def list_leave(actor: Actor, params: LeaveListQuery) -> dict[str, Any]:
    return container.leave().list_own(actor, params)


@endpoint(
    bp,
    "/leave/balance",
    summary="Own annual-leave balance as the official form shows it (N-2, N-1, N) and other leave taken",
    tag="leave",
    query="LeaveBalanceQuery",
    response="LeaveBalance",
    errors=(404,),
)
def leave_balance(actor: Actor, params: LeaveBalanceQuery) -> dict[str, Any]:
    return container.leave().balance(actor, params.year)


@endpoint(
    bp,
    "/leave/skpd",
    summary="An SKPD's leave touching a period, by type, status and satker (HR of the SKPD, BKD, admin)",
    tag="leave",
    query="LeaveSkpdQuery",
    response="LeaveSkpdPage",
)
def skpd_leave(actor: Actor, params: LeaveSkpdQuery) -> dict[str, Any]:
    return container.leave().skpd_list(actor, params)


@endpoint(
    bp,
    "/leave/skpd/export",
    methods=("POST",),
    summary="The same list as an Excel workbook (a short-lived download link)",
    tag="leave",
    body="LeaveExportRequest",
    response="LeaveExport",
)
def export_skpd_leave(actor: Actor, body: LeaveExportRequest) -> dict[str, Any]:
    return container.leave().skpd_export(actor, body)


@endpoint(
    bp,
    "/leave/{leave_id}",
    summary="One request with its history (the employee, supervisor, official, numbering officers, HR, admin)",
    tag="leave",
    response="LeaveRequest",
)
def get_leave(actor: Actor, leave_id: str) -> dict[str, Any]:
    return container.leave().get(actor, leave_id)


@endpoint(
    bp,
    "/leave/{leave_id}/cancel",
    methods=("POST",),
    summary="Cancel: the employee while pending; HR or the official an approved leave (reason; its number stays)",
    tag="leave",
    body="LeaveCancel",
    response="LeaveRequest",
    errors=(409,),
)
def cancel_leave(actor: Actor, leave_id: str, body: LeaveCancel) -> dict[str, Any]:
    return container.leave().cancel(actor, leave_id, body)


@endpoint(
    bp,
    "/leave/{leave_id}/letter",
    summary="The leave letter, the official form filled in (PDF, a short-lived link), once numbered",
    tag="leave",
    response="LeaveFile",
    errors=(422,),
)
def leave_letter(actor: Actor, leave_id: str) -> dict[str, Any]:
    return container.leave().letter(actor, leave_id)


@endpoint(
    bp,
    "/skpd/{skpd_id}/leave-settings",
    summary="Who grants leave in the SKPD and its letter-number format (HR of the SKPD, BKD, admin)",
    tag="leave",
    response="LeaveSettings",
)
def leave_settings(actor: Actor, skpd_id: str) -> dict[str, Any]:
    return container.leave().settings(actor, skpd_id)


@endpoint(
    bp,
    "/skpd/{skpd_id}/leave-settings",
    methods=("PUT",),
    summary="Set who grants leave in the SKPD (null: each supervisor's supervisor) and the number format",
    tag="leave",
    body="LeaveSettingsInput",
    response="LeaveSettings",
    errors=(404, 409),
)
def update_leave_settings(actor: Actor, skpd_id: str, body: LeaveSettingsInput) -> dict[str, Any]:
    return container.leave().update_settings(actor, skpd_id, body)


@endpoint(
    bp,
    "/employees/{nip}/leave-opening",
    methods=("PUT",),
    summary="HR records what was left of a year's annual leave before leave was recorded in Kinerja",
    tag="leave",
    body="LeaveOpening",
    response="LeaveBalance",
    errors=(404,),
)
def set_leave_opening(actor: Actor, nip: str, body: LeaveOpening) -> dict[str, Any]:
    return container.leave().set_opening(actor, nip, body)


@endpoint(
    bp,
    "/employees/{nip}/leave-bersama-worked",
    methods=("PUT",),
    summary="HR records the cuti bersama days of a year an employee worked by duty (added to their annual leave)",
    tag="leave",
    body="LeaveBersamaWorked",
    response="LeaveBalance",
    errors=(404,),
)
def set_leave_bersama_worked(actor: Actor, nip: str, body: LeaveBersamaWorked) -> dict[str, Any]:
    return container.leave().set_bersama_worked(actor, nip, body)
