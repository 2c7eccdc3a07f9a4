"""DynamoDB stream records decoded into domain objects, so handlers and services never see storage items."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from ..domain.complaints import Complaint
from ..domain.leave import LeaveRequest
from ..domain.records import CareerRecord
from ..domain.reports import Report
from .complaints import to_complaint
from .employees import to_employee
from .models import ComplaintItem, EmployeeItem, RecordItem, ReportItem
from .protocols import EmployeeImage, SealedNotice
from .records import to_record
from .reports import to_report

_T = TypeVar("_T")
#: an item image as a stream record carries it (DynamoDB JSON: ``{"nip": {"S": "…"}, …}``)
Image = Mapping[str, Any]


def employee_image(image: Image) -> EmployeeImage:
    item = EmployeeItem.from_raw_data(dict(image))
    notice_id = item.credential_notice_id
    notice = SealedNotice(notice_id, item.credential_notice or "") if notice_id else None
    return EmployeeImage(to_employee(item), notice)


def report_image(image: Image) -> Report:
    return to_report(ReportItem.from_raw_data(dict(image)))


def complaint_image(image: Image) -> Complaint:
    return to_complaint(ComplaintItem.from_raw_data(dict(image)))


def record_image(image: Image) -> CareerRecord:
    return to_record(RecordItem.from_raw_data(dict(image)))


def leave_image(image: Image) -> LeaveRequest:
    from .leave import to_leave
    from .models import LeaveItem

    return to_leave(LeaveItem.from_raw_data(dict(image)))


def images(record: Mapping[str, Any], decode: Callable[[Image], _T]) -> tuple[_T | None, _T | None]:
    """The old and new images of a Lambda stream record, decoded (``None`` where absent)."""
    data = record["dynamodb"]
    old, new = data.get("OldImage"), data.get("NewImage")
    return (decode(old) if old else None, decode(new) if new else None)
