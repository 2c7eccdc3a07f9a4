"""The time one request spends in its own DynamoDB calls: for `benchmarks.api_latency` and the dev server.

The benchmark holds a route's p50 against "its own DynamoDB requests". Sending requests of the same kinds
separately (a GetItem, a Query, a two-item transaction) is not that: the route's transaction holds more items and
conditions, its Query returns whole reports, and what the database answers drifts over a run. So each call the
route makes is timed as it is made — botocore's `_make_api_call`: build, sign, send, wait, parse, the same work a
direct boto3 call does — and summed per request on the thread serving it.

Only the benchmark and the local dev server turn this on (`install`); nothing in `chalicelib` imports it. The dev
server then answers a `Server-Timing: dynamodb;dur=<ms>;desc="<calls>"` header (`KINERJA_DYNAMODB_TIMING=1`),
which browsers' developer tools also show. The benchmark also keeps a read-only request's calls (`recording`) and
sends them again directly (`replay`): the same calls outside the route take the time the route's timing says.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from botocore.client import BaseClient

ENV = "KINERJA_DYNAMODB_TIMING"
_spent = threading.local()
_installed = False
_original = BaseClient._make_api_call


def install() -> None:
    """Time every DynamoDB call of this process from now on (idempotent)."""
    global _installed
    if _installed:
        return

    def timed(client: BaseClient, operation: str, params: dict[str, Any]) -> Any:
        if client.meta.service_model.service_name != "dynamodb":
            return _original(client, operation, params)
        kept = getattr(_spent, "kept", None)
        if kept is not None:
            kept.append((client, operation, copy.deepcopy(params)))
        start = time.perf_counter()
        try:
            return _original(client, operation, params)
        finally:
            _spent.ms = getattr(_spent, "ms", 0.0) + (time.perf_counter() - start) * 1000
            _spent.calls = getattr(_spent, "calls", 0) + 1

    BaseClient._make_api_call = timed  # type: ignore[method-assign]
    _installed = True


def start() -> None:
    """Begin counting for the request this thread serves now."""
    _spent.ms, _spent.calls = 0.0, 0


def spent() -> tuple[float, int]:
    """Milliseconds in DynamoDB calls and their number since `start` on this thread."""
    return getattr(_spent, "ms", 0.0), getattr(_spent, "calls", 0)


@contextmanager
def recording() -> Iterator[list[tuple[BaseClient, str, dict[str, Any]]]]:
    """The DynamoDB calls this thread makes meanwhile: (client, operation, parameters as sent)."""
    _spent.kept = kept = []
    try:
        yield kept
    finally:
        _spent.kept = None


def replay(calls: list[tuple[BaseClient, str, dict[str, Any]]]) -> float:
    """Send recorded calls again, directly (untimed by `install`); the milliseconds they took. For reads only: a
    write sent twice would not be the same write."""
    start = time.perf_counter()
    for client, operation, params in calls:
        _original(client, operation, copy.deepcopy(params))
    return (time.perf_counter() - start) * 1000


def header() -> str:
    ms, calls = spent()
    return f'dynamodb;dur={ms:.3f};desc="{calls}"'
