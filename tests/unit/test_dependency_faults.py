"""A dependency that times out, cannot be reached or throttles us answers 503 SERVICE_UNAVAILABLE in the error
shape — from a route and from inside the token check — never 500 or a dropped connection (issue 16, "Under
faults"). Over the in-memory twins, with the employees' store replaced by one that fails as botocore and
PynamoDB do; the real thing (a DynamoDB nobody answers at) is `tests/security/test_dependency_faults.py`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from botocore.exceptions import (
    ClientError,
    ConnectTimeoutError,
    EndpointConnectionError,
    ReadTimeoutError,
)
from chalice.test import Client
from pynamodb.exceptions import GetError, QueryError, TransactWriteError, VerboseClientError

from app import app
from chalicelib.config import reset_settings
from chalicelib.handlers.api import dependency_unavailable, jwt_auth
from chalicelib.security.tokens import ACCESS, issue_token
from chalicelib.services import container
from chalicelib.store.memory import InMemoryRepositories
from tests.support import make_nip
from tests.unit.world import SECRET, Clock, World, at

ENDPOINT = "http://127.0.0.1:1"


def _throttled(code: str) -> ClientError:
    return VerboseClientError({"Error": {"Code": code, "Message": "slow down"}}, "GetItem")


FAULTS = {
    "endpoint-connection": EndpointConnectionError(endpoint_url=ENDPOINT),
    "connect-timeout": ConnectTimeoutError(endpoint_url=ENDPOINT),
    "read-timeout": ReadTimeoutError(endpoint_url=ENDPOINT),
    "pynamodb-get": GetError("Failed to get item", EndpointConnectionError(endpoint_url=ENDPOINT)),
    "pynamodb-query": QueryError("Failed to query items", ReadTimeoutError(endpoint_url=ENDPOINT)),
    "pynamodb-transaction": TransactWriteError("Failed", ConnectTimeoutError(endpoint_url=ENDPOINT)),
    "pynamodb-throttled": GetError("Failed", _throttled("ProvisionedThroughputExceededException")),
    "throttled": _throttled("ThrottlingException"),
}


class Unreachable:
    """A repository every call of which fails with ``error``, as a store whose database does not answer."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def __getattr__(self, name: str) -> Any:
        def fail(*args: Any, **kwargs: Any) -> Any:
            raise self.error

        return fail


@pytest.fixture
def client(monkeypatch: pytest.MonkeyPatch) -> Iterator[Client]:
    """The app in process (routes, middleware and the authorizer, as `chalice local` runs them)."""
    monkeypatch.setenv("KINERJA_SECRET", SECRET)  # the middleware reads the settings (CORS)
    reset_settings()
    with Client(app) as test_client:
        yield test_client
    container.reset()
    monkeypatch.undo()
    reset_settings()


def _use_employees_failing_with(error: Exception) -> None:
    world = World(Clock(at("2026-11-25 02:00")), repositories=InMemoryRepositories(employees=Unreachable(error)))
    container.use(world.services)


def _is_unavailable(response: Any) -> bool:
    body = json.loads(response.body)
    assert set(body) == {"code", "message", "details"}
    assert response.headers["Content-Type"].startswith("application/json")
    return response.status_code == 503 and body["code"] == "SERVICE_UNAVAILABLE" and "coba lagi" in body["message"]


@pytest.mark.parametrize("fault", FAULTS)
def test_a_route_whose_store_fails_answers_503_in_the_error_shape(client, fault):
    _use_employees_failing_with(FAULTS[fault])
    answer = client.http.post(
        "/auth/login",
        headers={"Content-Type": "application/json"},
        body=json.dumps({"username": make_nip(), "password": "Rahasia-123456"}),
    )
    assert _is_unavailable(answer)


@pytest.mark.parametrize("fault", FAULTS)
def test_the_token_check_meeting_a_failed_store_lets_the_route_answer_503(client, fault):
    _use_employees_failing_with(FAULTS[fault])
    token, _ = issue_token(SECRET, make_nip(), 0, ACCESS, timedelta(hours=1))
    answer = client.http.get("/me", headers={"Authorization": f"Bearer {token}"})
    assert _is_unavailable(answer)


def test_the_token_check_never_raises_and_lets_nobody_in_when_it_cannot_check(client):
    class Request:
        token = "Bearer " + issue_token(SECRET, make_nip(), 0, ACCESS, timedelta(hours=1))[0]

    _use_employees_failing_with(FAULTS["pynamodb-get"])
    assert jwt_auth.func(Request()).context == {"nip": "", "unavailable": "1"}
    _use_employees_failing_with(KeyError("a bug, not a dependency"))
    assert jwt_auth.func(Request()).context == {"nip": "", "failed": "1"}


def test_a_bug_in_the_token_check_is_a_500_in_shape_not_a_503(client):
    _use_employees_failing_with(KeyError("a bug, not a dependency"))
    token, _ = issue_token(SECRET, make_nip(), 0, ACCESS, timedelta(hours=1))
    answer = client.http.get("/me", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 500 and json.loads(answer.body)["code"] == "INTERNAL_ERROR"


def test_only_unavailable_dependencies_are_classified_so():
    assert all(dependency_unavailable(error) for error in FAULTS.values())
    wrapped = RuntimeError("idempotency store")
    wrapped.__cause__ = ReadTimeoutError(endpoint_url=ENDPOINT)
    assert dependency_unavailable(wrapped)
    condition = GetError("Failed", _throttled("ConditionalCheckFailedException"))
    assert not dependency_unavailable(condition)
    assert not dependency_unavailable(KeyError("nip"))
    assert not dependency_unavailable(_throttled("ValidationException"))
