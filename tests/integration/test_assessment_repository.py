"""One contract, two implementations: quarterly assessments in their SKP's partition, in memory and in DynamoDB
Local — a new one only once, then only the version read; read back whole; the employee's waiting ones; and the
fourth quarter's acknowledgement landing with the closed SKP head, or not at all when the head is stale; a
quarter's predicates of an SKPD (satker then NIP order, one satker) and of a supervisor's staff (by their keys)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from chalicelib.domain import quarter_assessment as qa
from chalicelib.domain import skp as rules
from chalicelib.domain.assessment import Predicate, Rating
from chalicelib.domain.errors import Conflict
from chalicelib.domain.skp import Indicator, RhkKind, SkpStatus, TargetDraft
from tests.support import make_nip

AT = datetime(2026, 10, 5, 2, 0, tzinfo=UTC)


@pytest.fixture(params=["memory", "dynamodb"])
def repos(request):
    if request.param == "memory":
        from chalicelib.store.memory.assessments import InMemoryAssessmentRepository
        from chalicelib.store.memory.skp import InMemorySkpRepository

        skp = InMemorySkpRepository()
        return skp, InMemoryAssessmentRepository(skp)
    request.getfixturevalue("stack")
    from chalicelib.store.assessments import DynamoAssessmentRepository
    from chalicelib.store.skp import DynamoSkpRepository

    return DynamoSkpRepository(), DynamoAssessmentRepository()


def approved(skp_repo, nip: str, penilai: str, skpd: str = "SKPD-A", satker: str = "SATKER-A") -> rules.Skp:
    skp = skp_repo.add(rules.create(nip, 2026, skpd, satker, AT))
    drafts = [TargetDraft("Menyusun laporan", RhkKind.UTAMA, (Indicator("Laporan", 4, "laporan"),))]
    skp = skp_repo.save(rules.edit(skp, drafts, by=nip, now=AT, parents=set(), new_id=lambda: "a1b2c3d4e5f6"))
    skp = skp_repo.save(rules.submit(skp, by=nip, penilai_nip=penilai, now=AT))
    head, snapshot = rules.approve(skp, by=penilai, now=AT)
    return skp_repo.approve(head, snapshot)


def draft(**notes: str) -> qa.Draft:
    return qa.Draft(
        Rating.SESUAI_EKSPEKTASI,
        Rating.DI_BAWAH_EKSPEKTASI,
        (qa.Realisation("a1b2c3d4e5f6", 0, "4 laporan"),),
        "Perbaiki kedisiplinan.",
        notes,
    )


def test_written_once_then_by_version_read_back_whole_and_waiting(repos):
    skp_repo, repo = repos
    nip, penilai = make_nip(), make_nip()
    skp = approved(skp_repo, nip, penilai)
    first = qa.assess(skp, 2, draft(Loyal="Sering terlambat."), None, by=penilai, for_nip=None, now=AT)
    saved = repo.save(first)
    assert saved.version == 1
    assert repo.get(skp.skp_id, 2) == saved
    assert (saved.predicate.value, dict(saved.value_notes or {})) == ("KURANG", {"Loyal": "Sering terlambat."})
    with pytest.raises(Conflict):
        repo.save(first)  # a second "first" assessment
    changed = repo.save(qa.assess(skp, 2, draft(), saved, by=penilai, for_nip=None, now=AT))
    assert changed.version == 2
    with pytest.raises(Conflict):
        repo.save(replace(changed, version=1))
    assert repo.get(skp.skp_id, 3) is None
    assert [a.quarter for a in repo.of_skp(skp.skp_id)] == [2]
    assert [a.item_id for a in repo.waiting([skp.skp_id, rules.skp_id_of(nip, 2025)])] == [f"{skp.skp_id}.Q2"]
    done = repo.acknowledge(qa.acknowledge(changed, by=nip, now=AT), None)
    assert (done.status, done.version, repo.waiting([skp.skp_id])) == (qa.AssessmentStatus.ACKNOWLEDGED, 3, [])


def test_the_fourth_quarter_closes_the_head_in_the_same_write(repos):
    skp_repo, repo = repos
    nip, penilai = make_nip(), make_nip()
    skp = approved(skp_repo, nip, penilai)
    q4 = repo.save(qa.assess(skp, 4, draft(), None, by=penilai, for_nip=None, now=AT))
    acknowledged = qa.acknowledge(q4, by=nip, now=AT)
    with pytest.raises(Conflict):  # a stale head: neither lands
        repo.acknowledge(acknowledged, rules.close(replace(skp, version=skp.version - 1), by=nip, now=AT))
    assert repo.get(skp.skp_id, 4).status is qa.AssessmentStatus.ASSESSED
    repo.acknowledge(acknowledged, rules.close(skp_repo.get(skp.skp_id), by=nip, now=AT))
    assert repo.get(skp.skp_id, 4).status is qa.AssessmentStatus.ACKNOWLEDGED
    assert skp_repo.get(skp.skp_id).status is SkpStatus.CLOSED


def test_a_quarters_predicates_of_an_skpd_one_satker_and_by_keys(repos):
    skp_repo, repo = repos
    skpd, penilai = f"S{uuid.uuid4().hex[:8].upper()}", make_nip()
    people = [(make_nip(), "SAT-B"), (make_nip(), "SAT-A"), (make_nip(), "SAT-B")]
    sheets = [approved(skp_repo, nip, penilai, skpd, satker) for nip, satker in people]
    ratings = [Rating.DI_ATAS_EKSPEKTASI, Rating.SESUAI_EKSPEKTASI, Rating.DI_BAWAH_EKSPEKTASI]
    for skp, rating in zip(sheets, ratings, strict=True):
        written = qa.assess(skp, 3, replace(draft(), results=rating), None, by=penilai, for_nip=None, now=AT)
        saved = repo.save(written)
    repo.save(qa.assess(sheets[0], 2, draft(), None, by=penilai, for_nip=None, now=AT))  # another quarter
    repo.acknowledge(qa.acknowledge(saved, by=saved.nip, now=AT), None)

    lines = list(repo.predicates_in_skpd(skpd, 2026, 3))
    expected = sorted((satker, nip) for nip, satker in people)
    assert [(x.satker_id, x.nip) for x in lines] == expected
    by_nip = {x.nip: x for x in lines}
    first, last = by_nip[people[0][0]], by_nip[people[2][0]]
    assert (first.predicate, first.penilai_nip, first.acknowledged_at) == (Predicate.KURANG, penilai, None)
    assert (last.predicate, last.results, last.acknowledged_at) == (Predicate.SANGAT_KURANG, ratings[2], AT)
    assert [x.nip for x in repo.predicates_in_skpd(skpd, 2026, 3, "SAT-A")] == [people[1][0]]
    assert list(repo.predicates_in_skpd(skpd, 2026, 4)) == []
    assert list(repo.predicates_in_skpd(skpd, 2025, 3)) == []

    keys = [s.skp_id for s in sheets] + [rules.skp_id_of(make_nip(), 2026)]  # one without an SKP
    found = repo.of_quarter(keys, 3)
    assert sorted(a.nip for a in found) == sorted(nip for nip, _ in people)
    assert {a.satker_id for a in found} == {"SAT-A", "SAT-B"}
    assert repo.of_quarter([], 3) == []
