"""The packaged AWS template (`chalice package` with the merge template, as `make package` builds it): valid for
cfn-lint, deployable (no circular dependency), and each function's role exactly what `infra.template.ACCESS`
declares it may touch."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from chalicelib.store.schema import TABLES as SCHEMA
from infra.template import ACCESS, QUEUES, UPLOAD_PREFIXES, function_names

_BUCKET_OBJECTS = re.compile(r"^arn:\$\{AWS::Partition\}:s3:::\$\{AWS::StackName\}-\$\{AWS::AccountId\}-data/(.*)\*$")
_INDEX = re.compile(r"^\$\{(\w+)Table\.Arn\}/index/\*$")
_SECRET = re.compile(r"secret:\$\{(\w+)SecretName\}-\?{6}$")


@pytest.fixture(scope="module")
def packaged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    from infra.package import build

    path = build(tmp_path_factory.mktemp("package"))
    return path, json.loads(path.read_text())


def _tables() -> dict[str, str]:
    """Template resource of each table → logical name."""
    from infra.template import table_resource_name

    return {table_resource_name(t): t for t in SCHEMA}


def _target(resource: Any, statement: dict[str, Any]) -> list[tuple[str, str]]:
    """What one policy resource names, as (kind, name): a table, its indexes or stream, a bucket prefix, a queue,
    a secret, the sender's identity, a log group. Anything else fails the test."""
    tables, queues = _tables(), {v: k for k, v in QUEUES.items()}
    if "Fn::GetAtt" in resource:
        name, attribute = resource["Fn::GetAtt"]
        if name in tables:
            return [("table" if attribute == "Arn" else "stream", tables[name])]
        if name in queues or name == "StreamFailures":
            return [("queue", queues.get(name, name))]
        if name.endswith("Logs") and attribute == "Arn":
            return [("logs", name)]
    sub = resource.get("Fn::Sub", "")
    if index := _INDEX.match(sub):
        return [("index", next(t for r, t in tables.items() if r == index.group(1) + "Table"))]
    if objects := _BUCKET_OBJECTS.match(sub):
        assert objects.group(1), "an object grant on the whole bucket"
        return [("objects", objects.group(1))]
    if sub == "arn:${AWS::Partition}:s3:::${AWS::StackName}-${AWS::AccountId}-data":
        return [("list", p.rstrip("*")) for p in statement["Condition"]["StringLike"]["s3:prefix"]]
    if secret := _SECRET.search(sub):
        return [("secret", {"App": "app", "WhatsApp": "whatsapp", "WhatsAppWebhook": "webhook"}[secret.group(1)])]
    if sub == "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/*":
        assert statement["Condition"] == {"StringEquals": {"ses:FromAddress": {"Ref": "SesSender"}}}
        return [("email", "SesSender")]
    raise AssertionError(f"unexpected resource {resource}")


def granted(template: dict[str, Any], function: str) -> set[tuple[str, str, str]]:
    """(action, kind, name) of everything the role of ``function`` (its template resource) allows."""
    role = template["Resources"][function]["Properties"]["Role"]["Fn::GetAtt"][0]
    [policy] = template["Resources"][role]["Properties"]["Policies"]
    found = set()
    for statement in policy["PolicyDocument"]["Statement"]:
        assert statement["Effect"] == "Allow" and set(statement) <= {"Effect", "Action", "Resource", "Condition"}
        resources = statement["Resource"] if isinstance(statement["Resource"], list) else [statement["Resource"]]
        for resource in resources:
            for kind, name in _target(resource, statement):
                for action in statement["Action"]:
                    if kind == "index" and action != "dynamodb:Query":
                        continue  # only a Query reads an index
                    found.add((action, kind, name))
    return found


def declared(name: str, resource: str) -> set[tuple[str, str, str]]:
    """What `ACCESS` says the function may do, in the same terms."""
    access = ACCESS[name]
    logs = resource.replace("APIHandler", "ApiHandler") + "Logs"
    found = {("logs:CreateLogStream", "logs", logs), ("logs:PutLogEvents", "logs", logs)}
    for table, actions in access.tables.items():
        found |= {(f"dynamodb:{a}", "table", table) for a in actions}
        if "Query" in actions and SCHEMA[table].get("GlobalSecondaryIndexes"):
            found.add(("dynamodb:Query", "index", table))
    for prefix, actions in access.objects.items():
        found |= {(f"s3:{a}", "objects", prefix) for a in actions}
    found |= {("s3:ListBucket", "list", p) for p in access.lists}
    found |= {("sqs:SendMessage", "queue", q) for q in access.sends}
    if access.receives:
        for action in ("ReceiveMessage", "DeleteMessage", "GetQueueAttributes", "ChangeMessageVisibility"):
            found.add((f"sqs:{action}", "queue", access.receives))
    if access.stream:
        for action in ("DescribeStream", "GetRecords", "GetShardIterator", "ListStreams"):
            found.add((f"dynamodb:{action}", "stream", access.stream))
        found.add(("sqs:SendMessage", "queue", "StreamFailures"))
    if access.email:
        found |= {("ses:SendEmail", "email", "SesSender"), ("ses:SendRawEmail", "email", "SesSender")}
    found |= {("secretsmanager:GetSecretValue", "secret", s) for s in access.secrets}
    return found


