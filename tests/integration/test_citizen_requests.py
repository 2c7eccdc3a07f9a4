"""Tracked citizen requests across two offices over HTTP (issue 22, seed 003 §4): the first office records and
marks ready, the second office decides in the one inbox, the citizen's messages are read from the outbox (WhatsApp)
and moto's SES (e-mail); role and scope on every route; the public status page shows nothing personal, is 404 alike
for malformed and unknown numbers, and is rate-limited per IP."""

from __future__ import annotations

import json
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from tests.support import decide, make_whatsapp, outbox_for, queue

CITIZEN_EMAIL_DOMAIN = "warga.example.org"


def _whatsapp(nip: str) -> str:
    from chalicelib.store.employees import DynamoEmployeeRepository

    found = DynamoEmployeeRepository().get(nip)
    assert found is not None
    return found.whatsapp


def _emails(stack: dict[str, str], to: str) -> list[str]:
    with urllib.request.urlopen(f"{stack['SES_ENDPOINT']}/moto-api/data.json") as response:
        messages = json.load(response)["ses"]["Message"]
    found = messages.values() if isinstance(messages, dict) else messages
    return [json.dumps(m) for m in found if to in json.dumps(m)]


@pytest.fixture
def offices(http, factory):
    first, second, other = factory.skpd(), factory.skpd(), factory.skpd()
    nip = {
        "rina": factory.employee(first, roles=("LAYANAN",), name="Rina Marlina"),
        "budi": factory.employee(second, roles=("LAYANAN",), name="Budi Santoso"),
        "tono": factory.employee(other, roles=("LAYANAN",), name="Tono"),
        "hr": factory.employee(first, roles=("KEPEGAWAIAN",), name="Hana"),
        "dewi": factory.employee(first, name="Dewi"),
        "admin": factory.employee(other, roles=("ADMIN",), name="Admin"),
    }
    token = {who: http.login(n) for who, n in nip.items()}
    return {"first": first[0], "second": second[0], "nip": nip, "token": token}


def _record(http, token, target, **change):
    body = {
        "citizen_name": "Siti Aminah",
        "whatsapp": make_whatsapp(),
        "email": f"siti-{uuid.uuid4().hex[:8]}@{CITIZEN_EMAIL_DOMAIN}",
        "case_number": "123/Pdt.G/2026/MS.Lsm",
        "updates": ["KK", "KTP"],
        "target_skpd_id": target,
        "description": "Cerai gugat, hak asuh anak",
        **change,
    }
    status, made = http.call("POST", "/citizen-requests", body, token=token)
    assert status == 201, made
    return body, made


