"""boto3 clients with the endpoints of the settings (DynamoDB Local / moto locally, AWS otherwise)."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from ..config import settings

#: (connect, read) timeouts in seconds and total attempts, per client. A request waits on a stalled or
#: unreachable service at most attempts × (connect or read) plus botocore's back-off (under 1 s before
#: the second attempt), then answers 503: 2 × 5 s for most, well inside API Gateway's 29 s. S3 reads
#: longer, for whole export files and imports; the export worker's bulk DynamoDB reads (pages of up to
#: 1 MB, in a function allowed 15 minutes) keep 10 s and 3 attempts.
_TIMEOUTS: dict[str, tuple[float, float, int]] = {"s3": (2, 10, 2), "bulk-dynamodb": (2, 10, 3)}
_DEFAULT_TIMEOUTS = (2, 5, 2)
#: connections a client keeps: at least the threads sharing it at once (a reminder page's
#: `services.reminders.SEND_WORKERS` sends put idempotency records in parallel); botocore's default is 10
MAX_POOL_CONNECTIONS = 50


def _config(service: str, **extra: Any) -> Any:
    from botocore.config import Config

    connect, read, attempts = _TIMEOUTS.get(service, _DEFAULT_TIMEOUTS)
    return Config(
        connect_timeout=connect,
        read_timeout=read,
        retries={"max_attempts": attempts, "mode": "standard"},
        max_pool_connections=MAX_POOL_CONNECTIONS,
        **extra,
    )


@lru_cache(maxsize=8)
def client(service: str) -> Any:
    """A cached client for ``dynamodb``, ``s3``, ``ses``, ``sqs`` or ``secretsmanager``."""
    import boto3

    cfg = settings()
    endpoint = {
        "dynamodb": cfg.dynamodb_endpoint,
        "s3": cfg.s3_endpoint,
        "ses": cfg.ses_endpoint,
        "sqs": cfg.sqs_endpoint,
        "secretsmanager": cfg.secretsmanager_endpoint,
    }.get(service)
    config = _config(
        service,
        signature_version="s3v4" if service == "s3" else None,
        s3={"addressing_style": "path"} if endpoint and service == "s3" else None,
    )
    return boto3.client(service, region_name=cfg.region, endpoint_url=endpoint, config=config)


@lru_cache(maxsize=1)
def bulk_dynamodb() -> Any:
    """A DynamoDB client for Queries returning thousands of items (the export worker's reads).

    Its Query answers keep ``Items`` exactly as DynamoDB's JSON has them (``{"S": ...}``, ``{"N": "4"}``,
    the shape botocore gives for these types) instead of letting botocore walk every attribute
    against the service model: that walk took 0.58 s of CPU for 11,000 report lines, ``json.loads`` 0.1 s.
    Binary attributes would stay base64 text, so bulk reads must not project any.
    """
    import boto3

    base = client("dynamodb")
    bulk = boto3.client(
        "dynamodb",
        region_name=base.meta.region_name,
        endpoint_url=base.meta.endpoint_url,
        config=_config("bulk-dynamodb"),
    )
    bulk.meta.events.register("before-parse.dynamodb.Query", _keep_items_as_json)
    return bulk


def _keep_items_as_json(response_dict: dict[str, Any], customized_response_dict: dict[str, Any], **_: Any) -> None:
    if response_dict.get("status_code") != 200:
        return
    body = json.loads(response_dict["body"])
    if "Items" in body:
        customized_response_dict["Items"] = body.pop("Items")
        response_dict["body"] = json.dumps(body).encode()


def reset_clients() -> None:
    client.cache_clear()
    bulk_dynamodb.cache_clear()
