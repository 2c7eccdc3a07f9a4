"""Device binding (issue 20) through the composition root over the in-memory twins: the SKPD's check-in rules, the
first device active at once, a further one approved by HR through the one decision mechanism (the oldest retired
past the limit), and the check-in's signature under OFF, FLAG and REFUSE."""

from __future__ import annotations

import pytest

from chalicelib.domain.accounts import Role
from chalicelib.domain.decisions import Decision, Verdict
from chalicelib.domain.errors import BusinessRule, Conflict, Forbidden, NotFound, ValidationError
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.organisation import Satker, Skpd
from tests.support import payload
from tests.unit.test_device_keys import key_pair, p1363
from tests.unit.world import SATKER, SKPD, Clock, World, actor, at

NOW = at("2026-12-07 00:30")  # Monday 07.30 WIB


@pytest.fixture
def world() -> World:
    w = World(Clock(NOW))
    w.org.save_skpd(Skpd(SKPD, "Dinas Kesehatan", TimeZone.WIB))
    w.org.save_satker(Satker(SKPD, SATKER, "Puskesmas Kota", TimeZone.WIB))
    return w


def set_rules(world: World, hr, **rules):
    body = payload("CheckInRulesInput", {"device_policy": "REFUSE", "version": 0, **rules})
    return world.services.checkin_rules.set_rules(actor(hr, Role.KEPEGAWAIAN), SKPD, body)


def register(world: World, person, label="Ponsel"):
    private, jwk = key_pair()
    made = world.services.devices.register(actor(person), payload("DeviceInput", label=label, public_key=jwk))
    return made, private


def signed(person, device_id, private, session="PAGI", when="2026-12-07T00:30:00.000Z", **change):
    text = f"kinerja-presensi|{person.nip}|{session}|||{when}"
    body = {"session": session, "device_id": device_id, "signed_at": when, "signature": p1363(private, text)}
    return payload("CheckIn", {**body, **change})


def test_the_rules_are_the_documented_defaults_until_hr_saves_them(world):
    hr = world.person(name="Hana")
    service = world.services.checkin_rules
    shown = service.rules(actor(hr, Role.KEPEGAWAIAN), SKPD)
    assert (shown["source"], shown["device_policy"], shown["device_limit"], shown["max_speed_kmh"]) == (
        "DEFAULT",
        "FLAG",
        2,
        200,
    )
    saved = set_rules(world, hr, device_limit=1, selfie_satkers=[SATKER], max_speed_kmh=150)
    assert (saved["source"], saved["version"], saved["policy_label"]) == ("SKPD", 1, "Ditolak")
    rules = service.rules_for(SKPD)
    assert rules.device_limit == 1 and rules.selfie_required(SATKER) and rules.max_speed_kmh == 150
    with pytest.raises(Conflict):
        set_rules(world, hr)  # version 0 again: stale
    with pytest.raises(NotFound):
        set_rules(world, hr, selfie_satkers=["LAIN"], version=1)
    with pytest.raises(ValidationError):
        set_rules(world, hr, device_limit=6, version=1)
    with pytest.raises(Forbidden):
        service.rules(actor(world.person()), SKPD)


def test_the_first_device_is_active_a_further_one_waits_for_hr_who_retires_the_oldest(world):
    hr, staff = world.person(name="Hana"), world.person(name="Dewi")
    set_rules(world, hr, device_limit=1)
    first, _ = register(world, staff, "Ponsel lama")
    assert (first["status"], first["status_label"]) == ("ACTIVE", "Aktif")
    second, _ = register(world, staff, "Ponsel baru")
    assert (second["status"], second["status_label"]) == ("PENDING", "Menunggu persetujuan kepegawaian")
    with pytest.raises(Conflict):
        register(world, staff, "Ponsel ketiga")  # one change at a time
    item_id = f"{staff.nip}.{second['device_id']}"
    hr_actor = actor(hr, Role.KEPEGAWAIAN)
    kinds = {k["kind"]: k["count"] for k in world.decisions.inbox(hr_actor)["kinds"]}
    assert kinds["device"] == 1
    with pytest.raises(Forbidden):  # nobody approves their own device
        world.decisions.decide(actor(staff, Role.KEPEGAWAIAN), "device", item_id, Decision(Verdict.APPROVE))
    world.decisions.decide(hr_actor, "device", item_id, Decision(Verdict.APPROVE, version=1))
    listed = world.services.devices.mine(actor(staff))
    assert [(d["label"], d["status"]) for d in listed["items"]] == [("Ponsel baru", "ACTIVE")]
    assert listed["device_limit"] == 1


def test_a_rejected_device_is_discarded(world):
    hr, staff = world.person(name="Hana"), world.person(name="Dewi")
    register(world, staff, "Ponsel lama")
    second, _ = register(world, staff, "Ponsel baru")
    item_id = f"{staff.nip}.{second['device_id']}"
    decision = Decision(Verdict.REJECT, note="Bukan perangkat dinas", version=1)
    world.decisions.decide(actor(hr, Role.KEPEGAWAIAN), "device", item_id, decision)
    assert [d["label"] for d in world.services.devices.mine(actor(staff))["items"]] == ["Ponsel lama"]


