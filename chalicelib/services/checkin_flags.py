"""Flagged check-ins as HR reads them (issue 20): the reasons in words, the distance from the office, the accuracy,
the move since the previous check-in and, when one was taken, the selfie (a short-lived link). HR decides them in
the one inbox as the decision kind ``checkin_flag`` (`services/decisions/kinds/checkin_flags.py`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..domain.attendance import local_now
from ..domain.checkin_guard import (
    FLAG_STATUS_LABELS,
    CheckInFlag,
    reason_label,
    split_flag_id,
    travel_words,
)
from ..domain.complaints import SESSION_LABELS
from ..domain.errors import NotFound
from ..domain.history import history_view
from ..domain.messages import clock_time, indonesian_date, indonesian_number
from ..store.protocols import CheckInFlagRepository

#: a selfie's key → a short-lived download link
SelfieLink = Callable[[str], str]


def _not_found() -> NotFound:
    return NotFound("Presensi yang ditandai tidak ditemukan.", code="CHECKIN_FLAG_NOT_FOUND")


class CheckInFlagService:
    def __init__(self, flags: CheckInFlagRepository, selfie_link: SelfieLink | None = None) -> None:
        self._flags, self._selfie_link = flags, selfie_link

    def flag(self, item_id: str) -> CheckInFlag:
        """The flag of id ``<nip>.<date>.<session>`` (a malformed id is simply not found)."""
        parts = split_flag_id(item_id)
        found = self._flags.get(*parts) if parts else None
        if found is None:
            raise _not_found()
        return found

    def view(self, flag: CheckInFlag, zone: Any = None) -> dict[str, Any]:
        """The flag as clients see it; ``zone``: the employee's `TimeZone` (times in their own zone)."""
        local = local_now(flag.at, zone.iana) if zone is not None else flag.at
        move = flag.travel
        return {
            "flag_id": flag.flag_id,
            "nip": flag.nip,
            "skpd_id": flag.skpd_id,
            "satker_id": flag.satker_id,
            "date": flag.day.isoformat(),
            "session": flag.session.value,
            "session_label": SESSION_LABELS[flag.session],
            "time": clock_time(local.time(), zone.value if zone is not None else None),
            "at": flag.at.isoformat(),
            "reasons": list(flag.reasons),
            "reason_labels": [reason_label(r) for r in flag.reasons],
            "distance_m": flag.distance_m,
            "accuracy_m": flag.accuracy_m,
            "travel": None
            if move is None
            else {
                "from_date": move.from_day.isoformat(),
                "from_session": move.from_session.value,
                "distance_km": round(move.distance_m / 1000, 1),
                "minutes": int(move.elapsed_s // 60),
                "speed_kmh": None if move.speed_kmh is None else round(move.speed_kmh),
                "text": travel_words(move),
            },
            "selfie_url": self._selfie_link(flag.selfie_key) if flag.selfie_key and self._selfie_link else None,
            "status": flag.status.value,
            "status_label": FLAG_STATUS_LABELS[flag.status],
            "decided_by": flag.decided_by,
            "decided_at": flag.decided_at.isoformat() if flag.decided_at else None,
            "note": flag.note,
            "history": history_view(flag.history),
            "version": flag.version,
        }


def summary(flag: CheckInFlag, zone: Any = None) -> list[tuple[str, str]]:
    """What HR reads to decide: the session and its time, why it was flagged, what was measured."""
    local = local_now(flag.at, zone.iana) if zone is not None else flag.at
    lines = [
        ("Tanggal", indonesian_date(flag.day)),
        ("Sesi", f"{SESSION_LABELS[flag.session]}, {clock_time(local.time(), zone.value if zone else None)}"),
        ("Alasan", "; ".join(reason_label(r) for r in flag.reasons)),
    ]
    if flag.travel is not None:
        origin = f"{SESSION_LABELS[flag.travel.from_session]} {indonesian_date(flag.travel.from_day)}"
        lines.append(("Perpindahan", f"{travel_words(flag.travel)} sejak presensi {origin}"))
    if flag.distance_m is not None:
        lines.append(("Jarak dari kantor", f"{indonesian_number(flag.distance_m, 0)} m"))
    if flag.accuracy_m is not None:
        lines.append(("Akurasi GPS", f"{indonesian_number(flag.accuracy_m, 0)} m"))
    return lines
