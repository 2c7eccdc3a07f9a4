"""Read DynamoDB Local's streams and shape their records exactly as Lambda delivers them."""

from __future__ import annotations

from datetime import datetime
from typing import Any


def lambda_record(raw: dict[str, Any], stream_arn: str) -> dict[str, Any]:
    """A GetRecords record → the record of a Lambda DynamoDB event (eventSourceARN, epoch timestamps)."""
    data = dict(raw["dynamodb"])
    created = data.get("ApproximateCreationDateTime")
    if isinstance(created, datetime):
        data["ApproximateCreationDateTime"] = created.timestamp()
    return {
        "eventID": raw["eventID"],
        "eventName": raw["eventName"],
        "eventVersion": raw.get("eventVersion", "1.1"),
        "eventSource": raw.get("eventSource", "aws:dynamodb"),
        "awsRegion": raw["awsRegion"],
        "eventSourceARN": stream_arn,
        "dynamodb": data,
    }


#: GetRecords errors after which a fresh iterator from the last position reads on (as Lambda's event source
#: mapping does): DynamoDB Local answers TrimmedDataAccessException right after the first write to an
#: empty table, and an iterator expires after 15 minutes.
REFRESH_ERRORS = frozenset({"TrimmedDataAccessException", "ExpiredIteratorException"})
#: Fresh iterators one shard may take in one read before the rest waits for the next read.
MAX_REFRESHES = 3


def _error_code(exc: Exception) -> str | None:
    response = getattr(exc, "response", None)
    return (response or {}).get("Error", {}).get("Code") if isinstance(response, dict) else None


class StreamReader:
    """New records of one table's stream, shard by shard, remembering the last sequence number read.

    A read either returns every record it read and moves the positions past them, or raises and moves
    nothing (the next read starts from the same place): no record is skipped, none handed over twice.
    """

    def __init__(self, streams: Any, stream_arn: str, positions: dict[str, str] | None = None) -> None:
        self._streams, self.stream_arn = streams, stream_arn
        self.positions: dict[str, str] = positions if positions is not None else {}
        self._closed: set[str] = set()

    def read(self) -> list[dict[str, Any]]:
        """Every record written since the last call, in order, as Lambda records."""
        records: list[dict[str, Any]] = []
        positions, closed = dict(self.positions), set(self._closed)
        shards = self._streams.describe_stream(StreamArn=self.stream_arn)["StreamDescription"]["Shards"]
        for shard in shards:
            if shard["ShardId"] not in closed:
                records += self._read_shard(shard, positions, closed)
        self.positions.update(positions)  # in place: the runner's saved state holds this dict
        self._closed = closed
        return records

    def _iterator(self, shard_id: str, positions: dict[str, str]) -> str | None:
        args: dict[str, Any] = {"StreamArn": self.stream_arn, "ShardId": shard_id}
        if shard_id in positions:
            args.update(ShardIteratorType="AFTER_SEQUENCE_NUMBER", SequenceNumber=positions[shard_id])
        else:
            args.update(ShardIteratorType="TRIM_HORIZON")
        return self._streams.get_shard_iterator(**args)["ShardIterator"]

    def _read_shard(self, shard: dict[str, Any], positions: dict[str, str], closed: set[str]) -> list[dict[str, Any]]:
        # A fresh iterator from the last position each time: DynamoDB Local refuses to continue
        # an iterator that had reached the end of the shard once new records arrive.
        shard_id = shard["ShardId"]
        iterator = self._iterator(shard_id, positions)
        records: list[dict[str, Any]] = []
        refreshes = 0
        while iterator:
            try:
                page = self._streams.get_records(ShardIterator=iterator, Limit=1000)
            except Exception as exc:
                if _error_code(exc) not in REFRESH_ERRORS:
                    raise
                if refreshes == MAX_REFRESHES:
                    return records  # read on from here next time
                refreshes += 1
                iterator = self._iterator(shard_id, positions)  # after the last record read, never past one
                continue
            for raw in page["Records"]:
                records.append(lambda_record(raw, self.stream_arn))
                positions[shard_id] = raw["dynamodb"]["SequenceNumber"]
            iterator = page.get("NextShardIterator")
            if not page["Records"]:
                break
        if iterator is None and "EndingSequenceNumber" in shard.get("SequenceNumberRange", {}):
            closed.add(shard_id)
        return records
