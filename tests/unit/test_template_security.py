"""The deploy template's security, on the merge template (fast; the packaged template is checked in
`tests/security/test_deploy_template.py`): roles per function, the data bucket, CloudFront's headers and TLS,
the API's access logs and web ACL, secrets, no hard-coded partition."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from app import app
from infra import template as infra
from infra.template import ACCESS, UPLOAD_PENDING_TAG, UPLOAD_PREFIXES, merge_template

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def merged() -> dict[str, Any]:
    return merge_template(app)


def _csp(merged: dict[str, Any]) -> dict[str, str]:
    config = merged["Resources"]["WebSecurityHeaders"]["Properties"]["ResponseHeadersPolicyConfig"]
    text = config["SecurityHeadersConfig"]["ContentSecurityPolicy"]["ContentSecurityPolicy"]["Fn::Sub"]
    return {d.split()[0]: " ".join(d.split()[1:]) for d in text.split("; ")}


def test_every_function_of_the_app_has_its_own_declared_access(merged):
    names = infra.function_names(app)
    assert sorted(names) == sorted(ACCESS)
    roles = {infra.to_cfn_resource_name(n) + "Role" for n in names}
    assert len(roles) == len(names)
    for name in names:
        [policy] = merged["Resources"][infra.to_cfn_resource_name(name) + "Role"]["Properties"]["Policies"]
        assert policy["PolicyName"] == infra.policy_name(name)  # no shared "KinerjaAccess" any more
        for statement in policy["PolicyDocument"]["Statement"]:
            assert statement["Effect"] == "Allow"
            assert not any("*" in action for action in statement["Action"]), statement
            resources = statement["Resource"] if isinstance(statement["Resource"], list) else [statement["Resource"]]
            assert "*" not in resources and "arn:*:logs:*:*:*" not in json.dumps(resources), statement


def test_the_authorizer_reads_one_table_and_the_secret_only(merged):
    statements = merged["Resources"]["JwtAuthRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
    granted = {(a, json.dumps(s["Resource"], sort_keys=True)) for s in statements for a in s["Action"]}
    assert granted == {
        ("logs:CreateLogStream", json.dumps({"Fn::GetAtt": ["JwtAuthLogs", "Arn"]}, sort_keys=True)),
        ("logs:PutLogEvents", json.dumps({"Fn::GetAtt": ["JwtAuthLogs", "Arn"]}, sort_keys=True)),
        ("dynamodb:GetItem", json.dumps([{"Fn::GetAtt": ["EmployeesTable", "Arn"]}], sort_keys=True)),
        ("secretsmanager:GetSecretValue", json.dumps(infra.secret_arn("app"), sort_keys=True)),
    }


def test_a_declared_trigger_must_match_the_app():
    wrong = dict(ACCESS)
    wrong["report_changes"] = infra.Access(stream="employees")
    original = infra.ACCESS
    infra.ACCESS = wrong
    try:
        with pytest.raises(ValueError, match="report_changes"):
            merge_template(app)
    finally:
        infra.ACCESS = original


@pytest.mark.parametrize(
    ("name", "action", "resource", "allowed"),
    [
        ("jwt_auth", "dynamodb:GetItem", "employees", True),
        ("jwt_auth", "dynamodb:PutItem", "employees", False),
        ("jwt_auth", "dynamodb:Query", "employees/index/by_email", False),
        ("api_handler", "dynamodb:Query", "employees/index/by_email", True),
        ("api_handler", "dynamodb:GetItem", "idempotency", False),
        ("api_handler", "s3:PutObject", "evidence/", True),
        ("api_handler", "s3:ListBucket", "imports/", True),
        ("api_handler", "s3:ListBucket", "evidence/", False),
        ("export_worker", "s3:PutObject", "exports/", True),
        ("api_handler", "dynamodb:Query", "checkin_flags/index/by_skpd_pending", True),  # HR's flagged check-ins
        ("api_handler", "dynamodb:DeleteItem", "checkin_flags", False),  # a decided flag stays, with its history
        ("api_handler", "s3:PutObject", "selfies/", True),
        ("api_handler", "s3:DeleteObject", "selfies/", False),  # a check-in's selfie is never removed
        ("export_worker", "s3:GetObject", "selfies/", False),
        ("api_handler", "dynamodb:BatchWriteItem", "closed_months", True),  # a closing's frozen rows
        ("api_handler", "dynamodb:DeleteItem", "closed_months", False),  # a closed month is never removed
        ("export_worker", "dynamodb:Query", "closed_months", True),
        ("export_worker", "dynamodb:PutItem", "closed_months", False),
        ("export_worker", "s3:DeleteObject", "exports/", False),
        ("export_worker", "sqs:ReceiveMessage", "exports", True),
        ("digest_dispatch", "sqs:SendMessage", "notifications", True),
        ("digest_dispatch", "sqs:SendMessage", "exports", False),
        ("employee_changes", "ses:SendEmail", "*", True),
        ("leave_changes", "ses:SendEmail", "*", False),  # its e-mails go through the notifications queue
        ("leave_changes", "sqs:SendMessage", "notifications", True),
        ("notification_worker", "ses:SendEmail", "*", True),
        ("record_changes", "ses:SendEmail", "*", False),
        ("attendance_sync", "secretsmanager:GetSecretValue", "kinerja/app-secret", False),
        ("report_changes", "secretsmanager:GetSecretValue", "kinerja/whatsapp", True),
    ],
)
def test_allows_reads_the_declared_table(name, action, resource, allowed):
    assert infra.allows(ACCESS[name], action, resource) is allowed


def test_no_arn_hard_codes_the_aws_partition(merged):
    assert "arn:aws:" not in json.dumps(merged)


# -- the data bucket ----------------------------------------------------------------------------------------


def test_the_data_bucket_keeps_versions_logs_access_and_refuses_plain_http(merged):
    resources = merged["Resources"]
    bucket = resources["DataBucket"]["Properties"]
    assert bucket["VersioningConfiguration"] == {"Status": "Enabled"}
    assert bucket["LoggingConfiguration"]["DestinationBucketName"] == {"Ref": "LogsBucket"}
    rules = bucket["LifecycleConfiguration"]["Rules"]
    kept = [r for r in rules if "NoncurrentVersionExpiration" in r and "Prefix" not in r]
    assert kept and kept[0]["NoncurrentVersionExpiration"]["NoncurrentDays"] >= 30  # recoverable a while
    for name in ("DataBucketPolicy", "LogsBucketPolicy", "WebBucketPolicy"):
        [deny] = [s for s in resources[name]["Properties"]["PolicyDocument"]["Statement"] if s["Effect"] == "Deny"]
        assert deny["Principal"] == "*" and deny["Action"] == "s3:*"
        assert deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
        assert len(deny["Resource"]) == 2  # the bucket and every object in it
    for name in ("DataBucket", "LogsBucket", "WebBucket"):
        assert resources[name]["Properties"]["PublicAccessBlockConfiguration"]["BlockPublicPolicy"] is True


def test_uploads_never_attached_expire_and_attached_ones_never_do(merged):
    rules = merged["Resources"]["DataBucket"]["Properties"]["LifecycleConfiguration"]["Rules"]
    expiring = [r for r in rules if "ExpirationInDays" in r]
    for prefix in UPLOAD_PREFIXES:
        [rule] = [r for r in expiring if r.get("Prefix") == prefix]
        assert rule["TagFilters"] == [UPLOAD_PENDING_TAG] and 1 <= rule["ExpirationInDays"] <= 7
    for rule in expiring:  # no rule expires current objects of an upload prefix without the pending tag
        covers_uploads = any(p.startswith(rule.get("Prefix", "")) for p in UPLOAD_PREFIXES)
        assert not covers_uploads or rule.get("TagFilters") == [UPLOAD_PENDING_TAG], rule
    # the prefixes are where the services put uploads before they are attached
    sources = "\n".join(p.read_text() for p in (ROOT / "chalicelib" / "services").rglob("*.py"))
    for prefix in UPLOAD_PREFIXES:
        assert re.search(rf'f"{re.escape(prefix)}', sources), prefix


# -- CloudFront ---------------------------------------------------------------------------------------------


def test_every_answer_of_the_web_client_carries_the_security_headers(merged):
    resources = merged["Resources"]
    config = resources["WebSecurityHeaders"]["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    assert config["StrictTransportSecurity"]["AccessControlMaxAgeSec"] >= 365 * 24 * 3600
    assert config["ContentTypeOptions"] == {"Override": True}
    assert config["FrameOptions"]["FrameOption"] == "DENY"
    assert config["ReferrerPolicy"]["ReferrerPolicy"] in ("no-referrer", "strict-origin-when-cross-origin")
    assert all(v.get("Override") for v in config.values())
    distribution = resources["WebDistribution"]["Properties"]["DistributionConfig"]
    behaviors = [distribution["DefaultCacheBehavior"], *distribution["CacheBehaviors"]]
    assert all(b["ResponseHeadersPolicyId"] == {"Ref": "WebSecurityHeaders"} for b in behaviors)
    csp = _csp(merged)
    assert csp["frame-ancestors"] == "'none'" and csp["object-src"] == "'none'" and csp["base-uri"] == "'none'"
    assert csp["script-src"] == "'self'" and csp["default-src"] == "'self'"
    connect = csp["connect-src"].split()
    assert "https://${RestAPI}.execute-api.${AWS::Region}.${AWS::URLSuffix}" in connect  # the API
    assert any("-data.s3." in origin for origin in connect)  # uploads go straight to the data bucket
    assert not any("*" in origin for origin in connect)


def test_the_built_client_runs_under_its_content_security_policy(merged):
    """No inline script and nothing from another origin in the page the CSP guards (script-src 'self')."""
    pages = [ROOT / "web" / "index.html"]
    built = ROOT / "web" / "dist" / "index.html"
    if built.is_file():
        pages.append(built)
    for page in pages:
        html = page.read_text()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert re.search(r'\bsrc="/', tag), (page, tag)  # same origin, never inline
        assert not re.search(r"\son[a-z]+=", html), page  # no inline event handlers
        assert not re.search(r'(src|href)="(https?:)?//', html), page  # nothing from elsewhere
        assert "<style" not in html, page


def test_a_custom_domain_gets_tls_1_2_and_an_existing_web_acl_can_be_attached(merged):
    distribution = merged["Resources"]["WebDistribution"]["Properties"]["DistributionConfig"]
    condition, custom, default = distribution["ViewerCertificate"]["Fn::If"]
    assert condition == "HasWebDomain" and default == {"CloudFrontDefaultCertificate": True}
    assert custom["MinimumProtocolVersion"] == "TLSv1.2_2021" and custom["SslSupportMethod"] == "sni-only"
    assert custom["AcmCertificateArn"] == {"Ref": "WebCertificateArn"}
    assert distribution["WebACLId"] == {"Fn::If": ["HasWebAcl", {"Ref": "WebAclArn"}, {"Ref": "AWS::NoValue"}]}
    assert distribution["Logging"]["Fn::If"][0] == "LogsWeb"
    for parameter in ("WebDomainName", "WebCertificateArn", "WebAclArn", "WebLogsBucket"):
        assert merged["Parameters"][parameter]["Default"] == ""
    assert "WebCertificateArn" in json.dumps(merged["Rules"])  # a domain without its certificate is refused


# -- API Gateway --------------------------------------------------------------------------------------------


def test_the_api_logs_route_templates_never_tokens_or_query_strings(merged):
    setting = merged["Resources"]["RestAPI"]["Properties"]["AccessLogSetting"]
    assert setting["DestinationArn"] == {"Fn::GetAtt": ["ApiAccessLogs", "Arn"]}
    line = json.loads(setting["Format"])
    assert line["route"] == "$context.resourcePath" and line["status"] == "$context.status"
    for leak in ("$context.path", "$input", "$method.request", "querystring", "authorization", "header"):
        assert leak not in setting["Format"].lower(), leak
    assert merged["Resources"]["ApiAccessLogs"]["Properties"]["RetentionInDays"] > 0
    method_settings = merged["Resources"]["RestAPI"]["Properties"]["MethodSettings"]
    assert not any(s.get("DataTraceEnabled") or s.get("LoggingLevel") for s in method_settings)


def test_the_api_web_acl_has_aws_managed_rules_beside_the_sign_in_limit(merged):
    acl = merged["Resources"]["ApiFirewall"]["Properties"]
    rules = {r["Name"]: r for r in acl["Rules"]}
    assert "RateBasedStatement" in rules["sign-in-per-address"]["Statement"]
    for group in ("AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"):
        statement = rules[group]["Statement"]["ManagedRuleGroupStatement"]
        assert statement["VendorName"] == "AWS" and statement["Name"] == group
        assert rules[group]["OverrideAction"] == {"None": {}}  # the group's own block actions apply
    assert len({r["Priority"] for r in acl["Rules"]}) == len(acl["Rules"])
    association = merged["Resources"]["ApiFirewallAssociation"]["Properties"]["ResourceArn"]["Fn::Sub"]
    assert association.startswith("arn:${AWS::Partition}:apigateway:")


def test_every_route_that_checks_or_sends_a_secret_has_the_sign_in_limits(merged):
    """Password sign-in, one-time codes (sent and checked) and the reset by code share the per-address budget
    and the stage's sign-in throttling."""
    from infra.template import SIGN_IN_PATHS

    assert {"/auth/login", "/auth/code", "/auth/code/login", "/auth/totp/login", "/auth/password-reset"} <= set(
        SIGN_IN_PATHS
    )
    rules = {r["Name"]: r for r in merged["Resources"]["ApiFirewall"]["Properties"]["Rules"]}
    scope = rules["sign-in-per-address"]["Statement"]["RateBasedStatement"]["ScopeDownStatement"]
    assert {m["ByteMatchStatement"]["SearchString"] for m in scope["OrStatement"]["Statements"]} == set(SIGN_IN_PATHS)
    throttled = {
        s["ResourcePath"]: s["ThrottlingRateLimit"]
        for s in merged["Resources"]["RestAPI"]["Properties"]["MethodSettings"]
        if s["ResourcePath"] != "/*"
    }
    assert {path.replace("/", "~1") for path in SIGN_IN_PATHS} <= set(throttled)


