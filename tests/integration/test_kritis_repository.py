"""One contract, two implementations: Kritis items (issue 22) in memory and DynamoDB — a round trip by tracking
number, a number taken, versioned writes, the per-SKPD state lists and their counts, the sparse index of items
waiting for leadership and the once-a-day reminder mark."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from chalicelib.domain.errors import Conflict
from chalicelib.domain.kritis import Filing, KritisKind, KritisState, forward, new_kritis
from chalicelib.domain.tracking import new_tracking_number
from tests.support import unique

T0 = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


@pytest.fixture(params=["memory", "dynamodb"])
def repo(request):
    if request.param == "memory":
        from chalicelib.store.memory.kritis import InMemoryKritisRepository

        return InMemoryKritisRepository()
    request.getfixturevalue("stack")
    from chalicelib.store.kritis import DynamoKritisRepository

    return DynamoKritisRepository()


def _item(skpd: str, at: datetime, contact: str | None = "6281234567890"):
    filing = Filing(skpd, KritisKind.SARAN, "Mohon ruang tunggu diberi kipas angin.", contact, None)
    return new_kritis(new_tracking_number("KR", 2026), filing, at, "kritis/x/photo.jpg")


def test_an_item_round_trips_and_its_number_is_taken_once(repo):
    skpd = f"SKPD-{unique()}"
    item = _item(skpd, T0)
    saved = repo.add(item)
    assert saved is not None and saved.version == 1
    assert repo.get(item.tracking) == saved
    assert repo.add(item) is None
    assert repo.get("KR-2026-00000000") is None


def test_writes_are_conditional_on_the_version_read(repo):
    saved = repo.add(_item(f"SKPD-{unique()}", T0))
    moved = repo.save(forward(saved, "Ringkasan.", by="198806122010012005", at=T0 + timedelta(hours=1)))
    assert moved.version == 2 and repo.get(saved.tracking).summary == "Ringkasan."
    with pytest.raises(Conflict):
        repo.save(replace(saved, summary="basi"))


def test_an_skpds_items_are_listed_and_counted_per_state(repo):
    skpd = f"SKPD-{unique()}"
    first, second, third = (repo.add(_item(skpd, T0 + timedelta(minutes=n))) for n in range(3))
    repo.add(_item(f"SKPD-{unique()}", T0))  # another SKPD's
    repo.save(forward(second, "Diteruskan.", by="198806122010012005", at=T0 + timedelta(hours=1)))
    assert repo.count_in_state(skpd, KritisState.BARU) == 2
    assert repo.count_in_state(skpd, KritisState.DITERUSKAN) == 1
    page, cursor = repo.in_state(skpd, KritisState.BARU, None, 1)
    assert [i.tracking for i in page] == [first.tracking] and cursor
    page, cursor = repo.in_state(skpd, KritisState.BARU, cursor, 1)
    assert [i.tracking for i in page] == [third.tracking]
    newest, _ = repo.in_state(skpd, KritisState.BARU, None, 5, newest_first=True)
    assert [i.tracking for i in newest] == [third.tracking, first.tracking]


def test_items_waiting_for_leadership_are_found_before_a_cutoff_and_reminded_once_a_day(repo):
    skpd = f"SKPD-{unique()}"
    old = repo.add(_item(skpd, T0))
    recent = repo.add(_item(skpd, T0))
    old = repo.save(forward(old, "Lama.", by="198806122010012005", at=T0))
    recent = repo.save(forward(recent, "Baru.", by="198806122010012005", at=T0 + timedelta(days=3)))
    found, cursor = [], None
    while True:
        page, cursor = repo.awaiting_decision(T0 + timedelta(days=1), cursor, 50)
        found += page
        if not cursor:
            break
    mine = [f for f in found if f[1] == skpd]
    assert mine == [(old.tracking, skpd, None)]
    day = date(2026, 12, 4)
    assert repo.mark_reminded(old.tracking, day) is True
    assert repo.mark_reminded(old.tracking, day) is False
    assert repo.mark_reminded(old.tracking, day + timedelta(days=1)) is True
    assert repo.mark_reminded(recent.tracking, day) is True
    assert repo.get(old.tracking).version == old.version  # a mark leaves the version alone
    decided = replace(repo.get(recent.tracking), state=KritisState.DIPUTUSKAN)
    repo.save(decided)
    assert repo.mark_reminded(recent.tracking, day + timedelta(days=1)) is False
    again, _ = repo.awaiting_decision(T0 + timedelta(days=10), None, 1000)
    assert recent.tracking not in {f[0] for f in again}


def test_items_never_forwarded_are_found_by_filing_time_and_leave_once_moved_on(repo):
    skpd = f"SKPD-{unique()}"
    old = repo.add(_item(skpd, T0))
    older = repo.add(_item(skpd, T0 - timedelta(hours=1)))
    recent = repo.add(_item(skpd, T0 + timedelta(days=3)))
    forwarded = repo.save(forward(repo.add(_item(skpd, T0)), "Diteruskan.", by="198806122010012005", at=T0))

    def waiting(state: KritisState, before: datetime) -> list[tuple[str, str, date | None]]:
        found, cursor = [], None
        while True:
            page, cursor = repo.awaiting_decision(before, cursor, 1, state=state)
            found += page
            if not cursor:
                return [f for f in found if f[1] == skpd]

    cutoff = T0 + timedelta(days=1)
    assert waiting(KritisState.BARU, cutoff) == [(older.tracking, skpd, None), (old.tracking, skpd, None)]
    assert [f[0] for f in waiting(KritisState.DITERUSKAN, cutoff)] == [forwarded.tracking]
    day = date(2026, 12, 4)
    assert repo.mark_reminded(old.tracking, day) is True
    assert repo.mark_reminded(old.tracking, day) is False
    assert waiting(KritisState.BARU, cutoff)[1] == (old.tracking, skpd, day)
    repo.save(replace(repo.get(old.tracking), state=KritisState.DITUTUP))
    assert [f[0] for f in waiting(KritisState.BARU, cutoff)] == [older.tracking]
    assert repo.mark_reminded(old.tracking, day + timedelta(days=1)) is False
    assert recent.tracking not in {f[0] for f in waiting(KritisState.BARU, cutoff)}
