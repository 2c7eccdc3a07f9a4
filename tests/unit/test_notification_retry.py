"""A failed e-mail does not send the WhatsApp message again: supervisor digests send each channel as an
idempotent step of its own (as the temporary-password delivery does), so the retry of an event whose e-mail
failed sends only the e-mail, and a later replay sends nothing. Leave notifications send the WhatsApp message
from the stream and queue the e-mail (`test_leave_email_queue.py`): the e-mail's failure and retry happen in the
queue's worker, and the stream's replay sends nothing again."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from chalicelib.domain.accounts import Role
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.leave import LeaveStatus
from chalicelib.domain.organisation import Satker, Skpd
from tests.support import payload
from tests.unit.world import SATKER, SKPD, Clock, World, actor, at, body

#: a leave request as the API receives it
LEAVE = {
    "type": "ALASAN_PENTING",
    "reason": "Mengurus keluarga yang sakit",
    "start_date": "2026-12-01",
    "end_date": "2026-12-02",
    "address": "Jl. Merdeka 1, Kota Contoh",
    "phone": "081234567890",
}


class SesDown(ConnectionError):
    """The e-mail provider unreachable for one send."""


@pytest.fixture
def world() -> World:
    w = World(Clock(at("2026-11-25 02:00")))  # Wednesday 09:00 WIB
    w.org.save_skpd(Skpd(SKPD, "Dinas Kesehatan", TimeZone.WIB, city="Kota Contoh"))
    w.org.save_satker(Satker(SKPD, SATKER, "Puskesmas Kota", TimeZone.WIB))
    return w


def _with_email(world: World, name: str, supervisor=None):
    person = world.person(supervisor=supervisor, name=name)
    return world.employees.save(replace(person, email=f"{person.nip}@example.go.id"))


def test_a_leave_event_whose_email_failed_sends_only_the_email_on_retry(world):
    head = _with_email(world, "Kepala Dinas")
    boss = _with_email(world, "Kepala Puskesmas", supervisor=head)
    staff = world.person(supervisor=boss)
    applied = world.services.leave.apply(actor(staff), payload("LeaveInput", LEAVE))
    leave = world.leave_store.get(applied["leave_id"])
    notifications = world.services.leave_notifications
    world.mail.failures.append(SesDown("SES unreachable"))

    assert notifications.on_change(None, leave) == ["consideration"]  # the stream: WhatsApp, the e-mail queued
    [message] = world.clients.notifications.take()
    with pytest.raises(SesDown):  # the worker fails the message: SQS delivers it again
        notifications.send_email(message)
    assert [to for to, _ in world.whatsapp.sent] == [boss.whatsapp] and world.mail.sent == []

    assert notifications.on_change(None, leave) == ["consideration"]  # the stream delivers the record again
    notifications.send_email(message)  # the queue's retry
    assert [to for to, _ in world.whatsapp.sent] == [boss.whatsapp], "the WhatsApp message went out twice"
    [(to, subject, text, _)] = world.mail.sent
    assert (
        to == boss.email and subject == f"Permohonan Cuti Karena Alasan Penting {staff.name} menunggu pertimbangan Anda"
    )
    assert "Setujui: " in text and "Tolak: " in text

    assert notifications.on_change(None, leave) == ["consideration"]  # a later replay sends nothing
    notifications.send_email(message)
    assert world.clients.notifications.messages == []  # nor queues anything
    assert len(world.whatsapp.sent) == 1 and len(world.mail.sent) == 1 and world.mail.failures == []


def test_numbering_officers_each_get_each_message_once_when_one_email_failed(world):
    head = world.person(name="Kepala Dinas")
    staff = world.person(supervisor=world.person(supervisor=head, name="Kepala Puskesmas"))
    officers = [
        world.employees.save(replace(_with_email(world, name), granted_roles=frozenset({Role.PENOMORAN})))
        for name in ("Siti", "Rina")
    ]
    applied = world.services.leave.apply(actor(staff), payload("LeaveInput", LEAVE))
    pending = world.leave_store.get(applied["leave_id"])
    approved = replace(pending, status=LeaveStatus.APPROVED, version=pending.version + 1)
    notifications = world.services.leave_notifications
    world.mail.failures.append(SesDown("SES unreachable"))

    assert notifications.on_change(pending, approved) == ["number"]
    first, second = world.clients.notifications.take()
    with pytest.raises(SesDown):
        notifications.send_email(first)
    notifications.send_email(second)
    assert len(world.whatsapp.sent) == 2 and len(world.mail.sent) == 1  # every WhatsApp; the second e-mail

    assert notifications.on_change(pending, approved) == ["number"]
    assert notifications.on_change(pending, approved) == ["number"]
    for message in (first, second, first):
        notifications.send_email(message)
    assert world.clients.notifications.messages == [] and len(world.whatsapp.sent) == 2
    assert sorted(to for to, _ in world.whatsapp.sent) == sorted(o.whatsapp for o in officers)
    assert sorted(to for to, *_ in world.mail.sent) == sorted(o.email for o in officers)


def test_a_digest_whose_email_failed_sends_only_the_email_on_retry(world):
    boss = _with_email(world, "Andi")
    staff = world.person(supervisor=boss)
    world.attend(staff, date(2026, 11, 25))
    created = world.reports.create(actor(staff), body(date(2026, 11, 25)))
    world.services.report_notifications.on_change(None, world.report_store.get(created["report_id"]))
    world.clock.advance(minutes=10)
    queue = world.clients.notifications
    assert world.services.digest_sender.dispatch(queue) == 1
    [message] = queue.take()
    sender = world.services.digest_sender
    world.mail.failures.append(SesDown("SES unreachable"))

    with pytest.raises(SesDown):  # the message returns to the queue
        sender.handle(message)
    assert [to for to, _ in world.whatsapp.sent] == [boss.whatsapp] and world.mail.sent == []

    sender.handle(message)  # the queue's retry
    assert [to for to, _ in world.whatsapp.sent] == [boss.whatsapp], "the WhatsApp digest went out twice"
    [(to, subject, _, html)] = world.mail.sent
    assert to == boss.email and subject == "1 laporan kegiatan menunggu verifikasi Anda" and "Setujui" in html

    sender.handle(message)  # delivered once more: nothing
    assert len(world.whatsapp.sent) == 1 and len(world.mail.sent) == 1 and world.mail.failures == []
