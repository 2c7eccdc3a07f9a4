"""Archive documents (SPEC §8, DMS), verified by HR of the SKPD, BKD or the admin; a rejection says what to fix.
An item's id is ``<nip>.<category>``: a document is the one file of an employee in a category."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ....domain.accounts import Actor, Employee
from ....domain.archive import STATUS_LABELS, STORED, Document, DocumentStatus, decided
from ....domain.decision_kinds import DOCUMENT
from ....domain.decisions import Decision, Scope, Subject, Verdict
from ....domain.errors import NotFound, ValidationError, not_one_of
from ....store.protocols import ArchiveRepository
from ...archive import ArchiveService
from ..kind import Adapter, Card, QueueFilters, files, subject_of

_STATUS = {Verdict.APPROVE: DocumentStatus.APPROVED, Verdict.REJECT: DocumentStatus.REJECTED}


def _not_found() -> NotFound:
    return NotFound("Dokumen tidak ditemukan.", code="DOCUMENT_NOT_FOUND")


class DocumentKind(Adapter[ArchiveService, ArchiveRepository]):
    spec = DOCUMENT

    def load(self, item_id: str) -> Document:
        nip, _, category = item_id.partition(".")
        if len(nip) != 18 or not nip.isascii() or not nip.isdigit() or not category:
            raise _not_found()
        try:
            return self._service.document(nip, category)
        except ValidationError:  # not a category code: no such document
            raise _not_found() from None

    def subject(self, item: Document) -> Subject:
        waiting = frozenset(_STATUS) if item.status is DocumentStatus.SUBMITTED else frozenset()
        return subject_of(item, STATUS_LABELS[item.status], waiting)

    def apply(
        self, item: Document, decision: Decision, actor: Actor, *, at: datetime, on_behalf_of: str | None
    ) -> Document:
        return self._repository.put(
            decided(item, _STATUS[decision.verdict], by=actor.nip, at=at, note=decision.note), item
        )

    def waiting(
        self, scope: Scope, filters: QueueFilters, cursor: str | None, limit: int
    ) -> tuple[list[Document], str | None]:
        if filters.satker_id and scope.skpd_id is None:
            raise ValidationError(
                "Pilih SKPD untuk menyaring satker.", code="SKPD_REQUIRED", details={"field": "skpd_id"}
            )
        status = next((s for s in STORED if s.value == (filters.status or "SUBMITTED")), None)
        if status is None:
            raise not_one_of("status", [s.value for s in STORED], "Status dokumen", "INVALID_STATUS")
        return self._repository.queue(
            status,
            skpd_id=scope.skpd_id,
            satker_id=filters.satker_id,
            category=filters.category,
            cursor=cursor,
            limit=limit,
        )

    def count(self, scope: Scope) -> int:
        return self._repository.count(DocumentStatus.SUBMITTED, scope.skpd_id)

    def cards(self, items: list[Document], people: Mapping[str, Employee]) -> list[Card]:
        names = self._service.category_names() if items else {}
        return [self._document_card(item, self._service.document_view(item, names)) for item in items]

    def _document_card(self, item: Document, view: dict[str, Any]) -> Card:
        item_id, summary = f"{item.nip}.{item.category}", [("Berkas", item.filename)]
        return Card(
            item_id, item.nip, view["category_name"], None, item.uploaded_at, summary, view, files("Dokumen", view)
        )
