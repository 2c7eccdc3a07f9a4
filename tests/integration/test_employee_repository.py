"""One contract, two implementations: the in-memory twin and DynamoDB Local behave the same."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from chalicelib.domain.accounts import Employee, Role
from chalicelib.domain.errors import Conflict
from chalicelib.domain.identity import TimeZone
from tests.support import make_nip, make_whatsapp, unique


@dataclass(frozen=True)
class Notice:
    notice_id: str
    sealed: str


@pytest.fixture(params=["memory", "dynamodb"])
def repo(request):
    if request.param == "memory":
        from chalicelib.store.memory import InMemoryEmployeeRepository

        return InMemoryEmployeeRepository()
    request.getfixturevalue("stack")
    from chalicelib.store.employees import DynamoEmployeeRepository

    return DynamoEmployeeRepository()


def _employee(skpd: str, supervisor: str | None = None, satker: str = "S-1") -> Employee:
    return Employee(
        nip=make_nip(),
        name="Uji",
        jabatan="Analis",
        skpd_id=skpd,
        satker_id=satker,
        whatsapp=make_whatsapp(),
        timezone=TimeZone.WIT,
        supervisor_nip=supervisor,
        email=f"u{unique()}@example.go.id",
        granted_roles=frozenset({Role.KEPEGAWAIAN}),
        password_hash="$argon2id$x",
    )


class TestEmployeeRepositoryContract:
    def test_add_get_and_duplicate(self, repo):
        employee = _employee(f"K-{unique()}")
        stored = repo.add(employee, Notice("n1", "sealed"))
        assert stored.version == 1
        assert repo.get(employee.nip) == stored
        assert repo.get_by_email(employee.email) == stored
        assert repo.get(make_nip()) is None
        with pytest.raises(Conflict):
            repo.add(employee)

    def test_save_needs_the_version_it_read(self, repo):
        stored = repo.add(_employee(f"K-{unique()}"))
        saved = repo.save(replace(stored, jabatan="Kepala Seksi"))
        assert saved.version == 2 and repo.get(stored.nip).jabatan == "Kepala Seksi"
        with pytest.raises(Conflict):
            repo.save(replace(stored, jabatan="Basi"))
        assert repo.get(stored.nip).jabatan == "Kepala Seksi"

    def test_subordinates_and_skpd_listing_page(self, repo):
        skpd = f"K-{unique()}"
        boss = repo.add(_employee(skpd))
        staff = [repo.add(_employee(skpd, boss.nip, satker=s)) for s in ("S-1", "S-1", "S-2")]
        assert repo.has_subordinates(boss.nip) and not repo.has_subordinates(staff[0].nip)
        seen, cursor = [], None
        while True:
            page, cursor = repo.subordinates(boss.nip, cursor, 2)
            seen += [e.nip for e in page]
            if not cursor:
                break
        assert sorted(seen) == sorted(e.nip for e in staff)
        in_s2, _ = repo.in_skpd(skpd, "S-2", None, 10)
        assert [e.nip for e in in_s2] == [staff[2].nip]
        everyone, _ = repo.in_skpd(skpd, None, None, 10)
        assert len(everyone) == 4
