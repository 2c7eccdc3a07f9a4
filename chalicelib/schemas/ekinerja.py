"""e-Kinerja (issue 19): the month's "Progres Harian" export and a report's handoff state."""

from __future__ import annotations

from pydantic import Field

from ..domain.ekinerja import EXPORTED_STATUSES, HandoffState, ProgressFormat
from ..domain.reports import ReportStatus
from .base import Out, Query, enum_choice
from .common import Month, Nip

__all__ = ["EkinerjaExport", "EkinerjaExportQuery", "EkinerjaProgress", "EkinerjaState"]


class EkinerjaExportQuery(Query):
    month: Month  # type: ignore[valid-type]
    nip: Nip | None = Field(None, description="another employee's (their supervisor, HR of the SKPD, BKD, admin)")  # type: ignore[valid-type]
    format: enum_choice(ProgressFormat, code="INVALID_FORMAT") | None = None  # type: ignore[valid-type]
    status: enum_choice(ReportStatus, only=EXPORTED_STATUSES, code="INVALID_STATUS") | None = Field(  # type: ignore[valid-type]
        None, description="only APPROVED or only SUBMITTED (default: both)"
    )


class EkinerjaProgress(Out):
    """One day's progress in e-Kinerja's fields."""

    report_id: str
    nip: str
    date: str = Field(json_schema_extra={"format": "date"})
    rhk_id: str | None
    rhk: str = Field(description="the RHK's text as approved; empty when the report names none")
    activity: str = Field(description="title, a line break, description")
    title: str
    description: str
    output: str
    evidence_links: list[str] = Field(description="the report's page in Kinerja, one link per evidence file")
    status: str


class EkinerjaExport(Out):
    nip: str
    month: str = Field(examples=["2026-11"])
    statuses: list[str]
    items: list[EkinerjaProgress] | None = Field(None, description="format json")
    file_name: str | None = Field(None, description="format csv/xlsx")
    url: str | None = Field(None, description="format csv/xlsx: presigned GET of the file")
    expires_in: int | None = None


class EkinerjaState(Out):
    """Where an approved report's handoff to e-Kinerja stands."""

    state: HandoffState
    label: str = Field(examples=["Sudah dikirim ke e-Kinerja"])
    attempts: int
    sent_at: str | None
    external_id: str | None
    last_error: str | None
