"""The storage interfaces the services depend on: small `typing.Protocol`s, one per repository.

Each lists exactly the methods the services call. The `Dynamo…` classes beside them implement them
against DynamoDB; `chalicelib.store.memory` has in-memory twins for unit tests, and the contract tests
in `tests/integration/` run one test class against both. Nothing here imports PynamoDB or boto3.

Paged reads return ``(items, cursor)``: the cursor is opaque and bound to the list it pages (a cursor of
another list is a 400 ``INVALID_CURSOR``); page until it is ``None`` (DynamoDB may hand out a last
cursor that leads to an empty page).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from ..domain.accounts import Employee, SignInGuard
from ..domain.archive import ArchiveProfile, Category, Document, DocumentStatus
from ..domain.attendance import AttendanceDay, Fix, Session
from ..domain.audit import AuditEvent
from ..domain.checkin_guard import CheckInFlag
from ..domain.checkin_rules import CheckInRules
from ..domain.citizen_requests import CitizenRequest, RequestState
from ..domain.complaints import Complaint, ComplaintStatus
from ..domain.delegation import Delegation
from ..domain.devices import Device
from ..domain.discipline import DisciplineRules, WorkSchedule
from ..domain.discipline.closing import ClosedMonth
from ..domain.discipline.month import MonthKey
from ..domain.discipline.permissions import Permission
from ..domain.ekinerja import Handoff
from ..domain.exports import ExportJob, ReportLine
from ..domain.identity import TimeZone
from ..domain.kritis import Kritis, KritisState
from ..domain.leave import LeaveCalendar, LeaveRequest, LeaveSettings, LeaveStatus, LeaveType
from ..domain.one_time_codes import CodeState
from ..domain.organisation import Satker, Skpd
from ..domain.people_search import PeopleSearch
from ..domain.predicates import PredicateLine
from ..domain.ptsp.bot import ChatState
from ..domain.ptsp.catalogue import InformationType
from ..domain.ptsp.desk import DeskRequest
from ..domain.quarter_assessment import Assessment
from ..domain.records import CareerRecord, RecordKind, RecordStatus
from ..domain.reminders import ReminderSettings
from ..domain.reports import Report, ReportStatus, Template
from ..domain.skp import ApprovedVersion, Skp

if TYPE_CHECKING:
    from .outbox import OutboxMessage

#: (SKPD, satker) an employee belongs to
Unit = tuple[str, str]


class DayChanged(Exception):
    """The day's reports changed since it was read: read again and re-check (the service retries)."""


class CredentialNotice(Protocol):
    notice_id: str
    sealed: str


@dataclass(frozen=True)
class SealedNotice:
    """A temporary password waiting on an account, sealed (see `security/sealing.py`)."""

    notice_id: str
    sealed: str


@dataclass(frozen=True)
class EmployeeImage:
    """An account as one side of an employees stream record shows it (`store/streams.py` decodes it)."""

    employee: Employee
    notice: SealedNotice | None


class EmployeeRepository(Protocol):
    def get(self, nip: str) -> Employee | None: ...
    def get_by_email(self, email: str) -> Employee | None: ...
    def add(self, employee: Employee, notice: CredentialNotice | None = None) -> Employee: ...
    def save(
        self, employee: Employee, notice: CredentialNotice | None = None, history: Sequence[AuditEvent] = ()
    ) -> Employee: ...
    def record_history(self, events: Sequence[AuditEvent]) -> None: ...
    def has_subordinates(self, nip: str) -> bool: ...
    def many(self, nips: set[str]) -> dict[str, Employee]: ...
    def subordinates(self, nip: str, cursor: str | None, limit: int) -> tuple[list[Employee], str | None]: ...
    def in_skpd(
        self,
        skpd_id: str,
        satker_id: str | None,
        cursor: str | None,
        limit: int,
        *,
        without_supervisor: bool = False,
        search: PeopleSearch | None = None,
    ) -> tuple[list[Employee], str | None]:
        """``search``: only names/NIPs it matches; a page may then hold fewer than ``limit`` (reads are bounded)."""
        ...

    def count_without_supervisor(self, skpd_id: str) -> int: ...
    def clear_notice(self, nip: str, notice_id: str, version: int) -> None: ...


