"""Use cases of career records (riwayat): the employee's steps (data → PDF → summary with the declaration →
submitted), edits and withdrawals while not approved, and HR's list, bulk decisions and revocations."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import fields, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from ..domain import messages
from ..domain.accounts import Actor, require_hr
from ..domain.attendance import local_now
from ..domain.errors import Conflict, DomainError, Forbidden, NotFound
from ..domain.history import history_view
from ..domain.identity import is_id
from ..domain.records import (
    DECLARATION,
    DETAIL_FIELD,
    KIND_LABELS,
    RECORD_FILE,
    STATUS_LABELS,
    CareerRecord,
    RecordFile,
    RecordKind,
    RecordStatus,
    Team,
    activity_code,
    activity_series,
    build_details,
    check_file,
    details_dict,
    require_editable,
    resubmit,
    subject,
    summary,
    withdraw,
)
from ..domain.reports import HistoryEntry
from ..domain.uploads import FileRule
from ..integrations import idempotency
from ..integrations.whatsapp import WhatsAppSender
from ..store.protocols import EmployeeRepository, RecordRepository, Sequences

if TYPE_CHECKING:
    from ..schemas import RecordDraft, RecordInput, RecordListQuery, RecordPatch, RecordUploadRequest


class Uploads(Protocol):
    """What records need of `services.uploads.UploadService`."""

    def offer(
        self,
        rule: FileRule,
        prefix: str,
        context: Mapping[str, str],
        filename: object,
        content_type: object,
        size: object,
    ) -> dict[str, Any]: ...
    def check(self, rule: FileRule, context: Mapping[str, str], token: object) -> Any: ...
    def accept(self, rule: FileRule, context: Mapping[str, str], token: object) -> Any: ...
    def link(self, key: str, filename: str, ttl_seconds: int) -> str: ...
    def discard(self, key: str) -> None: ...


class RecordService:
    def __init__(
        self,
        records: RecordRepository,
        employees: EmployeeRepository,
        sequences: Sequences,
        uploads: Uploads,
        *,
        clock: Callable[[], datetime],
        link_ttl: int,
    ) -> None:
        self._records, self._employees, self._sequences, self._uploads = records, employees, sequences, uploads
        self._clock, self._link_ttl = clock, link_ttl

    # -- the employee's steps ------------------------------------------------------------------------------

    def offer_upload(self, actor: Actor, body: RecordUploadRequest) -> dict[str, Any]:
        """Step 2: a presigned upload of the record's PDF (at most 1 MB) and the slip to send with the record."""
        return self._uploads.offer(RECORD_FILE, f"records/{actor.nip}", _upload_context(actor), body)

    def preview(self, actor: Actor, body: RecordDraft) -> dict[str, Any]:
        """Step 3, the summary: the data checked (and the uploaded PDF, if its slip is sent); nothing is stored."""
        kind = body.kind
        details = build_details(kind, _sent(body.details()), today=self._today(actor))
        token = body.upload_token
        document = self._check(actor, token) if token else None
        return {
            "kind": kind.value,
            "kind_label": KIND_LABELS[kind],
            DETAIL_FIELD[kind]: details_dict(details),
            "summary": _rows(kind, details, document),
            "document": self._file_view(document),
            "declaration": DECLARATION,
        }

    def create(self, actor: Actor, body: RecordInput) -> dict[str, Any]:
        """Submit a record: its data, its PDF (by the upload slip) and the declaration (the model checked it)."""
        kind = body.kind
        details = build_details(kind, _sent(body.details()), today=self._today(actor))
        token = body.upload_token
        check_file(kind, self._check(actor, token) if token else None)
        document = self._accept(actor, token) if token else None  # the slip is used up: every check is done
        now = self._clock()
        if isinstance(details, Team):
            year = self._today(actor).year
            details = replace(details, activity_code=activity_code(year, self._sequences.next(activity_series(year))))
        record = CareerRecord(
            record_id=uuid.uuid4().hex,
            nip=actor.nip,
            skpd_id=actor.skpd_id,
            satker_id=actor.satker_id,
            kind=kind,
            details=details,
            status=RecordStatus.SUBMITTED,
            created_at=now,
            submitted_at=now,
            declared_at=now,
            document=document,
            history=(HistoryEntry(now, actor.nip, "SUBMITTED", {"declaration": [None, DECLARATION]}),),
        )
        return self.view(self._records.add(record))

    def update(self, actor: Actor, record_id: str, body: RecordPatch) -> dict[str, Any]:
        """Correct a record that is not approved; it is declared and submitted again ("Belum disetujui"). The
        fields sent replace the stored ones, and the whole is checked against the kind's rules again."""
        record = self._own(actor, record_id, body.version)
        require_editable(record)
        stored = {f.name: getattr(record.details, f.name) for f in fields(record.details)}
        merged = {**stored, **_sent(getattr(body, DETAIL_FIELD[record.kind]))}
        details = build_details(record.kind, merged, today=self._today(actor))
        if isinstance(details, Team) and isinstance(record.details, Team):
            details = replace(details, activity_code=record.details.activity_code)
        token = body.upload_token
        check_file(record.kind, self._check(actor, token) if token else record.document)
        document = self._accept(actor, token) if token else record.document  # every check done: the slip is used
        same_file = (document is None and record.document is None) or (
            document is not None and record.document is not None and document.file_id == record.document.file_id
        )
        if record.status is RecordStatus.SUBMITTED and details == record.details and same_file:
            return self.view(record)
        updated = resubmit(
            record, details, document, by=actor.nip, at=self._clock(), unit=(actor.skpd_id, actor.satker_id)
        )
        try:
            saved = self._records.save(updated)
        except DomainError:
            if token and document is not None:  # a stale version: the new PDF belongs to nothing
                self._uploads.discard(document.key)
            raise
        if record.document is not None and not same_file:
            self._uploads.discard(record.document.key)
        return self.view(saved)

    def withdraw(self, actor: Actor, record_id: str, version: int) -> dict[str, Any]:
        """Take back a record that is not approved; it leaves every list (its history stays)."""
        record = self._own(actor, record_id, version)
        return self.view(self._records.save(withdraw(record, by=actor.nip, at=self._clock())))

    # -- reads -------------------------------------------------------------------------------------------

    def get(self, actor: Actor, record_id: str) -> dict[str, Any]:
        """The owner, HR of the record's SKPD, BKD and the admin."""
        record = self.record(record_id)
        if record.nip != actor.nip:
            require_hr(actor, record.skpd_id)
        return self.view(record)

    def list_own(self, actor: Actor, params: RecordListQuery) -> dict[str, Any]:
        items, cursor = self._records.list_own(
            actor.nip, kind=params.kind, status=params.status, cursor=params.cursor, limit=params.limit or 20
        )
        return {"items": [self.view(r, with_history=False) for r in items], "next_cursor": cursor}

    # -- views and helpers -------------------------------------------------------------------------------

    def view(self, record: CareerRecord, *, with_history: bool = True) -> dict[str, Any]:
        body: dict[str, Any] = {
            "record_id": record.record_id,
            "kind": record.kind.value,
            "kind_label": KIND_LABELS[record.kind],
            "nip": record.nip,
            "skpd_id": record.skpd_id,
            "satker_id": record.satker_id,
            "status": record.status.value,
            "status_label": STATUS_LABELS[record.status],
            DETAIL_FIELD[record.kind]: details_dict(record.details),
            "summary": _rows(record.kind, record.details, record.document),
            "document": self._file_view(record.document),
            "declaration": DECLARATION,
            "declared_at": record.declared_at.isoformat(),
            "created_at": record.created_at.isoformat(),
            "submitted_at": record.submitted_at.isoformat(),
            "decided_by": record.decided_by,
            "decided_at": record.decided_at.isoformat() if record.decided_at else None,
            "note": record.note,
            "version": record.version,
        }
        if with_history:
            body["history"] = history_view(record.history)
        return body

    def record(self, record_id: str) -> CareerRecord:
        record = self._records.get(record_id) if is_id(record_id) else None
        if record is None:
            raise NotFound("Riwayat tidak ditemukan.", code="RECORD_NOT_FOUND")
        return record

    def _own(self, actor: Actor, record_id: str, version: int) -> CareerRecord:
        record = self.record(record_id)
        if record.nip != actor.nip:
            raise Forbidden("Anda hanya dapat mengubah riwayat Anda sendiri.")
        if version != record.version:
            raise _stale()
        return record

    def _check(self, actor: Actor, token: object) -> RecordFile:
        """The uploaded PDF, checked, with the slip still unused (a preview, or before the other checks)."""
        return self._file(self._uploads.check(RECORD_FILE, _upload_context(actor), token))

    def _accept(self, actor: Actor, token: object) -> RecordFile:
        return self._file(self._uploads.accept(RECORD_FILE, _upload_context(actor), token))

    @staticmethod
    def _file(stored: Any) -> RecordFile:
        return RecordFile(stored.file_id, stored.key, stored.filename, stored.content_type, stored.size)

    def _file_view(self, document: RecordFile | None) -> dict[str, Any] | None:
        if document is None:
            return None
        return {
            "file_id": document.file_id,
            "filename": document.filename,
            "content_type": document.content_type,
            "size": document.size,
            "url": self._uploads.link(document.key, document.filename, self._link_ttl),
        }

    def _today(self, actor: Actor) -> date:
        return local_now(self._clock(), actor.timezone.iana).date()