def test_the_whole_flow_across_two_skpds_with_messages_from_the_outbox(http, offices, stack, runner):
    t, nip = offices["token"], offices["nip"]
    status, listed = http.call("GET", "/citizen-requests/offices", token=t["rina"])
    assert status == 200 and offices["second"] in [o["skpd_id"] for o in listed["items"]]
    assert offices["first"] not in [o["skpd_id"] for o in listed["items"]]

    body, made = _record(http, t["rina"], offices["second"])
    number = made["tracking"]
    assert made["state"] == "RECORDED" and made["origin"]["skpd_id"] == offices["first"]
    assert outbox_for(body["whatsapp"]) == []  # the API only queues: the notification worker holds the token
    runner.deliver_queue()
    [recorded] = outbox_for(body["whatsapp"])
    assert number in recorded.text and f"/status-permohonan/{number}" in recorded.text
    assert len(_emails(stack, body["email"])) == 1

    # the second office sees nothing before it is ready
    status, hidden = http.call("GET", f"/citizen-requests/{number}", token=t["budi"])
    assert (status, hidden["code"]) == (404, "REQUEST_NOT_FOUND")  # like an unknown number
    status, theirs = http.call("GET", "/citizen-requests?side=target", token=t["budi"])
    assert status == 200 and theirs["items"] == []

    status, ready = http.call(
        "POST",
        f"/citizen-requests/{number}/ready",
        {"note": "Putusan berkekuatan hukum tetap", "document_ref": "Salinan putusan 123", "version": 1},
        token=t["rina"],
    )
    assert status == 200, ready
    assert (ready["state"], ready["actions"], ready["version"]) == ("READY", [], 2)
    runner.deliver_queue()
    [handed] = outbox_for(_whatsapp(nip["budi"]))
    assert number in handed.text and "Persetujuan" in handed.text
    assert len(outbox_for(body["whatsapp"])) == 2  # "diteruskan"

    status, inbox = http.call("GET", "/me/inbox", token=t["budi"])
    assert status == 200
    assert [k["count"] for k in inbox["kinds"] if k["kind"] == "citizen_request"] == [1]
    status, waiting = queue(http, t["budi"], "citizen_request")
    assert status == 200 and [i["id"] for i in waiting["items"]] == [number]
    assert waiting["items"][0]["employee"]["name"] == "Rina Marlina"
    status, _ = queue(http, t["tono"], "citizen_request")
    assert status == 200  # another office's officer sees their own (empty) queue …
    assert decide(http, t["tono"], "citizen_request", number, "APPROVE")[0] == 403  # … and decides nothing here
    assert decide(http, t["rina"], "citizen_request", number, "APPROVE")[0] == 403
    assert decide(http, t["budi"], "citizen_request", number, "REJECT")[0] == 400  # a return needs its reason

    status, done = decide(http, t["budi"], "citizen_request", number, "APPROVE")
    assert status == 200 and done["status"] == "DONE", done
    runner.deliver_queue()
    told = outbox_for(body["whatsapp"])  # newest first
    assert len(told) == 3 and "ambil KTP/KK baru" in told[0].text
    assert len(_emails(stack, body["email"])) == 3
    assert decide(http, t["budi"], "citizen_request", number, "APPROVE")[0] == 409

    status, seen = http.call("GET", f"/citizen-requests/{number}", token=t["budi"])
    assert status == 200
    assert [(s["action"], s["skpd_id"], s["by"]) for s in seen["steps"]] == [
        ("RECORDED", offices["first"], nip["rina"]),
        ("READY", offices["first"], nip["rina"]),
        ("DONE", offices["second"], nip["budi"]),
    ]
    status, mine = http.call("GET", "/citizen-requests?state=DONE", token=t["rina"])
    assert status == 200 and [r["tracking"] for r in mine["items"]] == [number]

    status, public = http.call("GET", f"/public/requests/{number}")
    assert status == 200 and public["state"] == "DONE"
    assert [s["action"] for s in public["steps"]] == ["RECORDED", "READY", "DONE"]
    shown = json.dumps(public)
    for personal in (
        "Siti",
        body["whatsapp"],
        body["email"],
        "123/Pdt",
        "Cerai",
        "Salinan putusan",
        "berkekuatan",
        nip["rina"],
        nip["budi"],
        "Rina",
        "Budi",
    ):
        assert personal not in shown


def test_a_return_goes_back_to_the_first_office_which_cancels_with_a_reason(http, offices, runner):
    t, nip = offices["token"], offices["nip"]
    body, made = _record(http, t["rina"], offices["second"], email=None)
    number = made["tracking"]
    assert http.call("POST", f"/citizen-requests/{number}/ready", {}, token=t["rina"])[0] == 200
    status, returned = decide(http, t["budi"], "citizen_request", number, "REJECT", note="Salinan belum dilegalisasi")
    assert status == 200 and returned["status"] == "RETURNED"
    runner.deliver_queue()
    assert "belum dilegalisasi" in outbox_for(_whatsapp(nip["rina"]))[0].text
    status, _ = http.call("POST", f"/citizen-requests/{number}/cancel", {"reason": "x"}, token=t["budi"])
    assert status == 403  # only the first office cancels
    status, refused = http.call("POST", f"/citizen-requests/{number}/cancel", {}, token=t["rina"])
    assert status == 400 and refused["details"]["field"] == "reason"
    status, stale = http.call(
        "POST", f"/citizen-requests/{number}/cancel", {"reason": "x", "version": 1}, token=t["rina"]
    )
    assert status == 409 and stale["code"] == "CONFLICT"
    status, cancelled = http.call("POST", f"/citizen-requests/{number}/cancel", {"reason": "Ditarik"}, token=t["rina"])
    assert status == 200 and cancelled["state"] == "CANCELLED"
    runner.deliver_queue()
    assert "dibatalkan" in outbox_for(body["whatsapp"])[0].text
    status, again = http.call("POST", f"/citizen-requests/{number}/ready", {}, token=t["rina"])
    assert status == 409 and again["code"] == "INVALID_STATE"


