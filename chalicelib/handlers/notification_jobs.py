"""Fan-out of notifications: the digest and reminder dispatchers (schedules) and the queue worker, which also
sends the e-mails the leave and SKP streams queued (kinds ``leave-email``, ``skp-email``) and answers the citizens'
WhatsApp messages the webhook queued (kind ``whatsapp-inbound``) and sends the public-service flows' messages — the
PTSP desk's greetings, Kritis's notices, the tracked requests' messages (kind ``service-message``,
`services/citizen_messages.py`)."""

from __future__ import annotations

import json
from typing import Any

from chalice import Blueprint, Rate

from ..services import container
from .api import logger

bp = Blueprint(__name__)

#: a placeholder; the AWS template points the event source at the stack's queue, the local runner at moto's
NOTIFICATIONS_QUEUE_ARN = "arn:aws:sqs:local:000000000000:notifications"
#: messages one worker call receives. One: a reminder or digest page is one step of its shard's chain, and a
#: chain moves one page per call, so a call holding 10 pages of 10 chains, sent one after another, would make
#: every chain wait for the other nine (4.5 M reminders: 183 pages a chain × a 10-page call ≈ 67 minutes, past
#: 17.00). With one, the 256 chains run in 256 calls at once and a slot drains in 183 page-times
#: (README "Load model"; `benchmarks/load_projection.py` reads this number).
BATCH_SIZE = 1


@bp.schedule(Rate(5, unit=Rate.MINUTES), name="digest_dispatch")
def digest_dispatch(event: Any) -> dict[str, int]:
    """Enqueue one page message per shard of the due digests (the queue worker pages them and enqueues each)."""
    summary = container.digest_sender().fan_out(container.notification_queue())
    logger.info("digest pages queued", extra=summary)
    return summary


@bp.schedule(Rate(5, unit=Rate.MINUTES), name="reminder_dispatch")
def reminder_dispatch(event: Any) -> dict[str, int]:
    """Enqueue one page message per shard of each slot since the last run (the queue worker sends)."""
    summary = container.reminders().fan_out(container.notification_queue())
    logger.info("reminders queued", extra=summary)
    return summary


@bp.on_sqs_message(queue_arn=NOTIFICATIONS_QUEUE_ARN, batch_size=BATCH_SIZE)
def notification_worker(event: Any) -> dict[str, Any]:
    """Send what the queue holds; failed messages alone return to the queue."""
    from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response

    container.digest_sender().register_context(event.context)
    container.reminders().register_context(event.context)
    container.complaint_notifications().register_context(event.context)
    container.leave_notifications().register_context(event.context)
    container.skp_notifications().register_context(event.context)
    container.whatsapp_replies().register_context(event.context)
    container.citizen_messages().register_context(event.context)
    processor = BatchProcessor(event_type=EventType.SQS)
    return process_partial_response(
        event=event.to_dict(), record_handler=_handle_message, processor=processor, context=event.context
    )


def _handle_message(record: Any) -> None:
    message = json.loads(record.body)
    if message.get("kind") == "digest":
        container.digest_sender().handle(message)
    elif message.get("kind") == "digest-page":
        container.digest_sender().handle_page(message, container.notification_queue())
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
    elif message.get("kind") == "whatsapp-inbound":
        container.whatsapp_replies().handle(message)
    elif message.get("kind") == "service-message":
        container.citizen_messages().deliver(message)
    else:
        logger.warning("unknown notification dropped", extra={"kind": message.get("kind")})
