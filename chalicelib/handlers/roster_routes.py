"""Roster upload through the API, and the S3 event handler that imports files under ``imports/``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import unquote_plus

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint, logger

if TYPE_CHECKING:
    from ..schemas import RosterUpload

bp = Blueprint(__name__)

#: base64 of the 2 MB file limit plus the JSON around it
MAX_UPLOAD_BODY = 3 * 1024 * 1024


@endpoint(
    bp,
    "/roster-imports",
    methods=("POST",),
    status=202,
    summary="Import a roster (CSV or XLSX, at most 2 MB / 20,000 rows); poll the result",
    tag="employees",
    body="RosterUpload",
    response="RosterImport",
    errors=(413,),
    max_body=MAX_UPLOAD_BODY,
)
def upload_roster(actor: Actor, body: RosterUpload) -> dict[str, Any]:
    return container.roster().submit(actor, body)


@endpoint(
    bp,
    "/roster-imports/{import_id}",
    summary="An import's per-row report (PENDING while the file waits)",
    tag="employees",
    response="RosterImport",
)
def roster_result(actor: Actor, import_id: str) -> dict[str, Any]:
    return container.roster().result(actor, import_id)


@endpoint(
    bp,
    "/roster/template",
    summary="The roster template (CSV and XLSX: header and one example row) and the SKPD's satker codes",
    tag="employees",
    response="RosterTemplate",
)
def roster_template(actor: Actor) -> dict[str, Any]:
    return container.roster().template(actor)


@bp.lambda_function(name="roster_import")
def roster_import(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """S3 ``ObjectCreated`` under ``imports/`` (wired in infra/template.py): import each file."""
    imported = []
    for record in event.get("Records", []):
        key = unquote_plus(record["s3"]["object"]["key"])
        if not key.startswith("imports/"):
            continue
        report = container.roster().process_object(key)
        logger.info("roster imported", extra={"key": key, "status": report["status"], "totals": report["totals"]})
        imported.append(report["import_id"])
    return {"imported": imported}
