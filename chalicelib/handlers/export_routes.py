"""Print and export: preview, export jobs, and the worker that builds the files."""

from __future__ import annotations

import json
from typing import Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint, json_body, logger, query

bp = Blueprint(__name__)

#: a placeholder; the AWS template points the event source at the stack's exports queue
EXPORTS_QUEUE_ARN = "arn:aws:sqs:local:000000000000:exports"


@endpoint(bp, "/exports/preview")
def export_preview(actor: Actor) -> dict[str, Any]:
    request = bp.current_request
    params = {k: query(request, k) for k in ("period", "date", "month", "from", "to", "status")}
    return container.exports().preview(actor, params)


@endpoint(bp, "/exports", methods=("POST",), status=202)
def request_export(actor: Actor) -> dict[str, Any]:
    types = {k: str for k in ("kind", "format", "period", "date", "month", "from", "to", "status")}
    return container.exports().request(actor, json_body(bp.current_request, {**types, "scope": dict}))


@endpoint(bp, "/exports/{job_id}")
def export_job(actor: Actor, job_id: str) -> dict[str, Any]:
    return container.exports().job(actor, job_id)


@bp.on_sqs_message(queue_arn=EXPORTS_QUEUE_ARN, batch_size=1)
def export_worker(event: Any) -> dict[str, Any]:
    """Build each queued export file; a failure returns the message to the queue."""
    from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response

    processor = BatchProcessor(event_type=EventType.SQS)
    return process_partial_response(
        event=event.to_dict(), record_handler=_build, processor=processor, context=event.context
    )


def _build(record: Any) -> None:
    job_id = json.loads(record.body)["job_id"]
    outcome = container.exports().run(job_id)
    logger.info("export", extra={"job_id": job_id, "outcome": outcome})