# -- secrets ------------------------------------------------------------------------------------------------


def test_whatsapp_tokens_live_in_secrets_manager_read_only_by_the_senders(merged):
    text = json.dumps(merged)
    assert "FONNTE_TOKEN" not in text and "WA_CLOUD_TOKEN" not in text and "resolve:secretsmanager" not in text
    variables = merged["Globals"]["Function"]["Environment"]["Variables"]
    assert variables["WHATSAPP_SECRET_ID"] == {"Ref": "WhatsAppSecretName"}
    senders = {n for n, a in ACCESS.items() if "whatsapp" in a.secrets}
    notifiers = {n for n, a in ACCESS.items() if a.stream} | {"notification_worker"}
    assert notifiers <= senders and not senders & {"api_handler", "jwt_auth", "export_worker", "attendance_sync"}
    for name in ACCESS:
        statements = merged["Resources"][infra.to_cfn_resource_name(name) + "Role"]["Properties"]["Policies"][0]
        reads = [s for s in statements["PolicyDocument"]["Statement"] if s["Resource"] == infra.secret_arn("whatsapp")]
        assert len(reads) == (name in senders), name


def test_the_api_points_at_its_functions_by_name_so_nothing_depends_in_a_circle():
    body = {"paths": {"/x": {"get": {"uri": {"Fn::Sub": "arn:…/functions/${APIHandler.Arn}/invocations"}}}}}
    body["securityDefinitions"] = {"a": {"uri": {"Fn::Sub": "…/functions/${JwtAuth.Arn}/invocations"}}}
    template = {"Resources": {"RestAPI": {"Properties": {"DefinitionBody": body}}}}
    text = json.dumps(infra.decouple_api(template))
    assert "${APIHandler.Arn}" not in text and "${JwtAuth.Arn}" not in text
    assert "function:${AWS::StackName}-api/invocations" in text
    assert "function:${AWS::StackName}-jwt-auth/invocations" in text
    merged = merge_template(app)["Resources"]
    assert merged["APIHandler"]["Properties"]["FunctionName"] == {"Fn::Sub": "${AWS::StackName}-api"}
    assert merged["JwtAuth"]["Properties"]["FunctionName"] == {"Fn::Sub": "${AWS::StackName}-jwt-auth"}


