"""A leave notification whose e-mail keeps failing, through the real `leaves` stream handler, a real queue (moto's
SQS) with the template's redrive policy, the real queue worker and the real idempotency store (DynamoDB Local):
the stream batch succeeds (it sends the WhatsApp message and only queues the e-mail), a redelivered record
queues nothing new; the e-mail fails on every receive, then rests whole in the dead-letter queue; moved back
once SES works again, it is sent once and the WhatsApp message not again; moved back twice, nothing more.
(Before, the e-mail was sent inside the stream handler: its failure failed the stream batch, and only the
batch's shard and sequence numbers reached `StreamFailures`, nothing one could replay.)"""

from __future__ import annotations

import json

import pytest

from tests.integration.dead_letters import (
    FlakySes,
    count,
    dead_letter_queues,
    deliver_once,
    emails_to,
    exhaust,
    redrive,
)
from tests.integration.test_leave import LeaveStream, application, working_span
from tests.support import outbox_for, unique

#: a region of moto's SQS the stack does not use
REGION = "eu-west-1"


@pytest.fixture
def queues(stack):
    """The stack's queue name, in a region of its own: the stream handler sends to it, and the call recorder
    (`tests/iam_usage.py`) checks that send against the grant on the ``notifications`` queue."""
    import boto3

    from chalicelib.config import settings

    cfg = settings()
    sqs = boto3.client("sqs", region_name=REGION, endpoint_url=cfg.sqs_endpoint)
    yield from dead_letter_queues(sqs, cfg.table("notifications"))


def test_a_leave_email_that_exhausts_its_retries_is_dead_lettered_and_replayed_once(
    http, factory, stack, queues, services_with
):
    from chalicelib.config import settings
    from chalicelib.integrations.aws import client
    from chalicelib.integrations.email import SesEmailSender
    from chalicelib.integrations.queue import SqsQueue
    from chalicelib.store.employees import DynamoEmployeeRepository

    skpd = factory.skpd()
    address = f"atasan.dlq{unique()}@example.go.id"
    head = factory.employee(skpd, name="Kepala Dinas Antrean")
    boss = factory.employee(skpd, supervisor=head, name="Atasan Antrean", email=address)
    staff = factory.employee(skpd, supervisor=boss, name="Dewi Antrean")
    stream = LeaveStream()
    stream.reader.read()  # start after what earlier tests wrote

    ses = FlakySes(SesEmailSender(client("ses"), settings().ses_sender))
    services_with(email=ses, notifications=SqsQueue(queues["sqs"], queues["source"]))
    start, end = working_span(2)
    status, applied = http.call("POST", "/leave", application("TAHUNAN", start, end), token=http.login(staff))
    assert status == 201, applied
    whatsapp = DynamoEmployeeRepository().get(boss).whatsapp

    # the stream: WhatsApp to the supervisor, the e-mail queued; SES is not even tried, the batch succeeds
    records = stream.reader.read()
    assert records and stream.deliver(records) == {"batchItemFailures": []}
    assert len(outbox_for(whatsapp)) == 1 and ses.attempts == 0
    assert (count(queues, "source"), count(queues, "dead")) == (1, 0)
    assert stream.deliver(records) == {"batchItemFailures": []}  # the stream delivers the records again
    assert len(outbox_for(whatsapp)) == 1 and count(queues, "source") == 1  # nothing sent or queued twice

    # every receive fails on the e-mail
    exhaust(queues, ses, whatsapp, stack, address)

    # SES is back; the dead letter, whole, is moved back and delivered: the e-mail once, the WhatsApp not again
    ses.down = False
    [body] = redrive(queues)
    message = json.loads(body)
    assert message["kind"] == "leave-email" and message["to"] == address
    assert message["key"] == f"{applied['leave_id']}:{applied['version']}:consideration:email:{boss}"
    assert deliver_once(queues) == []
    [mail] = emails_to(stack, address)
    assert "menunggu pertimbangan Anda" in json.dumps(mail) and "/decision-links/" in json.dumps(mail)
    assert len(outbox_for(whatsapp)) == 1
    assert (count(queues, "source"), count(queues, "dead")) == (0, 0)

    # the same message replayed once more (a second redrive of a copy): nothing is sent again
    queues["sqs"].send_message(QueueUrl=queues["source"], MessageBody=body)
    assert deliver_once(queues) == []
    assert len(emails_to(stack, address)) == 1 and len(outbox_for(whatsapp)) == 1
    assert ses.attempts == queues["receives"] + 1  # the replayed copy did not even try the e-mail
