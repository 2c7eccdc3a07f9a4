"""Check-in that resists fraud without special hardware (issue 20): the reported location accuracy, impossible
travel between consecutive check-ins, and the flag a doubtful check-in carries to HR.

A phone reports its position with an accuracy radius (the browser's ``coords.accuracy``, metres: the true position
lies within it with ~68 % confidence). A fix whose radius is wider than the office's own radius cannot tell
whether the employee is inside, so it is refused and nothing is recorded (`check_accuracy`). A fix that is precise
but far from the previous check-in's, sooner than a person can travel, is recorded AND flagged
(`impossible_travel`): refusing would lock out someone whose previous fix was the wrong one; HR decides instead.
The speed limit is the SKPD's (`CheckInRules.max_speed_kmh`, 200 km/h by default: faster than any road journey
between offices, slower than a flight).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum

from .accounts import forbid_self_decision
from .attendance import AttendanceDay, Fix, Session, distance_m
from .errors import BusinessRule, Conflict, ValidationError, not_one_of
from .history import HistoryEntry, decision_entry
from .messages import indonesian_number
from .organisation import OfficeLocation

#: jumps shorter than this are never "impossible travel": GPS noise, a campus of several buildings
MIN_TRAVEL_M = 1000
#: how many of the employee's latest attendance days are read for the previous check-in (one Query)
RECENT_DAYS = 7


class FlagReason(StrEnum):
    """Why a check-in was recorded but sent to HR."""

    IMPOSSIBLE_TRAVEL = "IMPOSSIBLE_TRAVEL"
    UNKNOWN_DEVICE = "UNKNOWN_DEVICE"


REASON_LABELS = {
    FlagReason.IMPOSSIBLE_TRAVEL: "Perpindahan lokasi yang mustahil sejak presensi sebelumnya",
    FlagReason.UNKNOWN_DEVICE: "Perangkat tidak terdaftar",
}


def reason_label(reason: str) -> str:
    """A reason in words; an unknown code (a newer reason read by an older screen) is shown as it is."""
    try:
        return REASON_LABELS[FlagReason(reason)]
    except ValueError:
        return reason


#: a larger radius says nothing about where the phone is (and a wider one is refused anyway where it matters)
MAX_ACCURACY_M = 100_000


def check_accuracy_value(value: float, field: str) -> float:
    """The reported accuracy radius in metres, 0 or more (the request's model calls it; a browser whose position
    is set by hand, e.g. an emulator, reports 0)."""
    if not 0 <= value <= MAX_ACCURACY_M:
        raise ValidationError(
            f"Kolom '{field}' harus angka 0 sampai {indonesian_number(MAX_ACCURACY_M, 0)} (meter).",
            code="INVALID_ACCURACY",
            details={"field": field},
        )
    return float(value)


def check_accuracy(office: OfficeLocation | None, accuracy_m: float | None) -> float | None:
    """Refuse a fix too coarse to place the employee inside the office radius (required where one is set)."""
    if office is None:
        return accuracy_m
    if accuracy_m is None:
        raise ValidationError(
            "Akurasi lokasi (accuracy_m) wajib dikirim untuk presensi di satker ini.",
            code="ACCURACY_REQUIRED",
            details={"field": "accuracy_m"},
        )
    if accuracy_m > office.radius_m:
        raise BusinessRule(
            f"Akurasi GPS Anda {indonesian_number(accuracy_m, 0)} m, lebih lebar dari radius presensi "
            f"{indonesian_number(office.radius_m, 0)} m. Tunggu beberapa saat hingga GPS lebih akurat atau "
            "pindah ke tempat terbuka, lalu coba lagi.",
            code="LOCATION_TOO_COARSE",
            details={"accuracy_m": round(accuracy_m), "radius_m": office.radius_m},
        )
    return accuracy_m


@dataclass(frozen=True)
class Travel:
    """The move from the previous check-in to this one (``speed_kmh`` None: no time passed between them)."""

    from_day: date
    from_session: Session
    distance_m: float
    elapsed_s: float
    speed_kmh: float | None


def travel(previous: Fix, current: Fix, from_day: date, from_session: Session) -> Travel:
    """The great-circle distance between two fixes, less both accuracy radii (the benefit of the doubt: each
    position may be off by its radius), over the time between them."""
    raw = distance_m(previous.latitude, previous.longitude, current.latitude, current.longitude)
    slack = (previous.accuracy_m or 0) + (current.accuracy_m or 0)
    moved = max(0.0, raw - slack)
    elapsed = (current.at - previous.at).total_seconds()
    speed = moved / 1000 / (elapsed / 3600) if elapsed > 0 else None
    return Travel(from_day, from_session, moved, elapsed, speed)


def impossible_travel(move: Travel, max_speed_kmh: float) -> bool:
    """Faster than ``max_speed_kmh`` over at least `MIN_TRAVEL_M` (an instant move counts as infinitely fast)."""
    if move.distance_m < MIN_TRAVEL_M:
        return False
    return move.speed_kmh is None or move.speed_kmh > max_speed_kmh


def previous_fix(recent: Iterable[AttendanceDay], day: date, session: Session) -> tuple[date, Session, Fix] | None:
    """The check-in to compare with: today's PAGI for a SORE, else the latest earlier day's (its SORE, else its
    PAGI). ``recent``: the employee's latest days, any order."""
    found: list[tuple[datetime, date, Session, Fix]] = []
    for record in recent:
        if record.day > day:
            continue
        for kept, fix in record.native_fixes.items():
            if record.day == day and not (session is Session.SORE and kept is Session.PAGI):
                continue
            found.append((fix.at, record.day, kept, fix))
    if not found:
        return None
    _, when, kept, fix = max(found, key=lambda f: f[0])
    return when, kept, fix


