"""The one decision mechanism over HTTP: the inbox across kinds for each role, a request that passes through three
deciders (supervisor, official, numbering officer) on the same routes, and the refusals every kind shares."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.integration.test_leave import application, working_span
from tests.support import attend, report_body, today_wib


@pytest.fixture
def office(http, factory):
    skpd = factory.skpd()
    head = factory.employee(skpd, name="Kepala Dinas Uji")
    boss = factory.employee(skpd, supervisor=head, name="Atasan Uji")
    staff = factory.employee(skpd, supervisor=boss, name="Dewi Uji")
    numberer = factory.employee(skpd, roles=("PENOMORAN",), name="Petugas Nomor Uji")
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Petugas Kepegawaian Uji")
    people = {"head": head, "boss": boss, "staff": staff, "numberer": numberer, "hr": hr}
    return {"skpd": skpd, **people, "tokens": {role: http.login(nip) for role, nip in people.items()}}


def _inbox(http, token: str) -> dict[str, int]:
    status, inbox = http.call("GET", "/me/inbox", token=token)
    assert status == 200, inbox
    counts = {entry["kind"]: entry["count"] for entry in inbox["kinds"]}
    assert inbox["total"] == sum(counts.values())
    return counts


def _decide(http, token: str, kind: str, item_id: str, verdict: str = "APPROVE", **fields) -> dict:
    status, item = http.call("POST", f"/verifications/{kind}/{item_id}", {"verdict": verdict, **fields}, token=token)
    assert status == 200, item
    return item


def test_one_inbox_and_one_scheme_carry_a_report_and_a_leave_request_through_every_decider(http, office):
    tokens = office["tokens"]
    today = today_wib()
    attend(office["staff"], today)
    status, report = http.call("POST", "/reports", report_body(today), token=tokens["staff"])
    assert status == 201, report
    start, end = working_span(1)
    status, leave = http.call("POST", "/leave", application("TAHUNAN", start, end), token=tokens["staff"])
    assert status == 201, leave

    # the supervisor's one inbox counts both kinds; nobody else's counts what is not theirs
    assert _inbox(http, tokens["boss"]) == {
        "report": 1,
        "leave_consideration": 1,
        "leave_decision": 0,
        "permission": 0,
        "skp": 0,
        "assessment_ack": 0,
    }
    assert _inbox(http, tokens["staff"]) == {}
    assert _inbox(http, tokens["numberer"]) == {"leave_number": 0}
    assert _inbox(http, tokens["hr"]) == {"complaint": 0, "checkin_flag": 0, "device": 0, "record": 0, "document": 0}

    status, queue = http.call("GET", "/verifications?kind=leave_consideration", token=tokens["boss"])
    assert status == 200 and queue["count"] == 1
    item = queue["items"][0]
    assert (item["id"], item["employee"]["name"], item["title"]) == (leave["leave_id"], "Dewi Uji", "Cuti Tahunan")
    assert item["verdicts"] == ["APPROVE", "REJECT", "DEFER"] and item["rating"] is False
    assert item["summary"][0]["label"] == "Tanggal"

    decided = _decide(http, tokens["boss"], "report", report["report_id"], rating=4, version=1)
    assert (decided["status"], decided["detail"]["rating"], decided["verdicts"]) == ("APPROVED", 4, [])
    considered = _decide(http, tokens["boss"], "leave_consideration", leave["leave_id"], note="Setuju")
    assert considered["status"] == "PENDING_DECISION"
    assert _inbox(http, tokens["boss"]) == {
        "report": 0,
        "leave_consideration": 0,
        "leave_decision": 0,
        "permission": 0,
        "skp": 0,
        "assessment_ack": 0,
    }

    # the official's turn, then the numbering officer's — the same routes, other kinds
    assert _inbox(http, tokens["head"])["leave_decision"] == 1
    _decide(http, tokens["head"], "leave_decision", leave["leave_id"])
    assert _inbox(http, tokens["numberer"]) == {"leave_number": 1}
    numbered = _decide(http, tokens["numberer"], "leave_number", leave["leave_id"])
    assert numbered["detail"]["letter_number"] and numbered["verdicts"] == []
    assert numbered["detail"]["attachment"] is None and numbered["detail"]["reason"] is None  # nothing medical

    # every step is in the request's history, with who decided and the note
    status, stored = http.call("GET", f"/leave/{leave['leave_id']}", token=tokens["staff"])
    assert status == 200
    steps = [(h["action"], h["by"]) for h in stored["history"]]
    assert ("CONSIDERED_APPROVED", office["boss"]) in steps and ("NUMBERED", office["numberer"]) in steps
    # a second decision of the same step is refused by the shared rule
    status, error = http.call(
        "POST", f"/verifications/leave_number/{leave['leave_id']}", {"verdict": "APPROVE"}, token=tokens["numberer"]
    )
    assert (status, error["code"]) == (409, "ALREADY_DECIDED")


def test_the_rules_every_kind_shares_refuse_before_anything_changes(http, office):
    tokens = office["tokens"]
    today = today_wib()
    attend(office["staff"], today)
    report = http.call("POST", "/reports", report_body(today), token=tokens["staff"])[1]
    path = f"/verifications/report/{report['report_id']}"
    refusals = [
        (tokens["boss"], {"verdict": "REJECT"}, 400, "NOTE_REQUIRED"),
        (tokens["boss"], {"verdict": "REVOKE", "note": "x"}, 400, "INVALID_VERDICT"),
        (tokens["boss"], {"verdict": "APPROVE", "version": 9}, 409, "CONFLICT"),
        (tokens["boss"], {"verdict": "APPROVE", "rating": 6}, 400, "INVALID_RATING"),
        (tokens["head"], {"verdict": "APPROVE"}, 403, "FORBIDDEN"),
        (tokens["staff"], {"verdict": "APPROVE"}, 403, "FORBIDDEN"),
    ]
    for token, body, status, code in refusals:
        answer = http.call("POST", path, body, token=token)
        assert (answer[0], answer[1]["code"]) == (status, code), body
    assert http.call("GET", f"/reports/{report['report_id']}", token=tokens["staff"])[1]["status"] == "SUBMITTED"

    start, end = working_span(1, after=30)
    leave = http.call("POST", "/leave", application("TAHUNAN", start, end), token=tokens["staff"])[1]
    rated = {"verdict": "APPROVE", "rating": 3}
    answer = http.call("POST", f"/verifications/leave_consideration/{leave['leave_id']}", rated, token=tokens["boss"])
    assert (answer[0], answer[1]["code"]) == (400, "RATING_NOT_ALLOWED")
    # HR kinds are refused to someone who is not HR before any item is read; unknown kinds are not found
    outsider = http.call("POST", f"/verifications/complaint/{'0' * 32}", {"verdict": "APPROVE"}, token=tokens["boss"])
    assert outsider[0] == 403
    assert (
        http.call("POST", f"/verifications/nothing/{'0' * 32}", {"verdict": "APPROVE"}, token=tokens["boss"])[0] == 404
    )
    assert http.call("GET", "/verifications?kind=nothing", token=tokens["boss"])[0] == 400
    reversed_range = f"/verifications?kind=complaint&from={today}&to={today - timedelta(days=1)}"
    answer = http.call("GET", reversed_range, token=tokens["hr"])
    assert (answer[0], answer[1]["code"]) == (400, "INVALID_DATE_RANGE")
    # a plain employee has no report queue at all; numbering is the numbering officer's
    assert http.call("GET", "/verifications?kind=report", token=tokens["staff"])[1]["code"] == "NOT_A_VERIFIER"
    assert http.call("GET", "/verifications?kind=leave_number", token=tokens["hr"])[0] == 403


def test_bulk_answers_each_item_and_caps_the_batch(http, office):
    tokens = office["tokens"]
    today = today_wib()
    attend(office["staff"], today)
    ids = [
        http.call("POST", "/reports", report_body(today, f"0{h}:00", f"0{h}:30"), token=tokens["staff"])[1]["report_id"]
        for h in (7, 8)
    ]
    _decide(http, tokens["boss"], "report", ids[1])
    body = {"items": [{"id": ids[0], "version": 1}, {"id": ids[1]}, {"id": "f" * 32}], "verdict": "APPROVE"}
    status, result = http.call("POST", "/verifications/report", body, token=tokens["boss"])
    assert status == 200 and (result["decided"], result["failed"]) == (1, 2)
    outcomes = {r["id"]: (r["outcome"], r.get("code")) for r in result["results"]}
    assert outcomes == {
        ids[0]: ("DECIDED", None),
        ids[1]: ("ERROR", "ALREADY_DECIDED"),
        "f" * 32: ("ERROR", "REPORT_NOT_FOUND"),
    }
    too_many = {"items": [{"id": f"{n:032x}"} for n in range(51)], "verdict": "APPROVE"}
    assert http.call("POST", "/verifications/report", too_many, token=tokens["boss"])[0] == 400


def test_the_report_queue_keeps_the_reports_of_the_dates_asked_for(http, office):
    """``from``/``to`` of ``GET /verifications?kind=report``: the reports of those dates (a filter on the index the
    queue reads, oldest submission first, paged); the count stays what waits."""
    from tests.support import queue

    tokens, today = office["tokens"], today_wib()
    days = [today - timedelta(days=n) for n in (3, 1, 0)]
    for day in days:
        attend(office["staff"], day)
    filed = {}
    for day in days:
        status, report = http.call("POST", "/reports", report_body(day), token=tokens["staff"])
        assert status == 201, report
        filed[day] = report["report_id"]
    status, every = queue(http, tokens["boss"], "report")
    assert status == 200 and [i["id"] for i in every["items"]] == [filed[d] for d in days]
    status, window = queue(http, tokens["boss"], "report", from_=str(days[0]), to=str(days[1]))
    assert status == 200 and [i["id"] for i in window["items"]] == [filed[days[0]], filed[days[1]]]
    assert window["count"] == 3
    status, first = queue(http, tokens["boss"], "report", from_=str(days[1]), limit=1)
    assert status == 200 and [i["id"] for i in first["items"]] == [filed[days[1]]] and first["next_cursor"]
    status, rest = queue(http, tokens["boss"], "report", from_=str(days[1]), limit=1, cursor=first["next_cursor"])
    assert status == 200 and [i["id"] for i in rest["items"]] == [filed[days[2]]]
    status, none = queue(http, tokens["boss"], "report", to=str(today - timedelta(days=5)))
    assert status == 200 and none["items"] == [] and none["next_cursor"] is None
