"""A bounded fuzz run: schemathesis sends generated requests for every documented operation, over HTTP to the
local API server, with an employee's, a supervisor's, an operator's and an admin's token. No answer may be a
5xx, and every JSON answer must be what the served OpenAPI document says (`tests.support.conforms`).

Bounded: a few derandomised examples per operation (``FUZZ_EXAMPLES``), so the run takes a minute or two and
always tries the same inputs.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from tests.support import attend, conforms, report_body, today_wib

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))


@pytest.fixture(scope="module")
def tokens(server: str) -> dict[str, str]:
    """Three callers with real data behind them, so generated ids and cursors meet existing items too."""
    from tests.support import Factory

    factory = Factory()
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="Atasan Fuzz")
    staff = factory.employee(skpd, supervisor=boss, name="Pegawai Fuzz")
    operator = factory.employee(skpd, roles=("OPERATOR_SKPD",), name="Operator Fuzz")
    admin = factory.employee(factory.skpd(), roles=("ADMIN",), name="Admin Fuzz")
    attend(staff, today_wib())
    session = requests.Session()
    signed_in = {}
    for role, nip in (("employee", staff), ("supervisor", boss), ("operator", operator), ("admin", admin)):
        answer = session.post(f"{server}/auth/login", json={"username": nip, "password": "Laporan-Harian-2026"})
        signed_in[role] = answer.json()["token"]
    created = session.post(
        f"{server}/reports", json=report_body(today_wib()), headers={"Authorization": f"Bearer {signed_in['employee']}"}
    )
    assert created.status_code == 201, created.text
    return signed_in


@pytest.fixture(scope="module")
def operations(server: str) -> list[Any]:
    """Every documented operation but signing out and changing the password (they would only end the
    sessions this run needs; both have their own tests)."""
    document = requests.get(f"{server}/openapi.json", timeout=10).json()
    found = [result.ok() for result in schemathesis.openapi.from_dict(document).get_all_operations()]
    return [op for op in found if op.path not in ("/auth/logout", "/auth/password")]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_request_gets_a_server_error(operations: list[Any], server: str, tokens: dict[str, str], mode: Any) -> None:
    server_errors: list[str] = []
    drift: list[str] = []
    calls = [0]
    for operation in operations:

        @settings(
            max_examples=FUZZ_EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def call_as_everyone(case: Any) -> None:
            for role, token in tokens.items():
                response = case.call(base_url=server, headers={"Authorization": f"Bearer {token}"}, timeout=30)
                calls[0] += 1
                if response.headers.get("Content-Type", "").startswith("application/json"):
                    try:
                        conforms(case.method, case.formatted_path, response.status_code, response.json())
                    except AssertionError as exc:
                        drift.append(f"{role}: {exc}")
                if response.status_code >= 500:
                    server_errors.append(
                        f"{role} {case.method} {case.formatted_path} {case.query} {case.body!r:.200}"
                        f" -> {response.status_code} {response.text[:200]}"
                    )

        try:
            call_as_everyone()
        except Unsatisfiable:  # nothing of this operation can be made invalid (no parameters, no body)
            continue
    assert calls[0] >= len(operations) * len(tokens) // 2, calls  # the run really reached the API
    assert not server_errors, "\n".join(server_errors[:20])
    assert not drift, "\n".join(dict.fromkeys(drift).keys())