class ReportRepository(Protocol):
    """Reports, written together with their day's slots and tally (see `store/reports.py`).

    Every write is conditional on the report's version (else `Conflict` CONFLICT); ``create`` and
    ``update`` also on the day's ``report_rev`` they were given (else `DayChanged`).
    """

    def get(self, report_id: str) -> Report | None: ...
    def many(self, report_ids: Sequence[str]) -> dict[str, Report]:
        """The reports of up to 100 ids, read consistently in one request; missing ones left out."""
        ...

    def create(self, report: Report, day: AttendanceDay) -> Report: ...
    def update(self, old: Report, new: Report, old_day: AttendanceDay, new_day: AttendanceDay) -> Report: ...
    def change_status(self, old: Report, new: Report) -> Report: ...
    def save(self, report: Report) -> Report: ...
    def list_own(
        self,
        nip: str,
        *,
        first: date | None,
        last: date | None,
        status: ReportStatus | None,
        text: str | None,
        cursor: str | None,
        limit: int,
        rhk_id: str | None = None,
    ) -> tuple[list[Report], str | None]: ...
    def latest_descriptions(self, nip: str, *, first: date, last: date, limit: int) -> list[tuple[date, str]]:
        """(date, description) of ``nip``'s live reports from ``first`` to ``last``, newest first, at most
        ``limit``: what the report coach compares with, read without the rest of each report."""
        ...

    def pending_for(
        self,
        supervisor_nip: str,
        cursor: str | None,
        limit: int,
        *,
        first: date | None = None,
        last: date | None = None,
    ) -> tuple[list[Report], str | None]:
        """A supervisor's SUBMITTED reports, oldest submission first; of the dates ``first``-``last`` when given."""
        ...

    def count_pending(self, supervisor_nip: str) -> int: ...
    def overdue(self, submitted_by: datetime) -> list[Report]:
        """SUBMITTED reports submitted at or before ``submitted_by`` (the auto-approval sweep)."""
        ...

    #: how many shards `overdue_page` reads (0 … overdue_shards - 1)
    overdue_shards: int

    def overdue_page(
        self, shard: int, submitted_by: datetime, after: dict[str, Any] | None, limit: int
    ) -> tuple[list[Report], dict[str, Any] | None]:
        """At most ``limit`` of one shard's SUBMITTED reports submitted by ``submitted_by``, oldest first, as they
        are now (consistent), and the key the next page starts after (``None``: the shard is done). The
        auto-approval sweep's worker reads one page a call (`services/auto_approval.py`)."""
        ...


class AttendanceRepository(Protocol):
    def get(self, nip: str, day: date) -> AttendanceDay | None: ...
    def between(self, nip: str, first: date, last: date) -> list[AttendanceDay]: ...
    def upsert_sync(
        self, nip: str, day: date, check_in: time | None, check_out: time | None, unit: Unit | None
    ) -> None: ...
    def check_in(
        self,
        nip: str,
        unit: Unit,
        day: date,
        session: Session,
        at: time,
        distance_m: float | None,
        fix: Fix | None = None,
        selfie_key: str | None = None,
    ) -> None: ...
    def recent(self, nip: str, last: date, limit: int) -> list[AttendanceDay]:
        """The employee's latest ``limit`` days up to ``last``, newest first (one Query: the previous check-in)."""
        ...


class CheckInFlagRepository(Protocol):
    """Flagged check-ins (`store/checkin_flags.py`): ``add`` only creates (one flag a session a day), ``decide``
    replaces only the version read and, on a rejection, removes that session's native check-in in the same write
    (409 ``CONFLICT`` otherwise). The HR queue holds only what is FLAGGED, oldest check-in first."""

    def get(self, nip: str, day: date, session: Session) -> CheckInFlag | None: ...
    def add(self, flag: CheckInFlag) -> CheckInFlag: ...
    def check_in(self, flag: CheckInFlag, at: time, distance_m: float | None, fix: Fix | None) -> CheckInFlag:
        """The flagged native check-in and its flag together, or neither (one TransactWriteItems)."""
        ...

    def decide(self, old: CheckInFlag, new: CheckInFlag) -> CheckInFlag: ...
    def pending(self, skpd_id: str | None, cursor: str | None, limit: int) -> tuple[list[CheckInFlag], str | None]: ...
    def count_pending(self, skpd_id: str | None) -> int: ...


