"""Check-in devices (issue 20) in DynamoDB: one partition per employee, ``device_id`` the sort key.

The check-in's signature check and HR's decision read one device (GetItem); the employee's list and the search
for the oldest active device to retire read the partition (a handful of items). HR's queue is the sparse
``by_skpd_pending`` index (and ``by_pending`` for BKD and the admin): its keys are set only while the device is
PENDING, so a decision takes it out of the queue in the same write. Every write but ``touch`` is conditional on
the version read (PynamoDB's version attribute); a new device on its id being free.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from pynamodb.exceptions import UpdateError

from ..domain.devices import Device, DeviceStatus
from ..domain.errors import Conflict
from .conditions import condition_failed, save_versioned
from .history import history_json, history_of
from .models import DeviceItem
from .paging import decode_cursor, encode_cursor

PENDING_ALL = "PENDING"


def _stale() -> Conflict:
    return Conflict("Perangkat ini telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")


def pending_sort(device: Device) -> str | None:
    """The queue's sort key while PENDING (oldest registration first), else None (the item leaves the index)."""
    if device.status is not DeviceStatus.PENDING:
        return None
    return f"{device.registered_at.isoformat()}#{device.item_id}"


def _at(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def to_item(device: Device) -> DeviceItem:
    sort = pending_sort(device)
    item = DeviceItem(
        nip=device.nip,
        device_id=device.device_id,
        skpd_id=device.skpd_id,
        satker_id=device.satker_id or None,
        label=device.label,
        public_key=device.public_key,
        thumbprint=device.thumbprint,
        status=device.status.value,
        registered_at=device.registered_at.isoformat(),
        activated_at=_at(device.activated_at),
        retired_at=_at(device.retired_at),
        last_used_at=_at(device.last_used_at),
        decided_by=device.decided_by,
        decided_at=_at(device.decided_at),
        note=device.note,
        history=history_json(device.history),
        pending_skpd=device.skpd_id if sort else None,
        pending_all=PENDING_ALL if sort else None,
        pending_sort=sort,
    )
    if device.version:
        item.version = device.version
    return item


def to_device(item: DeviceItem) -> Device:
    return Device(
        device_id=item.device_id,
        nip=item.nip,
        skpd_id=item.skpd_id,
        satker_id=item.satker_id or "",
        label=item.label,
        public_key=dict(item.public_key),
        thumbprint=item.thumbprint,
        status=DeviceStatus(item.status),
        registered_at=datetime.fromisoformat(item.registered_at),
        activated_at=_when(item.activated_at),
        retired_at=_when(item.retired_at),
        last_used_at=_when(item.last_used_at),
        decided_by=item.decided_by,
        decided_at=_when(item.decided_at),
        note=item.note,
        history=history_of(item.history),
        version=int(item.version),
    )


class DynamoDeviceRepository:
    """Implements `DeviceRepository` (see `protocols.py`)."""

    def get(self, nip: str, device_id: str) -> Device | None:
        try:
            return to_device(DeviceItem.get(nip, device_id, consistent_read=True))
        except DeviceItem.DoesNotExist:
            return None

    def of(self, nip: str) -> list[Device]:
        """Every device the employee ever registered (one Query of their partition: a handful)."""
        return [to_device(i) for i in DeviceItem.query(nip, consistent_read=True)]

    def add(self, device: Device) -> Device:
        return replace(device, version=save_versioned(to_item(replace(device, version=0)), _stale))

    def save(self, device: Device) -> Device:
        return replace(device, version=save_versioned(to_item(device), _stale))

    def touch(self, nip: str, device_id: str, at: datetime) -> None:
        """Set ``last_used_at`` (an UpdateItem that leaves the version alone: a check-in never races a decision)."""
        try:
            DeviceItem._get_connection().update_item(
                nip,
                device_id,
                actions=[DeviceItem.last_used_at.set(at.isoformat())],
                condition=DeviceItem.nip.exists(),
            )
        except UpdateError as exc:
            if not condition_failed(exc):  # removed meanwhile: nothing to mark
                raise

    def pending(self, skpd_id: str | None, cursor: str | None, limit: int) -> tuple[list[Device], str | None]:
        if skpd_id is None:
            scope, index, key = "devices.by_pending", DeviceItem.by_pending, PENDING_ALL
        else:
            scope, index, key = f"devices.by_skpd_pending:{skpd_id}", DeviceItem.by_skpd_pending, skpd_id
        result = index.query(key, limit=limit, last_evaluated_key=decode_cursor(cursor, scope))
        items = [to_device(i) for i in result]
        return items, encode_cursor(result.last_evaluated_key, scope)

    def count_pending(self, skpd_id: str | None) -> int:
        if skpd_id is None:
            return int(DeviceItem.by_pending.count(PENDING_ALL))
        return int(DeviceItem.by_skpd_pending.count(skpd_id))
