"""Fixtures shared by every test folder. Unit tests need nothing; the integration and security tests get
DynamoDB Local and moto's S3/SES/SQS server on free ports, once for the whole session.

Tests share the tables and stay apart by using their own SKPD, NIPs and WhatsApp numbers
(see `tests.support.Factory`). Stream handlers get the records DynamoDB Local's stream really produced.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from devtools.ephemeral import ephemeral_stack
from tests.support import Api, EmployeeStream, Factory, local_runner


@pytest.fixture(scope="session")
def stack() -> Iterator[dict[str, str]]:
    """DynamoDB Local and moto on free ports for the whole session, with tables, bucket and queue."""
    with ephemeral_stack("test") as env:
        yield env


@pytest.fixture(scope="session")
def api(stack: dict[str, str]) -> Iterator[Any]:
    from chalice.test import Client

    from app import app

    with Client(app, stage_name="local") as client:
        yield client


@pytest.fixture
def http(api: Any) -> Api:
    return Api(api)


@pytest.fixture
def factory(stack: dict[str, str]) -> Factory:
    return Factory()


@pytest.fixture
def services_with(stack: dict[str, str]) -> Iterator[Any]:
    """Make the app's services as `container.production(**parts)` builds them, with a clock or clients of the
    test's own (``clock=``, ``whatsapp=``, ``email=``…), the process's root for the rest of the test: handlers,
    stream and queue workers use them too. Returns the services; the environment's root comes back after."""
    from chalicelib.services import container

    def install(**parts: Any) -> Any:
        services = container.production(**parts)
        container.use(services)
        return services

    yield install
    container.reset()


@pytest.fixture(scope="module")
def runner(stack: dict[str, str]) -> Any:
    """The local runner's stream, schedule and queue deliveries, driven by the test (e.g. an export job reaches
    its worker only when a test delivers the queue)."""
    return local_runner()


@pytest.fixture(scope="session")
def employee_stream(stack: dict[str, str]) -> EmployeeStream:
    return EmployeeStream()


@pytest.fixture(scope="session")
def web_port() -> int:
    """The port the browser tests serve the web client on; the API server allows its origin (CORS)."""
    from devtools.processes import free_port

    return free_port()


@pytest.fixture(scope="session")
def server(stack: dict[str, str], web_port: int) -> Iterator[str]:
    """The local API server (`devtools/api_server.py`, as `make run` starts it) over HTTP, on a free port."""
    import os
    import sys
    from pathlib import Path

    from devtools.processes import ROOT, free_port, spawn, stop, wait_for_port

    port = free_port()
    env = {**os.environ, "WEB_ORIGIN": f"http://127.0.0.1:{web_port}"}
    log = Path(stack["LOGS"]) / "api.log"
    process = spawn([sys.executable, "-m", "devtools.api_server", str(port)], log, cwd=ROOT, env=env)
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)
