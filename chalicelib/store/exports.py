"""Export jobs, and the complete reads an export needs (every page, in the worker only)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from pynamodb.models import Model

from ..domain.accounts import Employee
from ..domain.exports import ExportJob, ReportLine, dates_between
from ..domain.reports import ReportStatus
from ..integrations.aws import bulk_dynamodb
from .attendance import DynamoAttendanceRepository
from .employees import to_employee
from .models import AttendanceItem, EmployeeItem, ExportJobItem, ReportItem
from .schema import REPORT_LINE_ATTRIBUTES

JOB_RETENTION = timedelta(days=7)
READERS = 4  # Queries in flight at once: measured best at 4-6 against DynamoDB Local on 2 cores
LINE_ATTRIBUTES = ["report_id", *REPORT_LINE_ATTRIBUTES]

_T = TypeVar("_T")
_R = TypeVar("_R")


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

    def get(self, job_id: str) -> ExportJob | None:
        try:
            item = ExportJobItem.get(job_id, consistent_read=True)
        except ExportJobItem.DoesNotExist:
            return None
        return ExportJob(
            job_id=item.job_id,
            owner_nip=item.owner_nip,
            status=item.status,
            request=dict(item.request),
            file_key=item.file_key,
            file_name=item.file_name,
            error=item.error,
        )

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
    """Whole result sets for a period, for the export worker (every page).

    Recaps read tens of thousands of items, so these reads are shaped for speed: the satker indexes
    project only what a recap shows, a date range is read as one Query per day with several days in
    flight, and items come back as DynamoDB JSON (`integrations.aws.bulk_dynamodb`) turned straight
    into domain values.
    """

    def __init__(self, readers: int = READERS) -> None:
        self._readers = readers

    def report_lines_of(self, nips: list[str], first: date, last: date) -> list[ReportLine]:
        """The reports of each employee in ``nips`` dated ``first`` to ``last`` (one Query each)."""

        def of(nip: str) -> list[ReportLine]:
            found = _query(ReportItem, "by_owner", ("owner_nip", nip), ("owner_sort", first, last), LINE_ATTRIBUTES)
            return [to_line(i) for i in found]

        return [line for lines in self._parallel(of, nips) for line in lines]

    def report_days_of_satker(
        self, skpd_id: str, satker_id: str, first: date, last: date
    ) -> Iterator[list[ReportLine]]:
        """A satker's reports of each day from ``first`` to ``last``, a list per day in date order.

        Days are fetched ahead, ``readers`` at a time, while the caller works on the ones already here.
        """
        key = ("satker_key", f"{skpd_id}#{satker_id}")

        def on(day: date) -> list[ReportLine]:
            found = _query(ReportItem, "by_satker_day", key, ("satker_sort", day, day), LINE_ATTRIBUTES)
            return [to_line(i) for i in found]

        with ThreadPoolExecutor(max_workers=self._readers) as pool:
            yield from pool.map(on, dates_between(first, last))

    def attended_in_satker(self, skpd_id: str, satker_id: str, first: date, last: date) -> dict[str, set[date]]:
        """NIP → the days from ``first`` to ``last`` with attendance recorded in the satker."""
        key = ("satker_key", f"{skpd_id}#{satker_id}")

        def on(day: date) -> list[str]:
            return [
                i["nip"]["S"] for i in _query(AttendanceItem, "by_satker_day", key, ("satker_sort", day, day), ["nip"])
            ]

        days = dates_between(first, last)
        attended: dict[str, set[date]] = {}
        for day, nips in zip(days, self._parallel(on, days), strict=True):
            for nip in nips:
                attended.setdefault(nip, set()).add(day)
        return attended

    def attended_of(self, nips: list[str], first: date, last: date) -> dict[str, set[date]]:
        """NIP → the days from ``first`` to ``last`` with attendance from any source (one Query each)."""
        days = DynamoAttendanceRepository().between
        return {nip: {d.day for d in days(nip, first, last) if d.attended} for nip in nips}

    def subordinates(self, nip: str) -> list[Employee]:
        return [to_employee(i) for i in EmployeeItem.by_supervisor.query(nip)]

    def staff(self, skpd_id: str, satker_id: str | None) -> list[Employee]:
        condition = EmployeeItem.satker_nip.startswith(f"SATKER#{satker_id}#") if satker_id else None
        return [to_employee(i) for i in EmployeeItem.by_skpd.query(skpd_id, condition)]

    def _parallel(self, read: Callable[[_T], _R], keys: Iterable[_T]) -> list[_R]:
        """``read`` of every key, in order, ``readers`` at a time (each waits on the network)."""
        with ThreadPoolExecutor(max_workers=self._readers) as pool:
            return list(pool.map(read, keys))


def to_line(item: dict[str, dict[str, str]]) -> ReportLine:
    """A report line from an item as DynamoDB's JSON has it."""
    rating, hints = item.get("rating"), item.get("hints")
    return ReportLine(
        report_id=item["report_id"]["S"],
        nip=item["nip"]["S"],
        day=date.fromisoformat(item["day"]["S"]),
        start=time.fromisoformat(item["start_time"]["S"]),
        end=time.fromisoformat(item["end_time"]["S"]),
        title=item["title"]["S"],
        description=item["description"]["S"],
        output=item["output"]["S"],
        status=ReportStatus(item["status"]["S"]),
        rating=int(rating["N"]) if rating else None,
        hints=tuple(json.loads(hints["S"])) if hints else (),
    )


def _query(
    model: type[Model],
    index: str | None,
    hash_key: tuple[str, str],
    sort_range: tuple[str, date, date],
    attributes: list[str],
) -> Iterator[dict[str, Any]]:
    """Every item whose sort key starts with a date of the range (the sort keys are "<date>[#...]"), paged."""
    sort_name, first, last = sort_range
    names = {f"#a{n}": name for n, name in enumerate(attributes)}
    names.update({"#h": hash_key[0], "#s": sort_name})
    params: dict[str, Any] = {
        "TableName": model.Meta.table_name,
        "KeyConditionExpression": "#h = :h AND #s BETWEEN :first AND :last",
        "ProjectionExpression": ", ".join(n for n in names if n.startswith("#a")),
        "ExpressionAttributeNames": names,
        "ExpressionAttributeValues": {
            ":h": {"S": hash_key[1]},
            ":first": {"S": first.isoformat()},
            ":last": {"S": f"{last.isoformat()}#~"},  # "~" sorts after any "#<rest>" of that date
        },
    }
    if index:
        params["IndexName"] = index
    client = bulk_dynamodb()
    while True:
        page = client.query(**params)
        yield from page["Items"]
        if "LastEvaluatedKey" not in page:
            return
        params["ExclusiveStartKey"] = page["LastEvaluatedKey"]
