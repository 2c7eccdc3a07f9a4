"""Telling a failed write condition (a lost race, a stale version) from any other storage error."""

from __future__ import annotations

from pynamodb.exceptions import PynamoDBException


def condition_failed(exc: PynamoDBException) -> bool:
    """True when DynamoDB refused the write because its condition did not hold."""
    return getattr(exc, "cause_response_code", None) == "ConditionalCheckFailedException"
