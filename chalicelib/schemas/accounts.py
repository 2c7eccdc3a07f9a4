"""Sign-in, accounts, the organisation, roster imports and the admin's tools."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, ConfigDict, Field, RootModel, StrictStr, WithJsonSchema, model_validator

from ..domain.accounts import GRANTABLE_ROLES, EmploymentStatus, Role
from ..domain.audit import AuditKind
from ..domain.errors import ValidationError
from ..domain.identity import TimeZone
from ..domain.one_time_codes import CodePurpose
from ..domain.organisation import parse_office
from ..domain.people_search import MAX_SEARCH_LENGTH, MIN_SEARCH_LENGTH, read_search
from ..domain.workdays import FIRST_YEAR, LAST_YEAR, HolidayAction, invalid_year
from .base import (
    Body,
    Flag,
    Number,
    Out,
    Query,
    QueryFlag,
    enum_choice,
    enum_literal,
    located,
    page_limit,
    query_whole,
    read_text,
    required_when,
    text,
    written,
)
from .common import Code, Cursor, Day, Email, Nip, RequiredVersion, WhatsApp, Zone, page_of

ZoneName = enum_literal(TimeZone)
Employment = enum_choice(EmploymentStatus, code="INVALID_EMPLOYMENT_STATUS")
EmploymentName = enum_literal(EmploymentStatus)
RoleName = enum_literal(Role)
#: what a person types to find someone (`read_search`: trimmed, at least 3 characters, else SEARCH_TOO_SHORT)
SearchText = Annotated[
    read_text(MAX_SEARCH_LENGTH, read_search),
    WithJsonSchema({"type": "string", "minLength": MIN_SEARCH_LENGTH, "maxLength": MAX_SEARCH_LENGTH}),
]


#: an office location: an object (else ``INVALID_TYPE``) that `parse_office` turns into the domain's
#: `OfficeLocation` (else ``INVALID_OFFICE``: a missing coordinate, a radius outside 10-100000 m)
OfficeField = Annotated[
    dict[str, Any],
    AfterValidator(located(parse_office)),
    WithJsonSchema(
        {
            "type": "object",
            "properties": {
                "latitude": {"type": "number", "minimum": -90, "maximum": 90},
                "longitude": {"type": "number", "minimum": -180, "maximum": 180},
                "radius_m": {"type": "integer", "minimum": 10, "maximum": 100000},
            },
            "required": ["latitude", "longitude", "radius_m"],
        }
    ),
]


# -- sign-in ------------------------------------------------------------------------------------------


class LoginRequest(Body):
    username: written(254, description="NIP or e-mail")  # type: ignore[valid-type]
    password: text(1024, required=True)  # type: ignore[valid-type]


class Session(Out):
    token: str
    token_type: Literal["Bearer"]
    expires_in: int
    must_change_password: bool = Field(description="true: the token may only change the password")
    must_enrol_authenticator: bool = Field(
        False,
        description="true: an officer who must have an authenticator has none yet; the token may only enrol one "
        "(POST /auth/totp/enrolment…), read /me and sign out",
    )


class SecondFactor(Out):
    """The password (or one-time code) was right and the account has an authenticator: no session yet."""

    second_factor: Literal["TOTP"]
    challenge: str = Field(description="for POST /auth/totp/login, with the authenticator's code; 5 minutes")
    expires_in: int


class SignIn(RootModel[Session | SecondFactor]):
    """A session, or (an account with an authenticator) the second step of the sign-in."""


class TotpLogin(Body):
    challenge: text(4096, required=True)  # type: ignore[valid-type]
    code: text(32, required=True, description="the app's 6 digits, or one unused recovery code")  # type: ignore[valid-type]


class TotpCode(Body):
    code: text(32, required=True, description="the authenticator app's current 6 digits")  # type: ignore[valid-type]


class TotpEnrolmentStart(Body):
    """Nothing to send (an empty body or ``{}``): the server makes the secret."""


class TotpEnrolment(Out):
    """A new secret, pending until confirmed with a code from the app; shown once."""

    secret: str = Field(description="base32, for typing into the app by hand")
    otpauth_uri: str
    qr_svg: str = Field(description="the otpauth link's QR code, an SVG data: URI")


class RecoveryCodes(Out):
    recovery_codes: list[str] = Field(description="each works once instead of an app code; shown only now")


class TotpConfirmed(RecoveryCodes):
    session: Session = Field(description="a full session: the enrolment proved the second factor")


class PasswordChange(Body):
    old_password: text(1024, required=True)  # type: ignore[valid-type]
    new_password: text(1024, required=True, description="8-128 characters; not common, not the NIP or name")  # type: ignore[valid-type]


# -- one-time codes (sign-in by code, "Lupa password?") ---------------------------------------------


class CodeRequest(Body):
    username: written(254, description="NIP or e-mail")  # type: ignore[valid-type]
    purpose: enum_choice(  # type: ignore[valid-type]
        CodePurpose,
        code="INVALID_CODE_PURPOSE",
        description="SIGN_IN (default): a code to sign in; PASSWORD_RESET: a code for Lupa password?",
    ) = CodePurpose.SIGN_IN


class CodeSent(Out):
    message: str = Field(description="the same text whether or not the username has an account")
    channel_hint: None = Field(description="always null: nothing tells where (or whether) a code went")


class CodeLogin(Body):
    username: written(254, description="NIP or e-mail")  # type: ignore[valid-type]
    code: text(16, required=True, description="the 6 digits of the code sent")  # type: ignore[valid-type]


class PasswordReset(Body):
    username: written(254, description="NIP or e-mail")  # type: ignore[valid-type]
    code: text(16, required=True, description="the 6 digits of a PASSWORD_RESET code")  # type: ignore[valid-type]
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


class PersonRef(Out):
    """Who someone is to the person reading: a name and a jabatan, never a bare NIP (issue 18)."""

    nip: str
    name: str | None = Field(description="null: the account no longer exists")
    jabatan: str | None


class Profile(Employee):
    roles: list[RoleName]
    must_change_password: bool
    authenticator_active: bool = Field(False, description="an authenticator app is enrolled")
    authenticator_required: bool = Field(False, description="the roles demand an authenticator app")
    recovery_codes_left: int = Field(0, description="unused recovery codes")
    supervisor: PersonRef | None = Field(description="the direct supervisor (null: none)")


EmployeePage = page_of(Employee, "EmployeePage")


class EmployeeInput(Body):
    nip: Nip
    name: written(120)  # type: ignore[valid-type]
    jabatan: written(200)  # type: ignore[valid-type]
    skpd_id: Code | None = Field(None, description="ADMIN only; operators always write to their own SKPD")
    satker_id: Code
    supervisor_nip: Nip | None = None
    whatsapp: WhatsApp
    email: Email | None = None
    timezone: Zone
    employment_status: Employment | None = None
    tmt: Day | None = Field(None, description="TMT: start of continuous service (leave rights count from it)")


class EmployeePatch(Body):
    """Only the fields sent change; ``null`` clears only what may be empty (supervisor, e-mail; employment status
    and TMT: unknown, so the stored ones stay)."""

    name: written(120) = None  # type: ignore[valid-type]
    jabatan: written(200) = None  # type: ignore[valid-type]
    satker_id: Code = None
    supervisor_nip: Nip | None = None
    whatsapp: WhatsApp = None
    email: Email | None = None
    timezone: Zone = None
    employment_status: Employment | None = None
    tmt: Day | None = None
    version: RequiredVersion = None  # type: ignore[valid-type]


class EmployeeQuery(Query):
    skpd_id: Code | None = None
    satker_id: Code | None = None
    without_supervisor: QueryFlag = Field(False, description="true: only those without a direct supervisor")
    q: SearchText | None = Field(  # type: ignore[valid-type]
        None,
        description=f"part of the name (any case, words in any order) or the start of the NIP, at least "
        f"{MIN_SEARCH_LENGTH} characters (else SEARCH_TOO_SHORT); a page may then hold fewer than limit: follow "
        "next_cursor",
    )
    cursor: Cursor | None = None  # type: ignore[valid-type]
    limit: page_limit() | None = None  # type: ignore[valid-type]


class PageQuery(Query):
    cursor: Cursor | None = None  # type: ignore[valid-type]
    limit: page_limit() | None = None  # type: ignore[valid-type]


class SupervisorInput(Body):
    supervisor_nip: Nip | None = Field(None, description="null: no supervisor")


class RolesInput(Body):
    roles: list[enum_choice(Role, only=GRANTABLE_ROLES, code="INVALID_ROLE")] = Field(  # type: ignore[valid-type]
        max_length=10, description="PEGAWAI is implied; ATASAN follows from having subordinates"
    )


class Accepted(Out):
    status: str
    message: str


class AuditEvent(Out):
    event_id: str
    at: str = Field(json_schema_extra={"format": "date-time"})
    kind: enum_literal(AuditKind)  # type: ignore[valid-type]
    kind_label: str = Field(examples=["Memberi delegasi verifikasi"])
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
    name: written(200)  # type: ignore[valid-type]
    timezone: Zone
    city: written(80, required=False) | None = Field(None, description="place printed above signatures")  # type: ignore[valid-type]
    office: dict[str, Any] | None = Field(None, description="not kept for an SKPD: offices belong to satker")


class OrgPatch(Body):
    """An SKPD's or a satker's edit: only the fields sent change (``city``: SKPD only; ``office``: satker only,
    ``null`` clears it)."""

    name: written(200) = None  # type: ignore[valid-type]
    timezone: Zone = None
    city: written(80, required=False) | None = None  # type: ignore[valid-type]
    rhk_required: Flag | None = Field(None, description="SKPD only: every report must name an approved RHK")
    office: OfficeField | None = None
    version: RequiredVersion = None  # type: ignore[valid-type]


class SatkerInput(Body):
    satker_id: Code
    name: written(200)  # type: ignore[valid-type]
    timezone: Zone | None = Field(None, description="unknown: the SKPD's")
    office: OfficeField | None = None


class Skpd(Out):
    skpd_id: str
    name: str
    timezone: ZoneName
    city: str | None = None
    rhk_required: bool = Field(False, description="every report must name an RHK of the approved SKP")
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
    filename: written(200, examples=["pegawai.xlsx"])  # type: ignore[valid-type]
    content_base64: StrictStr = Field(min_length=1, description="the CSV or XLSX file, base64 (at most 2 MB decoded)")


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


class RosterColumn(Out):
    name: str = Field(examples=["kode_satker"])
    required: bool


class RosterSatker(Out):
    satker_id: str
    name: str


class RosterTemplate(Out):
    """The roster template for the caller's SKPD: the header row the import reads and one example row, as CSV text
    and as an XLSX workbook (base64; its second sheet lists the satker codes), and the SKPD's satker codes."""

    skpd_id: str | None = None
    columns: list[RosterColumn]
    satker: list[RosterSatker]
    csv: str = Field(description="the template as CSV (UTF-8, comma-separated)")
    xlsx_base64: str = Field(description="the template as an XLSX workbook, base64")


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
    year: query_whole(FIRST_YEAR, LAST_YEAR, invalid_year, required=True) = None  # type: ignore[valid-type]


class HolidayChange(Body):
    """``ADD`` makes the date a holiday, with its name; ``REMOVE`` a working day (a name is ignored)."""

    model_config = ConfigDict(json_schema_extra=required_when("action", {HolidayAction.ADD.value: ("name",)}))

    action: enum_choice(HolidayAction, code="INVALID_ACTION")  # type: ignore[valid-type]
    name: written(120, required=False) | None = Field(None, description="required with ADD")  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _named_when_added(self) -> HolidayChange:
        if self.action is HolidayAction.ADD and not self.name:  # a holiday has a name; a working day none
            raise ValidationError("Kolom 'name' wajib diisi.", code="REQUIRED", details={"field": "name"})
        return self


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
