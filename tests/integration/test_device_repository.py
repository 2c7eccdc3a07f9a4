"""One contract, two implementations: check-in devices and an SKPD's check-in rules (issue 20) in memory and
DynamoDB — a device's round trip, HR's sparse queue of pending devices (per SKPD and for every SKPD), the
versioned writes, ``touch`` of the last use, and the rules' item beside the SKPD's."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.checkin_rules import CheckInRules, DevicePolicy
from chalicelib.domain.devices import Device, DeviceStatus, decide
from chalicelib.domain.errors import Conflict
from chalicelib.domain.history import HistoryEntry
from chalicelib.domain.identity import TimeZone
from tests.support import make_nip

T0 = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)


@pytest.fixture(params=["memory", "dynamodb"])
def repos(request):
    if request.param == "memory":
        from chalicelib.store.memory.checkin_rules import InMemoryCheckInRules
        from chalicelib.store.memory.devices import InMemoryDeviceRepository

        return InMemoryDeviceRepository(), InMemoryCheckInRules()
    request.getfixturevalue("stack")
    from chalicelib.store.checkin_rules import DynamoCheckInRules
    from chalicelib.store.devices import DynamoDeviceRepository

    return DynamoDeviceRepository(), DynamoCheckInRules()


def device(nip: str, skpd: str, status: DeviceStatus, at: datetime, label: str = "Ponsel") -> Device:
    return Device(
        uuid.uuid4().hex,
        nip,
        skpd,
        "S1",
        label,
        {"kty": "EC", "crv": "P-256", "x": "x" * 43, "y": "y" * 43},
        uuid.uuid4().hex,
        status,
        at,
        activated_at=at if status is DeviceStatus.ACTIVE else None,
        history=(HistoryEntry(at, nip, "REGISTERED", {"status": [None, status.value]}),),
    )


class TestDeviceContract:
    def test_round_trip_of_and_touch(self, repos):
        devices, _ = repos
        nip, skpd = make_nip(), f"T{uuid.uuid4().hex[:10].upper()}"
        first = devices.add(device(nip, skpd, DeviceStatus.ACTIVE, T0))
        assert first.version == 1 and devices.get(nip, first.device_id) == first
        assert devices.get(nip, uuid.uuid4().hex) is None and devices.get(make_nip(), first.device_id) is None
        second = devices.add(device(nip, skpd, DeviceStatus.PENDING, T0 + timedelta(hours=1)))
        assert {d.device_id for d in devices.of(nip)} == {first.device_id, second.device_id}
        devices.touch(nip, first.device_id, T0 + timedelta(days=1))
        touched = devices.get(nip, first.device_id)
        assert touched.last_used_at == T0 + timedelta(days=1) and touched.version == first.version

    def test_the_queue_holds_only_what_is_pending_and_a_stale_write_is_refused(self, repos):
        devices, _ = repos
        skpd = f"T{uuid.uuid4().hex[:10].upper()}"
        older = devices.add(device(make_nip(), skpd, DeviceStatus.PENDING, T0))
        newer = devices.add(device(make_nip(), skpd, DeviceStatus.PENDING, T0 + timedelta(minutes=5)))
        devices.add(device(make_nip(), skpd, DeviceStatus.ACTIVE, T0))
        assert devices.count_pending(skpd) == 2
        page, cursor = devices.pending(skpd, None, 1)
        assert [d.device_id for d in page] == [older.device_id] and cursor
        page, cursor = devices.pending(skpd, cursor, 1)
        assert [d.device_id for d in page] == [newer.device_id]
        assert older.device_id in {d.device_id for d in devices.pending(None, None, 100)[0]} or (
            devices.count_pending(None) > 100
        )
        decided = decide(older, True, by=make_nip(), at=T0 + timedelta(hours=1), note=None, on_behalf_of=None)
        saved = devices.save(decided)
        assert saved.version == 2 and saved.status is DeviceStatus.ACTIVE
        assert devices.get(older.nip, older.device_id) == saved
        assert devices.count_pending(skpd) == 1
        with pytest.raises(Conflict):
            devices.save(replace(decided, label="Lagi"))  # version 1 was read, 2 is stored
        with pytest.raises(Conflict):
            devices.add(replace(saved, version=0))  # the id is taken


class TestCheckInRulesContract:
    def test_version_zero_creates_a_stale_version_is_refused(self, repos):
        _, rules = repos
        skpd = f"T{uuid.uuid4().hex[:10].upper()}"
        assert rules.get(skpd) is None
        made = CheckInRules(DevicePolicy.REFUSE, 3, frozenset({"S1", "S2"}), 150)
        saved = rules.save(skpd, made, TimeZone.WITA)
        assert saved == replace(made, version=1) and rules.get(skpd) == saved
        with pytest.raises(Conflict):
            rules.save(skpd, made, TimeZone.WITA)
        again = rules.save(skpd, replace(saved, device_policy=DevicePolicy.OFF), TimeZone.WITA)
        assert rules.get(skpd) == again and again.version == 2
