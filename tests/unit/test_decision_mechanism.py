"""A new verifiable kind needs only its declaration and its own rules (docs/verification.md).

The kind below ("permission": leaving the office for a few hours, decided by the direct supervisor) exists only in
this test: a `KindSpec` and a tiny adapter over a dict. Registered in a `DecisionService` with nothing else, it gets
the inbox, the queue, single and bulk decisions, e-mailed links and every shared rule, with no service or route
code of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

import pytest

from chalicelib.domain.accounts import Actor, Employee, Role
from chalicelib.domain.decisions import Decision, KindSpec, Scope, Subject, Verdict, Verifier
from chalicelib.domain.delegation import Delegation
from chalicelib.domain.errors import Conflict, Forbidden, NotFound, ValidationError
from chalicelib.domain.identity import TimeZone
from chalicelib.services.decisions.kind import Card, QueueFilters
from chalicelib.services.decisions.links import DecisionLinks, DecisionLinkService
from chalicelib.services.decisions.service import DecisionService
from chalicelib.services.decisions.tasks import EmployeesWithoutSupervisor
from chalicelib.store.memory import InMemoryDelegationRepository, InMemoryEmployeeRepository, InMemoryUsedLinks
from tests.support import make_nip, make_whatsapp, payload, verification_query
from tests.unit.world import SATKER, SKPD, Clock, actor, at

SECRET = "unit-test-secret-0123456789-abcdefghijklmnop"
NOW = at("2026-11-25 02:00")  # Wednesday 09:00 WIB
TODAY = date(2026, 11, 25)

# -- the kind: its declaration ... ------------------------------------------------------------------------------

PERMISSION = KindSpec(
    kind="permission",
    label="Izin keluar kantor",
    noun="izin",
    decider="atasan langsung",
    verifier=Verifier.PERSON,
    verdicts=(Verdict.APPROVE, Verdict.REJECT),
    note_required=frozenset({Verdict.REJECT}),
    email_link=True,
)
STATUS_LABELS = {"SUBMITTED": "Diajukan", "APPROVED": "Disetujui", "REJECTED": "Ditolak"}


@dataclass(frozen=True)
class Permission:
    permission_id: str
    nip: str
    supervisor_nip: str
    day: date
    reason: str
    submitted_at: datetime
    status: str = "SUBMITTED"
    version: int = 1
    history: tuple[dict[str, Any], ...] = ()


# -- ... and its own rules: load, describe, list, count, and the effect of a decision ------------------------


class PermissionKind:
    spec = PERMISSION

    def __init__(self) -> None:
        self.items: dict[str, Permission] = {}
        #: every effect applied: (id, verdict, note, by, on_behalf_of, at)
        self.applied: list[tuple[str, Verdict, str | None, str, str | None, datetime]] = []

    def add(self, item: Permission) -> Permission:
        self.items[item.permission_id] = item
        return item

    def load(self, item_id: str) -> Permission:
        found = self.items.get(item_id)
        if found is None:
            raise NotFound("Izin tidak ditemukan.", code="PERMISSION_NOT_FOUND")
        return found

    def subject(self, item: Permission) -> Subject:
        return Subject(
            owner_nip=item.nip,
            skpd_id=SKPD,
            version=item.version,
            status=item.status,
            status_label=STATUS_LABELS[item.status],
            open_verdicts=frozenset(self.spec.verdicts) if item.status == "SUBMITTED" else frozenset(),
            decider_nip=item.supervisor_nip,
        )

    def apply(
        self, item: Permission, decision: Decision, actor: Actor, *, at: datetime, on_behalf_of: str | None
    ) -> Permission:
        if self.items[item.permission_id].version != item.version:  # the conditional write
            raise Conflict("Izin telah diubah.", code="CONFLICT")
        status = "APPROVED" if decision.verdict is Verdict.APPROVE else "REJECTED"
        entry = {"by": actor.nip, "for": on_behalf_of, "at": at.isoformat(), "status": status, "note": decision.note}
        self.applied.append((item.permission_id, decision.verdict, decision.note, actor.nip, on_behalf_of, at))
        changed = replace(item, status=status, version=item.version + 1, history=(*item.history, entry))
        self.items[item.permission_id] = changed
        return changed

    def _waiting(self, person: str | None) -> list[Permission]:
        found = [i for i in self.items.values() if i.supervisor_nip == person and i.status == "SUBMITTED"]
        return sorted(found, key=lambda i: (i.day, i.permission_id))

    def waiting(
        self, scope: Scope, filters: QueueFilters, cursor: str | None, limit: int
    ) -> tuple[list[Permission], str | None]:
        items = self._waiting(scope.person)
        start = int(cursor or 0)
        page = items[start : start + limit]
        return page, str(start + limit) if start + limit < len(items) else None

    def count(self, scope: Scope) -> int:
        return len(self._waiting(scope.person))

    def cards(self, items: list[Permission], people: Mapping[str, Employee]) -> list[Card]:
        return [
            Card(
                item_id=item.permission_id,
                owner_nip=item.nip,
                title="Izin keluar kantor",
                day=item.day,
                submitted_at=item.submitted_at,
                summary=[("Alasan", item.reason)],
                detail={"permission_id": item.permission_id, "status": item.status, "history": list(item.history)},
            )
            for item in items
        ]


class Place:
    """The kind registered in a `DecisionService` with nothing else, over in-memory people and delegations."""

    def __init__(self) -> None:
        self.clock = Clock(NOW)
        self.employees = InMemoryEmployeeRepository()
        self.delegations = InMemoryDelegationRepository()
        self.kind = PermissionKind()
        self.decisions = DecisionService(
            {PERMISSION.kind: self.kind}, self.employees, self.delegations, clock=self.clock
        )
        self.used = InMemoryUsedLinks()
        self.links = DecisionLinks(SECRET, "https://kinerja.test", 3600, clock=self.clock)
        self.link_service = DecisionLinkService(self.links, self.decisions, self.used, clock=self.clock)
        self.boss = self.person("Andi")
        self.staff = [self.person(name, self.boss) for name in ("Dewi", "Agus", "Sari")]
        self.deputy = self.person("Budi", self.boss)
        self.stranger = self.person("Maria")

    def person(self, name: str, supervisor: Employee | None = None) -> Employee:
        return self.employees.add(
            Employee(
                nip=make_nip(),
                name=name,
                jabatan="Perawat",
                skpd_id=SKPD,
                satker_id=SATKER,
                whatsapp=make_whatsapp(),
                timezone=TimeZone.WIB,
                supervisor_nip=supervisor.nip if supervisor else None,
                must_change_password=False,
            )
        )

    def ask(self, who: Employee, n: int) -> str:
        """``who`` asks their supervisor for leave of absence on the ``n``th of November."""
        pid = f"izin-{len(self.kind.items) + 1}"
        assert who.supervisor_nip
        self.kind.add(Permission(pid, who.nip, who.supervisor_nip, date(2026, 11, n), "Ke bank", NOW))
        return pid

    def delegate(self, start: date = TODAY, end: date = TODAY) -> None:
        self.delegations.add(Delegation("d" * 32, self.boss.nip, self.deputy.nip, start, end), 0, [])

    def decide(self, who: Employee, item_id: str, decision: Decision) -> dict[str, Any]:
        return self.decisions.decide(actor(who), "permission", item_id, decision)

    def token(self, item_id: str, who: Employee, verdict: Verdict) -> str:
        return self.links.link("permission", item_id, who.nip, verdict).rsplit("/", 1)[1]


@pytest.fixture
def place() -> Place:
    return Place()


def _refused(call, error) -> tuple[str, dict[str, Any]]:
    with pytest.raises(error) as refused:
        call()
    return refused.value.code, refused.value.details


def _query(kind: str, data: dict[str, Any]) -> Any:
    """The queue's query for a kind the edge does not know (it exists only here)."""
    return verification_query("report", data).model_copy(update={"kind": kind})