def test_the_call_recorder_names_what_each_call_needs_and_flags_what_a_role_refuses(monkeypatch):
    from tests import iam_usage

    monkeypatch.setenv("TABLE_PREFIX", "kinerja-test-")
    transaction = {
        "TransactItems": [
            {"Put": {"TableName": "kinerja-test-reports"}},
            {"ConditionCheck": {"TableName": "kinerja-test-leave_days"}},
        ]
    }
    assert list(iam_usage._resources("dynamodb", "TransactWriteItems", transaction)) == [
        ("dynamodb:PutItem", "reports"),
        ("dynamodb:ConditionCheckItem", "leave_days"),
    ]
    query = {"TableName": "kinerja-test-employees", "IndexName": "by_email"}
    assert list(iam_usage._resources("dynamodb", "Query", query)) == [("dynamodb:Query", "employees/index/by_email")]
    assert list(iam_usage._resources("s3", "HeadObject", {"Key": "evidence/1/2/x.png"})) == [
        ("s3:GetObject", "evidence/")
    ]
    url = {"QueueUrl": "http://127.0.0.1:1/000000000000/kinerja-test-notifications"}
    assert list(iam_usage._resources("sqs", "SendMessageBatch", url)) == [("sqs:SendMessage", "notifications")]
    calls = {
        ("jwt_auth", "dynamodb", "dynamodb:GetItem", "employees"): 3,
        ("jwt_auth", "dynamodb", "dynamodb:PutItem", "employees"): 1,
        ("attendance_sync", "s3", "s3:GetObject", "exports/"): 1,
    }
    assert iam_usage.refused(calls) == [
        "attendance_sync: s3:GetObject on exports/ (x1)",
        "jwt_auth: dynamodb:PutItem on employees (x1)",
    ]


