"""One contract, two implementations: SKP heads and their approved versions, in memory and in DynamoDB Local — one
SKP per employee and year, the version check, the approval written with its snapshot, the versions newest first,
the batch read of a supervisor's staff, and the penilai's queue (only what is SUBMITTED, oldest first, paged)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain import skp as rules
from chalicelib.domain.errors import Conflict
from chalicelib.domain.skp import Indicator, RhkKind, SkpStatus, TargetDraft
from tests.support import make_nip

AT = datetime(2026, 1, 5, 2, 0, tzinfo=UTC)


@pytest.fixture(params=["memory", "dynamodb"])
def repo(request):
    if request.param == "memory":
        from chalicelib.store.memory.skp import InMemorySkpRepository

        return InMemorySkpRepository()
    request.getfixturevalue("stack")
    from chalicelib.store.skp import DynamoSkpRepository

    return DynamoSkpRepository()


def _ids():
    n = 0

    def make() -> str:
        nonlocal n
        n += 1
        return f"{n:012x}"

    return make


def drafted(repo, nip: str, *texts: str) -> rules.Skp:
    skp = repo.add(rules.create(nip, 2026, "SKPD-S", "SATKER-S", AT))
    drafts = [TargetDraft(t, RhkKind.UTAMA, (Indicator("Dokumen", 2.5, "dokumen"),)) for t in texts or ("Menyusun",)]
    return repo.save(rules.edit(skp, drafts, by=nip, now=AT, parents=set(), new_id=_ids()))


def test_one_skp_per_employee_and_year_and_the_version_check(repo):
    nip = make_nip()
    skp = drafted(repo, nip, "Menyusun laporan", "Mengolah data")
    assert skp.version == 2
    stored = repo.get(skp.skp_id)
    assert stored == skp
    assert [t.indicators[0].target for t in stored.targets] == [2.5, 2.5]
    with pytest.raises(Conflict) as exists:
        repo.add(rules.create(nip, 2026, "SKPD-S", "SATKER-S", AT))
    assert exists.value.code == "SKP_EXISTS"
    with pytest.raises(Conflict) as stale:
        repo.save(replace(stored, version=1, note="lama"))
    assert stale.value.code == "CONFLICT"
    assert repo.get(f"{make_nip()}.2026") is None


def test_an_approval_keeps_its_snapshot_and_versions_come_newest_first(repo):
    nip, boss = make_nip(), make_nip()
    skp = repo.save(rules.submit(drafted(repo, nip, "Versi satu"), by=nip, penilai_nip=boss, now=AT))
    approved, first = rules.approve(skp, by=boss, now=AT + timedelta(hours=1))
    skp = repo.approve(approved, first)
    assert (skp.status, skp.approved_version, skp.version) == (SkpStatus.APPROVED, 1, 4)
    edit = [TargetDraft("Versi dua", RhkKind.UTAMA, (Indicator("x", 1, "%"),))]
    skp = repo.save(rules.edit(skp, edit, by=nip, now=AT, parents=set(), new_id=_ids()))
    skp = repo.save(rules.submit(skp, by=nip, penilai_nip=boss, now=AT))
    approved, second = rules.approve(skp, by=boss, now=AT + timedelta(hours=2))
    skp = repo.approve(approved, second)
    versions = repo.versions(skp.skp_id)
    assert [(v.approved_version, v.targets[0].text, v.approved_by) for v in versions] == [
        (2, "Versi dua", boss),
        (1, "Versi satu", boss),
    ]
    assert versions[1].approved_at == AT + timedelta(hours=1)
    assert repo.get(skp.skp_id) == skp
    # an approval of a version already stored (two deciders at once) is refused as a whole
    with pytest.raises(Conflict):
        repo.approve(replace(approved, version=skp.version), second)
    assert repo.get(skp.skp_id).version == skp.version


def test_the_penilai_queue_holds_only_what_is_submitted_oldest_first(repo):
    boss = make_nip()
    waiting = []
    for hour in (3, 1, 2):
        nip = make_nip()
        skp = repo.save(rules.submit(drafted(repo, nip), by=nip, penilai_nip=boss, now=AT + timedelta(hours=hour)))
        waiting.append(skp)
    returned = rules.return_(waiting[2], by=boss, now=AT, note="Perbaiki")
    repo.save(returned)
    assert repo.count_pending(boss) == 2
    first, cursor = repo.pending_for(boss, None, 1)
    assert [s.skp_id for s in first] == [waiting[1].skp_id] and cursor
    rest, _ = repo.pending_for(boss, cursor, 10)
    assert [s.skp_id for s in rest] == [waiting[0].skp_id]
    assert repo.count_pending(make_nip()) == 0


def test_many_reads_the_staffs_heads_that_exist(repo):
    made = [drafted(repo, make_nip()) for _ in range(3)]
    ids = [s.skp_id for s in made] + [f"{make_nip()}.2026"]
    found = repo.many(ids)
    assert set(found) == {s.skp_id for s in made}
    assert repo.many([]) == {}
