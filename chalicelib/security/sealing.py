"""Authenticated encryption (Fernet) for secrets that must rest briefly in a table, e.g. temporary passwords."""

from __future__ import annotations

import base64
import json
from typing import Any

from .keys import derive_key


def _fernet(secret: str):
    from cryptography.fernet import Fernet

    return Fernet(base64.urlsafe_b64encode(derive_key(secret, "sealing")))


def seal(secret: str, payload: dict[str, Any]) -> str:
    return _fernet(secret).encrypt(json.dumps(payload).encode()).decode()


def unseal(secret: str, token: str, max_age_seconds: int) -> dict[str, Any] | None:
    """The payload, or ``None`` when the token is forged, corrupted or older than ``max_age_seconds``."""
    from cryptography.fernet import InvalidToken

    try:
        return json.loads(_fernet(secret).decrypt(token.encode(), ttl=max_age_seconds))
    except InvalidToken:
        return None
