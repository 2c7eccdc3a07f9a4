"""The WhatsApp webhook's checks with real HMACs (integrations/whatsapp_inbound.py), and the two services over
the in-memory twins: the inbox (verify, route to the SKPD, queue) and the replies (once per message id)."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from chalicelib.domain.accounts import Employee, Role
from chalicelib.domain.errors import Forbidden, Unauthorized
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.organisation import Skpd
from chalicelib.domain.ptsp.catalogue import InformationType
from chalicelib.integrations import whatsapp_inbound as wa
from tests.support import make_nip, make_whatsapp, payload
from tests.unit.world import SATKER, SETTINGS, Clock, World

APP_SECRET = "unit-app-secret-0123456789abcdefghij"
VERIFY_TOKEN = "verify-me-0123456789abcdefghijklmn"
FONNTE_TOKEN = "fonnte-token-0123456789abcdefghijk"
SENDER = "6281234500001"


def cloud_payload(text: str = "halo", message_id: str = "wamid.A1", phone_number_id: str = "111", sender=SENDER):
    """A Cloud API notification as Meta sends it (abridged to what matters, plus what it also carries)."""
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "WABA-1",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {"display_phone_number": "628110000000", "phone_number_id": phone_number_id},
                            "contacts": [{"profile": {"name": "Warga"}, "wa_id": sender}],
                            "messages": [
                                {
                                    "from": sender,
                                    "id": message_id,
                                    "timestamp": "1765090000",
                                    "type": "text",
                                    "text": {"body": text},
                                }
                            ],
                        },
                    }
                ],
            }
        ],
    }


# -- the pure checks --------------------------------------------------------------------------------------


def test_the_signature_is_the_hmac_of_the_exact_bytes():
    raw = json.dumps(cloud_payload()).encode()
    expected = "sha256=" + hmac.new(APP_SECRET.encode(), raw, hashlib.sha256).hexdigest()
    assert wa.signature(raw, APP_SECRET) == expected
    assert wa.signature_valid(raw, expected, APP_SECRET)
    assert wa.signature_valid(raw, expected.upper().replace("SHA256=", "sha256="), APP_SECRET)  # hex in any case


@pytest.mark.parametrize(
    "mangle",
    [
        lambda raw, sig: (raw + b" ", sig),  # the body changed by one byte (re-serialised JSON would too)
        lambda raw, sig: (raw, sig.replace("sha256=", "sha1=")),
        lambda raw, sig: (raw, sig[:-1]),
        lambda raw, sig: (raw, sig[:-1] + ("0" if sig[-1] != "0" else "1")),
        lambda raw, sig: (raw, ""),
        lambda raw, sig: (raw, None),
        lambda raw, sig: (raw, wa.signature(raw, "another-secret")),
    ],
)
def test_a_mis_signed_body_is_refused(mangle):
    raw = json.dumps(cloud_payload()).encode()
    body, header = mangle(raw, wa.signature(raw, APP_SECRET))
    assert not wa.signature_valid(body, header, APP_SECRET)


def test_no_secret_verifies_nothing():
    raw = b"{}"
    assert not wa.signature_valid(raw, wa.signature(raw, ""), "")
    assert not wa.token_valid("", "") and not wa.token_valid("x", "")
    assert wa.handshake("subscribe", "", "123", "") is None


def test_a_configured_secret_shorter_than_32_characters_counts_as_unset():
    """Review of issue 22: a short token (in Fonnte's URL) could be guessed; a short secret is a placeholder."""
    short = "x" * (wa.SECRET_MIN - 1)
    secrets = wa.WebhookSecrets(short, short, short)
    assert (secrets.cloud_app_secret, secrets.cloud_verify_token, secrets.fonnte_token) == ("", "", "")
    raw = b"{}"
    assert not wa.signature_valid(raw, wa.signature(raw, short), secrets.cloud_app_secret)
    assert not wa.token_valid(short, secrets.fonnte_token)
    assert wa.handshake("subscribe", short, "42", secrets.cloud_verify_token) is None
    loaded = wa.WebhookSecrets("", "", "", lambda: {"fonnte_webhook_token": short})
    assert loaded.fonnte_token == ""
    long_enough = "y" * wa.SECRET_MIN
    assert wa.WebhookSecrets(long_enough, long_enough, long_enough).fonnte_token == long_enough
    from chalicelib.config import LOCAL_WEBHOOK_SECRET

    assert len(LOCAL_WEBHOOK_SECRET) >= wa.SECRET_MIN


def test_the_handshake_answers_the_challenge_only_to_our_token():
    assert wa.handshake("subscribe", "tok", "1158201444", "tok") == "1158201444"
    assert wa.handshake("subscribe", "other", "1158201444", "tok") is None
    assert wa.handshake("unsubscribe", "tok", "1158201444", "tok") is None
    assert wa.handshake("subscribe", "tok", None, "tok") is None
    assert wa.handshake("subscribe", "tok", "<script>", "tok") is None  # echoed, so only plain tokens


def test_the_inbound_mapping_and_numbers():
    found = wa.inbound_accounts(" cloud:111=PA , fonnte:+62 811-0000=DINKES,bad,sms:1=X,cloud:=Y, cloud:222=")
    assert found == {("cloud", "111"): "PA", ("fonnte", "628110000"): "DINKES"}
    assert wa.citizen_number("+6281234500001") == "6281234500001"
    assert wa.citizen_number("120363025@g.us") is None and wa.citizen_number("") is None
    assert wa.account_of("+62 811-0000") == "628110000" and wa.account_of("111") == "111"


def test_the_secrets_come_from_the_loaded_secret_first_and_are_read_once():
    calls = []

    def load():
        calls.append(1)
        return {"wa_cloud_app_secret": "from-aws" + "a" * 32}

    secrets = wa.WebhookSecrets("env-secret" + "s" * 32, "env-token" + "t" * 32, "env-fonnte" + "f" * 32, load)
    assert secrets.cloud_app_secret == "from-aws" + "a" * 32 and secrets.cloud_verify_token == "env-token" + "t" * 32
    assert secrets.fonnte_token == "env-fonnte" + "f" * 32 and calls == [1]


# -- the services over the twins ------------------------------------------------------------------------


@pytest.fixture
def world():
    config = replace(
        SETTINGS,
        whatsapp_inbound="cloud:111=PA,fonnte:628110000001=PA",
        wa_cloud_app_secret=APP_SECRET,
        wa_cloud_verify_token=VERIFY_TOKEN,
        fonnte_webhook_token=FONNTE_TOKEN,
        webhook_per_sender_hour=4,
    )
    w = World(Clock(datetime(2026, 12, 7, 3, 0, tzinfo=UTC)), config=config)
    w.org.save_skpd(Skpd("PA", "Pengadilan Agama Kota", TimeZone.WIB))
    w.repositories.ptsp_catalogue.save(
        InformationType(
            "PA", "cerai", "Syarat gugatan cerai", ("Fotokopi KTP",), "Daftar di meja PTSP.", ("cerai",), order=1
        ),
        0,
    )
    return w


def _deliver(world: World) -> None:
    """The notification worker: what the webhook queued, answered."""
    for message in world.clients.notifications.take():
        assert message["kind"] == "whatsapp-inbound"
        world.services.whatsapp_replies.handle(message)


def test_a_signed_message_is_queued_for_its_skpd_and_answered_once_however_often_it_comes(world):
    inbox = world.services.whatsapp_inbox
    raw = json.dumps(cloud_payload("halo")).encode()
    inbox.verify_cloud(raw, wa.signature(raw, APP_SECRET))
    for _ in range(2):  # Meta retries
        assert inbox.accept_cloud(payload("CloudWebhook", json.loads(raw))) == {"accepted": 1}
    queued = list(world.clients.notifications.messages)
    assert queued[0] == {
        "kind": "whatsapp-inbound",
        "provider": "cloud",
        "message_id": "wamid.A1",
        "skpd_id": "PA",
        "sender": SENDER,
        "text": "halo",
    }
    _deliver(world)
    assert len(world.whatsapp.sent) == 1
    to, text = world.whatsapp.sent[0]
    assert to == SENDER and "PTSP Pengadilan Agama Kota" in text and "1. Syarat gugatan cerai" in text


def test_unsigned_mis_signed_and_wrong_token_calls_are_refused(world):
    inbox = world.services.whatsapp_inbox
    raw = json.dumps(cloud_payload()).encode()
    with pytest.raises(Unauthorized):
        inbox.verify_cloud(raw, None)
    with pytest.raises(Forbidden):
        inbox.verify_cloud(raw, wa.signature(raw, "not-our-secret"))
    with pytest.raises(Forbidden):
        inbox.verify_fonnte(FONNTE_TOKEN[:-1])
    inbox.verify_fonnte(FONNTE_TOKEN)
    with pytest.raises(Forbidden):
        inbox.handshake(payload("CloudHandshakeQuery", {"hub.mode": "subscribe", "hub.verify_token": "x"}))
    query = {"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "42"}
    assert inbox.handshake(payload("CloudHandshakeQuery", query)) == "42"


def test_messages_to_a_number_no_skpd_answers_and_status_updates_queue_nothing(world):
    inbox = world.services.whatsapp_inbox
    assert inbox.accept_cloud(payload("CloudWebhook", cloud_payload(phone_number_id="999"))) == {"accepted": 0}
    statuses = {"entry": [{"changes": [{"value": {"metadata": {"phone_number_id": "111"}, "statuses": [{}]}}]}]}
    assert inbox.accept_cloud(payload("CloudWebhook", statuses)) == {"accepted": 0}
    group = {"device": "628110000001", "sender": "120363025@g.us", "message": "halo"}
    assert inbox.accept_fonnte(payload("FonnteWebhook", group)) == {"accepted": 0}
    assert world.clients.notifications.messages == []


def test_a_fonnte_message_without_an_id_is_the_same_message_within_its_minute(world):
    inbox = world.services.whatsapp_inbox
    message = {"device": "628110000001", "sender": SENDER, "message": "cerai", "name": "Warga"}
    for _ in range(2):
        inbox.accept_fonnte(payload("FonnteWebhook", message))
    first, second = world.clients.notifications.messages
    assert first == second and first["skpd_id"] == "PA" and first["message_id"].startswith("h")
    world.clock.advance(minutes=2)
    inbox.accept_fonnte(payload("FonnteWebhook", message))
    assert world.clients.notifications.messages[2]["message_id"] != first["message_id"]
    inbox.accept_fonnte(payload("FonnteWebhook", {**message, "inboxid": 77}))
    assert world.clients.notifications.messages[3]["message_id"] == "77"


def test_verified_calls_are_not_counted_per_ip_but_a_flooding_sender_is_not_answered(world):
    """Review of issue 22: Meta delivers from a few addresses, so verified calls carry no per-IP limit (the WAF's
    generous per-address budget stops forged floods); the per-sender limit (4 here) still bounds the replies."""
    inbox = world.services.whatsapp_inbox
    assert not hasattr(inbox, "count")
    citizens = [f"62857770{n:05d}" for n in range(30)]
    for n, citizen in enumerate(citizens):  # many citizens, one provider address: every call accepted
        body = cloud_payload("halo", message_id=f"wamid.many.{n}", sender=citizen)
        assert inbox.accept_cloud(payload("CloudWebhook", body)) == {"accepted": 1}
    flood = [
        inbox.accept_cloud(payload("CloudWebhook", cloud_payload("halo", message_id=f"wamid.flood.{n}")))
        for n in range(6)
    ]
    assert flood == [{"accepted": 1}] * 4 + [{"accepted": 0}] * 2


def test_a_conversation_menu_pick_and_officer_with_the_officers_told_once(world):
    officer = world.employees.add(
        Employee(
            nip=make_nip(),
            name="Rina",
            jabatan="Petugas PTSP",
            skpd_id="PA",
            satker_id=SATKER,
            whatsapp=make_whatsapp(),
            timezone=TimeZone.WIB,
            granted_roles=frozenset({Role.LAYANAN}),
            must_change_password=False,
        )
    )
    world.person(skpd="PA", name="Bukan petugas")
    inbox = world.services.whatsapp_inbox
    for n, text in enumerate(["halo", "1", "0", "0"]):
        inbox.accept_cloud(payload("CloudWebhook", cloud_payload(text, message_id=f"wamid.{n}")))
        _deliver(world)
    citizen = [text for to, text in world.whatsapp.sent if to == SENDER]
    told = [(to, text) for to, text in world.whatsapp.sent if to != SENDER]
    assert len(citizen) == 4
    assert citizen[1].startswith("*Syarat gugatan cerai*")
    assert citizen[2].startswith("Terima kasih. Permintaan Anda telah kami teruskan")
    assert citizen[3].startswith("Permintaan Anda sudah kami teruskan")
    assert told == [(officer.whatsapp, told[0][1])]
    assert f"+{SENDER}" in told[0][1] and "Syarat gugatan cerai" in told[0][1]


def test_without_a_layanan_officer_the_citizen_hears_it_could_not_be_passed_on(world, caplog):
    """Review of issue 22: never "telah kami teruskan" when nobody was told; logged, and a later 0 asks again."""
    inbox = world.services.whatsapp_inbox
    for n, text in enumerate(["halo", "0", "0"]):
        inbox.accept_cloud(payload("CloudWebhook", cloud_payload(text, message_id=f"wamid.none{n}")))
        _deliver(world)
    citizen = [text for to, text in world.whatsapp.sent if to == SENDER]
    assert [to for to, _ in world.whatsapp.sent] == [SENDER] * 3  # no officer was messaged
    for text in citizen[1:]:
        assert text.startswith("Mohon maaf, permintaan Anda belum dapat kami teruskan kepada petugas PTSP")
        assert "telah kami teruskan" not in text and "sudah kami teruskan" not in text
    assert "no LAYANAN officer" in caplog.text


def test_a_sender_over_the_hourly_limit_gets_no_more_replies(world):
    inbox = world.services.whatsapp_inbox
    accepted = [
        inbox.accept_cloud(payload("CloudWebhook", cloud_payload("halo", message_id=f"wamid.flood{n}")))["accepted"]
        for n in range(6)
    ]
    assert accepted == [1, 1, 1, 1, 0, 0]
    other = inbox.accept_cloud(payload("CloudWebhook", cloud_payload("halo", "wamid.x", sender="6281234500002")))
    assert other == {"accepted": 1}
    world.clock.advance(hours=1)
    assert inbox.accept_cloud(payload("CloudWebhook", cloud_payload("halo", message_id="wamid.later"))) == {
        "accepted": 1
    }
    _deliver(world)
    assert len([to for to, _ in world.whatsapp.sent if to == SENDER]) == 5  # four in the first hour, one after
