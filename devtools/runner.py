"""The local runner: does for `make run` what AWS does for the deployed app.

It polls DynamoDB Local's streams and calls the stream handlers with Lambda-shaped events
(retrying from the first failed record, as `ReportBatchItemFailures` does), fires scheduled
functions on their rate, turns new objects under S3 ``imports/`` into S3 events for the roster
import function, and (``echo_whatsapp``, local stage only) prints each WhatsApp message the outbox
records, in clear, as it is sent: the outbox itself keeps passwords masked, and a developer needs
the temporary password to sign in as a new account. The handlers are the app's own.

Each channel (each stream, each queue, the S3 drop, each schedule) survives its own faults as Lambda's
event source mappings do: an error is logged, the channel waits (1 s, doubling to 30 s) and tries again
from where it stood, and the other channels carry on meanwhile. The runner's own clients
(`bounded_client`) wait on a stalled service at most a few seconds, once, so a stalled moto holds the
streams back by seconds per back-off period, not for good. One loop, no threads: the handlers never
run concurrently with each other, as the tests and the state file expect.
"""

from __future__ import annotations

import importlib
import json
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

from chalice.app import DynamoDBEventConfig, ScheduledEventConfig, SQSEventConfig
from chalice.local import LambdaContext

from chalicelib.config import Settings
from chalicelib.store.schema import table_of_placeholder

from .streams import StreamReader

MAX_ATTEMPTS = 3
BACKOFF_FIRST, BACKOFF_MAX = 1.0, 30.0
#: The runner's own calls (stream polls, SQS receive/delete, S3 list): (connect, read) seconds, one attempt.
RUNNER_TIMEOUTS = (2, 3)
_RATE = re.compile(r"rate\((\d+) (minute|minutes|hour|hours|day|days)\)")
_UNIT_SECONDS = {"minute": 60, "hour": 3600, "day": 86400}


def resolve(handler_string: str) -> Callable[..., Any]:
    module, _, name = handler_string.rpartition(".")
    return getattr(importlib.import_module(module), name)


def bounded_client(service: str, endpoint: str | None, region: str) -> Any:
    """A boto3 client for the runner's own calls that gives up on a stalled service within seconds."""
    import boto3
    from botocore.config import Config

    connect, read = RUNNER_TIMEOUTS
    config = Config(
        connect_timeout=connect,
        read_timeout=read,
        retries={"total_max_attempts": 1, "mode": "standard"},
        s3={"addressing_style": "path"} if service == "s3" and endpoint else None,
    )
    return boto3.client(service, region_name=region, endpoint_url=endpoint, config=config)


def deliver_stream(
    handler: Callable[..., Any], records: list[dict[str, Any]], batch_size: int, log: Callable[[str], None]
) -> int:
    """Hand records to ``handler`` in batches; retry from the first failure; return how many were dead-lettered."""
    dead = 0
    for start in range(0, len(records), batch_size):
        batch = records[start : start + batch_size]
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                result = handler({"Records": batch}, LambdaContext("stream", 512))
                failures = (result or {}).get("batchItemFailures") or []
            except Exception as exc:  # the whole batch failed, as a Lambda error would
                log(f"stream handler failed: {type(exc).__name__}: {exc}")
                failures = [{"itemIdentifier": batch[0]["dynamodb"]["SequenceNumber"]}]
            if not failures:
                break
            first = min(failures, key=lambda f: int(f["itemIdentifier"]))["itemIdentifier"]
            batch = [r for r in batch if int(r["dynamodb"]["SequenceNumber"]) >= int(first)]
            if attempt == MAX_ATTEMPTS:
                dead += len(batch)
                log(f"dead-lettered {len(batch)} stream record(s) from sequence {first}")
    return dead


def scheduled_event(region: str, rule: str) -> dict[str, Any]:
    """The event EventBridge hands a scheduled Lambda."""
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "version": "0",
        "id": str(uuid.uuid4()),
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": "000000000000",
        "time": now,
        "region": region,
        "resources": [f"arn:aws:events:{region}:000000000000:rule/{rule}"],
        "detail": {},
    }


