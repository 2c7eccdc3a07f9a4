"""In-memory twins of the DynamoDB repositories: the same contracts (`store/protocols.py`), no I/O.

For unit tests and quick experiments. The contract tests in `tests/integration/` run one test class
against each twin and its DynamoDB implementation, so the two cannot drift apart.
"""

from __future__ import annotations

from .archive import InMemoryArchiveCatalog, InMemoryArchiveRepository
from .attendance import InMemoryAttendanceRepository
from .audit import InMemoryAuditLog
from .citizen_requests import InMemoryCitizenRequests
from .complaints import InMemoryComplaintRepository
from .delegations import InMemoryDelegationRepository
from .digests import InMemoryDigests
from .employees import InMemoryEmployeeRepository
from .exports import InMemoryExportJobs
from .idempotency import InMemoryIdempotency
from .leave import InMemoryLeaveRepository, InMemoryLeaveSettings
from .one_time_codes import InMemoryOneTimeCodes
from .organisation import InMemoryOrgRepository
from .outbox import InMemoryOutbox
from .ptsp import InMemoryPtspCatalogue, InMemoryPtspDesk
from .rate_limits import InMemoryRateLimiter
from .records import InMemoryRecordRepository
from .reminders import InMemoryHolidayOverrides, InMemoryJobState, InMemoryReminders
from .reports import InMemoryReportRepository
from .repositories import InMemoryRepositories
from .sequences import InMemorySequences
from .sign_in_guards import InMemorySignInGuards
from .templates import InMemoryTemplateRepository
from .used_links import InMemoryUsedLinks

__all__ = [
    "InMemoryArchiveCatalog",
    "InMemoryArchiveRepository",
    "InMemoryAttendanceRepository",
    "InMemoryAuditLog",
    "InMemoryCitizenRequests",
    "InMemoryComplaintRepository",
    "InMemoryDelegationRepository",
    "InMemoryDigests",
    "InMemoryEmployeeRepository",
    "InMemoryExportJobs",
    "InMemoryHolidayOverrides",
    "InMemoryIdempotency",
    "InMemoryJobState",
    "InMemoryLeaveRepository",
    "InMemoryLeaveSettings",
    "InMemoryOneTimeCodes",
    "InMemoryOrgRepository",
    "InMemoryOutbox",
    "InMemoryPtspCatalogue",
    "InMemoryPtspDesk",
    "InMemoryRateLimiter",
    "InMemoryRecordRepository",
    "InMemoryReminders",
    "InMemoryReportRepository",
    "InMemoryRepositories",
    "InMemorySequences",
    "InMemorySignInGuards",
    "InMemoryTemplateRepository",
    "InMemoryUsedLinks",
]
