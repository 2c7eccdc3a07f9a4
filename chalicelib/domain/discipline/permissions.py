"""Permission requests (izin) that are not leave (seed 003 "permohonan dan perizinan"): the employee asks, the
supervisor decides (through the one verification mechanism), and an approved permission overrides the TL/PSW class
of the session(s) it covers and counts in the calendar and the recap as its own category.

Kinds, and the session(s) an approved one overrides:

- ``IZIN_TERLAMBAT`` (arriving late): the check-in side (``PAGI``);
- ``IZIN_PULANG_CEPAT`` (leaving early): the check-out side (``SORE``);
- ``IZIN_KELUAR_KANTOR`` (leaving the office for a time range inside the day's hours): only the side its range
  touches. A range from the day's start excuses arriving until its end (a check-in later than that is late by the
  minutes after it); a range up to the day's end excuses leaving from its start. A range in the middle of the day
  changes no class — the attendance records only arrival and departure — and counts in the recap only;
- ``IZIN_TIDAK_MASUK`` (not coming in, a reason required): the whole day.

Rules of a request (each refusal has its own code; nothing is stored):
- the date is a working day of the employee's schedule, not older than ``window_days`` (default 7, like a daily
  report's) and not more than ``ahead_days`` (default 30) ahead, both in the satker's zone;
- a reason of 10–500 characters for every kind (the supervisor decides on it);
- a time range for ``IZIN_KELUAR_KANTOR`` only: on the minute, start before end, inside the day's hours and not
  all of them (that is an izin tidak masuk);
- one live (submitted or approved) permission per day and kind, and none beside a live ``IZIN_TIDAK_MASUK``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from ..accounts import forbid_self_decision
from ..attendance import Session
from ..errors import BusinessRule, Conflict, Forbidden, ValidationError, not_one_of
from ..history import HistoryEntry, decision_entry
from ..messages import clock_time, indonesian_date
from .working_hours import Hours

DEFAULT_WINDOW_DAYS = 7
DEFAULT_AHEAD_DAYS = 30
MIN_REASON, MAX_REASON = 10, 500
REFERENCE_PREFIX = "IZN"
_ID_NIP, _ID_TOKEN = re.compile(r"\d{18}"), re.compile(r"[0-9a-f]{12}")


class PermissionKind(StrEnum):
    IZIN_TERLAMBAT = "IZIN_TERLAMBAT"
    IZIN_PULANG_CEPAT = "IZIN_PULANG_CEPAT"
    IZIN_KELUAR_KANTOR = "IZIN_KELUAR_KANTOR"
    IZIN_TIDAK_MASUK = "IZIN_TIDAK_MASUK"


class PermissionStatus(StrEnum):
    """As complaints and reports name theirs; ``WITHDRAWN`` is the employee taking back a request not decided yet."""

    SUBMITTED = "SUBMITTED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"


KIND_LABELS = {
    PermissionKind.IZIN_TERLAMBAT: "Izin terlambat",
    PermissionKind.IZIN_PULANG_CEPAT: "Izin pulang cepat",
    PermissionKind.IZIN_KELUAR_KANTOR: "Izin keluar kantor",
    PermissionKind.IZIN_TIDAK_MASUK: "Izin tidak masuk",
}
STATUS_LABELS = {
    PermissionStatus.SUBMITTED: "Diajukan",
    PermissionStatus.APPROVED: "Disetujui",
    PermissionStatus.REJECTED: "Ditolak",
    PermissionStatus.WITHDRAWN: "Ditarik",
}
#: statuses that hold their day: a second permission of the kind is refused while one of these stands
LIVE = (PermissionStatus.SUBMITTED, PermissionStatus.APPROVED)


@dataclass(frozen=True)
class PermissionRequest:
    """What the employee asks: the kind, the day, why, and (``IZIN_KELUAR_KANTOR`` only) the time range."""

    kind: PermissionKind
    day: date
    reason: str
    start: time | None = None
    end: time | None = None


@dataclass(frozen=True)
class Permission:
    permission_id: str
    reference: str
    nip: str
    skpd_id: str
    satker_id: str
    kind: PermissionKind
    day: date
    reason: str
    status: PermissionStatus
    submitted_at: datetime
    start: time | None = None
    end: time | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    note: str | None = None
    history: tuple[HistoryEntry, ...] = ()
    version: int = 0
    #: who decides it: the direct supervisor when it was submitted (or whoever holds their delegation)
    supervisor_nip: str | None = None

    @property
    def approved(self) -> bool:
        return self.status is PermissionStatus.APPROVED


def permission_id(nip: str, day: date, token: str) -> str:
    """``<nip>.<date>.<token>``: the id names its employee and day, so one read finds it in the employee's
    partition (`store/permissions.py`)."""
    return f"{nip}.{day.isoformat()}.{token}"


#: a day's permissions are numbered in their slots 00–99 (far more than the duplicate rule lets live at once)
MAX_PER_DAY = 100


def slot_token(taken: int, entropy: str) -> str:
    """A new permission's token: its slot on the day (the number of permissions the day already has, two digits)
    and 10 random hex digits. The store writes a slot only once, so two requests racing for the same day cannot
    both pass `check_no_duplicate` on the same reading; the random part keeps ids unguessable."""
    if taken >= MAX_PER_DAY:
        raise Conflict("Terlalu banyak izin pada tanggal ini.", code="PERMISSION_DUPLICATE")
    return f"{taken:02d}{entropy[:10]}"


def split_id(value: str) -> tuple[str, date, str] | None:
    """(nip, day, token) of an id `permission_id` made; ``None`` for anything else (then simply not found)."""
    parts = value.split(".")
    if len(parts) != 3 or not _ID_NIP.fullmatch(parts[0]) or not _ID_TOKEN.fullmatch(parts[2]):
        return None
    try:
        day = date.fromisoformat(parts[1])
    except ValueError:
        return None
    return (parts[0], day, parts[2]) if day.isoformat() == parts[1] else None


def parse_kind(value: object) -> PermissionKind:
    try:
        return PermissionKind(str(value).upper())
    except ValueError:
        raise not_one_of("kind", list(PermissionKind), "Jenis izin", "INVALID_PERMISSION_KIND") from None


def parse_status(value: object) -> PermissionStatus:
    """A status filter of the supervisor's queue (filters arrive as text)."""
    try:
        return PermissionStatus(str(value).upper())
    except ValueError:
        raise not_one_of("status", list(PermissionStatus), "Status izin", "INVALID_STATUS") from None


