"""The composition root: builds services on first use, importing storage and clients lazily.

Handlers call these functions; nothing heavy is imported when `app.py` is.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from ..config import settings

if TYPE_CHECKING:
    from ..integrations.email import EmailSender
    from ..integrations.whatsapp import WhatsAppSender
    from ..store.outbox import DynamoOutbox
    from .accounts import AccountService
    from .credentials import CredentialDelivery
    from .organisation import OrganisationService
    from .roster import RosterImportService


def utc_now() -> datetime:
    return datetime.now(UTC)


@lru_cache(maxsize=1)
def _bound() -> None:
    from ..store.models import bind_models

    bind_models(settings())


@lru_cache(maxsize=1)
def accounts() -> AccountService:
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
        secret=cfg.app_secret,
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
    from ..integrations.aws import client
    from ..integrations.storage import ObjectStore
    from ..store.employees import DynamoEmployeeRepository
    from .roster import RosterImportService

    return RosterImportService(accounts(), DynamoEmployeeRepository(), ObjectStore(client("s3"), settings().bucket))


@lru_cache(maxsize=1)
def whatsapp() -> WhatsAppSender:
    """The configured provider: ``fonnte``, ``cloud`` (WhatsApp Cloud API) or ``outbox`` (default)."""
    from ..integrations import whatsapp as wa

    cfg = settings()
    if cfg.whatsapp_provider == "fonnte":
        return wa.FonnteSender(cfg.fonnte_token, cfg.fonnte_url)
    if cfg.whatsapp_provider == "cloud":
        return wa.CloudApiSender(cfg.wa_cloud_token, cfg.wa_cloud_phone_number_id, cfg.wa_cloud_url)
    if cfg.whatsapp_provider != "outbox":
        raise RuntimeError(f"unknown WHATSAPP_PROVIDER {cfg.whatsapp_provider!r}")
    return wa.OutboxSender(outbox())


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
    return CredentialDelivery(
        DynamoEmployeeRepository(), whatsapp(), email(), secret=cfg.app_secret, app_url=cfg.app_url
    )


def reset() -> None:
    """Forget every built service (tests that change settings)."""
    for factory in (_bound, accounts, organisation, roster, whatsapp, email, credential_delivery, outbox):
        factory.cache_clear()


@lru_cache(maxsize=1)
def outbox() -> DynamoOutbox:
    from ..store.outbox import DynamoOutbox

    _bound()
    return DynamoOutbox()
