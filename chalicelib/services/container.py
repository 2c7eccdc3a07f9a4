"""The composition root: every service, wired to the repositories, clients, settings and clock it is given.

`build()` takes the parts — DynamoDB's repositories and the AWS clients in a Lambda and the local stack
(`production()`), the in-memory twins in unit tests — and returns `Services`, which imports and builds
each service the first time it is asked for: importing `app.py` imports none of them, and a Lambda
imports only what its handler uses.

The process has one root, `root()`. Handlers reach its services as ``container.reports()`` and the like:
the names of this module are those of `Services` (`__getattr__` below), so there is no second list of
them to keep. A test that needs its own clock or client makes a root of its own with `production()` and
`use()`s it; one that changes the environment calls `reset()`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..config import Settings, settings

if TYPE_CHECKING:
    from ..integrations.clients import Clients
    from ..integrations.email import EmailSender
    from ..integrations.queue import NotificationQueue
    from ..integrations.storage import ObjectStore
    from ..integrations.whatsapp import WhatsAppSender
    from ..security.keys import Keyring
    from ..store.protocols import Outbox
    from ..store.repositories import Repositories
    from .accounts import AccountService
    from .archive import ArchiveService
    from .attendance import AttendanceService, AttendanceSync
    from .authenticator import AuthenticatorService
    from .auto_approval import AutoApprovalSweep
    from .checkin_flags import CheckInFlagService
    from .checkin_guard import CheckInGuard
    from .checkin_rules import CheckInRulesService
    from .citizen_messages import CitizenMessages
    from .citizen_requests import CitizenRequestService
    from .coaching import ReportCoach
    from .complaints import ComplaintNotifications, ComplaintService
    from .credentials import CredentialDelivery
    from .decisions.links import DecisionLinks, DecisionLinkService
    from .decisions.service import DecisionService
    from .devices import DeviceService
    from .discipline_month import SatkerMonthReader
    from .discipline_recap import DisciplineRecap
    from .discipline_rules import DisciplineRulesService
    from .ekinerja import HandOn, ProgressExport
    from .evidence import EvidenceService
    from .exports import ExportService
    from .holidays import HolidayService
    from .kritis import KritisService
    from .kritis_notifications import KritisNotifications
    from .leave import LeaveService
    from .leave_notifications import LeaveNotifications
    from .month_closing import MonthClosingService
    from .notifications import DigestSender, ReportNotifications
    from .one_time_codes import OneTimeCodeService
    from .organisation import OrganisationService
    from .outbox import OutboxService
    from .permission_notifications import PermissionNotifications
    from .permissions import PermissionService
    from .ptsp_desk import PtspDeskService
    from .rate_limits import RateLimits
    from .records import RecordNotifications, RecordService
    from .reminders import ReminderService
    from .reports import ReportService
    from .roster import RosterImportService
    from .skp import PredicateService, QuarterAssessments, RhkLinks, SkpCascade, SkpService
    from .skp_notifications import SkpNotifications
    from .supervisor_moves import SupervisorMoves
    from .templates import TemplateService
    from .uploads import UploadService
    from .verification import VerificationService
    from .whatsapp_inbox import WhatsAppInbox
    from .whatsapp_replies import WhatsAppReplies
    from .working_hours import WorkingHoursService

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def build(repositories: Repositories, clients: Clients, settings: Settings, clock: Clock, keys: Keyring) -> Services:
    """Every service over these parts, each built on first use."""
    return Services(repositories, clients, settings, clock, keys)


class Services:
    """The services of one set of parts; each is built once, the first time it is asked for."""

    def __init__(
        self, repositories: Repositories, clients: Clients, settings: Settings, clock: Clock, keys: Keyring
    ) -> None:
        self.repositories, self.clients, self.settings = repositories, clients, settings
        self.clock, self.keys = clock, keys

    # -- people and organisation -------------------------------------------------------------------

    @cached_property
    def accounts(self) -> AccountService:
        from .accounts import AccountService

        r = self.repositories
        return AccountService(
            r.employees,
            r.org,
            r.sign_in_guards,
            r.audit,
            keys=self.keys,
            token_ttl=timedelta(seconds=self.settings.token_ttl_seconds),
            clock=self.clock,
        )

    @cached_property
    def one_time_codes(self) -> OneTimeCodeService:
        from .one_time_codes import OneTimeCodeService

        r = self.repositories
        return OneTimeCodeService(self.accounts, r.employees, r.one_time_codes, keys=self.keys, clock=self.clock)

    @cached_property
    def rate_limits(self) -> RateLimits:
        from ..security.keys import subject_digest
        from .rate_limits import RateLimits

        return RateLimits(
            self.repositories.rate_limits, clock=self.clock, digest=subject_digest(self.keys, "rate-limit")
        )

    @cached_property
    def citizen_messages(self) -> CitizenMessages:
        from .citizen_messages import CitizenMessages

        # the one public-service sender (issue 22): the API only queues; the senders are built in the notification
        # worker alone, on its first send (building the WhatsApp sender reads its secret on AWS)
        return CitizenMessages(
            lambda: self.clients.whatsapp,
            lambda: self.clients.email,
            queue=lambda: self.notification_queue,
            once=self.repositories.once,
        )

    @cached_property
    def kritis(self) -> KritisService:
        """Kritis, kritik dan saran (issue 22): the public form and status page, the office's list and steps."""
        from ..integrations.images import decodes_as, without_metadata
        from .kritis import KritisLimits, KritisService

        r, cfg, objects = self.repositories, self.settings, self.clients.objects
        limits = KritisLimits(
            cfg.kritis_per_ip_hour,
            cfg.kritis_per_contact_day,
            cfg.kritis_status_per_ip_minute,
            cfg.kritis_pow_bits,
            cfg.kritis_reminder_days,
        )
        ttl = cfg.download_url_ttl_seconds
        return KritisService(
            r.kritis,
            r.org,
            r.employees,
            r.used_links,
            self.rate_limits,
            self.kritis_notifications,
            limits=limits,
            keys=self.keys,
            objects=objects,
            image_check=decodes_as,
            photo_clean=without_metadata,
            photo_link=lambda key: objects.presigned_get(key, ttl, key.rsplit("/", 1)[-1]),
            app_url=cfg.app_url,
            clock=self.clock,
        )

    @cached_property
    def kritis_notifications(self) -> KritisNotifications:
        from .kritis_notifications import KritisNotifications

        r = self.repositories
        return KritisNotifications(r.employees, r.org, self.citizen_messages, app_url=self.settings.app_url)

    @cached_property
    def ptsp_desk(self) -> PtspDeskService:
        """The PTSP information desk (issue 22): the SKPD's service catalogue, desk visitors, their list and Excel."""
        from .ptsp_desk import PtspDeskService

        r = self.repositories
        return PtspDeskService(
            r.org,
            r.employees,
            r.ptsp_catalogue,
            r.ptsp_desk,
            self.citizen_messages,
            objects=self.clients.objects,
            url_ttl=self.settings.download_url_ttl_seconds,
            clock=self.clock,
        )

    @cached_property
    def citizen_requests(self) -> CitizenRequestService:
        """Tracked citizen requests across two offices (issue 22): record, ready, cancel, lists, the status page."""
        from ..integrations.population_registry import registry_for
        from .citizen_requests import CitizenRequestService

        r, cfg = self.repositories, self.settings
        return CitizenRequestService(
            r.citizen_requests,
            r.org,
            r.employees,
            self.citizen_messages,
            registry_for(cfg.population_registry),  # the one integration point (README "Citizen requests")
            self.rate_limits,
            clock=self.clock,
            app_url=cfg.app_url,
            status_per_ip=cfg.request_status_per_ip,
        )

    @cached_property
    def authenticator(self) -> AuthenticatorService:
        from .authenticator import AuthenticatorService

        r = self.repositories
        return AuthenticatorService(self.accounts, r.employees, r.sign_in_guards, keys=self.keys, clock=self.clock)

    @cached_property
    def organisation(self) -> OrganisationService:
        from .organisation import OrganisationService

        return OrganisationService(self.repositories.org)

    @cached_property
    def working_hours(self) -> WorkingHoursService:
        from .working_hours import WorkingHoursService

        return WorkingHoursService(self.repositories.org, self.repositories.work_hours)

    @cached_property
    def discipline_rules(self) -> DisciplineRulesService:
        from .discipline_rules import DisciplineRulesService

        r = self.repositories
        return DisciplineRulesService(r.org, r.work_hours, r.audit, clock=self.clock)

    @cached_property
    def checkin_rules(self) -> CheckInRulesService:
        from .checkin_rules import CheckInRulesService

        r = self.repositories
        return CheckInRulesService(r.org, r.checkin_rules, r.audit, clock=self.clock)

    @cached_property
    def devices(self) -> DeviceService:
        from .devices import DeviceService

        r = self.repositories
        return DeviceService(r.devices, r.employees, self.checkin_rules, clock=self.clock)

    @cached_property
    def discipline_month(self) -> SatkerMonthReader:
        """A satker's month of discipline figures, every employee at once (the recap export, closing a month)."""
        from .discipline_month import SatkerMonthReader

        r = self.repositories
        return SatkerMonthReader(
            r.employees,
            r.org,
            r.attendance,
            r.leave,
            r.permissions,
            r.complaints,
            r.holidays,
            r.work_hours,
            clock=self.clock,
        )

    @cached_property
    def month_closing(self) -> MonthClosingService:
        """HR closes a satker's month and corrects its frozen figures."""
        from .month_closing import MonthClosingService

        r = self.repositories
        return MonthClosingService(r.org, r.employees, r.closed_months, self.discipline_month, clock=self.clock)

    @cached_property
    def roster(self) -> RosterImportService:
        from .roster import RosterImportService

        return RosterImportService(
            self.accounts, self.repositories.employees, self.clients.objects, self.repositories.org
        )

    @cached_property
    def credential_delivery(self) -> CredentialDelivery:
        from .credentials import CredentialDelivery

        r, c = self.repositories, self.clients
        return CredentialDelivery(
            r.employees, c.whatsapp, c.email, keys=self.keys, app_url=self.settings.app_url, once=r.once
        )

    @cached_property
    def supervisor_moves(self) -> SupervisorMoves:
        from .supervisor_moves import SupervisorMoves

        return SupervisorMoves(
            self.repositories.reports, self.leave.move_pending, clock=self.clock, move_skp=self.skp.move_pending
        )

    # -- files -------------------------------------------------------------------------------------

    @cached_property
    def uploads(self) -> UploadService:
        from .uploads import UploadService

        return UploadService(self.clients.objects, self.repositories.used_links, keys=self.keys, clock=self.clock)

    @cached_property
    def evidence(self) -> EvidenceService:
        from .evidence import EvidenceService

        return EvidenceService(
            self.reports,
            self.repositories.reports,
            self.clients.objects,
            self.repositories.used_links,
            keys=self.keys,
            clock=self.clock,
        )

    # -- daily reports, attendance, reminders --------------------------------------------------------

    @cached_property
    def reports(self) -> ReportService:
        from .ekinerja.handoff import ekinerja_state
        from .reports import ReportService

        r, objects, ttl = self.repositories, self.clients.objects, self.settings.download_url_ttl_seconds
        return ReportService(
            r.reports,
            r.attendance,
            r.templates,
            r.employees,
            clock=self.clock,
            backdate_days=self.settings.report_backdate_days,
            evidence_url=lambda key, name: objects.presigned_get(key, ttl, name),
            rhk=self.rhk_links,
            ekinerja=lambda report: ekinerja_state(r.ekinerja_handoffs, report),
        )

    @cached_property
    def report_coach(self) -> ReportCoach:
        from .coaching import ReportCoach

        return ReportCoach(self.repositories.reports, clock=self.clock)

    @cached_property
    def templates(self) -> TemplateService:
        from .templates import TemplateService

        return TemplateService(self.repositories.templates)

    @cached_property
    def verification(self) -> VerificationService:
        from .verification import VerificationService

        r = self.repositories
        return VerificationService(self.reports, r.reports, r.employees, r.delegations, clock=self.clock)

    @cached_property
    def auto_approval(self) -> AutoApprovalSweep:
        """The paged sweep: the schedule enqueues a page per shard on the exports queue, whose worker runs it."""
        from .auto_approval import AutoApprovalSweep

        r = self.repositories
        return AutoApprovalSweep(r.reports, r.job_state, self.clients.exports, clock=self.clock)

    @cached_property
    def attendance(self) -> AttendanceService:
        from .attendance import AttendanceService

        r = self.repositories
        return AttendanceService(
            r.attendance,
            r.org,
            r.holidays,
            clock=self.clock,
            leave=r.leave,
            work_hours=r.work_hours,
            permissions=r.permissions.between,
            rules_for=self.checkin_rules.rules_for,  # the SKPD's check-in rules (issue 20)
            unit_rules=r.checkin_rules.with_satker,  # the satker and those rules in one BatchGetItem
            check_device=self.devices.verify_check_in,  # the device's signature under those rules
            guard=self.checkin_guard,  # accuracy, impossible travel, selfie; the flag to HR
        )

    @cached_property
    def checkin_guard(self) -> CheckInGuard:
        """The check-in's accuracy, impossible travel and selfie checks, and its flag to HR (issue 20)."""
        from ..integrations.images import decodes_as
        from .checkin_guard import CheckInGuard

        r = self.repositories
        return CheckInGuard(r.checkin_flags, self.clients.objects, decodes_as)

    @cached_property
    def checkin_flags(self) -> CheckInFlagService:
        from .checkin_flags import CheckInFlagService

        objects, ttl = self.clients.objects, self.settings.download_url_ttl_seconds
        return CheckInFlagService(
            self.repositories.checkin_flags, lambda key: objects.presigned_get(key, ttl, key.rsplit("/", 1)[-1])
        )

    def attendance_sync(self, log: Callable[..., None]) -> AttendanceSync | None:
        """The sync job, logging to ``log``; ``None`` when no attendance source is configured."""
        source = self.clients.attendance_source
        if source is None:
            return None
        from .attendance import AttendanceSync

        r = self.repositories
        return AttendanceSync(source, r.attendance, r.employees, r.job_state, log)

    @cached_property
    def holidays(self) -> HolidayService:
        from .holidays import HolidayService

        return HolidayService(self.repositories.holidays)

    @cached_property
    def reminders(self) -> ReminderService:
        from .reminders import ReminderService

        r = self.repositories
        return ReminderService(
            r.reminders,
            r.holidays,
            r.attendance,
            r.employees,
            r.job_state,
            self.clients.whatsapp,
            clock=self.clock,
            app_url=self.settings.app_url,
            once=r.once,
            leave=r.leave,
        )

    @cached_property
    def report_notifications(self) -> ReportNotifications:
        from .notifications import ReportNotifications

        r, cfg = self.repositories, self.settings
        return ReportNotifications(
            r.employees,
            r.digests,
            self.clients.whatsapp,
            clock=self.clock,
            digest_delay=timedelta(seconds=cfg.digest_delay_seconds),
            digest_interval=timedelta(seconds=cfg.digest_interval_seconds),
            once=r.once,
        )

    @cached_property
    def digest_sender(self) -> DigestSender:
        from .notifications import DigestSender

        r, c, cfg = self.repositories, self.clients, self.settings
        return DigestSender(
            r.reports,
            r.employees,
            r.digests,
            c.whatsapp,
            c.email,
            self.links,
            clock=self.clock,
            interval=timedelta(seconds=cfg.digest_interval_seconds),
            app_url=cfg.app_url,
            once=r.once,
            state=r.job_state,
        )

    @cached_property
    def outbox_messages(self) -> OutboxService:
        from .outbox import OutboxService

        return OutboxService(self.repositories.outbox, clock=self.clock)

    @cached_property
    def exports(self) -> ExportService:
        from .exports import ExportService

        r, c = self.repositories, self.clients
        return ExportService(
            r.export_reads,
            r.employees,
            r.org,
            r.holidays,
            r.export_jobs,
            c.objects,
            c.exports,
            clock=self.clock,
            url_ttl=self.settings.download_url_ttl_seconds,
            leave=r.leave,
            discipline=self.discipline_recap,
        )

    @cached_property
    def discipline_recap(self) -> DisciplineRecap:
        """The monthly discipline recap export: its scope checks and the worker's file (issue 20)."""
        from .discipline_recap import DisciplineRecap

        r = self.repositories
        return DisciplineRecap(self.discipline_month, r.closed_months, r.org, r.employees)

    # -- e-Kinerja: the month's export and the handoff of approved reports (docs/ekinerja.md) ---------

    @cached_property
    def ekinerja_export(self) -> ProgressExport:
        from .ekinerja import ProgressExport

        cfg = self.settings
        return ProgressExport(
            self.repositories.reports,
            self.repositories.employees,
            self.rhk_links,
            self.clients.objects,
            app_url=cfg.app_url,
            url_ttl=cfg.download_url_ttl_seconds,
        )

    @cached_property
    def ekinerja_handoff(self) -> HandOn:
        from .ekinerja import HandOn, client_for

        r = self.repositories
        client = client_for(self.settings.ekinerja_client, r.outbox)
        return HandOn(
            r.ekinerja_handoffs,
            r.reports,
            self.ekinerja_export,
            client,
            r.job_state,
            self.clients.exports,
            clock=self.clock,
        )

    # -- SKP (targets of the year) and the report's link to them -------------------------------------

    @cached_property
    def skp(self) -> SkpService:
        from .skp import SkpService

        r = self.repositories
        return SkpService(r.skp, r.employees, r.delegations, clock=self.clock)

    @cached_property
    def skp_cascade(self) -> SkpCascade:
        from .skp import SkpCascade

        return SkpCascade(self.repositories.skp, self.repositories.employees)

    @cached_property
    def assessments(self) -> QuarterAssessments:
        from .skp import QuarterAssessments

        r, cfg = self.repositories, self.settings
        return QuarterAssessments(
            self.skp,
            r.assessments,
            r.reports,
            r.attendance,
            r.leave,
            r.delegations,
            r.org,
            self.clients.objects,
            clock=self.clock,
            url_ttl=cfg.download_url_ttl_seconds,
        )

    @cached_property
    def predicates(self) -> PredicateService:
        from .skp import PredicateService

        r, c = self.repositories, self.clients
        return PredicateService(
            r.assessments, r.employees, r.org, r.export_jobs, c.objects, c.exports, clock=self.clock
        )

    @cached_property
    def rhk_links(self) -> RhkLinks:
        from .skp import RhkLinks

        return RhkLinks(self.repositories.skp, self.repositories.org)

    # -- the one decision mechanism (every verifiable kind) ------------------------------------------

    @cached_property
    def decisions(self) -> DecisionService:
        from .decisions.kinds.assessment import AssessmentAckKind
        from .decisions.kinds.checkin_flags import CheckInFlagDecisions
        from .decisions.kinds.citizen_requests import CitizenRequestKind
        from .decisions.kinds.complaints import ComplaintKind
        from .decisions.kinds.devices import DeviceKind
        from .decisions.kinds.documents import DocumentKind
        from .decisions.kinds.kritis import kritis_kinds
        from .decisions.kinds.leave import leave_kinds
        from .decisions.kinds.permission import PermissionDecisions
        from .decisions.kinds.records import RecordKindAdapter
        from .decisions.kinds.reports import ReportKind
        from .decisions.kinds.skp import SkpKind
        from .decisions.service import DecisionService
        from .decisions.tasks import EmployeesWithoutSupervisor

        r = self.repositories
        kinds = [
            ReportKind(self.reports, r.reports),
            *leave_kinds(self.leave, r.leave),
            PermissionDecisions(self.permissions, r.permissions),
            CheckInFlagDecisions(self.checkin_flags, r.checkin_flags),
            ComplaintKind(self.complaints, r.complaints),
            DeviceKind(self.devices, r.devices),
            RecordKindAdapter(self.records, r.records),
            DocumentKind(self.archive, r.archive),
            SkpKind(self.skp, r.skp),
            AssessmentAckKind(self.assessments, r.assessments),
            CitizenRequestKind(self.citizen_requests, r.citizen_requests),
            *kritis_kinds(self.kritis, r.kritis),
        ]
        tasks = [EmployeesWithoutSupervisor(r.employees)]
        return DecisionService(
            {k.spec.kind: k for k in kinds}, r.employees, r.delegations, clock=self.clock, tasks=tasks
        )

    @cached_property
    def permissions(self) -> PermissionService:
        from .permissions import PermissionService

        r = self.repositories
        return PermissionService(
            r.permissions,
            r.sequences,
            r.delegations,
            r.holidays,
            schedule_of=self.working_hours.effective,  # the satker's stored hours, else its SKPD's, else the default
            clock=self.clock,
        )

    @cached_property
    def permission_notifications(self) -> PermissionNotifications:
        from .permission_notifications import PermissionNotifications

        r = self.repositories
        return PermissionNotifications(r.employees, self.clients.whatsapp, once=r.once)

    @cached_property
    def links(self) -> DecisionLinks:
        from .decisions.links import DecisionLinks

        cfg = self.settings
        return DecisionLinks(self.keys, cfg.api_url, cfg.email_link_ttl_seconds, clock=self.clock)

    @cached_property
    def decision_links(self) -> DecisionLinkService:
        from .decisions.links import DecisionLinkService

        return DecisionLinkService(self.links, self.decisions, self.repositories.used_links, clock=self.clock)

    # -- career records, complaints, archive, leave ----------------------------------------------------

    @cached_property
    def records(self) -> RecordService:
        from .records import RecordService

        r = self.repositories
        return RecordService(
            r.records,
            r.employees,
            r.sequences,
            self.uploads,
            clock=self.clock,
            link_ttl=self.settings.download_url_ttl_seconds,
        )

    @cached_property
    def record_notifications(self) -> RecordNotifications:
        from .records import RecordNotifications

        r = self.repositories
        return RecordNotifications(r.employees, self.clients.whatsapp, once=r.once)

    @cached_property
    def complaints(self) -> ComplaintService:
        from .complaints import ComplaintService

        r, cfg = self.repositories, self.settings
        return ComplaintService(
            r.complaints,
            r.sequences,
            r.employees,
            self.uploads,
            clock=self.clock,
            window_days=cfg.complaint_window_days,
            link_ttl=cfg.download_url_ttl_seconds,
        )

    @cached_property
    def complaint_notifications(self) -> ComplaintNotifications:
        from .complaints import ComplaintNotifications

        r, cfg = self.repositories, self.settings
        return ComplaintNotifications(
            r.employees,
            r.complaints,
            r.org,
            r.digests,
            self.clients.whatsapp,
            clock=self.clock,
            digest_delay=timedelta(seconds=cfg.digest_delay_seconds),
            digest_interval=timedelta(seconds=cfg.digest_interval_seconds),
            app_url=cfg.app_url,
            once=r.once,
        )

    @cached_property
    def archive(self) -> ArchiveService:
        from .archive import ArchiveService

        r, c = self.repositories, self.clients
        return ArchiveService(
            r.archive_catalog,
            r.archive,
            r.employees,
            r.org,
            self.uploads,
            r.export_jobs,
            c.exports,
            c.objects,
            clock=self.clock,
            url_ttl=self.settings.download_url_ttl_seconds,
        )

    @cached_property
    def leave(self) -> LeaveService:
        from .leave import LeaveService

        r, cfg = self.repositories, self.settings
        return LeaveService(
            r.leave,
            r.leave_settings,
            r.employees,
            r.attendance,
            r.delegations,
            r.holidays,
            r.org,
            self.uploads,
            self.clients.objects,
            clock=self.clock,
            records_since=cfg.leave_records_since,
            report_backdate_days=cfg.report_backdate_days,
            url_ttl=cfg.download_url_ttl_seconds,
        )

    @cached_property
    def leave_notifications(self) -> LeaveNotifications:
        from .leave_notifications import LeaveNotifications

        r, c = self.repositories, self.clients
        return LeaveNotifications(
            r.employees, c.whatsapp, c.email, c.notifications, self.links, app_url=self.settings.app_url, once=r.once
        )

    @cached_property
    def skp_notifications(self) -> SkpNotifications:
        from .skp_notifications import SkpNotifications

        r, c = self.repositories, self.clients
        return SkpNotifications(
            r.employees, c.whatsapp, c.email, c.notifications, app_url=self.settings.app_url, once=r.once
        )

    # -- the WhatsApp inbound webhook and the auto-reply over the PTSP catalogue (issue 22) ------------

    @cached_property
    def whatsapp_inbox(self) -> WhatsAppInbox:
        from ..integrations.whatsapp_inbound import WebhookSecrets, inbound_accounts
        from .whatsapp_inbox import WhatsAppInbox

        cfg = self.settings
        load = None
        if cfg.whatsapp_webhook_secret_id:
            from ..integrations.secrets import secret_fields

            def load() -> dict[str, str]:
                return secret_fields(cfg.whatsapp_webhook_secret_id)

        secrets = WebhookSecrets(cfg.wa_cloud_app_secret, cfg.wa_cloud_verify_token, cfg.fonnte_webhook_token, load)
        return WhatsAppInbox(
            secrets,
            inbound_accounts(cfg.whatsapp_inbound),
            self.clients.notifications,
            self.rate_limits,
            per_sender_hour=cfg.webhook_per_sender_hour,
            clock=self.clock,
        )

    @cached_property
    def whatsapp_replies(self) -> WhatsAppReplies:
        from ..security.keys import subject_digest
        from .whatsapp_replies import WhatsAppReplies

        r = self.repositories
        return WhatsAppReplies(
            r.ptsp_catalogue,
            r.chat_states,
            r.org,
            r.employees,
            self.citizen_messages,
            once=r.once,
            clock=self.clock,
            digest=subject_digest(self.keys, "whatsapp-chat"),
        )

    # -- the clients and the outbox handlers and tools reach for ------------------------------------

    @property
    def whatsapp(self) -> WhatsAppSender:
        return self.clients.whatsapp

    @property
    def email(self) -> EmailSender:
        return self.clients.email

    @property
    def object_store(self) -> ObjectStore:
        return self.clients.objects

    @property
    def notification_queue(self) -> NotificationQueue:
        return self.clients.notifications

    @property
    def outbox(self) -> Outbox:
        return self.repositories.outbox


