"""The supervisor's queue, decisions by delegates, bulk approval, and the 7-day auto-approval."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.support import attend, report_body, today_wib


@pytest.fixture
def team(http, factory):
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="Kepala Bidang")
    deputy = factory.employee(skpd, name="Wakil Kepala")
    staff = [factory.employee(skpd, supervisor=boss, name=f"Staf {n}") for n in range(3)]
    today = today_wib()
    for nip in staff:
        attend(nip, today)
    return {
        "skpd": skpd,
        "boss": boss,
        "deputy": deputy,
        "staff": staff,
        "today": today,
        "tokens": {nip: http.login(nip) for nip in [boss, deputy, *staff]},
    }


def _file(http, team, who: int, start: str = "08:00", end: str = "09:00") -> dict:
    nip = team["staff"][who]
    status, report = http.call("POST", "/reports", report_body(team["today"], start, end), token=team["tokens"][nip])
    assert status == 201, report
    return report


def test_queue_oldest_first_with_employee_details_and_count(http, team):
    first = _file(http, team, 0)
    second = _file(http, team, 1)
    third = _file(http, team, 2)
    boss = team["tokens"][team["boss"]]
    status, queue = http.call("GET", "/verification/queue?limit=2", token=boss)
    assert status == 200 and queue["count"] == 3
    assert [r["report_id"] for r in queue["items"]] == [first["report_id"], second["report_id"]]
    assert queue["items"][0]["employee"] == {"nip": team["staff"][0], "name": "Staf 0", "jabatan": "Analis"}
    rest = http.call("GET", f"/verification/queue?cursor={queue['next_cursor']}", token=boss)[1]
    assert [r["report_id"] for r in rest["items"]] == [third["report_id"]]
    http.call("POST", f"/reports/{first['report_id']}/decision", {"decision": "APPROVED", "version": 1}, token=boss)
    assert http.call("GET", "/verification/queue", token=boss)[1]["count"] == 2
    # someone without staff or a delegation has no queue at all (issue 12: 403, not an empty 200)
    assert http.call("GET", "/verification/queue", token=team["tokens"][team["deputy"]])[0] == 403


def test_delegate_decides_on_behalf_while_the_delegation_lasts(http, team):
    report = _file(http, team, 0)
    boss, deputy = team["tokens"][team["boss"]], team["tokens"][team["deputy"]]
    decision = {"decision": "REJECTED", "note": "Lengkapi uraian", "version": 1}
    assert http.call("POST", f"/reports/{report['report_id']}/decision", decision, token=deputy)[0] == 403
    assert http.call("GET", f"/verification/queue?for={team['boss']}", token=deputy)[0] == 403
    today = team["today"]
    status, delegation = http.call(
        "POST",
        "/delegations",
        {
            "delegate_nip": team["deputy"],
            "start_date": str(today),
            "end_date": str(today + timedelta(days=3)),
            "reason": "Dinas luar",
        },
        token=boss,
    )
    assert status == 201, delegation
    summary = http.call("GET", "/verification/summary", token=deputy)[1]["queues"]
    assert summary == [
        {"supervisor_nip": team["deputy"], "count": 0, "delegated": False},
        {"supervisor_nip": team["boss"], "count": 1, "delegated": True},
    ]
    queue = http.call("GET", f"/verification/queue?for={team['boss']}", token=deputy)[1]
    assert [r["report_id"] for r in queue["items"]] == [report["report_id"]]
    status, decided = http.call("POST", f"/reports/{report['report_id']}/decision", decision, token=deputy)
    assert status == 200 and decided["decided_by"] == team["deputy"] and decided["decided_for"] == team["boss"]
    assert decided["history"][-1]["changes"]["on_behalf_of"] == [None, team["boss"]]
    assert http.call("GET", "/delegations", token=boss)[1]["given"][0]["delegate_nip"] == team["deputy"]
    assert http.call("DELETE", f"/delegations/{delegation['delegation_id']}", token=boss)[0] == 204
    second = _file(http, team, 1)
    assert (
        http.call(
            "POST", f"/reports/{second['report_id']}/decision", {"decision": "APPROVED", "version": 1}, token=deputy
        )[0]
        == 403
    )
    assert http.call("DELETE", f"/delegations/{delegation['delegation_id']}", token=boss)[0] == 404


def test_delegation_rules(http, team):
    boss, today = team["tokens"][team["boss"]], team["today"]

    def ask(**body):
        base = {"delegate_nip": team["deputy"], "start_date": str(today), "end_date": str(today)}
        return http.call("POST", "/delegations", {**base, **body}, token=boss)

    assert ask(delegate_nip=team["boss"])[1]["code"] == "INVALID_DELEGATE"
    assert ask(end_date=str(today - timedelta(days=1)))[1]["code"] == "INVALID_DATE_RANGE"
    assert (
        ask(start_date=str(today - timedelta(days=5)), end_date=str(today - timedelta(days=1)))[1]["code"]
        == "DELEGATION_IN_PAST"
    )
    assert ask(end_date=str(today + timedelta(days=90)))[1]["code"] == "DELEGATION_TOO_LONG"
    assert ask(delegate_nip="198503152010011999")[1]["code"] == "EMPLOYEE_NOT_FOUND"
    # a delegation that starts tomorrow gives nothing today
    ask(start_date=str(today + timedelta(days=1)), end_date=str(today + timedelta(days=2)))
    report = _file(http, team, 2)
    decision = {"decision": "APPROVED", "version": 1}
    assert (
        http.call("POST", f"/reports/{report['report_id']}/decision", decision, token=team["tokens"][team["deputy"]])[0]
        == 403
    )


def test_decision_rules(http, team):
    report = _file(http, team, 0)
    boss, rid = team["tokens"][team["boss"]], report["report_id"]
    for body, code in (
        ({"decision": "MAYBE", "version": 1}, "INVALID_DECISION"),
        ({"decision": "APPROVED", "rating": 6, "version": 1}, "INVALID_RATING"),
        ({"decision": "APPROVED", "rating": True, "version": 1}, "INVALID_TYPE"),
        ({"decision": "REJECTED", "note": "  ", "version": 1}, "NOTE_REQUIRED"),
        ({"decision": "APPROVED"}, "VERSION_REQUIRED"),
    ):
        assert http.call("POST", f"/reports/{rid}/decision", body, token=boss)[1]["code"] == code, body
    assert http.call("POST", f"/reports/{rid}/decision", {"decision": "APPROVED", "version": 9}, token=boss)[0] == 409
    assert (
        http.call("POST", f"/reports/{rid}/decision", {"decision": "approved", "rating": 4, "version": 1}, token=boss)[
            0
        ]
        == 200
    )
    status, error = http.call("POST", f"/reports/{rid}/decision", {"decision": "APPROVED", "version": 2}, token=boss)
    assert (status, error["code"]) == (409, "REPORT_LOCKED")


def test_bulk_approve_reports_each_outcome(http, team, factory):
    mine = [_file(http, team, n) for n in range(3)]
    http.call(
        "POST",
        f"/reports/{mine[2]['report_id']}/decision",
        {"decision": "APPROVED", "version": 1},
        token=team["tokens"][team["boss"]],
    )
    outsider_skpd = factory.skpd()
    other_boss = factory.employee(outsider_skpd)
    other = factory.employee(outsider_skpd, supervisor=other_boss)
    attend(other, team["today"])
    foreign = http.call("POST", "/reports", report_body(team["today"]), token=http.login(other))[1]
    ids = [
        mine[0]["report_id"],
        mine[1]["report_id"],
        mine[2]["report_id"],
        foreign["report_id"],
        "tidakada",
        mine[0]["report_id"],
    ]
    status, result = http.call(
        "POST", "/verification/bulk-approve", {"report_ids": ids, "rating": 4}, token=team["tokens"][team["boss"]]
    )
    assert status == 200 and (result["approved"], result["failed"]) == (2, 3)
    outcome = {r["report_id"]: r.get("code", r["status"]) for r in result["results"]}
    assert outcome == {
        mine[0]["report_id"]: "APPROVED",
        mine[1]["report_id"]: "APPROVED",
        mine[2]["report_id"]: "REPORT_LOCKED",
        foreign["report_id"]: "FORBIDDEN",
        "tidakada": "REPORT_NOT_FOUND",
    }
    assert (
        http.call("GET", f"/reports/{mine[1]['report_id']}", token=team["tokens"][team["staff"][1]])[1]["rating"] == 4
    )
    for bad in (
        {"report_ids": []},
        {"report_ids": "x"},
        {"report_ids": ["a"] * 51},
        {"report_ids": ["a"], "rating": 0},
    ):
        assert http.call("POST", "/verification/bulk-approve", bad, token=team["tokens"][team["boss"]])[0] == 400


def _status(report_id: str) -> str:
    from chalicelib.store.models import ReportItem

    return ReportItem.get(report_id, consistent_read=True).status


def test_auto_approval_after_seven_days_with_a_controlled_clock(http, team, monkeypatch):
    from chalicelib.services import container

    early = _file(http, team, 0, "08:00", "09:00")
    decided_meanwhile = _file(http, team, 1, "08:00", "09:00")
    edited_meanwhile = _file(http, team, 2, "08:00", "09:00")
    mine = [early["report_id"], decided_meanwhile["report_id"], edited_meanwhile["report_id"]]
    service = container.verification()
    now = container.utc_now()
    log: list = []

    def sweep():
        return service.auto_approve(lambda message, **extra: log.append((message, extra)))

    monkeypatch.setattr(service, "_clock", lambda: now + timedelta(days=6, hours=23, minutes=59))
    sweep()
    assert [_status(r) for r in mine] == ["SUBMITTED"] * 3

    repository = service._repository
    real_overdue = repository.overdue

    def overdue_then_people_act(before):
        found = real_overdue(before)  # the sweep has read these as SUBMITTED …
        boss, staff = team["tokens"][team["boss"]], team["tokens"][team["staff"][2]]
        reject = {"decision": "REJECTED", "note": "Kurang", "version": 1}
        assert http.call("POST", f"/reports/{mine[1]}/decision", reject, token=boss)[0] == 200
        assert http.call("PATCH", f"/reports/{mine[2]}", {"title": "Diperbaiki", "version": 1}, token=staff)[0] == 200
        return found  # … and now writes on stale versions

    monkeypatch.setattr(repository, "overdue", overdue_then_people_act)
    monkeypatch.setattr(service, "_clock", lambda: now + timedelta(days=7, minutes=1))
    result = sweep()
    assert result["approved"] >= 1 and result["skipped"] >= 2
    assert [_status(r) for r in mine] == ["APPROVED", "REJECTED", "SUBMITTED"]
    report = http.call("GET", f"/reports/{mine[0]}", token=team["tokens"][team["staff"][0]])[1]
    assert report["decided_by"] == "SYSTEM" and report["history"][-1]["action"] == "AUTO_APPROVED"
    edited = http.call("GET", f"/reports/{mine[2]}", token=team["tokens"][team["staff"][2]])[1]
    assert edited["title"] == "Diperbaiki"
    assert sum("changed meanwhile" in message for message, _ in log) >= 2
    # the next sweep approves the edited one (an edit does not restart the 7 days) and keeps the edit
    monkeypatch.setattr(repository, "overdue", real_overdue)
    sweep()
    assert [_status(r) for r in mine] == ["APPROVED", "REJECTED", "APPROVED"]
    edited = http.call("GET", f"/reports/{mine[2]}", token=team["tokens"][team["staff"][2]])[1]
    assert edited["title"] == "Diperbaiki" and edited["decided_by"] == "SYSTEM"
