"""Reminder dispatch cost: 100,000 employees with reminders, 1,000 of them due in the measured slot.

Prints the dispatcher's time and how many reminder items it read: the cost must follow the
employees due, not all employees.
"""

from __future__ import annotations

import os
import random
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EMPLOYEES = 100_000
DUE = 1_000
DUE_SLOT = "09:00"  # 16:00 WIB


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from devtools.ephemeral import ephemeral_stack

    with ephemeral_stack("bench"):
        from chalicelib.config import settings
        from chalicelib.services import container

        started = time.perf_counter()
        _fill(settings().table("reminders"))
        print(f"reminder dispatch ({EMPLOYEES:,} employees with reminders, {DUE:,} due in the slot)")
        print(f"  filled DynamoDB Local in {time.perf_counter() - started:.0f} s")

        from chalicelib.services.reminders import DISPATCH_JOB
        from chalicelib.store.job_state import DynamoJobState

        service = container.reminders()
        now = datetime(2026, 11, 25, 9, 1, tzinfo=UTC)  # a Wednesday, 16:01 WIB
        DynamoJobState().save_cursor(DISPATCH_JOB, (now - timedelta(minutes=5)).isoformat())
        service._clock = lambda: now
        queue = _TimedQueue(container.notification_queue())
        started = time.perf_counter()
        summary = service.dispatch(queue)
        elapsed = time.perf_counter() - started
    print(f"  dispatcher: {elapsed * 1000:.0f} ms for {summary['slots']} slot(s), of which enqueueing")
    print(f"    {summary['queued'] // 10} SendMessageBatch calls into moto's SQS took {queue.seconds * 1000:.0f} ms")
    print(f"    reading and deciding: {(elapsed - queue.seconds) * 1000:.0f} ms")
    print(f"  reminder items read: {summary['read']:,} (due: {DUE:,}); messages queued: {summary['queued']:,}")


class _TimedQueue:
    """The real queue, timing how long the SQS stand-in takes."""

    def __init__(self, queue) -> None:
        self._queue, self.seconds = queue, 0.0

    def send_all(self, messages: list) -> int:
        started = time.perf_counter()
        try:
            return self._queue.send_all(messages)
        finally:
            self.seconds += time.perf_counter() - started


def _fill(table: str) -> None:
    """Write the reminder items straight into the table, in parallel batches of 25."""
    import boto3

    from chalicelib.store.reminders import SLOT_SHARDS

    rng = random.Random(7)
    other_slots = [f"{h:02d}:{m:02d}" for h in range(24) for m in range(0, 60, 5) if f"{h:02d}:{m:02d}" != DUE_SLOT]
    items = []
    for n in range(EMPLOYEES):
        slot = DUE_SLOT if n < DUE else rng.choice(other_slots)
        items.append(
            {
                "nip": {"S": f"19{n:016d}"},
                "enabled": {"BOOL": True},
                "frequency": {"S": "DAILY"},
                "at": {"S": "16:00"},
                "timezone": {"S": "WIB"},
                "slot_key": {"S": f"{slot}#{n % SLOT_SHARDS}"},
            }
        )
    ddb = boto3.client("dynamodb", endpoint_url=os.environ["DYNAMODB_ENDPOINT"], region_name="ap-southeast-3")

    def write(chunk: list[dict]) -> None:
        pending = [{"PutRequest": {"Item": i}} for i in chunk]
        while pending:
            left = ddb.batch_write_item(RequestItems={table: pending}).get("UnprocessedItems", {})
            pending = left.get(table, [])

    chunks = [items[i : i + 25] for i in range(0, len(items), 25)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(write, chunks))


if __name__ == "__main__":
    main()
