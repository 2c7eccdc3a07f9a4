"""Finding 5: what any signed-in user can send gets a 4xx in the error shape, never a 500."""

from __future__ import annotations

import base64
import json

import pytest

from tests.support import attend, report_body, today_wib

LONG_ID = "a" * 3000


@pytest.fixture
def people(http, factory):
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="Atasan Uji")
    staff = factory.employee(skpd, supervisor=boss)
    operator = factory.employee(skpd, roles=("OPERATOR_SKPD",))
    attend(staff, today_wib())
    tokens = {nip: http.login(nip) for nip in (boss, staff, operator)}
    report = http.call("POST", "/reports", report_body(today_wib()), token=tokens[staff])[1]
    return {"boss": boss, "staff": staff, "operator": operator, "tokens": tokens, "report": report}


def _is_client_error(status: int, body) -> bool:
    return 400 <= status < 500 and isinstance(body, dict) and {"code", "message", "details"} <= body.keys()


def test_a_non_ascii_upload_token_is_a_400(http, people):
    token, rid = people["tokens"][people["staff"]], people["report"]["report_id"]
    for slip in ("é.ü", "ñ", "abc.\u00ff\u0100", "😀.😀"):
        status, body = http.call("POST", f"/reports/{rid}/evidence/confirm", {"upload_token": slip}, token=token)
        assert (status, body["code"]) == (400, "INVALID_UPLOAD_TOKEN"), (slip, status, body)


def _forged(key: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode()


FORGED_CURSORS = [
    _forged({"nip": {"S": "x"}}),  # the right shape, the wrong keys
    _forged({"report_id": {"N": "not-a-number"}, "owner_nip": {"S": "1"}, "owner_sort": {"S": "1"}}),
    _forged({"a" * 300: {"S": "b" * 3000}}),
    "%%%",
    "eyJ9",
]


@pytest.mark.parametrize("cursor", FORGED_CURSORS)
def test_a_forged_cursor_is_a_400_on_every_paged_list(http, people, cursor):
    staff, boss, operator = (people["tokens"][people[k]] for k in ("staff", "boss", "operator"))
    for path, token in (
        ("/reports", staff),
        ("/verification/queue", boss),
        ("/employees", operator),
        (f"/employees/{people['boss']}/subordinates", boss),
    ):
        status, body = http.call("GET", f"{path}?cursor={cursor}", token=token)
        assert (status, body["code"]) == (400, "INVALID_CURSOR"), (path, status, body)


def test_a_cursor_from_one_list_is_refused_by_another(http, people, factory):
    for _ in range(3):
        factory.employee(people_skpd := factory.skpd())  # noqa: F841
    operator = people["tokens"][people["operator"]]
    page = http.call("GET", "/employees?limit=1", token=operator)[1]
    assert page["next_cursor"]
    status, body = http.call(
        "GET", f"/employees/{people['boss']}/subordinates?cursor={page['next_cursor']}", token=operator
    )
    assert (status, body["code"]) == (400, "INVALID_CURSOR")
    assert http.call("GET", f"/employees?limit=1&cursor={page['next_cursor']}", token=operator)[0] == 200


ID_ROUTES = [
    ("GET", "/reports/{id}"),
    ("PATCH", "/reports/{id}"),
    ("DELETE", "/reports/{id}?version=1"),
    ("POST", "/reports/{id}/copy"),
    ("POST", "/reports/{id}/decision"),
    ("POST", "/reports/{id}/evidence"),
    ("POST", "/reports/{id}/evidence/confirm"),
    ("DELETE", "/reports/{id}/evidence/{id}"),
    ("GET", "/templates/{id}"),
    ("PATCH", "/templates/{id}"),
    ("DELETE", "/templates/{id}"),
    ("DELETE", "/delegations/{id}"),
    ("GET", "/exports/{id}"),
    ("GET", "/roster-imports/{id}"),
    ("GET", "/employees/{id}"),
    ("GET", "/employees/{id}/subordinates"),
    ("GET", "/employees/{id}/history"),
    ("GET", "/skpd/{id}"),
    ("PUT", "/admin/holidays/{id}"),
    ("GET", "/email-actions/{id}"),
    ("POST", "/email-actions/{id}"),
]


@pytest.mark.parametrize("method,route", ID_ROUTES)
@pytest.mark.parametrize("bad", [LONG_ID, "%00", "..%2F..", "é" * 40])
def test_a_malformed_id_on_any_route_is_a_4xx(http, people, method, route, bad):
    token = people["tokens"][people["boss"]]
    status, body = http.call(method, route.replace("{id}", bad), {"version": 1}, token=token)
    if route.startswith("/email-actions"):
        assert 400 <= status < 500, (route, status)  # an HTML page for people following a link
    else:
        assert _is_client_error(status, body), (route, status, body)


def test_bulk_approve_answers_each_item_whatever_it_is(http, people):
    boss = people["tokens"][people["boss"]]
    good = people["report"]["report_id"]
    ids = [LONG_ID, "../../etc", "", good, "0" * 32]
    status, body = http.call("POST", "/verification/bulk-approve", {"report_ids": ids}, token=boss)
    assert status == 200, body
    outcome = {r["report_id"]: r for r in body["results"]}
    assert outcome[good]["status"] == "APPROVED"
    for unknown in (LONG_ID, "../../etc", "", "0" * 32):
        assert outcome[unknown]["code"] == "REPORT_NOT_FOUND", outcome[unknown]
    assert body["approved"] == 1 and body["failed"] == 4


@pytest.mark.parametrize(
    "query",
    [
        "period=week&date=9999-12-31",
        "period=week&date=0001-01-01",
        "period=day&date=9999-12-31",
        "period=month&month=9999-12",
        "period=range&from=0001-01-01&to=9999-12-31",
        "period=range&from=2026-01-01&to=2025-01-01",
    ],
)
def test_preview_dates_out_of_range_are_a_400(http, people, query):
    status, body = http.call("GET", f"/exports/preview?{query}", token=people["tokens"][people["staff"]])
    assert status == 400 and _is_client_error(status, body), (query, status, body)


@pytest.mark.parametrize(
    "path",
    [
        "/reports?from=9999-12-31&to=9999-12-31",
        "/reports?from=0001-01-01",
        "/attendance/calendar?month=9999-12",
        "/attendance/calendar?month=0001-01",
        "/admin/holidays?year=99999",
    ],
)
def test_other_dates_out_of_range_are_a_400(http, people, path):
    status, body = http.call("GET", path, token=people["tokens"][people["staff"]])
    assert _is_client_error(status, body), (path, status, body)
