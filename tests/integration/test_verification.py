"""The supervisor's queue of reports, decisions by delegates, bulk approval, and the 7-day auto-approval (through the
one decision scheme, docs/verification.md)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.support import attend, decide, decide_many, queue, report_body, today_wib


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
    status, waiting = queue(http, boss, "report", limit=2)
    assert (
        status == 200
        and waiting["count"] == 3
        and (waiting["kind"], waiting["label"])
        == (
            "report",
            "Laporan kegiatan",
        )
    )
    assert [r["id"] for r in waiting["items"]] == [first["report_id"], second["report_id"]]
    assert waiting["items"][0]["employee"] == {"nip": team["staff"][0], "name": "Staf 0", "jabatan": "Analis"}
    item = waiting["items"][0]
    assert (item["kind"], item["version"], item["status"], item["title"]) == (
        "report",
        1,
        "SUBMITTED",
        "Menyusun laporan bulanan",
    )
    assert item["verdicts"] == ["APPROVE", "REJECT"] and item["rating"] is True
    assert item["date"] == str(team["today"]) and item["detail"]["report_id"] == first["report_id"]
    assert item["summary"][0] == {"label": "Waktu", "value": "08.00–09.00 WIB"}  # the employee's zone, as on screens
    rest = queue(http, boss, "report", cursor=waiting["next_cursor"])[1]
    assert [r["id"] for r in rest["items"]] == [third["report_id"]]
    assert decide(http, boss, "report", first["report_id"], "APPROVE", version=1)[0] == 200
    assert queue(http, boss, "report")[1]["count"] == 2
    # someone without staff or a delegation has no queue at all (issue 12: 403, not an empty 200)
    status, error = queue(http, team["tokens"][team["deputy"]], "report")
    assert (status, error["code"]) == (403, "NOT_A_VERIFIER")


def test_delegate_decides_on_behalf_while_the_delegation_lasts(http, team):
    report = _file(http, team, 0)
    boss, deputy = team["tokens"][team["boss"]], team["tokens"][team["deputy"]]
    reject = {"note": "Lengkapi uraian", "version": 1}
    assert decide(http, deputy, "report", report["report_id"], "REJECT", **reject)[0] == 403
    assert queue(http, deputy, "report", for_=team["boss"])[0] == 403
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
    inbox = http.call("GET", "/me/inbox", token=deputy)[1]
    assert inbox == {
        "total": 1,
        "kinds": [
            {
                "kind": "report",
                "label": "Laporan kegiatan",
                "count": 1,
                "delegated": [{"nip": team["boss"], "count": 1}],
            },
            {"kind": "leave_consideration", "label": "Pertimbangan cuti", "count": 0, "delegated": []},
            {"kind": "leave_decision", "label": "Keputusan cuti", "count": 0, "delegated": []},
            {"kind": "permission", "label": "Izin", "count": 0, "delegated": []},
            {"kind": "skp", "label": "SKP", "count": 0, "delegated": []},
            {"kind": "assessment_ack", "label": "Penilaian triwulan", "count": 0, "delegated": []},
        ],
        "tasks": [],
    }
    waiting = queue(http, deputy, "report", for_=team["boss"])[1]
    assert [r["id"] for r in waiting["items"]] == [report["report_id"]]
    status, decided = decide(http, deputy, "report", report["report_id"], "REJECT", **reject)
    assert status == 200 and (decided["status"], decided["verdicts"]) == ("REJECTED", [])
    assert decided["detail"]["decided_by"] == team["deputy"] and decided["detail"]["decided_for"] == team["boss"]
    history = http.call("GET", f"/reports/{report['report_id']}", token=boss)[1]["history"]
    assert history[-1]["changes"]["on_behalf_of"] == [None, team["boss"]]
    assert http.call("GET", "/delegations", token=boss)[1]["given"][0]["delegate_nip"] == team["deputy"]
    assert http.call("DELETE", f"/delegations/{delegation['delegation_id']}", token=boss)[0] == 204
    second = _file(http, team, 1)
    assert decide(http, deputy, "report", second["report_id"], "APPROVE", version=1)[0] == 403
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
    assert decide(http, team["tokens"][team["deputy"]], "report", report["report_id"], "APPROVE", version=1)[0] == 403


def test_decision_rules(http, team):
    report = _file(http, team, 0)
    boss, rid = team["tokens"][team["boss"]], report["report_id"]
    path = f"/verifications/report/{rid}"
    for body, code in (
        ({"verdict": "MAYBE", "version": 1}, "INVALID_VERDICT"),
        ({"verdict": "DEFER", "note": "Nanti", "version": 1}, "INVALID_VERDICT"),  # not a report's verdict
        ({"verdict": "REVOKE", "note": "Batal", "version": 1}, "INVALID_VERDICT"),
        ({"verdict": "APPROVE", "rating": 6, "version": 1}, "INVALID_RATING"),
        ({"verdict": "APPROVE", "rating": True, "version": 1}, "INVALID_TYPE"),
        ({"verdict": "REJECT", "note": "  ", "version": 1}, "NOTE_REQUIRED"),
        ({"verdict": "REJECT", "version": 1}, "NOTE_REQUIRED"),
        ({"verdict": "APPROVE", "version": "1"}, "INVALID_TYPE"),
    ):
        status, error = http.call("POST", path, body, token=boss)
        assert (status, error["code"]) == (400, code), body
    status, error = http.call("POST", path, {"verdict": "APPROVE", "version": 9}, token=boss)
    assert (status, error["code"]) == (409, "CONFLICT")
    status, decided = http.call("POST", path, {"verdict": "approve", "rating": 4, "version": 1}, token=boss)
    assert status == 200 and (decided["status"], decided["version"], decided["detail"]["rating"]) == ("APPROVED", 2, 4)
    # decided once: the version no longer matters, the item no longer waits (was REPORT_LOCKED)
    for version in ({"version": 2}, {}):
        status, error = http.call("POST", path, {"verdict": "APPROVE", **version}, token=boss)
        assert (status, error["code"]) == (409, "ALREADY_DECIDED"), version


def test_bulk_approve_reports_each_outcome(http, team, factory):
    boss = team["tokens"][team["boss"]]
    mine = [_file(http, team, n) for n in range(3)]
    assert decide(http, boss, "report", mine[2]["report_id"], "APPROVE", version=1)[0] == 200
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
    status, result = decide_many(http, boss, "report", ids, "APPROVE", rating=4)
    assert status == 200 and (result["decided"], result["failed"]) == (2, 3)
    outcome = {r["id"]: r.get("code") or r["status"] for r in result["results"]}
    assert outcome == {
        mine[0]["report_id"]: "APPROVED",
        mine[1]["report_id"]: "APPROVED",
        mine[2]["report_id"]: "ALREADY_DECIDED",
        foreign["report_id"]: "FORBIDDEN",
        "tidakada": "REPORT_NOT_FOUND",
    }
    assert {r["outcome"] for r in result["results"] if r["id"] in ids[:2]} == {"DECIDED"}
    assert all(r["version"] == 2 for r in result["results"] if r["outcome"] == "DECIDED")
    assert (
        http.call("GET", f"/reports/{mine[1]['report_id']}", token=team["tokens"][team["staff"][1]])[1]["rating"] == 4
    )
    assert _status(foreign["report_id"]) == "SUBMITTED"
    # a stale version fails that item alone
    fresh = _file(http, team, 0, "10:00", "11:00")
    status, result = decide_many(http, boss, "report", [(fresh["report_id"], 7)], "APPROVE")
    assert result["results"][0]["code"] == "CONFLICT" and _status(fresh["report_id"]) == "SUBMITTED"
    item = {"id": "a"}
    for bad, code in (
        ({"items": [], "verdict": "APPROVE"}, None),
        ({"items": "x", "verdict": "APPROVE"}, None),
        ({"items": [item] * 51, "verdict": "APPROVE"}, None),
        ({"items": [item], "verdict": "APPROVE", "rating": 0}, "INVALID_RATING"),
        ({"items": [item], "verdict": "REJECT"}, "NOTE_REQUIRED"),
        ({"items": [item], "verdict": "DEFER", "note": "x"}, "INVALID_VERDICT"),
        ({"items": [item]}, None),
    ):
        status, error = http.call("POST", "/verifications/report", bad, token=boss)
        assert status == 400 and (code is None or error["code"] == code), bad


def _status(report_id: str) -> str:
    from chalicelib.store.models import ReportItem

    return ReportItem.get(report_id, consistent_read=True).status


def test_auto_approval_after_seven_days_with_a_controlled_clock(http, team, monkeypatch):
    from chalicelib.services import container

    early = _file(http, team, 0, "08:00", "09:00")
    decided_meanwhile = _file(http, team, 1, "08:00", "09:00")
    edited_meanwhile = _file(http, team, 2, "08:00", "09:00")
    mine = [early["report_id"], decided_meanwhile["report_id"], edited_meanwhile["report_id"]]
    now = container.utc_now()
    clock = [now + timedelta(days=6, hours=23, minutes=59)]
    services = container.production(clock=lambda: clock[0])
    service, log = services.verification, []

    def sweep():
        return service.auto_approve(lambda message, **extra: log.append((message, extra)))

    sweep()
    assert [_status(r) for r in mine] == ["SUBMITTED"] * 3

    repository = services.repositories.reports  # the one the sweep reads
    real_overdue = repository.overdue

    def overdue_then_people_act(before):
        found = real_overdue(before)  # the sweep has read these as SUBMITTED …
        boss, staff = team["tokens"][team["boss"]], team["tokens"][team["staff"][2]]
        assert decide(http, boss, "report", mine[1], "REJECT", note="Kurang", version=1)[0] == 200
        assert http.call("PATCH", f"/reports/{mine[2]}", {"title": "Diperbaiki", "version": 1}, token=staff)[0] == 200
        return found  # … and now writes on stale versions

    monkeypatch.setattr(repository, "overdue", overdue_then_people_act)
    clock[0] = now + timedelta(days=7, minutes=1)
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
