"""When an employee's supervisor changes, what waits for the old supervisor follows the employee.

Driven by the employees stream (whoever changed the link: the operator's `PUT /employees/{nip}/supervisor`, a
`PATCH`, a roster file): the employee's SUBMITTED reports, their leave requests still waiting for
consideration and their SUBMITTED SKP move to the new supervisor's queue, and each item's history records the
change. Replays move nothing twice (an item already with the new supervisor is left alone); a report or request
decided meanwhile keeps that decision.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from ..domain.errors import Conflict
from ..domain.reports import SYSTEM, HistoryEntry, Report, ReportStatus, with_history
from ..store.protocols import EmployeeImage, ReportRepository

PAGE = 100


class SupervisorMoves:
    def __init__(
        self,
        reports: ReportRepository,
        move_leave: Callable[..., int],
        *,
        clock: Callable[[], datetime],
        move_skp: Callable[..., int] | None = None,
    ) -> None:
        self._reports, self._move_leave, self._clock = reports, move_leave, clock
        self._move_skp = move_skp

    def on_change(self, old: EmployeeImage | None, new: EmployeeImage | None) -> dict[str, Any]:
        if old is None or new is None:
            return {"reports": 0, "leave": 0}
        before, after = old.employee.supervisor_nip, new.employee.supervisor_nip
        if not after or before == after:
            return {"reports": 0, "leave": 0}
        nip = new.employee.nip
        moved = {"reports": self.move_reports(nip, after), "leave": self._move_leave(nip, after, by=SYSTEM)}
        if self._move_skp is not None:
            moved["skp"] = self._move_skp(nip, after, by=SYSTEM)
        return moved

    def move_reports(self, nip: str, supervisor_nip: str) -> int:
        """The employee's SUBMITTED reports go to ``supervisor_nip``'s queue (history: SUPERVISOR_CHANGED)."""
        moved, cursor = 0, None
        while True:
            page, cursor = self._reports.list_own(
                nip, first=None, last=None, status=ReportStatus.SUBMITTED, text=None, cursor=cursor, limit=PAGE
            )
            moved += sum(self._move(report, supervisor_nip) for report in page)
            if not cursor:
                return moved

    def _move(self, report: Report | None, supervisor_nip: str) -> bool:
        for _ in range(3):
            if report is None or report.status is not ReportStatus.SUBMITTED or report.supervisor_nip == supervisor_nip:
                return False  # decided meanwhile (that decision stands), or already moved
            changes = {"supervisor_nip": [report.supervisor_nip, supervisor_nip]}
            entry = HistoryEntry(self._clock(), SYSTEM, "SUPERVISOR_CHANGED", changes)
            try:
                self._reports.save(with_history(report, entry, supervisor_nip=supervisor_nip))
                return True
            except Conflict:
                report = self._reports.get(report.report_id)  # changed meanwhile: read again
        return False
