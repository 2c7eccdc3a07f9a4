"""Signed, expiring tokens for capabilities handed to clients (upload slips, e-mailed action links)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any

from .keys import Keyring, derive_key, keyring


def _mac(secret: str, purpose: str, body: str) -> str:
    digest = hmac.new(derive_key(secret, purpose), body.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def sign(keys: Keyring | str, purpose: str, payload: dict[str, Any], ttl_seconds: int) -> str:
    """``base64url(json).base64url(hmac)`` with the current secret; the payload carries its expiry (``exp``)."""
    body = base64.urlsafe_b64encode(json.dumps({**payload, "exp": int(time.time()) + ttl_seconds}).encode()).decode()
    return f"{body}.{_mac(keyring(keys).current(), purpose, body)}"


def verify(keys: Keyring | str, purpose: str, token: str) -> dict[str, Any] | None:
    """The payload of an untampered, unexpired token signed for ``purpose`` by a known secret; else ``None``."""
    body, _, mac = token.partition(".")
    if not mac or not token.isascii():  # compare_digest refuses non-ASCII text
        return None
    if not any(hmac.compare_digest(_mac(s, purpose, body), mac) for s in keyring(keys).verifying()):
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(body.encode()))
    except ValueError:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("exp"), int) or payload["exp"] < time.time():
        return None
    return payload