class TemplateRepository(Protocol):
    def get(self, nip: str, template_id: str) -> Template | None: ...
    def list(self, nip: str) -> list[Template]: ...
    def save(self, template: Template) -> Template: ...
    def delete(self, template: Template) -> None: ...


class RecordRepository(Protocol):
    """Career records (see `store/records.py`); ``add`` only creates, ``save`` only replaces the version read
    (else `Conflict` CONFLICT). Lists page with opaque cursors bound to their filters."""

    def get(self, record_id: str) -> CareerRecord | None: ...
    def add(self, record: CareerRecord) -> CareerRecord: ...
    def save(self, record: CareerRecord) -> CareerRecord: ...
    def list_own(
        self,
        nip: str,
        *,
        kind: RecordKind | None,
        status: RecordStatus | None,
        cursor: str | None,
        limit: int,
    ) -> tuple[list[CareerRecord], str | None]: ...
    def queue(
        self,
        skpd_id: str | None,
        satker_id: str | None,
        kinds: tuple[RecordKind, ...],
        statuses: tuple[RecordStatus, ...],
        *,
        newest_first: bool,
        cursor: str | None,
        limit: int,
    ) -> tuple[list[CareerRecord], str | None]:
        """Records of those kinds and statuses of one satker, one SKPD or (``skpd_id`` None) every SKPD, by when
        they entered their status."""
        ...

    def waiting(self, skpd_id: str | None, satker_id: str | None) -> dict[RecordKind, int]: ...


class DelegationRepository(Protocol):
    """Delegations; ``add`` is conditional on the supervisor's guard revision read by ``snapshot``."""

    def snapshot(self, delegator_nip: str) -> tuple[list[Delegation], int]: ...
    def given_by(self, delegator_nip: str) -> list[Delegation]: ...
    def held_by(self, delegate_nip: str, today: date) -> list[Delegation]: ...
    def get(self, delegator_nip: str, delegation_id: str) -> Delegation | None: ...
    def add(self, delegation: Delegation, revision: int, events: list[AuditEvent]) -> Delegation: ...
    def delete(self, delegation: Delegation, events: list[AuditEvent]) -> None: ...


class AuditLog(Protocol):
    def record(self, events: list[AuditEvent]) -> None: ...
    def history(self, nip: str, cursor: str | None, limit: int) -> tuple[list[AuditEvent], str | None]: ...


class ReminderRepository(Protocol):
    def get(self, nip: str) -> ReminderSettings | None: ...
    def save(self, nip: str, settings: ReminderSettings) -> None: ...
    def in_slot(self, slot: str) -> list[tuple[str, ReminderSettings, str | None]]: ...
    def slot_page(
        self, slot: str, shard: int, after: str | None, limit: int
    ) -> tuple[list[tuple[str, ReminderSettings, str | None]], str | None, int]: ...
    def checkpoint(self, name: str) -> str | None: ...
    def advance_checkpoint(self, name: str, expected: str | None, cursor: str) -> bool: ...
    def mark_sent(self, nip: str, day: date) -> bool: ...


class HolidayOverrides(Protocol):
    def for_year(self, year: int) -> dict[date, str | None]: ...
    def put(self, day: date, name: str | None) -> None: ...
    def delete(self, day: date) -> None: ...


class JobState(Protocol):
    def cursor(self, name: str) -> str | None: ...
    def save_cursor(self, name: str, cursor: str | None) -> None: ...


class DigestRepository(Protocol):
    shards: int  # partitions of the due list, each paged on its own (`due_page`)

    def schedule(self, supervisor_nip: str, candidate: datetime, interval: timedelta) -> None: ...
    def due(self, now: datetime) -> list[tuple[str, str, int]]: ...
    def due_page(
        self, shard: int, now: datetime, after: str | None, limit: int
    ) -> tuple[list[tuple[str, str, int]], str | None]: ...
    def sent(self, supervisor_nip: str, generation: int, sent_at: datetime, next_due: datetime) -> None: ...


class OrgRepository(Protocol):
    def get_skpd(self, skpd_id: str) -> Skpd | None: ...
    def list_skpd(self) -> list[Skpd]: ...
    def get_satker(self, skpd_id: str, satker_id: str) -> Satker | None: ...
    def list_satker(self, skpd_id: str) -> list[Satker]: ...
    def save_skpd(self, skpd: Skpd) -> Skpd: ...
    def save_satker(self, satker: Satker) -> Satker: ...


