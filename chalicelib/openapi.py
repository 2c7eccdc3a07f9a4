"""The OpenAPI 3.1 document of the HTTP API, served at ``/openapi.json``, built from what the routes declare.

Each route's `RouteSpec` (registered by `handlers.api.endpoint`) names its models in `chalicelib.schemas`;
their JSON Schemas (pydantic) become the components, so the document says what the API really validates.
Nothing here is written by hand but the descriptions of the error statuses.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

#: what every refusal of a status means (the codes a client meets most; `details.field` names the field)
ERROR_STATUSES = {
    400: "Invalid input: VALIDATION_ERROR, REQUIRED, INVALID_TYPE, TOO_LONG, CONTROL_CHARACTERS, INVALID_JSON, "
    "INVALID_CURSOR, INVALID_DATE, INVALID_NIP, … (`details.field` names the field, `details.allowed` the "
    "accepted values of an enum)",
    401: "UNAUTHORIZED: missing, invalid, expired or revoked token",
    403: "FORBIDDEN (role or scope), SELF_DECISION, PASSWORD_CHANGE_REQUIRED, …",
    404: "NOT_FOUND and the resource's own …_NOT_FOUND code",
    405: "METHOD_NOT_ALLOWED",
    409: "CONFLICT: changed by someone else (stale version), already exists, or REPORT_LOCKED",
    413: "PAYLOAD_TOO_LARGE / FILE_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    422: "A business rule refused it (ATTENDANCE_REQUIRED, DATE_IN_FUTURE, REPORT_OVERLAP, …)",
    429: "ACCOUNT_LOCKED after repeated failed sign-ins; THROTTLED",
    503: "SERVICE_UNAVAILABLE: a service the API depends on (its database, file store, queue) did not answer in "
    "time, could not be reached or is busy; try again shortly",
}

_REF = "#/components/schemas/{model}"


def base_error_statuses(spec: Any) -> tuple[int, ...]:
    """What any route of this shape can answer besides its own: bad input, no session, no right, no such thing,
    a dependency unavailable."""
    statuses = {400, 503}
    if not spec.public:
        statuses |= {401, 403}
    if "{" in spec.path:
        statuses.add(404)
    if spec.body or spec.form:
        statuses |= {413, 415}
    return tuple(sorted(statuses | set(spec.errors)))


@lru_cache(maxsize=1)
def document() -> dict[str, Any]:
    """Build the document (once per process)."""
    from pydantic.json_schema import models_json_schema

    from . import schemas
    from .handlers.api import ROUTES
    from .schemas.labels import labels

    inputs = {m for s in ROUTES for m in (s.body, s.form) if m}
    outputs = {s.response for s in ROUTES if s.response} | {"Error"}
    _, top = models_json_schema(
        [(schemas.resolve(m), "validation") for m in sorted(inputs)]
        + [(schemas.resolve(m), "serialization") for m in sorted(outputs)],
        ref_template=_REF,
    )
    paths: dict[str, dict[str, Any]] = {}
    for spec in ROUTES:
        for method in spec.methods:
            paths.setdefault(spec.path, {})[method.lower()] = _operation(spec, method, schemas)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Kinerja API",
            "version": "1.0.0",
            "description": "Daily activity reports and HR paperwork of Indonesian civil servants (ASN). "
            "Every refusal is {code, message, details} with a Bahasa Indonesia message.",
        },
        "servers": [{"url": "/"}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
            "schemas": top.get("$defs", {}),
        },
        "paths": paths,
        # what a person reads for each enum value; the web client generates src/api/labels.ts from it
        "x-labels": labels(),
    }


def _operation(spec: Any, method: str, schemas: Any) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "tags": [spec.tag],
        "summary": spec.summary,
        "operationId": spec.operation_id if len(spec.methods) == 1 else f"{spec.operation_id}_{method.lower()}",
    }
    from pydantic import TypeAdapter

    from .schemas.common import PATH_PARAMETERS, Id

    parameters = [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": TypeAdapter(PATH_PARAMETERS.get(name, Id)).json_schema(),
        }
        for name in re.findall(r"{(\w+)}", spec.path)
    ]
    if spec.query:
        query = schemas.resolve(spec.query).model_json_schema(by_alias=True, ref_template=_REF)
        required = set(query.get("required", []))
        for name, schema in query.get("properties", {}).items():
            schema = _without_null({k: v for k, v in schema.items() if k not in ("title", "default")})
            parameters.append({"name": name, "in": "query", "required": name in required, "schema": schema})
    if parameters:
        operation["parameters"] = parameters
    if spec.body or spec.form:
        media = "application/x-www-form-urlencoded" if spec.form else "application/json"
        operation["requestBody"] = {
            "required": not spec.form,
            "content": {media: {"schema": {"$ref": _REF.format(model=spec.body or spec.form)}}},
        }
    ok: dict[str, Any] = {"description": "OK" if spec.status != 204 else "Done; no content"}
    if spec.html:
        ok["content"] = {"text/html": {"schema": {"type": "string"}}}
    elif spec.plain:
        ok["content"] = {"text/plain": {"schema": {"$ref": _REF.format(model=spec.response)}}}
    elif spec.response:
        ok["content"] = {"application/json": {"schema": {"$ref": _REF.format(model=spec.response)}}}
    error: dict[str, Any] = {"application/json": {"schema": {"$ref": _REF.format(model="Error")}}}
    if spec.html:  # the pages of e-mailed links explain a refusal in HTML
        error["text/html"] = {"schema": {"type": "string"}}
    operation["responses"] = {
        str(spec.status): ok,
        **{str(s): {"description": ERROR_STATUSES[s], "content": error} for s in base_error_statuses(spec)},
    }
    if not spec.public:
        operation["security"] = [{"bearer": []}]
    return operation


def _without_null(schema: dict[str, Any]) -> dict[str, Any]:
    """A query parameter is absent or text, never null: drop pydantic's ``null`` branch of an optional one."""
    branches = [b for b in schema.get("anyOf", []) if b != {"type": "null"}]
    if len(branches) == 1:
        rest = {k: v for k, v in schema.items() if k != "anyOf"}
        return {**rest, **branches[0]}
    return schema
