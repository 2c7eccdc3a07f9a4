"""Work queues (SQS): fan-out of work with many recipients, one small message each; export jobs.

`NotificationQueue` is what the services use; `integrations/memory.py` has the in-memory twin, and
`tests/integration/test_work_queue.py` runs one contract against both (moto's SQS server in the test stack).
"""

from __future__ import annotations

import json
from typing import Any, Protocol

BATCH = 10


class NotificationQueue(Protocol):
    def send_all(self, messages: list[dict[str, Any]]) -> int:
        """Enqueue every message (JSON objects); returns how many."""
        ...


class SqsQueue:
    """`NotificationQueue` over one SQS queue."""

    def __init__(self, sqs_client: Any, queue_url: str) -> None:
        self._sqs, self._url = sqs_client, queue_url

    def send_all(self, messages: list[dict[str, Any]]) -> int:
        """Enqueue every message (SendMessageBatch, ten at a time); returns how many."""
        for start in range(0, len(messages), BATCH):
            entries = [
                {"Id": str(n), "MessageBody": json.dumps(m, separators=(",", ":"))}
                for n, m in enumerate(messages[start : start + BATCH])
            ]
            response = self._sqs.send_message_batch(QueueUrl=self._url, Entries=entries)
            if response.get("Failed"):
                raise RuntimeError(f"SQS refused {len(response['Failed'])} message(s)")
        return len(messages)
