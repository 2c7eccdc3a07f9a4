"""boto3 clients with the endpoints of the settings (DynamoDB Local / moto locally, AWS otherwise)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..config import settings


@lru_cache(maxsize=8)
def client(service: str) -> Any:
    """A cached client for ``dynamodb``, ``s3``, ``ses`` or ``sqs``."""
    import boto3
    from botocore.config import Config

    cfg = settings()
    endpoint = {
        "dynamodb": cfg.dynamodb_endpoint,
        "s3": cfg.s3_endpoint,
        "ses": cfg.ses_endpoint,
        "sqs": cfg.sqs_endpoint,
    }.get(service)
    config = Config(
        connect_timeout=2,
        read_timeout=10,
        retries={"max_attempts": 3, "mode": "standard"},
        signature_version="s3v4" if service == "s3" else None,
        s3={"addressing_style": "path"} if endpoint and service == "s3" else None,
    )
    return boto3.client(service, region_name=cfg.region, endpoint_url=endpoint, config=config)


def reset_clients() -> None:
    client.cache_clear()
