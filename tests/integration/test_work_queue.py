"""One contract, two implementations: the work queue in memory and on SQS (moto's server in the test stack)."""

from __future__ import annotations

import json
import uuid
from datetime import date

import pytest


class _Sqs:
    """A fresh SQS queue of its own (the stack's queues are read by the local runner) and its consumer."""

    def __init__(self) -> None:
        from chalicelib.integrations.aws import client
        from chalicelib.integrations.queue import SqsQueue

        self.sqs = client("sqs")
        self.url = self.sqs.create_queue(QueueName=f"contract-{uuid.uuid4().hex}")["QueueUrl"]
        self.queue = SqsQueue(self.sqs, self.url)

    def take(self) -> list[dict]:
        taken = []
        while batch := self.sqs.receive_message(QueueUrl=self.url, MaxNumberOfMessages=10).get("Messages"):
            taken += [json.loads(m["Body"]) for m in batch]
            entries = [{"Id": str(n), "ReceiptHandle": m["ReceiptHandle"]} for n, m in enumerate(batch)]
            self.sqs.delete_message_batch(QueueUrl=self.url, Entries=entries)
        return taken


@pytest.fixture(params=["memory", "sqs"])
def queue(request):
    """(the queue, a function returning what a consumer receives)"""
    if request.param == "memory":
        from chalicelib.integrations.memory import InMemoryQueue

        memory = InMemoryQueue()
        yield memory, memory.take
        return
    request.getfixturevalue("stack")
    sqs = _Sqs()
    yield sqs.queue, sqs.take
    sqs.sqs.delete_queue(QueueUrl=sqs.url)


class TestWorkQueueContract:
    def test_every_message_arrives_once_as_json(self, queue):
        queue, take = queue
        messages = [{"nip": f"19900115201503{n:04d}", "day": "2026-11-25", "n": n} for n in range(23)]
        assert queue.send_all(messages) == 23  # more than one batch of ten
        assert sorted(take(), key=lambda m: m["n"]) == messages
        assert take() == []

    def test_nothing_to_send_sends_nothing(self, queue):
        queue, take = queue
        assert queue.send_all([]) == 0
        assert take() == []

    def test_a_message_that_is_not_json_is_refused(self, queue):
        queue, take = queue
        with pytest.raises(TypeError):
            queue.send_all([{"day": date(2026, 11, 25)}])
        assert take() == []
