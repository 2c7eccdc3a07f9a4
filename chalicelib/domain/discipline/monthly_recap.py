"""An employee's figures for a month, from per-day inputs: what HR sends each month as the evidence for the
performance allowance (Tukin/TPP).

Decisions where the issue is silent:

- **Working days** are the days the schedule expects hours on (pattern, HR's exceptions, holidays). Everything
  else below counts working days only: a check-in on a Sunday is not "a day attended".
- **Leave days by type** are working days with an approved leave (the calendar counts cuti in working days too).
- **Official duty** is a working day with an approved ``TUGAS_LUAR`` complaint for either session.
- **Permissions by kind** count approved permissions on working days not already on leave or a whole-day
  permission — also a mid-day izin keluar kantor that changed no class.
- **Days attended**: working days with a clock time or an approved complaint.
- **TL/PSW**: each side's class counted; minutes summed only where they were measured (a missing check-in is TL4
  with no minutes).
- **Absent without reason**: working days with neither a record nor anything that excuses one of the sessions.
- **Reports**: filed = submitted + approved + rejected (a withdrawn one is not filed); approved includes those the
  system approved after 7 days, which ``auto_approved`` counts again on its own; "attended without an approved
  report" is a day attended with no approved report.
- **Deduction**: the days' deductions (`classification.day_deduction`: a day's TL and PSW add up) summed; the
  whole month (100 %) after ``rules.absent_full_after`` consecutive working days absent without reason; at most
  ``rules.monthly_cap`` (see `rules` for the sources). Rounded to 2 decimals.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ..complaints import ComplaintType
from ..identity import TimeZone
from ..leave import TYPE_LABELS, LeaveType
from .classification import EARLY, LATE, NO_OVERRIDES, Clock, DayMark, DayOverrides, Mark, classify_day, day_deduction
from .month import MonthKey
from .permissions import KIND_LABELS, PermissionKind
from .rules import DEFAULT_RULES, HUNDRED, DisciplineRules
from .working_hours import Hours, WorkSchedule, expected_hours

CENT = Decimal("0.01")


@dataclass(frozen=True)
class ReportTally:
    """A day's daily reports by status (see the module's docstring for what each counts)."""

    filed: int = 0
    approved: int = 0
    rejected: int = 0
    auto_approved: int = 0


@dataclass(frozen=True)
class DayInput:
    """Everything the recap needs of one day."""

    day: date
    expected: Hours | None
    check_in: Clock | None = None
    check_out: Clock | None = None
    overrides: DayOverrides = NO_OVERRIDES
    reports: ReportTally = field(default_factory=ReportTally)


@dataclass(frozen=True)
class MonthlyFigures:
    """One row of the recap. ``marks`` counts TL1–TL4 and PSW1–PSW4; ``leave_days`` and ``permissions`` are keyed
    by the leave type's and the permission kind's values; ``days`` are the day classes the calendar shows."""

    nip: str
    month: MonthKey
    working_days: int
    days_attended: int
    days_absent: int
    official_duty_days: int
    leave_days: Mapping[str, int]
    permissions: Mapping[str, int]
    marks: Mapping[str, int]
    late_minutes: int
    early_minutes: int
    reports_filed: int
    reports_approved: int
    reports_rejected: int
    reports_auto_approved: int
    attended_without_approved_report: int
    deduction_percent: Decimal
    days: tuple[DayMark, ...] = ()

    def figure(self, name: str) -> int | Decimal:
        """A figure by name: a field (``days_absent``) or a count inside one (``marks.TL2``, ``leave_days.SAKIT``)."""
        if name not in figure_names():
            raise KeyError(name)
        if "." in name:
            group, key = name.split(".", 1)
            return getattr(self, group).get(key, 0)
        return getattr(self, name)

    def with_figure(self, name: str, value: int | Decimal) -> MonthlyFigures:
        self.figure(name)  # a known name
        if "." in name:
            group, key = name.split(".", 1)
            return replace(self, **{group: {**getattr(self, group), key: value}})
        return replace(self, **{name: value})


_COUNTS = ("leave_days", "permissions", "marks")
_NOT_FIGURES = ("nip", "month", "days", *_COUNTS)


def figure_names() -> tuple[str, ...]:
    """Every figure a correction may change."""
    plain = tuple(f.name for f in fields(MonthlyFigures) if f.name not in _NOT_FIGURES)
    keyed = (
        *(f"leave_days.{t.value}" for t in LeaveType),
        *(f"permissions.{k.value}" for k in PermissionKind),
        *(f"marks.{m.value}" for m in (*LATE, *EARLY)),
    )
    return plain + keyed


_PLAIN_LABELS = {
    "working_days": "Hari kerja",
    "days_attended": "Hari hadir",
    "days_absent": "Tidak masuk tanpa keterangan (TK)",
    "official_duty_days": "Hari tugas luar",
    "late_minutes": "Menit terlambat",
    "early_minutes": "Menit pulang sebelum waktunya",
    "reports_filed": "Laporan harian diajukan",
    "reports_approved": "Laporan harian disetujui",
    "reports_rejected": "Laporan harian ditolak",
    "reports_auto_approved": "Laporan harian disetujui otomatis",
    "attended_without_approved_report": "Hadir tanpa laporan disetujui",
    "deduction_percent": "Potongan TPP (%)",
}


def figure_label(name: str) -> str:
    """What a person reads for a figure a correction may change (`figure_names`): ``Hari hadir``, ``Cuti Sakit``,
    ``Izin terlambat``, ``Terlambat (TL2)``. The TL/PSW labels leave the minutes out: the bands are the SKPD's."""
    if name not in figure_names():
        raise KeyError(name)
    group, _, key = name.partition(".")
    if group == "leave_days":
        return TYPE_LABELS[LeaveType(key)]
    if group == "permissions":
        return KIND_LABELS[PermissionKind(key)]
    if group == "marks":
        return f"{'Terlambat' if key.startswith('TL') else 'Pulang sebelum waktunya'} ({key})"
    return _PLAIN_LABELS[name]


