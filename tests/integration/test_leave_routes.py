"""Leave over HTTP, the routes the whole-flow test does not take: every leave route as another SKPD's officers
(refused, and nothing they could have written changed), the granting official's decision through
`POST /verifications/leave_decision/{id}`, and HR's opening balance through `PUT /employees/{nip}/leave-opening`."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.test_leave import application, working_span
from tests.support import decide, decide_many, queue, today_wib

OPENING_YEAR = 2025  # a year before leave was recorded in Kinerja (LEAVE_RECORDS_SINCE)


@pytest.fixture
def office(http, factory):
    """An SKPD with a head (the granting official), a supervisor, staff, HR and a numbering officer; and another
    SKPD whose HR, numbering officer, operator and a supervisor try to reach the first one's leave."""
    home = factory.skpd()
    head = factory.employee(home, name="Kepala Dinas Rumah")
    boss = factory.employee(home, supervisor=head, name="Atasan Rumah")
    staff = factory.employee(home, supervisor=boss, name="Staf Rumah")
    hr = factory.employee(home, roles=("KEPEGAWAIAN",), supervisor=head, name="Kepegawaian Rumah")
    numberer = factory.employee(home, roles=("PENOMORAN",), name="Penomoran Rumah")
    away = factory.skpd()
    away_head = factory.employee(away, name="Kepala Dinas Lain")
    outsiders = {
        "hr": factory.employee(away, roles=("KEPEGAWAIAN",), name="Kepegawaian Lain"),
        "numberer": factory.employee(away, roles=("PENOMORAN",), name="Penomoran Lain"),
        "operator": factory.employee(away, roles=("OPERATOR_SKPD",), name="Operator Lain"),
        "supervisor": factory.employee(away, supervisor=away_head, name="Atasan Lain"),
    }
    people = {"head": head, "boss": boss, "staff": staff, "hr": hr, "numberer": numberer}
    return {
        "home": home,
        "away": away,
        **people,
        "tokens": {role: http.login(nip) for role, nip in people.items()},
        "outsiders": {role: http.login(nip) for role, nip in outsiders.items()},
    }


def _stored(http, office, leave_id: str) -> dict[str, Any]:
    """What another SKPD's officer could have changed, read back as the SKPD's own people see it."""
    t = office["tokens"]
    leave = http.call("GET", f"/leave/{leave_id}", token=t["staff"])[1]
    year = today_wib().year
    return {
        "leave": {k: leave[k] for k in ("status", "version", "letter_number", "consideration", "decision")},
        "balance": http.call("GET", f"/leave/balance?year={year}", token=t["staff"])[1],
        "opening": http.call("GET", f"/leave/balance?year={OPENING_YEAR + 1}", token=t["staff"])[1],
        "settings": http.call("GET", f"/skpd/{office['home'][0]}/leave-settings", token=t["hr"])[1],
    }


def _every_route(office, leave_id: str) -> list[tuple[str, str, Any]]:
    """Every leave route, aimed at the home SKPD's staff member, leave and settings."""
    home, staff = office["home"], office["staff"]
    start, end = f"{today_wib().year}-01-01", f"{today_wib().year}-12-31"
    verdict = {"verdict": "APPROVE", "version": 1}
    return [
        ("GET", f"/leave/{leave_id}", None),
        ("GET", f"/leave/{leave_id}/letter", None),
        ("POST", f"/leave/{leave_id}/cancel", {"version": 1, "reason": "Dibatalkan dari SKPD lain"}),
        ("GET", f"/skpd/{home[0]}/leave-settings", None),
        ("PUT", f"/skpd/{home[0]}/leave-settings", {"official_nip": None, "number_format": "{seq}/X", "version": 0}),
        ("PUT", f"/employees/{staff}/leave-opening", {"year": OPENING_YEAR, "remaining": 12}),
        ("PUT", f"/employees/{staff}/leave-bersama-worked", {"year": today_wib().year, "days": 1}),
        ("GET", f"/leave/skpd?skpd_id={home[0]}&from={start}&to={end}", None),
        ("POST", "/leave/skpd/export", {"skpd_id": home[0], "from": start, "to": end}),
        ("POST", f"/verifications/leave_consideration/{leave_id}", verdict),
        ("POST", f"/verifications/leave_decision/{leave_id}", verdict),
        ("POST", f"/verifications/leave_number/{leave_id}", {"verdict": "APPROVE"}),
    ]


