"""`make run` keeps its tables in `.local/dynamodb`: a table made before it gained a stream gets the stream in place
(the local runner reads its ARN), and one that lacks an index stops the start with how to reset the data (DynamoDB
Local cannot query an index added to existing data). A fake client: no I/O."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from chalicelib.store.schema import TABLES
from devtools.provision import upgrade_table


class FakeDynamoDB:
    def __init__(self, table: dict[str, Any]) -> None:
        self.table, self.updates = table, []

    def describe_table(self, TableName: str) -> dict[str, Any]:
        return {"Table": self.table}

    def update_table(self, **request: Any) -> None:
        self.updates.append(request)
        self.table["StreamSpecification"] = request["StreamSpecification"]


def _kept(definition: dict[str, Any], *, stream: bool) -> dict[str, Any]:
    table = {"GlobalSecondaryIndexes": copy.deepcopy(definition.get("GlobalSecondaryIndexes", []))}
    if stream:
        table["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
    return table


def test_a_kept_skp_table_gets_its_stream_once():
    dynamodb = FakeDynamoDB(_kept(TABLES["skp"], stream=False))
    assert upgrade_table(dynamodb, "kinerja-local-skp", TABLES["skp"]) == ["stream"]
    assert dynamodb.updates == [
        {
            "TableName": "kinerja-local-skp",
            "StreamSpecification": {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
        }
    ]
    assert upgrade_table(dynamodb, "kinerja-local-skp", TABLES["skp"]) == []
    assert len(dynamodb.updates) == 1


def test_a_table_without_a_stream_in_the_schema_is_left_alone():
    dynamodb = FakeDynamoDB(_kept(TABLES["org"], stream=False))
    assert upgrade_table(dynamodb, "kinerja-local-org", TABLES["org"]) == [] and dynamodb.updates == []


def test_a_kept_table_missing_an_index_says_how_to_reset():
    kept = _kept(TABLES["skp"], stream=True)
    kept["GlobalSecondaryIndexes"] = []
    with pytest.raises(RuntimeError, match=r"rm -rf \.local/dynamodb"):
        upgrade_table(FakeDynamoDB(kept), "kinerja-local-skp", TABLES["skp"])
