"""Leave e-mails go through the notifications queue: the `leaves` stream handler sends the WhatsApp messages
itself and queues one ``leave-email`` message per e-mail, once per message key however often the stream
delivers the record (a redelivered record, or the retry of an event that failed half-way, queues nothing new);
the notification worker sends each e-mail once however often the queue delivers it, and a failed send fails
that message alone (SQS retries it, then dead-letters it; `tests/integration/test_leave_dead_letters.py`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

import pytest

from chalicelib.domain.accounts import Employee, Role
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.leave import LeaveRequest, LeaveStatus
from chalicelib.domain.organisation import Satker, Skpd
from chalicelib.integrations.memory import InMemoryClients, InMemoryWhatsApp
from chalicelib.services import container
from tests.support import payload, sqs_event
from tests.unit.test_notification_retry import LEAVE
from tests.unit.world import SATKER, SKPD, Clock, World, actor, at


class FlakyWhatsApp(InMemoryWhatsApp):
    """The WhatsApp twin, failing the sends whose (1-based) attempt numbers are in ``failing``."""

    def __init__(self, failing: Sequence[int] = ()) -> None:
        super().__init__()
        self.failing, self.attempts = set(failing), 0

    def send(self, to: str, text: str, secrets: Any = ()) -> str:
        self.attempts += 1
        if self.attempts in self.failing:
            raise ConnectionError("WhatsApp provider unreachable")
        return super().send(to, text, secrets)


class SesDown(ConnectionError):
    """The e-mail provider unreachable for one send."""


def _world(whatsapp: InMemoryWhatsApp | None = None) -> World:
    clients = InMemoryClients(whatsapp=whatsapp) if whatsapp else InMemoryClients()
    w = World(Clock(at("2026-11-25 02:00")), clients=clients)  # Wednesday 09:00 WIB
    w.org.save_skpd(Skpd(SKPD, "Dinas Kesehatan", TimeZone.WIB, city="Kota Contoh"))
    w.org.save_satker(Satker(SKPD, SATKER, "Puskesmas Kota", TimeZone.WIB))
    return w


def _officer(w: World, name: str, *, email: bool = True) -> Employee:
    person = w.person(name=name)
    return w.employees.save(
        replace(
            person,
            email=f"{person.nip}@example.go.id" if email else None,
            granted_roles=frozenset({Role.PENOMORAN}),
        )
    )


def _approved(w: World) -> tuple[LeaveRequest, LeaveRequest]:
    """A pending request and the same request approved (the ``number`` event: every numbering officer hears)."""
    head = w.person(name="Kepala Dinas")
    staff = w.person(supervisor=w.person(supervisor=head, name="Kepala Puskesmas"))
    applied = w.services.leave.apply(actor(staff), payload("LeaveInput", LEAVE))
    pending = w.leave_store.get(applied["leave_id"])
    return pending, replace(pending, status=LeaveStatus.APPROVED, version=pending.version + 1)


@pytest.fixture
def root() -> Iterator[None]:
    """The handlers reach the world `use()`d by the test."""
    yield
    container.reset()


def _worker(w: World, messages: list[dict[str, Any]]) -> list[str]:
    """The real queue worker over ``w``'s services, one SQS batch; the ids of the messages that failed."""
    from chalice.local import LambdaContext

    from chalicelib.handlers.notification_jobs import notification_worker

    container.use(w.services)
    result = notification_worker(sqs_event(messages), LambdaContext("notification_worker", 512))
    return [f["itemIdentifier"] for f in result["batchItemFailures"]]


