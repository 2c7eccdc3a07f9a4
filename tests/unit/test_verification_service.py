"""Verification of reports through the one decision mechanism (`DecisionService` with the `report` kind) and the
`VerificationService` (delegation, auto-approval), on the in-memory repositories with a fixed clock."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from chalicelib.domain.decisions import Decision, Verdict
from chalicelib.domain.errors import Conflict, Forbidden, ValidationError
from chalicelib.domain.identity import TimeZone
from chalicelib.schemas.base import validate
from chalicelib.schemas.decisions import BulkDecisionInput
from tests.support import payload, verification_query
from tests.unit.world import Clock, World, actor, at, body

#: Monday 9 March 2026, 10:00 WIB
NOW = at("2026-03-09 03:00")
TODAY = date(2026, 3, 9)
DAY = timedelta(days=1)


@pytest.fixture
def world() -> World:
    return World(Clock(NOW))


@pytest.fixture
def team(world):
    """A supervisor with two staff, a deputy in the same SKPD who reports to them too, and an outsider."""
    boss = world.person(name="Andi")
    staff = [world.person(supervisor=boss, name=name) for name in ("Dewi", "Agus")]
    deputy = world.person(supervisor=boss, name="Budi")
    other_boss = world.person(name="Sari")
    outsider = world.person(supervisor=other_boss, name="Maria")
    for person in (*staff, deputy, outsider):
        world.attend(person, TODAY)
    return {"boss": boss, "staff": staff, "deputy": deputy, "other_boss": other_boss, "outsider": outsider}


def _file(world, employee, start: str = "08:00", end: str = "09:00") -> dict:
    return world.reports.create(actor(employee), body(TODAY, start, end))


def _delegate(world, boss, deputy, start: date, end: date) -> dict:
    request = {"delegate_nip": deputy.nip, "start_date": start.isoformat(), "end_date": end.isoformat()}
    return world.verification.delegate(actor(boss), payload("DelegationInput", request))


def _approve(world, who, report: dict) -> dict:
    """The decided report as a queue item (its own view in ``detail``)."""
    return world.decisions.decide(actor(who), "report", report["report_id"], Decision(Verdict.APPROVE, version=1))


def _code(call, error=Forbidden) -> str:
    with pytest.raises(error) as refused:
        call()
    return refused.value.code


def test_the_supervisor_decides_and_the_decision_is_recorded(world, team):
    report = _file(world, team["staff"][0])
    decided = world.decisions.decide(
        actor(team["boss"]), "report", report["report_id"], Decision(Verdict.APPROVE, rating=5, version=1)
    )
    assert (decided["kind"], decided["id"], decided["version"]) == ("report", report["report_id"], 2)
    assert (decided["status"], decided["verdicts"], decided["employee"]["name"]) == ("APPROVED", [], "Dewi")
    view = decided["detail"]
    assert (view["status"], view["rating"], view["decided_by"]) == ("APPROVED", 5, team["boss"].nip)
    assert view["decided_for"] is None and view["decided_at"] == NOW.isoformat()
    assert _code(lambda: _approve(world, team["boss"], report), Conflict) == "ALREADY_DECIDED"
    again = Decision(Verdict.REJECT, "x", version=2)
    decide_again = lambda: world.decisions.decide(actor(team["boss"]), "report", report["report_id"], again)  # noqa: E731
    assert _code(decide_again, Conflict) == "ALREADY_DECIDED"
    edited = _file(world, team["staff"][1])
    world.reports.update(
        actor(team["staff"][1]), edited["report_id"], payload("ReportPatch", title="Judul baru", version=1)
    )
    assert _code(lambda: _approve(world, team["boss"], edited), Conflict) == "CONFLICT"  # version 1 is gone
    assert _code(lambda: _approve(world, team["other_boss"], edited)) == "FORBIDDEN"


def test_nobody_decides_about_their_own_report(world, team):
    boss = team["boss"]
    world.attend(boss, TODAY)
    own = world.reports.create(actor(boss), body(TODAY))
    assert _code(lambda: _approve(world, boss, own)) == "FORBIDDEN"  # not their own supervisor
    _delegate(world, boss, team["deputy"], TODAY, TODAY)
    deputy_own = _file(world, team["deputy"])
    assert _code(lambda: _approve(world, team["deputy"], deputy_own)) == "SELF_DECISION"


def test_a_delegate_decides_only_while_the_delegation_is_active(world, team):
    boss, deputy = team["boss"], team["deputy"]
    _delegate(world, boss, deputy, TODAY + DAY, TODAY + 2 * DAY)
    first, second = _file(world, team["staff"][0]), _file(world, team["staff"][1])
    for_boss = verification_query("report", {"for": boss.nip, "limit": 10})
    queue_for_boss = lambda: world.decisions.queue(actor(deputy), for_boss)  # noqa: E731
    assert _code(lambda: _approve(world, deputy, first)) == "FORBIDDEN"  # not yet
    assert _code(queue_for_boss) == "FORBIDDEN"
    world.clock.advance(days=1)
    assert queue_for_boss()["count"] == 2
    decided = _approve(world, deputy, first)["detail"]
    assert (decided["decided_by"], decided["decided_for"]) == (deputy.nip, boss.nip)
    history = world.reports.get(actor(boss), first["report_id"])["history"][-1]
    assert history["changes"] == {"status": ["SUBMITTED", "APPROVED"], "on_behalf_of": [None, boss.nip]}
    world.clock.now = at("2026-03-11 16:00")  # the last day, 23:00 in Jakarta: still active
    inbox = world.decisions.inbox(actor(deputy))  # every kind a supervisor decides, the report one with work
    assert inbox["total"] == 1 and [k["kind"] for k in inbox["kinds"]][:1] == ["report"]
    assert inbox["kinds"][0] == {
        "kind": "report",
        "label": "Laporan kegiatan",
        "count": 1,
        "delegated": [{"nip": boss.nip, "count": 1}],
    }
    world.clock.now = at("2026-03-11 17:00")  # midnight in Jakarta: it has ended
    assert _code(lambda: _approve(world, deputy, second)) == "FORBIDDEN"
    assert _code(queue_for_boss) == "FORBIDDEN"
    assert world.decisions.inbox(actor(deputy)) == {
        "total": 0,
        "kinds": [],
        "tasks": [],
    }  # no staff, no delegation left
    assert _approve(world, boss, second)["detail"]["decided_for"] is None  # the supervisor never lost the right


def test_the_delegation_window_follows_the_delegate_s_zone(world, team):
    boss = team["boss"]
    deputy = world.person(TimeZone.WIT, supervisor=boss, name="Yohanes")
    _delegate(world, boss, deputy, TODAY + DAY, TODAY + DAY)
    report = _file(world, team["staff"][0])
    world.clock.now = at("2026-03-09 15:30")  # 22:30 in Jakarta, but 00:30 on 10 March in Jayapura
    assert _approve(world, deputy, report)["detail"]["decided_for"] == boss.nip


def test_bulk_approval_answers_each_item_on_its_own(world, team):
    boss, deputy = team["boss"], team["deputy"]
    _delegate(world, boss, deputy, TODAY, TODAY + DAY)
    waiting = _file(world, team["staff"][0])
    decided = _approve(world, boss, _file(world, team["staff"][1]))
    foreign = _file(world, team["outsider"])
    own = _file(world, deputy)
    ids = [waiting["report_id"], waiting["report_id"], "f" * 32, "bukan-id", "123", foreign["report_id"]]
    ids += [decided["id"], own["report_id"]]
    result = world.decisions.decide_many(
        actor(deputy), "report", [(i, None) for i in ids], Decision(Verdict.APPROVE, rating=4)
    )
    outcomes = [(r["id"], r["outcome"], r.get("status") or r.get("code")) for r in result["results"]]
    assert outcomes == [
        (waiting["report_id"], "DECIDED", "APPROVED"),
        ("f" * 32, "ERROR", "REPORT_NOT_FOUND"),
        ("bukan-id", "ERROR", "REPORT_NOT_FOUND"),
        ("123", "ERROR", "REPORT_NOT_FOUND"),
        (foreign["report_id"], "ERROR", "FORBIDDEN"),
        (decided["id"], "ERROR", "ALREADY_DECIDED"),
        (own["report_id"], "ERROR", "SELF_DECISION"),
    ]
    assert (result["decided"], result["failed"]) == (1, 6)
    assert result["results"][0]["version"] == 2
    approved = world.reports.get(actor(boss), waiting["report_id"])
    assert (approved["status"], approved["rating"], approved["decided_for"]) == ("APPROVED", 4, boss.nip)
    assert world.reports.get(actor(team["outsider"]), foreign["report_id"])["status"] == "SUBMITTED"


@pytest.mark.parametrize(
    ("items", "code"),
    [
        ([], "VALIDATION_ERROR"),  # rule too_short
        ("abc", "INVALID_TYPE"),
        ([{"id": 123}], "INVALID_TYPE"),  # an id is text; the service is never handed a number
        ([{"id": "a"}] * 51, "TOO_MANY_ITEMS"),
    ],
)
def test_bulk_approval_refuses_a_malformed_list(items, code):
    """The list's shape is checked at the HTTP edge, by the one bulk model of every kind."""
    request = {"items": items, "verdict": "APPROVE"}
    assert _code(lambda: validate(BulkDecisionInput, request), ValidationError) == code


