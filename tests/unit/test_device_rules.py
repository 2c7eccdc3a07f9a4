"""The device binding's rules (issue 20) without any store: only the very first registration is active at once (a
replacement waits for HR), FLAG flags only someone with an active device, ``last_used_at`` is written once a day,
and HR changing an SKPD's check-in or discipline rules lands in their audit history."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from chalicelib.domain.accounts import Role
from chalicelib.domain.audit import AuditKind, skpd_rules_events
from chalicelib.domain.devices import DeviceStatus, flags_unsigned, last_use_due, registered
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.organisation import Satker, Skpd
from tests.support import payload
from tests.unit.world import SATKER, SKPD, Clock, World, actor, at

NOW = at("2026-12-07 00:30")  # Monday 07.30 WIB
WIB = ZoneInfo("Asia/Jakarta")


class Person:
    nip, skpd_id, satker_id = "199001012020012001", SKPD, SATKER


def device(status: DeviceStatus = DeviceStatus.ACTIVE, n: int = 0, others=()):
    made = registered(
        device_id=f"{n:032x}",
        employee=Person(),
        label="Ponsel",
        public_key={},
        thumbprint=f"t{n}",
        others=list(others),
        at=NOW,
    )
    return replace(made, status=status)


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        ((), DeviceStatus.ACTIVE),  # the very first registration
        ((DeviceStatus.REJECTED,), DeviceStatus.ACTIVE),  # a rejected device was never in use
        ((DeviceStatus.REMOVED,), DeviceStatus.PENDING),  # removed one's own, registers another: HR decides
        ((DeviceStatus.RETIRED,), DeviceStatus.PENDING),
        ((DeviceStatus.ACTIVE,), DeviceStatus.PENDING),
        ((DeviceStatus.REMOVED, DeviceStatus.REJECTED), DeviceStatus.PENDING),
    ],
)
def test_only_the_very_first_registration_is_active_at_once(history, expected):
    others = [device(status, n + 1) for n, status in enumerate(history)]
    assert (
        registered(
            device_id="f" * 32, employee=Person(), label="x", public_key={}, thumbprint="new", others=others, at=NOW
        ).status
        is expected
    )


def test_flag_flags_only_someone_with_an_active_device():
    assert not flags_unsigned([])
    assert not flags_unsigned([device(DeviceStatus.PENDING), device(DeviceStatus.REMOVED, 1)])
    assert flags_unsigned([device(DeviceStatus.REMOVED), device(DeviceStatus.ACTIVE, 1)])


def test_last_used_at_is_due_once_a_day_in_the_employees_zone():
    fresh = device()
    assert last_use_due(fresh, NOW, WIB)
    used = replace(fresh, last_used_at=NOW)
    assert not last_use_due(used, NOW + timedelta(hours=9), WIB)  # 16.30 WIB, the same day
    assert last_use_due(used, at("2026-12-07 17:00"), WIB)  # 00.00 WIB on 8 December (still the 7th in UTC)


def test_a_rules_change_names_each_changed_field_and_an_unchanged_save_records_nothing():
    before = {"device_policy": "FLAG", "device_limit": 2}
    kind = AuditKind.CHECKIN_RULES_CHANGED
    (event,) = skpd_rules_events(kind, "HR", NOW, skpd_id=SKPD, before=before, after={**before, "device_policy": "OFF"})
    assert (event.nip, event.by, event.kind) == ("HR", "HR", kind)
    assert event.details == {"skpd_id": SKPD, "changes": {"device_policy": ["FLAG", "OFF"]}}
    assert skpd_rules_events(kind, "HR", NOW, skpd_id=SKPD, before=before, after=before) == []


@pytest.fixture
def world() -> World:
    w = World(Clock(NOW))
    w.org.save_skpd(Skpd(SKPD, "Dinas Kesehatan", TimeZone.WIB))
    w.org.save_satker(Satker(SKPD, SATKER, "Puskesmas Kota", TimeZone.WIB))
    return w


def history(world: World, nip: str) -> list:
    return world.repositories.audit.history(nip, None, 10)[0]


def test_hr_switching_device_binding_off_is_in_their_audit_history(world):
    hr = world.person(name="Hana")
    body = payload("CheckInRulesInput", {"device_policy": "OFF", "version": 0})
    world.services.checkin_rules.set_rules(actor(hr, Role.KEPEGAWAIAN), SKPD, body)
    (event,) = history(world, hr.nip)
    assert event.kind is AuditKind.CHECKIN_RULES_CHANGED and event.by == hr.nip
    assert event.details == {"skpd_id": SKPD, "changes": {"device_policy": ["FLAG", "OFF"]}}


def test_hr_changing_the_discipline_rules_is_in_their_audit_history(world):
    hr = world.person(name="Hana")
    service = world.services.discipline_rules
    shown = service.rules(actor(hr, Role.KEPEGAWAIAN), SKPD)
    fields = {k: shown[k] for k in ("bands", "late", "early", "absent_per_day", "absent_full_after")}
    body = payload("DisciplineRulesInput", {**fields, "absent_per_day": 4.0, "version": 0})
    service.set_rules(actor(hr, Role.KEPEGAWAIAN), SKPD, body)
    (event,) = history(world, hr.nip)
    assert event.kind is AuditKind.DISCIPLINE_RULES_CHANGED
    assert event.details["changes"] == {"absent_per_day": [shown["absent_per_day"], 4.0]}
