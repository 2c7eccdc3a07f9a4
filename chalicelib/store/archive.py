"""The document archive (DMS): the category list, employees' archive profiles and their documents.

A document write (upload, decision, withdrawal) and the matching change of the owner's profile states go in
one transaction, so the profile always says which categories hold a submitted, verified or rejected document.
"""

from __future__ import annotations

import time as time_module
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from pynamodb.exceptions import PutError, TransactWriteError
from pynamodb.transactions import TransactWrite

from ..domain.archive import (
    AppliesTo,
    ArchiveProfile,
    Category,
    Condition,
    Document,
    DocumentStatus,
    FileKinds,
    Group,
)
from ..domain.errors import Conflict
from .conditions import condition_failed
from .history import history_json, history_of
from .models import ArchiveCategoryItem, ArchiveDocumentItem, ArchiveProfileItem, transaction_connection
from .paging import bounded_page, decode_cursor

CATALOG = "ARSIP"
MAX_QUEUE_REQUESTS = 4
TRANSACTION_ATTEMPTS = 3
_QUEUE_KEYS = ("nip", "category", "queue_status", "queue_sort")
#: the profile attribute holding the codes of each stored state
_STATE_SETS = {
    DocumentStatus.SUBMITTED: ArchiveProfileItem.submitted,
    DocumentStatus.APPROVED: ArchiveProfileItem.approved,
    DocumentStatus.REJECTED: ArchiveProfileItem.rejected,
}


# -- categories -----------------------------------------------------------------------------------------------


def _to_category(item: ArchiveCategoryItem) -> Category:
    return Category(
        code=item.code,
        name=item.name,
        group=Group(item.group),
        applies_to=AppliesTo(item.applies_to),
        files=FileKinds(item.files),
        max_kb=int(item.max_kb),
        description=item.description or "",
        order=int(item.order or 0),
        active=bool(item.active),
        version=int(item.version),
    )


def _category_item(category: Category, catalog: str) -> ArchiveCategoryItem:
    item = ArchiveCategoryItem(
        catalog=catalog,
        code=category.code,
        name=category.name,
        group=category.group.value,
        applies_to=category.applies_to.value,
        files=category.files.value,
        max_kb=category.max_kb,
        description=category.description or None,
        order=category.order,
        active=category.active,
    )
    if category.version:
        item.version = category.version
    return item


class DynamoArchiveCatalog:
    def __init__(self, catalog: str = CATALOG) -> None:
        self._catalog = catalog  # one list per instance; tests use their own

    def all(self) -> list[Category]:
        return [_to_category(i) for i in ArchiveCategoryItem.query(self._catalog, consistent_read=True)]

    def get(self, code: str) -> Category | None:
        try:
            return _to_category(ArchiveCategoryItem.get(self._catalog, code, consistent_read=True))
        except ArchiveCategoryItem.DoesNotExist:
            return None

    def save(self, category: Category) -> Category:
        item = _category_item(category, self._catalog)
        try:
            item.save()
        except PutError as exc:
            if condition_failed(exc):
                raise _category_conflict(category) from None
            raise
        return replace(category, version=int(item.version))

    def seed(self, categories: list[Category]) -> None:
        for category in categories:
            try:
                _category_item(replace(category, version=0), self._catalog).save()
            except PutError as exc:
                if not condition_failed(exc):
                    raise


def _category_conflict(category: Category) -> Conflict:
    if not category.version:
        return Conflict("Kode kategori ini sudah digunakan.", code="CATEGORY_EXISTS", details={"field": "code"})
    return Conflict("Kategori telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")


# -- profiles and documents -----------------------------------------------------------------------------------


def _to_profile(nip: str, item: ArchiveProfileItem | None) -> ArchiveProfile:
    if item is None:
        return ArchiveProfile(nip)
    states = {
        code: status for status, attribute in _STATE_SETS.items() for code in (getattr(item, attribute.attr_name) or ())
    }
    return ArchiveProfile(
        nip=nip,
        conditions=frozenset(Condition(c) for c in item.conditions or ()),
        states=states,
    )


def queue_sort(document: Document) -> str:
    return (
        f"{document.skpd_id}#{document.satker_id}#{document.uploaded_at.isoformat()}#{document.nip}#{document.category}"
    )


def _document_item(document: Document) -> ArchiveDocumentItem:
    item = ArchiveDocumentItem(
        nip=document.nip,
        category=document.category,
        status=document.status.value,
        file_key=document.key,
        filename=document.filename,
        content_type=document.content_type,
        size=document.size,
        uploaded_at=document.uploaded_at.isoformat(),
        skpd_id=document.skpd_id,
        satker_id=document.satker_id,
        decided_by=document.decided_by,
        decided_at=document.decided_at.isoformat() if document.decided_at else None,
        note=document.note,
        history=history_json(document.history),
        queue_status=document.status.value,
        queue_sort=queue_sort(document),
    )
    if document.version:
        item.version = document.version
    return item


