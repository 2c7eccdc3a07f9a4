"""Daily activity reports and their evidence (the employee's side)."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint, json_body, page_limit, query

bp = Blueprint(__name__)

_REPORT_TYPES: dict[str, Any] = {
    "date": str,
    "start_time": str,
    "end_time": str,
    "title": str,
    "description": str,
    "output": str,
    "template_id": str,
    "rhk_id": str,
    "version": int,
}


@endpoint(bp, "/reports", methods=("POST",), status=201)
def create_report(actor: Actor) -> dict[str, Any]:
    return container.reports().create(actor, json_body(bp.current_request, _REPORT_TYPES))


@endpoint(bp, "/reports")
def list_reports(actor: Actor) -> dict[str, Any]:
    request = bp.current_request
    filters = {name: query(request, name) for name in ("status", "from", "to", "q", "cursor")}
    return container.reports().list_own(actor, filters, page_limit(request, default=20))


@endpoint(bp, "/reports/{report_id}")
def get_report(actor: Actor, report_id: str) -> dict[str, Any]:
    return container.reports().get(actor, report_id)


@endpoint(bp, "/reports/{report_id}", methods=("PATCH",))
def update_report(actor: Actor, report_id: str) -> dict[str, Any]:
    return container.reports().update(actor, report_id, json_body(bp.current_request, _REPORT_TYPES))


@endpoint(bp, "/reports/{report_id}", methods=("DELETE",))
def withdraw_report(actor: Actor, report_id: str) -> dict[str, Any]:
    version = query(bp.current_request, "version")
    return container.reports().withdraw(actor, report_id, int(version) if version and version.isdigit() else None)


@endpoint(bp, "/reports/{report_id}/copy", methods=("POST",), status=201)
def copy_report(actor: Actor, report_id: str) -> dict[str, Any]:
    request = bp.current_request
    body = json_body(request, _REPORT_TYPES) if request.raw_body else {}
    return container.reports().copy(actor, report_id, body)


@endpoint(bp, "/reports/{report_id}/evidence", methods=("POST",), status=201)
def request_evidence_upload(actor: Actor, report_id: str) -> dict[str, Any]:
    body = json_body(bp.current_request, {"filename": str, "content_type": str, "size": int})
    return container.evidence().request_upload(
        actor, report_id, body.get("filename"), body.get("content_type"), body.get("size")
    )


@endpoint(bp, "/reports/{report_id}/evidence/confirm", methods=("POST",))
def confirm_evidence(actor: Actor, report_id: str) -> dict[str, Any]:
    body = json_body(bp.current_request, {"upload_token": str})
    return container.evidence().confirm(actor, report_id, body.get("upload_token"))


@endpoint(bp, "/reports/{report_id}/evidence/{evidence_id}", methods=("DELETE",))
def remove_evidence(actor: Actor, report_id: str, evidence_id: str) -> dict[str, Any]:
    return container.evidence().remove(actor, report_id, evidence_id)