def test_a_leave_event_sends_whatsapp_and_queues_one_email_per_recipient():
    w = _world()
    officers = [_officer(w, "Siti"), _officer(w, "Rina"), _officer(w, "Tono", email=False)]
    pending, approved = _approved(w)

    assert w.services.leave_notifications.on_change(pending, approved) == ["number"]
    assert sorted(to for to, _ in w.whatsapp.sent) == sorted(o.whatsapp for o in officers)
    assert w.mail.sent == []  # the stream handler sends no e-mail itself
    queued = w.clients.notifications.messages
    event = f"{approved.leave_id}:{approved.version}:number"
    assert sorted((m["kind"], m["key"], m["to"]) for m in queued) == sorted(
        ("leave-email", f"{event}:email:{o.nip}", o.email) for o in officers[:2]
    )
    for message in queued:
        assert message["subject"].startswith("Surat Cuti Karena Alasan Penting ")
        assert "menunggu nomor" in message["text"]
        assert message["html"].startswith("<p>") and set(message) == {"kind", "key", "to", "subject", "text", "html"}


def test_a_redelivered_record_queues_nothing_new_and_sends_nothing_again():
    w = _world()
    _officer(w, "Siti")
    pending, approved = _approved(w)
    notifications = w.services.leave_notifications
    notifications.on_change(pending, approved)
    queued, sent = list(w.clients.notifications.messages), list(w.whatsapp.sent)

    assert notifications.on_change(pending, approved) == ["number"]  # the stream delivers the record again
    assert w.clients.notifications.messages == queued and w.whatsapp.sent == sent


def test_an_event_retried_after_a_failed_whatsapp_queues_each_email_once():
    """The first officer's WhatsApp and e-mail are done when the second officer's WhatsApp fails: the event
    fails (the stream retries it) and its retry queues the first e-mail no second time (its own once, not the
    event's, which saved nothing)."""
    w = _world(FlakyWhatsApp(failing=[2]))
    officers = [_officer(w, "Siti"), _officer(w, "Rina")]
    pending, approved = _approved(w)
    notifications = w.services.leave_notifications

    with pytest.raises(ConnectionError):
        notifications.on_change(pending, approved)
    assert len(w.whatsapp.sent) == 1 and len(w.clients.notifications.messages) == 1

    assert notifications.on_change(pending, approved) == ["number"]  # the stream's retry
    assert notifications.on_change(pending, approved) == ["number"]  # and a later replay
    assert sorted(to for to, _ in w.whatsapp.sent) == sorted(o.whatsapp for o in officers)
    assert sorted(m["to"] for m in w.clients.notifications.messages) == sorted(o.email for o in officers)


def test_the_worker_sends_each_queued_email_once_however_often_it_is_delivered(root):
    w = _world()
    officers = [_officer(w, "Siti"), _officer(w, "Rina")]
    pending, approved = _approved(w)
    w.services.leave_notifications.on_change(pending, approved)
    queued = w.clients.notifications.take()
    whatsapp = list(w.whatsapp.sent)

    assert _worker(w, queued) == []
    assert sorted(to for to, *_ in w.mail.sent) == sorted(o.email for o in officers)
    [(_, subject, text, html)] = [m for m in w.mail.sent if m[0] == officers[0].email]
    [message] = [m for m in queued if m["to"] == officers[0].email]
    assert (subject, text, html) == (message["subject"], message["text"], message["html"])

    assert _worker(w, queued + queued) == []  # SQS delivers at least once: copies send nothing
    assert len(w.mail.sent) == 2 and w.whatsapp.sent == whatsapp  # the worker sends no WhatsApp for them


def test_a_failed_send_fails_its_message_alone_and_its_retry_sends_it_once(root):
    w = _world()
    officers = [_officer(w, "Siti"), _officer(w, "Rina")]
    pending, approved = _approved(w)
    w.services.leave_notifications.on_change(pending, approved)
    queued = w.clients.notifications.take()
    w.mail.failures.append(SesDown("SES unreachable"))

    assert _worker(w, queued) == ["m0"]  # returns to the queue; the other message went out
    assert [to for to, *_ in w.mail.sent] == [queued[1]["to"]]
    assert _worker(w, [queued[0]]) == []  # the queue's retry (or a replay from the dead-letter queue)
    assert _worker(w, queued) == []  # and both once more: nothing
    assert sorted(to for to, *_ in w.mail.sent) == sorted(o.email for o in officers)
