"""Permission requests (izin, issue 20): the request, the employee's list, one permission. The supervisor decides
through `/verifications/permission/{id}` (kind ``permission``)."""

from __future__ import annotations

from pydantic import Field

from ..domain.discipline.permissions import MAX_REASON, PermissionKind, PermissionStatus
from .base import Body, Out, enum_choice, enum_literal, page_limit, written
from .common import ClockTime, Cursor, DateRangeQuery, Day, page_of
from .work import HistoryEntry

_KIND = enum_choice(
    PermissionKind,
    code="INVALID_PERMISSION_KIND",
    description=(
        "IZIN_TERLAMBAT: arriving late; IZIN_PULANG_CEPAT: leaving early; IZIN_KELUAR_KANTOR: leaving the office "
        "for a time range (start and end); IZIN_TIDAK_MASUK: not coming in that day"
    ),
)


class PermissionInput(Body):
    """A request: the kind, the day and why (10-500 characters, trimmed); start and end for IZIN_KELUAR_KANTOR
    only (the server refuses them for the other kinds)."""

    kind: _KIND  # type: ignore[valid-type]
    date: Day
    reason: written(MAX_REASON)  # type: ignore[valid-type]
    start: ClockTime | None = None
    end: ClockTime | None = None


class Permission(Out):
    permission_id: str = Field(description="<nip>.<date>.<token>")
    reference: str = Field(examples=["IZN/2026/000123"], description="the number to quote when asking after it")
    nip: str
    skpd_id: str
    satker_id: str
    kind: enum_literal(PermissionKind)  # type: ignore[valid-type]
    kind_label: str = Field(examples=["Izin pulang cepat"])
    date: str = Field(json_schema_extra={"format": "date"})
    start: str | None = Field(description="HH:MM, keluar kantor only")
    end: str | None = Field(description="HH:MM, keluar kantor only")
    reason: str
    status: enum_literal(PermissionStatus)  # type: ignore[valid-type]
    status_label: str = Field(examples=["Diajukan"])
    submitted_at: str
    supervisor_nip: str | None = Field(description="who decides it (or their delegate)")
    decided_by: str | None
    decided_at: str | None
    note: str | None
    version: int
    history: list[HistoryEntry] | None = Field(None, description="one permission only: every step, who and when")


PermissionPage = page_of(Permission, "PermissionPage")


class PermissionQuery(DateRangeQuery):
    cursor: Cursor | None = None  # type: ignore[valid-type]
    limit: page_limit() | None = None  # type: ignore[valid-type]


__all__ = ["Permission", "PermissionInput", "PermissionPage", "PermissionQuery"]
