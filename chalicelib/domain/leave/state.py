"""What the store keeps beside the requests: per employee, the days their leave holds (with HR's opening
balances and cuti bersama worked, and the revision each leave write is conditional on); per SKPD, the settings.

Apart because these are the shapes of the store's consistency (one conditional write per employee), read by the
store and the services, not rules of a request."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from .days import dates
from .kinds import LeaveRequest, LeaveStatus, LeaveType
from .numbering import DEFAULT_NUMBER_FORMAT


@dataclass(frozen=True)
class LeaveCalendar:
    """An employee's held days: every day of their pending and approved leave, with that leave's type and status;
    HR's opening balances and cuti bersama worked by duty; and the revision every leave write of the employee is
    conditional on."""

    nip: str
    days: Mapping[date, str] = field(default_factory=dict)  # day → leave id
    leaves: Mapping[str, tuple[LeaveType, LeaveStatus]] = field(default_factory=dict)
    opening: Mapping[int, int] = field(default_factory=dict)
    revision: int = 0
    bersama_worked: Mapping[int, int] = field(default_factory=dict)  # year → cuti bersama days worked by duty

    def on(self, day: date) -> tuple[str, LeaveType, LeaveStatus] | None:
        leave_id = self.days.get(day)
        if leave_id is None or leave_id not in self.leaves:
            return None
        kind, status = self.leaves[leave_id]
        return leave_id, kind, status

    def approved_on(self, day: date) -> bool:
        found = self.on(day)
        return found is not None and found[2] is LeaveStatus.APPROVED

    def approved_days(self, first: date, last: date) -> set[date]:
        return {d for d in dates(first, last) if self.approved_on(d)}

    def with_leave(self, leave: LeaveRequest) -> LeaveCalendar:
        """The calendar after ``leave``'s change: its days held while it is pending or approved, freed otherwise."""
        days = {d: i for d, i in self.days.items() if i != leave.leave_id}
        leaves = {i: v for i, v in self.leaves.items() if i != leave.leave_id}
        if leave.holds_days:
            days.update(dict.fromkeys(leave.days(), leave.leave_id))
            leaves[leave.leave_id] = (leave.leave_type, leave.status)
        return replace(self, days=days, leaves=leaves)


@dataclass(frozen=True)
class LeaveSettings:
    """Per SKPD: who grants leave (``None``: each employee's supervisor's supervisor) and the number format."""

    skpd_id: str
    official_nip: str | None = None
    number_format: str = DEFAULT_NUMBER_FORMAT
    version: int = 0
