"""Settings read lazily from the environment (Chalice's test client and `chalice package` need that).

A leaf: imports nothing of the project. The keyring the secrets make is built by the composition root
(`services/container.py`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
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
    )


def reset_settings() -> None:
    settings.cache_clear()
