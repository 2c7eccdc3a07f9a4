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


def bounded_page(
    result: Any, limit: int, key_names: tuple[str, ...], max_requests: int
) -> tuple[list[dict[str, Any]], str | None]:
    """Up to ``limit`` raw items of a (filtered) query in at most ``max_requests`` requests, and a cursor.

    A filter can make DynamoDB pages short or empty; stopping after ``max_requests`` keeps a
    request's cost constant, and the cursor lets the client continue where it stopped.
    """
    pages = result.page_iter
    items: list[dict[str, Any]] = []
    for _ in range(max_requests):
        try:
            page = next(pages)
        except StopIteration:
            return items, None
        for raw in page.get("Items", []):
            items.append(raw)
            if len(items) == limit:
                last_of_all = raw is page["Items"][-1] and pages.last_evaluated_key is None
                return items, None if last_of_all else encode_cursor({k: raw[k] for k in key_names})
        if pages.last_evaluated_key is None:
            return items, None
    return items, encode_cursor(pages.last_evaluated_key)
