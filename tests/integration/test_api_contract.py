"""The OpenAPI document covers every route; the packaged AWS template is valid; cold start stays light."""

from __future__ import annotations

import json
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
    served = {(m, p) for p, ops in app.routes.items() for m in ops}
    assert served - documented == set(), "routes missing from the OpenAPI document"
    assert documented - served == set(), "documented routes that do not exist"
    refs = {v for v in json.dumps(document).split('"') if v.startswith("#/components/schemas/")}
    assert {r.rsplit("/", 1)[1] for r in refs} <= set(document["components"]["schemas"])


def test_chalice_package_with_the_merge_template_passes_cfn_lint(tmp_path, stack):
    from infra.package import build

    template_path = build(tmp_path)
    template = json.loads(template_path.read_text())
    resources = template["Resources"]
    for logical in ("EmployeesTable", "OrgTable", "OutboxTable", "SignInGuardsTable", "IdempotencyTable"):
        assert resources[logical]["Type"] == "AWS::DynamoDB::Table"
    rules = resources["DataBucket"]["Properties"]["LifecycleConfiguration"]["Rules"]
    assert any(r.get("Prefix") == "exports/" and r["ExpirationInDays"] > 0 for r in rules)
    [event] = resources["EmployeeChanges"]["Properties"]["Events"].values()
    props = event["Properties"]
    assert props["Stream"] == {"Fn::GetAtt": ["EmployeesTable", "StreamArn"]}
    assert props["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert props["BisectBatchOnFunctionError"] is True and props["MaximumRetryAttempts"] == 5
    assert props["DestinationConfig"]["OnFailure"]["Destination"] == {"Fn::GetAtt": ["StreamFailures", "Arn"]}
    text = template_path.read_text()  # the secret is read at run time, never put into a function's environment
    assert '"KINERJA_SECRET"' not in text and "resolve:secretsmanager" not in text and "KINERJA_SECRET_ID" in text
    roles = [r for r in resources.values() if r["Type"] == "AWS::IAM::Role"]
    assert roles and all(r["Properties"]["Policies"][0]["PolicyName"] == "KinerjaAccess" for r in roles)
    lint = subprocess.run(
        [str(Path(sys.executable).parent / "cfn-lint"), str(template_path)], capture_output=True, text=True
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr


def test_importing_app_does_not_load_heavy_or_optional_modules():
    code = (
        "import sys, app; heavy = ['openpyxl', 'fpdf', 'PIL', 'argon2', 'jwt', 'cryptography', 'zxcvbn', 'requests',"
        " 'pynamodb', 'holidays']; print([m for m in heavy if m in sys.modules])"
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
