"""Kritis (issue 22): the form's rules, the proof-of-work, the honeypot, the limits, the steps through the one
verification mechanism, the public view and the daily reminder — over the in-memory twins."""

from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import replace

import pytest

from chalicelib.domain.accounts import Employee, Role
from chalicelib.domain.decisions import Decision, Verdict
from chalicelib.domain.errors import Conflict, DomainError, NotFound, Throttled, ValidationError
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.kritis import KritisState, check_filing, read_contact, read_photo
from chalicelib.domain.organisation import Skpd
from chalicelib.domain.proof_of_work import leading_zero_bits, solve, solves
from tests.support import payload
from tests.unit.world import SETTINGS, SKPD, Clock, World, actor, at

DESCRIPTION = "Antrean loket tiga lama sekali, petugas tidak ada di tempat selama satu jam."


def test_leading_zero_bits_counts_whole_and_partial_bytes():
    assert leading_zero_bits(b"\x00\x00\x10") == 19
    assert leading_zero_bits(b"\x80") == 0
    assert leading_zero_bits(b"\x01") == 7
    assert leading_zero_bits(b"\x00\x00") == 16


def test_a_nonce_solves_only_at_its_difficulty_and_only_as_digits():
    nonce = solve("tantangan", 8)
    digest = hashlib.sha256(("tantangan" + nonce).encode()).digest()
    assert leading_zero_bits(digest) >= 8
    assert solves("tantangan", nonce, 8)
    assert not solves("tantangan-lain", nonce, 30)
    for bad in ("", "12a", "1" * 21, "１２", "-1"):
        assert not solves("tantangan", bad, 0)


def test_the_form_checks_kind_description_and_contact():
    filing = check_filing("DINKES", "SARAN", "  " + DESCRIPTION + "  ", " 0812-3456-7890 ")
    assert filing.description == DESCRIPTION and filing.whatsapp == "6281234567890" and filing.email is None
    assert read_contact("Warga@Contoh.ID") == (None, "warga@contoh.id")
    assert read_contact("  ") == (None, None)
    for kind, text, contact, code in (
        ("KELUHAN", DESCRIPTION, None, "INVALID_KIND"),
        ("SARAN", "terlalu pendek", None, "INVALID_DESCRIPTION"),
        ("SARAN", "x" * 2001, None, "INVALID_DESCRIPTION"),
        ("SARAN", DESCRIPTION, "12345", "INVALID_WHATSAPP"),
        ("SARAN", DESCRIPTION, "bukan@alamat", "INVALID_EMAIL"),
    ):
        with pytest.raises(ValidationError) as refused:
            check_filing("DINKES", kind, text, contact)
        assert refused.value.code == code


def test_a_photo_is_recognised_by_its_content():
    assert read_photo(None) is None
    with pytest.raises(DomainError) as refused:
        read_photo(base64.b64encode(b"MZ\x90\x00 not an image").decode())
    assert refused.value.code == "PHOTO_INVALID"
    with pytest.raises(DomainError) as refused:
        read_photo("%%% bukan base64")
    assert refused.value.code == "PHOTO_INVALID"
    with pytest.raises(DomainError) as too_big:
        read_photo(base64.b64encode(b"\xff\xd8\xff" + b"0" * 400 * 1024).decode())
    assert too_big.value.status == 413


# -- the service over the twins -------------------------------------------------------------------------------


def _world(**settings: int) -> World:
    world = World(Clock(at("2026-12-07 02:00")), config=replace(SETTINGS, **settings))
    world.org.save_skpd(Skpd(SKPD, "Dinas Kesehatan", TimeZone.WIB))
    return world


def _officer(world: World, role: Role, name: str) -> Employee:
    person = world.person(name=name)
    return world.employees.save(replace(person, granted_roles=frozenset({role})), person.version)


def _filing(world: World, ip: str = "10.0.0.1", **fields: object) -> object:
    challenge = world.services.kritis.challenge(ip)
    data = {
        "skpd_id": SKPD,
        "kind": "PELAYANAN",
        "description": DESCRIPTION,
        "contact": "081234567890",
        "challenge": challenge["challenge"],
        "nonce": solve(challenge["challenge"], challenge["bits"]),
        **fields,
    }
    return payload("KritisFiling", data)


def _png() -> str:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, "PNG")
    return base64.b64encode(out.getvalue()).decode()


def _sent(world: World) -> list[tuple[str, str]]:
    """What the notification worker sent, after delivering what the steps queued (the API only queues)."""
    for message in world.clients.notifications.take():
        assert message["kind"] == "service-message"
        world.services.citizen_messages.deliver(message)
    return world.whatsapp.sent


