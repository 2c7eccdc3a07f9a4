"""Finding 7: no store keeps a temporary password in clear (the outbox records it masked); on AWS the outbox
is an explicit choice, never the template's default."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.support import make_nip, make_whatsapp, outbox_for


class RecordingSender:
    """Stands for the real provider: keeps what it was asked to send, then lets the configured sender record it."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.sent = inner, []

    def send(self, to: str, text: str, **options: Any) -> str:
        self.sent.append((to, text))
        return self.inner.send(to, text, **options)


def _stored_anywhere(text: str) -> list[str]:
    """Tables (scanned: a test may) whose items contain ``text``."""
    from chalicelib.config import settings
    from chalicelib.integrations.aws import client

    dynamodb, found = client("dynamodb"), []
    for logical in ("outbox", "idempotency", "employees"):
        pages = dynamodb.get_paginator("scan").paginate(TableName=settings().table(logical))
        if any(text in json.dumps(page["Items"]) for page in pages):
            found.append(logical)
    return found


def test_temporary_passwords_are_sent_but_never_kept_in_clear(http, factory, employee_stream, services_with):
    from chalicelib.services import container

    skpd = factory.skpd()
    operator = http.login(factory.employee(skpd, roles=("OPERATOR_SKPD",)))
    admin = http.login(factory.employee(skpd, roles=("ADMIN",)))
    employee_stream.drain()
    recording = RecordingSender(container.whatsapp())
    nip, whatsapp = make_nip(), make_whatsapp()
    body = {"nip": nip, "name": "Yohana Mote", "jabatan": "Bidan", "satker_id": skpd[1], "whatsapp": whatsapp}
    services_with(whatsapp=recording)
    assert http.call("POST", "/employees", {**body, "timezone": "WIT"}, token=operator)[0] == 201
    assert employee_stream.drain() == {"batchItemFailures": []}
    assert http.call("POST", f"/employees/{nip}/password-reset", token=operator)[0] == 202
    assert employee_stream.drain() == {"batchItemFailures": []}

    sent = [text for to, text in recording.sent if to == whatsapp]
    passwords = [text.split("Kata sandi sementara: ")[1].split("\n")[0] for text in sent]
    assert len(passwords) == 2 and all(len(p) >= 8 for p in passwords)
    stored = outbox_for(whatsapp)
    assert len(stored) == 2 and all("Kata sandi sementara: ••••••••" in m.text for m in stored)
    listed = json.dumps(http.call("GET", f"/admin/outbox?recipient={whatsapp}", token=admin)[1])
    assert len(json.loads(listed)["items"]) == 2
    for password in passwords:
        assert password not in listed
        assert _stored_anywhere(password) == []
    status, session = http.call("POST", "/auth/login", {"username": nip, "password": passwords[-1]})
    assert status == 200 and session["must_change_password"] is True


def test_the_aws_template_does_not_default_to_the_outbox_and_a_provider_needs_its_credentials(monkeypatch):
    from app import app
    from chalicelib.config import reset_settings
    from chalicelib.services import container
    from infra.template import merge_template

    parameter = merge_template(app)["Parameters"]["WhatsAppProvider"]
    assert parameter["Default"] != "outbox" and "outbox" in parameter["AllowedValues"]
    monkeypatch.setenv("WHATSAPP_PROVIDER", "fonnte")
    monkeypatch.delenv("FONNTE_TOKEN", raising=False)
    reset_settings()
    container.reset()
    try:
        with pytest.raises(RuntimeError, match="FONNTE_TOKEN"):
            container.whatsapp()
    finally:
        monkeypatch.undo()
        reset_settings()
        container.reset()
