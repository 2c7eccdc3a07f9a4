"""Print and export: periods, the rows and totals of an employee's report, and staff recaps."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .errors import ValidationError
from .messages import MONTHS, indonesian_date
from .reports import STATUS_LABELS, Report, ReportStatus, parse_day
from .workdays import is_working_day

MAX_RANGE_DAYS = 366
STATUS_FILTERS = ("ALL", "SUBMITTED", "APPROVED", "REJECTED")


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    label: str

    def days(self) -> Iterable[date]:
        current = self.first
        while current <= self.last:
            yield current
            current += timedelta(days=1)


def parse_period(kind: object, params: Mapping[str, object]) -> Period:
    """``day`` (date), ``week`` (Monday-Sunday of date), ``month`` (YYYY-MM) or ``range`` (from, to)."""
    kind = str(kind or "").lower()
    if kind == "day":
        day = parse_day(params.get("date"), "date")
        return Period(day, day, indonesian_date(day))
    if kind == "week":
        day = parse_day(params.get("date"), "date")
        first = day - timedelta(days=day.weekday())
        last = first + timedelta(days=6)
        return Period(first, last, f"{indonesian_date(first)} – {indonesian_date(last)}")
    if kind == "month":
        try:
            first = date.fromisoformat(f"{params.get('month')}-01")
        except ValueError:
            raise ValidationError(
                "Kolom 'month' harus YYYY-MM.", code="INVALID_MONTH", details={"field": "month"}
            ) from None
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        return Period(first, last, f"{MONTHS[first.month - 1]} {first.year}")
    if kind == "range":
        first, last = parse_day(params.get("from"), "from"), parse_day(params.get("to"), "to")
        if last < first or (last - first).days >= MAX_RANGE_DAYS:
            raise ValidationError(
                f"Rentang tanggal harus urut dan paling panjang {MAX_RANGE_DAYS} hari.", code="INVALID_DATE_RANGE"
            )
        return Period(first, last, f"{indonesian_date(first)} – {indonesian_date(last)}")
    raise ValidationError(
        "Periode harus day, week, month, atau range.", code="INVALID_PERIOD", details={"field": "period"}
    )


def parse_status(value: object) -> ReportStatus | None:
    text = str(value or "ALL").upper()
    if text not in STATUS_FILTERS:
        raise ValidationError("Status harus ALL, SUBMITTED, APPROVED, atau REJECTED.", code="INVALID_STATUS")
    return None if text == "ALL" else ReportStatus(text)


@dataclass(frozen=True)
class ExportRow:
    number: int
    day: date
    start: str
    end: str
    title: str
    description: str
    output: str
    status: str
    status_label: str
    rating: int | None
    minutes: int


def report_rows(reports: Iterable[Report], status: ReportStatus | None) -> list[ExportRow]:
    """Live reports in date and time order, filtered by status, numbered from 1."""
    chosen = sorted(
        (r for r in reports if r.status is not ReportStatus.WITHDRAWN and (status is None or r.status is status)),
        key=lambda r: (r.content.day, r.content.start, r.report_id),
    )
    rows = []
    for number, r in enumerate(chosen, start=1):
        c = r.content
        minutes = (datetime.combine(c.day, c.end) - datetime.combine(c.day, c.start)).seconds // 60
        rows.append(
            ExportRow(
                number,
                c.day,
                f"{c.start:%H:%M}",
                f"{c.end:%H:%M}",
                c.title,
                c.description,
                c.output,
                r.status.value,
                STATUS_LABELS[r.status],
                r.rating,
                minutes,
            )
        )
    return rows


def totals(rows: list[ExportRow]) -> dict[str, object]:
    ratings = [r.rating for r in rows if r.rating]
    by_status = {s: sum(1 for r in rows if r.status == s) for s in ("SUBMITTED", "APPROVED", "REJECTED")}
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


def working_days(period: Period, overrides: Mapping[date, str | None]) -> list[date]:
    return [d for d in period.days() if is_working_day(d, overrides)]


def recap_row(
    nip: str, name: str, jabatan: str, workdays: list[date], attended: set[date], reports: Iterable[Report]
) -> RecapRow:
    """One employee's line: working days, days attended (working days only), days with a report, statuses, rating."""
    live = [r for r in reports if r.status is not ReportStatus.WITHDRAWN]
    ratings = [r.rating for r in live if r.rating]
    workday_set = set(workdays)
    return RecapRow(
        nip=nip,
        name=name,
        jabatan=jabatan,
        working_days=len(workdays),
        days_attended=len(attended & workday_set),
        days_reported=len({r.content.day for r in live}),
        submitted=sum(1 for r in live if r.status is ReportStatus.SUBMITTED),
        approved=sum(1 for r in live if r.status is ReportStatus.APPROVED),
        rejected=sum(1 for r in live if r.status is ReportStatus.REJECTED),
        average_rating=round(sum(ratings) / len(ratings), 2) if ratings else None,
    )