# -- the flag HR decides --------------------------------------------------------------------------------------


class FlagStatus(StrEnum):
    FLAGGED = "FLAGGED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


FLAG_STATUS_LABELS = {
    FlagStatus.FLAGGED: "Menunggu pemeriksaan",
    FlagStatus.APPROVED: "Diterima",
    FlagStatus.REJECTED: "Ditolak (presensi dihapus)",
}


@dataclass(frozen=True)
class CheckInFlag:
    """A recorded native check-in sent to HR of the employee's SKPD with its reasons and what was measured.

    Its id is ``<nip>.<date>.<session>``: one flag per session a day, as there is one native check-in."""

    nip: str
    skpd_id: str
    satker_id: str
    day: date
    session: Session
    at: datetime  # the check-in's instant (UTC)
    reasons: tuple[str, ...]
    status: FlagStatus = FlagStatus.FLAGGED
    distance_m: int | None = None  # from the office, where it has a radius
    accuracy_m: int | None = None
    travel: Travel | None = None
    selfie_key: str | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    note: str | None = None
    history: tuple[HistoryEntry, ...] = field(default_factory=tuple)
    version: int = 0

    @property
    def flag_id(self) -> str:
        return flag_id(self.nip, self.day, self.session)


def flag_id(nip: str, day: date, session: Session) -> str:
    return f"{nip}.{day.isoformat()}.{session.value}"


def split_flag_id(value: str) -> tuple[str, date, Session] | None:
    """(nip, date, session) of a flag id; None for anything malformed (then simply not found)."""
    parts = value.split(".")
    if len(parts) != 3 or not parts[0].isdigit() or len(parts[0]) != 18:
        return None
    try:
        return parts[0], date.fromisoformat(parts[1]), Session(parts[2])
    except ValueError:
        return None


def decide(flag: CheckInFlag, status: FlagStatus, *, by: str, at: datetime, note: str | None = None) -> CheckInFlag:
    """HR's decision: APPROVED keeps the check-in, REJECTED removes it (the store does, in the same write)."""
    if status not in (FlagStatus.APPROVED, FlagStatus.REJECTED):
        raise not_one_of("status", ["APPROVED", "REJECTED"], "Keputusan", "INVALID_DECISION")
    forbid_self_decision(by, flag.nip)
    if flag.status is not FlagStatus.FLAGGED:
        raise Conflict(f"Presensi ini sudah diputuskan ({FLAG_STATUS_LABELS[flag.status]}).", code="ALREADY_DECIDED")
    entry = decision_entry(at, by, flag.status.value, status.value, note=note)
    return replace(flag, status=status, decided_by=by, decided_at=at, note=note, history=(*flag.history, entry))


def rejected_again(session: Session) -> Conflict:
    """A session whose check-in HR rejected is not checked in again by the app (a complaint is the way)."""
    word = "masuk" if session is Session.PAGI else "pulang"
    return Conflict(
        f"Presensi {word} Anda hari ini telah ditolak oleh kepegawaian; ajukan pengaduan presensi bila perlu.",
        code="CHECK_IN_REJECTED",
    )


def travel_words(move: Travel) -> str:
    """The move as HR reads it: "312,4 km dalam 25 menit (750 km/jam)", "… dalam 2 jam 5 menit (…)", "… dalam
    kurang dari 1 menit", "… seketika (tanpa selang waktu)" (a speed over seconds says nothing more)."""
    km = f"{indonesian_number(move.distance_m / 1000, 1)} km"
    if move.speed_kmh is None:
        return f"{km} seketika (tanpa selang waktu)"
    minutes = math.floor(move.elapsed_s / 60)
    if minutes < 1:
        return f"{km} dalam kurang dari 1 menit"
    hours, rest = divmod(minutes, 60)
    span = " ".join(p for p in (f"{hours} jam" if hours else "", f"{rest} menit" if rest else "") if p)
    return f"{km} dalam {span} ({indonesian_number(move.speed_kmh, 0)} km/jam)"