def day_inputs(
    month: MonthKey,
    schedule: WorkSchedule,
    holidays: Collection[date],
    *,
    attendance: Mapping[date, tuple[Clock | None, Clock | None]] | None = None,
    overrides: Mapping[date, DayOverrides] | None = None,
    reports: Mapping[date, ReportTally] | None = None,
) -> list[DayInput]:
    """Every day of ``month`` with its expected hours, from what the stores hold keyed by date."""
    attendance, overrides, reports = attendance or {}, overrides or {}, reports or {}
    return [
        DayInput(
            day,
            expected_hours(schedule, day, holidays),
            *attendance.get(day, (None, None)),
            overrides=overrides.get(day, NO_OVERRIDES),
            reports=reports.get(day, ReportTally()),
        )
        for day in month.days()
    ]


def monthly_figures(
    nip: str,
    month: MonthKey,
    inputs: Iterable[DayInput],
    *,
    rules: DisciplineRules = DEFAULT_RULES,
    zone: TimeZone = TimeZone.WIB,
) -> MonthlyFigures:
    """The recap row of ``nip`` for ``month`` from its days' inputs (days outside the month are a caller's bug)."""
    ordered = sorted(inputs, key=lambda i: i.day)
    if any(not month.contains(i.day) for i in ordered) or len({i.day for i in ordered}) != len(ordered):
        raise ValueError(f"inputs must be distinct days of {month.key}")
    days, leave, permits, marks = [], Counter[str](), Counter[str](), Counter[str]()
    late_minutes = early_minutes = duty = without_report = 0
    deduction, streak, longest = Decimal(0), 0, 0
    for item in ordered:
        mark = classify_day(
            item.day,
            item.expected,
            check_in=item.check_in,
            check_out=item.check_out,
            overrides=item.overrides,
            rules=rules,
            zone=zone,
        )
        days.append(mark)
        if not mark.working_day:
            continue
        deduction += day_deduction(mark, rules)
        streak = streak + 1 if mark.whole is Mark.TANPA_KETERANGAN else 0
        longest = max(longest, streak)
        if mark.whole is Mark.CUTI and item.overrides.leave is not None:
            leave[item.overrides.leave.value] += 1
            continue
        if mark.whole is Mark.IZIN:
            permits[PermissionKind.IZIN_TIDAK_MASUK.value] += 1
            continue
        for permission in item.overrides.approved():
            permits[permission.kind.value] += 1
        if ComplaintType.TUGAS_LUAR in item.overrides.complaints.values():
            duty += 1
        for side in mark.sides:
            if side.mark in LATE or side.mark in EARLY:
                marks[side.mark.value] += 1
            if side.mark in LATE:
                late_minutes += side.minutes
            elif side.mark in EARLY:
                early_minutes += side.minutes
        if mark.attended and item.reports.approved == 0:
            without_report += 1
    if rules.absent_full_after is not None and longest >= rules.absent_full_after:
        deduction = HUNDRED
    working = [m for m in days if m.working_day]
    return MonthlyFigures(
        nip=nip,
        month=month,
        working_days=len(working),
        days_attended=sum(1 for m in working if m.attended),
        days_absent=sum(1 for m in working if m.whole is Mark.TANPA_KETERANGAN),
        official_duty_days=duty,
        leave_days=dict(leave),
        permissions=dict(permits),
        marks={m.value: marks[m.value] for m in (*LATE, *EARLY)},
        late_minutes=late_minutes,
        early_minutes=early_minutes,
        reports_filed=sum(i.reports.filed for i in ordered),
        reports_approved=sum(i.reports.approved for i in ordered),
        reports_rejected=sum(i.reports.rejected for i in ordered),
        reports_auto_approved=sum(i.reports.auto_approved for i in ordered),
        attended_without_approved_report=without_report,
        deduction_percent=min(deduction, rules.monthly_cap).quantize(CENT, rounding=ROUND_HALF_UP),
        days=tuple(days),
    )
