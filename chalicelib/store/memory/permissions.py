"""In-memory twin of `DynamoPermissionRepository`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ...domain.discipline.permissions import Permission, PermissionStatus
from ...domain.errors import Conflict
from ..permissions import _slot_taken, date_range, pending_sort, sort_key
from .paging import page


def _stale() -> Conflict:
    return Conflict("Izin ini telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")


class InMemoryPermissionRepository:
    """Behaves like `DynamoPermissionRepository`: new at version 1, then only the version that was read."""

    def __init__(self) -> None:
        self._items: dict[str, Permission] = {}

    def get(self, permission_id: str) -> Permission | None:
        return self._items.get(permission_id)

    def add(self, permission: Permission) -> Permission:
        if any(p.nip == permission.nip and sort_key(p) == sort_key(permission) for p in self._items.values()):
            raise _slot_taken()
        saved = replace(permission, version=1)
        self._items[saved.permission_id] = saved
        return saved

    def save(self, permission: Permission) -> Permission:
        stored = self._items.get(permission.permission_id)
        if stored is None or stored.version != permission.version:
            raise _stale()
        saved = replace(permission, version=permission.version + 1)
        self._items[saved.permission_id] = saved
        return saved

    def between(self, nip: str, first: date, last: date) -> list[Permission]:
        low, high = date_range(first, last)
        found = [p for p in self._items.values() if p.nip == nip and low <= sort_key(p) <= high]
        return sorted(found, key=sort_key)

    def list_own(
        self, nip: str, *, first: date | None, last: date | None, cursor: str | None, limit: int
    ) -> tuple[list[Permission], str | None]:
        low, high = date_range(first, last)
        own = [p for p in self._items.values() if p.nip == nip and low <= sort_key(p) <= high]
        return page(own, sort_key, cursor, limit, f"permissions:{nip}:{low}:{high}", newest_first=True)

    def pending_for(self, supervisor_nip: str, cursor: str | None, limit: int) -> tuple[list[Permission], str | None]:
        waiting = [p for p in self._items.values() if self._pending(p, supervisor_nip)]
        return page(waiting, _pending_key, cursor, limit, f"permissions.by_supervisor_pending:{supervisor_nip}")

    def count_pending(self, supervisor_nip: str) -> int:
        return sum(1 for p in self._items.values() if self._pending(p, supervisor_nip))

    @staticmethod
    def _pending(permission: Permission, supervisor_nip: str) -> bool:
        return permission.status is PermissionStatus.SUBMITTED and permission.supervisor_nip == supervisor_nip


def _pending_key(permission: Permission) -> str:
    return pending_sort(permission) or ""