def _stored(world: World) -> int:
    return sum(world.repositories.kritis.count_in_state(SKPD, s) for s in KritisState)


def test_a_filing_answers_a_tracking_number_and_tells_the_officers():
    world = _world()
    officer = _officer(world, Role.LAYANAN, "Rina")
    filed = world.services.kritis.file(_filing(world, photo=_png()), "10.0.0.1")
    assert filed["tracking_number"].startswith("KR-2026-")
    assert filed["status_url"].endswith(f"/kritis/{filed['tracking_number']}")
    item = world.repositories.kritis.get(filed["tracking_number"])
    assert item.state is KritisState.BARU and item.whatsapp == "6281234567890"
    assert item.photo_key.startswith(f"kritis/{item.tracking}/") and item.photo_key in world.objects.objects
    assert [to for to, _ in _sent(world)] == [officer.whatsapp]
    assert DESCRIPTION not in _sent(world)[0][1]


@pytest.mark.parametrize(
    "fields,code",
    [
        ({"website": "http://spam.example"}, "SPAM_SUSPECTED"),
        ({"nonce": "999999999999"}, "PROOF_OF_WORK_INVALID"),
        ({"challenge": "bukan.token.sah"}, "CHALLENGE_INVALID"),
        ({"skpd_id": "TIDAK-ADA"}, "UNKNOWN_SKPD"),
        ({"photo": base64.b64encode(b"\xff\xd8\xff\xe0 truncated jpeg").decode()}, "PHOTO_INVALID"),
    ],
)
def test_a_refused_filing_stores_nothing(fields: dict[str, object], code: str):
    world = _world(kritis_pow_bits=12)
    body = _filing(world, **fields)
    if code == "PROOF_OF_WORK_INVALID" and solves(body.challenge, body.nonce, 12):
        pytest.skip("the fixed nonce happens to solve this challenge")
    with pytest.raises(DomainError) as refused:
        world.services.kritis.file(body, "10.0.0.1")
    assert refused.value.code == code
    assert _stored(world) == 0 and not world.objects.objects and not _sent(world)


def test_a_challenge_files_once():
    world = _world()
    body = _filing(world)
    world.services.kritis.file(body, "10.0.0.1")
    with pytest.raises(Conflict) as refused:
        world.services.kritis.file(body, "10.0.0.1")
    assert refused.value.code == "CHALLENGE_USED" and _stored(world) == 1


def test_an_expired_challenge_is_refused():
    world = _world()
    body = _filing(world)
    world.clock.advance(minutes=31)
    with pytest.raises(ValidationError) as refused:
        world.services.kritis.file(body, "10.0.0.1")
    assert refused.value.code == "CHALLENGE_INVALID"


def test_the_rate_limits_count_per_ip_and_per_contact():
    world = _world(kritis_per_ip_hour=2, kritis_per_contact_day=1)
    world.services.kritis.file(_filing(world), "10.0.0.1")
    with pytest.raises(Throttled):  # the same contact again, from another address
        world.services.kritis.file(_filing(world, ip="10.0.0.2"), "10.0.0.2")
    world.services.kritis.file(_filing(world, contact=None), "10.0.0.1")
    with pytest.raises(Throttled):  # the third from one address within the hour
        world.services.kritis.file(_filing(world, contact=None), "10.0.0.1")
    assert _stored(world) == 2
    world.clock.advance(hours=1)
    world.services.kritis.file(_filing(world, contact=None), "10.0.0.1")


def test_the_status_page_is_alike_for_malformed_and_unknown_numbers_and_shows_nothing_personal():
    world = _world()
    filed = world.services.kritis.file(_filing(world, contact="warga@contoh.id", photo=_png()), "10.0.0.1")
    for number in ("KR-2026-ZZZZZZZZ", "bukan-nomor", "LY-2026-7F3K9Q2M", "KR-2026-7F3K9Q2"):
        with pytest.raises(NotFound) as refused:
            world.services.kritis.status(number, "10.0.0.1")
        assert refused.value.code == "KRITIS_NOT_FOUND"
    shown = world.services.kritis.status(filed["tracking_number"].lower(), "10.0.0.1")
    text = repr(shown)
    assert shown["state"] == "BARU" and shown["follow_up"] is None
    for personal in (DESCRIPTION, "warga@contoh.id", "kritis/", "photo"):
        assert personal not in text


