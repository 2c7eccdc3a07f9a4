"""Attendance: native check-in/out, the month calendar, and the scheduled sync."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint, Rate

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint, logger

if TYPE_CHECKING:
    from ..schemas import CalendarQuery, CheckIn

bp = Blueprint(__name__)
#: a check-in may carry its selfie (at most 300 KB, base64: about 400 KB of JSON)
CHECK_IN_MAX_BODY = 512 * 1024


@endpoint(
    bp,
    "/attendance/check-in",
    methods=("POST",),
    status=201,
    summary="Check in (PAGI) or out (SORE) now, with the device's location when the office has a radius",
    tag="attendance",
    body="CheckIn",
    response="CheckInResult",
    errors=(409, 413, 422),
    max_body=CHECK_IN_MAX_BODY,
)
def check_in(actor: Actor, body: CheckIn) -> dict[str, Any]:
    return container.attendance().check_in(actor, body)


@endpoint(
    bp,
    "/me/check-in-rules",
    summary="What my check-in needs before the first tap: a selfie, the location and how precise a fix must be",
    tag="attendance",
    response="MyCheckInRules",
)
def my_check_in_rules(actor: Actor) -> dict[str, Any]:
    return container.attendance().my_check_in_rules(actor)


@endpoint(
    bp,
    "/attendance/calendar",
    summary="A month: attendance and its sources, holidays, weekends and reports per status",
    tag="attendance",
    query="CalendarQuery",
    response="Calendar",
)
def attendance_calendar(actor: Actor, params: CalendarQuery) -> dict[str, Any]:
    return container.attendance().calendar(actor, params)


@bp.schedule(Rate(15, unit=Rate.MINUTES), name="attendance_sync")
def attendance_sync(event: Any) -> dict[str, int]:
    """Pull new attendance records from the configured attendance system."""
    job = container.attendance_sync(lambda message, **extra: logger.warning(message, extra=extra))
    if job is None:
        logger.info("attendance sync skipped: ATTENDANCE_SOURCE_URL is not set")
        return {"pages": 0, "stored": 0, "skipped": 0, "unknown_nip": 0}
    summary = job.run()
    logger.info("attendance sync", extra=summary)
    return summary
