"""Cursors of the in-memory twins: opaque, bound to the list they page, continuing after the last key seen.

Like DynamoDB's `LastEvaluatedKey`, a cursor names the last item returned, so items added or removed
meanwhile do not shift the next page; a cursor of another list is a 400 ``INVALID_CURSOR``.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterable
from typing import TypeVar

from ...domain.errors import ValidationError

_T = TypeVar("_T")
#: a sort key: a string, or a tuple of strings compared in order
Key = str | tuple[str, ...]


def page(
    items: Iterable[_T],
    key: Callable[[_T], Key],
    cursor: str | None,
    limit: int,
    scope: str,
    *,
    newest_first: bool = False,
) -> tuple[list[_T], str | None]:
    """Up to ``limit`` items after the cursor's key in ``key`` order, and a cursor when more remain."""
    ordered = sorted(items, key=key, reverse=newest_first)
    after = decode(cursor, scope)
    if after is not None:
        ordered = [i for i in ordered if (key(i) < after if newest_first else key(i) > after)]
    chunk = ordered[:limit]
    return chunk, encode(key(chunk[-1]), scope) if len(ordered) > limit else None


def encode(key: Key, scope: str) -> str:
    raw = json.dumps({"s": scope, "k": list(key) if isinstance(key, tuple) else key})
    return base64.urlsafe_b64encode(raw.encode()).decode()


def decode(cursor: str | None, scope: str) -> Key | None:
    if not cursor:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (binascii.Error, UnicodeError, ValueError):
        payload = None
    if not isinstance(payload, dict) or payload.get("s") != scope or not isinstance(payload.get("k"), str | list):
        raise ValidationError(
            "Parameter cursor tidak valid atau kedaluwarsa; muat ulang daftar dari awal.",
            code="INVALID_CURSOR",
            details={"field": "cursor"},
        )
    key = payload["k"]
    return tuple(key) if isinstance(key, list) else key
