"""Hostile calls to the WhatsApp webhooks (issue 22): never a 5xx, always the JSON error shape, and a refused
call queues, stores and sends nothing; the per-IP limit answers 429 over HTTP."""

from __future__ import annotations

import json

import pytest

from chalicelib.config import LOCAL_WEBHOOK_SECRET
from chalicelib.integrations.whatsapp_inbound import signature
from tests.support import make_whatsapp, outbox_for, unique

CLOUD = "/webhooks/whatsapp/cloud"
FONNTE = f"/webhooks/whatsapp/fonnte/{LOCAL_WEBHOOK_SECRET}"


def _pending_messages() -> int:
    """Messages waiting in the notifications queue (moto's SQS): what a refused call must not add to."""
    from chalicelib.config import settings
    from chalicelib.integrations.aws import client

    attributes = client("sqs").get_queue_attributes(
        QueueUrl=settings().notifications_queue_url, AttributeNames=["ApproximateNumberOfMessages"]
    )
    return int(attributes["Attributes"]["ApproximateNumberOfMessages"])


def _signed(raw: bytes) -> dict[str, str]:
    return {"X-Hub-Signature-256": signature(raw, LOCAL_WEBHOOK_SECRET)}


HOSTILE = [
    # (path, raw body, headers, expected status)
    (CLOUD, b"", {}, 401),
    (CLOUD, b"not json at all", {}, 401),
    (CLOUD, b'{"entry": []}', {"X-Hub-Signature-256": "sha256=" + "0" * 64}, 403),
    (CLOUD, b'{"entry": []}', {"X-Hub-Signature-256": "sha256=" + "é" * 64}, 403),
    (CLOUD, b"not json at all", _signed(b"not json at all"), 400),
    (CLOUD, b"[1, 2, 3]", _signed(b"[1, 2, 3]"), 400),
    (CLOUD, b'{"entry": "x"}', _signed(b'{"entry": "x"}'), 400),
    (CLOUD, b'{"entry": [{"changes": [{"value": {"messages": [{"id": 1}]}}]}]}', None, 400),
    (CLOUD, b"{" + b'"a":"' + b"x" * (300 * 1024) + b'"}', {}, 413),
    (FONNTE, b"\xff\xfe", {}, 400),
    (FONNTE, b'{"sender": ["x"]}', {}, 400),
    (FONNTE, b"{" + b'"a":"' + b"x" * (300 * 1024) + b'"}', {}, 413),
]


@pytest.mark.parametrize("path,raw,headers,expected", HOSTILE)
def test_hostile_calls_are_refused_in_the_error_shape_and_queue_nothing(http, stack, path, raw, headers, expected):
    if headers is None:
        headers = _signed(raw)
    before = _pending_messages()
    status, answer = http.call("POST", path, raw=raw, headers=headers)
    assert status == expected, answer
    assert set(answer) == {"code", "message", "details"}
    assert _pending_messages() == before


def test_a_foreign_content_type_is_a_415(http):
    raw = b"<xml/>"
    status, answer = http.call("POST", CLOUD, raw=raw, headers={"Content-Type": "application/xml", **_signed(raw)})
    assert status == 415 and answer["code"] == "UNSUPPORTED_MEDIA_TYPE"


def _cloud_body(citizen: str) -> dict:
    message = {"from": citizen, "id": f"wamid.{unique()}", "text": {"body": "halo"}}
    return {
        "entry": [{"changes": [{"value": {"metadata": {"phone_number_id": "100000000000001"}, "messages": [message]}}]}]
    }


def test_the_provider_is_never_throttled_per_ip_and_a_flooding_citizen_is_not_answered(http, runner, monkeypatch):
    """Review of issue 22: Meta delivers from a few addresses, so verified calls are not counted per IP (no 429
    for the real provider on a busy stage); the per-sender limit still leaves a flooding citizen unanswered."""
    from chalicelib.config import reset_settings
    from chalicelib.services import container

    monkeypatch.setenv("WEBHOOK_PER_SENDER_HOUR", "2")
    monkeypatch.setenv("WHATSAPP_INBOUND", "cloud:100000000000001=DINKES")
    reset_settings()
    container.reset()
    try:
        many = [make_whatsapp() for _ in range(6)]  # six citizens, one (local) address
        for citizen in many:
            raw = json.dumps(_cloud_body(citizen)).encode()
            assert http.call("POST", CLOUD, raw=raw, headers=_signed(raw)) == (200, {"accepted": 1})
        flooder = make_whatsapp()
        answers = []
        for _ in range(4):
            raw = json.dumps(_cloud_body(flooder)).encode()
            answers.append(http.call("POST", CLOUD, raw=raw, headers=_signed(raw)))
        assert answers == [(200, {"accepted": 1})] * 2 + [(200, {"accepted": 0})] * 2
        runner.deliver_queue()
        assert all(len(outbox_for(c)) == 1 for c in many)
        assert len(outbox_for(flooder)) == 2
    finally:
        monkeypatch.undo()
        reset_settings()
        container.reset()
