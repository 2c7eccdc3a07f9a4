"""Public-service messages: the API only queues, the worker tells each contact once per event key (one failing
does not skip the other); tracking numbers read back as typed."""

from __future__ import annotations

import pytest

from chalicelib.domain.tracking import ALPHABET, new_tracking_number, read_tracking_number
from chalicelib.integrations.memory import InMemoryEmail, InMemoryQueue, InMemoryWhatsApp
from chalicelib.services.citizen_messages import MESSAGE_KIND, CitizenMessages
from chalicelib.store.memory.idempotency import InMemoryIdempotency


def _messages(whatsapp=None, email=None, queue=None) -> CitizenMessages:
    whatsapp, email, queue = whatsapp or InMemoryWhatsApp(), email or InMemoryEmail(), queue or InMemoryQueue()
    return CitizenMessages(lambda: whatsapp, lambda: email, queue=lambda: queue, once=InMemoryIdempotency().once)


def test_each_contact_is_told_once_per_key():
    whatsapp, email = InMemoryWhatsApp(), InMemoryEmail()
    messages = _messages(whatsapp, email)
    for _ in range(2):  # a redelivered event
        assert messages.send("KR-1:done", whatsapp="6281234567890", email="a@contoh.id", subject="S", text="T\nU") == 2
    assert len(whatsapp.sent) == 1 and len(email.sent) == 1
    assert messages.send("KR-2:done", whatsapp=None, email=None, subject="S", text="T") == 0


def test_the_api_only_queues_and_the_worker_sends_each_contact_once_however_often_delivered():
    whatsapp, email, queue = InMemoryWhatsApp(), InMemoryEmail(), InMemoryQueue()
    built = []
    messages = CitizenMessages(
        lambda: built.append("whatsapp") or whatsapp,
        lambda: built.append("email") or email,
        queue=lambda: queue,
        once=InMemoryIdempotency().once,
    )
    assert messages.queue("LY-1:done", whatsapp="6281234567890", email="a@contoh.id", subject="S", text="T") is True
    assert messages.queue("LY-2:done", whatsapp=None, email=None, subject="S", text="T") is False  # no contact
    [message] = queue.take()
    assert message["kind"] == MESSAGE_KIND and built == []  # the API never builds a sender
    for _ in range(3):  # the queue may deliver it again
        messages.deliver(message)
    assert [to for to, _ in whatsapp.sent] == ["6281234567890"] and [m[0] for m in email.sent] == ["a@contoh.id"]


def test_a_queue_that_cannot_be_reached_answers_false():
    class Broken:
        def send_all(self, messages):
            raise ConnectionError("SQS tidak terjangkau")

    assert _messages(queue=Broken()).queue("LY-1:done", whatsapp="6281234567890", text="T") is False


def test_a_failing_whatsapp_does_not_skip_the_email_and_a_retry_sends_only_what_is_missing():
    class Flaky(InMemoryWhatsApp):
        failures = 1

        def send(self, to, text):
            if self.failures:
                self.failures -= 1
                raise ConnectionError("penyedia WhatsApp tidak terjangkau")
            return super().send(to, text)

    whatsapp, email = Flaky(), InMemoryEmail()
    messages = _messages(whatsapp, email)
    message = {"kind": MESSAGE_KIND, "key": "KR-1:done", "whatsapp": "628123", "email": "a@contoh.id", "text": "T"}
    with pytest.raises(ConnectionError):  # raised after the e-mail went: the message returns to the queue
        messages.deliver(message)
    assert whatsapp.sent == [] and len(email.sent) == 1
    messages.deliver(message)  # the redelivery: the WhatsApp now, the e-mail not again
    assert len(whatsapp.sent) == 1 and len(email.sent) == 1


def test_tracking_numbers_are_random_and_read_back_forgivingly():
    number = new_tracking_number("KR", 2026)
    assert number.startswith("KR-2026-") and all(ch in ALPHABET for ch in number[8:]) and len(number) == 16
    assert number != new_tracking_number("KR", 2026)
    assert read_tracking_number(f" {number.lower()} ", "KR") == number
    assert read_tracking_number("kr-2026-7f3k9qoi", "KR") == "KR-2026-7F3K9Q01"
    for bad in ("KR-2026-7F3K9Q0", "LY-2026-7F3K9Q01", "KR-1999-7F3K9Q01", "KR-2026-7F3K9Q0U", ""):
        assert read_tracking_number(bad, "KR") is None
    with pytest.raises(ValueError):
        new_tracking_number("kr", 2026)
