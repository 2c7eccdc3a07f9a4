"""Fan-out of notifications: the digest and reminder dispatchers (schedules) and the queue worker, which also
sends the e-mails the leave and SKP streams queued (kinds ``leave-email``, ``skp-email``)."""

from __future__ import annotations

import json
from typing import Any

from chalice import Blueprint, Rate

from ..services import container
from .api import logger

bp = Blueprint(__name__)

#: a placeholder; the AWS template points the event source at the stack's queue, the local runner at moto's
NOTIFICATIONS_QUEUE_ARN = "arn:aws:sqs:local:000000000000:notifications"


@bp.schedule(Rate(5, unit=Rate.MINUTES), name="digest_dispatch")
def digest_dispatch(event: Any) -> dict[str, int]:
    """Enqueue a digest for every supervisor whose digest is due."""
    queued = container.digest_sender().dispatch(container.notification_queue())
    logger.info("digests queued", extra={"queued": queued})
    return {"queued": queued}


@bp.schedule(Rate(5, unit=Rate.MINUTES), name="reminder_dispatch")
def reminder_dispatch(event: Any) -> dict[str, int]:
    """Enqueue one page message per shard of each slot since the last run (the queue worker sends)."""
    summary = container.reminders().fan_out(container.notification_queue())
    logger.info("reminders queued", extra=summary)
    return summary


@bp.on_sqs_message(queue_arn=NOTIFICATIONS_QUEUE_ARN, batch_size=10)
def notification_worker(event: Any) -> dict[str, Any]:
    """Send what the queue holds; failed messages alone return to the queue."""
    from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response

    container.digest_sender().register_context(event.context)
    container.reminders().register_context(event.context)
    container.complaint_notifications().register_context(event.context)
    container.leave_notifications().register_context(event.context)
    container.skp_notifications().register_context(event.context)
    processor = BatchProcessor(event_type=EventType.SQS)
    return process_partial_response(
        event=event.to_dict(), record_handler=_handle_message, processor=processor, context=event.context
    )


def _handle_message(record: Any) -> None:
    message = json.loads(record.body)
    if message.get("kind") == "digest":
        container.digest_sender().handle(message)
    elif message.get("kind") == "reminder":
        container.reminders().handle(message)
    elif message.get("kind") == "reminder-page":
        container.reminders().handle_page(message, container.notification_queue())
    elif message.get("kind") == "complaints-digest":
        container.complaint_notifications().handle_digest(message)
    elif message.get("kind") == "leave-email":
        container.leave_notifications().send_email(message)
    elif message.get("kind") == "skp-email":
        container.skp_notifications().send_email(message)
    else:
        logger.warning("unknown notification dropped", extra={"kind": message.get("kind")})
