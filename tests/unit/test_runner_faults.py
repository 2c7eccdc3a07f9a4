"""The local runner survives its parts failing as Lambda's event source mappings do (issue 16, "Under faults"):
a trimmed or expired stream iterator reads on from the last record read, never skipping or repeating one;
an unreachable queue, S3 or stream is logged, rests with back-off and the other channels carry on."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError, ReadTimeoutError
from chalice.app import DynamoDBEventConfig, SQSEventConfig

from devtools import runner as runner_module
from devtools.runner import LocalRunner
from devtools.streams import StreamReader

ARN = "arn:aws:dynamodb:ap-southeast-3:000000000000:table/t/stream/2026-01-01T00:00:00.000"
QUEUE = "http://127.0.0.1:1/000000000000/kinerja-test-notifications"
EXPORTS = "http://127.0.0.1:1/000000000000/kinerja-test-exports"


def _client_error(code: str, operation: str = "GetRecords") -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": code}}, operation)


def _raw(seq: int) -> dict[str, Any]:
    return {
        "eventID": f"e{seq}",
        "eventName": "INSERT",
        "awsRegion": "ap-southeast-3",
        "dynamodb": {"SequenceNumber": str(seq), "Keys": {"pk": {"S": f"k{seq}"}}},
    }


class FakeStreams:
    """One open shard whose records are ``log``; iterators are positions in it. ``faults`` are raised, in order,
    by GetRecords calls (``None`` for a call that answers)."""

    def __init__(self, sequences: list[int], faults: list[Exception | None] | None = None, page: int = 2) -> None:
        self.log = [_raw(s) for s in sequences]
        self.faults = list(faults or [])
        self.page = page
        self.iterator_requests: list[dict[str, Any]] = []

    def describe_stream(self, StreamArn: str) -> dict[str, Any]:
        return {"StreamDescription": {"Shards": [{"ShardId": "s1", "SequenceNumberRange": {}}]}}

    def get_shard_iterator(self, **args: Any) -> dict[str, Any]:
        self.iterator_requests.append(args)
        if args["ShardIteratorType"] == "TRIM_HORIZON":
            start = 0
        else:
            start = next(
                i + 1 for i, r in enumerate(self.log) if r["dynamodb"]["SequenceNumber"] == args["SequenceNumber"]
            )
        return {"ShardIterator": str(start)}

    def get_records(self, ShardIterator: str, Limit: int) -> dict[str, Any]:
        if self.faults:
            fault = self.faults.pop(0)
            if fault is not None:
                raise fault
        start = int(ShardIterator)
        records = self.log[start : start + self.page]
        return {"Records": records, "NextShardIterator": str(start + len(records))}


def _sequences(records: list[dict[str, Any]]) -> list[str]:
    return [r["dynamodb"]["SequenceNumber"] for r in records]


@pytest.mark.parametrize("code", ["TrimmedDataAccessException", "ExpiredIteratorException"])
def test_a_refused_iterator_at_the_first_read_restarts_from_the_trim_horizon(code: str) -> None:
    streams = FakeStreams([100, 200, 300], faults=[_client_error(code)])
    reader = StreamReader(streams, ARN)

    assert _sequences(reader.read()) == ["100", "200", "300"]
    assert [r["ShardIteratorType"] for r in streams.iterator_requests] == ["TRIM_HORIZON", "TRIM_HORIZON"]
    assert reader.positions == {"s1": "300"}


@pytest.mark.parametrize("code", ["TrimmedDataAccessException", "ExpiredIteratorException"])
def test_a_refused_iterator_mid_shard_reads_on_after_the_last_record_read(code: str) -> None:
    # Page 1 (100, 200) answers, page 2 is refused, then the fresh iterator reads 300, 400, 500.
    streams = FakeStreams([100, 200, 300, 400, 500], faults=[None, _client_error(code)])
    reader = StreamReader(streams, ARN, {})

    assert _sequences(reader.read()) == ["100", "200", "300", "400", "500"]
    assert streams.iterator_requests[-1] == {
        "StreamArn": ARN,
        "ShardId": "s1",
        "ShardIteratorType": "AFTER_SEQUENCE_NUMBER",
        "SequenceNumber": "200",
    }
    streams.log.append(_raw(600))
    assert _sequences(reader.read()) == ["600"]


def test_a_shard_that_keeps_refusing_waits_for_the_next_read_and_loses_nothing() -> None:
    trimmed = [_client_error("TrimmedDataAccessException") for _ in range(5)]
    streams = FakeStreams([100, 200, 300], faults=[None, *trimmed])
    reader = StreamReader(streams, ARN)

    first = reader.read()  # 100, 200, then four refusals: the rest waits
    second = reader.read()  # the fifth refusal, then 300
    assert _sequences(first) == ["100", "200"]
    assert _sequences(second) == ["300"]


def test_a_read_that_fails_otherwise_moves_no_position_so_the_next_read_gets_everything() -> None:
    streams = FakeStreams([100, 200, 300], faults=[None, EndpointConnectionError(endpoint_url="http://x")])
    positions: dict[str, str] = {}
    reader = StreamReader(streams, ARN, positions)

    with pytest.raises(EndpointConnectionError):
        reader.read()
    assert positions == {}
    assert _sequences(reader.read()) == ["100", "200", "300"]
    assert positions == {"s1": "300"}  # the runner's saved state, updated in place


# ---- the runner's channels -------------------------------------------------------------------------------

delivered: list[str] = []
streamed: list[str] = []


def worker(event: dict[str, Any], context: Any) -> dict[str, Any]:
    delivered.extend(r["body"] for r in event["Records"])
    return {"batchItemFailures": []}


def stream_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    streamed.extend(_sequences(event["Records"]))
    return {"batchItemFailures": []}


class FakeSqs:
    """A queue that fails its first ``faults`` receives, then hands out ``messages`` once."""

    def __init__(self, messages: list[str], faults: list[Exception]) -> None:
        self.messages = [{"MessageId": f"m{i}", "ReceiptHandle": f"r{i}", "Body": b} for i, b in enumerate(messages)]
        self.faults = list(faults)
        self.receives = 0
        self.deleted: list[str] = []

    def receive_message(self, QueueUrl: str, **_: Any) -> dict[str, Any]:
        self.receives += 1
        if self.faults:
            raise self.faults.pop(0)
        live = [m for m in self.messages if m["ReceiptHandle"] not in self.deleted]
        return {"Messages": live[:10]} if live else {}

    def delete_message(self, QueueUrl: str, ReceiptHandle: str) -> None:
        self.deleted.append(ReceiptHandle)


class FakeS3:
    def __init__(self, faults: list[Exception]) -> None:
        self.faults = list(faults)

    def get_paginator(self, name: str) -> Any:
        s3 = self

        class Paginator:
            def paginate(self, **_: Any) -> Any:
                if s3.faults:
                    raise s3.faults.pop(0)
                return [{"Contents": []}]

        return Paginator()


class FakeDynamoDB:
    def describe_table(self, TableName: str) -> dict[str, Any]:
        return {"Table": {"LatestStreamArn": ARN}}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(runner_module.time, "monotonic", clock)
    delivered.clear()
    streamed.clear()
    return clock


def _runner(sqs: Any, s3: Any, streams: Any, logs: list[str]) -> LocalRunner:
    here = __name__
    app = SimpleNamespace(
        event_sources=[
            DynamoDBEventConfig("on_t", f"{here}.stream_handler", "arn:placeholder:TABLE_EMPLOYEES", 10, "LATEST", 0),
            SQSEventConfig("notify", f"{here}.worker", "notifications", None, 10, 0, None),
        ]
    )
    cfg = SimpleNamespace(
        region="ap-southeast-3",
        bucket="kinerja-test",
        stage="test",
        notifications_queue_url=QUEUE,
        exports_queue_url=EXPORTS,
        table=lambda name: f"kinerja-test-{name}",
    )
    return LocalRunner(app, cfg, FakeDynamoDB(), streams, s3, sqs, log=logs.append)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _tables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner_module, "table_of_placeholder", lambda arn: "employees")


@pytest.mark.parametrize(
    "fault",
    [EndpointConnectionError(endpoint_url=QUEUE), ReadTimeoutError(endpoint_url=QUEUE)],
    ids=["moto-killed", "moto-stalled"],
)
def test_an_unreachable_queue_is_logged_rests_and_is_delivered_once_it_answers(clock: Clock, fault: Exception) -> None:
    logs: list[str] = []
    sqs = FakeSqs(["a", "b"], faults=[fault, fault])
    streams = FakeStreams([100, 200])
    runner = _runner(sqs, FakeS3([]), streams, logs)

    runner.tick()  # the queue fails; the stream is still delivered
    assert delivered == [] and streamed == ["100", "200"]
    assert any("queue notifications failed" in line and "retrying in 1 s" in line for line in logs)

    streams.log.append(_raw(300))
    clock.now += 0.5
    runner.tick()  # the queue rests; the stream carries on
    assert sqs.receives == 1 and streamed == ["100", "200", "300"]

    clock.now += 0.6
    runner.tick()  # the second failure doubles the rest
    assert sqs.receives == 2 and "retrying in 2 s" in logs[-1]

    clock.now += 2.1
    runner.tick()
    assert delivered == ["a", "b"] and sqs.deleted == ["r0", "r1"]
    assert logs[-1] == "queue notifications recovered"


def test_a_trimmed_stream_and_a_failing_s3_drop_do_not_stop_the_runner(clock: Clock) -> None:
    logs: list[str] = []
    streams = FakeStreams([100, 200, 300], faults=[_client_error("TrimmedDataAccessException"), None])
    s3 = FakeS3([EndpointConnectionError(endpoint_url="http://127.0.0.1:1")])
    runner = _runner(FakeSqs(["a"], faults=[]), s3, streams, logs)

    runner.tick()
    assert streamed == ["100", "200", "300"]  # none lost, none twice
    assert delivered == ["a"]
    assert any(line.startswith("S3 imports/ failed") for line in logs)
    assert runner.state["streams"]["kinerja-test-employees"] == {"s1": "300"}


def test_a_stream_whose_poll_fails_rests_and_then_delivers_every_record_once(clock: Clock) -> None:
    logs: list[str] = []
    streams = FakeStreams([100, 200, 300], faults=[None, ReadTimeoutError(endpoint_url="http://dynamodb")])
    runner = _runner(FakeSqs(["a"], faults=[]), FakeS3([]), streams, logs)

    runner.tick()  # page one read, page two times out: nothing handed over, nothing moved
    assert streamed == [] and delivered == ["a"]
    assert any(line.startswith("stream of kinerja-test-employees failed") for line in logs)

    clock.now += 1.1
    runner.tick()
    assert streamed == ["100", "200", "300"]
