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


class StreamReader:
    """New records of one table's stream, shard by shard, remembering the last sequence number read."""

    def __init__(self, streams: Any, stream_arn: str, positions: dict[str, str] | None = None) -> None:
        self._streams, self.stream_arn = streams, stream_arn
        self.positions: dict[str, str] = positions if positions is not None else {}
        self._closed: set[str] = set()

    def read(self) -> list[dict[str, Any]]:
        """Every record written since the last call, in order, as Lambda records."""
        records: list[dict[str, Any]] = []
        shards = self._streams.describe_stream(StreamArn=self.stream_arn)["StreamDescription"]["Shards"]
        for shard in shards:
            if shard["ShardId"] not in self._closed:
                records += self._read_shard(shard)
        return records

    def _read_shard(self, shard: dict[str, Any]) -> list[dict[str, Any]]:
        # A fresh iterator from the last position each time: DynamoDB Local refuses to continue
        # an iterator that had reached the end of the shard once new records arrive.
        shard_id = shard["ShardId"]
        args: dict[str, Any] = {"StreamArn": self.stream_arn, "ShardId": shard_id}
        if shard_id in self.positions:
            args.update(ShardIteratorType="AFTER_SEQUENCE_NUMBER", SequenceNumber=self.positions[shard_id])
        else:
            args.update(ShardIteratorType="TRIM_HORIZON")
        iterator = self._streams.get_shard_iterator(**args)["ShardIterator"]
        records: list[dict[str, Any]] = []
        while iterator:
            page = self._streams.get_records(ShardIterator=iterator, Limit=1000)
            for raw in page["Records"]:
                records.append(lambda_record(raw, self.stream_arn))
                self.positions[shard_id] = raw["dynamodb"]["SequenceNumber"]
            iterator = page.get("NextShardIterator")
            if not page["Records"]:
                break
        if iterator is None and "EndingSequenceNumber" in shard.get("SequenceNumberRange", {}):
            self._closed.add(shard_id)
        return records
