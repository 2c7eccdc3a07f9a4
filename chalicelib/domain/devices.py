"""The devices an employee checks in from (issue 20, "check-in that resists fraud": no special hardware).

A device is a key pair made in the browser with WebCrypto (ECDSA P-256, ``extractable: false``) and kept in the
browser's IndexedDB: the private key never leaves the browser, not even to its own scripts, so copying the page or
the account's password to another phone does not copy the device. Its public key (a JWK) is registered once; each
check-in is then signed over `canonical_text`. WebAuthn/passkeys would bind the key to a platform authenticator,
but many office PCs and the headless browser of the tests have none, and a passkey signs only its own challenge
format; a WebCrypto key works in every current browser without special hardware.

An account keeps at most the SKPD's ``device_limit`` ACTIVE devices. Only the employee's very first registration is
ACTIVE at once (nobody waits to check in on day one); every later one — a further device, or a replacement after
removing one's own — is PENDING until HR of the employee's SKPD approves it (the decision kind ``device``), which
retires the oldest active one when the limit would be passed; a rejection discards it. Were "no live device" enough
to activate one, removing one's own phone and registering another would swap devices without HR — exactly the
fraud the binding exists to stop. A REJECTED device was never in use, so it does not spend the first registration.
Nobody decides on their own device (the shared self-decision rule).

Under the SKPD's ``FLAG`` policy a check-in without a valid signature is flagged ``UNKNOWN_DEVICE`` only when the
employee has an ACTIVE device (`flags_unsigned`): it then did not come from their own registered device. Someone
who never registered one is not flagged — on rollout that is everyone, and flagging all their check-ins would bury
HR under flags that say nothing; the check-in page keeps asking them to register. ``REFUSE`` still refuses everyone
without a valid signature of an active device. The signature's cryptography lives in
`security/device_keys.py`; here are the states, the transitions and the text that is signed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum
from typing import Any

from .accounts import forbid_self_decision
from .errors import Conflict, Forbidden
from .history import HistoryEntry, decision_entry

#: a signature's ``signed_at`` may differ this much from the server's clock (phones' clocks drift; a replay later
#: than this is refused)
SIGNATURE_WINDOW = timedelta(minutes=5)
#: the first field of the signed text: a signature made for anything else never passes as a check-in's
SIGNATURE_CONTEXT = "kinerja-presensi"


class DeviceStatus(StrEnum):
    PENDING = "PENDING"
    ACTIVE = "ACTIVE"
    REJECTED = "REJECTED"
    RETIRED = "RETIRED"
    REMOVED = "REMOVED"


STATUS_LABELS = {
    DeviceStatus.PENDING: "Menunggu persetujuan kepegawaian",
    DeviceStatus.ACTIVE: "Aktif",
    DeviceStatus.REJECTED: "Ditolak",
    DeviceStatus.RETIRED: "Digantikan perangkat baru",
    DeviceStatus.REMOVED: "Dihapus",
}

#: what stays in the employee's list (a rejected, retired or removed device is history, not a device)
LISTED = (DeviceStatus.PENDING, DeviceStatus.ACTIVE)
#: a device that was once in use: any of these spends the employee's first registration (a rejected one was not)
USED = (DeviceStatus.ACTIVE, DeviceStatus.RETIRED, DeviceStatus.REMOVED)


@dataclass(frozen=True)
class Device:
    device_id: str
    nip: str
    skpd_id: str
    satker_id: str
    label: str
    #: the public key as registered (JWK: kty, crv, x, y)
    public_key: dict[str, str]
    thumbprint: str
    status: DeviceStatus
    registered_at: datetime
    activated_at: datetime | None = None
    retired_at: datetime | None = None
    last_used_at: datetime | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    note: str | None = None
    history: tuple[HistoryEntry, ...] = field(default_factory=tuple)
    version: int = 0

    @property
    def item_id(self) -> str:
        """The id the decision mechanism names it by: ``<nip>.<device_id>`` (one GetItem)."""
        return f"{self.nip}.{self.device_id}"


def split_item_id(item_id: str) -> tuple[str, str] | None:
    """(nip, device_id) of ``<nip>.<device_id>``; ``None`` when malformed (then there is no such device)."""
    nip, _, device_id = item_id.partition(".")
    if len(nip) != 18 or not nip.isascii() or not nip.isdigit():
        return None
    if len(device_id) != 32 or any(c not in "0123456789abcdef" for c in device_id):
        return None
    return nip, device_id


def registered(
    *,
    device_id: str,
    employee: Any,
    label: str,
    public_key: dict[str, str],
    thumbprint: str,
    others: list[Device],
    at: datetime,
) -> Device:
    """A new device of ``employee``: ACTIVE only when it is their first registration (no device of theirs was ever
    ACTIVE, RETIRED or REMOVED), else PENDING for HR — so removing one's own device and registering another does
    not skip HR's approval. The same key twice is refused (409), and so is a second pending device (the first must
    be decided or removed)."""
    live = [d for d in others if d.status in LISTED]
    if any(d.thumbprint == thumbprint for d in live):
        raise Conflict("Perangkat ini sudah terdaftar.", code="DEVICE_EXISTS")
    if any(d.status is DeviceStatus.PENDING for d in live):
        raise Conflict(
            "Masih ada perangkat yang menunggu persetujuan kepegawaian; hapus atau tunggu keputusannya.",
            code="DEVICE_PENDING",
        )
    first = not any(d.status in USED for d in others)
    status = DeviceStatus.ACTIVE if first else DeviceStatus.PENDING
    entry = HistoryEntry(at, employee.nip, "REGISTERED", {"status": [None, status.value]})
    return Device(
        device_id,
        employee.nip,
        employee.skpd_id,
        employee.satker_id or "",
        label,
        public_key,
        thumbprint,
        status,
        at,
        activated_at=at if first else None,
        history=(entry,),
    )


def decide(
    device: Device, approve: bool, *, by: str, at: datetime, note: str | None, on_behalf_of: str | None
) -> Device:
    """HR's decision on a pending device: approved it is ACTIVE, rejected it is discarded (REJECTED)."""
    forbid_self_decision(by, device.nip)
    if device.status is not DeviceStatus.PENDING:
        raise Conflict(
            f"Perangkat ini sudah {STATUS_LABELS[device.status].lower()}.",
            code="DEVICE_DECIDED",
            details={"status": device.status.value},
        )
    status = DeviceStatus.ACTIVE if approve else DeviceStatus.REJECTED
    entry = decision_entry(at, by, device.status.value, status.value, note=note, on_behalf_of=on_behalf_of)
    return replace(
        device,
        status=status,
        activated_at=at if approve else None,
        retired_at=None if approve else at,
        decided_by=by,
        decided_at=at,
        note=note,
        history=(*device.history, entry),
    )


