"""The check-in's fraud checks around the attendance write (issue 20): before it, the accuracy of the fix, the
selfie a satker requires, a session HR already rejected, and impossible travel since the previous check-in; with
it, the flag a doubtful check-in carries to HR (decision kind ``checkin_flag``), written in the same transaction
(`record`): a check-in never stands unflagged because a second write failed. The rules are
`domain.checkin_guard`'s; the SKPD's speed limit and selfie satkers are its `CheckInRules`."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from ..domain.accounts import Actor
from ..domain.attendance import AttendanceDay, Fix, Session
from ..domain.checkin_guard import (
    CheckInFlag,
    FlagReason,
    Travel,
    check_accuracy,
    impossible_travel,
    previous_fix,
    rejected_again,
    travel,
)
from ..domain.checkin_rules import CheckInRules
from ..domain.organisation import Satker
from ..domain.selfie import SELFIE_TYPES, invalid_selfie, read_selfie
from ..store.protocols import CheckInFlagRepository

if TYPE_CHECKING:
    from ..integrations.storage import ObjectStore
    from ..schemas import CheckIn

#: whether bytes decode whole as an image of the content type (`integrations.images.decodes_as`)
ImageCheck = Callable[[bytes, str], bool]


@dataclass
class Screening:
    """What the checks before the write found: the fix to keep, the flag reasons so far (the device check adds
    its own), the move since the previous check-in, the selfie's key."""

    fix: Fix | None
    accuracy_m: float | None
    reasons: list[str] = field(default_factory=list)
    travel: Travel | None = None
    selfie: tuple[bytes, str] | None = None  # checked by content, stored by `keep_selfie`
    selfie_key: str | None = None


class CheckInGuard:
    def __init__(
        self,
        flags: CheckInFlagRepository,
        objects: ObjectStore | None = None,
        image_check: ImageCheck | None = None,
    ) -> None:
        self._flags = flags
        self._objects, self._image_check = objects, image_check  # selfies: the data bucket, the decode check

    def screen(
        self,
        actor: Actor,
        satker: Satker,
        body: CheckIn,
        rules: CheckInRules,
        now: datetime,
        day: date,
        recent: Sequence[AttendanceDay],
    ) -> Screening:
        """Refuse what must not be recorded (a session HR rejected, a coarse fix, a missing or bad selfie), and
        collect why the rest should be flagged. ``now``: UTC; ``day``: the employee's local date; ``recent``: the
        employee's latest days up to ``day`` (`AttendanceRepository.recent`, read once by the check-in): today's
        day carries HR's rejection (`native_rejected`), the others the previous check-in."""
        session = Session(body.session)
        today = next((d for d in recent if d.day == day), None)
        if today is not None and session in today.native_rejected:
            raise rejected_again(session)
        accuracy = check_accuracy(satker.office, body.accuracy_m)
        fix = None
        if body.latitude is not None and body.longitude is not None:
            fix = Fix(body.latitude, body.longitude, now, accuracy)
        found = Screening(fix, accuracy)
        if fix is not None:
            previous = previous_fix(recent, day, session)
            if previous is not None:
                move = travel(previous[2], fix, previous[0], previous[1])
                if impossible_travel(move, rules.max_speed_kmh):
                    found.reasons.append(FlagReason.IMPOSSIBLE_TRAVEL.value)
                    found.travel = move
        found.selfie = read_selfie(body.selfie, required=rules.selfie_required(actor.satker_id))
        if found.selfie is not None and self._image_check is not None and not self._image_check(*found.selfie):
            raise invalid_selfie()
        return found

    def keep_selfie(self, actor: Actor, found: Screening, day: date, session: Session) -> str | None:
        """Store the checked selfie under a key of its own, never written again (``selfies/<nip>/<date>/…``),
        just before the check-in is recorded; answers the key."""
        if found.selfie is None or self._objects is None:
            return None
        data, kind = found.selfie
        key = f"selfies/{actor.nip}/{day.isoformat()}/{session.value}-{uuid.uuid4().hex}{SELFIE_TYPES[kind]}"
        self._objects.put_bytes(key, data, kind)
        found.selfie_key = key
        return key

    def flag_of(
        self,
        actor: Actor,
        day: date,
        session: Session,
        now: datetime,
        found: Screening,
        reasons: list[str],
        distance: float | None,
    ) -> CheckInFlag | None:
        """The flag a check-in with ``reasons`` (the screening's and the device check's) carries to HR of the
        employee's SKPD (None: nothing to flag); `record` writes it with the check-in."""
        if not reasons:
            return None
        return CheckInFlag(
            nip=actor.nip,
            skpd_id=actor.skpd_id,
            satker_id=actor.satker_id,
            day=day,
            session=session,
            at=now,
            reasons=tuple(dict.fromkeys(reasons)),
            distance_m=None if distance is None else round(distance),
            accuracy_m=None if found.accuracy_m is None else round(found.accuracy_m),
            travel=found.travel,
            selfie_key=found.selfie_key,
        )

    def record(self, flag: CheckInFlag, at: time, distance: float | None, fix: Fix | None) -> CheckInFlag:
        """Record the flagged check-in and its flag together (one transaction): never one without the other."""
        return self._flags.check_in(flag, at, distance, fix)
