"""The class of one employee-day: on time, late arrival TL1–TL4, early leave PSW1–PSW4, or what overrides them — an
approved leave (the whole day), an approved permission (its session(s), see `permissions`), an approved attendance
complaint (its session: ``PAGI`` the check-in side, ``SORE`` the check-out side) — or absent without a valid reason.

Decisions where the issue is silent:

- **Times**: a check-in/out is either a ``time`` — wall-clock in the satker's zone on the day itself, as
  `attendance.AttendanceDay` stores them — or a ``datetime`` (aware: converted to the satker's zone; naive: read as
  that zone's wall-clock). A datetime is the only way to say a check-out fell after midnight: it is measured from
  the day's start, so 00.30 the next day is simply not early. Seconds are dropped (07.30.59 is on time), as the
  attendance sync does.
- **Bands** (`rules.Bands`): minutes late = check-in − expected check-in; 0 or less is on time; 1–30 TL1, 31–60
  TL2, 61–90 TL3, more TL4. Early leave the same way from the expected check-out.
- **Missing**: no check-in is TL4, no check-out PSW4 (Permenko Infrastruktur 10/2025 Pasal 22 ayat (4)-(5)), with
  no minutes (they are unknown). A working day with neither, and nothing that overrides either side, is not TL4 +
  PSW4 but one day absent without a valid reason (``TANPA_KETERANGAN``).
- **Precedence**: a day off (``LIBUR``: not a working day of the schedule, or a holiday) is never classed, even
  when someone checked in; then an approved leave (``CUTI``), then an approved izin tidak masuk (``IZIN``); then
  each side on its own: an approved complaint (``TUGAS_LUAR`` or ``PENGADUAN``), then an approved permission
  (``IZIN``), then the clock. Only approved overrides count: the caller may pass everything; others are ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum

from ..attendance import Session
from ..complaints import ComplaintType
from ..identity import TimeZone
from ..leave import LeaveType
from .permissions import KIND_LABELS, Permission, PermissionKind, sessions_overridden
from .rules import DEFAULT_RULES, Bands, DisciplineRules
from .working_hours import Hours

Clock = time | datetime
ZERO = Decimal(0)


class Mark(StrEnum):
    """What a side (check-in or check-out) or a whole day is, as the calendar and the recap name it."""

    TEPAT_WAKTU = "TEPAT_WAKTU"
    TL1 = "TL1"
    TL2 = "TL2"
    TL3 = "TL3"
    TL4 = "TL4"
    PSW1 = "PSW1"
    PSW2 = "PSW2"
    PSW3 = "PSW3"
    PSW4 = "PSW4"
    IZIN = "IZIN"
    TUGAS_LUAR = "TUGAS_LUAR"  # an approved complaint for official duty outside the office
    PENGADUAN = "PENGADUAN"  # an approved complaint that the device failed
    CUTI = "CUTI"
    TANPA_KETERANGAN = "TANPA_KETERANGAN"
    LIBUR = "LIBUR"


LATE = (Mark.TL1, Mark.TL2, Mark.TL3, Mark.TL4)
EARLY = (Mark.PSW1, Mark.PSW2, Mark.PSW3, Mark.PSW4)
_FIXED_LABELS = {
    Mark.TEPAT_WAKTU: "Tepat waktu",
    Mark.IZIN: "Izin",
    Mark.TUGAS_LUAR: "Tugas luar",
    Mark.PENGADUAN: "Pengaduan presensi disetujui",
    Mark.CUTI: "Cuti",
    Mark.TANPA_KETERANGAN: "Tidak masuk tanpa keterangan",
    Mark.LIBUR: "Bukan hari kerja",
}


def mark_label(mark: Mark, bands: Bands | None = None) -> str:
    """``Terlambat 31–60 menit (TL2)``, ``Pulang sebelum waktunya lebih dari 90 menit (PSW4)``, ``Cuti``…"""
    if mark in _FIXED_LABELS:
        return _FIXED_LABELS[mark]
    limits = (bands or Bands()).limits
    late = mark in LATE
    level = (LATE if late else EARLY).index(mark) + 1
    what = "Terlambat" if late else "Pulang sebelum waktunya"
    low = 1 if level == 1 else limits[level - 2] + 1
    span = f"lebih dari {limits[2]} menit" if level == 4 else f"{low}–{limits[level - 1]} menit"
    return f"{what} {span} ({mark.value})"


@dataclass(frozen=True)
class DayOverrides:
    """What may override the clock on a day: an approved leave's type, the approved complaints by session, and the
    day's permissions (any status: only approved ones count)."""

    leave: LeaveType | None = None
    complaints: Mapping[Session, ComplaintType] = field(default_factory=dict)
    permissions: tuple[Permission, ...] = ()

    def approved(self) -> list[Permission]:
        return [p for p in self.permissions if p.approved]


