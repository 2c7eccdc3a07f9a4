"""Attendance days: sync upserts, native check-in/out, and reads for rules and the calendar."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from pynamodb.exceptions import UpdateError

from ..domain.attendance import AttendanceDay, Session
from ..domain.errors import Conflict
from .conditions import condition_failed
from .models import AttendanceItem
from .protocols import Unit


def _hhmm(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def to_day(item: AttendanceItem) -> AttendanceDay:
    """Domain view of a stored attendance item."""
    slots = {}
    for report_id, span in (item.report_slots.as_dict() if item.report_slots else {}).items():
        start, end = span.split("-")
        slots[report_id] = (time.fromisoformat(start), time.fromisoformat(end))
    counts = {
        "SUBMITTED": int(item.count_submitted or 0),
        "APPROVED": int(item.count_approved or 0),
        "REJECTED": int(item.count_rejected or 0),
    }
    return AttendanceDay(
        nip=item.nip,
        day=date.fromisoformat(item.day),
        sync_in=_hhmm(item.sync_in),
        sync_out=_hhmm(item.sync_out),
        native_in=_hhmm(item.native_in),
        native_out=_hhmm(item.native_out),
        complaint_sessions=frozenset(Session(s) for s in item.complaint_sessions or ()),
        report_slots=slots,
        report_counts=counts,
        report_rev=int(item.report_rev or 0),
    )


def _in_unit(nip: str, day: date, unit: Unit | None) -> list[Any]:
    """Actions that put an attended day in its satker's `by_satker_day` index."""
    if unit is None:
        return []
    return [
        AttendanceItem.satker_key.set(f"{unit[0]}#{unit[1]}"),
        AttendanceItem.satker_sort.set(f"{day.isoformat()}#{nip}"),
    ]


class DynamoAttendanceRepository:
    def get(self, nip: str, day: date) -> AttendanceDay | None:
        try:
            return to_day(AttendanceItem.get(nip, day.isoformat(), consistent_read=True))
        except AttendanceItem.DoesNotExist:
            return None

    def between(self, nip: str, first: date, last: date) -> list[AttendanceDay]:
        """Days from ``first`` to ``last`` that have an item (one Query)."""
        query = AttendanceItem.query(nip, AttendanceItem.day.between(first.isoformat(), last.isoformat()))
        return [to_day(i) for i in query]

    def upsert_sync(
        self, nip: str, day: date, check_in: time | None, check_out: time | None, unit: Unit | None
    ) -> None:
        """Record what the attendance system reported; the same record twice changes nothing.

        ``unit`` (SKPD, satker) of the employee puts the day in that satker's recap index.
        """
        actions = []
        if check_in is not None:
            actions.append(AttendanceItem.sync_in.set(check_in.strftime("%H:%M")))
        if check_out is not None:
            actions.append(AttendanceItem.sync_out.set(check_out.strftime("%H:%M")))
        if actions:
            AttendanceItem(nip=nip, day=day.isoformat()).update(actions=actions + _in_unit(nip, day, unit))

    def check_in(self, nip: str, unit: Unit, day: date, session: Session, at: time, distance_m: float | None) -> None:
        """Native check-in (PAGI) or check-out (SORE); the second of a kind on a day is refused."""
        at_attr = AttendanceItem.native_in if session is Session.PAGI else AttendanceItem.native_out
        distance_attr = (
            AttendanceItem.native_in_distance_m if session is Session.PAGI else AttendanceItem.native_out_distance_m
        )
        actions = [at_attr.set(at.strftime("%H:%M")), *_in_unit(nip, day, unit)]
        if distance_m is not None:
            actions.append(distance_attr.set(round(distance_m)))
        try:
            AttendanceItem(nip=nip, day=day.isoformat()).update(actions=actions, condition=at_attr.does_not_exist())
        except UpdateError as exc:
            if condition_failed(exc):
                code = "ALREADY_CHECKED_IN" if session is Session.PAGI else "ALREADY_CHECKED_OUT"
                raise Conflict("Presensi ini sudah tercatat hari ini.", code=code) from None
            raise
