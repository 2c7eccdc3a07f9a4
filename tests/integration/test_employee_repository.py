"""One contract, two implementations: the in-memory twin and DynamoDB Local behave the same."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from chalicelib.domain.accounts import Employee, Role
from chalicelib.domain.errors import Conflict, ValidationError
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


def _history(repo, nip: str) -> list:
    """The audit log the repository writes history to (the twin's own, or DynamoDB's)."""
    from chalicelib.store.audit import DynamoAuditLog

    log = getattr(repo, "audit", None) or DynamoAuditLog()
    return log.history(nip, None, 10)[0]


class TestEmployeeRepositoryContract:
    def test_a_change_and_its_history_land_together_or_not_at_all(self, repo):
        from datetime import UTC, datetime

        from chalicelib.domain.audit import AuditKind, entitlement_events

        employee = repo.add(_employee(f"K-{unique()}"))
        officer = make_nip()
        changed = replace(employee, tmt=datetime(2012, 3, 1).date())
        events = entitlement_events(employee.nip, officer, datetime.now(UTC), {"tmt": (None, changed.tmt)}, ["TMT"])
        with pytest.raises(Conflict):  # a stale version: neither the change nor its history
            repo.save(replace(changed, version=employee.version + 5), history=events)
        assert repo.get(employee.nip).tmt is None and _history(repo, employee.nip) == []
        saved = repo.save(changed, history=events)
        assert saved.version == employee.version + 1 and repo.get(employee.nip).tmt == changed.tmt
        assert [e.kind for e in _history(repo, employee.nip)] == [AuditKind.ENTITLEMENT_CHANGED]
        assert [e.kind for e in _history(repo, officer)] == [AuditKind.ENTITLEMENT_CHANGE_MADE]
        later = entitlement_events(employee.nip, officer, datetime.now(UTC), {"x": (None, 1)}, ["saldo awal cuti"])
        repo.record_history(later)  # a change stored elsewhere (an opening balance): its history on its own
        assert len(_history(repo, employee.nip)) == 2 and len(_history(repo, officer)) == 2

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

    def test_a_search_finds_people_by_part_of_the_name_or_the_start_of_the_nip(self, repo):
        from chalicelib.domain.people_search import read_search

        skpd = f"K-{unique()}"
        dewi = repo.add(replace(_employee(skpd, satker="S-2"), name="Dewi  Lestari"))
        others = [
            repo.add(replace(_employee(skpd, satker=s), name=f"Budi {n}"))
            for n, s in enumerate(("S-1", "S-2", "S-1", "S-2"))
        ]
        repo.add(replace(_employee(f"K-{unique()}"), name="Dewi Lestari"))  # another SKPD's namesake

        def everything(q: str, satker: str | None = None, **flags) -> list[str]:
            seen, cursor = [], None
            while True:
                page, cursor = repo.in_skpd(skpd, satker, cursor, 1, search=read_search(q), **flags)
                seen += [e.nip for e in page]
                if not cursor:
                    return seen

        assert everything("lestari DEWI") == [dewi.nip]  # any case, words in any order
        assert everything("ewi les") == [dewi.nip]
        assert sorted(everything("budi")) == sorted(e.nip for e in others)
        assert sorted(everything("budi", "S-2")) == sorted([others[1].nip, others[3].nip])
        assert everything(dewi.nip) == [dewi.nip]
        assert everything(dewi.nip, "S-2") == [dewi.nip]  # the prefix narrows the key condition
        assert everything(dewi.nip, "S-1") == []
        assert everything("dewi", without_supervisor=True) == [dewi.nip]
        assert everything("siapa pun") == []
        with pytest.raises(ValidationError):  # a cursor of the unfiltered list does not continue a search
            _, plain = repo.in_skpd(skpd, None, None, 1)
            repo.in_skpd(skpd, None, plain, 1, search=read_search("budi"))

    def test_those_without_a_supervisor_are_counted_and_listed_until_one_is_set(self, repo):
        skpd = f"K-{unique()}"
        head = repo.add(_employee(skpd, satker="S-1"))
        staff = repo.add(_employee(skpd, head.nip, satker="S-1"))
        new = [repo.add(_employee(skpd, satker=s)) for s in ("S-1", "S-2", "S-2")]
        repo.add(_employee(f"K-{unique()}"))  # another SKPD's
        assert repo.count_without_supervisor(skpd) == 4
        seen, cursor = [], None
        while True:
            page, cursor = repo.in_skpd(skpd, None, cursor, 2, without_supervisor=True)
            seen += [e.nip for e in page]
            if not cursor:
                break
        assert sorted(seen) == sorted([head.nip, *(e.nip for e in new)]) and staff.nip not in seen
        in_s2, _ = repo.in_skpd(skpd, "S-2", None, 10, without_supervisor=True)
        assert sorted(e.nip for e in in_s2) == sorted(e.nip for e in new[1:])
        repo.save(replace(new[1], supervisor_nip=head.nip))  # assigned: it leaves the index
        assert repo.count_without_supervisor(skpd) == 3
        repo.save(replace(repo.get(staff.nip), supervisor_nip=None))  # unassigned: it enters it
        assert repo.count_without_supervisor(skpd) == 4
        assert staff.nip in [e.nip for e in repo.in_skpd(skpd, "S-1", None, 10, without_supervisor=True)[0]]
