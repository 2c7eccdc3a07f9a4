"""Print and export: preview, export jobs, and the worker that builds the files."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint, logger

if TYPE_CHECKING:
    from ..schemas import ExportRequest, PreviewQuery

bp = Blueprint(__name__)

#: a placeholder; the AWS template points the event source at the stack's exports queue
EXPORTS_QUEUE_ARN = "arn:aws:sqs:local:000000000000:exports"


@endpoint(
    bp,
    "/exports/preview",
    summary="Own reports of a day, week, month or range as rows and totals",
    tag="exports",
    query="PreviewQuery",
    response="ExportPreview",
)
def export_preview(actor: Actor, params: PreviewQuery) -> dict[str, Any]:
    return container.exports().preview(actor, params)


@endpoint(
    bp,
    "/exports",
    methods=("POST",),
    status=202,
    summary="Ask for a PDF or Excel file: own reports, or a recap (subordinates; satker/SKPD for HR)",
    tag="exports",
    body="ExportRequest",
    response="ExportJob",
    errors=(404,),
)
def request_export(actor: Actor, body: ExportRequest) -> dict[str, Any]:
    return container.exports().request(actor, body)


@endpoint(
    bp,
    "/exports/{job_id}",
    summary="An export job: PENDING, DONE with a short-lived link, or FAILED with the reason",
    tag="exports",
    response="ExportJob",
)
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
    message = json.loads(record.body)
    if message.get("kind") == "auto-approval":  # one page of one shard of the sweep (services/auto_approval.py)
        summary = container.auto_approval().page(message, lambda text, **extra: logger.warning(text, extra=extra))
        logger.info("auto-approval", extra=summary)
        return
    if message.get("kind") == "ekinerja-page":  # one page of one shard of the handoff (services/ekinerja/handoff.py)
        logger.info("e-Kinerja handoff", extra=container.ekinerja_handoff().page(message))
        return
    job_id = message["job_id"]
    if message.get("kind") == "archive":  # a satker's archive completeness (services/archive.py)
        outcome = container.archive().run_export(job_id)
    elif message.get("kind") == "predicates":  # a quarter's predicates (services/skp/predicates.py)
        outcome = container.predicates().run_export(job_id)
    else:
        outcome = container.exports().run(job_id)
    logger.info("export", extra={"job_id": job_id, "outcome": outcome})
