"""Flagged check-ins (issue 20) in DynamoDB: one partition per employee, ``sk`` = "<date>#<session>".

The id names the employee, the day and the session (`domain.checkin_guard.flag_id`), so a read by id is one
GetItem. HR's queue is the sparse ``by_skpd_pending`` index (``by_pending`` for BKD and the admin): its keys are set
only while the flag is FLAGGED, so the decision takes it out of the queue in the same write. A decision is
conditional on the version read; a rejection removes that session's native check-in from its attendance day in the
same transaction (`store.attendance.native_removal`), so a flag never says "rejected" over a check-in that stands.
A flagged check-in is recorded with its flag in one transaction too (`check_in`): neither stands without the other.
"""

from __future__ import annotations

import time as time_module
from dataclasses import replace
from datetime import date, datetime, time
from typing import Any

from pynamodb.exceptions import PutError, TransactWriteError
from pynamodb.transactions import TransactWrite

from ..domain.attendance import Fix, Session
from ..domain.checkin_guard import CheckInFlag, FlagStatus, Travel
from ..domain.errors import Conflict
from .attendance import already_recorded, check_in_update, leave_index_when_unattended, native_removal
from .conditions import condition_failed
from .history import history_json, history_of
from .models import AttendanceItem, CheckInFlagItem, transaction_connection
from .paging import decode_cursor, encode_cursor

TRANSACTION_ATTEMPTS = 3


def _stale() -> Conflict:
    return Conflict("Presensi ini telah diputuskan oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")


def sort_key(day: date, session: Session) -> str:
    return f"{day.isoformat()}#{session.value}"


def pending_sort(flag: CheckInFlag) -> str | None:
    """The queue's sort key while FLAGGED (oldest check-in first), else None (the item leaves the indexes)."""
    if flag.status is not FlagStatus.FLAGGED:
        return None
    return f"{flag.at.isoformat()}#{flag.nip}#{flag.session.value}"


def travel_json(move: Travel | None) -> dict[str, Any] | None:
    if move is None:
        return None
    return {
        "from_day": move.from_day.isoformat(),
        "from_session": move.from_session.value,
        "distance_m": round(move.distance_m),
        "elapsed_s": round(move.elapsed_s),
        "speed_kmh": None if move.speed_kmh is None else round(move.speed_kmh, 1),
    }


def travel_of(raw: dict[str, Any] | None) -> Travel | None:
    if not raw:
        return None
    speed = raw.get("speed_kmh")
    return Travel(
        date.fromisoformat(raw["from_day"]),
        Session(raw["from_session"]),
        float(raw["distance_m"]),
        float(raw["elapsed_s"]),
        None if speed is None else float(speed),
    )


def to_item(flag: CheckInFlag) -> CheckInFlagItem:
    sort = pending_sort(flag)
    item = CheckInFlagItem(
        nip=flag.nip,
        sk=sort_key(flag.day, flag.session),
        skpd_id=flag.skpd_id,
        satker_id=flag.satker_id,
        day=flag.day.isoformat(),
        session=flag.session.value,
        at=flag.at.isoformat(),
        reasons=list(flag.reasons),
        status=flag.status.value,
        distance_m=flag.distance_m,
        accuracy_m=flag.accuracy_m,
        travel=travel_json(flag.travel),
        selfie_key=flag.selfie_key,
        decided_by=flag.decided_by,
        decided_at=flag.decided_at.isoformat() if flag.decided_at else None,
        note=flag.note,
        history=history_json(flag.history),
        pending_skpd=flag.skpd_id if sort else None,
        pending_all=FlagStatus.FLAGGED.value if sort else None,
        pending_sort=sort,
    )
    if flag.version:
        item.version = flag.version
    return item


def to_flag(item: CheckInFlagItem) -> CheckInFlag:
    return CheckInFlag(
        nip=item.nip,
        skpd_id=item.skpd_id,
        satker_id=item.satker_id,
        day=date.fromisoformat(item.day),
        session=Session(item.session),
        at=datetime.fromisoformat(item.at),
        reasons=tuple(item.reasons or ()),
        status=FlagStatus(item.status),
        distance_m=None if item.distance_m is None else int(item.distance_m),
        accuracy_m=None if item.accuracy_m is None else int(item.accuracy_m),
        travel=travel_of(item.travel),
        selfie_key=item.selfie_key,
        decided_by=item.decided_by,
        decided_at=datetime.fromisoformat(item.decided_at) if item.decided_at else None,
        note=item.note,
        history=history_of(item.history),
        version=int(item.version),
    )


