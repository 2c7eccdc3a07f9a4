"""The document archive (DMS): categories (ADMIN changes them), each employee's archive (the owner, HR of their
SKPD, BKD, ADMIN), HR's verification queue, decisions and per-satker completeness with its Excel export."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint

if TYPE_CHECKING:
    from ..schemas import (
        ArchiveCategoryInput,
        ArchiveCategoryPatch,
        ArchiveCategoryQuery,
        ArchiveCompletenessQuery,
        ArchiveConfirm,
        ArchiveExportRequest,
        ArchiveProfileInput,
        ArchiveUploadRequest,
        ArchiveVersionQuery,
    )

bp = Blueprint(__name__)


# -- categories -------------------------------------------------------------------------------------------------


@endpoint(
    bp,
    "/archive/categories",
    summary="Document categories, arsip utama then arsip kondisional (everyone; ADMIN: ?include_retired=true)",
    tag="archive",
    query="ArchiveCategoryQuery",
    response="ArchiveCategoryList",
)
def list_archive_categories(actor: Actor, params: ArchiveCategoryQuery) -> dict[str, Any]:
    return container.archive().categories(actor, (params.include_retired or "").lower() == "true")


@endpoint(
    bp,
    "/archive/categories",
    methods=("POST",),
    status=201,
    summary="Add a document category: group, who it applies to, file types and size limit (ADMIN)",
    tag="archive",
    body="ArchiveCategoryInput",
    response="ArchiveCategory",
    errors=(409, 422),
)
def create_archive_category(actor: Actor, body: ArchiveCategoryInput) -> dict[str, Any]:
    return container.archive().create_category(actor, body)


@endpoint(
    bp,
    "/archive/categories/{category}",
    methods=("PATCH",),
    summary="Change a document category, or restore a retired one (ADMIN; version required)",
    tag="archive",
    body="ArchiveCategoryPatch",
    response="ArchiveCategory",
    errors=(404, 409),
)
def update_archive_category(actor: Actor, category: str, body: ArchiveCategoryPatch) -> dict[str, Any]:
    return container.archive().update_category(actor, category, body)


@endpoint(
    bp,
    "/archive/categories/{category}",
    methods=("DELETE",),
    summary="Retire a document category: kept with its documents, no longer shown nor counted (ADMIN; ?version=)",
    tag="archive",
    query="ArchiveVersionQuery",
    response="ArchiveCategory",
    errors=(404, 409),
)
def retire_archive_category(actor: Actor, category: str, params: ArchiveVersionQuery) -> dict[str, Any]:
    return container.archive().retire_category(actor, category, params.version)


# -- an employee's archive --------------------------------------------------------------------------------------


@endpoint(
    bp,
    "/archive/employees/{nip}",
    summary="An employee's archive: score, label and each category's state with its document (owner, HR, BKD)",
    tag="archive",
    response="EmployeeArchive",
    errors=(404,),
)
def get_employee_archive(actor: Actor, nip: str) -> dict[str, Any]:
    return container.archive().archive(actor, nip)


@endpoint(
    bp,
    "/archive/employees/{nip}/profile",
    methods=("PUT",),
    summary="What applies to the employee: employment status and conditions (owner, or HR correcting it)",
    tag="archive",
    body="ArchiveProfileInput",
    response="EmployeeArchive",
    errors=(404,),
)
def set_archive_profile(actor: Actor, nip: str, body: ArchiveProfileInput) -> dict[str, Any]:
    return container.archive().set_profile(actor, nip, body)


@endpoint(
    bp,
    "/archive/employees/{nip}/documents/{category}/upload",
    methods=("POST",),
    status=201,
    summary="A presigned upload for a category's document (its types and size limit; owner only)",
    tag="archive",
    body="ArchiveUploadRequest",
    response="ArchiveUpload",
    errors=(404, 413),
)
def offer_archive_upload(actor: Actor, nip: str, category: str, body: ArchiveUploadRequest) -> dict[str, Any]:
    return container.archive().offer_upload(actor, nip, category, body)


@endpoint(
    bp,
    "/archive/employees/{nip}/documents/{category}/confirm",
    methods=("POST",),
    summary="Keep the uploaded file as the category's document once its content is checked (else it is deleted)",
    tag="archive",
    body="ArchiveConfirm",
    response="EmployeeArchive",
    errors=(404, 409, 413),
)
def confirm_archive_upload(actor: Actor, nip: str, category: str, body: ArchiveConfirm) -> dict[str, Any]:
    return container.archive().confirm_upload(actor, nip, category, body)


@endpoint(
    bp,
    "/archive/employees/{nip}/documents/{category}",
    methods=("DELETE",),
    summary="Withdraw a document that is not verified (owner; ?version=)",
    tag="archive",
    query="ArchiveVersionQuery",
    response="EmployeeArchive",
    errors=(404, 409),
)
def withdraw_archive_document(actor: Actor, nip: str, category: str, params: ArchiveVersionQuery) -> dict[str, Any]:
    return container.archive().withdraw(actor, nip, category, params.version)


@endpoint(
    bp,
    "/archive/completeness",
    summary="A satker's employees with their archive score and what each still misses (HR, BKD, ADMIN; paged)",
    tag="archive",
    query="ArchiveCompletenessQuery",
    response="ArchiveCompleteness",
    errors=(404,),
)
def archive_completeness(actor: Actor, params: ArchiveCompletenessQuery) -> dict[str, Any]:
    return container.archive().completeness(actor, params)


@endpoint(
    bp,
    "/archive/completeness/export",
    methods=("POST",),
    status=202,
    summary="The satker's completeness as Excel, built in the background; poll GET /exports/{job_id}",
    tag="archive",
    body="ArchiveExportRequest",
    response="ExportJob",
    errors=(404,),
)
def export_archive_completeness(actor: Actor, body: ArchiveExportRequest) -> dict[str, Any]:
    return container.archive().request_export(actor, body)
