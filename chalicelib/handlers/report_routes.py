"""Daily activity reports and their evidence (the employee's side)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint

if TYPE_CHECKING:
    from ..schemas import (
        EvidenceConfirm,
        EvidenceRequest,
        ReportCopy,
        ReportDraft,
        ReportInput,
        ReportPatch,
        ReportQuery,
        VersionQuery,
    )

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/reports",
    methods=("POST",),
    status=201,
    summary="File a daily activity report (optionally from a template)",
    tag="reports",
    body="ReportInput",
    response="Report",
    errors=(404, 409, 422),
)
def create_report(actor: Actor, body: ReportInput) -> dict[str, Any]:
    return container.reports().create(actor, body)


@endpoint(
    bp,
    "/reports/hints",
    methods=("POST",),
    summary="The report coach's advice on a draft while it is typed (never a refusal; writes nothing)",
    tag="reports",
    body="ReportDraft",
    empty_body=True,
    response="ReportHints",
)
def report_hints(actor: Actor, body: ReportDraft) -> dict[str, Any]:
    return container.report_coach().hints(actor, body)


@endpoint(
    bp,
    "/reports",
    summary="Own reports, newest first (filters: status, from, to, q; paged)",
    tag="reports",
    query="ReportQuery",
    response="ReportPage",
)
def list_reports(actor: Actor, params: ReportQuery) -> dict[str, Any]:
    return container.reports().list_own(actor, params)


@endpoint(
    bp,
    "/reports/{report_id}",
    summary="One report with its history (owner, its supervisor, admin)",
    tag="reports",
    response="Report",
)
def get_report(actor: Actor, report_id: str) -> dict[str, Any]:
    return container.reports().get(actor, report_id)


@endpoint(
    bp,
    "/reports/{report_id}",
    methods=("PATCH",),
    summary="Edit a SUBMITTED report (version required)",
    tag="reports",
    body="ReportPatch",
    response="Report",
    errors=(409, 422),
)
def update_report(actor: Actor, report_id: str, body: ReportPatch) -> dict[str, Any]:
    return container.reports().update(actor, report_id, body)


@endpoint(
    bp,
    "/reports/{report_id}",
    methods=("DELETE",),
    summary="Withdraw a SUBMITTED report (?version=)",
    tag="reports",
    query="VersionQuery",
    response="Report",
    errors=(409,),
)
def withdraw_report(actor: Actor, report_id: str, params: VersionQuery) -> dict[str, Any]:
    return container.reports().withdraw(actor, report_id, params)


@endpoint(
    bp,
    "/reports/{report_id}/copy",
    methods=("POST",),
    status=201,
    summary="Copy a REJECTED report into a new one, with optional changes",
    tag="reports",
    body="ReportCopy",
    empty_body=True,
    response="Report",
    errors=(409, 422),
)
def copy_report(actor: Actor, report_id: str, body: ReportCopy) -> dict[str, Any]:
    return container.reports().copy(actor, report_id, body)


@endpoint(
    bp,
    "/reports/{report_id}/evidence",
    methods=("POST",),
    status=201,
    summary="A presigned upload for one evidence file (JPEG, PNG or PDF, at most 2 MB, 5 per report)",
    tag="reports",
    body="EvidenceRequest",
    response="EvidenceUpload",
    errors=(409, 413, 422),
)
def request_evidence_upload(actor: Actor, report_id: str, body: EvidenceRequest) -> dict[str, Any]:
    return container.evidence().request_upload(actor, report_id, body)


@endpoint(
    bp,
    "/reports/{report_id}/evidence/confirm",
    methods=("POST",),
    summary="Attach an uploaded file once its content is checked (else it is deleted)",
    tag="reports",
    body="EvidenceConfirm",
    response="Report",
    errors=(409, 413, 422),
)
def confirm_evidence(actor: Actor, report_id: str, body: EvidenceConfirm) -> dict[str, Any]:
    return container.evidence().confirm(actor, report_id, body.upload_token)


@endpoint(
    bp,
    "/reports/{report_id}/evidence/{evidence_id}",
    methods=("DELETE",),
    summary="Remove an evidence file",
    tag="reports",
    response="Report",
    errors=(409,),
)
def remove_evidence(actor: Actor, report_id: str, evidence_id: str) -> dict[str, Any]:
    return container.evidence().remove(actor, report_id, evidence_id)
