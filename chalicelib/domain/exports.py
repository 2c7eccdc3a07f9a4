"""Print and export: periods, the rows and totals of an employee's report, and staff recaps."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, time, timedelta
from enum import StrEnum
from typing import Any

from .errors import ValidationError
from .messages import MONTHS, indonesian_date
from .reports import COUNTED, FIRST_DAY, LAST_DAY, STATUS_LABELS, ReportStatus, check_date_range
from .workdays import is_working_day

MAX_RANGE_DAYS = 366


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    label: str

    def days(self) -> list[date]:
        return dates_between(self.first, self.last)


def dates_between(first: date, last: date) -> list[date]:
    """Every date from ``first`` to ``last``, both included."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


class PeriodKind(StrEnum):
    """``day`` (date), ``week`` (Monday-Sunday of date), ``month`` (YYYY-MM) or ``range`` (from, to)."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    RANGE = "range"


class ExportKind(StrEnum):
    REPORTS = "reports"  # the caller's own reports
    RECAP = "recap"  # a staff recap (subordinates; a satker or the SKPD for HR)
    DISCIPLINE = "discipline"  # the month's discipline recap (a satker, an SKPD, or every SKPD for BKD)


class ExportFormat(StrEnum):
    PDF = "pdf"
    XLSX = "xlsx"


class ScopeKind(StrEnum):
    """Whose recap: the caller's subordinates, a satker or a whole SKPD (HR of that SKPD), or every SKPD (BKD, the
    discipline recap only)."""

    SUBORDINATES = "subordinates"
    SATKER = "satker"
    SKPD = "skpd"
    ALL = "all"


def period_of(
    kind: PeriodKind,
    *,
    day: date | None = None,
    month: date | None = None,
    first: date | None = None,
    last: date | None = None,
) -> Period:
    """The period of ``kind`` from the date(s) it needs (``month``: its first day); a range is in order and at most
    `MAX_RANGE_DAYS` long. The date a kind needs and did not get is refused as a date that is not one."""
    if kind in (PeriodKind.DAY, PeriodKind.WEEK):
        day = _given(day, "date")
        if kind is PeriodKind.DAY:
            return Period(day, day, indonesian_date(day))
        start = day - timedelta(days=day.weekday())
        end = start + timedelta(days=6)
        return Period(start, end, f"{indonesian_date(start)} – {indonesian_date(end)}")
    if kind is PeriodKind.MONTH:
        if month is None:
            raise ValidationError(
                f"Kolom 'month' harus bulan YYYY-MM antara tahun {FIRST_DAY.year} dan {LAST_DAY.year}.",
                code="INVALID_MONTH",
                details={"field": "month"},
            )
        end = month.replace(day=calendar.monthrange(month.year, month.month)[1])
        return Period(month, end, f"{MONTHS[month.month - 1]} {month.year}")
    first, last = _given(first, "from"), _given(last, "to")
    check_date_range(first, last, MAX_RANGE_DAYS)
    return Period(first, last, f"{indonesian_date(first)} – {indonesian_date(last)}")


def _given(day: date | None, field: str) -> date:
    if day is None:
        raise ValidationError(
            f"Kolom '{field}' harus tanggal YYYY-MM-DD antara tahun {FIRST_DAY.year} dan {LAST_DAY.year}.",
            code="INVALID_DATE",
            details={"field": field},
        )
    return day


@dataclass(frozen=True, slots=True)
class ReportLine:
    """What an export shows of one report."""

    report_id: str
    nip: str
    day: date
    start: time
    end: time
    title: str
    description: str
    output: str
    status: ReportStatus
    rating: int | None
    #: the report coach's hint codes (`domain.coach`)
    hints: tuple[str, ...] = ()

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class ExportJob:
    """A requested export: ``PENDING``, then ``DONE`` with its file or ``FAILED`` with the reason."""

    job_id: str
    owner_nip: str
    status: str
    request: dict[str, Any]
    file_key: str | None = None
    file_name: str | None = None
    error: str | None = None


def report_rows(lines: Iterable[ReportLine], status: ReportStatus | None) -> list[ReportLine]:
    """Live reports in date and time order, filtered by status (the export numbers them from 1)."""
    return sorted(
        (r for r in lines if r.status is not ReportStatus.WITHDRAWN and (status is None or r.status is status)),
        key=lambda r: (r.day, r.start, r.report_id),
    )


def totals(rows: list[ReportLine]) -> dict[str, object]:
    ratings = [r.rating for r in rows if r.rating]
    by_status = {s.value: sum(1 for r in rows if r.status is s) for s in COUNTED}
    return {
        "reports": len(rows),
        "days": len({r.day for r in rows}),
        "hours": round(sum(r.minutes for r in rows) / 60, 2),
        "by_status": by_status,
        "average_rating": round(sum(ratings) / len(ratings), 2) if ratings else None,
    }


@dataclass(frozen=True)
class RecapRow:
    nip: str
    name: str
    jabatan: str
    working_days: int
    days_attended: int
    days_reported: int
    submitted: int
    approved: int
    rejected: int
    average_rating: float | None
    #: working days of the period on approved leave: no report is expected on them
    leave_days: int = 0
    #: reports still carrying the coach's hints (laporan dengan saran penulisan)
    with_hints: int = 0

    @property
    def expected_days(self) -> int:
        """Working days on which a report is expected (working days less leave days)."""
        return self.working_days - self.leave_days


def position_date(period: Period, today: date) -> date | None:
    """``today`` while ``period`` has not ended (a document then shows the position as of today), else ``None``."""
    return today if today < period.last else None


def working_days(period: Period, overrides: Mapping[date, str | None], until: date | None = None) -> list[date]:
    """The working days of ``period``; only those up to ``until`` when given (the days still to come are not
    counted: a recap taken mid-month must not count them as missed)."""
    last = period.last if until is None else min(period.last, until)
    return [d for d in dates_between(period.first, last) if is_working_day(d, overrides)]


def recap_row(
    nip: str,
    name: str,
    jabatan: str,
    workdays: list[date],
    attended: set[date],
    lines: Iterable[ReportLine],
    on_leave: set[date] | frozenset[date] = frozenset(),
) -> RecapRow:
    """One employee's line: working days, days attended (working days only), days with a report, statuses, rating,
    the working days on approved leave (counted apart: expected days = working days - leave days), and the reports
    with the coach's hints. Counted by `_Counts`, as `RecapTally` counts a streamed recap: one rule for both."""
    counts = _Counts()
    for line in lines:
        counts.add(line)
    return counts.row(nip, name, jabatan, workdays, attended, on_leave)


