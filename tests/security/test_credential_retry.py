"""Finding 9: when the e-mail notice fails after the WhatsApp message went out, the retry sends only the e-mail;
the same for a leave notification (issue 16: a failed e-mail sent the supervisor's WhatsApp message again). A
leave e-mail is queued by the stream handler and sent by the notification worker, so there the failure and the
retry are the worker's (`tests/integration/test_leave_dead_letters.py` runs it through SQS and its dead-letter
queue)."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

from tests.support import make_nip, make_whatsapp, outbox_for


def _emails_to(stack: dict[str, str], address: str) -> int:
    with urllib.request.urlopen(f"{stack['SES_ENDPOINT']}/moto-api/data.json") as response:
        messages = json.load(response)["ses"]["Message"]
    return sum(address in json.dumps(m) for m in (messages.values() if isinstance(messages, dict) else messages))


def _worker(messages: list[dict[str, Any]]) -> list[str]:
    """The real notification worker on one SQS batch of ``messages``; the ids of those that failed (all of them
    when the whole batch failed, as Lambda sees it)."""
    from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError
    from chalice.local import LambdaContext

    from chalicelib.handlers.notification_jobs import notification_worker
    from devtools.runner import sqs_record

    bodies = [{"MessageId": f"m{n}", "ReceiptHandle": f"r{n}", "Body": json.dumps(m)} for n, m in enumerate(messages)]
    arn = "arn:aws:sqs:local:000000000000:notifications"
    try:
        result = notification_worker(
            {"Records": [sqs_record(b, arn, "local") for b in bodies]}, LambdaContext("notification_worker", 512)
        )
    except BatchProcessingError:
        return [b["MessageId"] for b in bodies]
    return [f["itemIdentifier"] for f in result["batchItemFailures"]]


def _failed(employee_stream, records: list[dict[str, Any]]) -> list[str]:
    """Sequence numbers the handler reported failed (all of them when the whole batch failed, as Lambda sees it)."""
    from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError

    try:
        return [f["itemIdentifier"] for f in employee_stream.deliver(records)["batchItemFailures"]]
    except BatchProcessingError:
        return [r["dynamodb"]["SequenceNumber"] for r in records]


class FailsOnce:
    """SES that is down for the first call."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.calls = inner, 0

    def send(self, *args: Any, **kwargs: Any) -> str:
        self.calls += 1
        if self.calls == 1:
            raise ConnectionError("SES unreachable")
        return self.inner.send(*args, **kwargs)


def test_a_retry_after_an_email_failure_does_not_resend_the_password(
    http, factory, stack, employee_stream, services_with
):
    from chalicelib.services import container

    skpd = factory.skpd()
    operator = http.login(factory.employee(skpd, roles=("OPERATOR_SKPD",)))
    employee_stream.drain()
    email = FailsOnce(container.email())
    services_with(email=email)
    nip, whatsapp, address = make_nip(), make_whatsapp(), f"pegawai{make_nip()}@example.go.id"
    body = {"nip": nip, "name": "Made Sukerta", "jabatan": "Penyuluh", "satker_id": skpd[1]}
    status, _ = http.call(
        "POST", "/employees", {**body, "whatsapp": whatsapp, "email": address, "timezone": "WITA"}, token=operator
    )
    assert status == 201
    records = [r for r in employee_stream.read() if r["dynamodb"]["Keys"]["nip"]["S"] == nip]

    assert _failed(employee_stream, records) == [records[0]["dynamodb"]["SequenceNumber"]]
    assert len(outbox_for(whatsapp)) == 1 and _emails_to(stack, address) == 0

    assert _failed(employee_stream, records) == []  # the stream's retry
    assert len(outbox_for(whatsapp)) == 1, "the temporary password was sent twice"
    assert _emails_to(stack, address) == 1

    assert employee_stream.deliver(records) == {"batchItemFailures": []}  # a later replay sends nothing
    assert employee_stream.drain() == {"batchItemFailures": []}  # nor does removing the notice
    assert len(outbox_for(whatsapp)) == 1 and _emails_to(stack, address) == 1 and email.calls == 2


def test_a_retry_after_a_leave_email_failure_does_not_resend_the_whatsapp_message(http, factory, stack, services_with):
    from chalicelib.integrations.memory import InMemoryQueue
    from chalicelib.services import container
    from tests.integration.test_leave import LeaveStream, application, emails_to, whatsapp_of, working_span

    stream = LeaveStream()
    stream.reader.read()  # start after what earlier tests wrote
    skpd = factory.skpd()
    address = f"atasan{make_nip()}@example.go.id"
    head = factory.employee(skpd, name="Kepala Dinas Uji")
    boss = factory.employee(skpd, supervisor=head, name="Atasan Uji", email=address)
    staff = http.login(factory.employee(skpd, supervisor=boss, name="Pegawai Uji"))
    status, applied = http.call("POST", "/leave", application("TAHUNAN", *working_span(2)), token=staff)
    assert status == 201, applied
    records = [r for r in stream.reader.read() if r["dynamodb"]["Keys"]["leave_id"]["S"] == applied["leave_id"]]
    assert len(records) == 1
    email, queue = FailsOnce(container.email()), InMemoryQueue()
    services_with(email=email, notifications=queue)

    assert _failed(stream, records) == []  # WhatsApp sent, the e-mail queued
    [message] = queue.take()
    assert _worker([message]) == ["m0"]  # the e-mail failed: the message returns to the queue
    assert len(outbox_for(whatsapp_of(boss))) == 1 and emails_to(stack, address) == []

    assert _worker([message]) == []  # the queue's retry
    assert len(outbox_for(whatsapp_of(boss))) == 1, "the supervisor got the WhatsApp message twice"
    assert len(emails_to(stack, address)) == 1

    assert stream.deliver(records) == {"batchItemFailures": []}  # a later replay sends nothing
    assert queue.take() == [] and _worker([message]) == []
    assert len(outbox_for(whatsapp_of(boss))) == 1 and len(emails_to(stack, address)) == 1 and email.calls == 2
