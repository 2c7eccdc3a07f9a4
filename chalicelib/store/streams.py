"""DynamoDB stream records decoded into domain objects, so handlers and services never see storage items."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from ..domain.complaints import Complaint
from ..domain.discipline.permissions import Permission
from ..domain.leave import LeaveRequest
from ..domain.quarter_assessment import Assessment
from ..domain.records import CareerRecord
from ..domain.reports import Report
from ..domain.skp import ApprovedVersion, Skp
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


def skp_image(image: Image) -> Skp | Assessment | ApprovedVersion:
    """An item of the `skp` table: the SKP's head, a quarter's assessment (``Q#<q>``) or an approved version."""
    from ..domain.quarter_assessment import ITEM_PREFIX
    from .assessments import to_assessment
    from .models import SkpItem
    from .skp import HEAD, to_skp, to_version

    item = SkpItem.from_raw_data(dict(image))
    if item.item == HEAD:
        return to_skp(item)
    if item.item.startswith(ITEM_PREFIX):
        return to_assessment(item)
    return to_version(item)


def permission_image(image: Image) -> Permission:
    from .models import PermissionItem
    from .permissions import to_permission

    return to_permission(PermissionItem.from_raw_data(dict(image)))


def images(record: Mapping[str, Any], decode: Callable[[Image], _T]) -> tuple[_T | None, _T | None]:
    """The old and new images of a Lambda stream record, decoded (``None`` where absent)."""
    data = record["dynamodb"]
    old, new = data.get("OldImage"), data.get("NewImage")
    return (decode(old) if old else None, decode(new) if new else None)
