"""A supervisor's digest whose e-mail keeps failing, through a real queue (moto's SQS) with the template's
redrive policy, the real queue worker and the real idempotency store (DynamoDB Local): the WhatsApp digest goes
out once however often the message is received; after the template's number of receives the message rests in
the dead-letter queue; moved back (what an SQS redrive does) once SES works again, it sends the e-mail once and
the WhatsApp message not again; moved back twice, nothing more."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from tests.support import attend, outbox_for, report_body, today_wib, unique


class FlakySes:
    """The real (moto) SES sender, unreachable while ``down``."""

    def __init__(self, real: Any) -> None:
        self.real, self.down, self.attempts = real, True, 0

    def send(self, to: str, subject: str, text: str, html: str | None = None) -> str:
        self.attempts += 1
        if self.down:
            raise ConnectionError("SES unreachable")
        return self.real.send(to, subject, text, html)


@pytest.fixture
def queues(stack):
    """A notifications queue and its dead-letter queue as the AWS template declares them (receives before the
    dead-letter queue), each message visible again at once so the test need not wait."""
    from app import app
    from chalicelib.integrations.aws import client
    from infra.template import merge_template

    declared = merge_template(app)["Resources"]["NotificationsQueue"]["Properties"]["RedrivePolicy"]
    sqs, name = client("sqs"), f"digest-{unique()}"
    dead = sqs.create_queue(QueueName=f"{name}-failures")["QueueUrl"]
    dead_arn = sqs.get_queue_attributes(QueueUrl=dead, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    policy = {"deadLetterTargetArn": dead_arn, "maxReceiveCount": str(declared["maxReceiveCount"])}
    source = sqs.create_queue(
        QueueName=name, Attributes={"VisibilityTimeout": "0", "RedrivePolicy": json.dumps(policy)}
    )["QueueUrl"]
    yield {"sqs": sqs, "source": source, "dead": dead, "receives": int(declared["maxReceiveCount"])}
    for url in (source, dead):
        sqs.delete_queue(QueueUrl=url)


def _deliver_once(queues: dict[str, Any]) -> list[str]:
    """One receive of the source queue handed to the real worker, as Lambda's event source does: messages
    that succeeded are deleted, failed ones stay (visible again at once). Returns the failed message ids."""
    from chalice.local import LambdaContext

    from chalicelib.handlers.notification_jobs import notification_worker
    from devtools.runner import sqs_record

    sqs = queues["sqs"]
    messages = sqs.receive_message(QueueUrl=queues["source"], MaxNumberOfMessages=10).get("Messages", [])
    if not messages:
        return []
    arn = f"arn:aws:sqs:local:000000000000:{queues['source'].rsplit('/', 1)[-1]}"
    try:
        result = notification_worker(
            {"Records": [sqs_record(m, arn, "local") for m in messages]}, LambdaContext("notification_worker", 1024)
        )
        failed = [f["itemIdentifier"] for f in result.get("batchItemFailures", [])]
    except Exception:  # the whole batch failed (Powertools raises then): every message returns to the queue
        failed = [m["MessageId"] for m in messages]
    for message in messages:
        if message["MessageId"] not in failed:
            sqs.delete_message(QueueUrl=queues["source"], ReceiptHandle=message["ReceiptHandle"])
    return failed


def _redrive(queues: dict[str, Any]) -> list[str]:
    """Move every dead letter back to its source queue unchanged, as `StartMessageMoveTask` does; their bodies."""
    sqs, moved = queues["sqs"], []
    while messages := sqs.receive_message(QueueUrl=queues["dead"], MaxNumberOfMessages=10).get("Messages", []):
        for message in messages:
            sqs.send_message(QueueUrl=queues["source"], MessageBody=message["Body"])
            sqs.delete_message(QueueUrl=queues["dead"], ReceiptHandle=message["ReceiptHandle"])
            moved.append(message["Body"])
    return moved


def _count(queues: dict[str, Any], which: str) -> int:
    attributes = queues["sqs"].get_queue_attributes(
        QueueUrl=queues[which], AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    )["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"]) + int(attributes["ApproximateNumberOfMessagesNotVisible"])


def _emails_to(stack, address: str) -> list[dict[str, Any]]:
    import urllib.request

    with urllib.request.urlopen(f"{stack['SES_ENDPOINT']}/moto-api/data.json") as response:
        stored = json.load(response)["ses"]["Message"]
    values = stored.values() if isinstance(stored, dict) else stored
    return [m for m in values if address in json.dumps(m)]


def test_a_digest_whose_email_exhausts_its_retries_is_dead_lettered_and_replayed_once(
    http, factory, stack, queues, services_with
):
    from chalicelib.integrations.aws import client
    from chalicelib.integrations.email import SesEmailSender
    from chalicelib.services import container
    from chalicelib.store.employees import DynamoEmployeeRepository

    skpd = factory.skpd()
    address = f"kabid.dlq{unique()}@example.go.id"
    boss = factory.employee(skpd, name="Kepala Bidang Antrean", email=address)
    staff = factory.employee(skpd, supervisor=boss)
    attend(staff, today_wib())
    assert http.call("POST", "/reports", report_body(today_wib()), token=http.login(staff))[0] == 201
    _report_stream().tick()  # the reports stream schedules the supervisor's digest

    from chalicelib.config import settings

    ses = FlakySes(SesEmailSender(client("ses"), settings().ses_sender))
    later = container.utc_now() + timedelta(minutes=10)
    services = services_with(clock=lambda: later, email=ses)
    assert _dispatch_own(services, boss, queues) == 1
    whatsapp = DynamoEmployeeRepository().get(boss).whatsapp

    # every receive fails on the e-mail; the WhatsApp digest goes out with the first one only
    for receive in range(queues["receives"]):
        assert len(_deliver_once(queues)) == 1, receive
        assert len(outbox_for(whatsapp)) == 1, receive
    assert ses.attempts == queues["receives"] and _emails_to(stack, address) == []
    assert _deliver_once(queues) == []  # the next receive finds it gone: moved to the dead-letter queue
    assert (_count(queues, "source"), _count(queues, "dead")) == (0, 1)

    # SES is back; the dead letter is moved back and delivered: the e-mail once, the WhatsApp message not again
    ses.down = False
    [body] = _redrive(queues)
    assert json.loads(body)["kind"] == "digest"
    assert _deliver_once(queues) == []
    [mail] = _emails_to(stack, address)
    assert "laporan kegiatan menunggu verifikasi" in json.dumps(mail)
    assert len(outbox_for(whatsapp)) == 1
    assert (_count(queues, "source"), _count(queues, "dead")) == (0, 0)

    # the same message replayed once more (a second redrive of a copy): nothing is sent again
    assert _dispatch_own(services, boss, queues) == 0  # nothing new is due
    queues["sqs"].send_message(QueueUrl=queues["source"], MessageBody=body)
    assert _deliver_once(queues) == []
    assert len(_emails_to(stack, address)) == 1 and len(outbox_for(whatsapp)) == 1
    assert ses.attempts == queues["receives"] + 1  # the replayed copy did not even try the e-mail


def _dispatch_own(services: Any, boss: str, queues: dict[str, Any]) -> int:
    """Dispatch what is due and put only this supervisor's digest on the test's queue (the table is shared with
    every other test, whose supervisors' digests may be due too)."""
    from chalicelib.integrations.memory import InMemoryQueue
    from chalicelib.integrations.queue import SqsQueue

    due = InMemoryQueue()
    services.digest_sender.dispatch(due)
    own = [m for m in due.take() if m.get("supervisor_nip") == boss]
    return SqsQueue(queues["sqs"], queues["source"]).send_all(own)


def _report_stream() -> Any:
    import boto3

    from app import app
    from chalicelib.config import settings
    from chalicelib.integrations.aws import client
    from devtools.runner import LocalRunner

    cfg = settings()
    streams = boto3.client("dynamodbstreams", endpoint_url=cfg.dynamodb_endpoint, region_name=cfg.region)
    return LocalRunner(app, cfg, client("dynamodb"), streams, client("s3"), client("sqs"), log=lambda _: None)
