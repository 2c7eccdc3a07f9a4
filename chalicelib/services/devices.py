"""Use cases of check-in devices (issue 20): an employee registers this browser's key, lists and removes their
devices; HR sees and removes an employee's; the check-in asks `verify_check_in` whether it was signed by an
active device. HR's approval of a further device is the decision kind ``device``
(`services/decisions/kinds/devices.py`). States and transitions are `domain.devices`'; the cryptography is
`security.device_keys`'."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from ..domain.accounts import Actor, require_hr_over
from ..domain.checkin_rules import CheckInRules, DevicePolicy
from ..domain.devices import (
    LISTED,
    STATUS_LABELS,
    Device,
    DeviceStatus,
    canonical_text,
    flags_unsigned,
    last_use_due,
    parse_signed_at,
    registered,
    require_owner,
    retired,
    to_retire,
    within_window,
)
from ..domain.errors import BusinessRule, Forbidden, NotFound
from ..security.device_keys import read_public_jwk, verify
from ..store.protocols import DeviceRepository, EmployeeRepository
from .checkin_rules import CheckInRulesService

if TYPE_CHECKING:
    from ..schemas import CheckIn, DeviceInput

#: the flag reason a check-in not signed by an active device carries under FLAG (`domain.checkin_guard.FlagReason`)
UNKNOWN_DEVICE = "UNKNOWN_DEVICE"


def _not_found() -> NotFound:
    return NotFound("Perangkat tidak ditemukan.", code="DEVICE_NOT_FOUND")


class DeviceService:
    def __init__(
        self,
        devices: DeviceRepository,
        employees: EmployeeRepository,
        rules: CheckInRulesService,
        *,
        clock: Callable[[], datetime],
    ) -> None:
        self._devices, self._employees, self._rules, self._clock = devices, employees, rules, clock

    # -- the employee's own -------------------------------------------------------------------------------

    def mine(self, actor: Actor) -> dict[str, Any]:
        return self._list(actor.nip, actor.skpd_id)

    def register(self, actor: Actor, body: DeviceInput) -> dict[str, Any]:
        """This browser's public key (validated: EC P-256, a point on the curve). The employee's very first
        device is ACTIVE at once; every later one (a replacement too) is PENDING until HR of the SKPD approves it."""
        public_key, thumb = read_public_jwk(body.public_key)
        employee = self._employees.get(actor.nip)
        if employee is None:
            raise NotFound("Pegawai tidak ditemukan.", code="EMPLOYEE_NOT_FOUND")
        device = registered(
            device_id=uuid.uuid4().hex,
            employee=employee,
            label=body.label,
            public_key=public_key,
            thumbprint=thumb,
            others=self._devices.of(actor.nip),
            at=self._clock(),
        )
        return device_view(self._devices.add(device))

    # -- HR -------------------------------------------------------------------------------------------------

    def of_employee(self, actor: Actor, nip: str) -> dict[str, Any]:
        employee = require_hr_over(actor, self._employees.get(nip))
        return self._list(employee.nip, employee.skpd_id)

    def remove(self, actor: Actor, nip: str, device_id: str) -> dict[str, Any]:
        """The owner removes their own device; HR of the owner's SKPD (BKD, admin) anyone's, e.g. a lost phone."""
        if nip != actor.nip:
            require_hr_over(actor, self._employees.get(nip))
        device = self._devices.get(nip, device_id) if _is_id(device_id) else None
        if device is None or device.status not in LISTED:
            raise _not_found()
        if nip == actor.nip:
            require_owner(device, actor.nip)
        return device_view(self._devices.save(retired(device, by=actor.nip, at=self._clock(), removed=True)))

    # -- the decision kind ``device`` ----------------------------------------------------------------------

    def device(self, nip: str, device_id: str) -> Device:
        found = self._devices.get(nip, device_id)
        if found is None:
            raise _not_found()
        return found

    def activate(self, approved: Device, *, by: str, at: datetime) -> Device:
        """Save HR's approval, then retire the oldest active devices beyond the SKPD's limit. The approval is
        written first: were the second write lost, the employee would hold one device too many until their next
        change, rather than none."""
        saved = self._devices.save(approved)
        limit = self._rules.rules_for(approved.skpd_id).device_limit
        for old in to_retire(self._devices.of(approved.nip), limit, keep=approved.device_id):
            self._devices.save(retired(old, by=by, at=at))
        return saved

    # -- the check-in ----------------------------------------------------------------------------------------

    def verify_check_in(self, actor: Actor, body: CheckIn, rules: CheckInRules) -> list[str]:
        """Whether the check-in was signed by one of the employee's ACTIVE devices, under the SKPD's policy: OFF
        checks nothing; REFUSE raises (403 ``UNKNOWN_DEVICE`` / 422 ``INVALID_SIGNATURE``, nothing is recorded);
        FLAG answers the flag reasons (``["UNKNOWN_DEVICE"]``) for the check-in to record with it — only when the
        employee has an active device (`domain.devices.flags_unsigned`: someone who never registered is not
        flagged). Requests: none under OFF or for an unsigned check-in under REFUSE; else one Query of the
        employee's devices partition (a handful of items), which answers both which device signed and whether
        they have an active one, plus one UpdateItem of ``last_used_at`` on the device's first check-in of a day."""
        if rules.device_policy is DevicePolicy.OFF:
            return []
        if rules.device_policy is DevicePolicy.REFUSE and not body.device_id:
            raise _unregistered()
        devices = self._devices.of(actor.nip)
        device, refusal = self._signed_by(actor, body, devices)
        if refusal is None and device is not None:
            now = self._clock()
            if last_use_due(device, now, ZoneInfo(actor.timezone.iana)):
                self._devices.touch(device.nip, device.device_id, now)
            return []
        if rules.device_policy is DevicePolicy.REFUSE:
            raise refusal  # type: ignore[misc]
        return [UNKNOWN_DEVICE] if flags_unsigned(devices) else []

    def _signed_by(self, actor: Actor, body: CheckIn, devices: list[Device]) -> tuple[Device | None, Exception | None]:
        device_id, signed_at, signature = body.device_id, body.signed_at, body.signature
        if not device_id:
            return None, _unregistered()
        device = next((d for d in devices if d.device_id == device_id), None)
        if device is None or device.status is not DeviceStatus.ACTIVE:
            if device is not None and device.status is DeviceStatus.PENDING:
                return None, _unknown("Perangkat ini masih menunggu persetujuan kepegawaian.")
            return None, _unknown("Perangkat ini tidak terdaftar atau sudah tidak aktif untuk akun Anda.")
        when = parse_signed_at(signed_at) if signed_at else None
        if not signature or when is None:
            return None, _bad_signature("Presensi harus ditandatangani oleh perangkat yang terdaftar.")
        if not within_window(when, self._clock()):
            return None, _bad_signature(
                "Waktu tanda tangan berbeda lebih dari 5 menit dari waktu server; periksa jam perangkat."
            )
        text = canonical_text(actor.nip, body.session.value, body.latitude, body.longitude, str(signed_at))
        if not verify(device.public_key, text, signature):
            return None, _bad_signature("Tanda tangan perangkat tidak valid.")
        return device, None

    # -- views -----------------------------------------------------------------------------------------------

    def _list(self, nip: str, skpd_id: str) -> dict[str, Any]:
        rules = self._rules.rules_for(skpd_id)
        devices = sorted(
            (d for d in self._devices.of(nip) if d.status in LISTED), key=lambda d: (d.registered_at, d.device_id)
        )
        return {
            "items": [device_view(d) for d in devices],
            "device_limit": rules.device_limit,
            "device_policy": rules.device_policy.value,
        }


def _is_id(value: str) -> bool:
    return len(value) == 32 and all(c in "0123456789abcdef" for c in value)


def _unregistered() -> Forbidden:
    return _unknown("Perangkat ini belum terdaftar untuk presensi. Daftarkan di menu Perangkat presensi.")


def _unknown(message: str) -> Forbidden:
    return Forbidden(message, code="UNKNOWN_DEVICE")


def _bad_signature(message: str) -> BusinessRule:
    return BusinessRule(message, code="INVALID_SIGNATURE", details={"field": "signature"})


def _at(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def device_view(device: Device) -> dict[str, Any]:
    return {
        "device_id": device.device_id,
        "nip": device.nip,
        "label": device.label,
        "status": device.status.value,
        "status_label": STATUS_LABELS[device.status],
        "thumbprint": device.thumbprint,
        "registered_at": device.registered_at.isoformat(),
        "activated_at": _at(device.activated_at),
        "retired_at": _at(device.retired_at),
        "last_used_at": _at(device.last_used_at),
        "decided_by": device.decided_by,
        "note": device.note,
        "version": device.version,
    }
