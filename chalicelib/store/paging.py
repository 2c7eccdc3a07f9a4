"""Opaque cursors for paged queries (DynamoDB's LastEvaluatedKey, base64-encoded JSON)."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from ..domain.errors import ValidationError


def encode_cursor(last_key: dict[str, Any] | None) -> str | None:
    if not last_key:
        return None
    return base64.urlsafe_b64encode(json.dumps(last_key, separators=(",", ":")).encode()).decode()


def decode_cursor(cursor: str | None) -> dict[str, Any] | None:
    """Decode a cursor from a query string; a tampered one is a 400, never a 500."""
    if not cursor:
        return None
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (binascii.Error, ValueError, UnicodeError):
        value = None
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ValidationError("Parameter cursor tidak valid.", code="INVALID_CURSOR", details={"field": "cursor"})
    return value
