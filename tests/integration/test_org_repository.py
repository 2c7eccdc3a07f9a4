"""One contract, two implementations: SKPD and satker in memory and in DynamoDB Local."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest

from chalicelib.domain.errors import Conflict
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.organisation import OfficeLocation, Satker, Skpd


@pytest.fixture(params=["memory", "dynamodb"])
def repo(request):
    if request.param == "memory":
        from chalicelib.store.memory import InMemoryOrgRepository

        return InMemoryOrgRepository()
    request.getfixturevalue("stack")
    from chalicelib.store.organisation import DynamoOrgRepository

    return DynamoOrgRepository()


def _code() -> str:
    return f"T{uuid.uuid4().hex[:10].upper()}"


class TestOrgRepositoryContract:
    def test_create_read_list(self, repo):
        skpd = repo.save_skpd(Skpd(_code(), "Dinas Kesehatan", TimeZone.WITA, city="Makassar"))
        assert skpd.version == 1 and repo.get_skpd(skpd.skpd_id) == skpd
        assert skpd in repo.list_skpd()  # the DynamoDB table holds other tests' SKPD too
        office = OfficeLocation(-5.14, 119.42, 150)
        made = [
            repo.save_satker(Satker(skpd.skpd_id, code, f"Puskesmas {code}", TimeZone.WITA, office if n else None))
            for n, code in enumerate(("B2", "A1"))
        ]
        assert all(s.version == 1 for s in made)
        assert repo.get_satker(skpd.skpd_id, "B2") == made[0] and repo.get_satker(skpd.skpd_id, "A1") == made[1]
        assert repo.list_satker(skpd.skpd_id) == [made[1], made[0]]  # by satker id
        assert [s.skpd_id for s in repo.list_skpd()].count(skpd.skpd_id) == 1  # satker are not listed as SKPD
        other = _code()
        assert repo.get_skpd(other) is None and repo.get_satker(skpd.skpd_id, "C3") is None
        assert repo.list_satker(other) == []

    def test_a_taken_code_and_a_stale_version_are_refused(self, repo):
        skpd = repo.save_skpd(Skpd(_code(), "Dinas Pendidikan", TimeZone.WIB))
        with pytest.raises(Conflict) as taken:
            repo.save_skpd(Skpd(skpd.skpd_id, "Dinas Lain", TimeZone.WIB))
        assert taken.value.code == "ALREADY_EXISTS"
        updated = repo.save_skpd(replace(skpd, name="Dinas Pendidikan dan Kebudayaan"))
        assert updated.version == 2 and repo.get_skpd(skpd.skpd_id).name == "Dinas Pendidikan dan Kebudayaan"
        with pytest.raises(Conflict) as stale:
            repo.save_skpd(replace(skpd, name="Basi"))
        assert stale.value.code == "CONFLICT" and repo.get_skpd(skpd.skpd_id) == updated

        satker = repo.save_satker(Satker(skpd.skpd_id, "S1", "SD Negeri 1", TimeZone.WIB))
        with pytest.raises(Conflict) as taken:
            repo.save_satker(Satker(skpd.skpd_id, "S1", "SD Lain", TimeZone.WIB))
        assert taken.value.code == "ALREADY_EXISTS"
        moved = repo.save_satker(replace(satker, office=OfficeLocation(-6.2, 106.8, 100)))
        assert moved.version == 2 and repo.get_satker(skpd.skpd_id, "S1") == moved
        with pytest.raises(Conflict) as stale:
            repo.save_satker(replace(satker, name="Basi"))
        assert stale.value.code == "CONFLICT"
        with pytest.raises(Conflict):  # a version of an item that is not there
            repo.save_satker(Satker(skpd.skpd_id, "S9", "SD Negeri 9", TimeZone.WIB, version=3))