NO_OVERRIDES = DayOverrides()


@dataclass(frozen=True)
class SessionMark:
    """One side of a day: its mark, the minutes late (PAGI) or early (SORE) that gave it, whether a time was
    recorded at all, and what overrode it (a complaint type or a permission kind, as its value)."""

    session: Session
    mark: Mark
    minutes: int = 0
    recorded: bool = True
    by: str | None = None


@dataclass(frozen=True)
class DayMark:
    """One employee-day as the calendar shows it: a whole-day mark (``LIBUR``, ``CUTI``, ``IZIN``,
    ``TANPA_KETERANGAN``, with ``by`` the leave type or permission kind), or one mark per side."""

    day: date
    whole: Mark | None = None
    by: str | None = None
    check_in: SessionMark | None = None
    check_out: SessionMark | None = None
    #: a clock time or an approved complaint recorded the day
    attended: bool = False

    @property
    def working_day(self) -> bool:
        return self.whole is not Mark.LIBUR

    @property
    def marks(self) -> tuple[Mark, ...]:
        if self.whole is not None:
            return (self.whole,)
        return tuple(s.mark for s in (self.check_in, self.check_out) if s is not None)

    @property
    def sides(self) -> tuple[SessionMark, ...]:
        return tuple(s for s in (self.check_in, self.check_out) if s is not None)


# -- classification ------------------------------------------------------------------------------------------


def classify_day(
    day: date,
    expected: Hours | None,
    *,
    check_in: Clock | None = None,
    check_out: Clock | None = None,
    overrides: DayOverrides = NO_OVERRIDES,
    rules: DisciplineRules = DEFAULT_RULES,
    zone: TimeZone = TimeZone.WIB,
) -> DayMark:
    """The class of ``day`` given its expected hours (`working_hours.expected_hours`; ``None`` for a day off)."""
    in_minute = _minute_of(check_in, day, zone)
    out_minute = _minute_of(check_out, day, zone)
    attended = in_minute is not None or out_minute is not None or bool(overrides.complaints)
    if expected is None:
        return DayMark(day, Mark.LIBUR, attended=attended)
    if overrides.leave is not None:
        return DayMark(day, Mark.CUTI, by=overrides.leave.value, attended=attended)
    approved = overrides.approved()
    if any(p.kind is PermissionKind.IZIN_TIDAK_MASUK for p in approved):
        return DayMark(day, Mark.IZIN, by=PermissionKind.IZIN_TIDAK_MASUK.value, attended=attended)
    covered = {
        session: [p for p in approved if session in sessions_overridden(p.kind, expected, p.start, p.end)]
        for session in Session
    }
    if not attended and not covered[Session.PAGI] and not covered[Session.SORE]:
        return DayMark(day, Mark.TANPA_KETERANGAN)
    return DayMark(
        day,
        check_in=_check_in_side(expected, in_minute, overrides, covered[Session.PAGI], rules.bands),
        check_out=_check_out_side(expected, out_minute, overrides, covered[Session.SORE], rules.bands),
        attended=attended,
    )


def _complaint_mark(session: Session, kind: ComplaintType) -> SessionMark:
    mark = Mark.TUGAS_LUAR if kind is ComplaintType.TUGAS_LUAR else Mark.PENGADUAN
    return SessionMark(session, mark, by=kind.value)


