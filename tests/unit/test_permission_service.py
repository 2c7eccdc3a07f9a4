"""Permission requests (izin) through the composition root over the in-memory twins: the day's hours come from
the satker's schedule (HR's stored one wins over the default), the supervisor decides through the one mechanism,
and the employee withdraws only what waits, with the version read."""

from __future__ import annotations

import pytest

from chalicelib.domain.decisions import Decision, Verdict
from chalicelib.domain.discipline import default_schedule
from chalicelib.domain.errors import BusinessRule, Conflict, Forbidden
from tests.support import payload
from tests.unit.world import SATKER, SKPD, Clock, World, actor, at

NOW = at("2026-12-07 02:00")  # Monday 09:00 WIB
MONDAY, SATURDAY = "2026-12-14", "2026-12-12"


@pytest.fixture
def world() -> World:
    return World(Clock(NOW))


def asked(kind: str, day: str = MONDAY, **extra):
    return payload("PermissionInput", {"kind": kind, "date": day, "reason": "Mengurus KTP di kecamatan", **extra})


def test_the_supervisor_approves_through_the_one_mechanism(world):
    boss = world.person(name="Andi")
    staff = world.person(supervisor=boss, name="Dewi")
    service = world.services.permissions
    made = service.request(actor(staff), asked("IZIN_KELUAR_KANTOR", start="09:00", end="11:00"))
    assert (made["status"], made["reference"], made["supervisor_nip"]) == ("SUBMITTED", "IZN/2026/000001", boss.nip)
    kinds = {k["kind"]: k for k in world.decisions.inbox(actor(boss))["kinds"]}
    assert kinds["permission"] == {"kind": "permission", "label": "Izin", "count": 1, "delegated": []}
    with pytest.raises(Forbidden):
        world.decisions.decide(actor(staff), "permission", made["permission_id"], Decision(Verdict.APPROVE))
    world.decisions.decide(actor(boss), "permission", made["permission_id"], Decision(Verdict.APPROVE, version=1))
    seen = service.get(actor(staff), made["permission_id"])
    assert (seen["status_label"], seen["decided_by"], seen["version"]) == ("Disetujui", boss.nip, 2)
    with pytest.raises(Conflict) as decided:
        service.withdraw(actor(staff), made["permission_id"], 2)
    assert decided.value.code == "PERMISSION_DECIDED"


def test_the_stored_schedule_decides_the_working_day(world):
    staff = world.person(supervisor=world.person())
    with pytest.raises(BusinessRule) as off:
        world.services.permissions.request(actor(staff), asked("IZIN_TIDAK_MASUK", SATURDAY))
    assert off.value.code == "NOT_A_WORKING_DAY"
    # HR sets a 6-day pattern for the satker: Saturday is a working day, with its own hours
    world.repositories.work_hours.save(SKPD, SATKER, default_schedule(6))
    made = world.services.permissions.request(actor(staff), asked("IZIN_TIDAK_MASUK", SATURDAY))
    assert made["date"] == SATURDAY


def test_only_the_owner_withdraws_and_only_the_version_read(world):
    boss = world.person()
    staff = world.person(supervisor=boss)
    made = world.services.permissions.request(actor(staff), asked("IZIN_TERLAMBAT"))
    with pytest.raises(Forbidden):
        world.services.permissions.withdraw(actor(boss), made["permission_id"], 1)
    with pytest.raises(Conflict) as stale:
        world.services.permissions.withdraw(actor(staff), made["permission_id"], 7)
    assert stale.value.code == "CONFLICT"
    done = world.services.permissions.withdraw(actor(staff), made["permission_id"], 1)
    assert done["status_label"] == "Ditarik" and world.decisions.inbox(actor(boss))["total"] == 0
