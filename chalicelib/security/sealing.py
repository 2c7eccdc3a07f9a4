"""Authenticated encryption (Fernet) for secrets that must rest briefly in a table, e.g. temporary passwords."""

from __future__ import annotations

import base64
import json
from typing import Any

from .keys import Keyring, derive_key, keyring


def _fernet(secret: str) -> Any:
    from cryptography.fernet import Fernet

    return Fernet(base64.urlsafe_b64encode(derive_key(secret, "sealing")))


def seal(keys: Keyring | str, payload: dict[str, Any]) -> str:
    """Encrypt ``payload`` with the current secret."""
    return _fernet(keyring(keys).current()).encrypt(json.dumps(payload).encode()).decode()


def unseal(keys: Keyring | str, token: str, max_age_seconds: int) -> dict[str, Any] | None:
    """The payload (sealed with the current or a previous secret), or ``None`` when the token is forged,
    corrupted or older than ``max_age_seconds``."""
    from cryptography.fernet import InvalidToken

    for secret in keyring(keys).verifying():
        try:
            return json.loads(_fernet(secret).decrypt(token.encode(), ttl=max_age_seconds))
        except InvalidToken:
            continue
    return None