def test_bulk_approval_refuses_more_than_fifty_items_in_the_service_too(world, team):
    many = [(f"{n:032x}", None) for n in range(51)]
    call = lambda: world.decisions.decide_many(actor(team["boss"]), "report", many, Decision(Verdict.APPROVE))  # noqa: E731
    assert _code(call, ValidationError) == "TOO_MANY_ITEMS"


def test_auto_approval_comes_at_exactly_seven_days(world, team):
    report = _file(world, team["staff"][0])
    log: list[tuple] = []
    world.clock.now = NOW + 7 * DAY - timedelta(seconds=1)
    assert world.verification.auto_approve(lambda *a, **k: log.append(a)) == {"approved": 0, "skipped": 0}
    world.clock.now = NOW + 7 * DAY
    assert world.verification.auto_approve(lambda *a, **k: log.append(a)) == {"approved": 1, "skipped": 0}
    approved = world.reports.get(actor(team["boss"]), report["report_id"])
    assert (approved["status"], approved["decided_by"], approved["decided_at"]) == (
        "APPROVED",
        "SYSTEM",
        (NOW + 7 * DAY).isoformat(),
    )
    assert approved["history"][-1]["action"] == "AUTO_APPROVED"
    assert world.verification.auto_approve(lambda *a, **k: log.append(a)) == {"approved": 0, "skipped": 0}
    assert log == []