def sqs_record(message: dict[str, Any], arn: str, region: str) -> dict[str, Any]:
    """A ReceiveMessage message → the record of a Lambda SQS event."""
    return {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message["Body"],
        "attributes": message.get("Attributes", {}),
        "messageAttributes": message.get("MessageAttributes", {}),
        "md5OfBody": message.get("MD5OfBody", ""),
        "eventSource": "aws:sqs",
        "eventSourceARN": arn,
        "awsRegion": region,
    }


def schedule_seconds(expression: Any) -> int | None:
    """Seconds between runs of ``rate(...)``; cron expressions are not run locally."""
    text = expression if isinstance(expression, str) else expression.to_string()
    match = _RATE.fullmatch(text)
    return int(match.group(1)) * _UNIT_SECONDS[match.group(2).rstrip("s")] if match else None


@dataclass
class _Channel:
    """One source of events; after a failure it rests (doubling back-off) while the others carry on."""

    name: str
    failures: int = 0
    retry_at: float = 0.0

    def run(self, step: Callable[[], Any], log: Callable[[str], None]) -> None:
        now = time.monotonic()
        if now < self.retry_at:
            return
        try:
            step()
        except Exception as exc:
            self.failures += 1
            wait = min(BACKOFF_FIRST * 2 ** (self.failures - 1), BACKOFF_MAX)
            self.retry_at = now + wait
            log(f"{self.name} failed ({type(exc).__name__}: {exc}); retrying in {wait:g} s")
        else:
            if self.failures:
                log(f"{self.name} recovered")
            self.failures, self.retry_at = 0, 0.0


@dataclass
class _Stream:
    handler: Callable[..., Any]
    reader: StreamReader
    batch_size: int
    channel: _Channel


@dataclass
class _Schedule:
    name: str
    handler: Callable[..., Any]
    every: int
    next_at: float = 0.0


