"""In-memory twin of `DynamoDeviceRepository`: each employee's devices and HR's queue of pending ones."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from ...domain.devices import Device, DeviceStatus
from ...domain.errors import Conflict
from ..devices import pending_sort
from .paging import page


def _stale() -> Conflict:
    return Conflict("Perangkat ini telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")


class InMemoryDeviceRepository:
    """Behaves like `DynamoDeviceRepository`: ``add`` only creates, ``save`` replaces only the version read."""

    def __init__(self) -> None:
        self._items: dict[tuple[str, str], Device] = {}

    def get(self, nip: str, device_id: str) -> Device | None:
        return self._items.get((nip, device_id))

    def of(self, nip: str) -> list[Device]:
        return sorted((d for (n, _), d in self._items.items() if n == nip), key=lambda d: d.device_id)

    def add(self, device: Device) -> Device:
        if (device.nip, device.device_id) in self._items:
            raise _stale()
        saved = self._items[(device.nip, device.device_id)] = replace(device, version=1)
        return saved

    def save(self, device: Device) -> Device:
        stored = self._items.get((device.nip, device.device_id))
        if stored is None or stored.version != device.version:
            raise _stale()
        saved = self._items[(device.nip, device.device_id)] = replace(device, version=device.version + 1)
        return saved

    def touch(self, nip: str, device_id: str, at: datetime) -> None:
        stored = self._items.get((nip, device_id))
        if stored is not None:
            self._items[(nip, device_id)] = replace(stored, last_used_at=at)

    def pending(self, skpd_id: str | None, cursor: str | None, limit: int) -> tuple[list[Device], str | None]:
        scope = "devices.by_pending" if skpd_id is None else f"devices.by_skpd_pending:{skpd_id}"
        return page(self._waiting(skpd_id), lambda d: pending_sort(d) or "", cursor, limit, scope)

    def count_pending(self, skpd_id: str | None) -> int:
        return len(self._waiting(skpd_id))

    def _waiting(self, skpd_id: str | None) -> list[Device]:
        return [
            d
            for d in self._items.values()
            if d.status is DeviceStatus.PENDING and (skpd_id is None or d.skpd_id == skpd_id)
        ]