def test_what_api_gateway_answers_itself_comes_in_the_error_shape(merged):
    """401/403/404/413/429 and the 5xx of a failed authorizer, a function timeout or crash (issue 16)."""
    answers = {
        r["Properties"]["ResponseType"]: r["Properties"]
        for r in merged["Resources"].values()
        if r.get("Type") == "AWS::ApiGateway::GatewayResponse"
    }
    for kind in ("UNAUTHORIZED", "ACCESS_DENIED", "MISSING_AUTHENTICATION_TOKEN", "REQUEST_TOO_LARGE", "THROTTLED"):
        assert kind in answers
    expected = {
        "AUTHORIZER_FAILURE": ("503", "SERVICE_UNAVAILABLE"),
        "INTEGRATION_TIMEOUT": ("504", "GATEWAY_TIMEOUT"),
        "DEFAULT_5XX": ("500", "INTERNAL_ERROR"),
    }
    for kind, (status, code) in expected.items():
        assert answers[kind]["StatusCode"] == status
        assert json.loads(answers[kind]["ResponseTemplates"]["application/json"])["code"] == code
    for kind, properties in answers.items():
        body = json.loads(properties["ResponseTemplates"]["application/json"])
        assert set(body) == {"code", "message", "details"} and body["message"], kind
        assert properties["RestApiId"] == {"Ref": "RestAPI"}


