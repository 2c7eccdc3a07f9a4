"""Tracked citizen requests across two offices (issue 22, seed 003 §4): the first office's record, ready and cancel,
both offices' lists, one request, and the public status page. The second office decides through
`/verifications/citizen_request/{tracking}` (kind ``citizen_request``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..domain.citizen_requests import (
    MAX_CASE,
    MAX_NAME,
    MAX_NOTE,
    MAX_REFERENCE,
    RequestState,
    StepAction,
    UpdateKind,
)
from .base import Body, Out, Query, Version, choice, enum_choice, enum_literal, page_limit, written
from .common import Code, Cursor, Email, WhatsApp, page_of

_UPDATE = enum_choice(UpdateKind, code="INVALID_UPDATE", description="KK, KTP (KTP-el) or AKTA (akta catatan sipil)")


class CitizenRequestInput(Body):
    """What the first office records: the citizen (a name and a WhatsApp number or an e-mail address, at least
    one: ``CONTACT_REQUIRED``), the case and the documents to update, and the second office."""

    citizen_name: written(MAX_NAME) = Field(examples=["Siti Aminah"])  # type: ignore[valid-type]
    whatsapp: WhatsApp | None = None  # type: ignore[valid-type]
    email: Email | None = None  # type: ignore[valid-type]
    case_number: written(MAX_CASE) = Field(examples=["123/Pdt.G/2026/MS.Lsm"])  # type: ignore[valid-type]
    updates: list[_UPDATE] = Field(min_length=1, max_length=3, description="the documents to update")  # type: ignore[valid-type]
    target_skpd_id: Code = Field(description="the second office (an SKPD other than the caller's)")  # type: ignore[valid-type]
    description: written(MAX_NOTE, required=False) = None  # type: ignore[valid-type]


class CitizenRequestReady(Body):
    """The case is decided and the documents complete: hand it to the second office."""

    note: written(MAX_NOTE, required=False) = None  # type: ignore[valid-type]
    document_ref: written(MAX_REFERENCE, required=False) = Field(  # type: ignore[valid-type]
        None, description="e.g. the decision's number or where the documents are kept"
    )
    version: Version | None = None


class CitizenRequestCancel(Body):
    reason: written(MAX_NOTE)  # type: ignore[valid-type]
    version: Version | None = None


class CitizenRequestQuery(Query):
    side: choice(  # type: ignore[valid-type]
        "origin",
        "target",
        code="INVALID_SIDE",
        description="origin (default): the requests my office recorded; target: those handed to my office",
    ) = None
    state: (
        enum_choice(  # type: ignore[valid-type]
            RequestState,
            code="INVALID_STATE",
            description="the state listed; default: the one waiting for that side (origin RECORDED, target READY)",
        )
        | None
    ) = None
    skpd_id: Code | None = Field(None, description="ADMIN only: another SKPD's list")  # type: ignore[valid-type]
    cursor: Cursor | None = None  # type: ignore[valid-type]
    limit: page_limit() | None = None  # type: ignore[valid-type]


class RequestOffice(Out):
    skpd_id: str
    name: str


class RequestOfficeList(Out):
    items: list[RequestOffice]


class CitizenRequestStep(Out):
    action: enum_literal(StepAction)  # type: ignore[valid-type]
    label: str = Field(examples=["Permohonan dicatat"])
    office: str = Field(examples=["Dinas Kesehatan Kota Contoh"])
    at: str = Field(json_schema_extra={"format": "date-time"})


class CitizenRequestOfficerStep(CitizenRequestStep):
    skpd_id: str
    by: str = Field(description="the officer's NIP")
    by_name: str | None
    note: str | None


class CitizenRequestOut(Out):
    tracking: str = Field(examples=["LY-2026-7F3K9Q2M"])
    origin: RequestOffice
    target: RequestOffice
    citizen_name: str
    whatsapp: str | None
    email: str | None
    case_number: str
    updates: list[enum_literal(UpdateKind)]  # type: ignore[valid-type]
    update_labels: list[str] = Field(examples=[["Kartu Keluarga (KK)", "KTP-el"]])
    description: str | None
    document_ref: str | None
    state: enum_literal(RequestState)  # type: ignore[valid-type]
    state_label: str = Field(examples=["Dicatat"])
    created_by: str
    created_at: str
    ready_at: str | None
    status_url: str = Field(description="the public status page the citizen was sent")
    actions: list[Literal["ready", "cancel"]] = Field(description="what the caller's office may do now")
    steps: list[CitizenRequestOfficerStep]
    version: int


CitizenRequestPage = page_of(CitizenRequestOut, "CitizenRequestPage")


class CitizenRequestStatus(Out):
    """The public status page: state and steps with office and date — nothing personal."""

    tracking: str
    state: enum_literal(RequestState)  # type: ignore[valid-type]
    state_label: str
    origin_office: str
    target_office: str
    steps: list[CitizenRequestStep]


__all__ = [
    "CitizenRequestCancel",
    "CitizenRequestInput",
    "CitizenRequestOut",
    "CitizenRequestPage",
    "CitizenRequestQuery",
    "CitizenRequestReady",
    "CitizenRequestStatus",
    "RequestOfficeList",
]
