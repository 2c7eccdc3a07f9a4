"""An SKPD's check-in rules (issue 20, "check-in that resists fraud"): how a check-in from a device that is not one
of the employee's registered devices is treated, how many devices an employee may keep, which satkers take a
selfie with each check-in and the speed above which two consecutive check-ins count as impossible travel.

HR of the SKPD sets them (`services/checkin_rules.py`); until then the documented defaults below hold. The device
rules are applied by `services/devices.py`, the selfie and the travel speed by the check-in's location checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from .errors import ValidationError, not_one_of


class DevicePolicy(StrEnum):
    """What a check-in not signed by an active registered device meets."""

    #: not checked at all (an SKPD that has not rolled devices out yet)
    OFF = "OFF"
    #: recorded, and flagged ``UNKNOWN_DEVICE`` for HR to decide when the employee has a registered (ACTIVE) device
    #: and the check-in did not come from it; someone who never registered is not flagged, or rolling devices out
    #: would flag every check-in of everyone (`domain.devices.flags_unsigned`). The default: nobody is locked out
    #: by surprise
    FLAG = "FLAG"
    #: refused (403) and nothing recorded
    REFUSE = "REFUSE"


POLICY_LABELS = {
    DevicePolicy.OFF: "Tidak diperiksa",
    DevicePolicy.FLAG: "Dicatat dan ditandai untuk diperiksa kepegawaian",
    DevicePolicy.REFUSE: "Ditolak",
}

MIN_DEVICES, MAX_DEVICES = 1, 5
MIN_SPEED_KMH, MAX_SPEED_KMH = 10, 2000
MAX_SELFIE_SATKERS = 200


@dataclass(frozen=True)
class CheckInRules:
    """One SKPD's check-in rules (``version`` 0: the defaults, nothing stored)."""

    #: a check-in without a valid signature of an active registered device: OFF, FLAG or REFUSE
    device_policy: DevicePolicy = DevicePolicy.FLAG
    #: active devices an employee may keep; approving one more retires the oldest
    device_limit: int = 2
    #: satkers whose employees add a selfie to each check-in (empty: none)
    selfie_satkers: frozenset[str] = field(default_factory=frozenset)
    #: two consecutive check-ins faster apart than this (km/h, straight line) are flagged as impossible travel;
    #: 200 km/h is faster than any road journey between offices yet slower than a flight
    max_speed_kmh: int = 200
    version: int = 0

    def selfie_required(self, satker_id: str | None) -> bool:
        return bool(satker_id) and satker_id in self.selfie_satkers

    def fields(self) -> dict[str, Any]:
        """The rules as plain JSON values: what the ``org`` table stores and the API shows (one mapping for both)."""
        return {
            "device_policy": self.device_policy.value,
            "device_limit": self.device_limit,
            "selfie_satkers": sorted(self.selfie_satkers),
            "max_speed_kmh": self.max_speed_kmh,
        }


DEFAULT_CHECKIN_RULES = CheckInRules()


def check_checkin_rules(rules: CheckInRules) -> CheckInRules:
    """The rules as stored: the policy one of three, the limit 1–5, the speed 10–2000 km/h, at most 200 satkers
    (each refusal names its field)."""
    if not isinstance(rules.device_policy, DevicePolicy):
        raise not_one_of("device_policy", [p.value for p in DevicePolicy], "Kebijakan perangkat", "INVALID_POLICY")
    if not MIN_DEVICES <= rules.device_limit <= MAX_DEVICES:
        raise ValidationError(
            f"Batas perangkat harus {MIN_DEVICES}-{MAX_DEVICES}.",
            code="INVALID_DEVICE_LIMIT",
            details={"field": "device_limit"},
        )
    if not MIN_SPEED_KMH <= rules.max_speed_kmh <= MAX_SPEED_KMH:
        raise ValidationError(
            f"Kecepatan maksimum harus {MIN_SPEED_KMH}-{MAX_SPEED_KMH} km/jam.",
            code="INVALID_SPEED",
            details={"field": "max_speed_kmh"},
        )
    if len(rules.selfie_satkers) > MAX_SELFIE_SATKERS:
        raise ValidationError(
            f"Paling banyak {MAX_SELFIE_SATKERS} satker.", code="TOO_MANY", details={"field": "selfie_satkers"}
        )
    return replace(rules, selfie_satkers=frozenset(rules.selfie_satkers))
