"""A throw-away local stack for tests and benchmarks: in-memory DynamoDB Local and moto on free ports."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .processes import free_port, start_dynamodb, start_moto, stop


@contextmanager
def ephemeral_stack(name: str) -> Iterator[dict[str, str]]:
    """Start the stand-ins, point the environment at them, create tables, bucket and queue; undo it all after."""
    ddb_port, moto_port = free_port(), free_port()
    logs = Path(tempfile.mkdtemp(prefix=f"kinerja-{name}-"))
    moto = f"http://127.0.0.1:{moto_port}"
    env = {
        "AWS_ACCESS_KEY_ID": name,
        "AWS_SECRET_ACCESS_KEY": name,
        "AWS_REGION": "ap-southeast-3",
        "AWS_DEFAULT_REGION": "ap-southeast-3",
        "KINERJA_SECRET": f"{name}-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DYNAMODB_ENDPOINT": f"http://127.0.0.1:{ddb_port}",
        "S3_ENDPOINT": moto,
        "SES_ENDPOINT": moto,
        "SQS_ENDPOINT": moto,
        "TABLE_PREFIX": f"kinerja-{name}-",
        "BUCKET_NAME": f"kinerja-{name}",
        "WHATSAPP_PROVIDER": "outbox",
        "SES_SENDER": "no-reply@kinerja.test",
        "APP_URL": "http://kinerja.test",
        "API_URL": "http://kinerja.test",
        "POWERTOOLS_LOG_LEVEL": "WARNING",
    }
    saved = {k: os.environ.get(k) for k in [*env, "NOTIFICATIONS_QUEUE_URL", "EXPORTS_QUEUE_URL"]}
    processes = [start_dynamodb(ddb_port, None, logs / "dynamodb.log"), start_moto(moto_port, logs / "moto.log")]
    try:
        os.environ.update(env)
        from chalicelib.config import reset_settings, settings
        from chalicelib.integrations.aws import client, reset_clients
        from chalicelib.services import container

        from .provision import provision

        reset_settings()
        reset_clients()
        container.reset()
        _, queue_urls = provision(settings(), client("dynamodb"), client("s3"), client("ses"), client("sqs"))
        env.update(queue_urls)
        os.environ.update(queue_urls)
        env["LOGS"] = str(logs)
        reset_settings()
        container.accounts()  # binds the PynamoDB models
        yield env
    finally:
        stop(*processes)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
