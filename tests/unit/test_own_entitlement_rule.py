"""The domain rule of issue 16 hole 2 (nobody changes what decides their own entitlements; another officer's change
goes into both people's history) and hole 6 (no answer about one employee tells whether a NIP exists), and how a
roster import knows its uploader."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from chalicelib.domain.accounts import (
    Actor,
    Employee,
    EmploymentStatus,
    Role,
    changed_entitlements,
    forbid_own_entitlement,
    require_hr_over,
    require_staff_over,
    require_viewable,
)
from chalicelib.domain.audit import AuditKind, delegation_events, entitlement_events
from chalicelib.domain.delegation import Delegation
from chalicelib.domain.errors import Conflict, Forbidden, NotFound
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.organisation import Satker, Skpd
from chalicelib.services.roster import _scope_of
from tests.support import payload
from tests.unit.world import SATKER, SKPD, Clock, World, actor, at

NIP, OTHER = "199001152015032001", "198505052010011002"
PERSON = Employee(NIP, "Dewi", "Analis", "DINKES", "SEK", "628123", TimeZone.WIB)


def test_nobody_changes_their_own_entitlements_not_even_the_admin():
    with pytest.raises(Forbidden) as refused:
        forbid_own_entitlement(NIP, NIP, "peran")
    assert refused.value.code == "OWN_ENTITLEMENT" and refused.value.details == {"what": "peran"}
    assert "(peran)" in refused.value.message
    forbid_own_entitlement(OTHER, NIP, "peran")  # someone else: allowed


def test_changed_entitlements_names_supervisor_tmt_and_employment_only():
    assert changed_entitlements(PERSON, replace(PERSON, name="Dewi S.", whatsapp="62811")) == []
    changed = replace(PERSON, supervisor_nip=OTHER, tmt=date(2000, 1, 3), employment_status=EmploymentStatus.PPPK)
    assert changed_entitlements(PERSON, changed) == ["atasan", "TMT", "kedudukan kepegawaian"]


@pytest.mark.parametrize(
    ("roles", "skpd", "unknown"),
    [
        ({Role.PEGAWAI}, "DINKES", Forbidden),
        ({Role.KEPEGAWAIAN}, "DISDIK", Forbidden),
        ({Role.KEPEGAWAIAN}, "DINKES", Forbidden),  # even one's own SKPD cannot tell which NIPs exist
        ({Role.BKD}, "DISDIK", NotFound),
        ({Role.ADMIN}, "DISDIK", NotFound),
    ],
)
def test_an_unknown_nip_is_refused_like_another_skpds_employee(roles, skpd, unknown):
    actor = Actor(OTHER, skpd, frozenset(roles))
    with pytest.raises(unknown):
        require_hr_over(actor, None)
    if (skpd == "DINKES" and Role.KEPEGAWAIAN in roles) or roles & {Role.BKD, Role.ADMIN}:
        assert require_hr_over(actor, PERSON) is PERSON
    else:
        with pytest.raises(Forbidden):
            require_hr_over(actor, PERSON)


def test_a_roster_uploaded_through_the_api_acts_as_its_uploader():
    import_id = "a" * 32
    found, actor = _scope_of(f"imports/skpd/DINKES/{import_id}{NIP}.csv")
    assert (found, actor.nip, actor.skpd_id, actor.roles) == (import_id, NIP, "DINKES", {Role.OPERATOR_SKPD})
    found, actor = _scope_of(f"imports/admin/{import_id}{NIP}.xlsx")
    assert (found, actor.nip, actor.is_admin) == (import_id, NIP, True)
    found, actor = _scope_of(f"imports/skpd/DINKES/{import_id}.csv")  # an older name: the system
    assert (found, actor.nip) == (import_id, "SYSTEM-IMPORT")
    found, actor = _scope_of("imports/dari-konsol/roster november.csv")
    assert len(found) == 32 and actor.nip == "SYSTEM-IMPORT" and actor.is_admin


# -- hole 2 follow-up: every guarded change goes into both people's history ------------------------------------


def test_an_entitlement_change_is_one_event_for_the_person_and_one_for_the_officer():
    when = datetime(2026, 11, 25, 2, tzinfo=UTC)
    changes = {"tmt": (None, date(2010, 1, 4)), "employment_status": (None, EmploymentStatus.PPPK)}
    mine, theirs = entitlement_events(NIP, OTHER, when, changes, ["TMT", "kedudukan kepegawaian"])
    assert (mine.nip, mine.kind, mine.by) == (NIP, AuditKind.ENTITLEMENT_CHANGED, OTHER)
    assert (theirs.nip, theirs.kind, theirs.by) == (OTHER, AuditKind.ENTITLEMENT_CHANGE_MADE, OTHER)
    assert (
        mine.details
        == theirs.details
        == {
            "employee_nip": NIP,
            "what": ["TMT", "kedudukan kepegawaian"],
            "changes": {"tmt": [None, "2010-01-04"], "employment_status": [None, "PPPK"]},
        }
    )
    roles = {"roles": (frozenset(), frozenset({Role.OPERATOR_SKPD, Role.BKD}))}
    assert entitlement_events(NIP, OTHER, when, roles, ["peran"])[0].details["changes"] == {
        "roles": [[], ["BKD", "OPERATOR_SKPD"]]
    }
    # a file dropped in by hand changes data in the system's name: only the person's history
    assert [e.nip for e in entitlement_events(NIP, "SYSTEM-IMPORT", when, changes, ["TMT"])] == [NIP]


def test_the_admin_delegating_for_a_supervisor_keeps_it_in_their_own_history_too():
    when = datetime(2026, 11, 25, 2, tzinfo=UTC)
    boss, admin = "197001011995031001", "198001012005011001"
    given = Delegation("d" * 32, boss, NIP, date(2026, 11, 25), date(2026, 11, 30), "", admin)
    events = delegation_events(given, admin, when)
    assert [(e.nip, e.kind) for e in events] == [
        (boss, AuditKind.DELEGATION_GIVEN),
        (NIP, AuditKind.DELEGATION_RECEIVED),
        (admin, AuditKind.ENTITLEMENT_CHANGE_MADE),
    ]
    assert events[2].details["employee_nip"] == NIP
    assert len(delegation_events(given, boss, when)) == 2  # the supervisor's own delegation: both sides only


@pytest.fixture
def office():
    w = World(Clock(at("2026-11-25 02:00")))
    w.org.save_skpd(Skpd(SKPD, "Dinas Kesehatan", TimeZone.WIB))
    w.org.save_satker(Satker(SKPD, SATKER, "Puskesmas Kota", TimeZone.WIB))
    head = w.person(name="Kepala Dinas")
    return {
        "world": w,
        "head": head,
        "deputy": w.person(supervisor=head, name="Sekretaris"),
        "staff": w.person(supervisor=head, name="Dewi"),
        "operator": w.person(supervisor=head, name="Operator"),
        "hr": w.person(supervisor=head, name="Kepegawaian"),
        "admin": w.person(name="Admin"),
    }


def _trail(world: World, nip: str) -> list[tuple[str, str, dict]]:
    events, _ = world.repositories.audit.history(nip, None, 50)
    return [(e.kind.value, e.by, dict(e.details)) for e in events]


def test_a_new_supervisor_goes_into_the_employees_and_the_operators_history(office):
    w, staff, operator, deputy = office["world"], office["staff"], office["operator"], office["deputy"]
    accounts = w.services.accounts
    accounts.set_supervisor(
        actor(operator, Role.OPERATOR_SKPD), staff.nip, payload("SupervisorInput", supervisor_nip=deputy.nip)
    )
    expected = {
        "employee_nip": staff.nip,
        "what": ["atasan"],
        "changes": {"supervisor_nip": [office["head"].nip, deputy.nip]},
    }
    assert _trail(w, staff.nip) == [("ENTITLEMENT_CHANGED", operator.nip, expected)]
    assert _trail(w, operator.nip) == [("ENTITLEMENT_CHANGE_MADE", operator.nip, expected)]
    # what the history route shows, to the employee and to the operator
    page = accounts.history(actor(staff), staff.nip, payload("PageQuery"))
    assert [(e["kind"], e["by"], e["details"]) for e in page["items"]] == [
        ("ENTITLEMENT_CHANGED", operator.nip, expected)
    ]
    page = accounts.history(actor(operator), operator.nip, payload("PageQuery"))
    assert [e["kind"] for e in page["items"]] == ["ENTITLEMENT_CHANGE_MADE"]


def test_an_edit_records_only_what_decides_entitlements_and_only_when_it_lands(office):
    w, staff, operator = office["world"], office["staff"], office["operator"]
    accounts, by = w.services.accounts, actor(operator, Role.OPERATOR_SKPD)
    edited = accounts.update_employee(by, staff.nip, payload("EmployeePatch", jabatan="Perawat Ahli", version=1))
    assert _trail(w, staff.nip) == [] and _trail(w, operator.nip) == []  # a jabatan decides nothing
    change = {"tmt": "2012-03-01", "employment_status": "pppk", "version": edited["version"]}
    with pytest.raises(Conflict):  # a stale version: nothing lands, neither the change nor its history
        accounts.update_employee(by, staff.nip, payload("EmployeePatch", {**change, "version": 1}))
    assert _trail(w, staff.nip) == []
    accounts.update_employee(by, staff.nip, payload("EmployeePatch", change))
    [(kind, who, details)] = _trail(w, staff.nip)
    assert (kind, who, details["what"]) == ("ENTITLEMENT_CHANGED", operator.nip, ["TMT", "kedudukan kepegawaian"])
    assert details["changes"] == {"tmt": [None, "2012-03-01"], "employment_status": [None, "PPPK"]}
    assert [k for k, _, _ in _trail(w, operator.nip)] == ["ENTITLEMENT_CHANGE_MADE"]


def test_a_refused_change_of_ones_own_entitlements_writes_nothing(office):
    w, operator, head = office["world"], office["operator"], office["head"]
    with pytest.raises(Forbidden) as refused:
        w.services.accounts.update_employee(
            actor(operator, Role.OPERATOR_SKPD), operator.nip, payload("EmployeePatch", tmt="2001-01-01", version=1)
        )
    assert refused.value.code == "OWN_ENTITLEMENT"
    assert _trail(w, operator.nip) == [] and w.employees.get(operator.nip).tmt is None
    assert _trail(w, head.nip) == []


def test_roles_granted_by_the_admin_go_into_both_histories(office):
    w, staff, admin = office["world"], office["staff"], office["admin"]
    w.services.accounts.set_roles(actor(admin, Role.ADMIN), staff.nip, payload("RolesInput", roles=["operator_skpd"]))
    [(kind, who, details)] = _trail(w, staff.nip)
    assert (kind, who, details["changes"]) == ("ENTITLEMENT_CHANGED", admin.nip, {"roles": [[], ["OPERATOR_SKPD"]]})
    assert [(k, d) for k, _, d in _trail(w, admin.nip)] == [("ENTITLEMENT_CHANGE_MADE", details)]
    w.services.accounts.set_roles(actor(admin, Role.ADMIN), staff.nip, payload("RolesInput", roles=["OPERATOR_SKPD"]))
    assert len(_trail(w, staff.nip)) == 1  # the same roles again change nothing


def test_opening_balances_and_cuti_bersama_worked_go_into_both_histories(office):
    w, staff, hr = office["world"], office["staff"], office["hr"]
    officer = actor(hr, Role.KEPEGAWAIAN)
    w.services.leave.set_opening(officer, staff.nip, payload("LeaveOpening", year=2025, remaining=4))
    w.services.leave.set_bersama_worked(officer, staff.nip, payload("LeaveBersamaWorked", year=2026, days=1))
    staff_trail = _trail(w, staff.nip)  # both at the same instant: in either order
    assert sorted((k, who, d["what"]) for k, who, d in staff_trail) == [
        ("ENTITLEMENT_CHANGED", hr.nip, ["cuti bersama yang tetap bertugas"]),
        ("ENTITLEMENT_CHANGED", hr.nip, ["saldo awal cuti"]),
    ]
    changes = {d["what"][0]: d["changes"] for _, _, d in staff_trail}
    assert changes["saldo awal cuti"] == {"opening_balance": [None, {"year": 2025, "remaining": 4}]}
    assert changes["cuti bersama yang tetap bertugas"] == {"cuti_bersama_worked": [None, {"year": 2026, "days": 1}]}
    assert sorted(k for k, _, _ in _trail(w, hr.nip)) == ["ENTITLEMENT_CHANGE_MADE"] * 2


# -- hole 6 follow-up: no /employees/{nip} answer tells a PEGAWAI whether a NIP exists --------------------------


@pytest.mark.parametrize(
    ("roles", "skpd", "unknown"),
    [
        ({Role.PEGAWAI}, "DINKES", Forbidden),
        ({Role.OPERATOR_SKPD}, "DISDIK", Forbidden),
        ({Role.OPERATOR_SKPD}, "DINKES", Forbidden),  # even one's own SKPD cannot tell which NIPs exist
        ({Role.ADMIN}, "DISDIK", NotFound),
    ],
)
def test_the_operators_answer_about_an_unknown_nip_is_the_answer_about_another_skpd(roles, skpd, unknown):
    actor_ = Actor(OTHER, skpd, frozenset(roles))
    with pytest.raises(unknown) as refused:
        require_staff_over(actor_, None, Role.OPERATOR_SKPD)
    if (skpd == "DINKES" and Role.OPERATOR_SKPD in roles) or Role.ADMIN in roles:
        assert require_staff_over(actor_, PERSON, Role.OPERATOR_SKPD) is PERSON
    else:
        with pytest.raises(Forbidden) as known:
            require_staff_over(actor_, PERSON, Role.OPERATOR_SKPD)
        assert (known.value.code, known.value.message) == (refused.value.code, refused.value.message)


@pytest.mark.parametrize(
    ("roles", "skpd", "unknown"),
    [
        ({Role.PEGAWAI}, "DINKES", Forbidden),
        ({Role.KEPEGAWAIAN}, "DISDIK", Forbidden),
        ({Role.BKD}, "DISDIK", NotFound),
        ({Role.ADMIN}, "DISDIK", NotFound),
    ],
)
def test_a_profile_nobody_may_see_and_an_unknown_nip_get_the_same_refusal(roles, skpd, unknown):
    actor_ = Actor(OTHER, skpd, frozenset(roles))
    with pytest.raises(unknown) as refused:
        require_viewable(actor_, None)
    if unknown is Forbidden:
        with pytest.raises(Forbidden) as known:
            require_viewable(actor_, PERSON)
        assert (known.value.code, known.value.message) == (refused.value.code, refused.value.message)
    else:
        assert require_viewable(actor_, PERSON) is PERSON
