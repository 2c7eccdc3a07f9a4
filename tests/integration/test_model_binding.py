"""Binding the PynamoDB models again (a new local stack, another endpoint) really moves them there.

`make bench` starts one stack per benchmark under the same table names; PynamoDB rebuilds a model's
cached connection only when its table name changes, so without `bind_models` forgetting it the models
kept talking to the previous, stopped DynamoDB Local.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.integration.http_stub import JsonServer


@dataclass(frozen=True)
class _Endpoint:
    """What `bind_models` reads of the settings."""

    dynamodb_endpoint: str
    region: str = "ap-southeast-3"

    def table(self, logical_name: str) -> str:
        return f"kinerja-binding-{logical_name}"


@pytest.fixture
def restored_binding(monkeypatch) -> Iterator[None]:
    """Put every model back as it was (the session's stack may be bound already)."""
    from chalicelib.store import models

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "binding")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "binding")
    saved = [(m, m.Meta.table_name, m.Meta.region, m.Meta.host, m._connection) for m in models.ALL_MODELS]
    shared = (models._Meta.region, models._Meta.host)
    try:
        yield
    finally:
        for model, table_name, region, host, connection in saved:
            model.Meta.table_name, model.Meta.region, model.Meta.host = table_name, region, host
            model._connection = connection
        models._Meta.region, models._Meta.host = shared


def _fake_dynamodb(seen: list[tuple[str, str]]) -> JsonServer:
    """Answers every GetItem with "no such item" and records (operation, table)."""

    def respond(method: str, path: str, headers: dict[str, str], body: str) -> tuple[int, object]:
        target = next((v for k, v in headers.items() if k.lower() == "x-amz-target"), "")
        seen.append((target.rsplit(".", 1)[-1], json.loads(body or "{}").get("TableName", "")))
        return 200, {}

    return JsonServer(respond)


def test_rebinding_moves_every_model_to_the_new_endpoint(restored_binding):
    from chalicelib.store.models import ALL_MODELS, EmployeeItem, bind_models

    first_seen: list[tuple[str, str]] = []
    second_seen: list[tuple[str, str]] = []
    first, second = _fake_dynamodb(first_seen), _fake_dynamodb(second_seen)
    try:
        bind_models(_Endpoint(first.url))
        with pytest.raises(EmployeeItem.DoesNotExist):
            EmployeeItem.get("199001152015032001")
        assert first_seen == [("GetItem", "kinerja-binding-employees")]

        bind_models(_Endpoint(second.url))  # same table names, another endpoint: a new stack
        with pytest.raises(EmployeeItem.DoesNotExist):
            EmployeeItem.get("199001152015032001")
        assert second_seen == [("GetItem", "kinerja-binding-employees")]
        assert len(first_seen) == 1  # the first endpoint heard nothing more
        assert all(m._get_connection().connection.host == second.url for m in ALL_MODELS)

        connection = EmployeeItem._connection
        bind_models(_Endpoint(second.url))  # binding again to the same place keeps the connection
        assert EmployeeItem._connection is connection
    finally:
        first.close()
        second.close()