def test_the_inbox_counts_what_waits_only_for_whom_it_waits(place):
    place.ask(place.staff[0], 20)
    place.ask(place.staff[1], 21)
    expected = {"kind": "permission", "label": "Izin keluar kantor", "count": 2, "delegated": []}
    assert place.decisions.inbox(actor(place.boss)) == {"total": 2, "kinds": [expected], "tasks": []}
    assert place.decisions.inbox(actor(place.stranger)) == {
        "total": 0,
        "kinds": [],
        "tasks": [],
    }  # nothing waits, no staff
    place.delegate()
    deputy = place.decisions.inbox(actor(place.deputy))
    assert deputy["total"] == 2 and deputy["kinds"][0]["delegated"] == [{"nip": place.boss.nip, "count": 2}]


def test_the_queue_shows_each_item_as_every_kind_does_oldest_first_and_paged(place):
    later = place.ask(place.staff[0], 21)
    first = place.ask(place.staff[1], 20)
    page = place.decisions.queue(actor(place.boss), _query("permission", {"limit": 1}))
    assert (page["kind"], page["label"], page["count"], page["next_cursor"]) == (
        "permission",
        "Izin keluar kantor",
        2,
        "1",
    )
    assert page["items"] == [
        {
            "kind": "permission",
            "id": first,
            "version": 1,
            "status": "SUBMITTED",
            "status_label": "Diajukan",
            "employee": {"nip": place.staff[1].nip, "name": "Agus", "jabatan": "Perawat"},
            "title": "Izin keluar kantor",
            "date": "2026-11-20",
            "submitted_at": NOW.isoformat(),
            "summary": [{"label": "Alasan", "value": "Ke bank"}],
            "files": [],
            "verdicts": ["APPROVE", "REJECT"],
            "rating": False,
            "detail": {"permission_id": first, "status": "SUBMITTED", "history": []},
        }
    ]
    rest = place.decisions.queue(actor(place.boss), _query("permission", {"cursor": page["next_cursor"], "limit": 1}))
    assert [i["id"] for i in rest["items"]] == [later] and rest["next_cursor"] is None
    for_boss = {"for": place.boss.nip}
    assert _refused(lambda: place.decisions.queue(actor(place.deputy), _query("permission", for_boss)), Forbidden)
    code, _ = _refused(lambda: place.decisions.queue(actor(place.stranger), _query("permission", {})), Forbidden)
    assert code == "NOT_A_VERIFIER"  # nobody reports to them and they stand in for nobody
    place.delegate()
    assert place.decisions.queue(actor(place.deputy), _query("permission", {"for": place.boss.nip}))["count"] == 2
    code, _ = _refused(lambda: place.decisions.queue(actor(place.boss), _query("report", {})), NotFound)
    assert code == "UNKNOWN_KIND"  # only what was registered exists


