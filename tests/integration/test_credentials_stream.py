"""The account-created message leaves from the employees stream handler, once per event."""

from __future__ import annotations

import json
import urllib.request

from tests.support import make_nip, make_whatsapp, outbox_for


def _sent_emails(stack: dict[str, str], to: str) -> list[dict]:
    with urllib.request.urlopen(f"{stack['SES_ENDPOINT']}/moto-api/data.json") as response:
        messages = json.load(response)["ses"]["Message"]
    found = []
    for message in messages.values() if isinstance(messages, dict) else messages:
        if to in json.dumps(message):
            found.append(message)
    return found


def _create(http, factory, email: str | None = None) -> tuple[dict, str]:
    skpd = factory.skpd()
    operator = http.login(factory.employee(skpd, roles=("OPERATOR_SKPD",)))
    body = {
        "nip": make_nip(),
        "name": "Lestari Handayani",
        "jabatan": "Arsiparis",
        "satker_id": skpd[1],
        "whatsapp": make_whatsapp(),
        "timezone": "WIT",
        "email": email,
    }
    status, created = http.call("POST", "/employees", body, token=operator)
    assert status == 201, created
    return created, operator


def test_account_created_message_is_sent_once_from_real_stream_records(http, factory, stack, employee_stream):
    employee_stream.drain()
    created, _ = _create(http, factory, email="lestari@example.go.id")
    assert outbox_for(created["whatsapp"]) == []  # nothing is sent by the request itself
    records = employee_stream.read()
    mine = [r for r in records if r["dynamodb"]["Keys"]["nip"]["S"] == created["nip"]]
    assert [r["eventName"] for r in mine] == ["INSERT"]
    record = mine[0]
    assert record["eventSourceARN"].startswith("arn:aws:dynamodb:") and "/stream/" in record["eventSourceARN"]
    assert record["dynamodb"]["StreamViewType"] == "NEW_AND_OLD_IMAGES"
    assert {"SequenceNumber", "SizeBytes", "ApproximateCreationDateTime", "NewImage", "Keys"} <= set(record["dynamodb"])
    assert isinstance(record["dynamodb"]["ApproximateCreationDateTime"], float)

    assert employee_stream.deliver(records) == {"batchItemFailures": []}
    [message] = outbox_for(created["whatsapp"])
    assert message.text.startswith("Halo Lestari Handayani, akun Kinerja Anda telah dibuat.")
    assert f"Username: {created['nip']}" in message.text
    assert len(_sent_emails(stack, "lestari@example.go.id")) == 1

    # at-least-once delivery: the same records again send nothing more
    assert employee_stream.deliver(records) == {"batchItemFailures": []}
    assert len(outbox_for(created["whatsapp"])) == 1
    assert len(_sent_emails(stack, "lestari@example.go.id")) == 1

    # the handler removed the sealed password; that change (MODIFY) sends nothing either
    from chalicelib.store.models import EmployeeItem

    item = EmployeeItem.get(created["nip"], consistent_read=True)
    assert item.credential_notice is None and item.credential_notice_id is None
    assert employee_stream.drain() == {"batchItemFailures": []}
    assert len(outbox_for(created["whatsapp"])) == 1

    temporary = employee_stream.temporary_password(created["whatsapp"])
    assert temporary not in message.text  # the outbox keeps it masked
    status, session = http.call("POST", "/auth/login", {"username": created["nip"], "password": temporary})
    assert status == 200 and session["must_change_password"] is True


def test_the_password_is_not_readable_in_the_table_or_the_stream(http, factory, employee_stream):
    employee_stream.drain()
    created, _ = _create(http, factory)
    records = employee_stream.read()
    image = json.dumps([r for r in records if r["dynamodb"]["Keys"]["nip"]["S"] == created["nip"]])
    assert "credential_notice" in image
    employee_stream.deliver(records)
    [message] = outbox_for(created["whatsapp"])
    temporary = employee_stream.temporary_password(created["whatsapp"])
    assert temporary not in image and temporary not in message.text


def test_a_failing_record_is_reported_alone_and_succeeds_on_retry(http, factory, employee_stream, services_with):
    from chalicelib.integrations.whatsapp import WhatsAppError
    from chalicelib.services import container

    employee_stream.drain()
    first, _ = _create(http, factory)
    second, _ = _create(http, factory)
    records = [r for r in employee_stream.read() if r["dynamodb"]["Keys"]["nip"]["S"] in (first["nip"], second["nip"])]
    real_sender = container.whatsapp()

    class FlakySender:
        def send(self, to: str, text: str, **options) -> str:
            if to == first["whatsapp"]:
                raise WhatsAppError("provider down")
            return real_sender.send(to, text, **options)

    services_with(whatsapp=FlakySender())
    result = employee_stream.deliver(records)
    failed = [f["itemIdentifier"] for f in result["batchItemFailures"]]
    first_seq = next(
        r["dynamodb"]["SequenceNumber"] for r in records if r["dynamodb"]["Keys"]["nip"]["S"] == first["nip"]
    )
    assert failed == [first_seq]
    assert outbox_for(first["whatsapp"]) == [] and len(outbox_for(second["whatsapp"])) == 1

    container.reset()  # the provider is back
    retry = [r for r in records if int(r["dynamodb"]["SequenceNumber"]) >= int(first_seq)]
    assert employee_stream.deliver(retry) == {"batchItemFailures": []}
    assert len(outbox_for(first["whatsapp"])) == 1 and len(outbox_for(second["whatsapp"])) == 1
