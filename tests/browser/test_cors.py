"""The browser may call every route from the web client's origin: each path's CORS preflight answers it.

The journeys depend on this; this test says plainly which preflight fails when one does.
"""

from __future__ import annotations

import re

import requests


def test_every_path_answers_the_preflight_of_the_web_origin(server, web_port):
    from app import app  # registers the routes the document describes
    from chalicelib import openapi

    assert app.routes
    paths = openapi.document()["paths"]
    assert len(paths) > 20
    origin = f"http://127.0.0.1:{web_port}"
    refused = []
    for template, operations in paths.items():
        path = re.sub(r"\{[^}]+\}", "0123456789abcdef0123456789abcdef", template)
        for method in (m.upper() for m in operations if m in ("get", "post", "put", "patch", "delete")):
            answer = requests.options(
                server + path,
                headers={
                    "Origin": origin,
                    "Access-Control-Request-Method": method,
                    "Access-Control-Request-Headers": "authorization,content-type",
                },
                timeout=10,
            )
            allowed = answer.headers.get("Access-Control-Allow-Origin")
            if not (200 <= answer.status_code < 300 and allowed == origin):
                refused.append(f"{method} {template}: {answer.status_code}, Allow-Origin {allowed!r}")
                break
    assert not refused, "preflights refused:\n" + "\n".join(refused)