def test_refuse_takes_only_a_signature_of_an_active_device(world):
    hr, staff = world.person(name="Hana"), world.person(name="Dewi")
    set_rules(world, hr)
    attendance = world.services.attendance
    with pytest.raises(Forbidden) as unknown:
        attendance.check_in(actor(staff), payload("CheckIn", session="PAGI"))
    assert unknown.value.code == "UNKNOWN_DEVICE"
    device, private = register(world, staff)
    other_private = key_pair()[0]
    with pytest.raises(BusinessRule) as forged:
        attendance.check_in(actor(staff), signed(staff, device["device_id"], other_private))
    assert forged.value.code == "INVALID_SIGNATURE"
    with pytest.raises(BusinessRule):  # signed ten minutes ago
        attendance.check_in(actor(staff), signed(staff, device["device_id"], private, when="2026-12-07T00:20:00Z"))
    assert world.attendance.get(staff.nip, NOW.date()) is None  # nothing recorded
    done = attendance.check_in(actor(staff), signed(staff, device["device_id"], private))
    assert done["session"] == "PAGI"
    assert world.services.devices.mine(actor(staff))["items"][0]["last_used_at"] == NOW.isoformat()


def test_flag_records_an_unknown_device_with_its_reason_and_off_checks_nothing(world):
    hr, staff = world.person(name="Hana"), world.person(name="Dewi")
    devices = world.services.devices
    rules = world.services.checkin_rules
    set_rules(world, hr, device_policy="FLAG")
    unsigned = payload("CheckIn", session="PAGI")
    # never registered a device: not flagged (on rollout that is everyone; the check-in page asks them to register)
    assert devices.verify_check_in(actor(staff), unsigned, rules.rules_for(SKPD)) == []
    # with an active device, a check-in not signed by it (unsigned, or by a device still waiting for HR) is flagged
    device, private = register(world, staff)
    assert devices.verify_check_in(actor(staff), unsigned, rules.rules_for(SKPD)) == ["UNKNOWN_DEVICE"]
    pending, pending_key = register(world, staff, "Ponsel baru")
    by_pending = signed(staff, pending["device_id"], pending_key)
    assert devices.verify_check_in(actor(staff), by_pending, rules.rules_for(SKPD)) == ["UNKNOWN_DEVICE"]
    assert (
        devices.verify_check_in(actor(staff), signed(staff, device["device_id"], private), rules.rules_for(SKPD)) == []
    )
    set_rules(world, hr, device_policy="OFF", version=1)
    assert devices.verify_check_in(actor(staff), unsigned, rules.rules_for(SKPD)) == []


def test_refuse_refuses_someone_who_never_registered_without_reading_devices(world):
    hr, staff = world.person(name="Hana"), world.person(name="Dewi")
    set_rules(world, hr)
    devices = world.repositories.devices
    reads = []
    original = devices.of
    devices.of = lambda nip: reads.append(nip) or original(nip)  # type: ignore[method-assign]
    with pytest.raises(Forbidden) as refused:
        world.services.devices.verify_check_in(
            actor(staff), payload("CheckIn", session="PAGI"), world.services.checkin_rules.rules_for(SKPD)
        )
    assert refused.value.code == "UNKNOWN_DEVICE" and reads == []


def test_last_used_at_is_written_on_a_devices_first_check_in_of_the_day_only(world):
    hr, staff = world.person(name="Hana"), world.person(name="Dewi")
    set_rules(world, hr)
    device, private = register(world, staff)
    devices, rules = world.services.devices, world.services.checkin_rules.rules_for(SKPD)
    touched = []
    original = world.repositories.devices.touch
    world.repositories.devices.touch = lambda *a: touched.append(a[2]) or original(*a)  # type: ignore[method-assign]
    devices.verify_check_in(actor(staff), signed(staff, device["device_id"], private), rules)
    world.clock.advance(hours=9)  # 16.30 WIB the same day
    devices.verify_check_in(
        actor(staff), signed(staff, device["device_id"], private, "SORE", when="2026-12-07T09:30:00.000Z"), rules
    )
    world.clock.advance(hours=15)  # 07.30 WIB the next day
    devices.verify_check_in(
        actor(staff), signed(staff, device["device_id"], private, when="2026-12-08T00:30:00Z"), rules
    )
    assert touched == [NOW, at("2026-12-08 00:30")]
    assert world.services.devices.mine(actor(staff))["items"][0]["last_used_at"] == "2026-12-08T00:30:00+00:00"


def test_a_removed_device_no_longer_signs_and_hr_removes_a_lost_one(world):
    hr, staff = world.person(name="Hana"), world.person(name="Dewi")
    set_rules(world, hr)
    device, private = register(world, staff)
    removed = world.services.devices.remove(actor(staff), staff.nip, device["device_id"])
    assert removed["status"] == "REMOVED"
    with pytest.raises(Forbidden):
        world.services.attendance.check_in(actor(staff), signed(staff, device["device_id"], private))
    again, _ = register(world, staff)
    assert again["status"] == "PENDING"  # a replacement waits for HR: only the very first device is active at once
    hr_actor = actor(hr, Role.KEPEGAWAIAN)
    assert [d["device_id"] for d in world.services.devices.of_employee(hr_actor, staff.nip)["items"]] == [
        again["device_id"]
    ]
    world.services.devices.remove(hr_actor, staff.nip, again["device_id"])
    with pytest.raises(Forbidden):
        world.services.devices.remove(actor(world.person()), staff.nip, again["device_id"])
