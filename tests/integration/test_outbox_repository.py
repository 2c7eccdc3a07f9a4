"""One contract, two implementations: the WhatsApp outbox in memory and in DynamoDB Local."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from tests.support import make_whatsapp


@pytest.fixture(params=["memory", "dynamodb"])
def outbox(request):
    if request.param == "memory":
        from chalicelib.store.memory import InMemoryOutbox

        return InMemoryOutbox()
    request.getfixturevalue("stack")
    from chalicelib.store.outbox import DynamoOutbox

    return DynamoOutbox()


def _add(outbox, recipient: str, texts: list[str]) -> list:
    sent = []
    for text in texts:
        sent.append(outbox.add(recipient, text))
        time.sleep(0.002)  # distinct sent times
    return sent


class TestOutboxContract:
    def test_newest_first_by_recipient(self, outbox):
        me, other = make_whatsapp(), make_whatsapp()
        mine = _add(outbox, me, ["satu", "dua", "tiga"])
        _add(outbox, other, ["lain"])
        assert outbox.for_recipient(me) == mine[::-1]
        assert outbox.for_recipient(me, limit=2) == mine[:0:-1]
        assert [m.text for m in outbox.for_recipient(other)] == ["lain"]
        assert outbox.for_recipient(make_whatsapp()) == []

    def test_newest_first_by_day(self, outbox):
        me = make_whatsapp()
        mine = _add(outbox, me, ["pagi", "siang"])
        day = mine[0].sent_at.astimezone(UTC).date().isoformat()
        assert [m for m in outbox.for_day(day) if m.recipient == me] == mine[::-1]  # other tests write today too
        assert outbox.for_day(day, limit=1)[0].sent_at >= mine[-1].sent_at
        assert outbox.for_day("2001-01-01") == []
        assert all(m.sent_at.tzinfo is not None for m in mine) and mine[0].sent_at <= datetime.now(UTC)