# -- the process's root -------------------------------------------------------------------------------


def keyring(settings: Settings) -> Keyring:
    """The secrets that sign and seal: Secrets Manager's current and previous versions when ``KINERJA_SECRET_ID``
    is set (loaded on first use, cached per container for a bounded time), else the environment's."""
    from ..security.keys import Keyring

    if settings.secret_id:
        from ..integrations.secrets import secret_versions

        return Keyring(secret_versions(settings.secret_id))
    return Keyring.fixed(settings.app_secret, settings.previous_secret)


def production(*, clock: Clock = utc_now, **clients: Any) -> Services:
    """The environment's settings and keyring, DynamoDB, the AWS clients (those given here instead), ``clock``."""
    from ..integrations.clients import AwsClients
    from ..store.dynamo import DynamoRepositories

    cfg = settings()
    keys = keyring(cfg)
    repositories = DynamoRepositories(cfg, keys)
    return build(repositories, AwsClients(cfg, lambda: repositories.outbox, **clients), cfg, clock, keys)


_root: Services | None = None


def root() -> Services:
    """The process's services, built from the environment on first use (`production()`)."""
    global _root
    if _root is None:
        _root = production()
    return _root


def use(services: Services) -> None:
    """Make ``services`` the process's root (a test with a clock or client of its own); `reset()` undoes it."""
    global _root
    _root = services


def reset() -> None:
    """Forget the process's root: the next use builds it again from the environment (tests that change it)."""
    global _root
    _root = None


def __getattr__(name: str) -> Callable[..., Any]:
    """``container.reports()``: the root's service of that name (a method's arguments are passed through).

    Looked up on every call, so a handler always reaches the current root, after a `use()` or `reset()` too.
    """
    member = inspect.getattr_static(Services, name, None)
    if name.startswith("_") or member is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if isinstance(member, cached_property | property):
        return lambda: getattr(root(), name)
    return lambda *args, **kwargs: getattr(root(), name)(*args, **kwargs)
