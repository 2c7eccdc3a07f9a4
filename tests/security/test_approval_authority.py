"""Findings 1-3: no one decides their own work; delegation and supervision stay inside their rules."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from tests.support import attend, decide, decide_many, queue, report_body, today_wib


@pytest.fixture
def office(http, factory):
    """A supervisor, a deputy who is also their subordinate, and one more staff member."""
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="Kepala Seksi")
    deputy = factory.employee(skpd, supervisor=boss, name="Wakil Seksi")
    staff = factory.employee(skpd, supervisor=boss, name="Staf Seksi")
    today = today_wib()
    for nip in (deputy, staff):
        attend(nip, today)
    tokens = {nip: http.login(nip) for nip in (boss, deputy, staff)}
    return {"skpd": skpd, "boss": boss, "deputy": deputy, "staff": staff, "today": today, "tokens": tokens}


def _delegate(http, office, to: str, start=None, end=None, token=None):
    today = office["today"]
    body = {"delegate_nip": to, "start_date": str(start or today), "end_date": str(end or today + timedelta(days=3))}
    return http.call("POST", "/delegations", body, token=token or office["tokens"][office["boss"]])


def _file(http, office, nip: str, start: str = "08:00", end: str = "09:00") -> dict:
    status, report = http.call(
        "POST", "/reports", report_body(office["today"], start, end), token=office["tokens"][nip]
    )
    assert status == 201, report
    return report


# -- finding 1: self-approval through delegation ------------------------------------------------------


def test_a_delegate_cannot_decide_their_own_report(http, office):
    assert _delegate(http, office, office["deputy"])[0] == 201
    own = _file(http, office, office["deputy"])
    other = _file(http, office, office["staff"])
    deputy = office["tokens"][office["deputy"]]
    status, body = decide(http, deputy, "report", own["report_id"], "APPROVE", version=1)
    assert status == 403 and body["code"] == "SELF_DECISION", body
    status, bulk = decide_many(http, deputy, "report", [own["report_id"], other["report_id"]], "APPROVE")
    assert status == 200
    outcome = {r["id"]: r for r in bulk["results"]}
    assert (outcome[own["report_id"]]["outcome"], outcome[own["report_id"]]["code"]) == ("ERROR", "SELF_DECISION")
    assert (outcome[other["report_id"]]["outcome"], outcome[other["report_id"]]["status"]) == ("DECIDED", "APPROVED")
    assert http.call("GET", f"/reports/{own['report_id']}", token=deputy)[1]["status"] == "SUBMITTED"


def test_an_emailed_link_cannot_be_used_on_ones_own_report(http, office):
    from chalicelib.domain.decisions import Decision, Verdict
    from chalicelib.domain.errors import Forbidden
    from chalicelib.services import container

    assert _delegate(http, office, office["deputy"])[0] == 201
    own = _file(http, office, office["deputy"])
    with pytest.raises(Forbidden) as refused:
        container.decisions().decide_as(
            office["deputy"], "report", own["report_id"], Decision(Verdict.APPROVE, rating=5)
        )
    assert refused.value.code == "SELF_DECISION"
    # a link made out to the deputy for their own report is refused too, and decides nothing
    link = container.links().link("report", own["report_id"], office["deputy"], Verdict.APPROVE)
    path = "/decision-links/" + link.rsplit("/", 1)[1]
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    assert http.call("GET", path)[0] == 403
    assert http.call("POST", path, raw=b"rating=5", headers=form)[0] == 403
    assert http.call("GET", f"/reports/{own['report_id']}", token=office["tokens"][office["boss"]])[1]["status"] == (
        "SUBMITTED"
    )


# -- finding 2: who may delegate, to whom, how often ------------------------------------------------


def test_only_a_supervisor_may_delegate(http, office):
    status, body = _delegate(http, office, office["boss"], token=office["tokens"][office["staff"]])
    assert status == 403 and body["code"] == "NOT_A_SUPERVISOR", body
    assert http.call("GET", "/delegations", token=office["tokens"][office["staff"]])[1]["given"] == []


def test_overlapping_delegations_are_refused_and_adjacent_ones_accepted(http, office):
    today = office["today"]
    assert _delegate(http, office, office["deputy"], today, today + timedelta(days=3))[0] == 201
    status, body = _delegate(http, office, office["staff"], today + timedelta(days=3), today + timedelta(days=5))
    assert status == 409 and body["code"] == "DELEGATION_OVERLAP", body
    assert body["details"]["delegation_id"]
    assert _delegate(http, office, office["staff"], today + timedelta(days=4), today + timedelta(days=5))[0] == 201
    given = http.call("GET", "/delegations", token=office["tokens"][office["boss"]])[1]["given"]
    assert len(given) == 2


def test_racing_overlapping_delegations_leave_exactly_one(http, office, factory):
    others = [factory.employee(office["skpd"], name=f"Calon {n}") for n in range(6)]
    today = office["today"]
    start = threading.Barrier(len(others))  # every request leaves at the same moment, so they really overlap

    def attempt(nip: str) -> str:
        start.wait(timeout=30)
        status, body = _delegate(http, office, nip, today, today + timedelta(days=2))
        return "CREATED" if status == 201 else f"{status} {body['code']}"

    with ThreadPoolExecutor(len(others)) as pool:
        outcomes = list(pool.map(attempt, others))
    assert len(outcomes) == len(others), outcomes
    assert outcomes.count("CREATED") == 1, outcomes
    assert outcomes.count("409 DELEGATION_OVERLAP") == len(others) - 1, outcomes
    given = http.call("GET", "/delegations", token=office["tokens"][office["boss"]])[1]["given"]
    assert len(given) == 1, given


def test_a_delegate_in_another_skpd_needs_the_admin(http, office, factory):
    outsider = factory.employee(factory.skpd(), name="Orang Luar")
    status, body = _delegate(http, office, outsider)
    assert status == 403 and body["code"] == "DELEGATE_OTHER_SKPD", body
    admin = http.login(factory.employee(factory.skpd(), roles=("ADMIN",)))
    today = office["today"]
    body = {
        "delegator_nip": office["boss"],
        "delegate_nip": outsider,
        "start_date": str(today),
        "end_date": str(today + timedelta(days=1)),
    }
    status, created = http.call("POST", "/delegations", body, token=admin)
    assert status == 201 and created["created_by"] != office["boss"], created
    report = _file(http, office, office["staff"])
    status, decided = decide(http, http.login(outsider), "report", report["report_id"], "APPROVE", version=1)
    assert status == 200 and decided["detail"]["decided_for"] == office["boss"], decided


def test_every_delegation_is_in_both_peoples_history(http, office):
    status, created = _delegate(http, office, office["deputy"])
    assert status == 201
    boss, deputy = office["tokens"][office["boss"]], office["tokens"][office["deputy"]]
    assert http.call("DELETE", f"/delegations/{created['delegation_id']}", token=boss)[0] == 204
    mine = http.call("GET", f"/employees/{office['boss']}/history", token=boss)[1]["items"]
    theirs = http.call("GET", f"/employees/{office['deputy']}/history", token=deputy)[1]["items"]
    assert [e["kind"] for e in mine][:2] == ["DELEGATION_ENDED", "DELEGATION_GIVEN"]
    assert [e["kind"] for e in theirs][:2] == ["DELEGATION_ENDED", "DELEGATION_RECEIVED"]
    assert theirs[1]["details"]["delegation_id"] == created["delegation_id"]
    assert theirs[1]["details"]["delegator_nip"] == office["boss"]
    # nobody else reads a person's history
    assert http.call("GET", f"/employees/{office['boss']}/history", token=office["tokens"][office["staff"]])[0] == 403


# -- finding 3: authority across SKPD ---------------------------------------------------------------


def test_an_operator_cannot_make_an_outsider_the_supervisor(http, office, factory):
    outsider = factory.employee(factory.skpd(), name="Atasan Luar")
    operator = http.login(factory.employee(office["skpd"], roles=("OPERATOR_SKPD",)))
    staff = office["staff"]
    status, body = http.call("PUT", f"/employees/{staff}/supervisor", {"supervisor_nip": outsider}, token=operator)
    assert status == 403 and body["code"] == "CROSS_SKPD_SUPERVISOR", body
    version = http.call("GET", f"/employees/{staff}", token=operator)[1]["version"]
    status, body = http.call(
        "PATCH", f"/employees/{staff}", {"supervisor_nip": outsider, "version": version}, token=operator
    )
    assert status == 403 and body["code"] == "CROSS_SKPD_SUPERVISOR", body
    assert http.call("GET", f"/employees/{staff}", token=operator)[1]["supervisor_nip"] == office["boss"]
    report = _file(http, office, staff)
    outsider_token = http.login(outsider)
    assert http.call("GET", f"/reports/{report['report_id']}", token=outsider_token)[0] == 403


def test_the_admin_sets_a_cross_skpd_supervisor_and_it_is_recorded(http, office, factory):
    sekda_skpd = factory.skpd()
    sekda = factory.employee(sekda_skpd, name="Sekretaris Daerah")
    admin_nip = factory.employee(factory.skpd(), roles=("ADMIN",))
    admin = http.login(admin_nip)
    status, body = http.call("PUT", f"/employees/{office['boss']}/supervisor", {"supervisor_nip": sekda}, token=admin)
    assert status == 200 and body["supervisor_nip"] == sekda, body
    for nip in (office["boss"], sekda):
        entry = http.call("GET", f"/employees/{nip}/history", token=admin)[1]["items"][0]
        assert entry["kind"] == "SUPERVISOR_CROSS_SKPD" and entry["by"] == admin_nip, entry
        assert entry["details"]["employee_nip"] == office["boss"] and entry["details"]["supervisor_nip"] == sekda
        assert entry["details"]["supervisor_skpd_id"] == sekda_skpd[0]


def test_an_employee_without_staff_or_delegation_has_no_queue(http, office):
    staff = office["tokens"][office["staff"]]
    for kind in ("report", "leave_consideration", "leave_decision"):
        status, body = queue(http, staff, kind)
        assert (status, body["code"]) == (403, "NOT_A_VERIFIER"), kind
    status, body = decide_many(http, staff, "report", ["0" * 32], "APPROVE")
    assert (status, body["code"]) == (403, "NOT_A_VERIFIER")
    assert http.call("GET", "/me/inbox", token=staff)[1] == {"total": 0, "kinds": [], "tasks": []}
    # nor any HR or numbering queue without the role
    for kind in ("complaint", "record", "document", "leave_number"):
        assert queue(http, staff, kind)[0] == 403, kind
        assert decide_many(http, staff, kind, ["0" * 32], "APPROVE")[0] == 403, kind
    assert queue(http, office["tokens"][office["boss"]], "report")[0] == 200
    assert _delegate(http, office, office["staff"])[0] == 201
    assert decide_many(http, staff, "report", ["0" * 32], "APPROVE")[0] == 200
    assert queue(http, staff, "report", for_=office["boss"])[0] == 200
    assert "report" in {k["kind"] for k in http.call("GET", "/me/inbox", token=staff)[1]["kinds"]}