class SignInGuards(Protocol):
    def reserve(self, key: str, now: datetime) -> SignInGuard | None: ...
    def clear(self, key: str) -> None: ...


class RateLimiter(Protocol):
    """Hit counters of the public endpoints' rate limits (`store/rate_limits.py`): a conditional add per hit."""

    def hit(self, key: str, limit: int, expires_at: int) -> bool: ...


class OneTimeCodes(Protocol):
    """The live one-time code of each account or unknown username (`store/one_time_codes.py`); every write is
    conditional on the code (``code_id``) that was read, so parallel requests cannot both win."""

    def get(self, key: str) -> CodeState | None: ...
    def issue(self, key: str, state: CodeState, previous: CodeState | None) -> bool: ...
    def reserve_try(self, key: str, code_id: str) -> bool: ...
    def consume(self, key: str, code_id: str, now: datetime) -> bool: ...
    def note_undeliverable(self, key: str, notice_id: str) -> None: ...


class Outbox(Protocol):
    """The WhatsApp outbox as the admin reads it (`store/outbox.py`), newest first."""

    def for_recipient(self, recipient: str, limit: int = 50) -> list[OutboxMessage]: ...
    def for_day(self, day: str, limit: int = 50) -> list[OutboxMessage]: ...


class UsedLinks(Protocol):
    def was_used(self, jti: str) -> bool: ...
    def mark(self, jti: str, used_at: datetime, expires_at: int) -> None: ...
    def claim(self, jti: str, used_at: datetime, expires_at: int) -> bool: ...


class ExportJobs(Protocol):
    def create(self, job_id: str, owner_nip: str, request: dict[str, object], now: datetime) -> None: ...
    def get(self, job_id: str) -> ExportJob | None: ...
    def finish(
        self, job_id: str, now: datetime, *, key: str | None = None, name: str | None = None, error: str | None = None
    ) -> None: ...


class ExportSource(Protocol):
    """The complete reads of a period an export worker needs."""

    def report_lines_of(self, nips: list[str], first: date, last: date) -> list[ReportLine]: ...
    def report_days_of_satker(
        self, skpd_id: str, satker_id: str, first: date, last: date
    ) -> Iterator[list[ReportLine]]: ...
    def attended_in_satker(self, skpd_id: str, satker_id: str, first: date, last: date) -> dict[str, set[date]]: ...
    def attended_of(self, nips: list[str], first: date, last: date) -> dict[str, set[date]]: ...
    def subordinates(self, nip: str) -> list[Employee]: ...
    def staff(self, skpd_id: str, satker_id: str | None) -> list[Employee]: ...


class Sequences(Protocol):
    """Numbered series (`store/sequences.py`): each call gets a number no other call gets."""

    def next(self, series: str) -> int: ...


class ComplaintRepository(Protocol):
    """Attendance complaints, written with their claim on the day's attendance item (see `store/complaints.py`).

    ``create`` lands only if the complaint id is new (else `Conflict` UPLOAD_ALREADY_USED), the session of that
    day is unclaimed (else `Conflict` COMPLAINT_DUPLICATE) and not attended (else `BusinessRule`
    SESSION_ALREADY_ATTENDED). ``decide`` is conditional on the version read (else `Conflict` CONFLICT):
    an approval adds the session to the day's attendance, a rejection frees the claim.
    """

    def get(self, complaint_id: str) -> Complaint | None: ...
    def claims(self, nip: str, day: date) -> tuple[AttendanceDay | None, dict[Session, str]]:
        """The day's attendance and which complaint (id) claims each session, in one read."""
        ...

    def create(self, complaint: Complaint) -> Complaint: ...
    def decide(self, old: Complaint, new: Complaint) -> Complaint: ...
    def list_own(
        self,
        nip: str,
        *,
        first: date | None,
        last: date | None,
        status: ComplaintStatus | None,
        cursor: str | None,
        limit: int,
    ) -> tuple[list[Complaint], str | None]: ...
    def queue(
        self,
        skpd_id: str | None,
        status: ComplaintStatus,
        *,
        satker_id: str | None,
        first: date | None,
        last: date | None,
        cursor: str | None,
        limit: int,
    ) -> tuple[list[Complaint], str | None]:
        """One SKPD's (``None``: every SKPD's) complaints in ``status``, oldest date first."""
        ...

    def count(self, skpd_id: str | None, status: ComplaintStatus) -> int: ...


