"""SKP (sasaran kinerja pegawai): the year's targets (RHK) with their indicators, the cascade, the versions."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictFloat, StrictInt, WithJsonSchema

from ..domain.skp import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_INDICATOR_TEXT,
    MAX_INDICATORS,
    MAX_TARGET_TEXT,
    MAX_TARGETS,
    MAX_UNIT,
    RhkKind,
    SkpStatus,
)
from ..domain.workdays import invalid_year
from .base import Body, Out, Query, Version, enum_choice, enum_literal, query_whole, text, whole, written
from .common import Nip
from .work import HistoryEntry

__all__ = [
    "Skp",
    "SkpCascade",
    "SkpCascadeChild",
    "SkpCascadeTarget",
    "SkpCreate",
    "SkpIndicator",
    "SkpIndicatorInput",
    "SkpParents",
    "SkpParentsQuery",
    "SkpPerson",
    "SkpQuery",
    "SkpStaff",
    "SkpSubmit",
    "SkpTarget",
    "SkpTargetInput",
    "SkpTargetsInput",
    "SkpVersion",
    "SkpVersions",
    "SkpYearQuery",
]

#: an RHK's id as the server made it (12 lowercase hex)
RhkId = Annotated[
    text(12, pattern="^[0-9a-f]{12}$"),
    WithJsonSchema({"type": "string", "pattern": "^[0-9a-f]{12}$", "description": "made by the server"}),
]
SkpStatusName = enum_literal(SkpStatus)
RhkKindName = enum_literal(RhkKind)
Year = query_whole(FIRST_YEAR, LAST_YEAR, invalid_year, required=True)
#: an indicator's target: a number above 0 (else OUT_OF_RANGE)
TargetValue = Annotated[StrictFloat | StrictInt, Field(gt=0), WithJsonSchema({"type": "number", "exclusiveMinimum": 0})]


# -- requests -----------------------------------------------------------------------------------------


class SkpQuery(Query):
    year: Year = None  # type: ignore[valid-type]
    nip: Nip | None = Field(None, description="another employee's SKP (their supervisor, HR, BKD, admin)")  # type: ignore[valid-type]


class SkpYearQuery(Query):
    """The caller's year (the cascade of their staff)."""

    year: Year = None  # type: ignore[valid-type]


class SkpParentsQuery(SkpYearQuery):
    """The caller's year (their supervisor's approved targets)."""


class SkpCreate(Body):
    year: whole(FIRST_YEAR, LAST_YEAR, code="INVALID_YEAR", what="Tahun")  # type: ignore[valid-type]


class SkpIndicatorInput(Body):
    text: written(MAX_INDICATOR_TEXT)  # type: ignore[valid-type]
    target: TargetValue = Field(description="the target value, more than 0")
    unit: written(MAX_UNIT) = Field(description='e.g. "dokumen", "laporan", "%"')  # type: ignore[valid-type]


class SkpTargetInput(Body):
    rhk_id: RhkId | None = Field(None, description="absent for a new RHK; send it back to keep the RHK")  # type: ignore[valid-type]
    text: written(MAX_TARGET_TEXT)  # type: ignore[valid-type]
    kind: enum_choice(RhkKind, code="INVALID_KIND")  # type: ignore[valid-type]
    parent_rhk_id: RhkId | None = Field(  # type: ignore[valid-type]
        None, description="an RHK of the supervisor's approved SKP of the same year (GET /skp/parents)"
    )
    indicators: list[SkpIndicatorInput] = Field(min_length=1, max_length=MAX_INDICATORS)


class SkpTargetsInput(Body):
    """Every target of the working copy (the whole list replaces it)."""

    targets: list[SkpTargetInput] = Field(max_length=MAX_TARGETS)
    version: Version


class SkpSubmit(Body):
    version: Version


# -- answers ------------------------------------------------------------------------------------------


class SkpIndicator(Out):
    text: str
    target: float
    unit: str


class SkpTarget(Out):
    rhk_id: str
    text: str
    kind: RhkKindName
    kind_label: str = Field(examples=["Utama"])
    parent_rhk_id: str | None
    indicators: list[SkpIndicator]


class SkpPerson(Out):
    nip: str
    name: str
    jabatan: str | None


class Skp(Out):
    skp_id: str = Field(examples=["198503152010011001.2026"])
    nip: str
    year: int
    status: SkpStatusName
    status_label: str = Field(examples=["Draf"])
    employee: SkpPerson
    penilai: SkpPerson | None = Field(description="the direct supervisor (pejabat penilai), from submission")
    targets: list[SkpTarget] = Field(description="the working copy")
    approved_targets: list[SkpTarget] = Field(description="the last approved copy: what reports choose from")
    approved_version: int = Field(description="0 until approved; +1 each approval")
    note: str | None = Field(description="the supervisor's note when returned")
    history: list[HistoryEntry]
    version: int


class SkpVersion(Out):
    approved_version: int
    approved_at: str = Field(json_schema_extra={"format": "date-time"})
    approved_by: str
    targets: list[SkpTarget]


class SkpVersions(Out):
    """Every approved version, newest first."""

    items: list[SkpVersion]


class SkpCascadeChild(Out):
    nip: str
    name: str
    jabatan: str | None
    rhk_id: str
    text: str
    kind: RhkKindName


class SkpCascadeTarget(Out):
    rhk_id: str
    text: str
    kind: RhkKindName
    children: list[SkpCascadeChild]


class SkpStaff(Out):
    nip: str
    name: str
    jabatan: str | None
    status: SkpStatusName | None = Field(description="null: no SKP for the year yet")
    status_label: str | None


class SkpCascade(Out):
    """The caller's approved targets as a tree of the staff RHK cascaded from them, and the staff's statuses."""

    year: int
    targets: list[SkpCascadeTarget]
    staff: list[SkpStaff]


class SkpParents(Out):
    """The caller's direct supervisor's approved targets (empty when none is approved)."""

    targets: list[SkpTarget]
