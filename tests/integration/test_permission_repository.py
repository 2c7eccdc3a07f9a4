"""One contract, two implementations: permission requests (izin) in memory and in DynamoDB Local — a read by id,
the version check, a day's and a month's permissions, the employee's own newest date first (paged), and the
supervisor's queue (only what is SUBMITTED, oldest submission first, paged, counted)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from chalicelib.domain.discipline import permissions as rules
from chalicelib.domain.discipline.permissions import PermissionKind, PermissionStatus
from chalicelib.domain.errors import Conflict
from tests.support import make_nip, unique

AT = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)


@pytest.fixture(params=["memory", "dynamodb"])
def repo(request):
    if request.param == "memory":
        from chalicelib.store.memory.permissions import InMemoryPermissionRepository

        return InMemoryPermissionRepository()
    request.getfixturevalue("stack")
    from chalicelib.store.permissions import DynamoPermissionRepository

    return DynamoPermissionRepository()


def permission(nip: str, day: date, boss: str, *, minutes: int = 0, kind=PermissionKind.IZIN_TERLAMBAT, slot: int = 0):
    token = rules.slot_token(slot, f"{unique():010x}"[-10:])
    keluar = kind is PermissionKind.IZIN_KELUAR_KANTOR
    return rules.Permission(
        permission_id=rules.permission_id(nip, day, token),
        reference=rules.reference(2026, unique() % 1_000_000),
        nip=nip,
        skpd_id="SKPD-P",
        satker_id="SATKER-P",
        kind=kind,
        day=day,
        reason="Mengantar anak berobat",
        status=PermissionStatus.SUBMITTED,
        submitted_at=AT + timedelta(minutes=minutes),
        start=time(9, 0) if keluar else None,
        end=time(11, 0) if keluar else None,
        supervisor_nip=boss,
    )


def test_read_by_id_and_the_version_check(repo):
    nip, boss = make_nip(), make_nip()
    saved = repo.add(permission(nip, date(2026, 12, 8), boss, kind=PermissionKind.IZIN_KELUAR_KANTOR))
    assert saved.version == 1 and repo.get(saved.permission_id) == saved
    assert (saved.start, saved.end) == (time(9, 0), time(11, 0))
    decided = rules.decide(saved, PermissionStatus.APPROVED, by=boss, at=AT, note="Silakan")
    stored = repo.save(decided)
    assert stored.version == 2 and repo.get(saved.permission_id) == stored
    assert stored.history[-1].changes["status"] == ["SUBMITTED", "APPROVED"]
    with pytest.raises(Conflict) as stale:
        repo.save(replace(decided, note="lama"))
    assert stale.value.code == "CONFLICT"
    for unknown in (f"{nip}.2026-12-08.000000000000", "bukan-id", f"{nip}.20261208.{'a' * 12}"):
        assert repo.get(unknown) is None


def test_two_requests_racing_for_one_day_cannot_both_be_stored(repo):
    """Both read the day empty and take its slot 00: the second write is refused, the next slot is free."""
    nip, boss, day = make_nip(), make_nip(), date(2026, 12, 9)
    first = repo.add(permission(nip, day, boss))
    with pytest.raises(Conflict) as raced:
        repo.add(permission(nip, day, boss, kind=PermissionKind.IZIN_TIDAK_MASUK))
    assert raced.value.code == "CONFLICT"
    second = repo.add(permission(nip, day, boss, kind=PermissionKind.IZIN_PULANG_CEPAT, slot=1))
    assert [p.permission_id for p in repo.between(nip, day, day)] == [first.permission_id, second.permission_id]
    assert repo.get(second.permission_id) == second
    guessed = second.permission_id[:-10] + "0" * 10  # the right slot, another token: not found
    assert repo.get(guessed) is None


def test_a_day_a_month_and_the_own_list_newest_first(repo):
    nip, boss = make_nip(), make_nip()
    days = [date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 15), date(2026, 12, 31), date(2027, 1, 4)]
    made = [repo.add(permission(nip, d, boss)) for d in days]
    repo.add(permission(make_nip(), date(2026, 12, 15), boss))  # someone else's day
    assert [p.day for p in repo.between(nip, date(2026, 12, 1), date(2026, 12, 31))] == days[1:4]
    assert [p.permission_id for p in repo.between(nip, days[2], days[2])] == [made[2].permission_id]
    first, cursor = repo.list_own(nip, first=None, last=None, cursor=None, limit=3)
    assert [p.day for p in first] == days[::-1][:3] and cursor
    rest, end = repo.list_own(nip, first=None, last=None, cursor=cursor, limit=3)
    assert [p.day for p in rest] == days[::-1][3:] and end is None
    ranged, _ = repo.list_own(nip, first=date(2026, 12, 1), last=date(2026, 12, 31), cursor=None, limit=10)
    assert [p.day for p in ranged] == days[1:4][::-1]


def test_the_supervisor_queue_holds_only_what_waits_oldest_first(repo):
    boss, nip = make_nip(), make_nip()
    waiting = [repo.add(permission(nip, date(2026, 12, 8 + n), boss, minutes=10 - n)) for n in range(3)]
    repo.add(permission(nip, date(2026, 12, 14), make_nip()))  # another supervisor's
    assert repo.count_pending(boss) == 3
    page, cursor = repo.pending_for(boss, None, 2)
    assert [p.permission_id for p in page] == [waiting[2].permission_id, waiting[1].permission_id] and cursor
    rest, _ = repo.pending_for(boss, cursor, 2)
    assert [p.permission_id for p in rest] == [waiting[0].permission_id]
    repo.save(rules.decide(waiting[0], PermissionStatus.REJECTED, by=boss, at=AT, note="Tidak"))
    repo.save(rules.withdraw(waiting[1], by=nip, at=AT))
    assert repo.count_pending(boss) == 1
    assert [p.permission_id for p in repo.pending_for(boss, None, 10)[0]] == [waiting[2].permission_id]
