"""The public Kritis routes (issue 22) under hostile input: whatever arrives without an account gets a 4xx in the
error shape, never a 5xx, and a refused filing stores nothing (no item, no photo)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from chalicelib.domain.kritis import KritisState
from chalicelib.domain.proof_of_work import solve

DESCRIPTION = "Pelayanan di loket pengaduan tidak ramah dan berbelit-belit, mohon dievaluasi."


def _form(http: Any, skpd: str) -> dict[str, Any]:
    _, challenge = http.call("GET", "/public/kritis/challenge")
    nonce = solve(challenge["challenge"], challenge["bits"])
    return {"skpd_id": skpd, "kind": "PELAYANAN", "description": DESCRIPTION, **challenge, "nonce": nonce}


def _stored(skpd: str) -> int:
    from chalicelib.store.kritis import DynamoKritisRepository

    repo = DynamoKritisRepository()
    return sum(repo.count_in_state(skpd, state) for state in KritisState)


HOSTILE_FIELDS: list[dict[str, Any]] = [
    {"kind": "'; DROP TABLE kritis; --"},
    {"kind": ["PELAYANAN"]},
    {"description": "\x00" * 40},
    {"description": "a" * 100_000},
    {"description": {"$gt": ""}},
    {"skpd_id": "../../etc/passwd"},
    {"skpd_id": "x" * 5000},
    {"contact": "<script>alert(1)</script>"},
    {"contact": "0812" + "9" * 300},
    {"photo": "data:image/png;base64,AAAA"},
    {"photo": "iVBORw0KGgo" + "A" * 1000},
    {"photo": 12345},
    {"website": "x"},
    {"challenge": "a.b.c"},
    {"challenge": "é" * 50},
    {"nonce": "-1"},
    {"nonce": "1e9"},
    {"nonce": 7},
    {"nonce": "9" * 21},
]


@pytest.mark.parametrize("fields", HOSTILE_FIELDS)
def test_a_hostile_filing_is_refused_in_shape_and_stores_nothing(http, factory, fields):
    skpd = factory.skpd()[0]
    status, body = http.call("POST", "/public/kritis", {**_form(http, skpd), **fields})
    assert 400 <= status < 500, (fields, status, body)
    assert {"code", "message", "details"} <= set(body)
    assert _stored(skpd) == 0


@pytest.mark.parametrize(
    "raw,content_type",
    [
        (b"{", "application/json"),
        (b"[]", "application/json"),
        (b"null", "application/json"),
        (b"\xff\xfe", "application/json"),
        (json.dumps({"a": [[[[[]]]]] * 1000}).encode(), "application/json"),
        (b"kind=SARAN", "application/x-www-form-urlencoded"),
        (b"x" * (600 * 1024), "application/json"),
    ],
)
def test_a_malformed_body_is_a_4xx(http, raw, content_type):
    status, body = http.call("POST", "/public/kritis", raw=raw, headers={"Content-Type": content_type})
    assert 400 <= status < 500, (raw[:20], status, body)


@pytest.mark.parametrize("number", ["%00", "..%2F..", "é" * 40, "a" * 3000, "KR-2026-" + "Z" * 500, "KR-2026-0000000O"])
def test_the_status_page_refuses_any_number_with_a_4xx(http, number):
    status, body = http.call("GET", f"/public/kritis/{number}")
    assert 400 <= status < 500 and body["code"] in ("KRITIS_NOT_FOUND", "NOT_FOUND"), (number, status, body)
