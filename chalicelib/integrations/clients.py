"""The clients the composition root wires the services to: AWS and HTTP ones, or the in-memory twins.

`AwsClients` builds each on first use from the settings (a function that only reads a table never
creates an S3 client or imports `requests`); `integrations/memory.py` has `InMemoryClients`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..config import Settings
    from ..store.protocols import Outbox
    from .attendance_source import HttpAttendanceSource
    from .email import EmailSender
    from .queue import NotificationQueue
    from .storage import ObjectStore
    from .whatsapp import WhatsAppSender


class Clients(Protocol):
    @property
    def whatsapp(self) -> WhatsAppSender: ...
    @property
    def email(self) -> EmailSender: ...
    @property
    def objects(self) -> ObjectStore:
        """The data bucket."""
        ...

    @property
    def notifications(self) -> NotificationQueue:
        """Fan-out of notifications (reminders, digests)."""
        ...

    @property
    def exports(self) -> NotificationQueue:
        """Export jobs for the export worker."""
        ...

    @property
    def attendance_source(self) -> HttpAttendanceSource | None:
        """The attendance system, ``None`` when none is configured."""
        ...


class AwsClients:
    """`Clients` of the deployed app and the local stack (moto, the outbox); a client given here is used as is."""

    def __init__(self, settings: Settings, outbox: Callable[[], Outbox], **given: Any) -> None:
        """``outbox``: the table the ``outbox`` provider writes to, asked for only when that provider is used."""
        self.settings, self._outbox = settings, outbox
        unknown = set(given) - {name for name in dir(Clients) if not name.startswith("_")}
        if unknown:
            raise TypeError(f"no such client: {', '.join(sorted(unknown))}")
        vars(self).update(given)  # found before the cached properties below, as what they cache is

    @cached_property
    def whatsapp(self) -> WhatsAppSender:
        """The configured provider: ``fonnte``, ``cloud`` (WhatsApp Cloud API) or ``outbox`` (default)."""
        from . import whatsapp as wa

        cfg = self.settings
        if cfg.whatsapp_provider == "fonnte":
            token = self._whatsapp_credential("fonnte_token", cfg.fonnte_token)
            _require(FONNTE_TOKEN=token)
            return wa.FonnteSender(token, cfg.fonnte_url)
        if cfg.whatsapp_provider == "cloud":
            token = self._whatsapp_credential("wa_cloud_token", cfg.wa_cloud_token)
            phone = self._whatsapp_credential("wa_cloud_phone_number_id", cfg.wa_cloud_phone_number_id)
            _require(WA_CLOUD_TOKEN=token, WA_CLOUD_PHONE_NUMBER_ID=phone)
            return wa.CloudApiSender(token, phone, cfg.wa_cloud_url)
        if cfg.whatsapp_provider != "outbox":
            raise RuntimeError(f"unknown WHATSAPP_PROVIDER {cfg.whatsapp_provider!r}")
        return wa.OutboxSender(self._outbox())

    def _whatsapp_credential(self, name: str, from_environment: str) -> str:
        """A provider credential: from the WhatsApp secret on AWS (``WHATSAPP_SECRET_ID``), else the environment."""
        if not self.settings.whatsapp_secret_id:
            return from_environment
        if "whatsapp_secret" not in vars(self):
            from .secrets import secret_fields

            vars(self)["whatsapp_secret"] = secret_fields(self.settings.whatsapp_secret_id)
        return vars(self)["whatsapp_secret"].get(name) or from_environment

    @cached_property
    def email(self) -> EmailSender:
        from .aws import client
        from .email import SesEmailSender

        return SesEmailSender(client("ses"), self.settings.ses_sender)

    @cached_property
    def objects(self) -> ObjectStore:
        from .aws import client
        from .storage import S3ObjectStore

        return S3ObjectStore(client("s3"), self.settings.bucket)

    @cached_property
    def notifications(self) -> NotificationQueue:
        from .aws import client
        from .queue import SqsQueue

        return SqsQueue(client("sqs"), self.settings.notifications_queue_url)

    @cached_property
    def exports(self) -> NotificationQueue:
        from .aws import client
        from .queue import SqsQueue

        return SqsQueue(client("sqs"), self.settings.exports_queue_url)

    @cached_property
    def attendance_source(self) -> HttpAttendanceSource | None:
        cfg = self.settings
        if not cfg.attendance_source_url:
            return None
        from .attendance_source import HttpAttendanceSource

        return HttpAttendanceSource(cfg.attendance_source_url, cfg.attendance_source_key)


def _require(**values: str) -> None:
    """A real provider refuses to start without its credentials (rather than fail message by message)."""
    missing = [name for name, value in values.items() if not value]
    if missing:
        raise RuntimeError(f"WHATSAPP_PROVIDER needs {', '.join(missing)}")
