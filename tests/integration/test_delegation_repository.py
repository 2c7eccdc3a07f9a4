"""One contract, two implementations: delegations (with the per-supervisor guard) and the authority trail."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from chalicelib.domain.audit import AuditKind, delegation_events
from chalicelib.domain.delegation import Delegation
from chalicelib.domain.errors import Conflict, ValidationError
from tests.support import make_nip

TODAY = date(2026, 5, 4)
NOW = datetime(2026, 5, 4, 2, 0, tzinfo=UTC)


@pytest.fixture(params=["memory", "dynamodb"])
def store(request):
    """(delegations, the audit log they write into)."""
    if request.param == "memory":
        from chalicelib.store.memory import InMemoryAuditLog, InMemoryDelegationRepository

        audit = InMemoryAuditLog()
        return InMemoryDelegationRepository(audit), audit
    request.getfixturevalue("stack")
    from chalicelib.store.audit import DynamoAuditLog
    from chalicelib.store.delegations import DynamoDelegationRepository

    return DynamoDelegationRepository(), DynamoAuditLog()


def _delegation(boss: str, deputy: str, start: date = TODAY, days: int = 5) -> Delegation:
    return Delegation(uuid.uuid4().hex, boss, deputy, start, start + timedelta(days=days - 1), "Dinas luar", boss)


def _give(repo, delegation: Delegation) -> Delegation:
    _, revision = repo.snapshot(delegation.delegator_nip)
    return repo.add(delegation, revision, delegation_events(delegation, delegation.delegator_nip, NOW))


class TestDelegationRepositoryContract:
    def test_add_needs_the_guard_revision_it_read(self, store):
        repo, _ = store
        boss, deputy = make_nip(), make_nip()
        assert repo.snapshot(boss) == ([], 0)
        first = _give(repo, _delegation(boss, deputy))
        existing, revision = repo.snapshot(boss)
        assert existing == [first] and revision == 1
        late = _delegation(boss, make_nip(), TODAY + timedelta(days=10))
        with pytest.raises(Conflict) as refused:
            repo.add(late, 0, [])  # another delegation landed since revision 0 was read
        assert refused.value.code == "CONFLICT"
        assert repo.get(boss, late.delegation_id) is None
        second = repo.add(late, revision, [])
        assert sorted(d.delegation_id for d in repo.given_by(boss)) == sorted(
            [first.delegation_id, second.delegation_id]
        )
        assert repo.snapshot(boss)[1] == 2

    def test_held_by_lists_what_has_not_ended(self, store):
        repo, _ = store
        deputy = make_nip()
        ended = _give(repo, _delegation(make_nip(), deputy, TODAY - timedelta(days=10), 3))
        current = _give(repo, _delegation(make_nip(), deputy, TODAY - timedelta(days=1), 3))
        upcoming = _give(repo, _delegation(make_nip(), deputy, TODAY + timedelta(days=5), 3))
        held = repo.held_by(deputy, TODAY)
        assert [d.delegation_id for d in held] == [current.delegation_id, upcoming.delegation_id]
        assert [d.active_on(TODAY) for d in held] == [True, False]
        assert ended not in held and repo.held_by(make_nip(), TODAY) == []

    def test_delete_records_history_and_a_second_delete_conflicts(self, store):
        repo, audit = store
        boss, deputy = make_nip(), make_nip()
        given = _give(repo, _delegation(boss, deputy))
        repo.delete(given, delegation_events(given, boss, NOW + timedelta(hours=1), ended=True))
        assert repo.get(boss, given.delegation_id) is None and repo.given_by(boss) == []
        with pytest.raises(Conflict):
            repo.delete(given, [])
        kinds = [e.kind for e in audit.history(deputy, None, 10)[0]]
        assert kinds == [AuditKind.DELEGATION_ENDED, AuditKind.DELEGATION_RECEIVED]

    def test_history_pages_newest_first(self, store):
        repo, audit = store
        boss = make_nip()
        for n in range(3):
            _, revision = repo.snapshot(boss)
            given = _delegation(boss, make_nip(), TODAY + timedelta(days=10 * n), 2)
            repo.add(given, revision, delegation_events(given, boss, NOW + timedelta(minutes=n)))
        seen, cursor = [], None
        while True:
            page, cursor = audit.history(boss, cursor, 2)
            seen += page
            if not cursor:
                break
        assert [e.at for e in seen] == [NOW + timedelta(minutes=n) for n in (2, 1, 0)]
        assert all(e.kind is AuditKind.DELEGATION_GIVEN for e in seen)
        _, cursor = audit.history(boss, None, 1)
        with pytest.raises(ValidationError):
            audit.history(make_nip(), cursor, 1)