def _functions(template: dict[str, Any]) -> dict[str, str]:
    """Chalice's function name → its template resource."""
    from app import app
    from infra.template import to_cfn_resource_name

    names = {("APIHandler" if n == "api_handler" else to_cfn_resource_name(n)): n for n in function_names(app)}
    found = {r for r, v in template["Resources"].items() if v["Type"] == "AWS::Serverless::Function"}
    assert found == set(names), "every packaged function is declared in ACCESS, and only those"
    return {n: r for r, n in names.items()}


def test_each_function_s_role_allows_exactly_what_access_declares(packaged):
    _, template = packaged
    functions = _functions(template)
    roles = {template["Resources"][r]["Properties"]["Role"]["Fn::GetAtt"][0] for r in functions.values()}
    assert len(roles) == len(functions), "one role per function"
    for name, resource in functions.items():
        assert granted(template, resource) == declared(name, resource), name


def test_least_privilege_holds_where_it_matters_most(packaged):
    _, template = packaged
    functions = _functions(template)
    rights = {name: granted(template, resource) for name, resource in functions.items()}
    # the authorizer reads an account by its key and the secret, nothing else
    assert {(a, k, n) for a, k, n in rights["jwt_auth"] if k != "logs"} == {
        ("dynamodb:GetItem", "table", "employees"),
        ("secretsmanager:GetSecretValue", "secret", "app"),
    }
    for name, allowed in rights.items():
        streams = {n for _, k, n in allowed if k == "stream"}
        assert streams <= ({ACCESS[name].stream} if ACCESS[name].stream else set()), name  # its own stream only
        writes_uploads = {n for a, k, n in allowed if k == "objects" and a != "s3:GetObject" and n in UPLOAD_PREFIXES}
        assert not writes_uploads or name == "api_handler", name  # only the API signs upload forms
        assert not any(a == "s3:DeleteObject" and n in ("exports/", "imports/") for a, _, n in allowed), name
        touches = {n for _, k, n in allowed if k == "table"}
        assert name == "api_handler" or not touches & {"sign_in_guards", "audit", "delegations", "templates"}, name
    assert not any(k == "secret" for _, k, _ in rights["attendance_sync"])
    assert not any(k in ("objects", "list") for _, k, _ in rights["attendance_sync"] | rights["auto_approval"])


def test_the_package_passes_cfn_lint_and_has_no_circular_dependency(packaged):
    path, _ = packaged
    lint = subprocess.run([str(Path(sys.executable).parent / "cfn-lint"), str(path)], capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    import networkx
    from cfnlint.template import Template
    from cfnlint.template.transforms.transform import Transform

    parsed = Template(str(path), json.loads(path.read_text()), ["ap-southeast-3"])
    Transform().transform(parsed)  # merges the SAM Globals (every function's API_URL names the API)
    assert list(networkx.simple_cycles(parsed.graph.graph)) == []
    assert "arn:aws:" not in path.read_text()  # every ARN says ${AWS::Partition}


def test_what_the_package_holds(packaged):
    path, template = packaged
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
    text = path.read_text()  # the secrets are read at run time, never put into a function's environment
    assert '"KINERJA_SECRET"' not in text and "resolve:secretsmanager" not in text and "KINERJA_SECRET_ID" in text
    assert "FONNTE_TOKEN" not in text and "WA_CLOUD_TOKEN" not in text and "WHATSAPP_SECRET_ID" in text
    # the web client: a private bucket behind CloudFront, whose address is the only origin CORS allows
    assert resources["WebDistribution"]["Type"] == "AWS::CloudFront::Distribution"
    assert resources["WebBucket"]["Properties"]["PublicAccessBlockConfiguration"]["RestrictPublicBuckets"] is True
    assert '"WEB_ORIGIN"' in text and "${WebDistribution.DomainName}" in text
    # each function logs into its own log group, kept a year; the API logs every request
    for resource in _functions(template).values():
        group = resources[resource]["Properties"]["LoggingConfig"]["LogGroup"]["Ref"]
        assert resources[group]["Properties"]["RetentionInDays"] == 365
    assert resources["RestAPI"]["Properties"]["AccessLogSetting"]["DestinationArn"]
    assert resources["ApiGatewayAccount"]["Type"] == "AWS::ApiGateway::Account"