def test_a_decision_landing_during_the_sweep_wins(world, team):
    report = _file(world, team["staff"][0])
    store = world.report_store
    read = store.overdue

    def overdue_then_the_supervisor_acts(cut):
        found = read(cut)
        _approve(world, team["boss"], report)
        return found

    store.overdue = overdue_then_the_supervisor_acts
    world.clock.now = NOW + 8 * DAY
    log: list[tuple] = []
    assert world.verification.auto_approve(lambda message, **extra: log.append((message, extra))) == {
        "approved": 0,
        "skipped": 1,
    }
    assert log == [("auto-approval skipped a report changed meanwhile", {"report_id": report["report_id"]})]
    assert world.reports.get(actor(team["boss"]), report["report_id"])["decided_by"] == team["boss"].nip


def test_overlapping_delegations_are_refused(world, team):
    boss = team["boss"]
    given = _delegate(world, boss, team["deputy"], TODAY, TODAY + 4 * DAY)
    with pytest.raises(Conflict) as refused:
        _delegate(world, boss, team["staff"][0], TODAY + 4 * DAY, TODAY + 6 * DAY)
    assert refused.value.code == "DELEGATION_OVERLAP"
    assert refused.value.details["delegation_id"] == given["delegation_id"]
    world.clock.advance(minutes=5)
    world.verification.revoke(actor(boss), given["delegation_id"])
    assert _delegate(world, boss, team["staff"][0], TODAY + 4 * DAY, TODAY + 6 * DAY)["delegate_nip"]
    kinds = [e.kind.value for e in world.delegations.audit.history(team["deputy"].nip, None, 10)[0]]
    assert kinds == ["DELEGATION_ENDED", "DELEGATION_RECEIVED"]
