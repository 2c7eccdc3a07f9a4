"""The daily work: attendance, reports and their evidence, templates, verification, delegation, reminders."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, ConfigDict, Field, ValidationInfo, WithJsonSchema

from ..domain.attendance import Session as AttendanceSession
from ..domain.attendance import Source, check_coordinate
from ..domain.checkin_guard import MAX_ACCURACY_M, check_accuracy_value
from ..domain.evidence import ALLOWED_TYPES, MAX_EVIDENCE_BYTES
from ..domain.identity import TimeZone
from ..domain.reminders import Frequency, parse_reminder_time
from ..domain.reports import COUNTED, MAX_DESCRIPTION, MAX_OUTPUT, MAX_TITLE, ReportStatus
from ..domain.selfie import MAX_SELFIE_TEXT
from .base import (
    Body,
    Flag,
    Number,
    Out,
    Query,
    VersionParameter,
    checked,
    enum_choice,
    enum_literal,
    given_unless,
    located,
    page_limit,
    text,
    whole,
    written,
)
from .common import ClockTime, Cursor, DateRangeQuery, Day, Month, Nip, RequiredVersion, page_of, upload_request
from .discipline import MonthFigures
from .ekinerja import EkinerjaState
from .working_hours import CalendarDiscipline

#: an optional reference (``rhk_id``, ``template_id``): trimmed, blank means none
Reference = written(64, required=False)


ZoneName = enum_literal(TimeZone)
StatusName = enum_literal(ReportStatus)

# -- attendance ---------------------------------------------------------------------------------------

#: the reported accuracy radius (metres, 0 or more); another number is ``INVALID_ACCURACY``
Accuracy = Annotated[
    Number,
    AfterValidator(located(lambda value, info: check_accuracy_value(value, info.field_name or ""))),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": MAX_ACCURACY_M}),
]


def coordinate(bound: int) -> Any:
    """Degrees from -``bound`` to ``bound`` (a float); another number is ``INVALID_LOCATION``."""

    def run(value: float, info: ValidationInfo) -> float:
        return check_coordinate(value, info.field_name or "", bound)

    return Annotated[
        Number, AfterValidator(located(run)), WithJsonSchema({"type": "number", "minimum": -bound, "maximum": bound})
    ]


class CheckIn(Body):
    session: enum_choice(AttendanceSession, code="INVALID_SESSION", description="PAGI: check-in, SORE: check-out")  # type: ignore[valid-type]
    latitude: coordinate(90) | None = Field(None, description="required where the satker has an office radius")  # type: ignore[valid-type]
    longitude: coordinate(180) | None = Field(None, description="required where the satker has an office radius")  # type: ignore[valid-type]
    accuracy_m: Accuracy | None = Field(
        None,
        description="the fix's accuracy radius in metres (the browser's coords.accuracy); required where the satker "
        "has an office radius, and a radius wider than the office's is refused (422 LOCATION_TOO_COARSE)",
    )
    selfie: text(MAX_SELFIE_TEXT) | None = Field(  # type: ignore[valid-type]
        None,
        description="a JPEG or PNG photo, base64 (a data URL allowed), at most 300 KB, checked by content; required "
        "where the SKPD's check-in rules name the satker (422 SELFIE_REQUIRED / SELFIE_INVALID)",
    )
    # the device's signature (`domain.devices.canonical_text`; checked as the SKPD's check-in rules say)
    device_id: text(32) | None = Field(None, description="the registered device that signed (GET /me/devices)")  # type: ignore[valid-type]
    signed_at: text(40) | None = Field(  # type: ignore[valid-type]
        None, description="ISO 8601 time with offset the browser signed at (within 5 minutes of the server's)"
    )
    signature: text(120) | None = Field(  # type: ignore[valid-type]
        None,
        description="base64url ECDSA P-256/SHA-256 signature (r||s, as WebCrypto gives it) of 'kinerja-presensi|"
        "<nip>|<session>|<lat 6 decimals>|<lon 6 decimals>|<signed_at>' (a missing coordinate: empty)",
    )


class CheckInResult(Out):
    date: str = Field(json_schema_extra={"format": "date"})
    session: str
    time: str = Field(examples=["07:31"])
    timezone: ZoneName
    distance_m: int | None = None
    accuracy_m: int | None = Field(None, description="the accuracy radius recorded with the check-in (metres)")
    flagged: bool = Field(False, description="recorded, and sent to HR of the SKPD to check (reasons in words)")
    reasons: list[str] = Field(default_factory=list, examples=[["Perpindahan lokasi yang mustahil …"]])


class MyCheckInRules(Out):
    """What the check-in page must know before the first tap (the employee's own satker and SKPD rules only)."""

    selfie_required: bool = Field(description="the satker takes a selfie with each check-in (the camera shows at once)")
    location_required: bool = Field(description="the satker has an office radius: the position and its accuracy")
    max_accuracy_m: int | None = Field(
        None, description="a fix whose accuracy radius is wider than this (the office radius) is refused"
    )
    max_selfie_kb: int = Field(description="the largest selfie accepted (KB)")


class CalendarQuery(Query):
    month: Month | None = None


class ReportCounts(Out):
    SUBMITTED: int = 0
    APPROVED: int = 0
    REJECTED: int = 0


class CalendarLeave(Out):
    leave_id: str
    type: str = Field(examples=["TAHUNAN"])
    type_label: str = Field(examples=["Cuti Tahunan"])
    status: str = Field(examples=["APPROVED"])


class CalendarSourceTimes(Out):
    """What one source recorded of the day, with its own times (a complaint has none, only its sessions)."""

    source: enum_literal(Source)  # type: ignore[valid-type]
    check_in: str | None = Field(examples=["07:27"], description="HH:MM in the employee's zone")
    check_out: str | None = Field(examples=["16:02"], description="HH:MM in the employee's zone")
    sessions: list[enum_literal(AttendanceSession)] = Field(  # type: ignore[valid-type]
        description="the sessions this source recorded (PAGI: masuk, SORE: pulang)"
    )


class CalendarDay(Out):
    date: str = Field(json_schema_extra={"format": "date"})
    weekend: bool
    holiday: str | None = Field(description="Indonesian name, cuti bersama included")
    working_day: bool
    attended: bool
    sources: list[enum_literal(Source)]  # type: ignore[valid-type]
    source_times: list[CalendarSourceTimes] = Field(
        description="every source that recorded something of the day, each with its own times"
    )
    recorded_sessions: list[enum_literal(AttendanceSession)] = Field(  # type: ignore[valid-type]
        description="sessions recorded by any source: a check-in (PAGI) or check-out (SORE) is due only when absent"
    )
    check_in: str | None = Field(description="the day's check-in: the earliest of every source's")
    check_out: str | None = Field(description="the day's check-out: the latest of every source's")
    reports: ReportCounts
    leave: CalendarLeave | None = Field(None, description="a pending or approved leave holding the day")
    report_expected: bool = Field(True, description="a working day that is not an approved leave day")
    discipline: CalendarDiscipline | None = Field(
        None,
        description="the day's class under the satker's working hours (issue 20); null for a day not yet over "
        "unless known ahead (a holiday, a leave)",
    )


class Calendar(Out):
    month: str = Field(examples=["2026-11"])
    timezone: ZoneName
    days: list[CalendarDay]
    figures: MonthFigures = Field(description="the month so far in figures (issue 20); final when HR closes it")


# -- reports ------------------------------------------------------------------------------------------


class ReportFields(Body):
    """What an employee writes in a report (every field optional here: a template, or the report edited or
    copied, gives the rest). Texts arrive trimmed."""

    date: Day | None = None
    start_time: ClockTime | None = None
    end_time: ClockTime | None = None
    title: written(MAX_TITLE) | None = None  # type: ignore[valid-type]
    description: written(MAX_DESCRIPTION) | None = None  # type: ignore[valid-type]
    output: written(MAX_OUTPUT) | None = None  # type: ignore[valid-type]
    rhk_id: Reference | None = None  # type: ignore[valid-type]

    def sent(self) -> dict[str, Any]:
        """The fields the client sent, by the names of `ReportContent` (``date`` is its ``day``...)."""
        names = {"date": "day", "start_time": "start", "end_time": "end"}
        return {names.get(name, name): getattr(self, name) for name in self.model_fields_set}


class ReportInput(ReportFields):
    """A new report: a date and a start always; the texts and the end unless a template gives them."""

    model_config = ConfigDict(
        json_schema_extra=given_unless("template_id", ("end_time", "title", "description", "output"))
    )

    date: Day
    start_time: ClockTime
    template_id: Reference | None = Field(None, description="fills title, description, output; end = start + duration")  # type: ignore[valid-type]


class ReportPatch(ReportFields):
    version: RequiredVersion = None  # type: ignore[valid-type]

    def sent(self) -> dict[str, Any]:
        return {name: value for name, value in super().sent().items() if name != "version"}


class ReportCopy(ReportFields):
    """Changes to make in the copy of a rejected report (all optional)."""


class ReportQuery(DateRangeQuery):
    #: the statuses that count (a withdrawn report is in no list)
    status: enum_choice(ReportStatus, only=COUNTED, code="INVALID_STATUS") | None = None  # type: ignore[valid-type]
    q: text(100) | None = None  # type: ignore[valid-type]
    rhk_id: Reference | None = Field(None, description="only the reports linked to this RHK")  # type: ignore[valid-type]
    cursor: Cursor | None = None  # type: ignore[valid-type]
    limit: page_limit() | None = None  # type: ignore[valid-type]


class VersionQuery(Query):
    version: VersionParameter = None  # type: ignore[valid-type]


class EvidenceFile(Out):
    evidence_id: str
    filename: str = Field(description="safe name whose extension matches the checked content")
    content_type: str
    size: int
    url: str = Field(description="presigned GET, short-lived, Content-Disposition: attachment")


class HistoryEntry(Out):
    at: str
    by: str
    action: str
    changes: dict[str, Any]


class PersonName(Out):
    """Who someone named by NIP is: shown instead of the NIP."""

    name: str
    jabatan: str | None


class Report(Out):
    report_id: str
    nip: str
    date: str = Field(json_schema_extra={"format": "date"})
    start_time: str
    end_time: str
    title: str
    description: str
    output: str
    template_id: str | None = None
    rhk_id: str | None = None
    rhk_text: str | None = Field(None, description="the RHK's text as approved (with rhk_id)")
    status: StatusName
    status_label: str = Field(examples=["Diajukan"])
    submitted_at: str
    supervisor_nip: str | None
    decided_by: str | None
    decided_for: str | None
    decided_at: str | None
    rating: int | None
    note: str | None
    copied_from: str | None
    evidence: list[EvidenceFile]
    history: list[HistoryEntry] | None = Field(None, description="in single-report answers")
    people: dict[str, PersonName] | None = Field(
        None,
        description="in single-report answers: NIP → name and jabatan of who decided, for whom, and acted in the"
        " history, other than the employee (issue 18); a NIP missing: the account no longer exists",
    )
    hints: list[str] = Field(
        default_factory=list,
        examples=[["TOO_SHORT", "NO_WORK_VERB"]],
        description="the report coach's advice on its text when last written (codes of POST /reports/hints)",
    )
    ekinerja: EkinerjaState | None = Field(
        None, description="in single-report answers, once approved: its handoff to e-Kinerja (docs/ekinerja.md)"
    )
    version: int


ReportPage = page_of(Report, "ReportPage")


EvidenceRequest = upload_request(
    "EvidenceRequest", "An evidence file the client is about to upload.", ALLOWED_TYPES, MAX_EVIDENCE_BYTES
)


class UploadForm(Out):
    url: str
    fields: dict[str, str]


class EvidenceUpload(Out):
    evidence_id: str
    upload_token: str = Field(description="send back to /evidence/confirm after the upload")
    upload: UploadForm
    expires_in: int


class EvidenceConfirm(Body):
    upload_token: text(4096, required=True)  # type: ignore[valid-type]


# -- templates ----------------------------------------------------------------------------------------


class TemplateFields(Body):
    """A new template: every field (a report filed from it takes its texts and duration). Texts arrive trimmed."""

    name: written(100)  # type: ignore[valid-type]
    title: written(MAX_TITLE)  # type: ignore[valid-type]
    description: written(MAX_DESCRIPTION)  # type: ignore[valid-type]
    output: written(MAX_OUTPUT)  # type: ignore[valid-type]
    duration_minutes: whole(5, 720, code="INVALID_DURATION", what="Durasi (menit)")  # type: ignore[valid-type]
    rhk_id: Reference | None = Field(None, description="the RHK a report filed from it names")  # type: ignore[valid-type]


class TemplatePatch(Body):
    """Changes to a template: the fields sent, and the version last read."""

    name: written(100) | None = None  # type: ignore[valid-type]
    title: written(MAX_TITLE) | None = None  # type: ignore[valid-type]
    description: written(MAX_DESCRIPTION) | None = None  # type: ignore[valid-type]
    output: written(MAX_OUTPUT) | None = None  # type: ignore[valid-type]
    duration_minutes: whole(5, 720, code="INVALID_DURATION", what="Durasi (menit)") | None = None  # type: ignore[valid-type]
    rhk_id: Reference | None = Field(None, description="null or blank: none")  # type: ignore[valid-type]
    version: RequiredVersion = None  # type: ignore[valid-type]


class Template(Out):
    template_id: str
    name: str
    title: str
    description: str
    output: str
    duration_minutes: int
    rhk_id: str | None = None
    version: int


class TemplateList(Out):
    items: list[Template]


# -- verification and delegation ----------------------------------------------------------------------


class DelegationInput(Body):
    delegate_nip: Nip
    delegator_nip: Nip | None = Field(None, description="ADMIN only: delegate for a supervisor (may cross SKPD)")
    start_date: Day
    end_date: Day
    reason: Annotated[text(500), AfterValidator(str.strip)] | None = None  # type: ignore[valid-type]


class Delegation(Out):
    delegation_id: str
    delegator_nip: str
    delegate_nip: str
    start_date: str
    end_date: str
    reason: str
    created_by: str


class Delegations(Out):
    given: list[Delegation]
    held: list[Delegation]


# -- reminders ----------------------------------------------------------------------------------------


class ReminderInput(Body):
    enabled: Flag
    frequency: enum_choice(Frequency, code="INVALID_FREQUENCY")  # type: ignore[valid-type]
    time: checked(
        parse_reminder_time,
        {"type": "string", "description": "HH:MM in the employee's zone, 5-minute steps", "examples": ["16:00"]},
        lambda at: f"{at:%H:%M}",
    )
    weekday: int | None = Field(None, description="WEEKLY (required): 1 = Monday … 7 = Sunday")
    day_of_month: int | None = Field(None, description="MONTHLY (required): 1-31 (the last day in shorter months)")


class Reminder(Out):
    enabled: bool
    frequency: enum_literal(Frequency)  # type: ignore[valid-type]
    time: str
    timezone: ZoneName
    weekday: int | None = None
    day_of_month: int | None = None