# -- which sessions an approved permission overrides ---------------------------------------------------------


def sessions_overridden(
    kind: PermissionKind, expected: Hours, start: time | None, end: time | None
) -> frozenset[Session]:
    """The session(s) whose class an approved permission replaces (see the module's docstring)."""
    if kind is PermissionKind.IZIN_TERLAMBAT:
        return frozenset({Session.PAGI})
    if kind is PermissionKind.IZIN_PULANG_CEPAT:
        return frozenset({Session.SORE})
    if kind is PermissionKind.IZIN_TIDAK_MASUK:
        return frozenset(Session)
    if start is None or end is None:
        return frozenset()
    found: set[Session] = set()
    if start <= expected.check_in:
        found.add(Session.PAGI)
    if end >= expected.check_out:
        found.add(Session.SORE)
    return frozenset(found)


# -- the rules of a request ----------------------------------------------------------------------------------


def check_request(
    request: PermissionRequest,
    *,
    today: date,
    expected: Hours | None,
    window_days: int = DEFAULT_WINDOW_DAYS,
    ahead_days: int = DEFAULT_AHEAD_DAYS,
) -> PermissionRequest:
    """The request with its reason trimmed, or the refusal of the first rule it breaks. ``today`` is the date in
    the satker's zone; ``expected`` the day's hours (`working_hours.expected_hours`), ``None`` on a day off."""
    check_window(request.day, today=today, window_days=window_days, ahead_days=ahead_days)
    if expected is None:
        raise BusinessRule(
            f"Tanggal {indonesian_date(request.day)} bukan hari kerja; izin tidak diperlukan.",
            code="NOT_A_WORKING_DAY",
            details={"field": "day"},
        )
    reason = request.reason.strip()
    if not MIN_REASON <= len(reason) <= MAX_REASON:
        raise ValidationError(
            f"Alasan izin wajib diisi, {MIN_REASON}-{MAX_REASON} karakter.",
            code="INVALID_REASON",
            details={"field": "reason"},
        )
    _check_range(request, expected)
    return replace(request, reason=reason)


def check_window(day: date, *, today: date, window_days: int, ahead_days: int = DEFAULT_AHEAD_DAYS) -> None:
    """Not older than ``window_days`` before ``today`` and not more than ``ahead_days`` after it."""
    earliest = today - timedelta(days=window_days)
    if day < earliest:
        raise BusinessRule(
            f"Izin hanya dapat diajukan paling lama {window_days} hari ke belakang "
            f"(paling awal {indonesian_date(earliest)}).",
            code="DATE_TOO_OLD",
            details={"field": "day", "window_days": window_days},
        )
    if day > today + timedelta(days=ahead_days):
        raise BusinessRule(
            f"Izin paling cepat diajukan {ahead_days} hari sebelum tanggalnya.",
            code="DATE_TOO_FAR",
            details={"field": "day", "ahead_days": ahead_days},
        )