def test_one_decision_applies_the_kind_s_own_effect_once_with_its_history(place):
    pid = place.ask(place.staff[0], 20)
    decided = place.decide(place.boss, pid, Decision(Verdict.APPROVE, "  Silakan  ", version=1))
    assert (decided["status"], decided["status_label"], decided["version"], decided["verdicts"]) == (
        "APPROVED",
        "Disetujui",
        2,
        [],
    )
    assert place.kind.applied == [(pid, Verdict.APPROVE, "Silakan", place.boss.nip, None, NOW)]  # the note trimmed
    assert decided["detail"]["history"] == [
        {"by": place.boss.nip, "for": None, "at": NOW.isoformat(), "status": "APPROVED", "note": "Silakan"}
    ]
    assert place.decisions.queue(actor(place.boss), _query("permission", {}))["count"] == 0
    code, details = _refused(lambda: place.decide(place.boss, pid, Decision(Verdict.REJECT, "Batal")), Conflict)
    assert (code, details) == ("ALREADY_DECIDED", {"status": "Disetujui"})
    assert len(place.kind.applied) == 1


def test_a_bulk_decision_answers_each_item_on_its_own(place):
    place.delegate()
    waiting = place.ask(place.staff[0], 20)
    decided = place.ask(place.staff[1], 21)
    place.decide(place.boss, decided, Decision(Verdict.APPROVE))
    own = place.ask(place.deputy, 22)  # the deputy's own, waiting for the supervisor they stand in for
    items = [(waiting, 1), (waiting, None), (decided, None), (own, None), ("izin-404", None)]
    result = place.decisions.decide_many(actor(place.deputy), "permission", items, Decision(Verdict.APPROVE))
    outcomes = [(r["id"], r["outcome"], r.get("status") or r.get("code")) for r in result["results"]]
    assert outcomes == [
        (waiting, "DECIDED", "APPROVED"),
        (decided, "ERROR", "ALREADY_DECIDED"),
        (own, "ERROR", "SELF_DECISION"),
        ("izin-404", "ERROR", "PERMISSION_NOT_FOUND"),
    ]
    assert (result["decided"], result["failed"], result["results"][0]["version"]) == (1, 3, 2)
    assert all(r["message"] for r in result["results"][1:])
    assert place.kind.items[own].status == "SUBMITTED"
    assert [(a[0], a[4]) for a in place.kind.applied] == [(decided, None), (waiting, place.boss.nip)]
    stale = place.decisions.decide_many(
        actor(place.boss), "permission", [(own, 7)], Decision(Verdict.REJECT, "Tidak perlu")
    )
    assert [r.get("code") for r in stale["results"]] == ["CONFLICT"]
    code, _ = _refused(
        lambda: place.decisions.decide_many(actor(place.boss), "permission", [(own, None)], Decision(Verdict.REJECT)),
        ValidationError,
    )
    assert code == "NOTE_REQUIRED"  # the decision is checked once, before any item
    many = [(f"izin-{n}", None) for n in range(51)]
    code, _ = _refused(
        lambda: place.decisions.decide_many(actor(place.boss), "permission", many, Decision(Verdict.APPROVE)),
        ValidationError,
    )
    assert code == "TOO_MANY_ITEMS"


