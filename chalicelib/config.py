"""Settings read lazily from the environment (Chalice's test client and `chalice package` need that).

A leaf: imports nothing of the project. The keyring the secrets make is built by the composition root
(`services/container.py`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Settings:
    stage: str
    region: str
    table_prefix: str
    bucket: str
    dynamodb_endpoint: str | None
    s3_endpoint: str | None
    ses_endpoint: str | None
    sqs_endpoint: str | None
    secretsmanager_endpoint: str | None
    #: local stack and tests: the secret itself (``KINERJA_SECRET``) and the one it replaced
    app_secret: str
    previous_secret: str
    #: AWS: the Secrets Manager secret (name or ARN) holding it; wins over ``app_secret``
    secret_id: str
    token_ttl_seconds: int
    whatsapp_provider: str
    #: AWS: the Secrets Manager secret (JSON: fonnte_token, wa_cloud_token, wa_cloud_phone_number_id); wins over
    #: the environment variables of the same names, which stay for the local stack
    whatsapp_secret_id: str
    fonnte_token: str
    fonnte_url: str
    wa_cloud_token: str
    wa_cloud_phone_number_id: str
    wa_cloud_url: str
    ses_sender: str
    app_url: str
    api_url: str
    web_origin: str
    report_backdate_days: int
    #: the first year whose leave is recorded in Kinerja (earlier years: HR's opening balances)
    leave_records_since: int
    complaint_window_days: int
    download_url_ttl_seconds: int
    attendance_source_url: str
    attendance_source_key: str
    notifications_queue_url: str
    exports_queue_url: str
    digest_interval_seconds: int
    digest_delay_seconds: int
    email_link_ttl_seconds: int
    #: who receives approved reports for e-Kinerja: ``recording`` (default; records what would be sent) or a real
    #: client an office plugs in (docs/ekinerja.md)
    ekinerja_client: str = "recording"
    #: tracked citizen requests (issue 22): the population registry's adapter (``log``: calls nothing, see
    #: `integrations/population_registry.py`) and how many status-page reads one IP may make per minute
    population_registry: str = "log"
    request_status_per_ip: int = 60
    #: Kritis (issue 22): filings per client IP per hour and per contact per day, status-page reads per IP per
    #: minute (locally every caller is 127.0.0.1, so the local stack's IP counts are generous: README "Public
    #: endpoints"), the proof-of-work's zero bits, and the days a forwarded item waits before leadership is reminded
    kritis_per_ip_hour: int = 20
    kritis_per_contact_day: int = 5
    kritis_status_per_ip_minute: int = 60
    kritis_pow_bits: int = 16
    kritis_reminder_days: int = 3
    #: the WhatsApp inbound webhook (issue 22, README "Configuration"): which SKPD answers each receiving account,
    #: ``cloud:<phone_number_id>=<skpd>,fonnte:<device number>=<skpd>``; the Cloud API's app secret (signatures) and
    #: verify token (handshake) and Fonnte's webhook token (the URL's last segment) — on AWS fields of the webhook
    #: secret (``WHATSAPP_WEBHOOK_SECRET_ID``, read by the API only), which win; hits per client IP per minute and
    #: replies per citizen per hour
    whatsapp_inbound: str = ""
    whatsapp_webhook_secret_id: str = ""
    wa_cloud_app_secret: str = ""
    wa_cloud_verify_token: str = ""
    fonnte_webhook_token: str = ""
    webhook_per_sender_hour: int = 60

    def table(self, logical_name: str) -> str:
        """Physical table name for a logical one (``employees`` → ``kinerja-local-employees``)."""
        return self.table_prefix + logical_name


@lru_cache(maxsize=1)
def settings() -> Settings:
    """The process's settings; `reset_settings()` forgets them (tests)."""
    return settings_from(os.environ)


