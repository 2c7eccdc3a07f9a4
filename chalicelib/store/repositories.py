"""The set of repositories the composition root wires the services to: DynamoDB's or the in-memory twins.

`store/dynamo.py` builds the DynamoDB ones on first use (bound to the settings' tables);
`store/memory/repositories.py` holds the twins, sharing what the tables share in DynamoDB.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..integrations.idempotency import OnceFactory
    from .protocols import (
        ArchiveCatalog,
        ArchiveRepository,
        AssessmentRepository,
        AttendanceRepository,
        AuditLog,
        ChatStates,
        CheckInFlagRepository,
        CheckInRulesRepository,
        CitizenRequestRepository,
        ClosedMonthRepository,
        ComplaintRepository,
        DelegationRepository,
        DeviceRepository,
        DigestRepository,
        EkinerjaHandoffs,
        EmployeeRepository,
        ExportJobs,
        ExportSource,
        HolidayOverrides,
        JobState,
        KritisRepository,
        LeaveRepository,
        LeaveSettingsRepository,
        OneTimeCodes,
        OrgRepository,
        Outbox,
        PermissionRepository,
        PtspCatalogue,
        PtspDesk,
        RateLimiter,
        RecordRepository,
        ReminderRepository,
        ReportRepository,
        Sequences,
        SignInGuards,
        SkpRepository,
        TemplateRepository,
        UsedLinks,
        WorkHoursRepository,
    )


class Repositories(Protocol):
    """One of each repository, and the idempotency of side effects (kept in a table too)."""

    @property
    def employees(self) -> EmployeeRepository: ...
    @property
    def org(self) -> OrgRepository: ...
    @property
    def sign_in_guards(self) -> SignInGuards: ...
    @property
    def one_time_codes(self) -> OneTimeCodes: ...
    @property
    def rate_limits(self) -> RateLimiter: ...
    @property
    def audit(self) -> AuditLog: ...
    @property
    def reports(self) -> ReportRepository: ...
    @property
    def attendance(self) -> AttendanceRepository: ...
    @property
    def templates(self) -> TemplateRepository: ...
    @property
    def delegations(self) -> DelegationRepository: ...
    @property
    def reminders(self) -> ReminderRepository: ...
    @property
    def holidays(self) -> HolidayOverrides: ...
    @property
    def job_state(self) -> JobState: ...
    @property
    def digests(self) -> DigestRepository: ...
    @property
    def outbox(self) -> Outbox: ...
    @property
    def used_links(self) -> UsedLinks: ...
    @property
    def export_jobs(self) -> ExportJobs: ...
    @property
    def export_reads(self) -> ExportSource: ...
    @property
    def records(self) -> RecordRepository: ...
    @property
    def sequences(self) -> Sequences: ...
    @property
    def complaints(self) -> ComplaintRepository: ...
    @property
    def archive_catalog(self) -> ArchiveCatalog: ...
    @property
    def archive(self) -> ArchiveRepository: ...
    @property
    def leave(self) -> LeaveRepository: ...
    @property
    def leave_settings(self) -> LeaveSettingsRepository: ...
    @property
    def work_hours(self) -> WorkHoursRepository: ...
    @property
    def checkin_rules(self) -> CheckInRulesRepository: ...
    @property
    def devices(self) -> DeviceRepository: ...
    @property
    def citizen_requests(self) -> CitizenRequestRepository: ...
    @property
    def ptsp_catalogue(self) -> PtspCatalogue: ...
    @property
    def chat_states(self) -> ChatStates: ...
    @property
    def ptsp_desk(self) -> PtspDesk: ...
    @property
    def kritis(self) -> KritisRepository: ...
    @property
    def skp(self) -> SkpRepository: ...
    @property
    def ekinerja_handoffs(self) -> EkinerjaHandoffs: ...
    @property
    def assessments(self) -> AssessmentRepository: ...
    @property
    def permissions(self) -> PermissionRepository: ...
    @property
    def checkin_flags(self) -> CheckInFlagRepository: ...
    @property
    def closed_months(self) -> ClosedMonthRepository: ...
    @property
    def once(self) -> OnceFactory: ...
