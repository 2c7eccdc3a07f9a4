"""Roster upload through the API, and the S3 event handler that imports files under ``imports/``."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote_plus

from chalice import Blueprint

from ..domain.accounts import Actor
from ..domain.identity import validate_text
from ..services import container
from .api import endpoint, json_body, logger

bp = Blueprint(__name__)

#: base64 of the 2 MB file limit plus the JSON around it
MAX_UPLOAD_BODY = 3 * 1024 * 1024


@endpoint(bp, "/roster-imports", methods=("POST",), status=202)
def upload_roster(actor: Actor) -> dict[str, Any]:
    body = json_body(bp.current_request, {"filename": str, "content_base64": str}, max_bytes=MAX_UPLOAD_BODY)
    filename = validate_text(body.get("filename"), "filename", max_len=200)
    content = validate_text(body.get("content_base64"), "content_base64", max_len=MAX_UPLOAD_BODY)
    return container.roster().submit(actor, filename, content)


@endpoint(bp, "/roster-imports/{import_id}")
def roster_result(actor: Actor, import_id: str) -> dict[str, Any]:
    return container.roster().result(actor, import_id)


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
