"""The WhatsApp auto-reply's rules (domain/ptsp/bot.py): menu, pick by number or words, follow-up questions
answered from the catalogue, the offer of an officer — pure, so every turn of a conversation is tested here."""

from __future__ import annotations

import pytest

from chalicelib.domain.ptsp.bot import (
    ChatState,
    answer,
    chat_key,
    officer_notice,
    ranked,
    stem,
    stems,
)
from chalicelib.domain.ptsp.catalogue import InformationType

OFFICE = "Pengadilan Agama Kota"


def _type(type_id: str, name: str, requirements, procedure: str, keywords=(), order=0, active=True):
    return InformationType(
        "PA", type_id, name, tuple(requirements), procedure, tuple(keywords), active=active, order=order
    )


CERAI = _type(
    "cerai",
    "Syarat gugatan cerai",
    ["Fotokopi KTP penggugat", "Fotokopi buku nikah", "Surat gugatan rangkap enam"],
    "Daftarkan gugatan di meja PTSP.\nBayar panjar biaya perkara melalui bank. Tunggu surat panggilan sidang.",
    ["cerai", "gugatan cerai", "perceraian"],
    order=1,
)
SALINAN = _type(
    "salinan",
    "Salinan putusan",
    ["Fotokopi KTP", "Nomor perkara"],
    "Ajukan permohonan salinan di meja PTSP. Salinan dapat diambil 3 hari kerja setelah permohonan.",
    ["salinan", "putusan", "akta cerai"],
    order=2,
)
DISPENSASI = _type(
    "dispensasi",
    "Dispensasi kawin",
    ["KTP kedua orang tua", "Akta kelahiran anak"],
    "Orang tua mendaftarkan permohonan di meja PTSP.",
    ["dispensasi", "nikah di bawah umur"],
    order=3,
)
HIDDEN = _type("lama", "Legalisasi lama", ["-"], "Tidak dilayani lagi.", ["legalisasi"], order=0, active=False)
CATALOGUE = [DISPENSASI, SALINAN, HIDDEN, CERAI]  # any order: the menu follows `order`


def talk(*messages: str, catalogue=CATALOGUE, state: ChatState | None = None):
    """The replies to ``messages`` in turn, each from the state the previous one left."""
    replies = []
    for message in messages:
        reply = answer(message, state, catalogue, office=OFFICE)
        replies.append(reply)
        state = reply.state
    return replies


def test_a_greeting_gets_the_numbered_menu_of_active_types_in_order():
    (reply,) = talk("Assalamualaikum, selamat pagi")
    assert reply.text.startswith(f"Selamat datang di layanan informasi PTSP {OFFICE}.")
    assert "1. Syarat gugatan cerai\n2. Salinan putusan\n3. Dispensasi kawin" in reply.text
    assert "Legalisasi" not in reply.text
    assert "Ketik 0 untuk dihubungkan dengan petugas." in reply.text
    assert reply.state == ChatState(menu=("cerai", "salinan", "dispensasi"))
    assert not reply.call_officer


def test_a_first_message_it_cannot_place_gets_the_menu_too():
    (reply,) = talk("saya mau tanya")
    assert "1. Syarat gugatan cerai" in reply.text


def test_picking_by_number_shows_requirements_and_procedure():
    _, picked = talk("menu", "2")
    assert picked.text.splitlines()[0] == "*Salinan putusan*"
    assert "Persyaratan:\n1. Fotokopi KTP\n2. Nomor perkara" in picked.text
    assert "Prosedur:\nAjukan permohonan salinan di meja PTSP." in picked.text
    assert "ketik MENU untuk kembali" in picked.text
    assert picked.state.type_id == "salinan" and picked.type_id == "salinan"


def test_a_number_means_what_the_citizen_saw_even_after_the_catalogue_changed():
    (menu,) = talk("halo")
    reordered = [*CATALOGUE, _type("baru", "Layanan baru", ["x"], "y", order=0)]
    (picked,) = talk("1", catalogue=reordered, state=menu.state)
    assert picked.state.type_id == "cerai"


def test_a_number_without_a_menu_seen_uses_the_current_menu():
    (picked,) = talk("3")
    assert picked.state.type_id == "dispensasi"


@pytest.mark.parametrize("number", ["0x", "4", "99"])
def test_an_unknown_number_says_so_and_shows_the_menu(number):
    (_, reply) = talk("menu", number)
    if number == "0x":
        assert "belum dapat memahami" in reply.text
    else:
        assert reply.text.startswith(f"Mohon maaf, nomor {number} tidak ada dalam daftar.")
        assert "1. Syarat gugatan cerai" in reply.text


@pytest.mark.parametrize(
    "message,expected",
    [
        ("Bagaimana syarat perceraian?", "cerai"),
        ("mau menggugat cerai suami", "cerai"),
        ("minta salinan putusannya", "salinan"),
        ("akta cerai", "salinan"),  # the longer keyword wins over "cerai"
        ("anak saya mau nikah di bawah umur", "dispensasi"),
        ("DISPENSASI!!!", "dispensasi"),
    ],
)
def test_words_pick_the_type_whose_keywords_they_match_best(message, expected):
    (reply,) = talk(message)
    assert reply.state.type_id == expected
    assert "Persyaratan:" in reply.text


def test_words_matching_several_types_equally_offer_a_short_list():
    ktp_a = _type("a", "Surat keterangan domisili", ["KTP"], "Datang ke kantor.", ["surat keterangan"])
    ktp_b = _type("b", "Surat keterangan tidak mampu", ["KTP"], "Datang ke kantor.", ["surat keterangan"])
    choices, picked = talk("surat keterangan", "2", catalogue=[ktp_a, ktp_b])
    assert choices.text.startswith("Kami menemukan beberapa layanan yang mungkin Anda maksud:")
    assert "1. Surat keterangan domisili\n2. Surat keterangan tidak mampu" in choices.text
    assert choices.state.menu == ("a", "b")
    assert picked.state.type_id == "b"


