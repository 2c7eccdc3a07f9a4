"""Export jobs, and the complete reads an export needs (every page, in the worker only)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from ..domain.accounts import Employee
from ..domain.reports import Report
from .employees import to_employee
from .models import EmployeeItem, ExportJobItem, ReportItem
from .reports import to_report

JOB_RETENTION = timedelta(days=7)


class DynamoExportJobs:
    def create(self, job_id: str, owner_nip: str, request: dict[str, Any], now: datetime) -> None:
        ExportJobItem(
            job_id=job_id,
            owner_nip=owner_nip,
            status="PENDING",
            request=request,
            created_at=now.isoformat(),
            expires_at=int((now + JOB_RETENTION).timestamp()),
        ).save(ExportJobItem.job_id.does_not_exist())

    def get(self, job_id: str) -> ExportJobItem | None:
        try:
            return ExportJobItem.get(job_id, consistent_read=True)
        except ExportJobItem.DoesNotExist:
            return None

    def finish(
        self, job_id: str, now: datetime, *, key: str | None = None, name: str | None = None, error: str | None = None
    ) -> None:
        actions = [
            ExportJobItem.status.set("FAILED" if error else "DONE"),
            ExportJobItem.finished_at.set(now.isoformat()),
        ]
        if key:
            actions += [ExportJobItem.file_key.set(key), ExportJobItem.file_name.set(name)]
        if error:
            actions.append(ExportJobItem.error.set(error))
        ExportJobItem(job_id=job_id).update(actions=actions)


class ExportReads:
    """Whole result sets for a period: exports read everything in range, paging through."""

    def reports_of(self, nip: str, first: date, last: date) -> list[Report]:
        query = ReportItem.by_owner.query(
            nip, ReportItem.owner_sort.between(first.isoformat(), f"{last.isoformat()}#~")
        )
        return [to_report(i) for i in query]

    def reports_of_satker(self, skpd_id: str, satker_id: str, first: date, last: date) -> list[Report]:
        query = ReportItem.by_satker_day.query(
            f"{skpd_id}#{satker_id}", ReportItem.satker_sort.between(first.isoformat(), f"{last.isoformat()}#~")
        )
        return [to_report(i) for i in query]

    def subordinates(self, nip: str) -> list[Employee]:
        return [to_employee(i) for i in EmployeeItem.by_supervisor.query(nip)]

    def staff(self, skpd_id: str, satker_id: str | None) -> list[Employee]:
        condition = EmployeeItem.satker_nip.startswith(f"SATKER#{satker_id}#") if satker_id else None
        return [to_employee(i) for i in EmployeeItem.by_skpd.query(skpd_id, condition)]
