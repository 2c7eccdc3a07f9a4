"""PTSP information desk (issue 22, seed 003 §3): an SKPD's service catalogue and the visitors its desk records."""

from __future__ import annotations

from pydantic import Field

from ..domain.ptsp.catalogue import (
    KEYWORD_MAX,
    KEYWORDS_MAX,
    NAME_MAX,
    ORDER_MAX,
    PROCEDURE_MAX,
    REQUIREMENT_MAX,
    REQUIREMENTS_MAX,
)
from ..domain.ptsp.desk import NOTE_MAX, VISITOR_NAME_MAX
from .base import Body, Flag, Out, page_limit, text, whole, written
from .common import Cursor, DateRangeQuery, Day, Id, RequiredVersion, WhatsApp, page_of

__all__ = [
    "DeskExport",
    "DeskExportRequest",
    "DeskListQuery",
    "DeskPage",
    "DeskRequestInput",
    "DeskRequestOut",
    "InformationTypeEdit",
    "InformationTypeInput",
    "InformationTypeList",
    "InformationTypeOut",
]


class InformationTypeInput(Body):
    """A new information type of the catalogue; the domain trims, drops blank lines and lower-cases keywords."""

    name: text(NAME_MAX, required=True) = Field(examples=["Legalisir dokumen"])  # type: ignore[valid-type]
    requirements: list[text(REQUIREMENT_MAX)] = Field(  # type: ignore[valid-type]
        max_length=REQUIREMENTS_MAX, description="what to bring, one item each", examples=[["KTP asli", "Fotokopi KK"]]
    )
    procedure: text(PROCEDURE_MAX, required=True) = Field(  # type: ignore[valid-type]
        description="the next steps, free text (line breaks kept)"
    )
    keywords: list[text(KEYWORD_MAX)] = Field(  # type: ignore[valid-type]
        default_factory=list, max_length=KEYWORDS_MAX, description="words a citizen may write for this type"
    )
    order: whole(0, ORDER_MAX, code="INVALID_INFORMATION_TYPE", what="Urutan") = 0  # type: ignore[valid-type]
    active: Flag = True


class InformationTypeEdit(InformationTypeInput):
    """The whole type as edited (``active`` false: no longer offered at the desk or by WhatsApp)."""

    version: RequiredVersion = None  # type: ignore[valid-type]


class InformationTypeOut(Out):
    skpd_id: str
    type_id: str
    name: str
    requirements: list[str]
    procedure: str
    keywords: list[str]
    order: int
    active: bool
    version: int


class InformationTypeList(Out):
    skpd_id: str
    items: list[InformationTypeOut]


class DeskRequestInput(Body):
    """A visitor at the desk; the WhatsApp greeting with the type's requirements goes out at once."""

    name: written(VISITOR_NAME_MAX) = Field(examples=["Siti Aminah"])  # type: ignore[valid-type]
    whatsapp: WhatsApp  # type: ignore[valid-type]
    type_id: Id  # type: ignore[valid-type]
    note: written(NOTE_MAX, required=False) | None = None  # type: ignore[valid-type]


class DeskRequestOut(Out):
    request_id: str
    skpd_id: str
    at: str = Field(description="the desk's local time, YYYY-MM-DDTHH:MM:SS", examples=["2026-12-07T09:15:00"])
    recorded_at: str = Field(json_schema_extra={"format": "date-time"})
    name: str
    whatsapp: str
    type_id: str
    type_name: str
    note: str
    recorded_by: str
    recorded_by_name: str
    greeting_queued: bool | None = Field(
        None, description="only when just recorded: the WhatsApp greeting is on its way (false: it could not be queued)"
    )


DeskPage = page_of(DeskRequestOut, "DeskPage")


class DeskListQuery(DateRangeQuery):
    """``from``/``to`` (default: today at the desk; at most 31 days), one information type, a page."""

    type_id: Id | None = None  # type: ignore[valid-type]
    cursor: Cursor | None = None  # type: ignore[valid-type]
    limit: page_limit() | None = None  # type: ignore[valid-type]


class DeskExportRequest(Body):
    from_: Day = Field(alias="from")
    to: Day
    type_id: Id | None = None  # type: ignore[valid-type]


class DeskExport(Out):
    url: str = Field(description="presigned GET, short-lived")
    filename: str
    expires_in: int
    rows: int
