"""A month of one employee's "Progres Harian" for e-Kinerja, as JSON, CSV or an Excel workbook.

Answered directly rather than through the export queue: one employee's month is at most a few dozen reports (one
`reports.by_owner` Query page or two), built in milliseconds, so a job, a queue message and a poll would only add
waiting. JSON comes in the answer; a file is written to the bucket under ``exports/`` (removed after 7 days by the
bucket's rule, as the queued exports are) and answered with a short-lived link, because the API answers JSON.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from ...domain.accounts import Actor, require_hr_over
from ...domain.ekinerja import (
    COLUMNS,
    EXPORTED_STATUSES,
    DailyProgress,
    ProgressFormat,
    csv_text,
    month_bounds,
    progress_json,
    progress_of,
    row_cells,
)
from ...domain.errors import Forbidden
from ...domain.reports import Report, ReportStatus
from ...store.protocols import EmployeeRepository, ReportRepository

if TYPE_CHECKING:
    from ...integrations.storage import ObjectStore
    from ...schemas import EkinerjaExportQuery
    from ..skp import RhkLinks

PAGE = 100
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ProgressExport:
    def __init__(
        self,
        reports: ReportRepository,
        employees: EmployeeRepository,
        rhk: RhkLinks,
        objects: ObjectStore,
        *,
        app_url: str,
        url_ttl: int,
    ) -> None:
        self._reports, self._employees, self._rhk, self._objects = reports, employees, rhk, objects
        self._app_url, self._url_ttl = app_url, url_ttl

    def export(self, actor: Actor, params: EkinerjaExportQuery) -> dict[str, Any]:
        """The month's rows (``format`` json), or a link to the CSV or workbook. Statuses: APPROVED and SUBMITTED,
        or the one ``status`` names."""
        nip = params.nip or actor.nip
        self._require_reader(actor, nip)
        first, last = month_bounds(params.month)
        wanted = (params.status,) if params.status else EXPORTED_STATUSES
        rows = self.rows(nip, first, last, wanted)
        month = f"{first:%Y-%m}"
        body: dict[str, Any] = {"nip": nip, "month": month, "statuses": [s.value for s in wanted]}
        fmt = (params.format or ProgressFormat.JSON).value
        if fmt == "json":
            return {**body, "items": [progress_json(p) for p in rows]}
        name = f"ekinerja-progres-harian-{nip}-{month}.{fmt}"
        data = csv_text(rows).encode("utf-8") if fmt == "csv" else _workbook(rows)
        key = f"exports/ekinerja-{uuid.uuid4().hex}.{fmt}"
        self._objects.put_bytes(key, data, CONTENT_TYPES[fmt])
        url = self._objects.presigned_get(key, self._url_ttl, name)
        return {**body, "file_name": name, "url": url, "expires_in": self._url_ttl}

    def rows(self, nip: str, first: Any, last: Any, statuses: tuple[ReportStatus, ...]) -> list[DailyProgress]:
        """The employee's reports of those days in those statuses, by date and start time."""
        found: list[Report] = []
        cursor: str | None = None
        while True:
            page, cursor = self._reports.list_own(
                nip, first=first, last=last, status=None, text=None, cursor=cursor, limit=PAGE
            )
            found += [r for r in page if r.status in statuses]
            if not cursor:
                break
        found.sort(key=lambda r: (r.content.day, r.content.start, r.report_id))
        years = {r.content.day.year for r in found if r.content.rhk_id}
        texts = self._rhk.texts(nip, years) if years else {}
        return [progress_of(r, texts.get(r.content.rhk_id or ""), self.report_link(r.report_id)) for r in found]

    def progress(self, report: Report) -> DailyProgress:
        """One report's progress (what the handoff sends)."""
        rhk_id = report.content.rhk_id
        texts = self._rhk.texts(report.nip, {report.content.day.year}) if rhk_id else {}
        return progress_of(report, texts.get(rhk_id or ""), self.report_link(report.report_id))

    def report_link(self, report_id: str) -> str:
        return f"{self._app_url}/laporan/{report_id}"

    def _require_reader(self, actor: Actor, nip: str) -> None:
        """The employee, their direct supervisor, or HR of their SKPD (BKD, the admin), as for exports and recaps."""
        if nip == actor.nip:
            return
        employee = self._employees.get(nip)
        if employee is not None and employee.supervisor_nip == actor.nip:
            return
        try:
            require_hr_over(actor, employee)
        except Forbidden:
            raise Forbidden("Anda tidak berhak mengunduh progres harian pegawai ini.") from None


def _workbook(rows: list[DailyProgress]) -> bytes:
    from ...documents import excel

    columns = [(header, width, excel.DATE_FORMAT if n == 0 else None) for n, (header, width) in enumerate(COLUMNS)]
    return excel.workbook_bytes([("Progres Harian", columns, (row_cells(p) for p in rows))])