class ArchiveCatalog(Protocol):
    """The admin's list of document categories (retired ones stay, inactive, so old documents keep their name)."""

    def all(self) -> list[Category]: ...
    def get(self, code: str) -> Category | None: ...
    def save(self, category: Category) -> Category:
        """Version 0 creates (409 ``CATEGORY_EXISTS`` when the code is taken); else only the version read (409)."""
        ...

    def seed(self, categories: list[Category]) -> None:
        """Create those not there yet; never overwrites (safe when two first uses race)."""
        ...


class ArchiveRepository(Protocol):
    """Employees' archive profiles and documents; a document write updates its profile's states in one transaction."""

    def profile(self, nip: str) -> ArchiveProfile: ...
    def profiles(self, nips: set[str]) -> dict[str, ArchiveProfile]:
        """Several profiles in one batch read (at most 100); an employee without one gets the default."""
        ...

    def save_profile(self, profile: ArchiveProfile) -> ArchiveProfile:
        """The declared conditions only (the states follow the documents; employment is the account's)."""
        ...

    def documents(self, nip: str) -> list[Document]: ...
    def get(self, nip: str, category: str) -> Document | None: ...
    def many(self, keys: set[tuple[str, str]]) -> dict[tuple[str, str], Document]: ...
    def put(self, document: Document, previous: Document | None) -> Document:
        """Create (``previous`` None, version 0) or replace the version read (else 409 CONFLICT)."""
        ...

    def remove(self, document: Document) -> None: ...
    def queue(
        self,
        status: DocumentStatus,
        *,
        skpd_id: str | None,
        satker_id: str | None,
        category: str | None,
        cursor: str | None,
        limit: int,
    ) -> tuple[list[Document], str | None]:
        """Documents in ``status`` by SKPD, satker, then upload time (oldest first); SKPD and satker narrow the key."""
        ...

    def count(self, status: DocumentStatus, skpd_id: str | None) -> int:
        """How many documents of one SKPD (``None``: every SKPD) are in ``status``."""
        ...


class SkpRepository(Protocol):
    """SKP heads and their approved versions (`store/skp.py`); every change is conditional on the version read."""

    def get(self, skp_id: str) -> Skp | None: ...
    def many(self, skp_ids: Sequence[str]) -> dict[str, Skp]:
        """The heads that exist among ``skp_ids`` (BatchGetItem, 100 a request)."""
        ...

    def add(self, skp: Skp) -> Skp:
        """A new SKP (`Conflict` SKP_EXISTS when the employee already has one for the year)."""
        ...

    def save(self, skp: Skp) -> Skp:
        """A change of the version read (`Conflict` CONFLICT otherwise)."""
        ...

    def approve(self, skp: Skp, approved: ApprovedVersion) -> Skp:
        """The approved head and its version's snapshot, in one transaction."""
        ...

    def versions(self, skp_id: str) -> list[ApprovedVersion]:
        """Every approved version, newest first."""
        ...

    def pending_for(self, penilai_nip: str, cursor: str | None, limit: int) -> tuple[list[Skp], str | None]:
        """The SUBMITTED SKP waiting for ``penilai_nip``, oldest submission first."""
        ...

    def count_pending(self, penilai_nip: str) -> int: ...


class PermissionRepository(Protocol):
    """Permission requests (izin) in their employee's partition (`store/permissions.py`); every change is
    conditional on the version read (`Conflict` CONFLICT otherwise)."""

    def get(self, permission_id: str) -> Permission | None:
        """By id (`None` for a malformed one)."""
        ...

    def add(self, permission: Permission) -> Permission: ...
    def save(self, permission: Permission) -> Permission: ...
    def between(self, nip: str, first: date, last: date) -> list[Permission]:
        """The employee's permissions of a day or a month, oldest date first (a consistent read)."""
        ...

    def list_own(
        self, nip: str, *, first: date | None, last: date | None, cursor: str | None, limit: int
    ) -> tuple[list[Permission], str | None]:
        """Own permissions, newest date first."""
        ...

    def pending_for(self, supervisor_nip: str, cursor: str | None, limit: int) -> tuple[list[Permission], str | None]:
        """The SUBMITTED permissions waiting for ``supervisor_nip``, oldest submission first."""
        ...

    def count_pending(self, supervisor_nip: str) -> int: ...


