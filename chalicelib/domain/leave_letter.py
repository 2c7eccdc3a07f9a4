"""What a leave letter shows besides the request (the form annexed to Peraturan BKN 24/2017).

The leave service gathers it (`services/leave/employee.py`), the letter's PDF and workbook render it
(`documents/leave_letter.py`): a value of the domain, so neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass

from .accounts import Employee
from .leave import LeaveRequest, LeaveType


@dataclass(frozen=True)
class Letter:
    """The people, the SKPD, the balances of the form, beside the request itself."""

    leave: LeaveRequest
    employee: Employee
    supervisor: Employee | None
    official: Employee | None
    skpd_name: str
    satker_name: str
    city: str
    service: tuple[int, int]  # masa kerja: years, months
    other_taken: dict[LeaveType, int]  # working days of each other type approved in the year