def _to_document(item: ArchiveDocumentItem) -> Document:
    return Document(
        nip=item.nip,
        category=item.category,
        status=DocumentStatus(item.status),
        key=item.file_key,
        filename=item.filename,
        content_type=item.content_type,
        size=int(item.size),
        uploaded_at=datetime.fromisoformat(item.uploaded_at),
        skpd_id=item.skpd_id,
        satker_id=item.satker_id,
        decided_by=item.decided_by,
        decided_at=datetime.fromisoformat(item.decided_at) if item.decided_at else None,
        note=item.note,
        history=history_of(item.history),
        version=int(item.version),
    )


def _stale() -> Conflict:
    return Conflict("Dokumen telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")


class DynamoArchiveRepository:
    def profile(self, nip: str) -> ArchiveProfile:
        try:
            return _to_profile(nip, ArchiveProfileItem.get(nip, consistent_read=True))
        except ArchiveProfileItem.DoesNotExist:
            return ArchiveProfile(nip)

    def profiles(self, nips: set[str]) -> dict[str, ArchiveProfile]:
        found = {i.nip: i for i in ArchiveProfileItem.batch_get(sorted(nips))} if nips else {}
        return {nip: _to_profile(nip, found.get(nip)) for nip in nips}

    def save_profile(self, profile: ArchiveProfile) -> ArchiveProfile:
        conditions = ArchiveProfileItem.conditions
        action = conditions.set({c.value for c in profile.conditions}) if profile.conditions else conditions.remove()
        ArchiveProfileItem(nip=profile.nip).update(actions=[action])
        return self.profile(profile.nip)

    def documents(self, nip: str) -> list[Document]:
        return [_to_document(i) for i in ArchiveDocumentItem.query(nip, consistent_read=True)]

    def get(self, nip: str, category: str) -> Document | None:
        try:
            return _to_document(ArchiveDocumentItem.get(nip, category, consistent_read=True))
        except ArchiveDocumentItem.DoesNotExist:
            return None

    def many(self, keys: set[tuple[str, str]]) -> dict[tuple[str, str], Document]:
        if not keys:
            return {}
        return {(i.nip, i.category): _to_document(i) for i in ArchiveDocumentItem.batch_get(sorted(keys))}

    def put(self, document: Document, previous: Document | None) -> Document:
        version = previous.version if previous else 0
        item = _document_item(replace(document, version=version))
        actions = [_STATE_SETS[document.status].add({document.category})]
        if previous is not None and previous.status is not document.status:
            actions.append(_STATE_SETS[previous.status].delete({document.category}))
        self._write(document.nip, lambda t: t.save(item), actions)
        return replace(document, version=int(item.version))

    def remove(self, document: Document) -> None:
        item = _document_item(document)
        self._write(document.nip, lambda t: t.delete(item), [_STATE_SETS[document.status].delete({document.category})])

    def queue(
        self,
        status: DocumentStatus,
        *,
        skpd_id: str | None,
        satker_id: str | None,
        category: str | None,
        cursor: str | None,
        limit: int,
    ) -> tuple[list[Document], str | None]:
        prefix = f"{skpd_id}#{satker_id}#" if skpd_id and satker_id else f"{skpd_id}#" if skpd_id else None
        key_condition = ArchiveDocumentItem.queue_sort.startswith(prefix) if prefix else None
        scope = f"archive_documents.by_queue:{status.value}:{prefix or ''}:{category or ''}"
        result = ArchiveDocumentItem.by_queue.query(
            status.value,
            key_condition,
            filter_condition=(ArchiveDocumentItem.category == category) if category else None,
            page_size=limit,
            last_evaluated_key=decode_cursor(cursor, scope),
        )
        raw, next_cursor = bounded_page(result, limit, _QUEUE_KEYS, MAX_QUEUE_REQUESTS, scope)
        return [_to_document(ArchiveDocumentItem.from_raw_data(r)) for r in raw], next_cursor

    def count(self, status: DocumentStatus, skpd_id: str | None) -> int:
        """How many documents of one SKPD (``None``: every SKPD) are in ``status`` (a COUNT query on the queue)."""
        key_condition = ArchiveDocumentItem.queue_sort.startswith(f"{skpd_id}#") if skpd_id else None
        return ArchiveDocumentItem.by_queue.count(status.value, key_condition)

    def _write(self, nip: str, document_action: Callable[[TransactWrite], None], profile_actions: list[Any]) -> None:
        """The document's write and its profile's states in one transaction (retried on a transaction race)."""
        for attempt in range(TRANSACTION_ATTEMPTS):
            try:
                with TransactWrite(connection=transaction_connection()) as transaction:
                    document_action(transaction)
                    transaction.update(
                        ArchiveProfileItem(nip=nip), actions=profile_actions, add_version_condition=False
                    )
            except TransactWriteError as exc:
                reasons = [getattr(r, "code", None) for r in (exc.cancellation_reasons or [])]
                if reasons and reasons[0] == "ConditionalCheckFailed":
                    raise _stale() from None
                if "TransactionConflict" in reasons and attempt + 1 < TRANSACTION_ATTEMPTS:
                    time_module.sleep(0.05 * (attempt + 1))
                    continue
                raise
            return
