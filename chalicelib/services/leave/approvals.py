"""The approvers' part of leave, which the one decision mechanism (`services/decisions/kinds/leave.py`) calls: a
request by id, the numbering officer's letter number, and the pending requests that follow an employee to a new
supervisor. The consideration and the decision themselves are the domain's steps applied through
`LeaveBase.transition`.

Apart because it is what the supervisor, the granting official and the numbering officer reach, through the
decision mechanism and the supervisor moves, never through the leave routes."""

from __future__ import annotations

from dataclasses import replace

from ...domain.accounts import Actor
from ...domain.attendance import local_now
from ...domain.errors import Conflict
from ...domain.leave import LeaveRequest, LeaveStatus, give_number, letter_number, move_to_supervisor, series_name
from .shared import LeaveBase

#: the two steps of deciding a request, as the decision kinds name them
CONSIDERATION, DECISION = "CONSIDERATION", "DECISION"


class ApprovalLeave(LeaveBase):
    """What the approvers' and the numbering officer's decisions, and a supervisor change, need of leave."""

    def request(self, leave_id: str) -> LeaveRequest:
        """A request by id (404 when absent)."""
        return self._get(leave_id)

    def give_letter_number(self, leave: LeaveRequest, actor: Actor) -> LeaveRequest:
        """The next number of the SKPD's series of this year, written onto the request in one transaction."""
        settings = self._settings.get(leave.skpd_id)
        today = local_now(self._clock(), actor.timezone.iana).date()

        def make(current: LeaveRequest, seq: int) -> LeaveRequest:
            number = letter_number(settings.number_format, seq, current.skpd_id, today)
            return give_number(current, number, seq, by=actor.nip, at=self._clock())

        return self._leave.number(leave.leave_id, series_name(leave.skpd_id, today.year), make)

    def move_pending(self, nip: str, supervisor_nip: str | None, *, by: str) -> int:
        """The employee's requests waiting for consideration follow them to their new supervisor."""
        if not supervisor_nip:
            return 0
        employee = self._employees.get(nip)
        if employee is None:
            return 0
        moved = 0
        for leave in self._leave.of_employee(nip):
            if leave.status is not LeaveStatus.PENDING_CONSIDERATION or leave.supervisor_nip == supervisor_nip:
                continue
            new_supervisor, official = self._approvers(replace(employee, supervisor_nip=supervisor_nip))
            try:
                self._leave.save(move_to_supervisor(leave, new_supervisor, official, by=by, at=self._clock()))
                moved += 1
            except Conflict:
                continue  # decided or changed meanwhile: that change wins
        return moved