def test_the_public_routes_have_a_per_address_budget_and_the_kritis_form_a_stage_throttle(merged):
    """Issue 22: nobody signs in on /public/…, so the WAF counts each source address there before the function runs
    (the application's per-IP and per-contact limits stand behind it), and the form is throttled for the stage."""
    from infra.template import PUBLIC_FILING_PATHS, PUBLIC_PATH

    rules = {r["Name"]: r for r in merged["Resources"]["ApiFirewall"]["Properties"]["Rules"]}
    statement = rules["public-per-address"]["Statement"]["RateBasedStatement"]
    assert (
        statement["AggregateKeyType"] == "IP"
        and statement["ScopeDownStatement"]["ByteMatchStatement"]["SearchString"] == PUBLIC_PATH
    )
    assert rules["public-per-address"]["Action"] == {"Block": {}}
    throttled = {
        s["ResourcePath"]: s
        for s in merged["Resources"]["RestAPI"]["Properties"]["MethodSettings"]
        if s["ResourcePath"] != "/*"
    }
    for path in PUBLIC_FILING_PATHS:
        assert throttled[path.replace("/", "~1")]["HttpMethod"] == "POST"


def test_the_whatsapp_webhooks_have_a_generous_per_address_budget(merged):
    """Issue 22 review: the webhooks are public too; a WAF budget per source address stops a flood of forged calls
    before the function runs, generous enough for the providers' small pool of delivering addresses."""
    from infra.template import WEBHOOK_LIMIT_PER_ADDRESS, WEBHOOK_PATH, WEBHOOK_WINDOW_SECONDS

    rules = {r["Name"]: r for r in merged["Resources"]["ApiFirewall"]["Properties"]["Rules"]}
    rule = rules["webhook-per-address"]
    statement = rule["Statement"]["RateBasedStatement"]
    match = statement["ScopeDownStatement"]["ByteMatchStatement"]
    assert rule["Action"] == {"Block": {}} and statement["AggregateKeyType"] == "IP"
    assert match["SearchString"] == WEBHOOK_PATH == "/webhooks/" and match["FieldToMatch"] == {"UriPath": {}}
    assert statement["EvaluationWindowSec"] == WEBHOOK_WINDOW_SECONDS in (60, 120, 300, 600)
    assert statement["Limit"] == WEBHOOK_LIMIT_PER_ADDRESS >= 1000
    assert len({r["Priority"] for r in rules.values()}) == len(rules)
