"""One contract, two implementations: report templates in memory and in DynamoDB Local."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest

from chalicelib.domain.errors import Conflict
from chalicelib.domain.reports import Template
from tests.support import make_nip


@pytest.fixture(params=["memory", "dynamodb"])
def repo(request):
    if request.param == "memory":
        from chalicelib.store.memory import InMemoryTemplateRepository

        return InMemoryTemplateRepository()
    request.getfixturevalue("stack")
    from chalicelib.store.templates import DynamoTemplateRepository

    return DynamoTemplateRepository()


def _template(nip: str, name: str = "Pelayanan pasien") -> Template:
    return Template(uuid.uuid4().hex, nip, name, "Pelayanan", "Melayani pasien rawat jalan", "Pasien terlayani", 90)


class TestTemplateRepositoryContract:
    def test_create_read_list(self, repo):
        nip = make_nip()
        made = [repo.save(_template(nip, name)) for name in ("B", "A")]
        assert all(t.version == 1 for t in made)
        assert repo.get(nip, made[0].template_id) == made[0]
        assert sorted(t.template_id for t in repo.list(nip)) == sorted(t.template_id for t in made)
        assert repo.get(make_nip(), made[0].template_id) is None and repo.list(make_nip()) == []

    def test_updates_and_deletes_need_the_version_read(self, repo):
        nip = make_nip()
        stored = repo.save(_template(nip))
        with pytest.raises(Conflict):
            repo.save(replace(stored, version=0))  # the id exists: not a create
        updated = repo.save(replace(stored, duration_minutes=120))
        assert updated.version == 2 and repo.get(nip, stored.template_id).duration_minutes == 120
        for stale in (lambda: repo.save(replace(stored, name="Basi")), lambda: repo.delete(stored)):
            with pytest.raises(Conflict) as refused:
                stale()
            assert refused.value.code == "CONFLICT"
        repo.delete(updated)
        assert repo.get(nip, stored.template_id) is None
        with pytest.raises(Conflict):
            repo.delete(updated)