class RecapTally:
    """Counts report lines as they stream into a recap's detail table, then gives each employee's line.

    It keeps counts per employee, not the lines (a recap of any size holds only these, issue 21); the line it
    gives is `recap_row`'s for the same reports (both count with `_Counts`)."""

    def __init__(self, workdays: list[date], status: ReportStatus | None) -> None:
        self._workdays, self._status = workdays, status
        self._by_nip: dict[str, _Counts] = {}

    def take(self, chunks: Iterable[Iterable[ReportLine]]) -> Iterator[ReportLine]:
        """The live lines of each chunk (a day, or a whole set) that pass the status filter, in date, NIP
        and time order within the chunk, counted as they are taken."""
        by_nip = self._by_nip
        for chunk in chunks:
            for line in sorted(report_rows(chunk, self._status), key=lambda r: (r.day, r.nip, r.start)):
                counts = by_nip.get(line.nip)
                if counts is None:
                    counts = by_nip[line.nip] = _Counts()
                counts.add(line)
                yield line

    def rows(
        self,
        staff: Iterable[tuple[str, str, str]],
        attended: Mapping[str, set[date]],
        on_leave: Mapping[str, set[date]] | None = None,
    ) -> list[RecapRow]:
        """One line per (NIP, name, jabatan) of ``staff``, in the given order, from the lines taken so far."""
        leave, none, workdays = on_leave or {}, _Counts(), self._workdays
        return [
            self._by_nip.get(nip, none).row(
                nip, name, jabatan, workdays, attended.get(nip, set()), leave.get(nip, frozenset())
            )
            for nip, name, jabatan in staff
        ]


class _Counts:
    """One employee's live (not withdrawn) reports, counted one at a time: what a recap line says of them."""

    __slots__ = ("by_status", "days", "rated", "rating_sum", "with_hints")

    def __init__(self) -> None:
        self.days: set[date] = set()
        self.by_status = dict.fromkeys(ReportStatus, 0)
        self.rated = self.rating_sum = self.with_hints = 0

    def add(self, line: ReportLine) -> None:
        if line.status is ReportStatus.WITHDRAWN:
            return
        self.days.add(line.day)
        self.by_status[line.status] += 1
        if line.rating:
            self.rated += 1
            self.rating_sum += line.rating
        if line.hints:
            self.with_hints += 1

    def row(
        self,
        nip: str,
        name: str,
        jabatan: str,
        workdays: list[date],
        attended: set[date],
        on_leave: set[date] | frozenset[date],
    ) -> RecapRow:
        return RecapRow(
            nip=nip,
            name=name,
            jabatan=jabatan,
            working_days=len(workdays),
            days_attended=len(attended.intersection(workdays)),
            days_reported=len(self.days),
            submitted=self.by_status[ReportStatus.SUBMITTED],
            approved=self.by_status[ReportStatus.APPROVED],
            rejected=self.by_status[ReportStatus.REJECTED],
            average_rating=round(self.rating_sum / self.rated, 2) if self.rated else None,
            leave_days=len(on_leave.intersection(workdays)),
            with_hints=self.with_hints,
        )
