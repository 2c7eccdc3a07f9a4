"""One contract, two implementations: single use of e-mailed links in memory and in DynamoDB Local."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


@pytest.fixture(params=["memory", "dynamodb"])
def links(request):
    if request.param == "memory":
        from chalicelib.store.memory import InMemoryUsedLinks

        return InMemoryUsedLinks()
    request.getfixturevalue("stack")
    from chalicelib.store.used_links import DynamoUsedLinks

    return DynamoUsedLinks()


class TestUsedLinksContract:
    def test_a_link_is_used_once_marked(self, links):
        jti, other = uuid.uuid4().hex, uuid.uuid4().hex
        expires = int((datetime.now(UTC) + timedelta(days=3)).timestamp())  # a real future: see below
        assert not links.was_used(jti)
        links.mark(jti, NOW, expires)
        assert links.was_used(jti) and not links.was_used(other)
        links.mark(jti, NOW + timedelta(minutes=1), expires)  # marking again changes nothing
        assert links.was_used(jti)

    def test_a_claim_lands_once(self, links):
        """Upload slips: two callers claim one id, one of them gets it (a conditional put on DynamoDB)."""
        jti = uuid.uuid4().hex
        # a real future: DynamoDB Local removes items whose TTL has passed, which would free the id
        expires = int((datetime.now(UTC) + timedelta(days=1)).timestamp())
        assert links.claim(jti, NOW, expires) is True
        assert links.was_used(jti)
        assert links.claim(jti, NOW + timedelta(minutes=1), expires) is False
        other = uuid.uuid4().hex
        links.mark(other, NOW, expires)
        assert links.claim(other, NOW, expires) is False
