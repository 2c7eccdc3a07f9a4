"""The application secret in AWS Secrets Manager: its AWSCURRENT and AWSPREVIOUS versions."""

from __future__ import annotations

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
