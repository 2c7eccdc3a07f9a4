"""The WhatsApp webhooks over HTTP (issue 22): real Cloud API and Fonnte payloads signed and mis-signed, the
replies read from the outbox after the notification worker ran (moto's SQS, the real handler), a replay answered
once, the menu → number → requirements flow, a keyword question and the fallback to an officer."""

from __future__ import annotations

import json
from typing import Any

import pytest

from chalicelib.config import LOCAL_WEBHOOK_SECRET
from chalicelib.integrations.whatsapp_inbound import signature
from tests.support import make_whatsapp, outbox_for, unique

CLOUD = "/webhooks/whatsapp/cloud"


@pytest.fixture
def desk(factory, monkeypatch):
    """An SKPD with a catalogue of two types, a LAYANAN officer, and a Cloud number and a Fonnte device of its own
    (the environment's mapping, as README "Configuration" sets it)."""
    from chalicelib.config import reset_settings
    from chalicelib.domain.ptsp.catalogue import InformationType
    from chalicelib.services import container
    from chalicelib.store.employees import DynamoEmployeeRepository
    from chalicelib.store.ptsp import DynamoPtspCatalogue

    skpd = factory.skpd()
    officer = factory.employee(skpd, roles=("LAYANAN",), name="Rina Petugas")
    catalogue = DynamoPtspCatalogue()
    catalogue.save(
        InformationType(
            skpd[0],
            "cerai",
            "Syarat gugatan cerai",
            ("Fotokopi KTP penggugat", "Fotokopi buku nikah"),
            "Daftarkan gugatan di meja PTSP.\nBayar panjar biaya perkara melalui bank.",
            ("cerai", "perceraian"),
            order=1,
        ),
        0,
    )
    catalogue.save(
        InformationType(
            skpd[0],
            "salinan",
            "Salinan putusan",
            ("Fotokopi KTP", "Nomor perkara"),
            "Ajukan permohonan di meja PTSP. Salinan dapat diambil 3 hari kerja kemudian.",
            ("salinan", "putusan"),
            order=2,
        ),
        0,
    )
    n = unique()
    phone_number_id, device = f"1{n:014d}", make_whatsapp()
    monkeypatch.setenv("WHATSAPP_INBOUND", f"cloud:{phone_number_id}={skpd[0]},fonnte:{device}={skpd[0]}")
    reset_settings()
    container.reset()
    yield {
        "skpd": skpd[0],
        "phone_number_id": phone_number_id,
        "device": device,
        "officer": DynamoEmployeeRepository().get(officer).whatsapp,
    }
    monkeypatch.undo()
    reset_settings()
    container.reset()


def cloud_payload(desk: dict[str, str], sender: str, text: str, message_id: str) -> dict[str, Any]:
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "102290129340398",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {
                                "display_phone_number": "6281100000001",
                                "phone_number_id": desk["phone_number_id"],
                            },
                            "contacts": [{"profile": {"name": "Warga Uji"}, "wa_id": sender}],
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


def post_cloud(http, body: dict[str, Any], sign_with: str | None = LOCAL_WEBHOOK_SECRET, raw: bytes | None = None):
    raw = raw if raw is not None else json.dumps(body, ensure_ascii=False).encode()
    headers = {"X-Hub-Signature-256": signature(raw, sign_with)} if sign_with is not None else {}
    return http.call("POST", CLOUD, raw=raw, headers=headers)


def texts_to(number: str) -> list[str]:
    """What the number was sent, oldest first (the outbox)."""
    return [m.text for m in reversed(outbox_for(number))]


def say(http, runner, desk, sender: str, text: str) -> str:
    """The citizen writes ``text``; the worker answers; the reply they got."""
    before = len(texts_to(sender))
    status, body = post_cloud(http, cloud_payload(desk, sender, text, f"wamid.{unique()}"))
    assert (status, body) == (200, {"accepted": 1})
    runner.deliver_queue()
    sent = texts_to(sender)
    assert len(sent) == before + 1, sent
    return sent[-1]


