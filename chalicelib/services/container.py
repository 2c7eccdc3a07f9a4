"""The composition root: builds services on first use, importing storage and clients lazily.

Handlers call these functions; nothing heavy is imported when `app.py` is.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from ..config import app_keyring, settings

if TYPE_CHECKING:
    from ..integrations.email import EmailSender
    from ..integrations.queue import NotificationQueue
    from ..integrations.storage import ObjectStore
    from ..integrations.whatsapp import WhatsAppSender
    from ..store.outbox import DynamoOutbox
    from .accounts import AccountService
    from .archive import ArchiveService
    from .attendance import AttendanceService, AttendanceSync
    from .complaints import ComplaintNotifications, ComplaintService
    from .credentials import CredentialDelivery
    from .email_actions import ActionLinks, EmailActionService
    from .evidence import EvidenceService
    from .exports import ExportService
    from .holidays import HolidayService
    from .leave import LeaveService
    from .leave_notifications import LeaveEmailActions, LeaveLinks, LeaveNotifications
    from .notifications import DigestSender, ReportNotifications
    from .organisation import OrganisationService
    from .outbox import OutboxService
    from .records import RecordNotifications, RecordService
    from .reminders import ReminderService
    from .reports import ReportService
    from .roster import RosterImportService
    from .supervisor_moves import SupervisorMoves
    from .templates import TemplateService
    from .uploads import UploadService
    from .verification import VerificationService


def utc_now() -> datetime:
    return datetime.now(UTC)


@lru_cache(maxsize=1)
def _bound() -> None:
    from ..store.models import bind_models

    bind_models(settings())


@lru_cache(maxsize=1)
def accounts() -> AccountService:
    from ..store.audit import DynamoAuditLog
    from ..store.employees import DynamoEmployeeRepository
    from ..store.organisation import DynamoOrgRepository
    from ..store.sign_in_guards import DynamoSignInGuards
    from .accounts import AccountService

    _bound()
    cfg = settings()
    return AccountService(
        DynamoEmployeeRepository(),
        DynamoOrgRepository(),
        DynamoSignInGuards(),
        DynamoAuditLog(),
        keys=app_keyring(),
        token_ttl=timedelta(seconds=cfg.token_ttl_seconds),
        clock=utc_now,
    )


@lru_cache(maxsize=1)
def organisation() -> OrganisationService:
    from ..store.organisation import DynamoOrgRepository
    from .organisation import OrganisationService

    _bound()
    return OrganisationService(DynamoOrgRepository())


@lru_cache(maxsize=1)
def roster() -> RosterImportService:
    from ..store.employees import DynamoEmployeeRepository
    from .roster import RosterImportService

    return RosterImportService(accounts(), DynamoEmployeeRepository(), object_store())


@lru_cache(maxsize=1)
def whatsapp() -> WhatsAppSender:
    """The configured provider: ``fonnte``, ``cloud`` (WhatsApp Cloud API) or ``outbox`` (default)."""
    from ..integrations import whatsapp as wa

    cfg = settings()
    if cfg.whatsapp_provider == "fonnte":
        _require(FONNTE_TOKEN=cfg.fonnte_token)
        return wa.FonnteSender(cfg.fonnte_token, cfg.fonnte_url)
    if cfg.whatsapp_provider == "cloud":
        _require(WA_CLOUD_TOKEN=cfg.wa_cloud_token, WA_CLOUD_PHONE_NUMBER_ID=cfg.wa_cloud_phone_number_id)
        return wa.CloudApiSender(cfg.wa_cloud_token, cfg.wa_cloud_phone_number_id, cfg.wa_cloud_url)
    if cfg.whatsapp_provider != "outbox":
        raise RuntimeError(f"unknown WHATSAPP_PROVIDER {cfg.whatsapp_provider!r}")
    return wa.OutboxSender(outbox())


def _require(**values: str) -> None:
    """A real provider refuses to start without its credentials (rather than fail message by message)."""
    missing = [name for name, value in values.items() if not value]
    if missing:
        raise RuntimeError(f"WHATSAPP_PROVIDER needs {', '.join(missing)}")


@lru_cache(maxsize=1)
def email() -> EmailSender:
    from ..integrations.aws import client
    from ..integrations.email import SesEmailSender

    return SesEmailSender(client("ses"), settings().ses_sender)


@lru_cache(maxsize=1)
def credential_delivery() -> CredentialDelivery:
    from ..store.employees import DynamoEmployeeRepository
    from .credentials import CredentialDelivery

    _bound()
    cfg = settings()
    return CredentialDelivery(DynamoEmployeeRepository(), whatsapp(), email(), keys=app_keyring(), app_url=cfg.app_url)


@lru_cache(maxsize=1)
def object_store() -> ObjectStore:
    from ..integrations.aws import client
    from ..integrations.storage import ObjectStore

    return ObjectStore(client("s3"), settings().bucket)


@lru_cache(maxsize=1)
def reports() -> ReportService:
    from ..store.attendance import DynamoAttendanceRepository
    from ..store.reports import DynamoReportRepository
    from ..store.templates import DynamoTemplateRepository
    from .reports import ReportService

    _bound()
    cfg, store = settings(), object_store()
    return ReportService(
        DynamoReportRepository(),
        DynamoAttendanceRepository(),
        DynamoTemplateRepository(),
        clock=utc_now,
        backdate_days=cfg.report_backdate_days,
        evidence_url=lambda key, name: store.presigned_get(key, cfg.download_url_ttl_seconds, name),
    )


@lru_cache(maxsize=1)
def evidence() -> EvidenceService:
    from ..store.reports import DynamoReportRepository
    from .evidence import EvidenceService

    return EvidenceService(reports(), DynamoReportRepository(), object_store(), keys=app_keyring(), clock=utc_now)


@lru_cache(maxsize=1)
def uploads() -> UploadService:
    from .uploads import UploadService

    return UploadService(object_store(), keys=app_keyring(), clock=utc_now)


@lru_cache(maxsize=1)
def templates() -> TemplateService:
    from ..store.templates import DynamoTemplateRepository
    from .templates import TemplateService

    _bound()
    return TemplateService(DynamoTemplateRepository())


@lru_cache(maxsize=1)
def records() -> RecordService:
    from ..store.employees import DynamoEmployeeRepository
    from ..store.records import DynamoRecordRepository
    from ..store.sequences import DynamoSequences
    from .records import RecordService

    _bound()
    return RecordService(
        DynamoRecordRepository(),
        DynamoEmployeeRepository(),
        DynamoSequences(),
        uploads(),
        clock=utc_now,
        link_ttl=settings().download_url_ttl_seconds,
    )


@lru_cache(maxsize=1)
def record_notifications() -> RecordNotifications:
    from ..store.employees import DynamoEmployeeRepository
    from .records import RecordNotifications

    _bound()
    return RecordNotifications(DynamoEmployeeRepository(), whatsapp())


@lru_cache(maxsize=1)
def attendance() -> AttendanceService:
    from ..store.attendance import DynamoAttendanceRepository
    from ..store.leave import DynamoLeaveRepository
    from ..store.organisation import DynamoOrgRepository
    from ..store.reminders import DynamoHolidayOverrides
    from .attendance import AttendanceService

    _bound()
    return AttendanceService(
        DynamoAttendanceRepository(),
        DynamoOrgRepository(),
        DynamoHolidayOverrides(),
        clock=utc_now,
        leave=DynamoLeaveRepository(),
    )


def attendance_sync(log: Callable[..., None]) -> AttendanceSync | None:
    """The sync job, or ``None`` when no attendance source is configured."""
    from ..integrations.attendance_source import HttpAttendanceSource
    from ..store.attendance import DynamoAttendanceRepository
    from ..store.employees import DynamoEmployeeRepository
    from ..store.job_state import DynamoJobState
    from .attendance import AttendanceSync

    cfg = settings()
    if not cfg.attendance_source_url:
        return None
    _bound()
    source = HttpAttendanceSource(cfg.attendance_source_url, cfg.attendance_source_key)
    return AttendanceSync(source, DynamoAttendanceRepository(), DynamoEmployeeRepository(), DynamoJobState(), log)


@lru_cache(maxsize=1)
def outbox() -> DynamoOutbox:
    from ..store.outbox import DynamoOutbox

    _bound()
    return DynamoOutbox()


@lru_cache(maxsize=1)
def outbox_messages() -> OutboxService:
    from .outbox import OutboxService

    return OutboxService(outbox(), clock=utc_now)


@lru_cache(maxsize=1)
def verification() -> VerificationService:
    from ..store.delegations import DynamoDelegationRepository
    from ..store.employees import DynamoEmployeeRepository
    from ..store.reports import DynamoReportRepository
    from .verification import VerificationService

    return VerificationService(
        reports(), DynamoReportRepository(), DynamoEmployeeRepository(), DynamoDelegationRepository(), clock=utc_now
    )


@lru_cache(maxsize=1)
def action_links() -> ActionLinks:
    from .email_actions import ActionLinks

    cfg = settings()
    return ActionLinks(app_keyring(), cfg.api_url, cfg.email_link_ttl_seconds, clock=utc_now)


@lru_cache(maxsize=1)
def email_actions() -> EmailActionService:
    from ..store.employees import DynamoEmployeeRepository
    from ..store.used_links import DynamoUsedLinks
    from .email_actions import EmailActionService

    _bound()
    return EmailActionService(
        action_links(),
        reports().report,
        DynamoEmployeeRepository().get,
        verification().decide_as,
        DynamoUsedLinks(),
        utc_now,
    )


@lru_cache(maxsize=1)
def report_notifications() -> ReportNotifications:
    from ..store.digests import DynamoDigests
    from ..store.employees import DynamoEmployeeRepository
    from .notifications import ReportNotifications

    _bound()
    cfg = settings()
    return ReportNotifications(
        DynamoEmployeeRepository(),
        DynamoDigests(),
        whatsapp(),
        clock=utc_now,
        digest_delay=timedelta(seconds=cfg.digest_delay_seconds),
        digest_interval=timedelta(seconds=cfg.digest_interval_seconds),
    )


@lru_cache(maxsize=1)
def digest_sender() -> DigestSender:
    from ..store.digests import DynamoDigests
    from ..store.employees import DynamoEmployeeRepository
    from ..store.reports import DynamoReportRepository
    from .notifications import DigestSender

    _bound()
    cfg = settings()
    return DigestSender(
        DynamoReportRepository(),
        DynamoEmployeeRepository(),
        DynamoDigests(),
        whatsapp(),
        email(),
        action_links(),
        clock=utc_now,
        interval=timedelta(seconds=cfg.digest_interval_seconds),
        app_url=cfg.app_url,
    )


@lru_cache(maxsize=1)
def notification_queue() -> NotificationQueue:
    from ..integrations.aws import client
    from ..integrations.queue import NotificationQueue

    return NotificationQueue(client("sqs"), settings().notifications_queue_url)


@lru_cache(maxsize=1)
def reminders() -> ReminderService:
    from ..store.attendance import DynamoAttendanceRepository
    from ..store.employees import DynamoEmployeeRepository
    from ..store.job_state import DynamoJobState
    from ..store.leave import DynamoLeaveRepository
    from ..store.reminders import DynamoHolidayOverrides, DynamoReminders
    from .reminders import ReminderService

    _bound()
    return ReminderService(
        DynamoReminders(),
        DynamoHolidayOverrides(),
        DynamoAttendanceRepository(),
        DynamoEmployeeRepository(),
        DynamoJobState(),
        whatsapp(),
        clock=utc_now,
        app_url=settings().app_url,
        leave=DynamoLeaveRepository(),
    )


@lru_cache(maxsize=1)
def holidays() -> HolidayService:
    from ..store.reminders import DynamoHolidayOverrides
    from .holidays import HolidayService

    _bound()
    return HolidayService(DynamoHolidayOverrides())


@lru_cache(maxsize=1)
def exports() -> ExportService:
    from ..integrations.aws import client
    from ..integrations.queue import NotificationQueue
    from ..store.employees import DynamoEmployeeRepository
    from ..store.exports import DynamoExportJobs, ExportReads
    from ..store.leave import DynamoLeaveRepository
    from ..store.organisation import DynamoOrgRepository
    from ..store.reminders import DynamoHolidayOverrides
    from .exports import ExportService

    _bound()
    cfg = settings()
    return ExportService(
        ExportReads(),
        DynamoEmployeeRepository(),
        DynamoOrgRepository(),
        DynamoHolidayOverrides(),
        DynamoExportJobs(),
        object_store(),
        NotificationQueue(client("sqs"), cfg.exports_queue_url),
        clock=utc_now,
        url_ttl=cfg.download_url_ttl_seconds,
        leave=DynamoLeaveRepository(),
    )


@lru_cache(maxsize=1)
def complaints() -> ComplaintService:
    from ..store.complaints import DynamoComplaintRepository
    from ..store.employees import DynamoEmployeeRepository
    from ..store.sequences import DynamoSequences
    from .complaints import ComplaintService

    _bound()
    cfg = settings()
    return ComplaintService(
        DynamoComplaintRepository(),
        DynamoSequences(),
        DynamoEmployeeRepository(),
        uploads(),
        clock=utc_now,
        window_days=cfg.complaint_window_days,
        link_ttl=cfg.download_url_ttl_seconds,
    )


@lru_cache(maxsize=1)
def complaint_notifications() -> ComplaintNotifications:
    from ..store.complaints import DynamoComplaintRepository
    from ..store.digests import DynamoDigests
    from ..store.employees import DynamoEmployeeRepository
    from ..store.organisation import DynamoOrgRepository
    from .complaints import ComplaintNotifications

    _bound()
    cfg = settings()
    return ComplaintNotifications(
        DynamoEmployeeRepository(),
        DynamoComplaintRepository(),
        DynamoOrgRepository(),
        DynamoDigests(),
        whatsapp(),
        clock=utc_now,
        digest_delay=timedelta(seconds=cfg.digest_delay_seconds),
        digest_interval=timedelta(seconds=cfg.digest_interval_seconds),
        app_url=cfg.app_url,
    )


@lru_cache(maxsize=1)
def archive() -> ArchiveService:
    from ..integrations.aws import client
    from ..integrations.queue import NotificationQueue
    from ..store.archive import DynamoArchiveCatalog, DynamoArchiveRepository
    from ..store.employees import DynamoEmployeeRepository
    from ..store.exports import DynamoExportJobs
    from ..store.organisation import DynamoOrgRepository
    from .archive import ArchiveService

    _bound()
    cfg = settings()
    return ArchiveService(
        DynamoArchiveCatalog(),
        DynamoArchiveRepository(),
        DynamoEmployeeRepository(),
        DynamoOrgRepository(),
        uploads(),
        DynamoExportJobs(),
        NotificationQueue(client("sqs"), cfg.exports_queue_url),
        object_store(),
        clock=utc_now,
        url_ttl=cfg.download_url_ttl_seconds,
    )


@lru_cache(maxsize=1)
def leave() -> LeaveService:
    from ..store.attendance import DynamoAttendanceRepository
    from ..store.delegations import DynamoDelegationRepository
    from ..store.employees import DynamoEmployeeRepository
    from ..store.leave import DynamoLeaveRepository, DynamoLeaveSettings
    from ..store.organisation import DynamoOrgRepository
    from ..store.reminders import DynamoHolidayOverrides
    from .leave import LeaveService

    _bound()
    cfg = settings()
    return LeaveService(
        DynamoLeaveRepository(),
        DynamoLeaveSettings(),
        DynamoEmployeeRepository(),
        DynamoAttendanceRepository(),
        DynamoDelegationRepository(),
        DynamoHolidayOverrides(),
        DynamoOrgRepository(),
        uploads(),
        object_store(),
        clock=utc_now,
        records_since=cfg.leave_records_since,
        report_backdate_days=cfg.report_backdate_days,
        url_ttl=cfg.download_url_ttl_seconds,
    )


@lru_cache(maxsize=1)
def leave_links() -> LeaveLinks:
    from .leave_notifications import LeaveLinks

    cfg = settings()
    return LeaveLinks(app_keyring(), cfg.api_url, cfg.email_link_ttl_seconds, clock=utc_now)


@lru_cache(maxsize=1)
def leave_email_actions() -> LeaveEmailActions:
    from ..store.employees import DynamoEmployeeRepository
    from ..store.leave import DynamoLeaveRepository
    from ..store.used_links import DynamoUsedLinks
    from .leave_notifications import LeaveEmailActions

    _bound()
    return LeaveEmailActions(
        leave_links(),
        DynamoLeaveRepository().get,
        DynamoEmployeeRepository().get,
        leave().act_as,
        DynamoUsedLinks(),
        utc_now,
    )


@lru_cache(maxsize=1)
def leave_notifications() -> LeaveNotifications:
    from ..store.employees import DynamoEmployeeRepository
    from .leave_notifications import LeaveNotifications

    _bound()
    return LeaveNotifications(
        DynamoEmployeeRepository(), whatsapp(), email(), leave_links(), app_url=settings().app_url
    )


@lru_cache(maxsize=1)
def supervisor_moves() -> SupervisorMoves:
    from ..store.reports import DynamoReportRepository
    from .supervisor_moves import SupervisorMoves

    _bound()
    return SupervisorMoves(DynamoReportRepository(), leave().move_pending, clock=utc_now)


_FACTORIES = (
    _bound,
    accounts,
    organisation,
    roster,
    whatsapp,
    email,
    credential_delivery,
    outbox,
    outbox_messages,
    object_store,
    reports,
    evidence,
    uploads,
    templates,
    records,
    record_notifications,
    attendance,
    verification,
    action_links,
    email_actions,
    report_notifications,
    digest_sender,
    notification_queue,
    reminders,
    holidays,
    exports,
    complaints,
    complaint_notifications,
    archive,
    leave,
    leave_links,
    leave_email_actions,
    leave_notifications,
    supervisor_moves,
)


def reset() -> None:
    """Forget every built service (tests that change settings)."""
    for factory in _FACTORIES:
        factory.cache_clear()