def test_an_e_mailed_link_opens_without_effect_and_decides_once(place):
    pid = place.ask(place.staff[0], 20)
    approve = place.token(pid, place.boss, Verdict.APPROVE)
    opened = place.link_service.open(approve)
    assert (opened.state, opened.spec, opened.verdict, opened.item["status"]) == (
        "form",
        PERMISSION,
        Verdict.APPROVE,
        "SUBMITTED",
    )
    assert place.link_service.open(approve).state == "form"  # opening twice changes nothing either
    assert place.kind.applied == [] and place.kind.items[pid].version == 1
    done = place.link_service.submit(approve, payload("DecisionLinkForm", {"note": "Hati-hati"}))
    assert (done.state, done.status, done.item["status"]) == ("done", 200, "APPROVED")
    assert place.kind.applied == [(pid, Verdict.APPROVE, "Hati-hati", place.boss.nip, None, NOW)]
    again = place.link_service.submit(approve, payload("DecisionLinkForm", {"note": "Hati-hati"}))
    assert (again.state, again.status) == ("used", 409)
    assert place.link_service.open(approve).state == "used" and len(place.kind.applied) == 1


def test_a_link_is_bound_to_its_person_its_verdict_and_the_shared_rules(place):
    pid = place.ask(place.staff[0], 20)
    assert place.link_service.open(place.token(pid, place.stranger, Verdict.APPROVE)).state == "refused"
    reject = place.token(pid, place.boss, Verdict.REJECT)
    no_note = place.link_service.submit(reject, payload("DecisionLinkForm", {"note": ""}))
    assert (no_note.state, no_note.status) == ("form", 400)  # a refusal needs its reason; the link stays usable
    rated = place.link_service.submit(reject, payload("DecisionLinkForm", {"note": "Tidak mendesak", "rating": "4"}))
    assert (rated.state, rated.status) == ("form", 400)  # this kind takes no rating
    assert place.kind.applied == []
    assert place.link_service.submit(reject, payload("DecisionLinkForm", {"note": "Tidak mendesak"})).state == "done"
    approve = place.token(pid, place.boss, Verdict.APPROVE)
    assert place.link_service.submit(approve, payload("DecisionLinkForm", {})).state == "decided"
    assert place.link_service.open("bukan-tautan").state == "invalid"
    assert len(place.kind.applied) == 1


