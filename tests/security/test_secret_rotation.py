"""Finding 6: the application secret lives in Secrets Manager on AWS and can be rotated without a redeploy.

Tokens, e-mailed links and sealed notices made with the previous secret stay valid until they
expire; anything signed with an unknown key is refused; the function environment holds no secret.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest

from tests.support import make_nip, make_whatsapp, outbox_for

NEW_SECRET = "rotated-secret-" + "n" * 40
UNKNOWN_SECRET = "unknown-secret-" + "u" * 40


@contextmanager
def environment(**changes: str | None) -> Iterator[None]:
    """Run with these variables set (``None``: unset) as a fresh container would; restore them after."""
    from chalicelib.config import reset_settings, settings
    from chalicelib.integrations.aws import reset_clients
    from chalicelib.services import container
    from chalicelib.store.models import bind_models

    def apply(values: dict[str, str | None]) -> None:
        for key, value in values.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        reset_settings()
        reset_clients()
        container.reset()
        bind_models(settings())  # direct repository writes (the test factory) follow the new endpoint too

    saved = {key: os.environ.get(key) for key in changes}
    apply(changes)
    try:
        yield
    finally:
        apply(saved)


def _signed_with(secret: str, token: str) -> bool:
    from chalicelib.domain.errors import Unauthorized
    from chalicelib.security.tokens import read_token

    try:
        read_token(secret, token)
    except Unauthorized:
        return False
    return True


def test_sessions_signed_with_the_previous_secret_survive_a_rotation(http, factory):
    from chalicelib.security.tokens import ACCESS, issue_token

    old = os.environ["KINERJA_SECRET"]
    nip = factory.employee(factory.skpd())
    before = http.login(nip)
    stranger, _ = issue_token(UNKNOWN_SECRET, nip, 0, ACCESS, timedelta(hours=1))
    with environment(KINERJA_SECRET=NEW_SECRET, KINERJA_PREVIOUS_SECRET=old):
        assert http.call("GET", "/me", token=before)[0] == 200
        assert http.call("GET", "/me", token=stranger)[0] == 401
        after = http.login(nip)
    assert _signed_with(NEW_SECRET, after) and not _signed_with(old, after)  # new tokens use the current secret
    with environment(KINERJA_SECRET=NEW_SECRET, KINERJA_PREVIOUS_SECRET=None):  # the old secret retired
        assert http.call("GET", "/me", token=before)[0] == 401
        assert http.call("GET", "/me", token=after)[0] == 200


def test_links_and_sealed_notices_made_with_the_previous_secret_still_open(http, factory, employee_stream):
    from chalicelib.domain.decisions import Verdict
    from chalicelib.services import container
    from chalicelib.services.decisions.links import DecisionLinks

    old = os.environ["KINERJA_SECRET"]
    skpd = factory.skpd()
    operator = http.login(factory.employee(skpd, roles=("OPERATOR_SKPD",)))
    employee_stream.drain()
    link = container.links().link("report", "report-1", make_nip(), Verdict.APPROVE).rsplit("/", 1)[1]
    foreign_links = DecisionLinks(UNKNOWN_SECRET, "http://kinerja.test", 600, clock=container.utc_now)
    foreign = foreign_links.link("report", "r-1", make_nip(), Verdict.APPROVE)
    whatsapp = make_whatsapp()
    body = {
        "nip": make_nip(),
        "name": "Rina Kartika",
        "jabatan": "Pranata Komputer",
        "satker_id": skpd[1],
        "whatsapp": whatsapp,
        "timezone": "WIB",
    }
    assert http.call("POST", "/employees", body, token=operator)[0] == 201  # notice sealed with the old secret

    with environment(KINERJA_SECRET=NEW_SECRET, KINERJA_PREVIOUS_SECRET=old):
        assert container.links().read(link)["v"] == "APPROVE"
        assert container.links().read(foreign.rsplit("/", 1)[1]) is None
        assert employee_stream.drain() == {"batchItemFailures": []}
        [message] = outbox_for(whatsapp)
        assert message.text.startswith("Halo Rina Kartika")


def test_on_aws_the_secret_comes_from_secrets_manager_and_follows_its_rotation(http, factory, stack, monkeypatch):
    import boto3

    from chalicelib.security import keys

    manager = boto3.client("secretsmanager", endpoint_url=stack["S3_ENDPOINT"], region_name=stack["AWS_REGION"])
    first, second = "sm-first-" + "1" * 40, "sm-second-" + "2" * 40
    arn = manager.create_secret(Name=f"kinerja/test-{uuid.uuid4().hex}", SecretString=first)["ARN"]
    nip = factory.employee(factory.skpd())
    aws = {
        "KINERJA_SECRET": None,
        "KINERJA_PREVIOUS_SECRET": None,
        "KINERJA_SECRET_ID": arn,
        "SECRETSMANAGER_ENDPOINT": stack["S3_ENDPOINT"],
    }
    with environment(**aws):
        before = http.login(nip)
        assert _signed_with(first, before)
        manager.put_secret_value(SecretId=arn, SecretString=second)  # AWSCURRENT → AWSPREVIOUS
        assert _signed_with(first, http.login(nip))  # cached per container ...
        later = keys.monotonic() + keys.SECRET_CACHE_SECONDS + 1
        monkeypatch.setattr(keys, "monotonic", lambda: later)  # ... for a bounded time
        after = http.login(nip)
        assert _signed_with(second, after) and not _signed_with(first, after)
        assert http.call("GET", "/me", token=before)[0] == 200  # AWSPREVIOUS still verifies
        assert http.call("GET", "/me", token=after)[0] == 200
    assert http.call("GET", "/me", token=after)[0] == 401  # the local secret is another key


def test_a_verification_miss_reloads_a_stale_keyring_at_most_every_half_minute(monkeypatch):
    from chalicelib.domain.errors import Unauthorized
    from chalicelib.security import keys, tokens

    versions = [("first-" + "1" * 40,)]
    loads = []

    def load() -> tuple[str, ...]:
        loads.append(1)
        return versions[-1]

    now = [1000.0]
    monkeypatch.setattr(keys, "monotonic", lambda: now[0])
    ring = keys.Keyring(load)
    other_container, _ = tokens.issue_token("second-" + "2" * 40, "1", 0, tokens.ACCESS, timedelta(hours=1))
    assert ring.current() == versions[0][0] and len(loads) == 1
    versions.append(("second-" + "2" * 40, "first-" + "1" * 40))  # rotated; another container already signs
    with pytest.raises(Unauthorized):
        tokens.read_token(ring, other_container)  # loaded just now: no reload yet
    now[0] += keys.RELOAD_AFTER_MISS_SECONDS + 1
    assert tokens.read_token(ring, other_container).nip == "1"  # the miss reloaded the keyring
    assert len(loads) == 2 and ring.current() == versions[-1][0]
    with pytest.raises(Unauthorized):
        tokens.read_token(ring, tokens.issue_token(UNKNOWN_SECRET, "1", 0, tokens.ACCESS, timedelta(hours=1))[0])
    assert len(loads) == 2  # unknown keys cannot make it hammer Secrets Manager


def test_the_template_passes_the_secret_id_and_grants_reading_it_never_the_value():
    from app import app
    from infra.template import ACCESS, merge_template, policy_name, to_cfn_resource_name

    template = merge_template(app)
    variables = template["Globals"]["Function"]["Environment"]["Variables"]
    assert "KINERJA_SECRET" not in variables and "KINERJA_PREVIOUS_SECRET" not in variables
    assert "resolve:secretsmanager" not in json.dumps(template)
    assert variables["KINERJA_SECRET_ID"] == {"Ref": "AppSecretName"}
    readers = {name for name, access in ACCESS.items() if "app" in access.secrets}
    assert {"api_handler", "jwt_auth", "employee_changes"} <= readers  # sign, verify, seal
    assert "attendance_sync" not in readers  # least privilege: only the functions that sign or seal
    for name in ACCESS:
        [policy] = template["Resources"][to_cfn_resource_name(name) + "Role"]["Properties"]["Policies"]
        assert policy["PolicyName"] == policy_name(name)
        grants = [s for s in policy["PolicyDocument"]["Statement"] if "secretsmanager:GetSecretValue" in s["Action"]]
        assert all(g["Action"] == ["secretsmanager:GetSecretValue"] for g in grants)
        app_grants = [g for g in grants if "${AppSecretName}" in g["Resource"]["Fn::Sub"]]
        assert len(app_grants) == (name in readers), name
        for grant in app_grants:  # the secret's name plus the 6 characters Secrets Manager appends
            assert grant["Resource"] == {
                "Fn::Sub": "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}"
                ":secret:${AppSecretName}-??????"
            }


def test_on_aws_the_whatsapp_credentials_come_from_their_secret_not_the_environment(stack):
    import boto3

    from chalicelib.integrations import whatsapp as wa
    from chalicelib.services import container

    manager = boto3.client("secretsmanager", endpoint_url=stack["S3_ENDPOINT"], region_name=stack["AWS_REGION"])
    fields = {
        "fonnte_token": "fonnte-from-the-secret",
        "wa_cloud_token": "cloud-token",
        "wa_cloud_phone_number_id": "42",
    }
    arn = manager.create_secret(Name=f"kinerja/wa-{uuid.uuid4().hex}", SecretString=json.dumps(fields))["ARN"]
    aws = {"WHATSAPP_SECRET_ID": arn, "SECRETSMANAGER_ENDPOINT": stack["S3_ENDPOINT"], "FONNTE_TOKEN": None}
    with environment(**aws, WHATSAPP_PROVIDER="fonnte"):
        sender = container.root().clients.whatsapp
        assert isinstance(sender, wa.FonnteSender) and sender._token == "fonnte-from-the-secret"
    with environment(**aws, WHATSAPP_PROVIDER="cloud", WA_CLOUD_TOKEN=None, WA_CLOUD_PHONE_NUMBER_ID=None):
        sender = container.root().clients.whatsapp
        assert isinstance(sender, wa.CloudApiSender)
    with (
        environment(WHATSAPP_PROVIDER="fonnte", FONNTE_TOKEN=None, WHATSAPP_SECRET_ID=None),
        pytest.raises(RuntimeError, match="FONNTE_TOKEN"),
    ):
        _ = container.root().clients.whatsapp
