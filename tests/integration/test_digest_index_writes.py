"""A burst of submissions to one supervisor writes the digest's `by_due` index row once (issue 21: nothing is
rewritten on a hot index key per submission), measured with DynamoDB's own ReturnConsumedCapacity."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from tests.support import make_nip

NOW = datetime(2001, 3, 5, 3, 0, tzinfo=UTC)  # long ago: the shared due index holds other tests' digests too
HOUR = timedelta(hours=1)


@contextmanager
def index_writes() -> Iterator[list[float]]:
    """The `by_due` write units of every write to `digests` made inside the block (ReturnConsumedCapacity=INDEXES
    added to each request the PynamoDB models send)."""
    import botocore.client

    units: list[float] = []
    real = botocore.client.BaseClient._make_api_call

    def measured(self, operation_name, params):  # type: ignore[no-untyped-def]
        writes = operation_name in ("UpdateItem", "PutItem", "DeleteItem")
        if writes and str(params.get("TableName", "")).endswith("digests"):
            params = {**params, "ReturnConsumedCapacity": "INDEXES"}
            response = real(self, operation_name, params)
            indexes = (response.get("ConsumedCapacity") or {}).get("GlobalSecondaryIndexes", {})
            units.append(float(indexes.get("by_due", {}).get("CapacityUnits", 0.0)))
            return response
        return real(self, operation_name, params)

    botocore.client.BaseClient._make_api_call = measured
    try:
        yield units
    finally:
        botocore.client.BaseClient._make_api_call = real


def test_only_the_submission_that_makes_a_digest_due_writes_its_index_row(stack):
    from chalicelib.store.digests import DynamoDigests
    from chalicelib.store.models import DigestItem

    digests, boss = DynamoDigests(), make_nip()
    with index_writes() as first:
        digests.schedule(boss, NOW + timedelta(minutes=5), HOUR)
    keys = DigestItem.get(boss, consistent_read=True)
    with index_writes() as later:
        for minute in range(6, 10):  # four more submissions while the digest is due
            digests.schedule(boss, NOW + timedelta(minutes=minute), HOUR)

    assert sum(first) > 0  # DynamoDB Local reports the index write of the row that becomes due
    assert later == [0.0, 0.0, 0.0, 0.0]
    after = DigestItem.get(boss, consistent_read=True)
    assert (after.due_shard, after.due_at, after.generation) == (keys.due_shard, keys.due_at, keys.generation)
    # …and the dispatcher still sees every submission (the sender's generation), at the first one's time
    assert [row for row in digests.due(NOW + HOUR) if row[0] == boss] == [
        (boss, (NOW + timedelta(minutes=5)).isoformat(), 5)
    ]


def test_a_submission_after_the_digest_went_out_makes_it_due_again(stack):
    from chalicelib.store.digests import DynamoDigests

    digests, boss = DynamoDigests(), make_nip()
    digests.schedule(boss, NOW, HOUR)
    digests.schedule(boss, NOW, HOUR)
    digests.sent(boss, 2, NOW, NOW + HOUR)
    assert [row for row in digests.due(NOW + 3 * HOUR) if row[0] == boss] == []
    with index_writes() as units:
        digests.schedule(boss, NOW + timedelta(minutes=5), HOUR)
    assert sum(units) > 0
    assert [row for row in digests.due(NOW + HOUR) if row[0] == boss] == [(boss, (NOW + HOUR).isoformat(), 3)]


def test_a_digest_from_before_the_arrivals_count_carries_its_generation_on(stack):
    """Items written before ``arrivals`` (the generation counted every submission) keep working."""
    from chalicelib.store.digests import DynamoDigests
    from chalicelib.store.models import DigestItem

    digests, boss = DynamoDigests(), make_nip()
    DigestItem(
        supervisor_nip=boss, due_shard="D#0", due_at=(NOW + timedelta(minutes=5)).isoformat(), generation=3
    ).save()
    assert [row for row in digests.due(NOW + HOUR) if row[0] == boss] == [
        (boss, (NOW + timedelta(minutes=5)).isoformat(), 3)
    ]
    digests.schedule(boss, NOW + timedelta(minutes=7), HOUR)
    assert [row[2] for row in digests.due(NOW + HOUR) if row[0] == boss] == [4]
    digests.sent(boss, 4, NOW + HOUR, NOW + 2 * HOUR)
    assert [row for row in digests.due(NOW + 3 * HOUR) if row[0] == boss] == []