class AssessmentRepository(Protocol):
    """Quarterly assessments in their SKP's partition (`store/assessments.py`); every write is conditional on the
    version read (a new one on its absence), else `Conflict` CONFLICT."""

    def get(self, skp_id: str, quarter: int) -> Assessment | None: ...
    def of_skp(self, skp_id: str) -> list[Assessment]: ...
    def save(self, assessment: Assessment) -> Assessment: ...
    def acknowledge(self, assessment: Assessment, closed: Skp | None) -> Assessment:
        """The acknowledged assessment and, for the year's last quarter, the closed SKP head, in one transaction."""
        ...

    def waiting(self, skp_ids: Iterable[str]) -> list[Assessment]:
        """The assessments of those SKP still waiting for the employee's acknowledgement."""
        ...

    def of_quarter(self, skp_ids: Sequence[str], quarter: int) -> list[Assessment]:
        """Those SKP's assessments of ``quarter`` that exist (BatchGetItem: a supervisor's staff)."""
        ...

    def predicates_in_skpd(
        self, skpd_id: str, year: int, quarter: int, satker_id: str | None = None
    ) -> Iterator[PredicateLine]:
        """An SKPD's (or one satker's) assessments of a quarter in satker then NIP order, as bulk lines, read page by
        page from `skp.by_skpd_predicate`."""
        ...


class LeaveRepository(Protocol):
    """Leave requests and each employee's held days (see `store/leave.py`).

    ``create`` lands only if the held days' revision and each given day's report revision are still those read
    (else `DayChanged`: read again and re-check); ``change`` and ``save`` are conditional on the request's version
    (else `Conflict` CONFLICT), ``change`` also on the held days' revision (`DayChanged`). ``number`` takes the
    next number of a series and writes it onto the request in one transaction, retrying lost races.
    """

    def get(self, leave_id: str) -> LeaveRequest | None: ...
    def calendar(self, nip: str) -> LeaveCalendar: ...
    def calendars(self, nips: set[str]) -> dict[str, LeaveCalendar]: ...
    def of_employee(self, nip: str) -> list[LeaveRequest]: ...
    def list_own(
        self, nip: str, *, status: LeaveStatus | None, year: int | None, cursor: str | None, limit: int
    ) -> tuple[list[LeaveRequest], str | None]: ...
    def create(self, leave: LeaveRequest, calendar: LeaveCalendar, report_revs: Mapping[date, int]) -> LeaveRequest: ...
    def change(self, old: LeaveRequest, new: LeaveRequest, calendar: LeaveCalendar) -> LeaveRequest: ...
    def save(self, leave: LeaveRequest) -> LeaveRequest: ...
    def number(self, leave_id: str, series: str, make: Callable[[LeaveRequest, int], LeaveRequest]) -> LeaveRequest: ...
    def counter(self, series: str) -> int: ...
    def waiting(
        self, nip: str, stage: str, cursor: str | None, limit: int
    ) -> tuple[list[LeaveRequest], str | None]: ...
    def count_waiting(self, nip: str, stage: str) -> int: ...
    def numbering_queue(
        self, skpd_id: str, cursor: str | None, limit: int
    ) -> tuple[list[LeaveRequest], str | None]: ...
    def count_numbering(self, skpd_id: str) -> int: ...
    def of_skpd(
        self,
        skpd_id: str,
        first: date,
        last: date,
        *,
        satker_id: str | None,
        leave_type: LeaveType | None,
        status: LeaveStatus | None,
        cursor: str | None,
        limit: int,
    ) -> tuple[list[LeaveRequest], str | None]: ...
    def set_opening(self, nip: str, year: int, remaining: int) -> LeaveCalendar: ...
    def set_bersama_worked(self, nip: str, year: int, days: int) -> LeaveCalendar: ...


class LeaveSettingsRepository(Protocol):
    def get(self, skpd_id: str) -> LeaveSettings: ...
    def save(self, settings: LeaveSettings) -> LeaveSettings: ...