def settings_from(environ: Mapping[str, str]) -> Settings:
    """Settings from these variables, the defaults for the others (unit tests pass a few)."""
    env = environ.get
    secret, secret_id = env("KINERJA_SECRET", ""), env("KINERJA_SECRET_ID", "")
    if len(secret) < 32 and not secret_id:
        raise RuntimeError("KINERJA_SECRET_ID (AWS) or KINERJA_SECRET (≥ 32 characters) must be set")
    return Settings(
        stage=env("KINERJA_STAGE", "local"),
        region=env("AWS_REGION", env("AWS_DEFAULT_REGION", "ap-southeast-3")),
        table_prefix=env("TABLE_PREFIX", "kinerja-local-"),
        bucket=env("BUCKET_NAME", "kinerja-local"),
        dynamodb_endpoint=env("DYNAMODB_ENDPOINT") or None,
        s3_endpoint=env("S3_ENDPOINT") or None,
        ses_endpoint=env("SES_ENDPOINT") or None,
        sqs_endpoint=env("SQS_ENDPOINT") or None,
        secretsmanager_endpoint=env("SECRETSMANAGER_ENDPOINT") or None,
        app_secret=secret,
        previous_secret=env("KINERJA_PREVIOUS_SECRET", ""),
        secret_id=secret_id,
        token_ttl_seconds=int(env("TOKEN_TTL_SECONDS", "28800")),
        whatsapp_provider=env("WHATSAPP_PROVIDER", "outbox").lower(),
        whatsapp_secret_id=env("WHATSAPP_SECRET_ID", ""),
        fonnte_token=env("FONNTE_TOKEN", ""),
        fonnte_url=env("FONNTE_URL", "https://api.fonnte.com/send"),
        wa_cloud_token=env("WA_CLOUD_TOKEN", ""),
        wa_cloud_phone_number_id=env("WA_CLOUD_PHONE_NUMBER_ID", ""),
        wa_cloud_url=env("WA_CLOUD_URL", "https://graph.facebook.com/v21.0"),
        ses_sender=env("SES_SENDER", "no-reply@kinerja.local"),
        app_url=env("APP_URL", "http://127.0.0.1:8003").rstrip("/"),
        api_url=env("API_URL", "http://127.0.0.1:8000").rstrip("/"),
        web_origin=env("WEB_ORIGIN", "http://127.0.0.1:8003").rstrip("/"),
        report_backdate_days=int(env("REPORT_BACKDATE_DAYS", "7")),
        leave_records_since=int(env("LEAVE_RECORDS_SINCE", "2026")),
        complaint_window_days=int(env("COMPLAINT_WINDOW_DAYS", "30")),
        download_url_ttl_seconds=int(env("DOWNLOAD_URL_TTL_SECONDS", "300")),
        attendance_source_url=env("ATTENDANCE_SOURCE_URL", ""),
        attendance_source_key=env("ATTENDANCE_SOURCE_KEY", ""),
        notifications_queue_url=env("NOTIFICATIONS_QUEUE_URL", ""),
        exports_queue_url=env("EXPORTS_QUEUE_URL", ""),
        digest_interval_seconds=int(env("DIGEST_INTERVAL_SECONDS", "3600")),
        digest_delay_seconds=int(env("DIGEST_DELAY_SECONDS", "300")),
        email_link_ttl_seconds=int(env("EMAIL_LINK_TTL_SECONDS", str(7 * 24 * 3600))),
        ekinerja_client=env("EKINERJA_CLIENT", "recording").lower(),
        population_registry=env("POPULATION_REGISTRY", "log").lower(),
        request_status_per_ip=int(env("REQUEST_STATUS_PER_IP", "60" if _deployed(env) else "100000")),
        kritis_per_ip_hour=int(env("KRITIS_PER_IP_HOUR", "20" if _deployed(env) else "10000")),
        kritis_per_contact_day=int(env("KRITIS_PER_CONTACT_DAY", "5")),
        kritis_status_per_ip_minute=int(env("KRITIS_STATUS_PER_IP_MINUTE", "60" if _deployed(env) else "100000")),
        kritis_pow_bits=int(env("KRITIS_POW_BITS", "16" if _deployed(env) else "8")),
        kritis_reminder_days=int(env("KRITIS_REMINDER_DAYS", "3")),
        whatsapp_inbound=env("WHATSAPP_INBOUND", "" if _deployed(env) else _LOCAL_INBOUND),
        whatsapp_webhook_secret_id=env("WHATSAPP_WEBHOOK_SECRET_ID", ""),
        wa_cloud_app_secret=env("WA_CLOUD_APP_SECRET", "" if _deployed(env) else LOCAL_WEBHOOK_SECRET),
        wa_cloud_verify_token=env("WA_CLOUD_VERIFY_TOKEN", "" if _deployed(env) else LOCAL_WEBHOOK_SECRET),
        fonnte_webhook_token=env("FONNTE_WEBHOOK_TOKEN", "" if _deployed(env) else LOCAL_WEBHOOK_SECRET),
        webhook_per_sender_hour=int(env("WEBHOOK_PER_SENDER_HOUR", "60")),
    )


#: the local stack's and the tests' webhook secret (README "Trying the WhatsApp webhook locally"); a stage on AWS
#: has none unless configured, and an empty secret refuses every call
LOCAL_WEBHOOK_SECRET = "kinerja-local-webhook-secret-0123456789"  # noqa: S105 - the local demo's, never a deployed stage's
_LOCAL_INBOUND = "cloud:100000000000001=DINKES,fonnte:6281100000001=DINKES"


def _deployed(env: Callable[[str, str], str]) -> bool:
    """A stage on AWS (every caller its own IP) rather than the local stack or the tests (all of them 127.0.0.1)."""
    return env("KINERJA_STAGE", "local") != "local"


def reset_settings() -> None:
    settings.cache_clear()