def _refused_everywhere(http, office, leave_id: str) -> None:
    for who, token in office["outsiders"].items():
        for method, path, body in _every_route(office, leave_id):
            status, answer = http.call(method, path, body, token=token)
            assert status == 403, (who, method, path, status, answer)
        # in bulk the item is refused on its own, and their own queues never show it
        for kind in ("leave_consideration", "leave_decision", "leave_number"):
            status, bulk = decide_many(http, token, kind, [leave_id], "APPROVE")
            if status == 200:
                assert (bulk["decided"], bulk["results"][0]["outcome"]) == (0, "ERROR"), (who, kind, bulk)
            else:
                assert status == 403, (who, kind, status, bulk)
            status, waiting = queue(http, token, kind)
            assert status == 403 or leave_id not in [i["id"] for i in waiting["items"]], (who, kind, waiting)


def test_another_skpds_officers_reach_no_leave_route_and_change_nothing(http, office):
    t = office["tokens"]
    start, end = working_span(2, after=90)
    status, applied = http.call("POST", "/leave", application("TAHUNAN", start, end), token=t["staff"])
    assert status == 201, applied
    leave_id = applied["leave_id"]

    # at each stage the outsiders try every route; the stored leave, balance and settings stay as they were
    for step in ("consideration", "decision", "number", "done"):
        before = _stored(http, office, leave_id)
        _refused_everywhere(http, office, leave_id)
        assert _stored(http, office, leave_id) == before, step
        if step == "consideration":
            assert decide(http, t["boss"], "leave_consideration", leave_id, "APPROVE", version=1)[0] == 200
        elif step == "decision":
            assert decide(http, t["head"], "leave_decision", leave_id, "APPROVE", version=2)[0] == 200
        elif step == "number":
            assert decide(http, t["numberer"], "leave_number", leave_id, "APPROVE")[0] == 200
    final = _stored(http, office, leave_id)["leave"]
    assert final["status"] == "APPROVED" and final["letter_number"]  # the SKPD's own people could do each step


def test_the_official_decides_through_the_decision_route(http, office):
    t = office["tokens"]
    start, end = working_span(1, after=95)
    approved_id = http.call("POST", "/leave", application("ALASAN_PENTING", start, end), token=t["staff"])[1][
        "leave_id"
    ]
    status, considered = decide(http, t["boss"], "leave_consideration", approved_id, "APPROVE", version=1)
    assert (status, considered["status"]) == (200, "PENDING_DECISION"), considered
    # only the official, at the version last read
    refused = decide(http, t["boss"], "leave_decision", approved_id, "APPROVE", version=2)
    assert refused[0] == 403, refused
    stale = decide(http, t["head"], "leave_decision", approved_id, "APPROVE", version=1)
    assert (stale[0], stale[1]["code"]) == (409, "CONFLICT"), stale
    missing_note = decide(http, t["head"], "leave_decision", approved_id, "REJECT", version=2)
    assert (missing_note[0], missing_note[1]["code"]) == (400, "NOTE_REQUIRED")
    assert http.call("GET", f"/leave/{approved_id}", token=t["staff"])[1]["status"] == "PENDING_DECISION"
    status, decided = decide(http, t["head"], "leave_decision", approved_id, "APPROVE", note="Disetujui", version=2)
    assert status == 200, decided
    assert (decided["kind"], decided["id"], decided["status"]) == ("leave_decision", approved_id, "APPROVED")
    stored = http.call("GET", f"/leave/{approved_id}", token=t["staff"])[1]
    assert (stored["status"], stored["version"]) == ("APPROVED", 3)
    assert (stored["decision"]["by"], stored["decision"]["note"]) == (office["head"], "Disetujui")
    again = decide(http, t["head"], "leave_decision", approved_id, "APPROVE", version=3)
    assert (again[0], again[1]["code"]) == (409, "ALREADY_DECIDED")

    # the official's refusal needs its reason, keeps it, and frees the days
    later, _ = working_span(1, after=100)
    refused_id = http.call("POST", "/leave", application("ALASAN_PENTING", later, later), token=t["staff"])[1][
        "leave_id"
    ]
    assert decide(http, t["boss"], "leave_consideration", refused_id, "APPROVE", version=1)[0] == 200
    status, decided = decide(http, t["head"], "leave_decision", refused_id, "REJECT", note="Beban kerja", version=2)
    assert (status, decided["status"]) == (200, "REJECTED"), decided
    stored = http.call("GET", f"/leave/{refused_id}", token=t["staff"])[1]
    assert (stored["status"], stored["decision"]["by"], stored["decision"]["note"]) == (
        "REJECTED",
        office["head"],
        "Beban kerja",
    )
    assert http.call("POST", "/leave", application("ALASAN_PENTING", later, later), token=t["staff"])[0] == 201


