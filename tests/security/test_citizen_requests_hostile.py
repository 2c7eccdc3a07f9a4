"""Tracked citizen requests (issue 22) under hostile input: whatever a LAYANAN officer or an anonymous caller sends
gets a 4xx in the error shape, never a 5xx; a refused record stores nothing (no item in the office's lists, no
message to anyone); and a bounded schemathesis run over the routes of this area, as a LAYANAN officer with
requests behind them, answers as documented (the general fuzz run signs in callers without that role)."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from chalicelib.domain.citizen_requests import RequestState
from tests.support import authenticator_code, conforms, make_whatsapp, outbox_for

PATHS = ("/citizen-requests", "/public/requests")


def _stored(skpd: str) -> int:
    from chalicelib.store.citizen_requests import DynamoCitizenRequests

    repo = DynamoCitizenRequests()
    return sum(
        len(repo.of_office(skpd, target=False, state=state, cursor=None, limit=100)[0]) for state in RequestState
    )


def _valid(target: str, whatsapp: str) -> dict[str, Any]:
    return {
        "citizen_name": "Siti Aminah",
        "whatsapp": whatsapp,
        "case_number": "123/Pdt.G/2026/MS.Lsm",
        "updates": ["KK"],
        "target_skpd_id": target,
    }


HOSTILE_FIELDS: list[dict[str, Any]] = [
    {"citizen_name": "\x00" * 40},
    {"citizen_name": "a" * 100_000},
    {"citizen_name": {"$gt": ""}},
    {"citizen_name": "   "},
    {"whatsapp": "<script>alert(1)</script>", "email": None},
    {"whatsapp": "0812" + "9" * 300},
    {"whatsapp": None, "email": "not-an-address"},
    {"whatsapp": None, "email": None},
    {"case_number": ["1"]},
    {"case_number": "x" * 61},
    {"updates": []},
    {"updates": ["SIM"]},
    {"updates": "KK"},
    {"updates": ["KK", "KTP", "AKTA", "KK"]},
    {"target_skpd_id": "../../etc/passwd"},
    {"target_skpd_id": "x" * 5000},
    {"target_skpd_id": "TIDAK-ADA"},
    {"description": "é" * 1001},
]


@pytest.fixture
def offices(http, factory):
    first, second = factory.skpd(), factory.skpd()
    officer = factory.employee(first, roles=("LAYANAN",), name="Petugas Layanan")
    return {"first": first[0], "second": second[0], "token": http.login(officer)}


@pytest.mark.parametrize("fields", HOSTILE_FIELDS)
def test_a_hostile_record_is_refused_in_shape_and_stores_nothing(http, offices, fields):
    whatsapp = make_whatsapp()
    body = {**_valid(offices["second"], whatsapp), **fields}
    status, answer = http.call("POST", "/citizen-requests", body, token=offices["token"])
    assert 400 <= status < 500, (fields, status, answer)
    assert {"code", "message", "details"} <= set(answer)
    assert _stored(offices["first"]) == 0
    assert outbox_for(whatsapp) == []


@pytest.mark.parametrize(
    "raw",
    [b"", b"null", b"[]", b'"x"', b"{", b"\xff\xfe", json.dumps({"citizen_name": "A" * 10}).encode() * 2000],
)
def test_a_body_that_is_not_an_object_is_refused_in_shape(http, offices, raw):
    status, answer = http.call("POST", "/citizen-requests", raw=raw, token=offices["token"])
    assert 400 <= status < 500 and {"code", "message", "details"} <= set(answer), (raw[:40], status, answer)
    assert _stored(offices["first"]) == 0


@pytest.mark.parametrize(
    "number",
    ["LY-2026-00000000", "ly-2026-0", "KR-2026-7F3K9Q2M", "%00", "..%2F..", "é" * 40, "a" * 3000, "LY-2026-%27%3B--"],
)
def test_any_number_on_the_status_page_is_404_in_shape(http, number):
    status, answer = http.call("GET", f"/public/requests/{number}")
    assert status == 404 and answer["code"] in ("REQUEST_NOT_FOUND", "NOT_FOUND"), (number, status, answer)


@pytest.fixture(scope="module")
def officer_token(server: str) -> str:
    """A LAYANAN officer of one office with a request of theirs handed to another, so generated numbers and
    cursors meet existing items too."""
    from tests.support import Factory

    factory = Factory()
    first, second = factory.skpd(), factory.skpd()
    nip = factory.employee(first, roles=("LAYANAN",), name="Petugas Fuzz")
    session = requests.Session()
    answer = session.post(f"{server}/auth/login", json={"username": nip, "password": "Laporan-Harian-2026"}).json()
    second_step = {"challenge": answer["challenge"], "code": authenticator_code(nip)}
    token = session.post(f"{server}/auth/totp/login", json=second_step).json()["token"]
    made = session.post(
        f"{server}/citizen-requests",
        json=_valid(second[0], make_whatsapp()),
        headers={"Authorization": f"Bearer {token}"},
    )
    assert made.status_code == 201, made.text
    return str(token)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_routes_answer_as_documented_to_generated_requests(server: str, officer_token: str, mode: Any) -> None:
    document = requests.get(f"{server}/openapi.json", timeout=10).json()
    schema = schemathesis.openapi.from_dict(document)
    schema.config.generation.update(with_security_parameters=False)
    operations = [r.ok() for r in schema.get_all_operations()]
    operations = [op for op in operations if op.path.startswith(PATHS)]
    assert len(operations) == 7, [op.path for op in operations]
    problems: list[str] = []
    for operation in operations:

        @settings(
            max_examples=8,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def call(case: Any) -> None:
            response = case.call(base_url=server, headers={"Authorization": f"Bearer {officer_token}"}, timeout=30)
            said = f"{case.method} {case.formatted_path} {case.query} {case.body!r:.200} -> {response.status_code}"
            if response.status_code >= 500:
                problems.append(f"5xx: {said} {response.text[:200]}")
            elif response.headers.get("content-type", [""])[0].startswith("application/json"):
                try:
                    conforms(case.method, case.formatted_path, response.status_code, json.loads(response.text))
                except AssertionError as exc:
                    problems.append(f"drift: {said}: {exc}")

        try:
            call()
        except Unsatisfiable:
            continue
    assert not problems, "\n".join(problems[:20])
