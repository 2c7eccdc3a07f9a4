"""Use cases of permission requests (izin, issue 20): the employee asks, lists and withdraws; the direct
supervisor (or their delegate) decides through the one verification mechanism (`decisions/kinds/permission.py`).

Every rule is the domain's (`domain.discipline.permissions`); this module reads what the rules need — today in the
employee's zone, the day's expected hours, the permissions already on that day — and stores the outcome.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ..domain.accounts import Actor, Role
from ..domain.attendance import local_now
from ..domain.discipline import KIND_LABELS, PERMISSION_STATUS_LABELS, Hours, WorkSchedule, expected_hours
from ..domain.discipline import permissions as rules
from ..domain.errors import BusinessRule, Conflict, Forbidden, NotFound
from ..domain.history import history_view
from ..domain.identity import TimeZone
from ..domain.workdays import holiday_name
from ..store.protocols import DelegationRepository, HolidayOverrides, PermissionRepository, Sequences

if TYPE_CHECKING:
    from ..schemas import PermissionInput, PermissionQuery

#: the schedule that applies to a satker (skpd_id, satker_id, the satker's zone): the stored one when HR set it
ScheduleOf = Callable[[str, str, TimeZone], WorkSchedule]


class PermissionService:
    def __init__(
        self,
        permissions: PermissionRepository,
        sequences: Sequences,
        delegations: DelegationRepository,
        holidays: HolidayOverrides,
        *,
        schedule_of: ScheduleOf,
        clock: Callable[[], datetime],
    ) -> None:
        self._permissions, self._sequences, self._delegations = permissions, sequences, delegations
        self._holidays, self._schedule_of, self._clock = holidays, schedule_of, clock

    # -- the employee ------------------------------------------------------------------------------------

    def request(self, actor: Actor, body: PermissionInput) -> dict[str, Any]:
        """Ask for a permission: the domain's rules on the day's expected hours, then one put conditional on the day's
        next slot being free (a request racing for the same day gets 409 instead of a duplicate)."""
        today = self._today(actor)
        asked = rules.PermissionRequest(body.kind, body.date, body.reason, body.start, body.end)
        checked = rules.check_request(asked, today=today, expected=self._expected(actor, asked.day))
        that_day = self._permissions.between(actor.nip, checked.day, checked.day)
        rules.check_no_duplicate(checked, that_day)
        if not actor.supervisor_nip:
            raise BusinessRule(
                "Anda belum memiliki atasan langsung; hubungi operator SKPD untuk menetapkannya.", code="NO_SUPERVISOR"
            )
        number = self._sequences.next(rules.reference_series(today.year))
        permission = rules.Permission(
            permission_id=rules.permission_id(
                actor.nip, checked.day, rules.slot_token(len(that_day), uuid.uuid4().hex)
            ),
            reference=rules.reference(today.year, number),
            nip=actor.nip,
            skpd_id=actor.skpd_id,
            satker_id=actor.satker_id,
            kind=checked.kind,
            day=checked.day,
            reason=checked.reason,
            status=rules.PermissionStatus.SUBMITTED,
            submitted_at=self._clock(),
            start=checked.start,
            end=checked.end,
            supervisor_nip=actor.supervisor_nip,
        )
        return self.view(self._permissions.add(permission))

    def list_own(self, actor: Actor, params: PermissionQuery) -> dict[str, Any]:
        """Own permissions, newest date first."""
        items, cursor = self._permissions.list_own(
            actor.nip, first=params.from_, last=params.to, cursor=params.cursor, limit=params.limit or 20
        )
        return {"items": [self.view(p, with_history=False) for p in items], "next_cursor": cursor}

    def get(self, actor: Actor, permission_id: str) -> dict[str, Any]:
        """The employee, the supervisor who decides it (or their delegate), HR of the SKPD, BKD and the admin."""
        permission = self.permission(permission_id)
        if not self._may_read(actor, permission):
            raise Forbidden("Anda tidak berhak melihat izin ini.")
        return self.view(permission)

    def withdraw(self, actor: Actor, permission_id: str, version: int) -> dict[str, Any]:
        """The employee takes back a request nobody has decided yet (the version last read)."""
        permission = self.permission(permission_id)
        withdrawn = rules.withdraw(permission, by=actor.nip, at=self._clock())  # the owner, while submitted
        if version != permission.version:
            raise _stale()
        return self.view(self._permissions.save(withdrawn))

    # -- views and helpers -------------------------------------------------------------------------------

    def view(self, permission: rules.Permission, *, with_history: bool = True) -> dict[str, Any]:
        body: dict[str, Any] = {
            "permission_id": permission.permission_id,
            "reference": permission.reference,
            "nip": permission.nip,
            "skpd_id": permission.skpd_id,
            "satker_id": permission.satker_id,
            "kind": permission.kind.value,
            "kind_label": KIND_LABELS[permission.kind],
            "date": permission.day.isoformat(),
            "start": f"{permission.start:%H:%M}" if permission.start else None,
            "end": f"{permission.end:%H:%M}" if permission.end else None,
            "reason": permission.reason,
            "status": permission.status.value,
            "status_label": PERMISSION_STATUS_LABELS[permission.status],
            "submitted_at": permission.submitted_at.isoformat(),
            "supervisor_nip": permission.supervisor_nip,
            "decided_by": permission.decided_by,
            "decided_at": permission.decided_at.isoformat() if permission.decided_at else None,
            "note": permission.note,
            "version": permission.version,
        }
        if with_history:
            body["history"] = history_view(permission.history)
        return body

    def permission(self, permission_id: str) -> rules.Permission:
        found = self._permissions.get(permission_id)
        if found is None:
            raise NotFound("Izin tidak ditemukan.", code="PERMISSION_NOT_FOUND")
        return found

    def _expected(self, actor: Actor, day: date) -> Hours | None:
        schedule = self._schedule_of(actor.skpd_id, actor.satker_id, actor.timezone)
        overrides = self._holidays.for_year(day.year)
        holidays = {day} if holiday_name(day, overrides) else set()
        return expected_hours(schedule, day, holidays)

    def _may_read(self, actor: Actor, permission: rules.Permission) -> bool:
        if actor.nip in (permission.nip, permission.supervisor_nip) or actor.is_admin or actor.has(Role.BKD):
            return True
        if actor.has(Role.KEPEGAWAIAN) and actor.skpd_id == permission.skpd_id:
            return True
        today = self._today(actor)
        held = {d.delegator_nip for d in self._delegations.held_by(actor.nip, today) if d.active_on(today)}
        return permission.supervisor_nip in held

    def _today(self, actor: Actor) -> date:
        return local_now(self._clock(), actor.timezone.iana).date()


def _stale() -> Conflict:
    return Conflict("Izin ini telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")
