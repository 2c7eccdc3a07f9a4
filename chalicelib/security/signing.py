"""Signed, expiring tokens for capabilities handed to clients (upload slips, e-mailed action links)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any

from .keys import derive_key


def sign(secret: str, purpose: str, payload: dict[str, Any], ttl_seconds: int) -> str:
    """``base64url(json).base64url(hmac)``; the payload carries its expiry (``exp``)."""
    body = base64.urlsafe_b64encode(json.dumps({**payload, "exp": int(time.time()) + ttl_seconds}).encode()).decode()
    mac = hmac.new(derive_key(secret, purpose), body.encode(), hashlib.sha256).digest()
    return f"{body}.{base64.urlsafe_b64encode(mac).decode().rstrip('=')}"


def verify(secret: str, purpose: str, token: str) -> dict[str, Any] | None:
    """The payload of an untampered, unexpired token signed for ``purpose``; else ``None``."""
    body, _, mac = token.partition(".")
    expected = base64.urlsafe_b64encode(hmac.new(derive_key(secret, purpose), body.encode(), hashlib.sha256).digest())
    if not mac or not hmac.compare_digest(expected.decode().rstrip("="), mac):
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(body.encode()))
    except ValueError:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("exp"), int) or payload["exp"] < time.time():
        return None
    return payload
