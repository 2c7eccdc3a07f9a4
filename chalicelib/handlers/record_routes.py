"""Career records (riwayat sertifikasi, penghargaan, tim kerja): the employee's steps and HR's verification."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint

if TYPE_CHECKING:
    from ..schemas import RecordDraft, RecordInput, RecordListQuery, RecordPatch, RecordUploadRequest, VersionQuery

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/records/upload",
    methods=("POST",),
    status=201,
    summary="A presigned upload for a record's PDF (at most 1 MB); send its slip with the record",
    tag="records",
    body="RecordUploadRequest",
    response="RecordUpload",
)
def request_record_upload(actor: Actor, body: RecordUploadRequest) -> dict[str, Any]:
    return container.records().offer_upload(actor, body)


@endpoint(
    bp,
    "/records/preview",
    methods=("POST",),
    summary="The summary (Ringkasan) of a record's data and uploaded PDF, checked; nothing is stored",
    tag="records",
    body="RecordDraft",
    response="RecordPreview",
    errors=(404, 409, 422),
)
def preview_record(actor: Actor, body: RecordDraft) -> dict[str, Any]:
    return container.records().preview(actor, body)


@endpoint(
    bp,
    "/records",
    methods=("POST",),
    status=201,
    summary="Submit a career record: its data, its PDF (upload slip) and the ticked declaration",
    tag="records",
    body="RecordInput",
    response="CareerRecord",
    errors=(404, 409, 413, 422),
)
def create_record(actor: Actor, body: RecordInput) -> dict[str, Any]:
    return container.records().create(actor, body)


@endpoint(
    bp,
    "/records",
    summary="Own career records, newest first (filters: kind, status; paged)",
    tag="records",
    query="RecordListQuery",
    response="CareerRecordPage",
)
def list_records(actor: Actor, params: RecordListQuery) -> dict[str, Any]:
    return container.records().list_own(actor, params)


@endpoint(
    bp,
    "/records/{record_id}",
    summary="One career record with its history (owner, HR of its SKPD, BKD, admin)",
    tag="records",
    response="CareerRecord",
)
def get_record(actor: Actor, record_id: str) -> dict[str, Any]:
    return container.records().get(actor, record_id)


@endpoint(
    bp,
    "/records/{record_id}",
    methods=("PATCH",),
    summary="Correct a record that is not approved (version and declaration required); it is submitted again",
    tag="records",
    body="RecordPatch",
    response="CareerRecord",
    errors=(409, 413, 422),
)
def update_record(actor: Actor, record_id: str, body: RecordPatch) -> dict[str, Any]:
    return container.records().update(actor, record_id, body)


@endpoint(
    bp,
    "/records/{record_id}",
    methods=("DELETE",),
    summary="Withdraw a record that is not approved (?version=)",
    tag="records",
    query="VersionQuery",
    response="CareerRecord",
    errors=(409,),
)
def withdraw_record(actor: Actor, record_id: str, params: VersionQuery) -> dict[str, Any]:
    return container.records().withdraw(actor, record_id, params.version)
