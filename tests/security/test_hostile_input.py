"""Finding 5: what any signed-in user can send gets a 4xx in the error shape, never a 500."""

from __future__ import annotations

import base64
import json

import pytest

from tests.support import attend, decide, decide_many, report_body, today_wib

LONG_ID = "a" * 3000
KINDS = (
    "report",
    "leave_consideration",
    "leave_decision",
    "leave_number",
    "complaint",
    "record",
    "document",
    "device",
    "checkin_flag",
    "citizen_request",
    "kritis_forward",
    "kritis_decision",
    "kritis_follow_up",
)


@pytest.fixture
def people(http, factory):
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="Atasan Uji")
    staff = factory.employee(skpd, supervisor=boss)
    operator = factory.employee(skpd, roles=("OPERATOR_SKPD",))
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",))
    numberer = factory.employee(skpd, roles=("PENOMORAN",))
    attend(staff, today_wib())
    tokens = {nip: http.login(nip) for nip in (boss, staff, operator, hr, numberer)}
    report = http.call("POST", "/reports", report_body(today_wib()), token=tokens[staff])[1]
    return {
        "boss": boss,
        "staff": staff,
        "operator": operator,
        "hr": hr,
        "numberer": numberer,
        "tokens": tokens,
        "report": report,
    }


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
    staff, boss, operator, hr, numberer = (
        people["tokens"][people[k]] for k in ("staff", "boss", "operator", "hr", "numberer")
    )
    for path, token in (
        ("/reports", staff),
        ("/verifications?kind=report", boss),
        ("/verifications?kind=leave_consideration", boss),
        ("/verifications?kind=leave_decision", boss),
        ("/verifications?kind=leave_number", numberer),
        ("/verifications?kind=complaint", hr),
        ("/verifications?kind=record", hr),
        ("/verifications?kind=document", hr),
        ("/verifications?kind=device", hr),
        ("/verifications?kind=checkin_flag", hr),
        ("/employees", operator),
        (f"/employees/{people['boss']}/subordinates", boss),
    ):
        status, body = http.call("GET", f"{path}{'&' if '?' in path else '?'}cursor={cursor}", token=token)
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
    *(("POST", f"/verifications/{kind}/{{id}}") for kind in KINDS),
    ("POST", "/verifications/{id}/0123456789abcdef0123456789abcdef"),  # the kind itself malformed
    ("POST", "/verifications/{id}"),
    ("GET", "/verifications?kind={id}"),
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
    ("DELETE", "/admin/holidays/{id}"),
    ("GET", "/decision-links/{id}"),
    ("POST", "/decision-links/{id}"),
    ("PATCH", "/archive/categories/{id}"),
    ("DELETE", "/archive/categories/{id}?version=1"),
    ("GET", "/archive/employees/{id}"),
    ("PUT", "/archive/employees/{id}/profile"),
    ("POST", "/archive/employees/{id}/documents/{id}/upload"),
    ("POST", "/archive/employees/{id}/documents/{id}/confirm"),
    ("DELETE", "/archive/employees/{id}/documents/{id}?version=1"),
    ("GET", "/complaints/{id}"),
    ("PATCH", "/employees/{id}"),
    ("PUT", "/employees/{id}/supervisor"),
    ("POST", "/employees/{id}/password-reset"),
    ("DELETE", "/employees/{id}/authenticator"),
    ("PUT", "/employees/{id}/roles"),
    ("PUT", "/employees/{id}/leave-opening"),
    ("PUT", "/employees/{id}/leave-bersama-worked"),
    ("GET", "/leave/{id}"),
    ("POST", "/leave/{id}/cancel"),
    ("GET", "/leave/{id}/letter"),
    ("GET", "/skpd/{id}/leave-settings"),
    ("PUT", "/skpd/{id}/leave-settings"),
    ("GET", "/skpd/{id}/working-hours"),
    ("PUT", "/skpd/{id}/working-hours"),
    ("GET", "/skpd/{id}/satker/{id}/working-hours"),
    ("PUT", "/skpd/{id}/satker/{id}/working-hours"),
    ("DELETE", "/skpd/{id}/satker/{id}/working-hours?version=1"),
    ("GET", "/skpd/{id}/discipline-rules"),
    ("PUT", "/skpd/{id}/discipline-rules"),
    ("GET", "/skpd/{id}/satker/{id}/discipline/{id}"),
    ("POST", "/skpd/{id}/satker/{id}/discipline/{id}/closing"),
    ("POST", "/skpd/{id}/satker/{id}/discipline/{id}/corrections"),
    ("PATCH", "/skpd/{id}"),
    ("POST", "/skpd/{id}/satker"),
    ("PATCH", "/skpd/{id}/satker/{id}"),
    ("GET", "/records/{id}"),
    ("PATCH", "/records/{id}"),
    ("DELETE", "/records/{id}?version=1"),
    ("PUT", "/skp/{id}"),
    ("POST", "/skp/{id}/submit"),
    ("GET", "/skp/{id}/versions"),
    ("GET", "/skp/{id}/quarters/{id}"),
    ("PUT", "/skp/{id}/quarters/{id}/assessment"),
    ("GET", "/skp/{id}/quarters/{id}/assessment/pdf"),
    ("GET", "/permissions/{id}"),
    ("DELETE", "/permissions/{id}?version=1"),
    ("GET", "/skpd/{id}/check-in-rules"),
    ("PUT", "/skpd/{id}/check-in-rules"),
    ("DELETE", "/me/devices/{id}"),
    ("GET", "/employees/{id}/devices"),
    ("DELETE", "/employees/{id}/devices/{id}"),
    ("GET", "/citizen-requests/{id}"),
    ("POST", "/citizen-requests/{id}/ready"),
    ("POST", "/citizen-requests/{id}/cancel"),
    ("GET", "/public/requests/{id}"),  # a tracking number: malformed and unknown answer alike (404)
    ("POST", "/webhooks/whatsapp/fonnte/{id}"),  # the token: refused (403) whatever its shape
    ("GET", "/kritis/{id}"),
    ("GET", "/public/kritis/{id}"),  # a tracking number: malformed and unknown answer alike (404)
    ("GET", "/skpd/{id}/ptsp/types"),
    ("POST", "/skpd/{id}/ptsp/types"),
    ("PUT", "/skpd/{id}/ptsp/types/{id}"),
    ("GET", "/skpd/{id}/ptsp/desk"),
    ("POST", "/skpd/{id}/ptsp/desk"),
    ("POST", "/skpd/{id}/ptsp/desk/export"),
]
_HOURS = {
    "days_per_week": 5,
    "weekly": {str(d): {"check_in": "07:30", "check_out": "16:00"} for d in range(5)},
    "version": 0,
}
#: a body the route would accept, so that only the id is wrong (the rest send ``{"version": 1}``)
ID_BODIES = {
    "/admin/holidays/{id}": {"action": "ADD", "name": "Libur uji"},
    "/archive/categories/{id}": {"name": "Kategori", "version": 1},
    "/archive/employees/{id}/profile": {"conditions": []},
    "/archive/employees/{id}/documents/{id}/upload": {
        "filename": "a.pdf",
        "content_type": "application/pdf",
        "size": 10,
    },
    "/archive/employees/{id}/documents/{id}/confirm": {"upload_token": "a.b.c"},
    "/employees/{id}": {"name": "Nama Uji", "version": 1},
    "/employees/{id}/supervisor": {"supervisor_nip": None},
    "/employees/{id}/roles": {"roles": []},
    "/employees/{id}/leave-opening": {"year": 2025, "remaining": 1},
    "/employees/{id}/leave-bersama-worked": {"year": 2026, "days": 1},
    "/leave/{id}/cancel": {"version": 1, "reason": "Batal"},
    "/citizen-requests/{id}/cancel": {"reason": "Batal"},
    "/skpd/{id}/leave-settings": {"official_nip": None, "version": 0},
    "/skpd/{id}/working-hours": _HOURS,
    "/skpd/{id}/satker/{id}/working-hours": _HOURS,
    "/skpd/{id}/discipline-rules": {
        "bands": [30, 60, 90],
        "late": [0.5, 1, 1.25, 1.5],
        "early": [0.5, 1, 1.25, 1.5],
        "absent_per_day": 2.5,
        "version": 0,
    },
    "/skpd/{id}/check-in-rules": {"device_policy": "FLAG", "version": 0},
    "/skpd/{id}/ptsp/types": {"name": "Legalisir", "requirements": ["KTP"], "procedure": "Loket 1."},
    "/skpd/{id}/ptsp/types/{id}": {"name": "Legalisir", "requirements": ["KTP"], "procedure": "Loket 1.", "version": 1},
    "/skpd/{id}/ptsp/desk": {"name": "Budi", "whatsapp": "081234567890", "type_id": "0" * 32},
    "/skpd/{id}/ptsp/desk/export": {"from": "2026-12-01", "to": "2026-12-07"},
    "/skpd/{id}/satker/{id}/discipline/{id}/corrections": {
        "nip": "199001012020011001",
        "field": "days_absent",
        "new": 0,
        "reason": "Koreksi atas surat tugas",
        "version": 1,
    },
    "/skpd/{id}": {"name": "Dinas Uji", "version": 1},
    "/skpd/{id}/satker": {"satker_id": "BARU", "name": "Satker Uji"},
    "/skpd/{id}/satker/{id}": {"name": "Satker Uji", "version": 1},
    "/skp/{id}": {"targets": [], "version": 1},
    "/skp/{id}/quarters/{id}/assessment": {"results": "SESUAI_EKSPEKTASI", "behaviour": "SESUAI_EKSPEKTASI"},
}