def test_the_steps_go_through_the_inbox_and_the_citizen_is_told_the_follow_up():
    world = _world()
    officer = _officer(world, Role.LAYANAN, "Rina")
    leader = _officer(world, Role.PIMPINAN, "Hendra")
    tracking = world.services.kritis.file(_filing(world), "10.0.0.1")["tracking_number"]
    as_officer, as_leader = actor(officer, Role.LAYANAN), actor(leader, Role.PIMPINAN)
    decisions = world.decisions

    assert _inbox(decisions, as_officer) == {"kritis_forward": 1, "kritis_follow_up": 0}
    assert _inbox(decisions, as_leader) == {"kritis_decision": 0}
    with pytest.raises(DomainError) as refused:  # leadership does not forward
        decisions.decide(as_leader, "kritis_forward", tracking, Decision(Verdict.APPROVE, "Ringkasan"))
    assert refused.value.status == 403
    with pytest.raises(ValidationError):  # forwarding needs the summary
        decisions.decide(as_officer, "kritis_forward", tracking, Decision(Verdict.APPROVE))

    world.clock.advance(hours=1)
    decisions.decide(as_officer, "kritis_forward", tracking, Decision(Verdict.APPROVE, "Loket 3 kosong 1 jam."))
    assert _inbox(decisions, as_leader) == {"kritis_decision": 1}
    card = world.decisions.queue(as_leader, payload("VerificationQuery", kind="kritis_decision"))["items"][0]
    assert {"label": "Ringkasan petugas", "value": "Loket 3 kosong 1 jam."} in card["summary"]
    assert _sent(world)[-1][0] == leader.whatsapp and "Loket 3 kosong 1 jam." in _sent(world)[-1][1]

    decisions.decide(as_leader, "kritis_decision", tracking, Decision(Verdict.APPROVE, "Tambah petugas cadangan."))
    assert _sent(world)[-1][0] == officer.whatsapp
    assert _inbox(decisions, as_officer) == {"kritis_forward": 0, "kritis_follow_up": 1}
    with pytest.raises(Conflict):  # decided once
        decisions.decide(as_leader, "kritis_decision", tracking, Decision(Verdict.APPROVE, "Lagi"))

    decisions.decide(as_officer, "kritis_follow_up", tracking, Decision(Verdict.APPROVE, "Petugas cadangan siaga."))
    to, text = _sent(world)[-1]
    assert to == "6281234567890" and "Petugas cadangan siaga." in text
    shown = world.services.kritis.status(tracking, "10.0.0.1")
    assert shown["state"] == "DITINDAKLANJUTI" and shown["state_label"] == "Ditindaklanjuti"
    assert shown["follow_up"] == "Petugas cadangan siaga." and "Tambah petugas" not in repr(shown)

    detail = world.services.kritis.detail(as_officer, tracking)
    steps = [(h["action"], h["by_name"]) for h in detail["history"]]
    assert steps == [
        ("FILED", "Masyarakat"),
        ("DITERUSKAN", "Rina"),
        ("DIPUTUSKAN", "Hendra"),
        ("DITINDAKLANJUTI", "Rina"),
    ]
    other = actor(replace(officer, skpd_id="DINSOS"), Role.LAYANAN)
    with pytest.raises(DomainError) as refused:
        world.services.kritis.detail(other, tracking)
    assert refused.value.status == 403


def test_an_officer_may_close_an_item_with_a_reason():
    world = _world()
    officer = _officer(world, Role.LAYANAN, "Rina")
    tracking = world.services.kritis.file(_filing(world, contact=None), "10.0.0.1")["tracking_number"]
    world.decisions.decide(actor(officer, Role.LAYANAN), "kritis_forward", tracking, Decision(Verdict.REJECT, "Iklan."))
    shown = world.services.kritis.status(tracking, "10.0.0.1")
    assert shown["state"] == "DITUTUP" and "Iklan" not in repr(shown)


def test_leadership_is_reminded_once_a_day_of_an_undecided_item():
    world = _world(kritis_reminder_days=3)
    officer = _officer(world, Role.LAYANAN, "Rina")
    leader = _officer(world, Role.PIMPINAN, "Hendra")
    tracking = world.services.kritis.file(_filing(world), "10.0.0.1")["tracking_number"]
    world.decisions.decide(
        actor(officer, Role.LAYANAN), "kritis_forward", tracking, Decision(Verdict.APPROVE, "Ringkas.")
    )
    sent = len(_sent(world))
    world.clock.advance(days=2)
    assert world.services.kritis.remind_overdue() == 0
    world.clock.advance(days=1, minutes=1)
    assert world.services.kritis.remind_overdue() == 1
    assert world.services.kritis.remind_overdue() == 0  # the same day again
    assert [to for to, _ in _sent(world)[sent:]] == [leader.whatsapp]
    assert "menunggu keputusan Anda sejak 7 Desember 2026" in _sent(world)[-1][1]
    world.clock.advance(days=1)
    assert world.services.kritis.remind_overdue() == 1
    world.decisions.decide(
        actor(leader, Role.PIMPINAN), "kritis_decision", tracking, Decision(Verdict.APPROVE, "Tindak.")
    )
    world.clock.advance(days=1)
    assert world.services.kritis.remind_overdue() == 0


