"""One contract, two implementations: the archive's category list, profiles and documents, in memory and in
DynamoDB Local."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.archive import (
    DEFAULT_CATEGORIES,
    AppliesTo,
    ArchiveProfile,
    Category,
    Condition,
    Document,
    DocumentStatus,
    Group,
)
from chalicelib.domain.errors import Conflict, ValidationError
from tests.support import make_nip, unique

T0 = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)


@pytest.fixture(params=["memory", "dynamodb"])
def catalog(request):
    if request.param == "memory":
        from chalicelib.store.memory import InMemoryArchiveCatalog

        return InMemoryArchiveCatalog()
    request.getfixturevalue("stack")
    from chalicelib.store.archive import DynamoArchiveCatalog

    return DynamoArchiveCatalog(catalog=f"TEST-{unique()}")  # the real list stays untouched


@pytest.fixture(params=["memory", "dynamodb"])
def repo(request):
    if request.param == "memory":
        from chalicelib.store.memory import InMemoryArchiveRepository

        return InMemoryArchiveRepository()
    request.getfixturevalue("stack")
    from chalicelib.store.archive import DynamoArchiveRepository

    return DynamoArchiveRepository()


class TestArchiveCatalogContract:
    def test_seed_creates_what_is_missing_and_never_overwrites(self, catalog):
        assert catalog.all() == []
        catalog.seed(list(DEFAULT_CATEGORIES[:3]))
        first = catalog.get("SK-CPNS")
        assert first is not None and first.version == 1 and first.applies_to is AppliesTo.CPNS_PNS
        catalog.save(replace(first, name="SK CPNS (diubah)"))
        catalog.seed(list(DEFAULT_CATEGORIES))  # a second first use, racing or late
        assert catalog.get("SK-CPNS").name == "SK CPNS (diubah)"
        assert [c.code for c in catalog.all()] == sorted(c.code for c in DEFAULT_CATEGORIES)

    def test_create_then_only_the_version_read(self, catalog):
        made = catalog.save(Category("SK-CUTI", "SK cuti besar", Group.KONDISIONAL, AppliesTo.PNS, max_kb=300))
        assert made.version == 1 and catalog.get("SK-CUTI") == made
        with pytest.raises(Conflict) as taken:
            catalog.save(replace(made, version=0))
        assert taken.value.code == "CATEGORY_EXISTS"
        retired = catalog.save(replace(made, active=False))
        assert retired.version == 2 and catalog.get("SK-CUTI").active is False
        with pytest.raises(Conflict) as stale:
            catalog.save(replace(made, name="Basi"))
        assert stale.value.code == "CONFLICT"
        assert catalog.get("TIDAK-ADA") is None


def _document(nip: str, category: str, unit=("SKPD-A", "SAT-1"), at=T0, status=DocumentStatus.SUBMITTED) -> Document:
    return Document(nip, category, status, f"archive/{nip}/{category}.pdf", "a.pdf", "application/pdf", 100, at, *unit)


class TestArchiveRepositoryContract:
    def test_profiles_default_and_declared(self, repo):
        nip, other = make_nip(), make_nip()
        assert repo.profile(nip) == ArchiveProfile(nip)
        saved = repo.save_profile(
            ArchiveProfile(nip, conditions=frozenset({Condition.MENIKAH, Condition.MEMILIKI_ANAK}))
        )
        assert saved == ArchiveProfile(nip, conditions=frozenset({Condition.MENIKAH, Condition.MEMILIKI_ANAK}))
        cleared = repo.save_profile(replace(saved, conditions=frozenset()))
        assert cleared == ArchiveProfile(nip)
        assert repo.profiles({nip, other}) == {nip: cleared, other: ArchiveProfile(other)}
        assert repo.profiles(set()) == {}

    def test_documents_move_the_profile_states_with_them(self, repo):
        nip = make_nip()
        repo.save_profile(ArchiveProfile(nip, conditions=frozenset({Condition.MENIKAH})))
        ktp = repo.put(_document(nip, "KTP"), None)
        npwp = repo.put(_document(nip, "NPWP"), None)
        assert ktp.version == 1 and repo.get(nip, "KTP") == ktp
        approved = repo.put(replace(ktp, status=DocumentStatus.APPROVED, decided_by="x", decided_at=T0), ktp)
        assert approved.version == 2
        profile = repo.profile(nip)
        assert profile.states == {"KTP": DocumentStatus.APPROVED, "NPWP": DocumentStatus.SUBMITTED}
        assert profile.conditions == {Condition.MENIKAH}  # untouched by document writes
        replaced = repo.put(replace(_document(nip, "KTP", at=T0 + timedelta(days=1))), approved)
        assert replaced.version == 3 and repo.profile(nip).states["KTP"] is DocumentStatus.SUBMITTED
        assert [d.category for d in repo.documents(nip)] == ["KTP", "NPWP"]
        assert repo.many({(nip, "KTP"), (nip, "NPWP"), (nip, "DRH")}) == {(nip, "KTP"): replaced, (nip, "NPWP"): npwp}
        repo.remove(npwp)
        assert repo.get(nip, "NPWP") is None and repo.profile(nip).states == {"KTP": DocumentStatus.SUBMITTED}
        assert repo.many(set()) == {}

    def test_writes_need_the_version_read(self, repo):
        nip = make_nip()
        first = repo.put(_document(nip, "KTP"), None)
        for stale in (
            lambda: repo.put(_document(nip, "KTP"), None),  # a second first upload
            lambda: repo.put(replace(first, status=DocumentStatus.APPROVED), replace(first, version=5)),
        ):
            with pytest.raises(Conflict) as refused:
                stale()
            assert refused.value.code == "CONFLICT"
        repo.put(replace(first, status=DocumentStatus.REJECTED), first)
        with pytest.raises(Conflict):
            repo.remove(first)
        assert repo.profile(nip).states == {"KTP": DocumentStatus.REJECTED}

    def test_the_queue_by_status_skpd_satker_and_category_oldest_first(self, repo):
        skpd, other_skpd = f"SKPD-{unique()}", f"SKPD-{unique()}"
        nips = [make_nip() for _ in range(3)]
        made = [
            repo.put(_document(nips[0], "KTP", (skpd, "SAT-1"), T0 + timedelta(minutes=3)), None),
            repo.put(_document(nips[1], "KTP", (skpd, "SAT-2"), T0 + timedelta(minutes=1)), None),
            repo.put(_document(nips[1], "NPWP", (skpd, "SAT-2"), T0 + timedelta(minutes=2)), None),
            repo.put(_document(nips[2], "KTP", (other_skpd, "SAT-1"), T0), None),
        ]
        repo.put(replace(made[2], status=DocumentStatus.APPROVED), made[2])

        def keys(documents):
            return [(d.nip, d.category) for d in documents]

        waiting, cursor = repo.queue(
            DocumentStatus.SUBMITTED, skpd_id=skpd, satker_id=None, category=None, cursor=None, limit=10
        )
        assert keys(waiting) == [(nips[0], "KTP"), (nips[1], "KTP")] and cursor is None  # satker, then upload time
        page, cursor = repo.queue(
            DocumentStatus.SUBMITTED, skpd_id=skpd, satker_id=None, category=None, cursor=None, limit=1
        )
        assert keys(page) == [(nips[0], "KTP")] and cursor
        rest, _ = repo.queue(
            DocumentStatus.SUBMITTED, skpd_id=skpd, satker_id=None, category=None, cursor=cursor, limit=1
        )
        assert keys(rest) == [(nips[1], "KTP")]
        satker, _ = repo.queue(
            DocumentStatus.SUBMITTED, skpd_id=skpd, satker_id="SAT-2", category=None, cursor=None, limit=10
        )
        assert keys(satker) == [(nips[1], "KTP")]
        approved, _ = repo.queue(
            DocumentStatus.APPROVED, skpd_id=skpd, satker_id=None, category="NPWP", cursor=None, limit=10
        )
        assert keys(approved) == [(nips[1], "NPWP")]
        none, _ = repo.queue(
            DocumentStatus.SUBMITTED, skpd_id=skpd, satker_id=None, category="DRH", cursor=None, limit=5
        )
        assert none == []
        every, _ = repo.queue(
            DocumentStatus.SUBMITTED, skpd_id=None, satker_id=None, category="KTP", cursor=None, limit=100
        )
        assert {(nips[2], "KTP"), (nips[0], "KTP")} <= set(keys(every))  # every SKPD (BKD)
        with pytest.raises(ValidationError) as foreign:
            repo.queue(DocumentStatus.APPROVED, skpd_id=skpd, satker_id=None, category=None, cursor=cursor, limit=1)
        assert foreign.value.code == "INVALID_CURSOR"