@dataclass
class LocalRunner:
    app: Any
    cfg: Settings
    dynamodb: Any
    streams_client: Any
    s3: Any
    sqs: Any = None
    state_path: Path | None = None
    log: Callable[[str], None] = print
    echo_whatsapp: bool = False
    state: dict[str, Any] = field(default_factory=lambda: {"streams": {}, "imports": {}})

    def __post_init__(self) -> None:
        if self.state_path and self.state_path.exists():
            self.state = json.loads(self.state_path.read_text())
        self._streams: list[_Stream] = []
        self._schedules: list[_Schedule] = []
        self._queues: list[tuple[Callable[..., Any], int, str, _Channel]] = []
        self._imports = _Channel("S3 imports/")
        for source in self.app.event_sources:
            if isinstance(source, DynamoDBEventConfig):
                table = self.cfg.table(table_of_placeholder(source.stream_arn))
                arn = self.dynamodb.describe_table(TableName=table)["Table"]["LatestStreamArn"]
                positions = self.state["streams"].setdefault(table, {})
                self._streams.append(
                    _Stream(
                        resolve(source.handler_string),
                        StreamReader(self.streams_client, arn, positions),
                        source.batch_size,
                        _Channel(f"stream of {table}"),
                    )
                )
            elif isinstance(source, ScheduledEventConfig):
                every = schedule_seconds(source.schedule_expression)
                if every is None:
                    self.log(f"schedule {source.name}: only rate() expressions run locally")
                    continue
                self._schedules.append(
                    _Schedule(source.name, resolve(source.handler_string), every, time.monotonic() + every)
                )
            elif isinstance(source, SQSEventConfig):
                name = (source.queue_arn or source.queue or "").rsplit(":", 1)[-1]
                url = {"notifications": self.cfg.notifications_queue_url, "exports": self.cfg.exports_queue_url}[name]
                self._queues.append((resolve(source.handler_string), source.batch_size, url, _Channel(f"queue {name}")))
        self._roster_import = resolve("chalicelib.handlers.roster_routes.roster_import")
        if self.echo_whatsapp and self.cfg.stage == "local":
            self._echo_outbox()

    def tick(self) -> None:
        """One round: due schedules, new imports, then the streams their writes fed, then the queues."""
        now = time.monotonic()
        for schedule in self._schedules:
            if now >= schedule.next_at:
                schedule.next_at = now + schedule.every
                try:
                    schedule.handler(scheduled_event(self.cfg.region, schedule.name), LambdaContext(schedule.name, 512))
                except Exception as exc:
                    self.log(f"schedule {schedule.name} failed: {type(exc).__name__}: {exc}")
        self._imports.run(self._deliver_imports, self.log)
        for stream in self._streams:
            stream.channel.run(lambda stream=stream: self._deliver_stream(stream), self.log)
        self.deliver_queue()
        self._save()

    def _deliver_stream(self, stream: _Stream) -> None:
        records = stream.reader.read()
        if records:
            deliver_stream(stream.handler, records, stream.batch_size, self.log)

    def deliver_queue(self) -> int:
        """Hand every queue's messages to its worker as SQS events; delete what succeeded. A queue that
        cannot be reached is logged and rests (back-off); the others are still delivered."""
        if self.sqs is None:
            return 0
        delivered = 0
        for handler, batch_size, url, channel in self._queues:

            def step(handler: Callable[..., Any] = handler, batch_size: int = batch_size, url: str = url) -> None:
                nonlocal delivered
                delivered += self._deliver(handler, batch_size, url)

            channel.run(step, self.log)
        return delivered

    def _deliver(self, handler: Callable[..., Any], batch_size: int, url: str) -> int:
        arn = f"arn:aws:sqs:{self.cfg.region}:000000000000:{url.rsplit('/', 1)[-1]}"
        delivered = 0
        while True:
            received = self.sqs.receive_message(
                QueueUrl=url, MaxNumberOfMessages=min(batch_size, 10), WaitTimeSeconds=0
            )
            messages = received.get("Messages", [])
            if not messages:
                return delivered
            records = [sqs_record(m, arn, self.cfg.region) for m in messages]
            try:
                result = handler({"Records": records}, LambdaContext("queue_worker", 1024))
                failed = {f["itemIdentifier"] for f in (result or {}).get("batchItemFailures", [])}
            except Exception as exc:
                self.log(f"queue worker failed: {type(exc).__name__}: {exc}")
                failed = {m["MessageId"] for m in messages}
            for message in messages:
                if message["MessageId"] not in failed:
                    self.sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
                    delivered += 1
            if failed:
                return delivered  # the rest comes back after the visibility timeout

    def _deliver_imports(self) -> None:
        seen: dict[str, str] = self.state["imports"]
        paginator = self.s3.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.cfg.bucket, Prefix="imports/"):
            for obj in page.get("Contents", []):
                if seen.get(obj["Key"]) == obj["ETag"]:
                    continue
                event = {
                    "Records": [
                        {
                            "eventSource": "aws:s3",
                            "eventName": "ObjectCreated:Put",
                            "awsRegion": self.cfg.region,
                            "s3": {
                                "bucket": {"name": self.cfg.bucket},
                                "object": {"key": quote_plus(obj["Key"]), "size": obj["Size"], "eTag": obj["ETag"]},
                            },
                        }
                    ]
                }
                try:
                    self._roster_import(event, LambdaContext("roster_import", 1024))
                except Exception as exc:
                    self.log(f"roster import of {obj['Key']} failed: {type(exc).__name__}: {exc}")
                seen[obj["Key"]] = obj["ETag"]

    def _echo_outbox(self) -> None:
        """Print the outbox's messages in clear when this process sends them (terminal only, never stored)."""
        from chalicelib.integrations.whatsapp import OutboxSender
        from chalicelib.services import container

        sender = container.whatsapp()
        if isinstance(sender, OutboxSender):
            sender.echo = lambda to, text: self.log(f"[WhatsApp outbox → {to}]\n{text}\n")

    def _save(self) -> None:
        if self.state_path:
            self.state_path.write_text(json.dumps(self.state))