def _inbox(decisions: object, who: object) -> dict[str, int]:
    return {k["kind"]: k["count"] for k in decisions.inbox(who)["kinds"] if k["kind"].startswith("kritis")}


def test_a_queued_notice_is_sent_once_however_often_it_is_delivered():
    world = _world()
    officer = _officer(world, Role.LAYANAN, "Rina")
    world.services.kritis.file(_filing(world), "10.0.0.1")
    [notice] = world.clients.notifications.take()
    assert notice["kind"] == "service-message" and notice["whatsapp"] == officer.whatsapp
    for _ in range(3):
        world.services.citizen_messages.deliver(notice)
    assert [to for to, _ in world.whatsapp.sent] == [officer.whatsapp]


# -- reviewer findings (fixer F6) ------------------------------------------------------------------------------


def test_a_replayed_challenge_leaves_the_contacts_daily_budget_untouched():
    """The challenge is claimed before the contact is counted: re-sending one solved challenge with a victim's
    number five times is refused as used each time, and the victim can still file their own."""
    world = _world(kritis_per_contact_day=2, kritis_per_ip_hour=50)
    body = _filing(world, contact=None)
    world.services.kritis.file(body, "10.0.0.1")
    replay = payload("KritisFiling", {**body.model_dump(), "contact": "081298765432"})
    for _ in range(5):
        with pytest.raises(Conflict) as refused:
            world.services.kritis.file(replay, "10.0.0.1")
        assert refused.value.code == "CHALLENGE_USED"
    for _ in range(2):  # the victim's whole budget is still theirs
        world.services.kritis.file(_filing(world, contact="081298765432"), "10.0.0.1")
    with pytest.raises(Throttled):
        world.services.kritis.file(_filing(world, contact="081298765432"), "10.0.0.1")


def test_a_challenge_is_accepted_only_from_the_ip_it_was_issued_to():
    world = _world()
    body = _filing(world, ip="10.0.0.1")
    with pytest.raises(ValidationError) as refused:
        world.services.kritis.file(body, "10.9.9.9")
    assert refused.value.code == "CHALLENGE_INVALID" and "kirim lagi" in refused.value.message
    assert _stored(world) == 0
    world.services.kritis.file(body, "10.0.0.1")  # not spent by the refusal
    assert _stored(world) == 1


def test_the_refusals_the_form_retries_ask_to_send_again_not_to_reload():
    world = _world(kritis_pow_bits=12)
    for fields, code in (({"challenge": "bukan.token.sah"}, "CHALLENGE_INVALID"),):
        with pytest.raises(DomainError) as refused:
            world.services.kritis.file(_filing(world, **fields), "10.0.0.1")
        assert refused.value.code == code and "muat ulang" not in refused.value.message
    body = _filing(world)
    world.services.kritis.file(body, "10.0.0.1")
    with pytest.raises(Conflict) as used:
        world.services.kritis.file(body, "10.0.0.1")
    assert "kirim lagi" in used.value.message and "muat ulang" not in used.value.message


def test_whoever_forwarded_an_item_cannot_decide_it_even_holding_leadership():
    world = _world()
    both = world.person(name="Rina")
    both = world.employees.save(replace(both, granted_roles=frozenset({Role.LAYANAN, Role.PIMPINAN})), both.version)
    leader = _officer(world, Role.PIMPINAN, "Hendra")
    tracking = world.services.kritis.file(_filing(world), "10.0.0.1")["tracking_number"]
    world.decisions.decide(actor(both, Role.LAYANAN), "kritis_forward", tracking, Decision(Verdict.APPROVE, "Ringkas."))
    with pytest.raises(DomainError) as refused:
        world.decisions.decide(
            actor(both, Role.PIMPINAN), "kritis_decision", tracking, Decision(Verdict.APPROVE, "Saya sendiri.")
        )
    assert refused.value.status == 403 and refused.value.code == "SELF_DECISION"
    world.decisions.decide(
        actor(leader, Role.PIMPINAN), "kritis_decision", tracking, Decision(Verdict.APPROVE, "Tindak.")
    )
    assert world.repositories.kritis.get(tracking).state is KritisState.DIPUTUSKAN


