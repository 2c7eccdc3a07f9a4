"""The document archive (DMS): the admin's category list, each employee's archive and score, HR's verification
queue and decisions, the per-satker completeness list and its Excel export (built by the exports worker)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..domain.accounts import Actor, Employee, Role, require_hr, require_role
from ..domain.archive import (
    APPLIES_LABELS,
    DEFAULT_CATEGORIES,
    GROUP_LABELS,
    MAX_CATEGORIES,
    STATUS_LABELS,
    ArchiveProfile,
    Category,
    Completeness,
    Document,
    DocumentStatus,
    Group,
    applies,
    check_withdrawable,
    completeness,
    require_archive_access,
    require_owner,
    sort_categories,
    state_of,
    uploaded,
    with_employment,
)
from ..domain.attendance import local_now
from ..domain.errors import BusinessRule, Conflict, NotFound, ValidationError
from ..domain.history import history_view
from ..domain.identity import validate_code, validate_nip
from ..domain.organisation import Satker
from ..domain.uploads import FileRule
from ..integrations.queue import NotificationQueue
from ..integrations.storage import ObjectStore
from ..store.protocols import ArchiveCatalog, ArchiveRepository, EmployeeRepository, ExportJobs, OrgRepository
from .uploads import UploadService

if TYPE_CHECKING:
    from ..schemas import (
        ArchiveCategoryInput,
        ArchiveCategoryPatch,
        ArchiveCompletenessQuery,
        ArchiveConfirm,
        ArchiveExportRequest,
        ArchiveProfileInput,
        ArchiveUploadRequest,
    )

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: a category's settings a request may set or change (the code never changes); null leaves one as it is
_SETTINGS = ("name", "group", "applies_to", "files", "max_kb", "description", "order")
_BATCH = 100  # profiles read at once (BatchGetItem's limit)


class ArchiveService:
    def __init__(
        self,
        catalog: ArchiveCatalog,
        archive: ArchiveRepository,
        employees: EmployeeRepository,
        org: OrgRepository,
        uploads: UploadService,
        jobs: ExportJobs,
        queue: NotificationQueue,
        store: ObjectStore,
        *,
        clock: Callable[[], datetime],
        url_ttl: int,
    ) -> None:
        self._catalog, self._archive, self._employees, self._org = catalog, archive, employees, org
        self._uploads, self._jobs, self._queue, self._store = uploads, jobs, queue, store
        self._clock, self._url_ttl = clock, url_ttl

    # -- categories (everyone reads; the admin changes) ---------------------------------------------------------

    def categories(self, actor: Actor, include_retired: bool = False) -> dict[str, Any]:
        shown = [c for c in self._categories() if c.active or (include_retired and actor.is_admin)]
        return {"items": [category_view(c) for c in sort_categories(shown)]}

    def create_category(self, actor: Actor, body: ArchiveCategoryInput) -> dict[str, Any]:
        """A new category from the checked fields (code, name and group required; the rest has the defaults)."""
        require_role(actor, Role.ADMIN)
        if len(self._categories()) >= MAX_CATEGORIES:
            raise BusinessRule(f"Paling banyak {MAX_CATEGORIES} kategori arsip.", code="TOO_MANY_CATEGORIES")
        category = replace(Category(code=body.code, name=body.name, group=body.group), **_settings(body))
        return category_view(self._catalog.save(category))

    def update_category(self, actor: Actor, code: str, body: ArchiveCategoryPatch) -> dict[str, Any]:
        """The settings sent (and ``active``) change; the rest stays."""
        require_role(actor, Role.ADMIN)
        category = self._checked_category(code, body.version)
        changes = _settings(body)
        if body.active is not None:
            changes["active"] = body.active
        return category_view(self._catalog.save(replace(category, **changes)))

    def retire_category(self, actor: Actor, code: str, version: int) -> dict[str, Any]:
        """Stop using a category: documents stay, it no longer shows nor counts (``active: true`` restores it)."""
        require_role(actor, Role.ADMIN)
        category = self._checked_category(code, version)
        return category_view(self._catalog.save(replace(category, active=False)))

    # -- an employee's archive ----------------------------------------------------------------------------------

    def archive(self, actor: Actor, nip: str) -> dict[str, Any]:
        owner = require_archive_access(actor, self._employees.get(validate_nip(nip)))
        return self._view(owner)

    def set_profile(self, actor: Actor, nip: str, body: ArchiveProfileInput) -> dict[str, Any]:
        """The conditions that apply to the employee (the whole list): declared by them, corrected by HR
        (employment status is the account's, kept by the operator)."""
        owner = require_archive_access(actor, self._employees.get(validate_nip(nip)))
        profile = replace(self._archive.profile(nip), conditions=frozenset(body.conditions))
        self._archive.save_profile(profile)
        return self._view(owner)

    def offer_upload(self, actor: Actor, nip: str, code: str, body: ArchiveUploadRequest) -> dict[str, Any]:
        """A presigned upload for the category's document (its types and size limit), and the slip to confirm it."""
        require_owner(actor, nip)
        category = self._active_category(code)
        prefix = f"archive/{nip}/{category.code}"
        return self._uploads.offer(category.rule, prefix, _context(nip, category), body)

    def confirm_upload(self, actor: Actor, nip: str, code: str, body: ArchiveConfirm) -> dict[str, Any]:
        """Store the uploaded file as the category's document (replacing the old one) once its bytes are checked."""
        require_owner(actor, nip)
        owner = self._employee(nip)
        category = self._active_category(code)
        context, token = _context(nip, category), body.upload_token
        try:
            stored = self._uploads.accept(category.rule, context, token)
        except Conflict as exc:
            previous = self._archive.get(nip, category.code)
            repeated = previous is not None and previous.key == self._uploads.accepted_key(context, token)
            if exc.code == "UPLOAD_ALREADY_USED" and repeated:
                return self._view(owner)  # confirmed twice (a retry): the same answer
            raise
        previous = self._archive.get(nip, category.code)
        document = uploaded(
            previous,
            nip=nip,
            category=category,
            key=stored.key,
            filename=stored.filename,
            content_type=stored.content_type,
            size=stored.size,
            at=self._clock(),
            unit=(owner.skpd_id, owner.satker_id),
        )
        try:
            self._archive.put(document, previous)
        except Conflict:
            self._uploads.discard(stored.key)
            raise
        if previous is not None:
            self._uploads.discard(previous.key)
        return self._view(owner)

    def withdraw(self, actor: Actor, nip: str, code: str, version: int) -> dict[str, Any]:
        """The owner takes back a document that is not verified (its file is deleted)."""
        require_owner(actor, nip)
        owner = self._employee(nip)
        document = self._document(nip, code)
        _check_version(version, document)
        check_withdrawable(document)
        self._archive.remove(document)
        self._uploads.discard(document.key)
        return self._view(owner)

    # -- HR: verification (through the one decision mechanism: `services/decisions/kinds/documents.py`) -------

    def document(self, nip: str, code: str) -> Document:
        """One stored document (404 when absent)."""
        return self._document(nip, code)

    def category_names(self) -> dict[str, str]:
        return {c.code: c.name for c in self._categories()}

    def document_view(self, document: Document, names: dict[str, str]) -> dict[str, Any]:
        """A document as HR sees it in a queue: the file, its category's name (``names``) and its history."""
        return {
            **self._document_view(document),
            "nip": document.nip,
            "category_name": names.get(document.category, document.category),
            "skpd_id": document.skpd_id,
            "satker_id": document.satker_id,
        }

    # -- HR: completeness per satker ------------------------------------------------------------------------------

    def completeness(self, actor: Actor, params: ArchiveCompletenessQuery) -> dict[str, Any]:
        """Each employee of a satker with their score and what they still miss (paged by NIP)."""
        skpd_id, satker = self._hr_satker(actor, params.skpd_id, params.satker_id)
        staff, next_cursor = self._employees.in_skpd(skpd_id, satker.satker_id, params.cursor, params.limit or 50)
        stored = self._archive.profiles({e.nip for e in staff})
        profiles = {e.nip: with_employment(stored[e.nip], e) for e in staff}
        categories = self._categories()
        items = [
            _completeness_view(e, completeness(categories, profiles[e.nip]), profiles[e.nip], categories) for e in staff
        ]
        return {
            "skpd_id": skpd_id,
            "satker_id": satker.satker_id,
            "satker_name": satker.name,
            "items": items,
            "next_cursor": next_cursor,
        }

    def request_export(self, actor: Actor, body: ArchiveExportRequest) -> dict[str, Any]:
        """The satker's completeness as an Excel file, built by the exports worker; poll `GET /exports/{id}`."""
        skpd_id, satker = self._hr_satker(actor, body.skpd_id, body.satker_id)
        job_id = uuid.uuid4().hex
        request = {"kind": "archive", "format": "xlsx", "skpd_id": skpd_id, "satker_id": satker.satker_id}
        self._jobs.create(job_id, actor.nip, request, self._clock())
        self._queue.send_all([{"kind": "archive", "job_id": job_id}])
        return {"job_id": job_id, "status": "PENDING"}

    def run_export(self, job_id: str) -> str:
        """Build one completeness workbook into S3 `exports/` (again, if the message comes twice)."""
        job = self._jobs.get(job_id)
        if job is None or job.status in ("DONE", "FAILED"):
            return "skipped"
        skpd_id, satker_id = job.request["skpd_id"], job.request["satker_id"]
        satker = self._org.get_satker(skpd_id, satker_id)
        if satker is None:
            self._jobs.finish(job_id, self._clock(), error="Satker tidak ditemukan.")
            return "failed"
        from ..documents.archive import completeness_workbook

        staff = sorted(self._all_staff(skpd_id, satker_id), key=lambda e: e.name.lower())
        profiles: dict[str, ArchiveProfile] = {}
        for start in range(0, len(staff), _BATCH):
            chunk = staff[start : start + _BATCH]
            stored = self._archive.profiles({e.nip for e in chunk})
            profiles.update({e.nip: with_employment(stored[e.nip], e) for e in chunk})
        categories = sort_categories(c for c in self._categories() if c.active)
        skpd = self._org.get_skpd(skpd_id)
        today = local_now(self._clock(), satker.timezone.iana).date()
        data = completeness_workbook(
            instansi=skpd.name if skpd else skpd_id,
            satker=satker.name,
            as_of=today,
            rows=[(e, profiles[e.nip], completeness(categories, profiles[e.nip])) for e in staff],
            categories=categories,
        )
        key = f"exports/{job_id}.xlsx"
        self._store.put_bytes(key, data, XLSX)
        self._jobs.finish(
            job_id, self._clock(), key=key, name=f"kelengkapan-arsip-{skpd_id}-{satker_id}-{today:%Y%m%d}.xlsx"
        )
        return "done"

    # -- helpers --------------------------------------------------------------------------------------------------

    def _categories(self) -> list[Category]:
        """The admin's list; the defaults are written on the first use (before any change can be made)."""
        categories = self._catalog.all()
        if not categories:
            self._catalog.seed(list(DEFAULT_CATEGORIES))
            categories = self._catalog.all()
        return categories

    def _checked_category(self, code: str, version: int) -> Category:
        self._categories()
        category = self._catalog.get(validate_code(code, "category"))
        if category is None:
            raise NotFound("Kategori arsip tidak ditemukan.", code="CATEGORY_NOT_FOUND")
        if version != category.version:
            raise Conflict("Kategori telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")
        return category

    def _active_category(self, code: str) -> Category:
        wanted = validate_code(code, "category")
        category = next((c for c in self._categories() if c.code == wanted), None)
        if category is None:
            raise NotFound("Kategori arsip tidak ditemukan.", code="CATEGORY_NOT_FOUND")
        if not category.active:
            raise ValidationError("Kategori arsip ini sudah tidak digunakan.", code="CATEGORY_RETIRED")
        return category

    def _employee(self, nip: str) -> Employee:
        employee = self._employees.get(validate_nip(nip))
        if employee is None:
            raise NotFound("Pegawai tidak ditemukan.", code="EMPLOYEE_NOT_FOUND")
        return employee

    def _document(self, nip: str, code: str) -> Document:
        document = self._archive.get(nip, validate_code(code, "category"))
        if document is None:
            raise NotFound("Dokumen tidak ditemukan.", code="DOCUMENT_NOT_FOUND")
        return document

    def _hr_satker(self, actor: Actor, skpd_id: str | None, satker_id: str) -> tuple[str, Satker]:
        """The SKPD (the caller's by default) and satker an HR list or export is about, in the caller's scope."""
        skpd = skpd_id or actor.skpd_id
        require_hr(actor, skpd)
        satker = self._org.get_satker(skpd, satker_id)
        if satker is None:
            raise NotFound("Satker tidak ditemukan.", code="SATKER_NOT_FOUND")
        return skpd, satker

    def _all_staff(self, skpd_id: str, satker_id: str) -> Iterator[Employee]:
        cursor: str | None = None
        while True:
            staff, cursor = self._employees.in_skpd(skpd_id, satker_id, cursor, 100)
            yield from staff
            if not cursor:
                return

    def _view(self, owner: Employee) -> dict[str, Any]:
        categories = sort_categories(c for c in self._categories() if c.active)
        profile = with_employment(self._archive.profile(owner.nip), owner)
        documents = {d.category: d for d in self._archive.documents(owner.nip)}
        score = completeness(categories, profile)
        groups = []
        for group in Group:
            states = []
            for category in (c for c in categories if c.group is group):
                document = documents.get(category.code)
                status = document.status if document else DocumentStatus.MISSING
                states.append(
                    {
                        **category_view(category),
                        "required": applies(category, profile),
                        "status": status.value,
                        "status_label": STATUS_LABELS[status],
                        "document": self._document_view(document) if document else None,
                    }
                )
            required = [s for s in states if s["required"]]
            groups.append(
                {
                    "group": group.value,
                    "label": GROUP_LABELS[group],
                    "required": len(required),
                    "verified": sum(1 for s in required if s["status"] == DocumentStatus.APPROVED),
                    "categories": states,
                }
            )
        return {
            "nip": owner.nip,
            "name": owner.name,
            "jabatan": owner.jabatan,
            "skpd_id": owner.skpd_id,
            "satker_id": owner.satker_id,
            "employment": profile.employment.value,
            "conditions": sorted(c.value for c in profile.conditions),
            "score": score.score,
            "label": score.label,
            "required": len(score.required),
            "verified": len(score.verified),
            "groups": groups,
        }

    def _document_view(self, document: Document) -> dict[str, Any]:
        return {
            "category": document.category,
            "filename": document.filename,
            "content_type": document.content_type,
            "size": document.size,
            "uploaded_at": document.uploaded_at.isoformat(),
            "status": document.status.value,
            "status_label": STATUS_LABELS[document.status],
            "decided_by": document.decided_by,
            "decided_at": document.decided_at.isoformat() if document.decided_at else None,
            "note": document.note,
            "url": self._uploads.link(document.key, document.filename, self._url_ttl),
            "expires_in": self._url_ttl,
            "history": history_view(document.history),
            "version": document.version,
        }


def category_view(category: Category) -> dict[str, Any]:
    rule: FileRule = category.rule
    return {
        "code": category.code,
        "name": category.name,
        "group": category.group.value,
        "group_label": GROUP_LABELS[category.group],
        "applies_to": category.applies_to.value,
        "applies_label": APPLIES_LABELS[category.applies_to],
        "files": category.files.value,
        "content_types": list(rule.types),
        "max_kb": category.max_kb,
        "size_label": rule.size_label,
        "description": category.description,
        "order": category.order,
        "active": category.active,
        "version": category.version,
    }


def _completeness_view(
    employee: Employee, score: Completeness, profile: ArchiveProfile, categories: list[Category]
) -> dict[str, Any]:
    names = {c.code: c.name for c in categories}
    missing = []
    for code in score.missing:
        status = state_of(profile, code)
        missing.append(
            {"code": code, "name": names[code], "status": status.value, "status_label": STATUS_LABELS[status]}
        )
    return {
        "nip": employee.nip,
        "name": employee.name,
        "jabatan": employee.jabatan,
        "employment": profile.employment.value,
        "score": score.score,
        "label": score.label,
        "required": len(score.required),
        "verified": len(score.verified),
        "missing": missing,
    }


def _context(nip: str, category: Category) -> dict[str, str]:
    return {"kind": "archive", "nip": nip, "category": category.code}


def _settings(body: ArchiveCategoryInput | ArchiveCategoryPatch) -> dict[str, Any]:
    """The settings the request gives a value (as the model checked them: enums as members, texts trimmed)."""
    return {name: getattr(body, name) for name in _SETTINGS if getattr(body, name) is not None}


def _check_version(version: int, document: Document) -> None:
    if version != document.version:
        raise Conflict("Dokumen telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")
