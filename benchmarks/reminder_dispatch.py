"""Reminder fan-out cost: 100,000 employees with reminders, 30,000 of them in the measured slot (16:00 WIB),
1,000 of those not yet reminded today (the others already were: their pages are read in full but send nothing).

Prints the scheduled dispatcher's time (one message per shard, no reminder read), then every page worker call
of the slot (the real `handle_page` on DynamoDB Local, sends through the outbox provider and the idempotency
table): items touched and time per page, time per send. It projects 6 M ASN (≈4.5 M in the slot) from those
figures against DynamoDB's per-partition limits and Lambda's 15 minutes, and exits non-zero when one is crossed.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EMPLOYEES = 100_000
IN_SLOT = 30_000
UNSENT = 1_000
DUE_SLOT = "09:00"  # 16:00 WIB
NOW = datetime(2026, 11, 25, 9, 1, tzinfo=UTC)  # a Wednesday, 16:01 WIB
DAY = "2026-11-25"

#: the national peak (README "Reminder fan-out")
NATIONAL_IN_SLOT = 4_500_000  # ≈75 % of 6 M ASN in the 16:00 WIB slot
PARTITION_WCU, PARTITION_RCU = 1_000, 3_000  # per partition and second
LAMBDA_SECONDS = 15 * 60
SQS_BATCH = 1  # page messages one notification worker call receives (`notification_jobs.BATCH_SIZE`)
WORKER_TIMEOUT = 30  # the notification worker's own limit (.chalice/config.json), well inside Lambda's 15 minutes
INDEX_KEY_BYTES = 60  # a KEYS_ONLY `by_slot` row: slot_key + nip + overhead


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from devtools.ephemeral import ephemeral_stack

    with ephemeral_stack("bench"):
        from chalicelib.config import settings
        from chalicelib.domain.reminders import PAGE_SIZE, SLOT_SHARDS
        from chalicelib.integrations.memory import InMemoryQueue
        from chalicelib.services import container
        from chalicelib.services.reminders import DISPATCH_JOB
        from chalicelib.store.job_state import DynamoJobState

        started = time.perf_counter()
        _fill(settings().table("reminders"))
        print(f"reminder fan-out ({EMPLOYEES:,} employees with reminders, {IN_SLOT:,} in the slot, {UNSENT:,} due)")
        print(f"  filled DynamoDB Local in {time.perf_counter() - started:.0f} s")
        index_writes = _index_writes_of_a_send(settings().table("reminders"))

        service = container.reminders()
        service._clock = lambda: NOW
        DynamoJobState().save_cursor(DISPATCH_JOB, (NOW - timedelta(minutes=5)).isoformat())
        started = time.perf_counter()
        summary = service.fan_out(container.notification_queue())  # into moto's SQS, as the schedule does
        dispatch_ms = (time.perf_counter() - started) * 1000
        print(
            f"  dispatcher: {dispatch_ms:.0f} ms, {summary['queued']} page messages ({SLOT_SHARDS} shards), "
            f"0 reminder items read"
        )

        from chalice.local import LambdaContext

        service.register_context(LambdaContext("notification_worker", 1024))
        DynamoJobState().save_cursor(DISPATCH_JOB, (NOW - timedelta(minutes=5)).isoformat())
        queue = InMemoryQueue()
        service.fan_out(queue)
        pages: list[tuple[float, int, int]] = []  # (seconds, index keys read, reminders sent)
        while messages := queue.take():
            for message in messages:
                started = time.perf_counter()
                done = service.handle_page(message, queue)
                pages.append((time.perf_counter() - started, done["read"], done["sent"]))
    _report(pages, PAGE_SIZE, SLOT_SHARDS, index_writes)


def _report(pages: list[tuple[float, int, int]], page_size: int, shards: int, index_writes: float | None) -> None:
    walked = [p for p in pages if p[1]]
    quiet = [p for p in walked if p[2] == 0]
    sending = [p for p in walked if p[2]]
    read_ms = statistics.median(p[0] for p in quiet) * 1000 if quiet else 0.0
    keys = sum(p[1] for p in walked)
    sent = sum(p[2] for p in walked)
    per_send_ms = (sum(p[0] for p in sending) * 1000 - read_ms * len(sending)) / sent if sent else 0.0
    print(f"  page workers: {len(pages)} calls ({len(pages) - len(walked)} empty shards: one Query each)")
    print(f"    {len(walked)} pages read {keys:,} index keys (≤ {page_size} per page) and sent {sent:,} reminders")
    print(
        f"    items touched per page: ≤ {max(p[1] for p in walked)} index keys + the same table items "
        f"(one BatchGetItem) + the sends' own writes; max {max(p[2] for p in walked)} sends in a page"
    )
    print(
        f"    time per page: p50 {statistics.median(p[0] for p in walked) * 1000:.0f} ms, "
        f"max {max(p[0] for p in walked) * 1000:.0f} ms; a page with no send: {read_ms:.0f} ms; "
        f"per send: {per_send_ms:.1f} ms"
    )
    if index_writes is not None:
        print(f"    index write units of a send's sent marker (ReturnConsumedCapacity): {index_writes:g}")

    per_shard = NATIONAL_IN_SLOT / shards
    pages_per_shard = -(-per_shard // page_size)
    full_page_s = (read_ms + page_size * per_send_ms) / 1000
    invocation_s = SQS_BATCH * full_page_s
    slot_s = pages_per_shard * full_page_s
    page_rcu = -(-(page_size * INDEX_KEY_BYTES) // 4096) * 0.5
    rcu_per_key = page_rcu / read_ms * 1000 if read_ms else 0.0
    wcu_per_key = (index_writes or 0) * page_size / full_page_s
    print(f"  projected for 6 M ASN ({NATIONAL_IN_SLOT:,} in the 16:00 WIB slot, {shards} shards):")
    print(f"    per slot_key: {per_shard:,.0f} index rows, {pages_per_shard:,.0f} pages of {page_size}")
    print(f"    a full page: {full_page_s:.1f} s; one worker call ({SQS_BATCH} pages): {invocation_s:.0f} s")
    print(f"      (the worker's limit {WORKER_TIMEOUT} s; at this machine's CPU: `load_model` counts Lambda's)")
    print(
        f"    index reads per slot_key at most {rcu_per_key:,.0f} RCU/s even when pages only read "
        f"(limit {PARTITION_RCU:,}); index writes per slot_key by sends: {wcu_per_key:,.0f} WCU/s "
        f"(limit {PARTITION_WCU:,})"
    )
    print(f"    one slot's dispatch with {shards} parallel page chains: {slot_s / 60:.1f} min")
    crossed = [
        name
        for name, over in (
            ("the worker's 30 s", invocation_s > min(WORKER_TIMEOUT, LAMBDA_SECONDS)),
            ("3,000 RCU/s per partition", rcu_per_key > PARTITION_RCU),
            ("1,000 WCU/s per partition", wcu_per_key > PARTITION_WCU),
        )
        if over
    ]
    if crossed:
        print(f"  FAILED: the projection crosses {', '.join(crossed)}")
        raise SystemExit(1)
    print("  the projection stays within every limit")


def _index_writes_of_a_send(table: str) -> float | None:
    """The index write units DynamoDB reports for writing a sent marker (None when it reports none); for contrast
    it prints those of a settings change, which moves the row in the index."""
    ddb = _client()

    def units(expression: str, value: str) -> float | None:
        response = ddb.update_item(
            TableName=table,
            Key={"nip": {"S": _nip(0)}},
            UpdateExpression=expression,
            ExpressionAttributeValues={":v": {"S": value}},
            ReturnConsumedCapacity="INDEXES",
        )
        capacity = response.get("ConsumedCapacity") or {}
        if "GlobalSecondaryIndexes" not in capacity and "Table" not in capacity:
            return None
        return float(capacity.get("GlobalSecondaryIndexes", {}).get("by_slot", {}).get("CapacityUnits", 0.0))

    from chalicelib.domain.reminders import shard_of

    moved = units("SET slot_key = :v", f"{DUE_SLOT}#{(shard_of(_nip(0)) + 1) % 256}")
    units("SET slot_key = :v", f"{DUE_SLOT}#{shard_of(_nip(0))}")
    marker = units("SET last_sent_day = :v", "2026-11-24")
    print(f"  index write units reported: a settings change (slot_key) {moved}, a sent marker {marker}")
    return marker


def _client():
    import boto3

    return boto3.client("dynamodb", endpoint_url=os.environ["DYNAMODB_ENDPOINT"], region_name="ap-southeast-3")


def _nip(n: int) -> str:
    return f"19{n:016d}"


def _fill(table: str) -> None:
    """The reminder items, straight into the table in parallel batches of 25; an account for each one due."""
    import random

    from chalicelib.domain.accounts import Employee
    from chalicelib.domain.identity import TimeZone
    from chalicelib.domain.reminders import shard_of
    from chalicelib.store.employees import DynamoEmployeeRepository

    rng = random.Random(7)
    other_slots = [f"{h:02d}:{m:02d}" for h in range(24) for m in range(0, 60, 5) if f"{h:02d}:{m:02d}" != DUE_SLOT]
    items = []
    for n in range(EMPLOYEES):
        nip = _nip(n)
        slot = DUE_SLOT if n < IN_SLOT else rng.choice(other_slots)
        item = {
            "nip": {"S": nip},
            "enabled": {"BOOL": True},
            "frequency": {"S": "DAILY"},
            "at": {"S": "16:00"},
            "timezone": {"S": "WIB"},
            "slot_key": {"S": f"{slot}#{shard_of(nip)}"},
        }
        if n >= UNSENT:
            item["last_sent_day"] = {"S": DAY}
        items.append(item)
    put_items(table, items)

    def account(n: int) -> None:
        DynamoEmployeeRepository().add(
            Employee(_nip(n), f"Pegawai {n}", "Analis", "SKPD-1", "SATKER-1", f"62812{n:08d}", TimeZone.WIB)
        )

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(account, range(UNSENT)))


def put_items(table: str, items: list[dict]) -> None:
    """Raw items straight into ``table``: batches of 25, four at once, again with what DynamoDB left unprocessed
    (the load model fills its slot the same way)."""
    ddb = _client()

    def write(chunk: list[dict]) -> None:
        pending = [{"PutRequest": {"Item": i}} for i in chunk]
        while pending:
            left = ddb.batch_write_item(RequestItems={table: pending}).get("UnprocessedItems", {})
            pending = left.get(table, [])

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(write, [items[i : i + 25] for i in range(0, len(items), 25)]))


if __name__ == "__main__":
    main()
