"""Errors a client can cause: each carries a stable code, an HTTP status and a Bahasa Indonesia message."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A refusal the API reports as ``{"code", "message", "details"}``."""

    status = 422
    code = "BUSINESS_RULE"

    def __init__(self, message: str, *, code: str | None = None, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.details = details or {}


class ValidationError(DomainError):
    status = 400
    code = "VALIDATION_ERROR"


class Unauthorized(DomainError):
    status = 401
    code = "UNAUTHORIZED"


class Forbidden(DomainError):
    status = 403
    code = "FORBIDDEN"


class NotFound(DomainError):
    status = 404
    code = "NOT_FOUND"


class Conflict(DomainError):
    status = 409
    code = "CONFLICT"


class PayloadTooLarge(DomainError):
    status = 413
    code = "PAYLOAD_TOO_LARGE"


class BusinessRule(DomainError):
    status = 422


class Throttled(DomainError):
    status = 429
    code = "THROTTLED"


class ServiceUnavailable(DomainError):
    """A dependency (DynamoDB, S3, SQS, Secrets Manager…) timed out, could not be reached or throttled us."""

    status = 503
    code = "SERVICE_UNAVAILABLE"


def not_one_of(field: str, allowed: list[str], what: str, code: str) -> ValidationError:
    """An unknown value of an enum: the message stays Indonesian, the accepted values go into ``details``."""
    return ValidationError(
        f"{what} tidak dikenal; pilih salah satu nilai yang diizinkan.",
        code=code,
        details={"field": field, "allowed": allowed},
    )
