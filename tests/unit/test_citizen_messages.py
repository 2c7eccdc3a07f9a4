"""Citizens are told on the contacts they left, once per event key; tracking numbers read back as typed."""

from __future__ import annotations

import pytest

from chalicelib.domain.tracking import ALPHABET, new_tracking_number, read_tracking_number
from chalicelib.integrations.memory import InMemoryEmail, InMemoryWhatsApp
from chalicelib.services.citizen_messages import CitizenMessages
from chalicelib.store.memory.idempotency import InMemoryIdempotency


def test_each_contact_is_told_once_per_key():
    whatsapp, email = InMemoryWhatsApp(), InMemoryEmail()
    messages = CitizenMessages(whatsapp, email, once=InMemoryIdempotency().once)
    for _ in range(2):  # a redelivered event
        assert messages.send("KR-1:done", whatsapp="6281234567890", email="a@contoh.id", subject="S", text="T\nU") == 2
    assert len(whatsapp.sent) == 1 and len(email.sent) == 1
    assert messages.send("KR-2:done", whatsapp=None, email=None, subject="S", text="T") == 0


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
