"""Roster import: a CSV/XLSX of employees creates or updates accounts, with a per-row report in S3."""

from __future__ import annotations

import base64
import binascii
import csv
import hashlib
import io
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from ..documents.excel import workbook_bytes
from ..domain.accounts import Actor, Role, require_role
from ..domain.errors import Conflict, DomainError, Forbidden, NotFound, PayloadTooLarge, ValidationError
from ..domain.roster import (
    MAX_ROSTER_ROWS,
    REQUIRED_HEADERS,
    RowResult,
    draft_from_mapping,
    is_blank,
    map_header,
    row_to_mapping,
    template_rows,
)
from ..integrations.storage import ObjectStore
from ..store.protocols import EmployeeRepository, OrgRepository
from .accounts import AccountService

if TYPE_CHECKING:
    from ..schemas import RosterUpload

MAX_ROSTER_BYTES = 2 * 1024 * 1024
IMPORT_PREFIX = "imports/"
RESULT_PREFIX = "import-results/"
_XLSX_MAGIC = b"PK\x03\x04"
_CONTENT_TYPES = {".csv": "text/csv", ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
_IMPORTER = "SYSTEM-IMPORT"
_ID_LENGTH = 32  # uuid4().hex


class RosterImportService:
    def __init__(
        self, accounts: AccountService, employees: EmployeeRepository, store: ObjectStore, org: OrgRepository
    ) -> None:
        self._accounts, self._employees, self._store, self._org = accounts, employees, store, org

    def template(self, actor: Actor) -> dict[str, Any]:
        """A file a new operator can fill in: the import's own header row and an example row (with one of the
        SKPD's satker codes), as CSV and XLSX, and the SKPD's satker codes, which the workbook lists too."""
        require_role(actor, Role.OPERATOR_SKPD)
        satkers = [] if actor.is_admin else self._org.list_satker(actor.skpd_id)
        codes = [(s.satker_id, s.name) for s in satkers]
        header, example = template_rows(
            codes[0][0] if codes else "KODE_SATKER", "KODE_SKPD" if actor.is_admin else None
        )
        text = io.StringIO()
        csv.writer(text, lineterminator="\r\n").writerows([header, example])
        workbook = workbook_bytes(
            [
                (
                    "Pegawai",
                    [(name, max(14.0, len(cell) + 4.0), None) for name, cell in zip(header, example, strict=True)],
                    [example],
                ),
                ("Kode satker", [("kode_satker", 16.0, None), ("nama_satker", 48.0, None)], codes),
            ]
        )
        return {
            "skpd_id": None if actor.is_admin else actor.skpd_id,
            "columns": [{"name": name, "required": name in REQUIRED_HEADERS} for name in header],
            "satker": [{"satker_id": code, "name": name} for code, name in codes],
            "csv": text.getvalue(),
            "xlsx_base64": base64.b64encode(workbook).decode(),
        }

    def submit(self, actor: Actor, body: RosterUpload) -> dict[str, Any]:
        """Store an uploaded roster under ``imports/``; the S3 event handler then imports it."""
        require_role(actor, Role.OPERATOR_SKPD)
        extension = _extension(body.filename)
        try:
            data = base64.b64decode(body.content_base64, validate=True)
        except (binascii.Error, ValueError):
            raise ValidationError(
                "Isi berkas harus base64 yang valid.", code="INVALID_BASE64", details={"field": "content_base64"}
            ) from None
        _check_content(extension, data)
        import_id = uuid.uuid4().hex
        # the uploader's NIP follows the id in the name: the import later refuses rows that would change what
        # decides the uploader's own approvals or entitlements (their supervisor, TMT, employment type)
        key = f"{_upload_prefix(actor)}{import_id}{actor.nip}{extension}"
        self._store.put_bytes(key, data, _CONTENT_TYPES[extension])
        return {"import_id": import_id, "status": "PENDING"}

    def result(self, actor: Actor, import_id: str) -> dict[str, Any]:
        """The import report, or ``PENDING`` while the file waits to be processed."""
        require_role(actor, Role.OPERATOR_SKPD)
        if not import_id.isalnum() or len(import_id) > 64:
            raise NotFound("Impor tidak ditemukan.", code="IMPORT_NOT_FOUND")
        report = self._store.get_json(f"{RESULT_PREFIX}{import_id}.json")
        if report is not None:
            if not actor.is_admin and report.get("skpd_id") != actor.skpd_id:
                raise Forbidden("Impor ini milik SKPD lain.")
            return report
        if self._store.any_with_prefix(f"{_upload_prefix(actor)}{import_id}"):
            return {"import_id": import_id, "status": "PENDING"}
        raise NotFound("Impor tidak ditemukan.", code="IMPORT_NOT_FOUND")

    def process_object(self, key: str) -> dict[str, Any]:
        """Import one roster object; safe to run again on the same object (idempotent)."""
        import_id, actor = _scope_of(key)
        report: dict[str, Any] = {"import_id": import_id, "source_key": key, "skpd_id": actor.skpd_id or None}
        try:
            data = self._store.get_bytes(key, MAX_ROSTER_BYTES)
            if data is None:
                raise NotFound("Berkas impor tidak ditemukan.", code="IMPORT_NOT_FOUND")
            extension = _extension(key)
            _check_content(extension, data)
            rows = self._import_rows(actor, _read_rows(extension, data))
        except (DomainError, ValueError) as exc:
            message = exc.message if isinstance(exc, DomainError) else "Berkas tidak dapat dibaca."
            report.update(status="FAILED", error=message, rows=[], totals={})
        else:
            totals: dict[str, int] = {}
            for row in rows:
                totals[row.status] = totals.get(row.status, 0) + 1
            report.update(status="DONE", totals=totals, rows=[asdict(r) for r in rows])
        self._store.put_json(f"{RESULT_PREFIX}{import_id}.json", report)
        return report

    def _import_rows(self, actor: Actor, rows: Iterator[Sequence[object]]) -> list[RowResult]:
        header = map_header(next(rows, ()))
        results: dict[int, RowResult] = {}
        deferred: list[tuple[int, Sequence[object]]] = []
        for number, cells in enumerate(rows, start=2):
            if number - 1 > MAX_ROSTER_ROWS:
                raise ValidationError(f"Berkas berisi lebih dari {MAX_ROSTER_ROWS} baris.", code="ROSTER_TOO_LARGE")
            if is_blank(cells):
                continue
            result = self._import_row(actor, header, number, cells)
            if result.code == "SUPERVISOR_NOT_FOUND":
                deferred.append((number, cells))  # the supervisor may be on a later row
            results[number] = result
        for number, cells in deferred:
            results[number] = self._import_row(actor, header, number, cells)
        return [results[n] for n in sorted(results)]

    def _import_row(self, actor: Actor, header: list[str | None], number: int, cells: Sequence[object]) -> RowResult:
        nip = str(cells[header.index("nip")] if "nip" in header else "").strip()
        try:
            row = row_to_mapping(header, cells)
            draft = draft_from_mapping(row, skpd_id=self._accounts.skpd_for(actor, str(row.get("skpd_id") or "")))
            existing = self._employees.get(draft.nip)
            self._accounts.check_draft(actor, draft, previous=existing)
            if existing is None:
                try:
                    self._accounts.create_from_draft(draft, by=actor.nip)
                    return RowResult(number, draft.nip, "created")
                except Conflict:  # created meanwhile by a parallel run: update it instead
                    existing = self._employees.get(draft.nip)
            if existing is None:
                raise Conflict("Pegawai sedang diubah; impor ulang berkas ini.")
            updated = self._accounts.update_from_draft(existing, draft, by=actor.nip)
            return RowResult(number, draft.nip, "updated" if updated else "unchanged")
        except DomainError as exc:
            return RowResult(number, nip, "error", exc.message, exc.code)


def _upload_prefix(actor: Actor) -> str:
    return f"{IMPORT_PREFIX}skpd/{actor.skpd_id}/" if not actor.is_admin else f"{IMPORT_PREFIX}admin/"


def _scope_of(key: str) -> tuple[str, Actor]:
    """Files under ``imports/skpd/<SKPD>/`` may only touch that SKPD; others are the admin's. A name the API gave
    (``<import id><uploader's NIP>``) acts as its uploader; a file dropped in by other means as the system."""
    parts = key.split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    import_id, by = stem, _IMPORTER
    if len(stem) > _ID_LENGTH and stem.isalnum() and stem[_ID_LENGTH:].isdigit():
        import_id, by = stem[:_ID_LENGTH], stem[_ID_LENGTH:]
    if len(parts) == 4 and parts[1] == "skpd" and stem.isalnum():
        return import_id, Actor(nip=by, skpd_id=parts[2], roles=frozenset({Role.OPERATOR_SKPD}))
    if not (stem.isalnum() and parts[1] == "admin"):
        import_id, by = hashlib.sha256(key.encode()).hexdigest()[:32], _IMPORTER
    return import_id, Actor(nip=by, skpd_id="", roles=frozenset({Role.ADMIN}))


def _extension(name: str) -> str:
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in _CONTENT_TYPES:
        raise ValidationError(
            "Berkas roster harus .csv atau .xlsx.", code="UNSUPPORTED_FILE_TYPE", details={"field": "filename"}
        )
    return extension


def _check_content(extension: str, data: bytes) -> None:
    if len(data) > MAX_ROSTER_BYTES:
        raise PayloadTooLarge(f"Berkas roster paling besar {MAX_ROSTER_BYTES // (1024 * 1024)} MB.")
    if not data:
        raise ValidationError("Berkas roster kosong.", code="EMPTY_FILE")
    if (extension == ".xlsx") != data.startswith(_XLSX_MAGIC):
        raise ValidationError("Isi berkas tidak sesuai dengan jenisnya.", code="FILE_CONTENT_MISMATCH")


def _read_rows(extension: str, data: bytes) -> Iterator[Sequence[object]]:
    if extension == ".xlsx":
        return _xlsx_rows(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError("Berkas CSV harus berkodekan UTF-8.", code="INVALID_ENCODING") from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return iter(csv.reader(io.StringIO(text), delimiter=delimiter))


def _xlsx_rows(data: bytes) -> Iterator[Sequence[object]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a corrupt file
        raise ValidationError("Berkas XLSX rusak atau tidak dapat dibaca.", code="INVALID_XLSX") from exc
    try:
        yield from workbook.worksheets[0].iter_rows(values_only=True)
    finally:
        workbook.close()
