"""One contract, two implementations: tracked citizen requests (issue 22) in memory and DynamoDB — a request's
round trip by tracking number, the versioned writes, the first office's list by state, the second office's sparse
list (nothing before ready) and its READY queue with COUNT, and paging with cursors."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.citizen_requests import RequestState, UpdateKind, cancel, mark_ready, new_request, process
from chalicelib.domain.errors import Conflict
from chalicelib.domain.tracking import new_tracking_number

T0 = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)


@pytest.fixture(params=["memory", "dynamodb"])
def requests(request):
    if request.param == "memory":
        from chalicelib.store.memory.citizen_requests import InMemoryCitizenRequests

        return InMemoryCitizenRequests()
    request.getfixturevalue("stack")
    from chalicelib.store.citizen_requests import DynamoCitizenRequests

    return DynamoCitizenRequests()


def office() -> str:
    return f"T{uuid.uuid4().hex[:10].upper()}"


def made(origin: str, target: str, at: datetime, name: str = "Siti Aminah"):
    return new_request(
        new_tracking_number("LY", 2026),
        origin_skpd=origin,
        target_skpd=target,
        citizen_name=name,
        whatsapp="6281200000001",
        email="siti@example.org",
        case_number="123/Pdt.G/2026/MS.Lsm",
        updates=(UpdateKind.KK, UpdateKind.AKTA),
        description="Cerai gugat",
        by="198806122010012005",
        at=at,
    )


class TestCitizenRequestContract:
    def test_round_trip_and_versioned_writes(self, requests):
        first = requests.add(made(office(), office(), T0))
        assert first.version == 1 and requests.get(first.tracking) == first
        assert requests.get(new_tracking_number("LY", 2026)) is None
        with pytest.raises(Conflict):
            requests.add(first)  # the number is taken
        ready = requests.save(mark_ready(first, by="A", at=T0, note="Inkrah", document_ref="PUT-1"))
        assert ready.version == 2 and requests.get(first.tracking) == ready
        with pytest.raises(Conflict):
            requests.save(cancel(first, by="A", at=T0, reason="stale"))  # version 1 is gone
        done = requests.save(process(ready, done=True, by="B", at=T0 + timedelta(hours=1), note=None))
        assert requests.get(first.tracking) == done and done.steps[-1].at == T0 + timedelta(hours=1)

    def test_each_office_lists_by_state_and_the_second_sees_nothing_before_ready(self, requests):
        origin, target = office(), office()
        a = requests.add(made(origin, target, T0))
        b = requests.add(made(origin, target, T0 + timedelta(minutes=1)))
        c = requests.add(made(origin, target, T0 + timedelta(minutes=2)))

        def listed(skpd, *, target_side=False, state=None, cursor=None, limit=20):
            items, after = requests.of_office(skpd, target=target_side, state=state, cursor=cursor, limit=limit)
            return [r.tracking for r in items], after

        assert listed(origin, state=RequestState.RECORDED)[0] == [c.tracking, b.tracking, a.tracking]
        assert listed(target, target_side=True) == ([], None)
        assert listed(origin, target_side=True) == ([], None) and listed(target) == ([], None)
        assert requests.count_ready(target) == 0

        a2 = requests.save(mark_ready(a, by="A", at=T0 + timedelta(hours=1), note=None, document_ref=None))
        b2 = requests.save(mark_ready(b, by="A", at=T0 + timedelta(hours=2), note=None, document_ref=None))
        assert listed(target, target_side=True, state=RequestState.READY)[0] == [b.tracking, a.tracking]
        queue, _ = requests.ready_for(target, None, 20)
        assert [r.tracking for r in queue] == [a.tracking, b.tracking] and requests.count_ready(target) == 2
        assert listed(origin, state=RequestState.RECORDED)[0] == [c.tracking]

        requests.save(process(a2, done=True, by="B", at=T0 + timedelta(hours=3), note=None))
        requests.save(process(b2, done=False, by="B", at=T0 + timedelta(hours=3), note="Kurang"))
        assert requests.count_ready(target) == 0
        assert listed(target, target_side=True, state=RequestState.DONE)[0] == [a.tracking]
        assert listed(target, target_side=True, state=RequestState.RETURNED)[0] == [b.tracking]
        assert listed(origin, state=RequestState.RETURNED)[0] == [b.tracking]

        first, cursor = listed(origin, limit=2)
        rest, end = listed(origin, cursor=cursor, limit=2)
        assert cursor and end is None and sorted(first + rest) == sorted([a.tracking, b.tracking, c.tracking])
