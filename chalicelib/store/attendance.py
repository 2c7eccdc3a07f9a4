"""Attendance days: sync upserts, native check-in/out, and reads for rules and the calendar."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from pynamodb.exceptions import UpdateError

from ..domain.attendance import AttendanceDay, Fix, Session
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
        auto_approved=int(item.count_auto or 0),
        native_fixes=_fixes(item),
        native_selfies={
            s: key for s, key in ((Session.PAGI, item.native_in_selfie), (Session.SORE, item.native_out_selfie)) if key
        },
        native_rejected=frozenset(
            s for s, mark in ((Session.PAGI, item.native_in_rejected), (Session.SORE, item.native_out_rejected)) if mark
        ),
    )


def fix_json(fix: Fix) -> dict[str, Any]:
    """A check-in's position as the item keeps it (``native_in_fix`` / ``native_out_fix``)."""
    return {"lat": fix.latitude, "lon": fix.longitude, "at": fix.at.isoformat(), "accuracy_m": fix.accuracy_m}


def _fixes(item: AttendanceItem) -> dict[Session, Fix]:
    found = {}
    for session, raw in ((Session.PAGI, item.native_in_fix), (Session.SORE, item.native_out_fix)):
        if raw:
            accuracy = raw.get("accuracy_m")
            at = datetime.fromisoformat(raw["at"])
            found[session] = Fix(
                float(raw["lat"]), float(raw["lon"]), at, None if accuracy is None else float(accuracy)
            )
    return found


def native_removal(session: Session) -> list[Any]:
    """The actions that take a session's native check-in off its day (HR rejected it: `store/checkin_flags.py`)
    and mark the session rejected, so the next check-in reads the refusal on the day it already reads (no read of
    the flag); then `leave_index_when_unattended`. The selfie stays referenced by the flag."""
    if session is Session.PAGI:
        attrs = (AttendanceItem.native_in, AttendanceItem.native_in_distance_m, AttendanceItem.native_in_fix)
        mark = AttendanceItem.native_in_rejected
    else:
        attrs = (AttendanceItem.native_out, AttendanceItem.native_out_distance_m, AttendanceItem.native_out_fix)
        mark = AttendanceItem.native_out_rejected
    return [*(attr.remove() for attr in attrs), mark.set(True)]


def already_recorded(session: Session) -> Conflict:
    code = "ALREADY_CHECKED_IN" if session is Session.PAGI else "ALREADY_CHECKED_OUT"
    return Conflict("Presensi ini sudah tercatat hari ini.", code=code)


def check_in_update(
    nip: str,
    unit: Unit,
    day: date,
    session: Session,
    at: time,
    distance_m: float | None,
    fix: Fix | None,
    selfie_key: str | None,
) -> tuple[AttendanceItem, list[Any], Any]:
    """The item, actions and condition of a native check-in (one UpdateItem alone, or the first action of the
    flagged check-in's transaction, `store.checkin_flags.DynamoCheckInFlags.check_in`): the second of a kind on a
    day is refused, and so is a session HR rejected."""
    pagi = session is Session.PAGI
    at_attr = AttendanceItem.native_in if pagi else AttendanceItem.native_out
    distance_attr = AttendanceItem.native_in_distance_m if pagi else AttendanceItem.native_out_distance_m
    actions = [at_attr.set(at.strftime("%H:%M")), *_in_unit(nip, day, unit)]
    if distance_m is not None:
        actions.append(distance_attr.set(round(distance_m)))
    if fix is not None:
        actions.append((AttendanceItem.native_in_fix if pagi else AttendanceItem.native_out_fix).set(fix_json(fix)))
    if selfie_key is not None:
        actions.append((AttendanceItem.native_in_selfie if pagi else AttendanceItem.native_out_selfie).set(selfie_key))
    rejected = AttendanceItem.native_in_rejected if pagi else AttendanceItem.native_out_rejected
    condition = at_attr.does_not_exist() & rejected.does_not_exist()
    return AttendanceItem(nip=nip, day=day.isoformat()), actions, condition


def leave_index_when_unattended(nip: str, day: date) -> None:
    """Take a day out of its satker's recap index (`by_satker_day`: "attended that day") once no source records
    anything of it any more (after `native_removal`); a day still attended by another source stays."""
    condition = (
        AttendanceItem.sync_in.does_not_exist()
        & AttendanceItem.sync_out.does_not_exist()
        & AttendanceItem.native_in.does_not_exist()
        & AttendanceItem.native_out.does_not_exist()
        & AttendanceItem.complaint_sessions.does_not_exist()
    )
    actions = [AttendanceItem.satker_key.remove(), AttendanceItem.satker_sort.remove()]
    try:
        AttendanceItem(nip=nip, day=day.isoformat()).update(actions=actions, condition=condition)
    except UpdateError as exc:
        if not condition_failed(exc):
            raise


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

    def recent(self, nip: str, last: date, limit: int) -> list[AttendanceDay]:
        """The latest ``limit`` days up to ``last``, newest first (one Query, a few items)."""
        query = AttendanceItem.query(
            nip, AttendanceItem.day <= last.isoformat(), scan_index_forward=False, limit=limit, consistent_read=True
        )
        return [to_day(i) for i in query]

    def check_in(
        self,
        nip: str,
        unit: Unit,
        day: date,
        session: Session,
        at: time,
        distance_m: float | None,
        fix: Fix | None = None,
        selfie_key: str | None = None,
    ) -> None:
        """Native check-in (PAGI) or check-out (SORE), with where it was made and its selfie (one UpdateItem); the
        second of a kind on a day is refused (`check_in_update`)."""
        item, actions, condition = check_in_update(nip, unit, day, session, at, distance_m, fix, selfie_key)
        try:
            item.update(actions=actions, condition=condition)
        except UpdateError as exc:
            if condition_failed(exc):
                raise already_recorded(session) from None
            raise