def test_role_and_scope_on_every_route(http, offices):
    t = offices["token"]
    _, made = _record(http, t["rina"], offices["second"])
    number = made["tracking"]
    for who in ("hr", "dewi"):  # no LAYANAN role, even in the first office
        assert http.call("GET", f"/citizen-requests/{number}", token=t[who])[0] == 403
        assert http.call("GET", "/citizen-requests", token=t[who])[0] == 403
        assert http.call("GET", "/citizen-requests/offices", token=t[who])[0] == 403
        assert http.call("POST", f"/citizen-requests/{number}/ready", {}, token=t[who])[0] == 403
        body = {"citizen_name": "A", "whatsapp": "081200000000", "case_number": "1", "updates": ["KK"]}
        assert (
            http.call("POST", "/citizen-requests", {**body, "target_skpd_id": offices["second"]}, token=t[who])[0]
            == 403
        )
    # an office not involved gets the answer of an unknown number (it learns nothing about which exist)
    unknown = http.call("GET", "/citizen-requests/LY-2026-AAAAAAAA", token=t["tono"])
    assert unknown[0] == 404 and unknown[1]["code"] == "REQUEST_NOT_FOUND"
    assert http.call("GET", f"/citizen-requests/{number}", token=t["tono"]) == unknown
    assert http.call("POST", f"/citizen-requests/{number}/ready", {}, token=t["tono"])[0] == 404
    assert http.call("GET", f"/citizen-requests?skpd_id={offices['first']}", token=t["tono"])[0] == 403
    status, seen = http.call("GET", f"/citizen-requests?skpd_id={offices['first']}", token=t["admin"])
    assert status == 200 and number in [r["tracking"] for r in seen["items"]]
    assert http.call("GET", f"/citizen-requests/{number}", token=t["admin"])[0] == 200
    assert http.call("GET", f"/citizen-requests/{number}")[0] == 401
    status, refused = http.call(
        "POST",
        "/citizen-requests",
        {"citizen_name": "A", "case_number": "1", "updates": ["KK"], "target_skpd_id": offices["second"]},
        token=t["rina"],
    )
    assert status == 400 and refused["code"] == "CONTACT_REQUIRED"
    status, refused = http.call(
        "POST",
        "/citizen-requests",
        {
            "citizen_name": "A",
            "whatsapp": "081200000000",
            "case_number": "1",
            "updates": ["KK"],
            "target_skpd_id": offices["first"],
        },
        token=t["rina"],
    )
    assert status == 400 and refused["code"] == "SAME_OFFICE"


def test_the_status_page_is_404_alike_for_malformed_and_unknown_numbers(http):
    answers = [
        http.call("GET", f"/public/requests/{n}") for n in ("LY-2026-00000000", "LY-2026-0", "KR-2026-7F3K9Q2M", "x")
    ]
    assert {(s, b["code"], b["message"]) for s, b in answers} == {
        (404, "REQUEST_NOT_FOUND", "Permohonan tidak ditemukan.")
    }


def test_the_status_page_is_rate_limited_per_ip(http, offices, services_with, monkeypatch):
    """A low count from the settings (locally every caller is 127.0.0.1: the stack's count is generous), in a
    window of its own (a clock no other test uses)."""
    from chalicelib.config import reset_settings

    _, made = _record(http, offices["token"]["rina"], offices["second"])
    monkeypatch.setenv("REQUEST_STATUS_PER_IP", "3")
    reset_settings()
    try:
        instant = datetime(2031, 1, 1, tzinfo=UTC) + timedelta(minutes=uuid.uuid4().int % 500_000)
        services_with(clock=lambda: instant)
        answers = [http.call("GET", f"/public/requests/{made['tracking']}")[0] for _ in range(3)]
        status, throttled = http.call("GET", "/public/requests/LY-2026-00000000")
        assert answers == [200, 200, 200] and status == 429 and throttled["code"] == "THROTTLED"
    finally:
        monkeypatch.delenv("REQUEST_STATUS_PER_IP")
        reset_settings()
