"""The DynamoDB repositories, each built on first use: a Lambda imports PynamoDB and only the store modules it uses.

Building the first one binds every model to the settings' tables and endpoint (`models.bind_models`) and
the paging cursors to the keyring (`paging.bind_cursor_keys`). PynamoDB keeps its tables per class, so
that binding is one per process, however many of these are made.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..config import Settings
    from ..integrations.idempotency import OnceFactory
    from ..security.keys import Keyring

#: each repository of `store.repositories.Repositories`: its module under `store/` and its class
IMPLEMENTATIONS: dict[str, tuple[str, str]] = {
    "employees": ("employees", "DynamoEmployeeRepository"),
    "org": ("organisation", "DynamoOrgRepository"),
    "sign_in_guards": ("sign_in_guards", "DynamoSignInGuards"),
    "one_time_codes": ("one_time_codes", "DynamoOneTimeCodes"),
    "rate_limits": ("rate_limits", "DynamoRateLimiter"),
    "audit": ("audit", "DynamoAuditLog"),
    "reports": ("reports", "DynamoReportRepository"),
    "attendance": ("attendance", "DynamoAttendanceRepository"),
    "templates": ("templates", "DynamoTemplateRepository"),
    "delegations": ("delegations", "DynamoDelegationRepository"),
    "reminders": ("reminders", "DynamoReminders"),
    "holidays": ("reminders", "DynamoHolidayOverrides"),
    "job_state": ("job_state", "DynamoJobState"),
    "digests": ("digests", "DynamoDigests"),
    "outbox": ("outbox", "DynamoOutbox"),
    "used_links": ("used_links", "DynamoUsedLinks"),
    "export_jobs": ("exports", "DynamoExportJobs"),
    "export_reads": ("exports", "ExportReads"),
    "records": ("records", "DynamoRecordRepository"),
    "sequences": ("sequences", "DynamoSequences"),
    "complaints": ("complaints", "DynamoComplaintRepository"),
    "archive_catalog": ("archive", "DynamoArchiveCatalog"),
    "archive": ("archive", "DynamoArchiveRepository"),
    "leave": ("leave", "DynamoLeaveRepository"),
    "leave_settings": ("leave", "DynamoLeaveSettings"),
    "work_hours": ("working_hours", "DynamoWorkHours"),
    "checkin_rules": ("checkin_rules", "DynamoCheckInRules"),
    "devices": ("devices", "DynamoDeviceRepository"),
    "citizen_requests": ("citizen_requests", "DynamoCitizenRequests"),
    "ptsp_catalogue": ("ptsp", "DynamoPtspCatalogue"),
    "chat_states": ("chat_states", "DynamoChatStates"),
    "ptsp_desk": ("ptsp", "DynamoPtspDesk"),
    "kritis": ("kritis", "DynamoKritisRepository"),
    "skp": ("skp", "DynamoSkpRepository"),
    "ekinerja_handoffs": ("ekinerja", "DynamoEkinerjaHandoffs"),
    "assessments": ("assessments", "DynamoAssessmentRepository"),
    "permissions": ("permissions", "DynamoPermissionRepository"),
    "checkin_flags": ("checkin_flags", "DynamoCheckInFlags"),
    "closed_months": ("closed_months", "DynamoClosedMonths"),
}


class DynamoRepositories:
    """`store.repositories.Repositories` on DynamoDB (DynamoDB Local in the local stack and the tests)."""

    def __init__(self, settings: Settings, keys: Keyring) -> None:
        self.settings, self._keys = settings, keys

    def __getattr__(self, name: str) -> Any:
        """The repository ``name``, imported and built on first use, then kept as an attribute."""
        if name not in IMPLEMENTATIONS:
            raise AttributeError(f"{type(self).__name__} has no repository {name!r}")
        module, cls = IMPLEMENTATIONS[name]
        self.bind()
        repository = getattr(import_module(f"{__package__}.{module}"), cls)()
        setattr(self, name, repository)
        return repository

    def bind(self) -> None:
        """Point the models at this one's tables and the cursors at its keyring (cheap when already so)."""
        from .models import bind_models
        from .paging import bind_cursor_keys

        bind_models(self.settings)
        bind_cursor_keys(self._keys)

    @property
    def once(self) -> OnceFactory:
        """Powertools idempotency over the ``idempotency`` table."""
        from ..integrations.idempotency import once

        return once