class WorkHoursRepository(Protocol):
    """Working hours (`store/working_hours.py`): the SKPD's default (``satker_id`` None) and each satker's own;
    ``save`` creates at version 0, else replaces only the version read (409 ``CONFLICT``), as ``delete`` does."""

    def get(self, skpd_id: str, satker_id: str | None) -> WorkSchedule | None: ...
    def both(self, skpd_id: str, satker_id: str) -> tuple[WorkSchedule | None, WorkSchedule | None]: ...
    def save(self, skpd_id: str, satker_id: str | None, schedule: WorkSchedule) -> WorkSchedule: ...
    def delete(self, skpd_id: str, satker_id: str, version: int) -> None: ...
    # the SKPD's discipline rules (sk="RULES", beside its hours), versioned the same way
    def for_calendar(
        self, skpd_id: str, satker_id: str | None
    ) -> tuple[WorkSchedule | None, WorkSchedule | None, DisciplineRules | None]: ...
    def rules(self, skpd_id: str) -> DisciplineRules | None: ...
    def save_rules(self, skpd_id: str, rules: DisciplineRules, zone: TimeZone) -> DisciplineRules: ...


class CitizenRequestRepository(Protocol):
    """Tracked citizen requests (`store/citizen_requests.py`), by tracking number. ``add`` only creates, ``save``
    replaces only the version read (else 409 ``CONFLICT``). ``of_office``: one office's requests, as the first
    office or (``target``) as the second — there only once first marked ready — of one state newest first (with
    ``state`` None: every state, grouped by state, newest first within each; the service always names one).
    ``ready_for`` / ``count_ready``: the second office's READY requests, oldest ready first."""

    def get(self, tracking: str) -> CitizenRequest | None: ...
    def add(self, request: CitizenRequest) -> CitizenRequest: ...
    def save(self, request: CitizenRequest) -> CitizenRequest: ...
    def of_office(
        self, skpd_id: str, *, target: bool, state: RequestState | None, cursor: str | None, limit: int
    ) -> tuple[list[CitizenRequest], str | None]: ...
    def ready_for(self, skpd_id: str, cursor: str | None, limit: int) -> tuple[list[CitizenRequest], str | None]: ...
    def count_ready(self, skpd_id: str) -> int: ...


class DeviceRepository(Protocol):
    """Check-in devices (`store/devices.py`): one partition per employee; ``add`` only creates, ``save`` replaces
    only the version read (409 ``CONFLICT``); ``touch`` sets ``last_used_at`` alone. HR's queue (``pending``,
    ``count_pending``; ``skpd_id`` None: every SKPD) holds only PENDING devices, oldest registration first."""

    def get(self, nip: str, device_id: str) -> Device | None: ...
    def of(self, nip: str) -> list[Device]: ...
    def add(self, device: Device) -> Device: ...
    def save(self, device: Device) -> Device: ...
    def touch(self, nip: str, device_id: str, at: datetime) -> None: ...
    def pending(self, skpd_id: str | None, cursor: str | None, limit: int) -> tuple[list[Device], str | None]: ...
    def count_pending(self, skpd_id: str | None) -> int: ...


class CheckInRulesRepository(Protocol):
    """An SKPD's check-in rules (`store/checkin_rules.py`, sk="CHECKIN" in the ``org`` table); ``save`` creates at
    version 0, else replaces only the version read (409 ``CONFLICT``)."""

    def get(self, skpd_id: str) -> CheckInRules | None: ...
    def with_satker(self, skpd_id: str, satker_id: str) -> tuple[Satker | None, CheckInRules | None]:
        """The satker and the SKPD's own rules: one BatchGetItem of the SKPD's ``org`` partition (the check-in)."""
        ...

    def save(self, skpd_id: str, rules: CheckInRules, zone: TimeZone) -> CheckInRules: ...


class ClosedMonthRepository(Protocol):
    """A satker's closed months (`store/closed_months.py`). ``get`` answers only a month whose closing finished,
    its frozen rows and corrections in order; ``close`` lets one of two officers closing at once win (the other:
    409 ``MONTH_CLOSED`` / ``MONTH_CLOSING``); ``correct`` records ``closed``'s last correction, made on
    ``closed.version`` (stale: 409 ``CONFLICT``). Both write ``events`` (the audit trail) with the change."""

    def get(self, skpd_id: str, satker_id: str, month: MonthKey) -> ClosedMonth | None: ...
    def close(self, skpd_id: str, closed: ClosedMonth, events: list[AuditEvent]) -> ClosedMonth: ...
    def correct(self, skpd_id: str, closed: ClosedMonth, events: list[AuditEvent]) -> ClosedMonth: ...


