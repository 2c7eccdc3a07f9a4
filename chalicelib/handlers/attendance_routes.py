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


@endpoint(
    bp,
    "/attendance/check-in",
    methods=("POST",),
    status=201,
    summary="Check in (PAGI) or out (SORE) now, with the device's location when the office has a radius",
    tag="attendance",
    body="CheckIn",
    response="CheckInResult",
    errors=(409, 422),
)
def check_in(actor: Actor, body: CheckIn) -> dict[str, Any]:
    return container.attendance().check_in(actor, body)


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
