"""HR records the cuti bersama days an employee worked by duty; each adds a day to that year's annual leave
(Keppres 2/2025 diktum ketiga). Cuti bersama itself never comes off the balance."""

from __future__ import annotations

import pytest

from chalicelib.domain.accounts import Role
from chalicelib.domain.errors import Forbidden, ValidationError
from tests.support import payload
from tests.unit.world import Clock, World, actor, at


def worked(year: object, days: object):
    """The body as the route hands it to the service: the checked `LeaveBersamaWorked`."""
    return payload("LeaveBersamaWorked", year=year, days=days)


@pytest.fixture
def world():
    w = World(Clock(at("2026-11-25 02:00")))  # Wednesday 09:00 WIB
    service, store = w.services.leave, w.leave_store
    head = w.person(name="Kepala Dinas")
    staff = w.person(supervisor=head, name="Dewi")
    hr = w.person(supervisor=head, name="Petugas Kepegawaian")
    return service, store, staff, hr


def test_the_balance_is_twelve_in_a_year_of_eight_cuti_bersama(world):
    service, _, staff, _ = world
    annual = service.balance(actor(staff), 2026)["annual"]
    assert (annual["entitlement"], annual["cuti_bersama"], annual["bersama_worked"], annual["available"]) == (
        12,
        8,
        0,
        12,
    )


def test_a_cuti_bersama_day_worked_by_duty_adds_one_day(world):
    service, store, staff, hr = world
    answer = service.set_bersama_worked(actor(hr, Role.KEPEGAWAIAN), staff.nip, worked(2026, 1))
    assert answer["year"] == 2026
    assert (answer["annual"]["entitlement"], answer["annual"]["available"], answer["annual"]["bersama_worked"]) == (
        13,
        13,
        1,
    )
    assert store.calendar(staff.nip).bersama_worked == {2026: 1}
    assert service.balance(actor(staff), 2026)["annual"]["available"] == 13  # the employee sees it too


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"year": 2026, "days": 9}, "OUT_OF_RANGE"),  # 2026 has 8 cuti bersama days
        ({"year": 2026, "days": -1}, "OUT_OF_RANGE"),
        ({"year": 2027, "days": 1}, "INVALID_YEAR"),  # not worked yet
        ({"year": 2020, "days": 1}, "INVALID_YEAR"),  # before the rule
    ],
)
def test_out_of_range_records_are_refused_and_nothing_is_stored(world, data, code):
    service, store, staff, hr = world
    with pytest.raises(ValidationError) as refused:
        service.set_bersama_worked(actor(hr, Role.KEPEGAWAIAN), staff.nip, worked(**data))
    assert refused.value.code == code
    assert store.calendar(staff.nip).bersama_worked == {}


@pytest.mark.parametrize(
    ("data", "code", "field"),
    [
        ({"year": 2026, "days": True}, "INVALID_TYPE", "days"),
        ({"year": "2026", "days": 1}, "INVALID_TYPE", "year"),
        ({"year": 2026}, "REQUIRED", "days"),
    ],
)
def test_what_is_not_a_whole_number_is_refused_at_the_edge(data, code, field):
    """The model refuses another type (or an absent field) before the service: it never sees one."""
    with pytest.raises(ValidationError) as refused:
        payload("LeaveBersamaWorked", data)
    assert (refused.value.code, refused.value.details["field"]) == (code, field)


def test_only_hr_of_the_skpd_and_never_on_their_own_record(world):
    service, store, staff, hr = world
    for who in (actor(staff), actor(hr, Role.KEPEGAWAIAN)):
        with pytest.raises(Forbidden):
            service.set_bersama_worked(who, who.nip, worked(2026, 2))
    with pytest.raises(Forbidden):
        service.set_bersama_worked(actor(staff), hr.nip, worked(2026, 2))
    assert store.calendar(staff.nip).bersama_worked == {} and store.calendar(hr.nip).bersama_worked == {}
