"""SKPD (work unit) and satker (sub-unit), with the optional office radius used by check-in."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .errors import ValidationError
from .identity import TimeZone


@dataclass(frozen=True)
class OfficeLocation:
    latitude: float
    longitude: float
    radius_m: int


@dataclass(frozen=True)
class Skpd:
    skpd_id: str
    name: str
    timezone: TimeZone
    version: int = 0
    #: the place printed above signatures ("Jakarta, 30 November 2026")
    city: str = ""
    #: whether every daily report of the SKPD must name an RHK of the employee's approved SKP (issue 19)
    rhk_required: bool = False


@dataclass(frozen=True)
class Satker:
    skpd_id: str
    satker_id: str
    name: str
    timezone: TimeZone
    office: OfficeLocation | None = None
    version: int = 0


def parse_office(value: object) -> OfficeLocation | None:
    """``{"latitude", "longitude", "radius_m"}`` (numbers; the radius whole) as an `OfficeLocation`; ``None`` clears
    the office location. The request models call it once, so a client sees ``INVALID_OFFICE`` for any of it."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValidationError("Lokasi kantor harus berupa objek.", code="INVALID_OFFICE", details={"field": "office"})
    lat, lon, radius = value.get("latitude"), value.get("longitude"), value.get("radius_m")
    if not (_number(lat) and _number(lon) and _number(radius) and float(radius).is_integer()):
        raise ValidationError(
            "Lokasi kantor memerlukan latitude, longitude, dan radius_m berupa angka.",
            code="INVALID_OFFICE",
            details={"field": "office"},
        )
    lat, lon, radius = float(lat), float(lon), float(radius)  # type: ignore[arg-type]  # numbers, checked above
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 10 <= radius <= 100_000):
        raise ValidationError(
            "Koordinat atau radius kantor di luar batas (radius 10-100000 meter).",
            code="INVALID_OFFICE",
            details={"field": "office"},
        )
    return OfficeLocation(lat, lon, int(radius))


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