def _upload_context(actor: Actor) -> dict[str, str]:
    return {"purpose": "record", "nip": actor.nip}


def _sent(kind_fields: Any) -> dict[str, Any]:
    """The fields of a kind's object the client sent (None: the object was left out), as the model holds them."""
    if kind_fields is None:
        return {}
    return {name: getattr(kind_fields, name) for name in kind_fields.model_fields_set}


def _rows(kind: RecordKind, details: Any, document: RecordFile | None) -> list[dict[str, str]]:
    return [{"label": label, "value": value} for label, value in summary(kind, details, document)]


def _stale() -> Conflict:
    return Conflict("Riwayat telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")


class RecordNotifications:
    """Reacts to one record change (a stream record): the employee hears of an approval, a rejection (with the
    note) or a revoked approval (with the reason), once per event however often the event arrives."""

    def __init__(
        self,
        employees: EmployeeRepository,
        whatsapp: WhatsAppSender,
        *,
        once: idempotency.OnceFactory,
    ) -> None:
        self._employees, self._whatsapp = employees, whatsapp
        self._notify_once = once(self._notify, key_prefix="record-decision", key_path="key", argument="event")

    def register_context(self, context: Any) -> None:
        self._notify_once.register_context(context)

    def on_change(self, old: CareerRecord | None, new: CareerRecord | None) -> None:
        if old is None or new is None or old.status is new.status:
            return
        decided = old.status is RecordStatus.SUBMITTED and new.status in (RecordStatus.APPROVED, RecordStatus.REJECTED)
        revoked = old.status is RecordStatus.APPROVED and new.status is RecordStatus.REVOKED
        if decided or revoked:
            event = {
                "nip": new.nip,
                "kind": KIND_LABELS[new.kind].lower(),
                "subject": subject(new.details),
                "status": new.status.value,
                "by": new.decided_by,
                "note": new.note,
            }
            self._notify_once(event={"key": f"{new.record_id}:{new.version}", "record": event})

    def _notify(self, event: dict[str, Any]) -> dict[str, str]:
        record = event["record"]
        employee = self._employees.get(record["nip"])
        if employee is None:
            return {"status": "no-recipient"}
        person = self._employees.get(record["by"]) if record["by"] else None
        by = person.name if person else "petugas kepegawaian"
        kind, what, note = record["kind"], record["subject"], record["note"] or "-"
        if record["status"] == RecordStatus.APPROVED.value:
            text = messages.record_approved(employee.name, kind, what, by)
        elif record["status"] == RecordStatus.REJECTED.value:
            text = messages.record_rejected(employee.name, kind, what, by, note)
        else:
            text = messages.record_revoked(employee.name, kind, what, by, note)
        return {"status": "sent", "message_id": self._whatsapp.send(employee.whatsapp, text)}