def test_the_verification_handshake(http):
    ok = f"{CLOUD}?hub.mode=subscribe&hub.verify_token={LOCAL_WEBHOOK_SECRET}&hub.challenge=1158201444"
    response = http.client.http.get(ok)
    assert response.status_code == 200 and response.body == b"1158201444"
    assert response.headers["Content-Type"].startswith("text/plain")
    for bad in (
        f"{CLOUD}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1",
        f"{CLOUD}?hub.mode=unsubscribe&hub.verify_token={LOCAL_WEBHOOK_SECRET}&hub.challenge=1",
        CLOUD,
    ):
        status, body = http.call("GET", bad)
        assert status == 403 and body["code"] == "WEBHOOK_REFUSED", bad


def test_menu_then_number_then_requirements_then_a_keyword_question(http, runner, desk):
    citizen = make_whatsapp()
    menu = say(http, runner, desk, citizen, "Assalamualaikum")
    assert (
        "Silakan pilih jenis informasi dengan mengetik angkanya:\n1. Syarat gugatan cerai\n2. Salinan putusan" in menu
    )
    picked = say(http, runner, desk, citizen, "2")
    assert picked.startswith("*Salinan putusan*") and "Persyaratan:\n1. Fotokopi KTP\n2. Nomor perkara" in picked
    follow_up = say(http, runner, desk, citizen, "kapan salinan bisa diambil?")
    assert "- Salinan dapat diambil 3 hari kerja kemudian." in follow_up
    by_keyword = say(http, runner, desk, citizen, "bagaimana syarat perceraian?")
    assert by_keyword.startswith("*Syarat gugatan cerai*") and "Fotokopi buku nikah" in by_keyword
    fee = say(http, runner, desk, citizen, "berapa biayanya")
    assert "- Bayar panjar biaya perkara melalui bank." in fee


def test_the_fallback_offers_an_officer_who_is_told_once(http, runner, desk):
    citizen = make_whatsapp()
    say(http, runner, desk, citizen, "cerai")
    unknown = say(http, runner, desk, citizen, "apakah bisa diwakilkan pengacara?")
    assert "ketik 0 untuk dihubungkan dengan petugas" in unknown
    forwarded = say(http, runner, desk, citizen, "0")
    assert forwarded.startswith("Terima kasih. Permintaan Anda telah kami teruskan kepada petugas PTSP")
    again = say(http, runner, desk, citizen, "0")
    assert again.startswith("Permintaan Anda sudah kami teruskan")
    notices = [t for t in texts_to(desk["officer"]) if citizen in t]
    assert len(notices) == 1
    assert f"Nomor WhatsApp pemohon: +{citizen}" in notices[0] and "Syarat gugatan cerai" in notices[0]


def test_a_replayed_webhook_is_answered_once(http, runner, desk):
    citizen = make_whatsapp()
    body = cloud_payload(desk, citizen, "halo", f"wamid.{unique()}")
    for _ in range(3):  # Meta retries the same notification
        assert post_cloud(http, body) == (200, {"accepted": 1})
    runner.deliver_queue()
    assert post_cloud(http, body) == (200, {"accepted": 1})  # …even after the reply went out
    runner.deliver_queue()
    assert len(texts_to(citizen)) == 1


@pytest.mark.parametrize(
    "how",
    ["unsigned", "wrong secret", "body changed after signing", "malformed header", "sha1"],
)
def test_unsigned_or_mis_signed_calls_store_and_send_nothing(http, runner, desk, how):
    citizen = make_whatsapp()
    body = cloud_payload(desk, citizen, "halo", f"wamid.{unique()}")
    raw = json.dumps(body).encode()
    headers = {
        "unsigned": {},
        "wrong secret": {"X-Hub-Signature-256": signature(raw, "not-the-app-secret")},
        "body changed after signing": {
            "X-Hub-Signature-256": signature(raw.replace(b"halo", b"hali"), LOCAL_WEBHOOK_SECRET)
        },
        "malformed header": {"X-Hub-Signature-256": "sha256=zz"},
        "sha1": {"X-Hub-Signature-256": signature(raw, LOCAL_WEBHOOK_SECRET).replace("sha256", "sha1")},
    }[how]
    status, answer = http.call("POST", CLOUD, raw=raw, headers=headers)
    assert status == (401 if how == "unsigned" else 403)
    assert answer["code"] == ("WEBHOOK_UNSIGNED" if how == "unsigned" else "WEBHOOK_REFUSED")
    runner.deliver_queue()  # whatever else was queued: nothing for this citizen
    assert texts_to(citizen) == []
    assert _conversation(desk["skpd"], citizen) is None