def test_the_shared_rules_come_before_the_kind_s_own_effect(place):
    pid = place.ask(place.staff[0], 20)
    refusals = [
        (place.boss, Decision(Verdict.REJECT), ValidationError, "NOTE_REQUIRED", {"field": "note"}),
        (place.boss, Decision(Verdict.REJECT, "   "), ValidationError, "NOTE_REQUIRED", {"field": "note"}),
        (place.boss, Decision(Verdict.APPROVE, rating=3), ValidationError, "RATING_NOT_ALLOWED", {"field": "rating"}),
        (place.boss, Decision(Verdict.DEFER, "Nanti"), ValidationError, "INVALID_VERDICT", None),
        (place.boss, Decision(Verdict.APPROVE, version=5), Conflict, "CONFLICT", {}),
        (place.stranger, Decision(Verdict.APPROVE), Forbidden, "FORBIDDEN", {}),
        (place.deputy, Decision(Verdict.APPROVE), Forbidden, "FORBIDDEN", {}),  # no delegation (yet)
    ]
    for who, decision, error, code, details in refusals:
        got_code, got_details = _refused(lambda w=who, d=decision: place.decide(w, pid, d), error)
        assert got_code == code, (who.name, decision)
        if details is not None:
            assert got_details == details
    assert place.kind.applied == [] and place.kind.items[pid].version == 1
    code, _ = _refused(lambda: place.decide(place.boss, "izin-404", Decision(Verdict.APPROVE)), NotFound)
    assert code == "PERMISSION_NOT_FOUND"


def test_a_delegate_decides_on_behalf_of_the_supervisor_while_the_delegation_lasts(place):
    place.delegate(TODAY, TODAY)
    first, second = place.ask(place.staff[0], 20), place.ask(place.staff[1], 21)
    decided = place.decide(place.deputy, first, Decision(Verdict.APPROVE, version=1))
    assert place.kind.applied == [(first, Verdict.APPROVE, None, place.deputy.nip, place.boss.nip, NOW)]
    assert decided["detail"]["history"][-1]["for"] == place.boss.nip
    place.clock.now = at("2026-11-25 17:00")  # midnight in Jakarta: the delegation has ended
    assert _refused(lambda: place.decide(place.deputy, second, Decision(Verdict.APPROVE)), Forbidden)[0] == "FORBIDDEN"
    place.decide(place.boss, second, Decision(Verdict.APPROVE))  # the supervisor never lost the right
    assert place.kind.applied[-1][3:5] == (place.boss.nip, None)


def test_waiting_work_that_is_not_a_decision_stands_beside_the_kinds_for_its_role_only(place):
    """The operator's employees without a supervisor: counted for the operator of that SKPD, not in the badge."""
    employees = InMemoryEmployeeRepository()
    for n, supervisor in enumerate((None, None, "196001011990011001")):
        employees.add(replace(place.staff[0], nip=make_nip(), supervisor_nip=supervisor, name=f"P{n}"))
    employees.add(replace(place.staff[0], nip=make_nip(), skpd_id="LAIN", supervisor_nip=None))
    decisions = DecisionService(
        {}, employees, InMemoryDelegationRepository(), clock=lambda: NOW, tasks=[EmployeesWithoutSupervisor(employees)]
    )
    operator = replace(actor(place.boss), roles=frozenset({Role.PEGAWAI, Role.OPERATOR_SKPD}))
    task = {"task": "no_supervisor", "label": "Pegawai tanpa atasan langsung", "count": 2}
    assert decisions.inbox(operator) == {"total": 0, "kinds": [], "tasks": [task]}
    assert decisions.inbox(actor(place.boss)) == {"total": 0, "kinds": [], "tasks": []}  # not an operator


@pytest.mark.parametrize("spec_name", ["LEAVE_CONSIDERATION", "LEAVE_DECISION"])
def test_a_leave_step_that_refuses_or_defers_needs_its_reason(spec_name):
    """The leave steps are decided by the shared rules too (no leave verdict of their own): a refusal or a deferral
    needs its reason, an approval none."""
    from chalicelib.domain import decision_kinds
    from chalicelib.domain.decisions import check_decision

    spec = getattr(decision_kinds, spec_name)
    for verdict, note in ((Verdict.DEFER, ""), (Verdict.REJECT, "   "), (Verdict.DEFER, None)):
        code, details = _refused(lambda v=verdict, n=note: check_decision(spec, Decision(v, n)), ValidationError)
        assert (code, details) == ("NOTE_REQUIRED", {"field": "note"}), (verdict, note)
    assert check_decision(spec, Decision(Verdict.APPROVE)) == Decision(Verdict.APPROVE, None)
    assert check_decision(spec, Decision(Verdict.DEFER, " Beban kerja ")).note == "Beban kerja"