def _check_range(request: PermissionRequest, expected: Hours) -> None:
    if request.kind is not PermissionKind.IZIN_KELUAR_KANTOR:
        if request.start is not None or request.end is not None:
            raise ValidationError(
                f"{KIND_LABELS[request.kind]} tidak memakai jam mulai dan selesai.",
                code="RANGE_NOT_ALLOWED",
                details={"field": "start"},
            )
        return
    start, end = request.start, request.end
    if start is None or end is None:
        missing = "start" if start is None else "end"
        raise ValidationError(
            "Izin keluar kantor wajib menyebut jam mulai dan jam selesai.",
            code="RANGE_REQUIRED",
            details={"field": missing},
        )
    for name, value in (("start", start), ("end", end)):
        if value.second or value.microsecond:
            raise ValidationError(
                "Jam izin harus dalam menit penuh (tanpa detik).", code="TIME_NOT_ON_MINUTE", details={"field": name}
            )
    if end <= start:
        raise ValidationError(
            "Jam selesai izin harus setelah jam mulainya.", code="INVALID_TIME_RANGE", details={"field": "end"}
        )
    if start < expected.check_in or end > expected.check_out:
        raise BusinessRule(
            f"Jam izin harus di dalam jam kerja hari itu "
            f"({clock_time(expected.check_in)}–{clock_time(expected.check_out)}).",
            code="OUTSIDE_WORKING_HOURS",
            details={"field": "start" if start < expected.check_in else "end"},
        )
    if start == expected.check_in and end == expected.check_out:
        raise BusinessRule(
            "Izin keluar kantor sepanjang jam kerja adalah izin tidak masuk; ajukan izin tidak masuk.",
            code="RANGE_IS_WHOLE_DAY",
            details={"field": "kind"},
        )


def check_no_duplicate(request: PermissionRequest, existing: Iterable[Permission]) -> None:
    """One live permission per day and kind; nothing beside a live izin tidak masuk (nor one beside others)."""
    for other in existing:
        if other.day != request.day or other.status not in LIVE:
            continue
        whole_day = PermissionKind.IZIN_TIDAK_MASUK in (other.kind, request.kind)
        if other.kind is request.kind or whole_day:
            raise Conflict(
                f"Sudah ada {KIND_LABELS[other.kind].lower()} ({other.reference}) untuk tanggal "
                f"{indonesian_date(request.day)}.",
                code="PERMISSION_DUPLICATE",
                details={"day": request.day.isoformat(), "kind": other.kind.value, "reference": other.reference},
            )


def reference(year: int, number: int) -> str:
    """The number the employee quotes: ``IZN/2026/000123`` (a series per year; never reused)."""
    return f"{REFERENCE_PREFIX}/{year}/{number:06d}"


def reference_series(year: int) -> str:
    """The numbered series (`store/sequences.py`) the references of ``year`` come from."""
    return f"permission:{year}"


# -- decisions -----------------------------------------------------------------------------------------------


def require_submitted(permission: Permission) -> None:
    if permission.status is not PermissionStatus.SUBMITTED:
        raise Conflict(
            f"Izin {permission.reference} sudah {STATUS_LABELS[permission.status].lower()}.",
            code="PERMISSION_DECIDED",
            details={"status": permission.status.value},
        )


def decide(
    permission: Permission,
    status: PermissionStatus,
    *,
    by: str,
    at: datetime,
    note: str | None = None,
    on_behalf_of: str | None = None,
) -> Permission:
    """The permission after the supervisor's (or a delegate's) decision: never by the employee, only once."""
    if status not in (PermissionStatus.APPROVED, PermissionStatus.REJECTED):
        raise not_one_of("status", ["APPROVED", "REJECTED"], "Keputusan", "INVALID_DECISION")
    forbid_self_decision(by, permission.nip)
    require_submitted(permission)
    entry = decision_entry(at, by, permission.status.value, status.value, note=note, on_behalf_of=on_behalf_of)
    return replace(
        permission, status=status, decided_by=by, decided_at=at, note=note, history=(*permission.history, entry)
    )


def withdraw(permission: Permission, *, by: str, at: datetime) -> Permission:
    """The employee takes back a request nobody has decided yet."""
    if by != permission.nip:
        raise Forbidden("Hanya pegawai yang mengajukan yang dapat menarik izin ini.", code="NOT_OWNER")
    require_submitted(permission)
    entry = decision_entry(at, by, permission.status.value, PermissionStatus.WITHDRAWN.value)
    return replace(permission, status=PermissionStatus.WITHDRAWN, history=(*permission.history, entry))
