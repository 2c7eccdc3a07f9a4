"""Print and export: the preview of one's reports, export jobs and their files."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from ..domain.reports import COUNTED, ReportStatus
from .base import Body, Out, choice, enum_choice
from .common import Code, DateRangeQuery, Day, Month

_PERIOD = choice(
    "day", "week", "month", "range", code="INVALID_PERIOD", description="day/week: date; month: month; range: from-to"
)
#: the statuses that count, or ALL of them
_STATUS = enum_choice(ReportStatus, only=COUNTED, extra=("ALL",), code="INVALID_STATUS")


class PreviewQuery(DateRangeQuery):
    period: _PERIOD  # type: ignore[valid-type]
    date: Day | None = Field(None, description="day, week (Monday-Sunday of it)")
    month: Month | None = None
    status: _STATUS | None = None  # type: ignore[valid-type]


class RecapScope(Body):
    type: choice("subordinates", "satker", "skpd", code="INVALID_SCOPE")  # type: ignore[valid-type]
    skpd_id: Code | None = None
    satker_id: Code | None = None


class ExportRequest(Body):
    kind: choice("reports", "recap", code="INVALID_KIND")  # type: ignore[valid-type]
    format: choice("pdf", "xlsx", code="INVALID_FORMAT")  # type: ignore[valid-type]
    period: _PERIOD  # type: ignore[valid-type]
    date: Day | None = None
    month: Month | None = None
    from_: Day | None = Field(None, alias="from")
    to: Day | None = None
    status: _STATUS | None = None  # type: ignore[valid-type]
    scope: RecapScope | None = Field(None, description="recap only")


class ExportJob(Out):
    job_id: str
    status: Literal["PENDING", "DONE", "FAILED"]
    request: dict[str, Any] | None = None
    error: str | None = None
    url: str | None = Field(None, description="presigned GET of the file, when DONE")
    expires_in: int | None = None


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