def test_the_id_table_names_every_route_with_a_path_parameter():
    """A route added later with an id in its path is refused here until the table above tries it."""
    import re

    from app import app  # noqa: F401  (registers the routes the document lists)
    from chalicelib import openapi

    tried = {(method, route.split("?", 1)[0].replace("{id}", "x")) for method, route in ID_ROUTES}
    missing = []
    for template, operations in openapi.document()["paths"].items():
        if "{" not in template:
            continue
        pattern = re.compile(re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(template)) + "$")
        for method in operations:
            if method.upper() in ("GET", "POST", "PUT", "PATCH", "DELETE") and not any(
                m == method.upper() and pattern.match(path) for m, path in tried
            ):
                missing.append(f"{method.upper()} {template}")
    assert missing == [], missing


@pytest.mark.parametrize("method,route", ID_ROUTES)
@pytest.mark.parametrize("bad", [LONG_ID, "%00", "..%2F..", "é" * 40])
def test_a_malformed_id_on_any_route_is_a_4xx(http, people, method, route, bad):
    token = people["tokens"][people["boss"]]
    body = ID_BODIES.get(route.split("?", 1)[0], {"version": 1})
    if route.startswith("/verifications/"):  # a valid decision, so that only the id (or kind) is wrong
        body = {"verdict": "APPROVE", "items": [{"id": "0" * 32}]} if route.count("/") == 2 else {"verdict": "APPROVE"}
    status, body = http.call(method, route.replace("{id}", bad), body, token=token)
    if route.startswith("/decision-links"):
        assert 400 <= status < 500, (route, status)  # an HTML page for people following a link
    else:
        assert _is_client_error(status, body), (route, status, body)