class EkinerjaHandoffs(Protocol):
    """Approved reports' handoffs to e-Kinerja (`store/ekinerja.py`, `store/memory/ekinerja.py`): the work list of
    approved reports not handed on, over ``shards`` shards by the time of their next attempt, and each report's
    handoff, claimed and settled by the claiming run only. ``due_page`` answers the ids of at most ``limit`` reports
    of a shard due by ``now``, soonest first, and where the next page starts (``None``: the shard is done);
    ``later`` moves one to its next attempt, ``done`` takes it off the list (sent, or given up)."""

    shards: int

    def due_page(
        self, shard: int, now: datetime, after: dict[str, Any] | None, limit: int
    ) -> tuple[list[str], dict[str, Any] | None]: ...
    def many(self, report_ids: Sequence[str]) -> dict[str, Handoff]: ...
    def later(self, report_id: str, at: datetime) -> None: ...
    def done(self, report_id: str) -> None: ...
    def get(self, report_id: str) -> Handoff | None: ...
    def claim(self, report_id: str, nip: str, token: str, now: datetime, until: datetime) -> Handoff | None: ...
    def sent(self, report_id: str, token: str, external_id: str, at: datetime) -> None: ...
    def failed(self, report_id: str, token: str, error: str, retry_at: datetime | None) -> None: ...


class ChatStates(Protocol):
    """The WhatsApp bot's conversation of each citizen with each SKPD (`store/chat_states.py`, table
    `whatsapp_chats`), by
    `domain.ptsp.bot.chat_key`; ``get`` answers ``None`` once ``expires_at`` (epoch seconds) has passed."""

    def get(self, key: str, now: int) -> ChatState | None: ...
    def put(self, key: str, state: ChatState, expires_at: int) -> None: ...


class PtspCatalogue(Protocol):
    """The PTSP service catalogue of each SKPD (`store/ptsp.py`). ``types_of`` answers every type, inactive ones
    too, ordered by ``order`` then name; ``save`` writes only over ``expected_version`` (0: only a new type),
    else 409 ``CONFLICT``, and answers the type with its new version."""

    def types_of(self, skpd_id: str) -> list[InformationType]: ...
    def get(self, skpd_id: str, type_id: str) -> InformationType | None: ...
    def save(self, t: InformationType, expected_version: int) -> InformationType: ...


class PtspDesk(Protocol):
    """Visitors recorded at each SKPD's PTSP desk (`store/ptsp.py`). ``add`` only creates (a request id taken is
    409 ``CONFLICT``); ``between`` pages the days ``start``..``end`` (inclusive, the desk's local days) newest
    first, only one information type when ``type_id`` is given."""

    def add(self, request: DeskRequest) -> DeskRequest: ...
    def between(
        self, skpd_id: str, start: date, end: date, type_id: str | None, cursor: str | None, limit: int
    ) -> tuple[list[DeskRequest], str | None]: ...


class KritisRepository(Protocol):
    """Kritis items (issue 22, `store/kritis.py`) by tracking number. ``add`` only creates (None: the number was
    taken), ``save`` replaces only the version read (else 409 ``CONFLICT``); ``in_state`` pages one SKPD's items in
    one state, oldest filing first (``newest_first``: the other way); ``awaiting_decision`` pages (tracking, SKPD,
    last reminded day) of items waiting in ``state`` (DITERUSKAN: for leadership's decision, since forwarded; BARU:
    never forwarded, since filed) since before a moment; ``mark_reminded`` sets the day once."""

    def get(self, tracking: str) -> Kritis | None: ...
    def add(self, item: Kritis) -> Kritis | None: ...
    def save(self, item: Kritis) -> Kritis: ...
    def in_state(
        self, skpd_id: str, state: KritisState, cursor: str | None, limit: int, *, newest_first: bool = False
    ) -> tuple[list[Kritis], str | None]: ...
    def count_in_state(self, skpd_id: str, state: KritisState) -> int: ...
    def awaiting_decision(
        self, forwarded_before: datetime, cursor: str | None, limit: int, *, state: KritisState = ...
    ) -> tuple[list[tuple[str, str, date | None]], str | None]: ...
    def mark_reminded(self, tracking: str, day: date) -> bool: ...
