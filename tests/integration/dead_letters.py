"""Dead-letter plumbing shared by the tests of e-mails that exhaust their retries: a queue with the template's
redrive policy, one receive handed to the real worker, a redrive, counts, and moto's sent mail."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from tests.support import outbox_for


class FlakySes:
    """The real (moto) SES sender, unreachable while ``down``."""

    def __init__(self, real: Any) -> None:
        self.real, self.down, self.attempts = real, True, 0

    def send(self, to: str, subject: str, text: str, html: str | None = None) -> str:
        self.attempts += 1
        if self.down:
            raise ConnectionError("SES unreachable")
        return self.real.send(to, subject, text, html)


def dead_letter_queues(sqs: Any, name: str) -> Iterator[dict[str, Any]]:
    """A notifications queue called ``name`` and its dead-letter queue as the AWS template declares them (receives
    before the dead-letter queue), each message visible again at once so a test need not wait."""
    from app import app
    from infra.template import merge_template

    declared = merge_template(app)["Resources"]["NotificationsQueue"]["Properties"]["RedrivePolicy"]
    dead = sqs.create_queue(QueueName=f"{name}-failures")["QueueUrl"]
    dead_arn = sqs.get_queue_attributes(QueueUrl=dead, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    policy = {"deadLetterTargetArn": dead_arn, "maxReceiveCount": str(declared["maxReceiveCount"])}
    source = sqs.create_queue(
        QueueName=name, Attributes={"VisibilityTimeout": "0", "RedrivePolicy": json.dumps(policy)}
    )["QueueUrl"]
    yield {"sqs": sqs, "source": source, "dead": dead, "receives": int(declared["maxReceiveCount"])}
    for url in (source, dead):
        sqs.delete_queue(QueueUrl=url)


def deliver_once(queues: dict[str, Any]) -> list[str]:
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


def redrive(queues: dict[str, Any]) -> list[str]:
    """Move every dead letter back to its source queue unchanged, as `StartMessageMoveTask` does; their bodies."""
    sqs, moved = queues["sqs"], []
    while messages := sqs.receive_message(QueueUrl=queues["dead"], MaxNumberOfMessages=10).get("Messages", []):
        for message in messages:
            sqs.send_message(QueueUrl=queues["source"], MessageBody=message["Body"])
            sqs.delete_message(QueueUrl=queues["dead"], ReceiptHandle=message["ReceiptHandle"])
            moved.append(message["Body"])
    return moved


def count(queues: dict[str, Any], which: str) -> int:
    attributes = queues["sqs"].get_queue_attributes(
        QueueUrl=queues[which], AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    )["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"]) + int(attributes["ApproximateNumberOfMessagesNotVisible"])


def exhaust(queues: dict[str, Any], ses: FlakySes, whatsapp: str, stack: dict[str, str], address: str) -> None:
    """Every receive fails on the e-mail and the WhatsApp message is not sent again; after the template's number of
    receives the message rests in the dead-letter queue."""
    for receive in range(queues["receives"]):
        assert len(deliver_once(queues)) == 1, receive
        assert len(outbox_for(whatsapp)) == 1, receive
    assert ses.attempts == queues["receives"] and emails_to(stack, address) == []
    assert deliver_once(queues) == []  # the next receive finds it gone: moved to the dead-letter queue
    assert (count(queues, "source"), count(queues, "dead")) == (0, 1)


def emails_to(stack, address: str) -> list[dict[str, Any]]:
    import urllib.request

    with urllib.request.urlopen(f"{stack['SES_ENDPOINT']}/moto-api/data.json") as response:
        stored = json.load(response)["ses"]["Message"]
    values = stored.values() if isinstance(stored, dict) else stored
    return [m for m in values if address in json.dumps(m)]