def test_bulk_approve_answers_each_item_whatever_it_is(http, people):
    boss = people["tokens"][people["boss"]]
    good = people["report"]["report_id"]
    # an id no item can have is refused with the whole request, before anything is decided …
    for malformed in (LONG_ID, "a" * 65, "../../etc", "", "é", "a b", 7, None):
        status, body = decide_many(http, boss, "report", [good, malformed], "APPROVE")
        assert _is_client_error(status, body) and status == 400, (malformed, status, body)
    status, body = decide_many(http, boss, "report", [good] * 51, "APPROVE")
    assert (status, body["code"]) == (400, "TOO_MANY_ITEMS")
    # … a well-formed one that names nothing fails on its own
    ids = ["a" * 64, "tidakada", good, "0" * 32, "1.2", good]
    status, body = decide_many(http, boss, "report", ids, "APPROVE")
    assert status == 200, body
    outcome = {r["id"]: r for r in body["results"]}
    assert (outcome[good]["outcome"], outcome[good]["status"]) == ("DECIDED", "APPROVED")
    for unknown in ("a" * 64, "tidakada", "0" * 32, "1.2"):
        assert (outcome[unknown]["outcome"], outcome[unknown]["code"]) == ("ERROR", "REPORT_NOT_FOUND"), unknown
    assert body["decided"] == 1 and body["failed"] == 4


@pytest.mark.parametrize("kind", ["complaint", "record", "document", "leave_number", "checkin_flag"])
def test_every_kind_answers_an_unknown_or_odd_id_as_not_found(http, people, kind):
    token = people["tokens"][people["numberer" if kind == "leave_number" else "hr"]]
    ids = ["a" * 64, "0" * 32, "1.2", f"{people['staff']}.TIDAK-ADA", f"{people['staff']}.", "-", "."]
    status, body = decide_many(http, token, kind, ids, "APPROVE")
    assert status == 200 and body["decided"] == 0 and body["failed"] == len(ids), body
    assert {r["code"] for r in body["results"]} <= {
        "COMPLAINT_NOT_FOUND",
        "RECORD_NOT_FOUND",
        "DOCUMENT_NOT_FOUND",
        "LEAVE_NOT_FOUND",
        "CHECKIN_FLAG_NOT_FOUND",
    }, body
    for item in ids:
        status, error = decide(http, token, kind, item, "APPROVE")
        assert status == 404 and _is_client_error(status, error), (item, status, error)


def test_an_unknown_kind_is_a_404_in_the_path_and_a_400_in_the_query(http, people):
    boss = people["tokens"][people["boss"]]
    for path, body in (
        ("/verifications/laporan/" + "0" * 32, {"verdict": "APPROVE"}),
        ("/verifications/laporan", {"verdict": "APPROVE", "items": [{"id": "0" * 32}]}),
        ("/verifications/REPORT/" + "0" * 32, {"verdict": "APPROVE"}),
    ):
        status, error = http.call("POST", path, body, token=boss)
        assert (status, error["code"]) == (404, "UNKNOWN_KIND"), (path, status, error)
    for query in ("kind=laporan", "kind=", "kind=report%00", ""):
        status, error = http.call("GET", f"/verifications?{query}", token=boss)
        assert status == 400 and _is_client_error(status, error), (query, status, error)
    assert http.call("GET", "/verifications?kind=laporan", token=boss)[1]["code"] == "UNKNOWN_KIND"


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