def _annual(http, token: str, year: int) -> dict[str, Any]:
    status, balance = http.call("GET", f"/leave/balance?year={year}", token=token)
    assert status == 200, balance
    return balance["annual"]


def test_hr_sets_an_opening_balance_through_the_route(http, office):
    t, staff = office["tokens"], office["staff"]
    year = OPENING_YEAR + 1
    before = _annual(http, t["staff"], year)
    was = {row["year"]: row["remaining"] for row in before["years"]}[OPENING_YEAR]
    assert was != 3  # so that the change below shows
    path = f"/employees/{staff}/leave-opening"
    status, answer = http.call("PUT", path, {"year": OPENING_YEAR, "remaining": 3}, token=t["hr"])
    assert status == 200, answer
    after = _annual(http, t["staff"], year)
    assert answer["annual"] == after  # the answer is the balance the employee now sees
    assert {row["year"]: row["remaining"] for row in after["years"]}[OPENING_YEAR] == 3
    assert after["available"] - before["available"] == 3 - was
    # set again: the figure is replaced, not added to
    assert http.call("PUT", path, {"year": OPENING_YEAR, "remaining": 3}, token=t["hr"])[0] == 200
    assert _annual(http, t["staff"], year) == after
    # what the route refuses, and who may not
    for body, code in (
        ({"year": OPENING_YEAR, "remaining": 13}, "OUT_OF_RANGE"),
        ({"year": year, "remaining": 6}, "INVALID_YEAR"),
    ):
        status, refused = http.call("PUT", path, body, token=t["hr"])
        assert (status, refused["code"]) == (400, code), (body, refused)
    for role in ("staff", "boss", "numberer"):
        assert http.call("PUT", path, {"year": OPENING_YEAR, "remaining": 12}, token=t[role])[0] == 403, role
    assert _annual(http, t["staff"], year) == after


def test_a_numbering_officer_reads_a_leave_request_as_documented(http, office):
    """Hole 7's narrower view (no reason, no certificate) over HTTP: `http.call` checks it against the document."""
    t = office["tokens"]
    start, end = working_span(1, after=105)
    leave_id = http.call("POST", "/leave", application("ALASAN_PENTING", start, end), token=t["staff"])[1]["leave_id"]
    status, seen = http.call("GET", f"/leave/{leave_id}", token=t["numberer"])
    assert status == 200, seen
    assert (seen["leave_id"], seen["type"], seen["reason"], seen["attachment"]) == (
        leave_id,
        "ALASAN_PENTING",
        None,
        None,
    )
