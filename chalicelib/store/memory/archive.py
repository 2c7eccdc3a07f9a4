"""In-memory twins of `DynamoArchiveCatalog` and `DynamoArchiveRepository`."""

from __future__ import annotations

from dataclasses import replace

from ...domain.archive import ArchiveProfile, Category, Document, DocumentStatus
from ...domain.errors import Conflict
from .paging import page


class InMemoryArchiveCatalog:
    """Behaves like `DynamoArchiveCatalog`: create at version 0 (a taken code is 409), then the version read."""

    def __init__(self) -> None:
        self._items: dict[str, Category] = {}

    def all(self) -> list[Category]:
        return [self._items[code] for code in sorted(self._items)]

    def get(self, code: str) -> Category | None:
        return self._items.get(code)

    def save(self, category: Category) -> Category:
        stored = self._items.get(category.code)
        if category.version == 0 and stored is not None:
            raise Conflict("Kode kategori ini sudah digunakan.", code="CATEGORY_EXISTS", details={"field": "code"})
        if category.version and (stored is None or stored.version != category.version):
            raise Conflict("Kategori telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")
        saved = replace(category, version=category.version + 1)
        self._items[category.code] = saved
        return saved

    def seed(self, categories: list[Category]) -> None:
        for category in categories:
            self._items.setdefault(category.code, replace(category, version=1))


class InMemoryArchiveRepository:
    """Behaves like `DynamoArchiveRepository`: versioned documents, profile states moved with each write."""

    def __init__(self) -> None:
        self._documents: dict[tuple[str, str], Document] = {}
        self._profiles: dict[str, ArchiveProfile] = {}

    def profile(self, nip: str) -> ArchiveProfile:
        return self._profiles.get(nip) or ArchiveProfile(nip)

    def profiles(self, nips: set[str]) -> dict[str, ArchiveProfile]:
        return {nip: self.profile(nip) for nip in nips}

    def save_profile(self, profile: ArchiveProfile) -> ArchiveProfile:
        stored = self.profile(profile.nip)
        saved = replace(stored, conditions=frozenset(profile.conditions))
        self._profiles[profile.nip] = saved
        return saved

    def documents(self, nip: str) -> list[Document]:
        return [d for (n, _), d in sorted(self._documents.items()) if n == nip]

    def get(self, nip: str, category: str) -> Document | None:
        return self._documents.get((nip, category))

    def many(self, keys: set[tuple[str, str]]) -> dict[tuple[str, str], Document]:
        return {k: self._documents[k] for k in keys if k in self._documents}

    def put(self, document: Document, previous: Document | None) -> Document:
        key = (document.nip, document.category)
        self._check(key, previous.version if previous else 0)
        saved = replace(document, version=(previous.version if previous else 0) + 1)
        self._documents[key] = saved
        self._set_state(document.nip, document.category, document.status)
        return saved

    def remove(self, document: Document) -> None:
        key = (document.nip, document.category)
        self._check(key, document.version)
        del self._documents[key]
        self._set_state(document.nip, document.category, None)

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
        prefix = f"{skpd_id}#{satker_id}#" if skpd_id and satker_id else f"{skpd_id}#" if skpd_id else ""
        matches = (
            d
            for d in self._documents.values()
            if d.status is status and queue_sort(d).startswith(prefix) and (category is None or d.category == category)
        )
        scope = f"archive_documents.by_queue:{status.value}:{prefix}:{category or ''}"
        return page(matches, queue_sort, cursor, limit, scope)

    def count(self, status: DocumentStatus, skpd_id: str | None) -> int:
        prefix = f"{skpd_id}#" if skpd_id else ""
        return sum(1 for d in self._documents.values() if d.status is status and queue_sort(d).startswith(prefix))

    def _check(self, key: tuple[str, str], version: int) -> None:
        stored = self._documents.get(key)
        if (stored.version if stored else 0) != version:
            raise Conflict("Dokumen telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")

    def _set_state(self, nip: str, category: str, status: DocumentStatus | None) -> None:
        profile = self.profile(nip)
        states = {c: s for c, s in profile.states.items() if c != category}
        if status is not None:
            states[category] = status
        self._profiles[nip] = replace(profile, states=states)


def queue_sort(document: Document) -> str:
    """The sort key of `archive_documents.by_queue` (as `store/archive.py` writes it)."""
    return (
        f"{document.skpd_id}#{document.satker_id}#{document.uploaded_at.isoformat()}#{document.nip}#{document.category}"
    )
