"""Telling a failed write condition (a lost race, a stale version) from any other storage error."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pynamodb.exceptions import PutError, PynamoDBException


def condition_failed(exc: PynamoDBException) -> bool:
    """True when DynamoDB refused the write because its condition did not hold."""
    return getattr(exc, "cause_response_code", None) == "ConditionalCheckFailedException"


def save_versioned(item: Any, stale: Callable[[], Exception]) -> int:
    """Save a versioned item (PynamoDB adds the condition on its version) and answer its new version; a version
    someone else moved on meanwhile raises the caller's own ``stale()`` error (409 with its message)."""
    try:
        item.save()
    except PutError as exc:
        if condition_failed(exc):
            raise stale() from None
        raise
    return int(item.version)
