"""Secrets in AWS Secrets Manager: the application secret (AWSCURRENT and AWSPREVIOUS) and the WhatsApp
provider's credentials (a JSON object)."""

from __future__ import annotations

import json
from collections.abc import Callable

from .aws import client


def secret_versions(secret_id: str) -> Callable[[], tuple[str, ...]]:
    """A loader of (current, previous) for a `Keyring`; previous is absent before the first rotation."""

    def load() -> tuple[str, ...]:
        from botocore.exceptions import ClientError

        manager = client("secretsmanager")
        current = manager.get_secret_value(SecretId=secret_id, VersionStage="AWSCURRENT")["SecretString"]
        try:
            previous = manager.get_secret_value(SecretId=secret_id, VersionStage="AWSPREVIOUS")["SecretString"]
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") != "ResourceNotFoundException":
                raise
            return (current,)
        return (current, previous)

    return load


def secret_fields(secret_id: str) -> dict[str, str]:
    """The current version of a JSON secret, as text fields (anything else in it is ignored)."""
    raw = client("secretsmanager").get_secret_value(SecretId=secret_id, VersionStage="AWSCURRENT")["SecretString"]
    found = json.loads(raw)
    return {k: v for k, v in found.items() if isinstance(v, str)} if isinstance(found, dict) else {}
