"""The OpenAPI document covers every route; cold start stays light (the packaged AWS template:
`tests/security/test_deploy_template.py`)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from tests.support import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def test_openapi_documents_exactly_the_served_routes(http):
    from app import app

    status, document = http.call("GET", "/openapi.json")
    assert status == 200 and document["openapi"].startswith("3.")
    documented = {(m.upper(), p) for p, ops in document["paths"].items() for m in ops}
    served = {(m, p) for p, ops in app.routes.items() for m in ops if m != "OPTIONS"}  # preflights: below
    assert all("OPTIONS" in ops for ops in app.routes.values()), "a path without its CORS preflight"
    assert served - documented == set(), "routes missing from the OpenAPI document"
    assert documented - served == set(), "documented routes that do not exist"
    refs = {v for v in json.dumps(document).split('"') if v.startswith("#/components/schemas/")}
    assert {r.rsplit("/", 1)[1] for r in refs} <= set(document["components"]["schemas"])


def test_every_route_declares_its_models():
    """Nothing is documented by hand: a route without declared models fails here."""
    from app import app  # noqa: F401 - registers the routes
    from chalicelib import schemas
    from chalicelib.handlers.api import ROUTES

    without_body = {("POST", "/auth/logout"), ("POST", "/employees/{nip}/password-reset")}
    for spec in ROUTES:
        for method in spec.methods:
            where = f"{method} {spec.path}"
            assert spec.summary and spec.tag, where
            assert spec.response or spec.html or spec.status == 204, f"{where} declares no response model"
            if method in ("POST", "PUT", "PATCH") and (method, spec.path) not in without_body:
                assert spec.body or spec.form, f"{where} declares no request model"
            for name in (spec.body, spec.form, spec.query, spec.response):
                if name:
                    schemas.resolve(name)  # raises for a name that is not a model
    source = (ROOT / "chalicelib" / "openapi.py").read_text()
    assert not re.search(r"^(SCHEMAS|OPERATIONS)\b|\"type\": \"object\"", source, re.MULTILINE), "hand-written schemas"


def test_what_the_router_and_gateway_refuse_uses_the_error_shape(server, factory):
    """Over HTTP to the local API server, which answers for API Gateway as the template's gateway responses do."""
    import requests

    nip = factory.employee(factory.skpd())
    session = requests.Session()
    token = session.post(f"{server}/auth/login", json={"username": nip, "password": PASSWORD}).json()["token"]
    auth = {"Authorization": f"Bearer {token}"}
    for method, path, headers, data, status, code in (
        ("DELETE", "/me", auth, None, 405, "METHOD_NOT_ALLOWED"),
        ("POST", "/employees", {**auth, "Content-Type": "text/plain"}, b"x", 415, "UNSUPPORTED_MEDIA_TYPE"),
        ("GET", "/tidak-ada", auth, None, 404, "NOT_FOUND"),
        ("GET", "/me", {}, None, 401, "UNAUTHORIZED"),
        ("GET", "/me", {"Authorization": "Bearer palsu"}, None, 401, "UNAUTHORIZED"),
    ):
        answer = session.request(method, f"{server}{path}", headers=headers, data=data, timeout=10)
        body = answer.json()
        assert (answer.status_code, body["code"]) == (status, code), (method, path, answer.text)
        assert body["message"] and body["details"] == {} and "application/json" in answer.headers["Content-Type"]


def test_only_the_web_clients_origin_may_read_answers(http, monkeypatch):
    from chalicelib.config import reset_settings

    monkeypatch.setenv("WEB_ORIGIN", "https://kinerja.example.go.id")
    reset_settings()
    try:
        client = http.client.http
        ours = client.request("OPTIONS", "/reports", headers={"Origin": "https://kinerja.example.go.id"})
        assert ours.status_code == 204
        assert ours.headers["Access-Control-Allow-Origin"] == "https://kinerja.example.go.id"
        assert "Authorization" in ours.headers["Access-Control-Allow-Headers"]
        for origin in ("https://evil.example", "https://kinerja.example.go.id.evil.example", "null"):
            theirs = client.request("OPTIONS", "/reports", headers={"Origin": origin})
            assert "Access-Control-Allow-Origin" not in theirs.headers, origin
        answer = client.request("GET", "/openapi.json", headers={"Origin": "https://kinerja.example.go.id"})
        assert answer.headers["Access-Control-Allow-Origin"] == "https://kinerja.example.go.id"
    finally:
        monkeypatch.delenv("WEB_ORIGIN")
        reset_settings()


def test_control_characters_are_refused_in_every_text(http, factory):
    from tests.support import attend, report_body, today_wib

    nip = factory.employee(factory.skpd())
    token = http.login(nip)
    attend(nip, today_wib())
    for bad in ("Judul\x00", "Judul \x1b[31mmerah\x1b[0m", "a\x85b", "\x7f"):
        status, body = http.call("POST", "/reports", report_body(today_wib(), title=bad), token=token)
        assert (status, body["code"], body["details"]["field"]) == (400, "CONTROL_CHARACTERS", "title"), bad
    status, body = http.call("GET", "/reports?q=a%1Bb", token=token)
    assert (status, body["code"]) == (400, "CONTROL_CHARACTERS")
    fine = report_body(today_wib(), description="Baris satu\nBaris dua\tdengan tab")
    assert http.call("POST", "/reports", fine, token=token)[0] == 201
    assert http.call("GET", "/reports", token=token)[1]["items"][0]["description"].count("\n") == 1


def test_an_enum_refusal_names_the_accepted_values_apart_from_the_message(http, factory):
    token = http.login(factory.employee(factory.skpd()))
    status, body = http.call("GET", "/exports/preview?period=year", token=token)
    assert status == 400 and body["code"] == "INVALID_PERIOD"
    assert body["details"]["allowed"] == ["day", "week", "month", "range"]
    assert not any(word in body["message"] for word in body["details"]["allowed"])


def test_importing_app_does_not_load_heavy_or_optional_modules():
    code = (
        "import sys, app; heavy = ['openpyxl', 'fpdf', 'PIL', 'argon2', 'jwt', 'cryptography', 'zxcvbn', 'requests',"
        " 'pynamodb', 'holidays', 'pydantic', 'pydantic_core', 'chalicelib.schemas']; "
        "print([m for m in heavy if m in sys.modules])"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_logs_are_json_with_a_request_id_and_never_hold_secrets(http, factory, caplog):
    from chalicelib.handlers.api import logger

    skpd = factory.skpd()
    nip = factory.employee(skpd)
    logger.setLevel("DEBUG")
    try:
        with caplog.at_level("DEBUG"):
            token = http.login(nip)
            http.call("POST", "/auth/login", {"username": nip, "password": "rahasia-sekali-123"})
            http.call("GET", "/me", token=token)
    finally:
        logger.setLevel("WARNING")
    lines = [logger.registered_formatter.format(record) for record in caplog.records]
    parsed = [json.loads(line) for line in lines if line.startswith("{")]
    requests = [line for line in parsed if line.get("message") == "request"]
    assert [r["route"] for r in requests] == ["/auth/login", "/auth/login", "/me"]
    assert [r["status"] for r in requests] == [200, 401, 200]
    assert all(r["request_id"] for r in requests)
    logged = "\n".join(lines) + caplog.text
    assert "rahasia-sekali-123" not in logged and token not in logged and PASSWORD not in logged
