"""DynamoDB stream handlers. Each returns ``batchItemFailures`` so only failed records are retried."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from ..services import container
from ..store.schema import stream_placeholder
from .api import logger

bp = Blueprint(__name__)


def process_stream(event: Any, record_handler: Any) -> dict[str, Any]:
    """Run ``record_handler`` on each record with Powertools' batch processor (partial failures)."""
    from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response

    processor = BatchProcessor(event_type=EventType.DynamoDBStreams)
    return process_partial_response(
        event=event.to_dict(), record_handler=record_handler, processor=processor, context=event.context
    )


@bp.on_dynamodb_record(stream_arn=stream_placeholder("employees"), batch_size=25, starting_position="TRIM_HORIZON")
def employee_changes(event: Any) -> dict[str, Any]:
    """Deliver temporary passwords that a create or reset put on an account, and one-time codes; when the supervisor
    changed, move the employee's pending reports and leave to the new supervisor's queue."""
    container.credential_delivery().register_context(event.context)
    return process_stream(event, _on_employee_record)


def _on_employee_record(record: Any) -> None:
    from ..store.streams import employee_image, images

    delivery = container.credential_delivery()
    old, new = images(record.raw_event, employee_image)
    logger.debug("employee change", extra={"event_id": record.event_id, "nip": (new or old).employee.nip})
    delivery.on_change(old, new)
    container.supervisor_moves().on_change(old, new)  # a new supervisor takes over what waits


@bp.on_dynamodb_record(stream_arn=stream_placeholder("reports"), batch_size=50, starting_position="TRIM_HORIZON")
def report_changes(event: Any) -> dict[str, Any]:
    """Tell the employee about decisions; schedule the supervisor's digest for new submissions."""
    container.report_notifications().register_context(event.context)
    return process_stream(event, _on_report_record)


def _on_report_record(record: Any) -> None:
    from ..store.streams import images, report_image

    old, new = images(record.raw_event, report_image)
    container.report_notifications().on_change(old, new)


@bp.on_dynamodb_record(stream_arn=stream_placeholder("complaints"), batch_size=50, starting_position="TRIM_HORIZON")
def complaint_changes(event: Any) -> dict[str, Any]:
    """Tell the employee about decisions on their complaints; schedule the SKPD's HR digest for new ones."""
    container.complaint_notifications().register_context(event.context)
    return process_stream(event, _on_complaint_record)


def _on_complaint_record(record: Any) -> None:
    from ..store.streams import complaint_image, images

    old, new = images(record.raw_event, complaint_image)
    container.complaint_notifications().on_change(old, new)


@bp.on_dynamodb_record(stream_arn=stream_placeholder("records"), batch_size=50, starting_position="TRIM_HORIZON")
def record_changes(event: Any) -> dict[str, Any]:
    """Tell the employee when HR approves, rejects or revokes the approval of a career record."""
    container.record_notifications().register_context(event.context)
    return process_stream(event, _on_career_record)


def _on_career_record(record: Any) -> None:
    from ..store.streams import images, record_image

    old, new = images(record.raw_event, record_image)
    container.record_notifications().on_change(old, new)


@bp.on_dynamodb_record(stream_arn=stream_placeholder("leaves"), batch_size=50, starting_position="TRIM_HORIZON")
def leave_changes(event: Any) -> dict[str, Any]:
    """Tell the next person of each leave step: supervisor, official, numbering officers, then the employee."""
    container.leave_notifications().register_context(event.context)
    return process_stream(event, _on_leave_record)


def _on_leave_record(record: Any) -> None:
    from ..store.streams import images, leave_image

    old, new = images(record.raw_event, leave_image)
    container.leave_notifications().on_change(old, new)


@bp.on_dynamodb_record(stream_arn=stream_placeholder("skp"), batch_size=50, starting_position="TRIM_HORIZON")
def skp_changes(event: Any) -> dict[str, Any]:
    """Tell the next person of each SKP step (submitted → the penilai; approved or returned → the employee) and of
    each quarter's assessment (assessed → the employee; acknowledged → the penilai)."""
    container.skp_notifications().register_context(event.context)
    return process_stream(event, _on_skp_record)


def _on_skp_record(record: Any) -> None:
    from ..store.streams import images, skp_image

    old, new = images(record.raw_event, skp_image)
    container.skp_notifications().on_change(old, new)


@bp.on_dynamodb_record(stream_arn=stream_placeholder("permissions"), batch_size=50, starting_position="TRIM_HORIZON")
def permission_changes(event: Any) -> dict[str, Any]:
    """Tell the employee the supervisor's decision on their permission (izin)."""
    container.permission_notifications().register_context(event.context)
    return process_stream(event, _on_permission_record)


def _on_permission_record(record: Any) -> None:
    from ..store.streams import images, permission_image

    old, new = images(record.raw_event, permission_image)
    container.permission_notifications().on_change(old, new)
