"""Every in-memory twin, sharing what the DynamoDB tables share: the `Repositories` of unit tests.

Reports, leave and complaints write to the attendance days as their DynamoDB twins do (one lock over
them stands for the transactions), reports refuse the days leave holds, delegations write the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .archive import InMemoryArchiveCatalog, InMemoryArchiveRepository
from .assessments import InMemoryAssessmentRepository
from .attendance import InMemoryAttendanceRepository
from .audit import InMemoryAuditLog
from .chat_states import InMemoryChatStates
from .checkin_flags import InMemoryCheckInFlags
from .checkin_rules import InMemoryCheckInRules
from .citizen_requests import InMemoryCitizenRequests
from .closed_months import InMemoryClosedMonths
from .complaints import InMemoryComplaintRepository
from .delegations import InMemoryDelegationRepository
from .devices import InMemoryDeviceRepository
from .digests import InMemoryDigests
from .ekinerja import InMemoryEkinerjaHandoffs
from .employees import InMemoryEmployeeRepository
from .exports import InMemoryExportJobs
from .idempotency import InMemoryIdempotency
from .kritis import InMemoryKritisRepository
from .leave import InMemoryLeaveRepository, InMemoryLeaveSettings
from .one_time_codes import InMemoryOneTimeCodes
from .organisation import InMemoryOrgRepository
from .outbox import InMemoryOutbox
from .permissions import InMemoryPermissionRepository
from .ptsp import InMemoryPtspCatalogue, InMemoryPtspDesk
from .rate_limits import InMemoryRateLimiter
from .records import InMemoryRecordRepository
from .reminders import InMemoryHolidayOverrides, InMemoryJobState, InMemoryReminders
from .reports import InMemoryReportRepository
from .sequences import InMemorySequences
from .sign_in_guards import InMemorySignInGuards
from .skp import InMemorySkpRepository
from .templates import InMemoryTemplateRepository
from .used_links import InMemoryUsedLinks
from .working_hours import InMemoryWorkHours

if TYPE_CHECKING:
    from ...integrations.idempotency import OnceFactory
    from ..protocols import ExportSource


@dataclass
class InMemoryRepositories:
    """`store.repositories.Repositories` in memory; a field given replaces its default (a test's own fake)."""

    employees: InMemoryEmployeeRepository = field(default_factory=InMemoryEmployeeRepository)
    org: InMemoryOrgRepository = field(default_factory=InMemoryOrgRepository)
    sign_in_guards: InMemorySignInGuards = field(default_factory=InMemorySignInGuards)
    one_time_codes: InMemoryOneTimeCodes = field(default_factory=InMemoryOneTimeCodes)
    rate_limits: InMemoryRateLimiter = field(default_factory=InMemoryRateLimiter)
    audit: InMemoryAuditLog = field(default_factory=InMemoryAuditLog)
    attendance: InMemoryAttendanceRepository = field(default_factory=InMemoryAttendanceRepository)
    templates: InMemoryTemplateRepository = field(default_factory=InMemoryTemplateRepository)
    reminders: InMemoryReminders = field(default_factory=InMemoryReminders)
    holidays: InMemoryHolidayOverrides = field(default_factory=InMemoryHolidayOverrides)
    job_state: InMemoryJobState = field(default_factory=InMemoryJobState)
    digests: InMemoryDigests = field(default_factory=InMemoryDigests)
    outbox: InMemoryOutbox = field(default_factory=InMemoryOutbox)
    used_links: InMemoryUsedLinks = field(default_factory=InMemoryUsedLinks)
    export_jobs: InMemoryExportJobs = field(default_factory=InMemoryExportJobs)
    records: InMemoryRecordRepository = field(default_factory=InMemoryRecordRepository)
    sequences: InMemorySequences = field(default_factory=InMemorySequences)
    archive_catalog: InMemoryArchiveCatalog = field(default_factory=InMemoryArchiveCatalog)
    archive: InMemoryArchiveRepository = field(default_factory=InMemoryArchiveRepository)
    leave_settings: InMemoryLeaveSettings = field(default_factory=InMemoryLeaveSettings)
    work_hours: InMemoryWorkHours = field(default_factory=InMemoryWorkHours)
    checkin_rules: InMemoryCheckInRules = field(default_factory=InMemoryCheckInRules)
    devices: InMemoryDeviceRepository = field(default_factory=InMemoryDeviceRepository)
    citizen_requests: InMemoryCitizenRequests = field(default_factory=InMemoryCitizenRequests)
    ptsp_catalogue: InMemoryPtspCatalogue = field(default_factory=InMemoryPtspCatalogue)
    chat_states: InMemoryChatStates = field(default_factory=InMemoryChatStates)
    ptsp_desk: InMemoryPtspDesk = field(default_factory=InMemoryPtspDesk)
    kritis: InMemoryKritisRepository = field(default_factory=InMemoryKritisRepository)
    skp: InMemorySkpRepository = field(default_factory=InMemorySkpRepository)
    permissions: InMemoryPermissionRepository = field(default_factory=InMemoryPermissionRepository)
    idempotency: InMemoryIdempotency = field(default_factory=InMemoryIdempotency)

    def __post_init__(self) -> None:
        self.leave = InMemoryLeaveRepository(self.attendance)
        self.assessments = InMemoryAssessmentRepository(self.skp)  # one table in DynamoDB
        self.reports = InMemoryReportRepository(self.attendance, self.leave)
        self.ekinerja_handoffs = InMemoryEkinerjaHandoffs(self.reports)
        self.complaints = InMemoryComplaintRepository(self.attendance)
        self.checkin_flags = InMemoryCheckInFlags(self.attendance)
        self.checkin_rules.org = self.org  # one ``org`` partition in DynamoDB: the satker and its SKPD's rules
        self.delegations = InMemoryDelegationRepository(self.audit)
        self.closed_months = InMemoryClosedMonths(self.audit)
        self.employees.audit = self.audit  # an account's change and its history land together

    @property
    def once(self) -> OnceFactory:
        return self.idempotency.once

    @property
    def export_reads(self) -> ExportSource:
        raise NotImplementedError("the export reads have no in-memory twin yet (tests/integration/test_exports.py)")