@pytest.mark.parametrize("spec_name", ["COMPLAINT", "RECORD", "DOCUMENT", "CHECKIN_FLAG"])
def test_hr_s_kinds_take_only_their_verdicts_and_a_rejection_says_why(spec_name):
    """Complaints, career records and archived documents are decided by the shared rules (no verdict parser of
    their own): approve with or without a note, reject only with one (trimmed), nothing else — but a record's
    approval can be taken back, with its reason."""
    from chalicelib.domain import decision_kinds
    from chalicelib.domain.decisions import check_decision

    spec = getattr(decision_kinds, spec_name)
    assert check_decision(spec, Decision(Verdict.APPROVE)) == Decision(Verdict.APPROVE, None)
    assert check_decision(spec, Decision(Verdict.REJECT, " Surat tugas tidak terbaca ")) == Decision(
        Verdict.REJECT, "Surat tugas tidak terbaca"
    )
    for note in (None, "", "   "):
        code, details = _refused(lambda n=note: check_decision(spec, Decision(Verdict.REJECT, n)), ValidationError)
        assert (code, details) == ("NOTE_REQUIRED", {"field": "note"}), note
    code, details = _refused(lambda: check_decision(spec, Decision(Verdict.DEFER, "Nanti")), ValidationError)
    assert (code, details["field"]) == ("INVALID_VERDICT", "verdict")
    revoke = Decision(Verdict.REVOKE, "SK tidak sah")
    if spec_name == "RECORD":
        assert check_decision(spec, revoke).note == "SK tidak sah"
        code, _ = _refused(lambda: check_decision(spec, Decision(Verdict.REVOKE, " ")), ValidationError)
        assert code == "NOTE_REQUIRED"
    else:
        assert _refused(lambda: check_decision(spec, revoke), ValidationError)[0] == "INVALID_VERDICT"


def test_a_report_decision_takes_a_rating_1_to_5_and_a_note_to_reject():
    """The rules a report's own parse of a decision had are the shared ones (`check_decision`) with its spec."""
    from chalicelib.domain.decision_kinds import REPORT
    from chalicelib.domain.decisions import MAX_NOTE, check_decision

    checked = check_decision(REPORT, Decision(Verdict.APPROVE, "  Baik  ", 5))
    assert (checked.verdict, checked.note, checked.rating) == (Verdict.APPROVE, "Baik", 5)  # the note trimmed
    assert check_decision(REPORT, Decision(Verdict.REJECT, "Kurang rinci")).note == "Kurang rinci"
    assert check_decision(REPORT, Decision(Verdict.APPROVE, "   ")).note is None
    for decision, code in (
        (Decision(Verdict.APPROVE, rating=0), "INVALID_RATING"),
        (Decision(Verdict.APPROVE, rating=6), "INVALID_RATING"),
        (Decision(Verdict.REJECT), "NOTE_REQUIRED"),
        (Decision(Verdict.REJECT, "  "), "NOTE_REQUIRED"),
        (Decision(Verdict.APPROVE, "x" * (MAX_NOTE + 1)), "TOO_LONG"),
        (Decision(Verdict.DEFER, "Nanti"), "INVALID_VERDICT"),
        (Decision(Verdict.REVOKE, "Batal"), "INVALID_VERDICT"),
    ):
        with pytest.raises(ValidationError) as refused:
            check_decision(REPORT, decision)
        assert refused.value.code == code, decision


def test_a_kind_that_is_not_delegable_is_neither_counted_listed_nor_decided_by_a_delegate(place):
    """An employee's own acknowledgement (e.g. of their assessment) is personal: a delegation of their
    supervisory work does not carry it."""
    place.kind.spec = replace(PERMISSION, delegable=False)
    pid = place.ask(place.staff[0], 20)
    place.delegate()
    deputy = place.decisions.inbox(actor(place.deputy))
    assert deputy["kinds"][0]["count"] == 0 and deputy["kinds"][0]["delegated"] == []
    code, _ = _refused(
        lambda: place.decisions.queue(actor(place.deputy), _query("permission", {"for": place.boss.nip})), Forbidden
    )
    assert code == "FORBIDDEN"
    code, _ = _refused(lambda: place.decide(place.deputy, pid, Decision(Verdict.APPROVE)), Forbidden)
    assert code == "FORBIDDEN"
    assert place.decide(place.boss, pid, Decision(Verdict.APPROVE))["status"] == "APPROVED"  # the decider still can
