"""Check-in that resists fraud (issue 20): an SKPD's check-in rules, set by HR, and the devices an employee
registers to sign their check-ins with (a WebCrypto ECDSA P-256 key made in the browser)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from ..domain.checkin_rules import (
    MAX_DEVICES,
    MAX_SELFIE_SATKERS,
    MAX_SPEED_KMH,
    MIN_DEVICES,
    MIN_SPEED_KMH,
    DevicePolicy,
)
from ..domain.devices import DeviceStatus
from .base import Body, Out, enum_choice, enum_literal, text, whole, written
from .working_hours import HoursVersion

__all__ = ["CheckInRulesInput", "CheckInRulesOut", "DeviceInput", "DeviceList", "DeviceOut"]


class CheckInRulesInput(Body):
    """An SKPD's check-in rules (`domain.checkin_rules.CheckInRules`)."""

    device_policy: enum_choice(  # type: ignore[valid-type]
        DevicePolicy,
        code="INVALID_POLICY",
        description="a check-in not signed by an active registered device: OFF not checked, FLAG recorded and "
        "flagged for HR, REFUSE refused",
    )
    device_limit: whole(MIN_DEVICES, MAX_DEVICES, code="INVALID_DEVICE_LIMIT", what="Batas perangkat") = 2  # type: ignore[valid-type]
    selfie_satkers: list[text(64, required=True)] = Field(  # type: ignore[valid-type]
        default_factory=list, max_length=MAX_SELFIE_SATKERS, description="satkers of the SKPD that take a selfie"
    )
    max_speed_kmh: whole(MIN_SPEED_KMH, MAX_SPEED_KMH, code="INVALID_SPEED", what="Kecepatan maksimum") = 200  # type: ignore[valid-type]
    version: HoursVersion = None  # type: ignore[valid-type]


class CheckInRulesOut(Out):
    skpd_id: str
    source: Literal["SKPD", "DEFAULT"] = Field(description="the SKPD's own rules, or the documented defaults")
    version: int = Field(description="the stored rules' version (0: none saved; PUT with 0 creates)")
    device_policy: enum_literal(DevicePolicy)  # type: ignore[valid-type]
    policy_label: str = Field(examples=["Ditolak"])
    device_limit: int = Field(examples=[2])
    selfie_satkers: list[str]
    max_speed_kmh: int = Field(examples=[200])
    defaults: dict[str, Any] = Field(description="the documented defaults, as this answer's fields")


class DeviceInput(Body):
    """This browser's device key: the public half of a non-exportable ECDSA P-256 key pair, as a JWK."""

    label: written(60) = Field(examples=["Ponsel kantor"])  # type: ignore[valid-type]
    public_key: dict[str, Any] = Field(
        description='JWK of an EC P-256 public key: {"kty":"EC","crv":"P-256","x":"…","y":"…"} (base64url, 32 bytes '
        "each); a private part (d) is refused",
        examples=[{"kty": "EC", "crv": "P-256", "x": "…", "y": "…"}],
    )


class DeviceOut(Out):
    device_id: str
    nip: str
    label: str
    status: enum_literal(DeviceStatus)  # type: ignore[valid-type]
    status_label: str = Field(examples=["Menunggu persetujuan kepegawaian"])
    thumbprint: str = Field(description="the key's RFC 7638 JWK thumbprint (base64url SHA-256)")
    registered_at: str = Field(json_schema_extra={"format": "date-time"})
    activated_at: str | None = None
    retired_at: str | None = None
    last_used_at: str | None = None
    decided_by: str | None = None
    note: str | None = None
    version: int


class DeviceList(Out):
    items: list[DeviceOut]
    device_limit: int = Field(description="active devices allowed by the SKPD's check-in rules")
    device_policy: enum_literal(DevicePolicy)  # type: ignore[valid-type]