def test_the_admin_lists_only_a_named_skpd():
    world = _world()
    admin = world.person(name="Admin")
    as_admin = replace(actor(admin, Role.ADMIN), skpd_id="")
    with pytest.raises(ValidationError) as refused:
        world.services.kritis.list(as_admin, payload("KritisListQuery"))
    assert refused.value.code == "SKPD_REQUIRED" and refused.value.message == "Pilih SKPD."


def test_the_list_counts_only_the_open_states():
    world = _world()
    officer = _officer(world, Role.LAYANAN, "Rina")
    world.services.kritis.file(_filing(world), "10.0.0.1")
    listed = world.services.kritis.list(actor(officer, Role.LAYANAN), payload("KritisListQuery"))
    assert listed["counts"] == {"BARU": 1, "DITERUSKAN": 0, "DIPUTUSKAN": 0}


def _jpeg_with_gps() -> bytes:
    from PIL import Image

    image = Image.new("RGB", (16, 8), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "S", (6.0, 12.0, 30.0), "E", (106.0, 49.0, 10.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_a_photo_is_stored_without_its_exif_gps():
    from PIL import Image

    original = _jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as sent:
        assert sent.getexif().get_ifd(0x8825)  # the test photo does carry a position
    world = _world()
    filed = world.services.kritis.file(_filing(world, photo=base64.b64encode(original).decode()), "10.0.0.1")
    key = world.repositories.kritis.get(filed["tracking_number"]).photo_key
    stored = world.objects.objects[key]
    data = stored if isinstance(stored, bytes) else stored[0]
    assert b"Exif" not in data and b"PhoneMaker" not in data
    with Image.open(io.BytesIO(data)) as kept:
        assert kept.format == "JPEG" and kept.size == (16, 8) and not kept.getexif()


def test_the_selfie_and_the_kritis_photo_share_one_reader():
    from chalicelib.domain import kritis, selfie

    assert kritis.read_image is selfie.read_image
    jpeg = _jpeg_with_gps()
    assert read_photo("data:image/jpeg;base64," + base64.b64encode(jpeg).decode()) == (jpeg, "image/jpeg")


def test_the_officers_messages_open_the_item_itself():
    world = _world()
    officer = _officer(world, Role.LAYANAN, "Rina")
    leader = _officer(world, Role.PIMPINAN, "Hendra")
    tracking = world.services.kritis.file(_filing(world), "10.0.0.1")["tracking_number"]
    assert _sent(world)[-1][1].endswith(f"/kritis-saran?status=BARU&no={tracking}")
    world.decisions.decide(actor(officer, Role.LAYANAN), "kritis_forward", tracking, Decision(Verdict.APPROVE, "R."))
    world.decisions.decide(actor(leader, Role.PIMPINAN), "kritis_decision", tracking, Decision(Verdict.APPROVE, "T."))
    to, text = _sent(world)[-1]
    assert to == officer.whatsapp and text.endswith(f"/kritis-saran?status=DIPUTUSKAN&no={tracking}")


def test_leadership_is_reminded_of_an_item_never_forwarded_once_a_day():
    world = _world(kritis_reminder_days=3)
    _officer(world, Role.LAYANAN, "Rina")
    leader = _officer(world, Role.PIMPINAN, "Hendra")
    tracking = world.services.kritis.file(_filing(world), "10.0.0.1")["tracking_number"]
    sent = len(_sent(world))
    world.clock.advance(days=2)
    assert world.services.kritis.remind_overdue() == 0
    world.clock.advance(days=1, minutes=1)
    assert world.services.kritis.remind_overdue() == 1
    assert world.services.kritis.remind_overdue() == 0  # the same day again
    [(to, text)] = _sent(world)[sent:]
    assert to == leader.whatsapp and tracking in text and "belum diteruskan petugas layanan" in text
    assert "diterima sejak 7 Desember 2026" in text and text.endswith(f"/kritis-saran?status=BARU&no={tracking}")
    world.clock.advance(days=1)
    assert world.services.kritis.remind_overdue() == 1
    officer = _officer(world, Role.LAYANAN, "Budi")
    world.decisions.decide(actor(officer, Role.LAYANAN), "kritis_forward", tracking, Decision(Verdict.REJECT, "Iklan."))
    world.clock.advance(days=1)
    assert world.services.kritis.remind_overdue() == 0