def test_a_message_to_a_number_no_skpd_answers_is_acknowledged_and_dropped(http, runner, desk):
    citizen = make_whatsapp()
    body = cloud_payload({**desk, "phone_number_id": "999999999"}, citizen, "halo", f"wamid.{unique()}")
    assert post_cloud(http, body) == (200, {"accepted": 0})
    runner.deliver_queue()
    assert texts_to(citizen) == []


def test_fonnte_with_its_token_is_answered_and_without_it_refused(http, runner, desk):
    from chalicelib.handlers.api import FORM_CONTENT_TYPE

    citizen = make_whatsapp()
    message = {
        "device": desk["device"],
        "sender": citizen,
        "message": "salinan putusan",
        "name": "Warga",
        "inboxid": unique(),
    }
    for token in ("wrong-token", LOCAL_WEBHOOK_SECRET[:-1], "x" * 300):
        status, answer = http.call("POST", f"/webhooks/whatsapp/fonnte/{token}", message)
        assert status == 403 and answer["code"] == "WEBHOOK_REFUSED"
    runner.deliver_queue()
    assert texts_to(citizen) == []
    for _ in range(2):  # a retry
        assert http.call("POST", f"/webhooks/whatsapp/fonnte/{LOCAL_WEBHOOK_SECRET}", message) == (200, {"accepted": 1})
    runner.deliver_queue()
    (reply,) = texts_to(citizen)
    assert reply.startswith("*Salinan putusan*")
    from urllib.parse import urlencode

    form = urlencode({**message, "message": "menu", "inboxid": unique()}).encode()
    status, answer = http.call(
        "POST",
        f"/webhooks/whatsapp/fonnte/{LOCAL_WEBHOOK_SECRET}",
        raw=form,
        headers={"Content-Type": FORM_CONTENT_TYPE},
    )
    assert (status, answer) == (200, {"accepted": 1})
    runner.deliver_queue()
    assert "1. Syarat gugatan cerai" in texts_to(citizen)[-1]


def _conversation(skpd_id: str, sender: str) -> Any:
    import time

    from chalicelib.services import container
    from chalicelib.store.chat_states import DynamoChatStates

    # the server's key: the same environment, so the same application secret and keyed digest
    return DynamoChatStates().get(container.whatsapp_replies().chat_key(skpd_id, sender), int(time.time()))


def test_the_local_api_server_checks_the_signature_on_the_bytes_it_received(server, runner):
    """Over real HTTP (the local API server, as `make run` serves it and README's curl example calls it), with the
    local stack's own mapping (the demo number answers for DINKES)."""
    import requests

    citizen = make_whatsapp()
    demo = {"phone_number_id": "100000000000001"}
    raw = json.dumps(cloud_payload(demo, citizen, "menu", f"wamid.{unique()}"), indent=1).encode()
    headers = {"Content-Type": "application/json", "X-Hub-Signature-256": signature(raw, LOCAL_WEBHOOK_SECRET)}
    answer = requests.post(f"{server}{CLOUD}", data=raw, headers=headers, timeout=10)
    assert (answer.status_code, answer.json()) == (200, {"accepted": 1})
    refused = requests.post(f"{server}{CLOUD}", data=raw + b"\n", headers=headers, timeout=10)
    assert (refused.status_code, refused.json()["code"]) == (403, "WEBHOOK_REFUSED")
    runner.deliver_queue()
    (reply,) = texts_to(citizen)  # the menu, or (no catalogue in this stack) the apology offering an officer
    assert "Ketik 0 untuk dihubungkan dengan petugas." in reply
