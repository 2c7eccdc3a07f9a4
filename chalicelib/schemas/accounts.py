"""Sign-in, accounts, the organisation, roster imports and the admin's tools."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, StrictStr

from ..domain.accounts import GRANTABLE_ROLES, EmploymentStatus, Role
from ..domain.audit import AuditKind
from ..domain.identity import TimeZone
from .base import Body, Number, Out, Query, Version, choice, enum_choice, enum_literal, page_limit, text
from .common import Code, Cursor, Day, Email, Nip, WhatsApp, Zone, page_of

ZoneName = enum_literal(TimeZone)
Employment = enum_choice(EmploymentStatus, code="INVALID_EMPLOYMENT_STATUS")
EmploymentName = enum_literal(EmploymentStatus)
RoleName = enum_literal(Role)


# -- sign-in ------------------------------------------------------------------------------------------


class LoginRequest(Body):
    username: text(254, required=True, description="NIP or e-mail")  # type: ignore[valid-type]
    password: text(1024, required=True)  # type: ignore[valid-type]


class Session(Out):
    token: str
    token_type: Literal["Bearer"]
    expires_in: int
    must_change_password: bool = Field(description="true: the token may only change the password")


class PasswordChange(Body):
    old_password: text(1024, required=True)  # type: ignore[valid-type]
    new_password: text(1024, required=True, description="8-128 characters; not common, not the NIP or name")  # type: ignore[valid-type]


# -- employees ----------------------------------------------------------------------------------------


class Employee(Out):
    nip: str
    name: str
    jabatan: str
    skpd_id: str
    satker_id: str
    supervisor_nip: str | None
    whatsapp: str
    email: str | None
    timezone: ZoneName
    employment_status: EmploymentName = Field(description="unknown: PNS")
    tmt: str = Field(json_schema_extra={"format": "date"}, description="start of service; unknown: from the NIP")
    version: int


class Profile(Employee):
    roles: list[RoleName]
    must_change_password: bool


EmployeePage = page_of(Employee, "EmployeePage")


class EmployeeInput(Body):
    nip: Nip
    name: text(120, required=True)  # type: ignore[valid-type]
    jabatan: text(200, required=True)  # type: ignore[valid-type]
    skpd_id: Code | None = Field(None, description="ADMIN only; operators always write to their own SKPD")
    satker_id: Code
    supervisor_nip: Nip | None = None
    whatsapp: WhatsApp
    email: Email | None = None
    timezone: Zone
    employment_status: Employment | None = None
    tmt: Day | None = Field(None, description="TMT: start of continuous service (leave rights count from it)")


class EmployeePatch(Body):
    name: text(120) | None = None  # type: ignore[valid-type]
    jabatan: text(200) | None = None  # type: ignore[valid-type]
    satker_id: Code | None = None
    supervisor_nip: Nip | None = None
    whatsapp: WhatsApp | None = None
    email: Email | None = None
    timezone: Zone | None = None
    employment_status: Employment | None = None
    tmt: Day | None = None
    version: Version | None = None


class EmployeeQuery(Query):
    skpd_id: Code | None = None
    satker_id: Code | None = None
    cursor: Cursor | None = None  # type: ignore[valid-type]
    limit: page_limit() | None = None  # type: ignore[valid-type]


class PageQuery(Query):
    cursor: Cursor | None = None  # type: ignore[valid-type]
    limit: page_limit() | None = None  # type: ignore[valid-type]


class SupervisorInput(Body):
    supervisor_nip: Nip | None = Field(None, description="null: no supervisor")


class RolesInput(Body):
    roles: list[choice(*sorted(r.value for r in GRANTABLE_ROLES), code="INVALID_ROLE")] = Field(max_length=10)  # type: ignore[valid-type]


class Accepted(Out):
    status: str
    message: str


class AuditEvent(Out):
    event_id: str
    at: str = Field(json_schema_extra={"format": "date-time"})
    kind: enum_literal(AuditKind)  # type: ignore[valid-type]
    by: str
    details: dict[str, Any]


AuditPage = page_of(AuditEvent, "AuditPage")


# -- organisation ------------------------------------------------------------------------------------


class Office(Body):
    latitude: Number
    longitude: Number
    radius_m: int


class OfficeOut(Out):
    latitude: float
    longitude: float
    radius_m: int


class SkpdInput(Body):
    skpd_id: Code
    name: text(200, required=True)  # type: ignore[valid-type]
    timezone: Zone
    city: text(80) | None = Field(None, description="place printed above signatures")  # type: ignore[valid-type]
    office: dict[str, Any] | None = Field(None, description="not kept for an SKPD: offices belong to satker")


class OrgPatch(Body):
    name: text(200) | None = None  # type: ignore[valid-type]
    timezone: Zone | None = None
    city: text(80) | None = None  # type: ignore[valid-type]
    office: dict[str, Any] | None = Field(None, description="{latitude, longitude, radius_m} or null")
    version: Version | None = None


class SatkerInput(Body):
    satker_id: Code
    name: text(200, required=True)  # type: ignore[valid-type]
    timezone: Zone | None = None
    office: dict[str, Any] | None = Field(None, description="{latitude, longitude, radius_m}")


class Skpd(Out):
    skpd_id: str
    name: str
    timezone: ZoneName
    city: str | None = None
    version: int


class Satker(Out):
    skpd_id: str
    satker_id: str
    name: str
    timezone: ZoneName
    office: OfficeOut | None
    version: int


class SkpdDetail(Skpd):
    satker: list[Satker]


class SkpdList(Out):
    items: list[Skpd]


# -- roster imports -----------------------------------------------------------------------------------


class RosterUpload(Body):
    filename: text(200, required=True, examples=["pegawai.xlsx"])  # type: ignore[valid-type]
    content_base64: StrictStr = Field(description="the CSV or XLSX file, base64 (at most 2 MB decoded)")


class RosterRow(Out):
    row: int
    nip: str
    status: Literal["created", "updated", "unchanged", "error"]
    reason: str | None = None
    code: str | None = None


class RosterImport(Out):
    import_id: str
    status: Literal["PENDING", "DONE", "FAILED"]
    skpd_id: str | None = None
    error: str | None = None
    totals: dict[str, int] | None = None
    rows: list[RosterRow] | None = None


# -- admin --------------------------------------------------------------------------------------------


class OutboxQuery(Query):
    recipient: text(20) | None = None  # type: ignore[valid-type]
    day: Day | None = None
    limit: page_limit() | None = None  # type: ignore[valid-type]


class OutboxMessage(Out):
    message_id: str
    recipient: str
    text: str = Field(description="secrets (passwords, codes) masked")
    sent_at: str = Field(json_schema_extra={"format": "date-time"})


class OutboxList(Out):
    items: list[OutboxMessage]


class HolidayQuery(Query):
    year: text(4) | None = None  # type: ignore[valid-type]


class HolidayChange(Body):
    action: choice("ADD", "REMOVE", code="INVALID_ACTION")  # type: ignore[valid-type]
    name: text(120) | None = Field(None, description="required with ADD")  # type: ignore[valid-type]


class HolidayDay(Out):
    date: str
    national: str | None = None
    holiday: str | None = None
    override: bool | None = None


class HolidayYear(Out):
    year: int
    days: list[HolidayDay]


class OpenApiDocument(Out):
    """This OpenAPI 3.1 document."""

    openapi: str
    info: dict[str, Any]
    paths: dict[str, Any]
