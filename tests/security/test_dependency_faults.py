"""Issue 16, "Under faults": a DynamoDB that cannot be reached or has stalled answers 503 SERVICE_UNAVAILABLE in
the error shape within a bounded time — sign-in, and a route behind the token check (whose storage error used
to escape the authorizer and drop the connection) — never 500 or no answer at all.

The app is pointed at a closed port (refused at once) and at a socket that accepts and never answers (a
paused DynamoDB: each call waits out its read timeout, 2 attempts of 5 s, `store.models._Meta`).
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from tests.security.test_secret_rotation import environment

#: refused connections are retried once after botocore's back-off (< 1 s)
REFUSED_WITHIN = 5.0
#: 2 attempts × 5 s read timeout + back-off, well inside API Gateway's 29 s
STALLED_WITHIN = 15.0


@contextmanager
def closed_port() -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    yield f"http://127.0.0.1:{port}"


@contextmanager
def stalled_endpoint() -> Iterator[str]:
    """A listener the kernel completes connections for but nobody reads from or answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


def _timed(http, method: str, path: str, body=None, token: str | None = None) -> tuple[int, dict, float]:
    started = time.monotonic()
    status, payload = http.call(method, path, body, token=token)  # checks the answer against the document
    return status, payload, time.monotonic() - started


def _assert_unavailable(status: int, payload: dict) -> None:
    assert status == 503, payload
    assert set(payload) == {"code", "message", "details"} and payload["code"] == "SERVICE_UNAVAILABLE"


@pytest.mark.parametrize(
    ("dependency", "within"),
    [(closed_port, REFUSED_WITHIN), (stalled_endpoint, STALLED_WITHIN)],
    ids=["unreachable", "stalled"],
)
def test_an_unreachable_or_stalled_dynamodb_answers_503_in_shape_at_sign_in_and_behind_the_token_check(
    http, factory, dependency, within
):
    nip = factory.employee(factory.skpd())
    token = http.login(nip)
    with dependency() as endpoint, environment(DYNAMODB_ENDPOINT=endpoint):
        for method, path, body, bearer in (
            ("POST", "/auth/login", {"username": nip, "password": "x" * 12}, None),
            ("GET", "/me", None, token),
        ):
            status, payload, took = _timed(http, method, path, body, token=bearer)
            _assert_unavailable(status, payload)
            assert took < within
    assert http.call("GET", "/me", token=token)[0] == 200  # and back once it answers again
