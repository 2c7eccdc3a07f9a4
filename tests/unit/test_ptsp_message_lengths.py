"""Review of issue 22: every text the PTSP desk and the WhatsApp bot send fits in ONE WhatsApp message (4,096
characters), written here at the catalogue's worst case; the menu pages through a full catalogue; and only active
types count toward the menu's 50 (a type cannot be deleted), all of them toward a hard cap of 200."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.domain.accounts import Actor, Role
from chalicelib.domain.errors import BusinessRule, ValidationError
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.organisation import Skpd
from chalicelib.domain.ptsp import bot
from chalicelib.domain.ptsp.catalogue import (
    CATALOGUE_MAX,
    NAME_MAX,
    PROCEDURE_MAX,
    REQUIREMENT_MAX,
    REQUIREMENTS_MAX,
    TYPES_MAX,
    WHATSAPP_TEXT_BUDGET,
    InformationType,
    check_room,
    information_type,
)
from chalicelib.domain.ptsp.desk import VISITOR_NAME_MAX, greeting
from chalicelib.schemas import InformationTypeEdit, InformationTypeInput
from chalicelib.schemas.base import validate
from tests.unit.world import Clock, World

WHATSAPP_LIMIT = 4096
OFFICE = "O" * 200  # the longest SKPD name (schemas/accounts.py SkpdInput)


def _longest(type_id: str = "t", n: int = 0) -> InformationType:
    """A type at every limit: the longest name, the most and longest requirements, the longest procedure."""
    procedure = "\n".join(["Langkah " + "p" * 89 + "."] * 15)  # numbered-step lines, then one long last line
    return information_type(
        "PA",
        type_id,
        name=f"{n:03d}" + "N" * (NAME_MAX - 3),
        requirements=[f"{i:02d}" + "r" * (REQUIREMENT_MAX - 2) for i in range(REQUIREMENTS_MAX)],
        procedure=procedure + "x" * (PROCEDURE_MAX - len(procedure)),
        keywords=["cerai"],
    )


def test_the_type_detail_and_the_greeting_fit_one_message_at_the_limits():
    info = _longest()
    assert len(info.procedure) == PROCEDURE_MAX and len(info.name) == NAME_MAX
    texts = {
        "detail": bot.detail_text(info),
        "greeting": greeting("V" * VISITOR_NAME_MAX, OFFICE, info),
        "requirements": bot.answer("syaratnya", bot.ChatState(type_id="t"), [info], office=OFFICE).text,
        "procedure": bot.answer("prosedurnya", bot.ChatState(type_id="t"), [info], office=OFFICE).text,
        "officers": bot.officer_notice(OFFICE, "6281234567890", info),
    }
    for name, text in texts.items():
        assert len(text) <= WHATSAPP_TEXT_BUDGET <= WHATSAPP_LIMIT, (name, len(text))


def test_one_more_requirement_or_character_is_refused():
    base = {"name": "Cerai", "requirements": ["KTP"], "procedure": "Datang.", "keywords": ()}
    for change in (
        {"requirements": ["r"] * (REQUIREMENTS_MAX + 1)},
        {"requirements": ["r" * (REQUIREMENT_MAX + 1)]},
        {"procedure": "p" * (PROCEDURE_MAX + 1)},
    ):
        with pytest.raises(ValidationError):
            information_type("PA", "t", **{**base, **change})


def test_a_full_menu_pages_within_one_message_and_numbers_keep_their_meaning():
    types = [_longest(f"t{n:02d}", n) for n in range(CATALOGUE_MAX)]
    reply = bot.answer("halo", None, types, office=OFFICE)
    pages = [reply.text]
    assert "1. 000" in reply.text and f"{bot.MENU_PAGE}. " in reply.text and f"{bot.MENU_PAGE + 1}. " not in reply.text
    assert "Ketik LAGI" in reply.text
    state = reply.state
    for _ in range(2):
        reply = bot.answer("lagi", state, types, office=OFFICE)
        pages.append(reply.text)
        state = reply.state
    assert f"{bot.MENU_PAGE + 1}. 0{bot.MENU_PAGE}" in pages[1] and f"{CATALOGUE_MAX}. 049" in pages[2]
    assert "dari awal" in pages[2]
    assert "1. 000" in bot.answer("lagi", state, types, office=OFFICE).text  # after the last page: the first again
    for text in pages:
        assert len(text) <= WHATSAPP_TEXT_BUDGET, len(text)
    picked = bot.answer("45", state, types, office=OFFICE)  # the number the citizen read on the last page
    assert picked.type_id == "t44"
    wrong = bot.answer("9" * 1000, None, types, office=OFFICE).text  # an unknown number is not echoed whole
    assert "9" * 5 not in wrong and "nomor tersebut tidak ada" in wrong and len(wrong) <= WHATSAPP_TEXT_BUDGET
    assert "nomor 999 tidak ada" in bot.answer("999", None, types, office=OFFICE).text


def test_many_types_named_alike_offer_a_short_choice():
    types = [_longest(f"t{n:02d}", n) for n in range(CATALOGUE_MAX)]
    reply = bot.answer("cerai", None, types, office=OFFICE)
    assert len(reply.state.menu) == bot.CHOICES_MAX and len(reply.text) <= WHATSAPP_TEXT_BUDGET


def test_only_active_types_count_toward_the_menu_and_all_toward_the_hard_cap():
    def kind(n: int, active: bool) -> InformationType:
        return InformationType("PA", f"t{n}", f"Jenis {n}", ("KTP",), "Datang.", active=active)

    full = [kind(n, True) for n in range(CATALOGUE_MAX)]
    with pytest.raises(BusinessRule) as refused:
        check_room(full, kind(999, True))
    assert refused.value.code == "CATALOGUE_FULL" and "aktif" in refused.value.message
    check_room(full, kind(999, False))  # an inactive one still fits
    check_room(full, full[0])  # an edit of one already counted fits
    some_inactive = [kind(n, n >= 40) for n in range(CATALOGUE_MAX)]
    check_room(some_inactive, kind(999, True))  # 40 active: room for more
    crowded = [kind(n, n < 10) for n in range(TYPES_MAX)]
    with pytest.raises(BusinessRule) as capped:
        check_room(crowded, kind(999, False))
    assert str(TYPES_MAX) in capped.value.message


def test_the_desk_service_counts_active_types_and_a_reactivation_must_fit():
    world = World(Clock(datetime(2026, 12, 7, 3, 0, tzinfo=UTC)))
    world.org.save_skpd(Skpd("PA", "Pengadilan Agama Kota", TimeZone.WIB))
    officer = Actor(nip="198806122010012005", skpd_id="PA", roles=frozenset({Role.LAYANAN}))
    desk = world.services.ptsp_desk

    def body(n: int, active: bool = True) -> dict:
        return {"name": f"Jenis {n}", "requirements": ["KTP"], "procedure": "Datang.", "active": active}

    made = [desk.create_type(officer, "PA", validate(InformationTypeInput, body(n))) for n in range(CATALOGUE_MAX)]
    with pytest.raises(BusinessRule):
        desk.create_type(officer, "PA", validate(InformationTypeInput, body(CATALOGUE_MAX)))
    first = made[0]
    desk.update_type(
        officer, "PA", first["type_id"], validate(InformationTypeEdit, {**body(0, False), "version": first["version"]})
    )
    extra = desk.create_type(officer, "PA", validate(InformationTypeInput, body(CATALOGUE_MAX)))  # room again
    assert extra["active"] is True
    with pytest.raises(BusinessRule):  # the deactivated one cannot come back while 50 are active
        desk.update_type(
            officer, "PA", first["type_id"], validate(InformationTypeEdit, {**body(0), "version": first["version"] + 1})
        )
