"""Every upload request says, in the document, what the server refuses: a ``size`` below one byte. The document
gives ``minimum: 1``; a size of 0 or below is answered 400 ``INVALID_SIZE`` in the error shape on every route."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support import attend, report_body, today_wib


def _upload_requests() -> dict[tuple[str, str], dict[str, Any]]:
    """(method, path) → the schema of every documented request body that announces a file (filename and size)."""
    from app import app  # noqa: F401  (registers the routes the document lists)
    from chalicelib import openapi

    document = openapi.document()
    schemas, found = document["components"]["schemas"], {}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            content = (operation.get("requestBody") or {}).get("content", {}).get("application/json")
            if not content:
                continue
            schema = schemas[content["schema"]["$ref"].rsplit("/", 1)[1]]
            if {"filename", "size"} <= schema.get("properties", {}).keys():
                found[(method.upper(), path)] = schema
    return found


def test_every_upload_request_documents_a_size_of_at_least_one_byte():
    found = _upload_requests()
    assert {path for _, path in found} >= {
        "/complaints/upload",
        "/leave/certificate",
        "/records/upload",
        "/reports/{report_id}/evidence",
        "/archive/employees/{nip}/documents/{category}/upload",
    }, sorted(found)
    for route, schema in found.items():
        size = schema["properties"]["size"]
        assert (size.get("type"), size.get("minimum")) == ("integer", 1), (route, size)
        assert "size" in schema.get("required", []), route


@pytest.mark.parametrize("size", [0, -1])
def test_a_size_below_one_byte_is_a_400_in_shape_on_every_upload_route(http, factory, size):
    skpd = factory.skpd()
    nip = factory.employee(skpd, supervisor=factory.employee(skpd))
    token = http.login(nip)
    attend(nip, today_wib())
    status, report = http.call("POST", "/reports", report_body(today_wib()), token=token)
    assert status == 201, report
    values = {"report_id": report["report_id"], "nip": nip, "category": "KTP"}
    found = _upload_requests()
    for (method, template), schema in found.items():
        path = template.format(**values)
        content_type = schema["properties"]["content_type"]["enum"][0]
        body = {"filename": "berkas.pdf", "content_type": content_type, "size": size}
        status, refused = http.call(method, path, body, token=token)  # the error shape is checked by `call`
        assert (status, refused["code"]) == (400, "INVALID_SIZE"), (template, status, refused)
        assert refused["details"]["field"] == "size", (template, refused)
        body["size"] = 1  # the documented minimum is accepted
        status, accepted = http.call(method, path, body, token=token)
        assert status == 201, (template, status, accepted)
