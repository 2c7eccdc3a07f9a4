"""Print and export: the preview of one's reports, export jobs and their files."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from ..domain.exports import ExportFormat, ExportKind, PeriodKind, ScopeKind
from ..domain.reports import COUNTED, ReportStatus
from .base import Body, Out, enum_choice
from .common import Code, DateRangeQuery, Day, Month

__all__ = [
    "ExportJob",
    "ExportPreview",
    "ExportRequest",
    "PeriodOut",
    "PreviewQuery",
    "PreviewRow",
    "PreviewTotals",
    "RecapScope",
]

_PERIOD = enum_choice(PeriodKind, code="INVALID_PERIOD", description="day/week: date; month: month; range: from-to")
#: the statuses that count (a `ReportStatus`), or ALL of them
_STATUS = enum_choice(ReportStatus, only=COUNTED, extra=("ALL",), code="INVALID_STATUS")


class PreviewQuery(DateRangeQuery):
    period: _PERIOD  # type: ignore[valid-type]
    date: Day | None = Field(None, description="day, week (Monday-Sunday of it)")
    month: Month | None = None
    status: _STATUS | None = None  # type: ignore[valid-type]


class RecapScope(Body):
    type: enum_choice(ScopeKind, code="INVALID_SCOPE")  # type: ignore[valid-type]
    skpd_id: Code | None = Field(None, description="HR: the SKPD (default: the caller's)")
    satker_id: Code | None = Field(None, description="required with type satker")


class ExportRequest(Body):
    kind: enum_choice(ExportKind, code="INVALID_KIND")  # type: ignore[valid-type]
    format: enum_choice(ExportFormat, code="INVALID_FORMAT")  # type: ignore[valid-type]
    period: _PERIOD  # type: ignore[valid-type]
    date: Day | None = None
    month: Month | None = None
    from_: Day | None = Field(None, alias="from")
    to: Day | None = None
    status: _STATUS | None = None  # type: ignore[valid-type]
    scope: RecapScope | None = Field(
        None,
        description="recap and discipline only (required there); discipline: period month, scope satker, skpd or "
        "all (BKD, admin)",
    )


class ExportJob(Out):
    job_id: str
    status: Literal["PENDING", "DONE", "FAILED"]
    request: dict[str, Any] | None = None
    error: str | None = None
    url: str | None = Field(None, description="presigned GET of the file, when DONE")
    expires_in: int | None = None
    file_name: str | None = Field(
        None,
        description="the name the file is saved under, when DONE; a PDF recap over the row limit is a .zip of "
        "PDF parts",
        examples=["rekap-satker-20261001-20261031.zip"],
    )


class PeriodOut(Out):
    first: str
    last: str
    label: str = Field(examples=["November 2026"])


class PreviewRow(Out):
    no: int
    date: str
    start_time: str
    end_time: str
    title: str
    description: str
    output: str
    status: str
    status_label: str
    rating: int | None
    minutes: int


class PreviewTotals(Out):
    reports: int
    days: int
    hours: float
    by_status: dict[str, int]
    average_rating: float | None


class ExportPreview(Out):
    period: PeriodOut
    status: str
    rows: list[PreviewRow]
    totals: PreviewTotals
