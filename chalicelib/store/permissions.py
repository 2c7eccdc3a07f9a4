"""Permission requests (izin, issue 20) in DynamoDB: one partition per employee, ``sk`` = "<date>#<slot>".

The id names the employee and the day (`domain.discipline.permissions.permission_id`), so a read by id is one
GetItem; a day's permissions (the duplicate check) and a month's (the calendar, the recap) are one Query of the
partition. The supervisor's queue is the sparse ``by_supervisor_pending`` index: its keys are set only while the
permission is SUBMITTED, so a decision or a withdrawal takes it out of the queue in the same write. Every write
is conditional on the version read (PynamoDB's version attribute), and a new one on its day's slot being free: the
slot is the number of permissions the day had when the request read them (`slot_token`), so of two requests racing
for the same day one is refused instead of both passing the duplicate check.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

from ..domain.discipline.permissions import Permission, PermissionKind, PermissionStatus, split_id
from ..domain.errors import Conflict
from .conditions import save_versioned
from .history import history_json, history_of
from .models import PermissionItem
from .paging import decode_cursor, encode_cursor


def _stale() -> Conflict:
    return Conflict("Izin ini telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")


def sort_key(permission: Permission) -> str:
    """ "<date>#<slot>": the slot is the token's first two characters."""
    return f"{permission.day.isoformat()}#{permission.permission_id.rsplit('.', 1)[-1][:2]}"


def _slot_taken() -> Conflict:
    return Conflict("Izin lain untuk tanggal ini baru saja diajukan; muat ulang lalu periksa kembali.", code="CONFLICT")


def pending_sort(permission: Permission) -> str | None:
    """The queue's sort key while SUBMITTED (oldest submission first), else None (the item leaves the index)."""
    if permission.status is not PermissionStatus.SUBMITTED or not permission.supervisor_nip:
        return None
    return f"{permission.submitted_at.isoformat()}#{permission.permission_id}"


def date_range(first: date | None, last: date | None) -> tuple[str, str]:
    """Bounds of ``sk`` for the days from ``first`` to ``last`` (open ends allowed)."""
    return (first or date.min).isoformat(), f"{(last or date.max).isoformat()}#~"


def _clock(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def to_item(permission: Permission) -> PermissionItem:
    sort = pending_sort(permission)
    item = PermissionItem(
        nip=permission.nip,
        sk=sort_key(permission),
        permission_id=permission.permission_id,
        reference=permission.reference,
        skpd_id=permission.skpd_id,
        satker_id=permission.satker_id,
        kind=permission.kind.value,
        day=permission.day.isoformat(),
        start=_clock(permission.start),
        end=_clock(permission.end),
        reason=permission.reason,
        status=permission.status.value,
        submitted_at=permission.submitted_at.isoformat(),
        supervisor_nip=permission.supervisor_nip,
        decided_by=permission.decided_by,
        decided_at=permission.decided_at.isoformat() if permission.decided_at else None,
        note=permission.note,
        history=history_json(permission.history),
        pending_supervisor=permission.supervisor_nip if sort else None,
        pending_sort=sort,
    )
    if permission.version:
        item.version = permission.version
    return item


def to_permission(item: PermissionItem) -> Permission:
    return Permission(
        permission_id=item.permission_id,
        reference=item.reference,
        nip=item.nip,
        skpd_id=item.skpd_id,
        satker_id=item.satker_id,
        kind=PermissionKind(item.kind),
        day=date.fromisoformat(item.day),
        reason=item.reason,
        status=PermissionStatus(item.status),
        submitted_at=datetime.fromisoformat(item.submitted_at),
        start=time.fromisoformat(item.start) if item.start else None,
        end=time.fromisoformat(item.end) if item.end else None,
        decided_by=item.decided_by,
        decided_at=datetime.fromisoformat(item.decided_at) if item.decided_at else None,
        note=item.note,
        history=history_of(item.history),
        version=int(item.version),
        supervisor_nip=item.supervisor_nip,
    )


class DynamoPermissionRepository:
    """Implements `PermissionRepository` (see `protocols.py`)."""

    def get(self, permission_id: str) -> Permission | None:
        parts = split_id(permission_id)
        if parts is None:
            return None
        nip, day, token = parts
        try:
            item = PermissionItem.get(nip, f"{day.isoformat()}#{token[:2]}", consistent_read=True)
        except PermissionItem.DoesNotExist:
            return None
        return to_permission(item) if item.permission_id == permission_id else None

    def add(self, permission: Permission) -> Permission:
        return replace(permission, version=save_versioned(to_item(replace(permission, version=0)), _slot_taken))

    def save(self, permission: Permission) -> Permission:
        return replace(permission, version=save_versioned(to_item(permission), _stale))

    def between(self, nip: str, first: date, last: date) -> list[Permission]:
        """Every permission of the employee from ``first`` to ``last`` (a day or a month: a few items), by date."""
        low, high = date_range(first, last)
        query = PermissionItem.query(nip, PermissionItem.sk.between(low, high), consistent_read=True)
        return [to_permission(i) for i in query]

    def list_own(
        self, nip: str, *, first: date | None, last: date | None, cursor: str | None, limit: int
    ) -> tuple[list[Permission], str | None]:
        low, high = date_range(first, last)
        scope = f"permissions:{nip}:{low}:{high}"
        result = PermissionItem.query(
            nip,
            PermissionItem.sk.between(low, high),
            scan_index_forward=False,
            limit=limit,
            last_evaluated_key=decode_cursor(cursor, scope),
        )
        items = [to_permission(i) for i in result]
        return items, encode_cursor(result.last_evaluated_key, scope)

    def pending_for(self, supervisor_nip: str, cursor: str | None, limit: int) -> tuple[list[Permission], str | None]:
        scope = f"permissions.by_supervisor_pending:{supervisor_nip}"
        result = PermissionItem.by_supervisor_pending.query(
            supervisor_nip, limit=limit, last_evaluated_key=decode_cursor(cursor, scope)
        )
        items = [to_permission(i) for i in result]
        return items, encode_cursor(result.last_evaluated_key, scope)

    def count_pending(self, supervisor_nip: str) -> int:
        return int(PermissionItem.by_supervisor_pending.count(supervisor_nip))