class DynamoCheckInFlags:
    """Implements `CheckInFlagRepository` (see `protocols.py`)."""

    def get(self, nip: str, day: date, session: Session) -> CheckInFlag | None:
        try:
            return to_flag(CheckInFlagItem.get(nip, sort_key(day, session), consistent_read=True))
        except CheckInFlagItem.DoesNotExist:
            return None

    def add(self, flag: CheckInFlag) -> CheckInFlag:
        """Put a new flag; one a session a day (a second is a 409)."""
        item = to_item(replace(flag, version=0))
        try:
            item.save(condition=CheckInFlagItem.sk.does_not_exist())
        except PutError as exc:
            if condition_failed(exc):
                raise Conflict("Presensi ini sudah ditandai.", code="ALREADY_FLAGGED") from None
            raise
        return replace(flag, version=int(item.version))

    def check_in(self, flag: CheckInFlag, at: time, distance_m: float | None, fix: Fix | None) -> CheckInFlag:
        """Record the flagged native check-in and its flag in ONE TransactWriteItems: the attendance update under
        its condition (`store.attendance.check_in_update`) and the flag's put (one a session a day). A failing
        condition writes neither (409 ``ALREADY_CHECKED_IN``/``_OUT``, or ``ALREADY_FLAGGED``)."""
        unit = (flag.skpd_id, flag.satker_id)
        day, actions, condition = check_in_update(
            flag.nip, unit, flag.day, flag.session, at, distance_m, fix, flag.selfie_key
        )
        item = to_item(replace(flag, version=0))
        for attempt in range(TRANSACTION_ATTEMPTS):
            try:
                with TransactWrite(connection=transaction_connection()) as transaction:
                    transaction.update(day, actions=actions, condition=condition)
                    transaction.save(item, condition=CheckInFlagItem.sk.does_not_exist())
            except TransactWriteError as exc:
                reasons = [getattr(r, "code", None) for r in (exc.cancellation_reasons or [])]
                # one reason per action, in the order PynamoDB sends them: the puts (the flag), then the updates
                failed = {i for i, code in enumerate(reasons) if code == "ConditionalCheckFailed"}
                if 1 in failed:  # the attendance update: already checked in, or rejected by HR
                    raise already_recorded(flag.session) from None
                if 0 in failed:
                    raise Conflict("Presensi ini sudah ditandai.", code="ALREADY_FLAGGED") from None
                if "TransactionConflict" in reasons and attempt + 1 < TRANSACTION_ATTEMPTS:
                    time_module.sleep(0.05 * (attempt + 1))
                    continue
                raise
            break
        return replace(flag, version=1)

    def decide(self, old: CheckInFlag, new: CheckInFlag) -> CheckInFlag:
        """The decision, version-checked; a rejection takes the session's native check-in off its day with it."""
        item = to_item(replace(new, version=old.version))
        for attempt in range(TRANSACTION_ATTEMPTS):
            try:
                with TransactWrite(connection=transaction_connection()) as transaction:
                    transaction.save(item)
                    if new.status is FlagStatus.REJECTED:
                        day = AttendanceItem(nip=new.nip, day=new.day.isoformat())
                        transaction.update(day, actions=native_removal(new.session))
            except TransactWriteError as exc:
                reasons = [getattr(r, "code", None) for r in (exc.cancellation_reasons or [])]
                if "ConditionalCheckFailed" in reasons:
                    raise _stale() from None
                if "TransactionConflict" in reasons and attempt + 1 < TRANSACTION_ATTEMPTS:
                    time_module.sleep(0.05 * (attempt + 1))
                    continue
                raise
            break
        if new.status is FlagStatus.REJECTED:
            leave_index_when_unattended(new.nip, new.day)
        return replace(new, version=old.version + 1)

    def pending(self, skpd_id: str | None, cursor: str | None, limit: int) -> tuple[list[CheckInFlag], str | None]:
        """What waits for HR of ``skpd_id`` (None: every SKPD), oldest check-in first."""
        index, partition = (
            (CheckInFlagItem.by_pending, FlagStatus.FLAGGED.value)
            if skpd_id is None
            else (CheckInFlagItem.by_skpd_pending, skpd_id)
        )
        scope = f"checkin_flags.{index.Meta.index_name}:{partition}"
        result = index.query(partition, limit=limit, last_evaluated_key=decode_cursor(cursor, scope))
        items = [to_flag(i) for i in result]
        return items, encode_cursor(result.last_evaluated_key, scope)

    def count_pending(self, skpd_id: str | None) -> int:
        if skpd_id is None:
            return int(CheckInFlagItem.by_pending.count(FlagStatus.FLAGGED.value))
        return int(CheckInFlagItem.by_skpd_pending.count(skpd_id))