def _check_in_side(
    expected: Hours, minute: int | None, overrides: DayOverrides, permits: list[Permission], bands: Bands
) -> SessionMark:
    if Session.PAGI in overrides.complaints:
        return _complaint_mark(Session.PAGI, overrides.complaints[Session.PAGI])
    whole = [p for p in permits if p.kind is PermissionKind.IZIN_TERLAMBAT]
    if whole:
        return SessionMark(Session.PAGI, Mark.IZIN, by=whole[0].kind.value)
    if minute is None:
        return SessionMark(Session.PAGI, Mark.TL4, recorded=False)
    late = minute - _minutes(expected.check_in)
    if late <= 0:
        return SessionMark(Session.PAGI, Mark.TEPAT_WAKTU)
    ranges = [p for p in permits if p.end is not None]
    if ranges:
        excused_until = max(_minutes(p.end) for p in ranges if p.end is not None)
        if minute <= excused_until:
            return SessionMark(Session.PAGI, Mark.IZIN, by=PermissionKind.IZIN_KELUAR_KANTOR.value)
        late = minute - excused_until
    return SessionMark(Session.PAGI, LATE[bands.level(late) - 1], minutes=late)


def _check_out_side(
    expected: Hours, minute: int | None, overrides: DayOverrides, permits: list[Permission], bands: Bands
) -> SessionMark:
    if Session.SORE in overrides.complaints:
        return _complaint_mark(Session.SORE, overrides.complaints[Session.SORE])
    whole = [p for p in permits if p.kind is PermissionKind.IZIN_PULANG_CEPAT]
    if whole:
        return SessionMark(Session.SORE, Mark.IZIN, by=whole[0].kind.value)
    if minute is None:
        return SessionMark(Session.SORE, Mark.PSW4, recorded=False)
    early = _minutes(expected.check_out) - minute
    if early <= 0:
        return SessionMark(Session.SORE, Mark.TEPAT_WAKTU)
    ranges = [p for p in permits if p.start is not None]
    if ranges:
        excused_from = min(_minutes(p.start) for p in ranges if p.start is not None)
        if minute >= excused_from:
            return SessionMark(Session.SORE, Mark.IZIN, by=PermissionKind.IZIN_KELUAR_KANTOR.value)
        early = excused_from - minute
    return SessionMark(Session.SORE, EARLY[bands.level(early) - 1], minutes=early)


# -- the day's deduction -------------------------------------------------------------------------------------


def day_deduction(mark: DayMark, rules: DisciplineRules = DEFAULT_RULES) -> Decimal:
    """The percent of the month's allowance this day takes: a day absent without reason its rate; else the TL
    and the PSW rates added (and an SKPD's permission rate), at most ``daily_cap`` when one is set."""
    if mark.whole is Mark.TANPA_KETERANGAN:
        total = rules.absent_per_day
    elif mark.whole is Mark.IZIN:
        total = rules.permission_rates.get(mark.by or "", ZERO)
    elif mark.whole is not None:
        total = ZERO
    else:
        total = sum((_side_rate(side, rules) for side in mark.sides), ZERO)
    return min(total, rules.daily_cap) if rules.daily_cap is not None else total


def _side_rate(side: SessionMark, rules: DisciplineRules) -> Decimal:
    if side.mark in LATE:
        return rules.late[LATE.index(side.mark)]
    if side.mark in EARLY:
        return rules.early[EARLY.index(side.mark)]
    if side.mark is Mark.IZIN:
        return rules.permission_rates.get(side.by or "", ZERO)
    return ZERO


def override_label(by: str | None) -> str | None:
    """The label of what overrode a mark (a permission kind's), for the calendar; ``None`` for the others."""
    try:
        return KIND_LABELS[PermissionKind(by)] if by else None
    except ValueError:
        return None


# -- minutes -------------------------------------------------------------------------------------------------


def _minutes(value: time) -> int:
    return value.hour * 60 + value.minute


def _minute_of(value: Clock | None, day: date, zone: TimeZone) -> int | None:
    """Minutes from the start of ``day`` in ``zone`` (more than 1440 for a time after midnight)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            from zoneinfo import ZoneInfo

            value = value.astimezone(ZoneInfo(zone.iana))
        return (value.date() - day).days * 1440 + value.hour * 60 + value.minute
    return _minutes(value)
