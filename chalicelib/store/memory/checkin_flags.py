"""In-memory twin of `DynamoCheckInFlags`: a rejection takes the session's check-in off the attendance twin's day
under its lock, as DynamoDB does in one transaction."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from ...domain.attendance import Fix, Session
from ...domain.checkin_guard import CheckInFlag, FlagStatus
from ...domain.errors import Conflict
from .attendance import InMemoryAttendanceRepository
from .paging import page


class InMemoryCheckInFlags:
    """Behaves like `DynamoCheckInFlags`."""

    def __init__(self, attendance: InMemoryAttendanceRepository) -> None:
        self._days = attendance
        self._items: dict[tuple[str, date, Session], CheckInFlag] = {}

    def get(self, nip: str, day: date, session: Session) -> CheckInFlag | None:
        return self._items.get((nip, day, session))

    def add(self, flag: CheckInFlag) -> CheckInFlag:
        key = (flag.nip, flag.day, flag.session)
        with self._days.lock:
            if key in self._items:
                raise Conflict("Presensi ini sudah ditandai.", code="ALREADY_FLAGGED")
            saved = replace(flag, version=1)
            self._items[key] = saved
            return saved

    def check_in(self, flag: CheckInFlag, at: time, distance_m: float | None, fix: Fix | None) -> CheckInFlag:
        """The check-in and its flag together, or neither (DynamoDB: one transaction)."""
        key = (flag.nip, flag.day, flag.session)
        with self._days.lock:
            self._days.refuse_twice(flag.nip, flag.day, flag.session)  # the transaction's first condition
            if key in self._items:
                raise Conflict("Presensi ini sudah ditandai.", code="ALREADY_FLAGGED")
            unit = (flag.skpd_id, flag.satker_id)
            self._days.check_in(flag.nip, unit, flag.day, flag.session, at, distance_m, fix, flag.selfie_key)
            saved = replace(flag, version=1)
            self._items[key] = saved
            return saved

    def decide(self, old: CheckInFlag, new: CheckInFlag) -> CheckInFlag:
        key = (new.nip, new.day, new.session)
        with self._days.lock:
            stored = self._items.get(key)
            if stored is None or stored.version != old.version:
                raise Conflict(
                    "Presensi ini telah diputuskan oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT"
                )
            if new.status is FlagStatus.REJECTED:
                self._days.remove_native(new.nip, new.day, new.session)
            saved = replace(new, version=old.version + 1)
            self._items[key] = saved
            return saved

    def pending(self, skpd_id: str | None, cursor: str | None, limit: int) -> tuple[list[CheckInFlag], str | None]:
        waiting = [
            f
            for f in self._items.values()
            if f.status is FlagStatus.FLAGGED and (skpd_id is None or f.skpd_id == skpd_id)
        ]
        scope = f"checkin_flags:{skpd_id or '*'}"
        return page(waiting, lambda f: (f.at.isoformat(), f.nip, f.session.value), cursor, limit, scope)

    def count_pending(self, skpd_id: str | None) -> int:
        return len(self.pending(skpd_id, None, 10**6)[0])
