"""Attendance of one employee on one day, from sync, native check-in/out or an approved complaint."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum

from .errors import BusinessRule, Conflict, ValidationError
from .identity import validate_nip
from .messages import indonesian_number
from .organisation import OfficeLocation

EARTH_RADIUS_M = 6_371_000


class Session(StrEnum):
    """``PAGI``: morning check-in (masuk); ``SORE``: afternoon check-out (pulang)."""

    PAGI = "PAGI"
    SORE = "SORE"


class Source(StrEnum):
    SYNC = "SYNC"
    NATIVE = "NATIVE"
    PENGADUAN = "PENGADUAN"  # an approved attendance complaint (pengaduan presensi)


@dataclass(frozen=True)
class SourceRecord:
    """What one source recorded of a day, kept apart from the others.

    Each source keeps its own times so a person sees every one of them — the machine's 07.27 beside the app's
    08.31 — instead of one hiding the other and inviting a second check-in. An approved complaint has no clock
    time: it only says which sessions it covers (``sessions``).
    """

    source: Source
    check_in: time | None = None
    check_out: time | None = None
    sessions: frozenset[Session] = frozenset()


@dataclass(frozen=True)
class Fix:
    """Where a native check-in was made: the device's position, its reported accuracy radius (the browser's
    ``coords.accuracy``, metres) and the instant (UTC), kept so the next check-in can be compared with it."""

    latitude: float
    longitude: float
    at: datetime
    accuracy_m: float | None = None


@dataclass(frozen=True)
class AttendanceDay:
    """What is known of one employee-day; also the lock and tally of that day's reports."""

    nip: str
    day: date
    sync_in: time | None = None
    sync_out: time | None = None
    native_in: time | None = None
    native_out: time | None = None
    complaint_sessions: frozenset[Session] = frozenset()
    #: report id → (start, end) of that day's live reports
    report_slots: dict[str, tuple[time, time]] = field(default_factory=dict)
    report_counts: dict[str, int] = field(default_factory=dict)
    report_rev: int = 0
    #: of the approved ones, how many the system approved after 7 days (the monthly recap counts them apart)
    auto_approved: int = 0
    #: where each native session was checked in (only those that sent a position)
    native_fixes: dict[Session, Fix] = field(default_factory=dict)
    #: the selfie (its object key) each native session was checked in with, when the satker requires one
    native_selfies: dict[Session, str] = field(default_factory=dict)
    #: the native sessions HR rejected (a flagged check-in, `store/checkin_flags.py`): never checked in again
    native_rejected: frozenset[Session] = frozenset()

    @property
    def records(self) -> list[SourceRecord]:
        """Every source that recorded something of the day, machine first, then the app, then a complaint."""
        found = []
        for source, check_in, check_out in (
            (Source.SYNC, self.sync_in, self.sync_out),
            (Source.NATIVE, self.native_in, self.native_out),
        ):
            if check_in or check_out:
                sessions = {s for s, at in ((Session.PAGI, check_in), (Session.SORE, check_out)) if at}
                found.append(SourceRecord(source, check_in, check_out, frozenset(sessions)))
        if self.complaint_sessions:
            found.append(SourceRecord(Source.PENGADUAN, sessions=self.complaint_sessions))
        return found

    @property
    def sources(self) -> list[Source]:
        return [r.source for r in self.records]

    @property
    def attended(self) -> bool:
        return bool(self.records)

    @property
    def check_in(self) -> time | None:
        """The check-in that counts for the day: the EARLIEST of every source's (machine, app).

        Arriving is a fact a later check-in cannot undo: the machine's 07.27 stands even when the app recorded
        08.31 afterwards. A complaint has no time, so a day attended only by one has none here.
        """
        times = [t for t in (self.sync_in, self.native_in) if t is not None]
        return min(times) if times else None

    @property
    def check_out(self) -> time | None:
        """The check-out that counts for the day: the LATEST of every source's, since leaving is the last one."""
        times = [t for t in (self.sync_out, self.native_out) if t is not None]
        return max(times) if times else None

    def recorded(self, session: Session) -> bool:
        """Whether any source (machine, app or an approved complaint) recorded ``session``: only when none did
        is the employee offered that check-in (or check-out)."""
        return any(session in r.sessions for r in self.records)

    @property
    def recorded_sessions(self) -> list[Session]:
        return [s for s in Session if self.recorded(s)]


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def check_location(office: OfficeLocation | None, latitude: float | None, longitude: float | None) -> float | None:
    """Refuse a check-in outside the satker's office radius; returns the distance when an office is set."""
    if office is None:
        return None
    if latitude is None or longitude is None:
        raise ValidationError(
            "Lokasi perangkat (latitude, longitude) wajib dikirim untuk presensi di satker ini.",
            code="LOCATION_REQUIRED",
        )
    distance = distance_m(office.latitude, office.longitude, latitude, longitude)
    if distance > office.radius_m:
        raise BusinessRule(
            f"Lokasi Anda {indonesian_number(distance, 0)} m dari kantor, "
            f"di luar radius presensi {indonesian_number(office.radius_m, 0)} m.",
            code="OUTSIDE_OFFICE_RADIUS",
            details={"distance_m": round(distance), "radius_m": office.radius_m},
        )
    return distance


def check_coordinate(value: float, field: str, bound: int) -> float:
    """A latitude (``bound`` 90) or longitude (180) in degrees (the request's model calls it)."""
    if not -bound <= value <= bound:
        raise ValidationError(
            f"Kolom '{field}' harus angka -{bound} sampai {bound}.", code="INVALID_LOCATION", details={"field": field}
        )
    return float(value)


def check_native(day: AttendanceDay | None, session: Session) -> None:
    """One native check-in and one check-out a day; check-out only after check-in."""
    if session is Session.PAGI and day is not None and day.native_in is not None:
        raise Conflict("Anda sudah melakukan presensi masuk hari ini.", code="ALREADY_CHECKED_IN")
    if session is Session.SORE and day is not None and day.native_out is not None:
        raise Conflict("Anda sudah melakukan presensi pulang hari ini.", code="ALREADY_CHECKED_OUT")


def local_now(now_utc: datetime, zone: str) -> datetime:
    """``now_utc`` in an IANA zone (Asia/Jakarta, Asia/Makassar, Asia/Jayapura)."""
    from zoneinfo import ZoneInfo

    return now_utc.astimezone(ZoneInfo(zone))


@dataclass(frozen=True)
class SyncRecord:
    """One record of the attendance system (see docs/attendance-sync.md)."""

    record_id: str
    nip: str
    day: date
    check_in: time | None
    check_out: time | None


def parse_sync_record(raw: object) -> SyncRecord:
    """Validate a record of the attendance source; raises `ValidationError` for one to skip."""
    if not isinstance(raw, dict):
        raise ValidationError("record is not an object")

    def hhmm(value: object) -> time | None:
        if value in (None, ""):
            return None
        try:
            return time.fromisoformat(str(value)).replace(second=0, microsecond=0)
        except ValueError:
            raise ValidationError(f"bad time {value!r}") from None

    try:
        day = date.fromisoformat(str(raw.get("date")))
    except ValueError:
        raise ValidationError("bad date") from None
    record = SyncRecord(
        str(raw.get("id", "")),
        validate_nip(str(raw.get("nip", ""))),
        day,
        hhmm(raw.get("check_in")),
        hhmm(raw.get("check_out")),
    )
    if record.check_in is None and record.check_out is None:
        raise ValidationError("record has neither check_in nor check_out")
    return record