def to_retire(active: list[Device], limit: int, keep: str) -> list[Device]:
    """The oldest active devices (by activation) to retire so that ``keep`` and the rest fit in ``limit``."""
    others = sorted(
        (d for d in active if d.status is DeviceStatus.ACTIVE and d.device_id != keep),
        key=lambda d: (d.activated_at or d.registered_at, d.device_id),
    )
    excess = len(others) + 1 - limit
    return others[:excess] if excess > 0 else []


def retired(device: Device, *, by: str, at: datetime, removed: bool = False) -> Device:
    """A device out of use: replaced by a newer one HR approved (RETIRED), or removed by its owner or HR."""
    status = DeviceStatus.REMOVED if removed else DeviceStatus.RETIRED
    if device.status not in LISTED:
        raise Conflict("Perangkat ini sudah tidak aktif.", code="DEVICE_INACTIVE")
    entry = HistoryEntry(at, by, status.value, {"status": [device.status.value, status.value]})
    return replace(device, status=status, retired_at=at, history=(*device.history, entry))


def flags_unsigned(devices: list[Device]) -> bool:
    """Under ``FLAG``: whether a check-in without a valid signature is flagged ``UNKNOWN_DEVICE`` — only when the
    employee has an ACTIVE device, i.e. it did not come from their own registered device (see the module's
    docstring: flagging everyone who has not registered yet would flood HR on rollout)."""
    return any(d.status is DeviceStatus.ACTIVE for d in devices)


def last_use_due(device: Device, now: datetime, zone: tzinfo) -> bool:
    """Whether a verified check-in should write the device's ``last_used_at``: only when the stored one is on an
    earlier day in ``zone`` (or unset). The list shows when a device was last used, to the day, to tell a
    forgotten one from one in use; one write a day per device answers that, one per check-in would double the
    check-in's writes."""
    last = device.last_used_at
    return last is None or last.astimezone(zone).date() < now.astimezone(zone).date()


def require_owner(device: Device, nip: str) -> None:
    if device.nip != nip:
        raise Forbidden("Perangkat ini bukan milik Anda.", code="NOT_OWNER")


def canonical_text(nip: str, session: str, latitude: float | None, longitude: float | None, signed_at: str) -> str:
    """The text a check-in's signature covers, UTF-8 encoded:
    ``kinerja-presensi|<nip>|<session>|<lat>|<lon>|<signed_at>``; a missing coordinate is empty, a present one
    is written with 6 decimals (about 10 cm: what the browser sends, rounded the same way on both sides), and
    ``signed_at`` exactly as sent. The web client builds the same text (`web/src/composables/useDeviceKey.ts`)."""
    return "|".join((SIGNATURE_CONTEXT, nip, session, _coordinate(latitude), _coordinate(longitude), signed_at))


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.6f}"


def parse_signed_at(value: str) -> datetime | None:
    """``signed_at`` as the browser writes it (``new Date().toISOString()``: UTC, "Z"); ``None`` when it is not an
    ISO 8601 time with its offset."""
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when if when.tzinfo is not None else None


def within_window(signed_at: datetime, now: datetime) -> bool:
    """Whether ``signed_at`` is within `SIGNATURE_WINDOW` of the server's ``now`` (either side)."""
    return abs(signed_at - now) <= SIGNATURE_WINDOW