def test_a_follow_up_question_is_answered_from_the_lines_of_the_type_shown():
    _, fee = talk("syarat cerai", "berapa biayanya?")
    assert fee.text.startswith("Terkait *Syarat gugatan cerai*:")
    assert "- Bayar panjar biaya perkara melalui bank." in fee.text
    assert "Fotokopi buku nikah" not in fee.text
    _, _, when = talk("2", "x", "kapan salinan bisa diambil")
    assert "- Salinan dapat diambil 3 hari kerja setelah permohonan." in when.text


def test_a_follow_up_asking_for_the_requirements_or_the_procedure_gets_that_part():
    _, requirements, procedure = talk("cerai", "syaratnya apa saja?", "bagaimana caranya?")
    assert requirements.text.startswith("Persyaratan *Syarat gugatan cerai*:\n1. Fotokopi KTP penggugat")
    assert "Prosedur" not in requirements.text
    assert procedure.text.startswith("Prosedur *Syarat gugatan cerai*:\nDaftarkan gugatan di meja PTSP.")


def test_a_follow_up_naming_another_type_switches_to_it():
    _, other = talk("cerai", "kalau dispensasi nikah bagaimana?")
    assert other.state.type_id == "dispensasi"


def test_a_question_the_type_cannot_answer_says_so_and_offers_an_officer():
    _, unknown = talk("cerai", "apakah bisa diwakilkan pengacara?")
    assert unknown.text.startswith("Mohon maaf, jawaban atas pertanyaan tersebut belum tersedia")
    assert "ketik 0 untuk dihubungkan dengan petugas" in unknown.text
    assert unknown.state.type_id == "cerai" and not unknown.call_officer


def test_nonsense_later_in_a_conversation_is_not_understood_politely():
    _, reply = talk("menu", "qwerty asdf")
    assert reply.text.startswith("Mohon maaf, kami belum dapat memahami pesan Anda.")
    assert "Ketik MENU" in reply.text


@pytest.mark.parametrize("message", ["0", " 0 ", "petugas", "hubungi petugas", "mau bicara dengan admin"])
def test_zero_or_asking_for_a_person_calls_the_officers_once_per_conversation(message):
    _, first, again = talk("cerai", message, message)
    assert first.call_officer and first.state.officer_asked
    assert first.text.startswith(f"Terima kasih. Permintaan Anda telah kami teruskan kepada petugas PTSP {OFFICE}.")
    assert first.type_id == "cerai"  # the officers' notice names what the citizen read
    assert not again.call_officer
    assert again.text.startswith("Permintaan Anda sudah kami teruskan kepada petugas")


def test_an_empty_catalogue_apologises_and_still_offers_an_officer():
    (empty,) = talk("halo", catalogue=[HIDDEN])
    assert empty.text.startswith(f"Mohon maaf, daftar layanan informasi PTSP {OFFICE} belum tersedia.")
    assert "Ketik 0" in empty.text
    (officer,) = talk("0", catalogue=[])
    assert officer.call_officer


def test_a_message_without_text_gets_the_menu():
    (reply,) = talk("")
    assert "1. Syarat gugatan cerai" in reply.text


def test_the_state_round_trips_and_ignores_what_it_does_not_know():
    state = ChatState(menu=("a", "b"), type_id="a", officer_asked=True)
    assert ChatState.from_dict(state.to_dict()) == state
    assert ChatState.from_dict({"menu": "x", "type_id": 3, "officer_asked": "yes", "other": 1}) == ChatState()


def test_the_conversation_key_holds_no_number():
    import hashlib

    from chalicelib.security.keys import subject_digest

    digest = subject_digest("unit-test-secret-0123456789abcdefghijkl", "whatsapp-chat")
    key = chat_key("PA", "6281234567890", digest)
    assert key.startswith("CHAT#PA#") and "6281234567890" not in key
    assert key != chat_key("PA2", "6281234567890", digest) and key == chat_key("PA", "6281234567890", digest)
    assert hashlib.sha256(b"6281234567890").hexdigest() not in key  # keyed: not reversible by hashing numbers


def test_the_officers_notice_names_the_number_and_the_type_read():
    text = officer_notice(OFFICE, "6281234567890", CERAI)
    assert "Nomor WhatsApp pemohon: +6281234567890" in text
    assert "Informasi terakhir yang dilihat: Syarat gugatan cerai" in text
    assert "Informasi terakhir" not in officer_notice(OFFICE, "6281234567890", None)


@pytest.mark.parametrize(
    "word,expected",
    [
        ("perceraian", "cerai"),
        ("cerai", "cerai"),
        ("biayanya", "biaya"),
        ("menggugat", "gugat"),
        ("gugatan", "gugat"),
        ("persyaratan", "syarat"),
        ("kependudukan", "duduk"),
        ("penduduk", "duduk"),
        ("tanya", "tanya"),  # too short to lose "nya"
        ("ktp", "ktp"),
        ("2026", "2026"),
    ],
)
def test_the_light_stemmer(word, expected):
    assert stem(word) == expected


def test_stop_words_do_not_count_and_ranking_skips_types_that_score_nothing():
    assert stems("Apa saja yang harus saya bawa?") == {"bawa"}
    assert ranked(stems("cuaca hari ini"), CATALOGUE) == []
    assert [t.type_id for _, t in ranked(stems("putusan cerai"), [CERAI, SALINAN])] == ["salinan", "cerai"]
