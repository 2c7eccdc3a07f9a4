"""Attendance complaints (pengaduan presensi): the employee files them, HR of their SKPD (or BKD) verifies them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint

if TYPE_CHECKING:
    from ..schemas import ComplaintInput, ComplaintLetterRequest, ComplaintQuery

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/complaints/upload",
    methods=("POST",),
    status=201,
    summary="A presigned upload for the surat tugas (PDF, at most 300 KB) and the slip to file the complaint with",
    tag="complaints",
    body="ComplaintLetterRequest",
    response="ComplaintLetterUpload",
    errors=(413,),
)
def offer_complaint_letter(actor: Actor, body: ComplaintLetterRequest) -> dict[str, Any]:
    return container.complaints().offer_letter(actor, body)


@endpoint(
    bp,
    "/complaints",
    methods=("POST",),
    status=201,
    summary="File an attendance complaint for a date and session, with the uploaded letter; answers its reference",
    tag="complaints",
    body="ComplaintInput",
    response="Complaint",
    errors=(404, 409, 413, 422),
)
def submit_complaint(actor: Actor, body: ComplaintInput) -> dict[str, Any]:
    return container.complaints().submit(actor, body)


@endpoint(
    bp,
    "/complaints",
    summary="Own complaints, newest date first (filters: status, from, to; paged)",
    tag="complaints",
    query="ComplaintQuery",
    response="ComplaintPage",
)
def list_complaints(actor: Actor, params: ComplaintQuery) -> dict[str, Any]:
    return container.complaints().list_own(actor, params)


@endpoint(
    bp,
    "/complaints/{complaint_id}",
    summary="One complaint with a short-lived link to its letter (the employee, HR of the SKPD, BKD, admin)",
    tag="complaints",
    response="Complaint",
)
def get_complaint(actor: Actor, complaint_id: str) -> dict[str, Any]:
    return container.complaints().get(actor, complaint_id)
