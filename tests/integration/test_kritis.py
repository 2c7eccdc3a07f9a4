"""Kritis over HTTP (issue 22): a citizen files without an account, the officer forwards it from the inbox with a
summary, leadership decides the action, the officer records the follow-up, the citizen is told (read from the
outbox) and the status page shows "Ditindaklanjuti" — and nothing personal. The abuse limits: a rate limit with a
low configured count, a bad or used proof-of-work, a honeypot, an oversized body and a photo that is no image are
refused, and nothing is stored."""

from __future__ import annotations

import base64
import io
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from chalicelib.domain.kritis import KritisState
from chalicelib.domain.proof_of_work import solve
from tests.support import Api, Factory, decide, make_whatsapp, outbox_for, queue, unique

DESCRIPTION = "Petugas loket pendaftaran datang terlambat satu jam; antrean menumpuk sampai ke parkiran."


def _png() -> str:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (16, 16), (20, 120, 200)).save(out, "PNG")
    return base64.b64encode(out.getvalue()).decode()


def _form(http: Api, skpd: str, **fields: Any) -> dict[str, Any]:
    status, challenge = http.call("GET", "/public/kritis/challenge")
    assert status == 200, challenge
    return {
        "skpd_id": skpd,
        "kind": "KETERLAMBATAN",
        "description": DESCRIPTION,
        "challenge": challenge["challenge"],
        "nonce": solve(challenge["challenge"], challenge["bits"]),
        **fields,
    }


def _stored(skpd: str) -> int:
    from chalicelib.store.kritis import DynamoKritisRepository

    repo = DynamoKritisRepository()
    return sum(repo.count_in_state(skpd, state) for state in KritisState)


def _inbox_count(http: Api, token: str, kind: str) -> int:
    status, inbox = http.call("GET", "/me/inbox", token=token)
    assert status == 200, inbox
    return next(k["count"] for k in inbox["kinds"] if k["kind"] == kind)


def test_a_citizens_item_goes_to_leadership_and_back_with_its_follow_up(http: Api, factory: Factory, runner: Any):
    skpd = factory.skpd()
    officer = factory.employee(skpd, roles=("LAYANAN",), name="Rina Petugas")
    leader = factory.employee(skpd, roles=("PIMPINAN",), name="Hendra Pimpinan")
    citizen = make_whatsapp()

    status, listing = http.call("GET", "/public/skpd")
    assert status == 200 and {"id": skpd[0], "name": next(s["name"] for s in listing["items"] if s["id"] == skpd[0])}
    assert set(listing["items"][0]) == {"id", "name"}

    status, filed = http.call("POST", "/public/kritis", _form(http, skpd[0], contact=citizen, photo=_png()))
    assert status == 201, filed
    tracking = filed["tracking_number"]
    assert filed["state_label"] == "Diterima" and filed["status_url"].endswith(f"/kritis/{tracking}")

    from chalicelib.store.employees import DynamoEmployeeRepository

    people = DynamoEmployeeRepository()
    officer_wa, leader_wa = people.get(officer).whatsapp, people.get(leader).whatsapp
    assert outbox_for(officer_wa) == []  # the API only queues: the notification worker holds the provider's token
    runner.deliver_queue()
    assert [m.text for m in outbox_for(officer_wa) if tracking in m.text], "the officer is told"

    as_officer, as_leader = http.login(officer), http.login(leader)
    assert _inbox_count(http, as_officer, "kritis_forward") == 1
    status, page = http.call("GET", "/kritis?state=BARU", token=as_officer)
    assert status == 200 and [i["tracking_number"] for i in page["items"]] == [tracking]
    assert page["counts"]["BARU"] == 1
    status, detail = http.call("GET", f"/kritis/{tracking}", token=as_officer)
    assert status == 200 and detail["description"] == DESCRIPTION and detail["whatsapp"] == citizen
    assert detail["photo_url"]
    status, _ = http.call(
        "GET", f"/kritis/{tracking}", token=http.login(factory.employee(factory.skpd(), roles=("LAYANAN",)))
    )
    assert status == 403

    status, refused = decide(http, as_officer, "kritis_forward", tracking, "APPROVE")
    assert status == 400 and refused["code"] == "NOTE_REQUIRED"
    summary = "Keterlambatan petugas loket pendaftaran pagi ini; warga menunggu satu jam."
    status, forwarded = decide(http, as_officer, "kritis_forward", tracking, "APPROVE", note=summary)
    assert status == 200 and forwarded["status"] == "DITERUSKAN", forwarded
    runner.deliver_queue()
    assert any(summary in m.text for m in outbox_for(leader_wa))

    status, waiting = queue(http, as_leader, "kritis_decision")
    assert status == 200 and [i["id"] for i in waiting["items"]] == [tracking]
    assert {"label": "Ringkasan petugas", "value": summary} in waiting["items"][0]["summary"]
    status, _ = decide(http, as_officer, "kritis_decision", tracking, "APPROVE", note="Bukan wewenang petugas")
    assert status == 403
    action = "Tegur petugas dan siapkan petugas cadangan di loket pendaftaran."
    status, decided = decide(http, as_leader, "kritis_decision", tracking, "APPROVE", note=action)
    assert status == 200 and decided["status"] == "DIPUTUSKAN"
    assert _inbox_count(http, as_officer, "kritis_follow_up") == 1

    follow_up = "Mulai 8 Desember 2026 loket pendaftaran dibuka dengan dua petugas sejak 07.30 WIB."
    status, done = decide(http, as_officer, "kritis_follow_up", tracking, "APPROVE", note=follow_up)
    assert status == 200 and done["status"] == "DITINDAKLANJUTI"
    runner.deliver_queue()
    told = [m.text for m in outbox_for(citizen)]
    assert len(told) == 1 and follow_up in told[0] and tracking in told[0] and DESCRIPTION not in told[0]

    status, shown = http.call("GET", f"/public/kritis/{tracking}")
    assert status == 200 and shown["state_label"] == "Ditindaklanjuti" and shown["follow_up"] == follow_up
    text = repr(shown)
    for personal in (DESCRIPTION, citizen, summary, action, "Rina", "Hendra", officer, "kritis/", "amazonaws"):
        assert personal not in text
    status, detail = http.call("GET", f"/kritis/{tracking}", token=as_officer)
    assert [h["by_name"] for h in detail["history"]] == [
        "Masyarakat",
        "Rina Petugas",
        "Hendra Pimpinan",
        "Rina Petugas",
    ]


@pytest.mark.parametrize("number", ["KR-2026-ZZZZZZZZ", "bukan-nomor", "LY-2026-7F3K9Q2M", "KR-2026-%27%3B--"])
def test_the_status_page_answers_alike_for_malformed_and_unknown_numbers(http: Api, number: str):
    status, body = http.call("GET", f"/public/kritis/{number}")
    assert status == 404 and body["code"] == "KRITIS_NOT_FOUND"


def test_refusals_store_nothing(http: Api, factory: Factory):
    skpd = factory.skpd()[0]
    form = _form(http, skpd)
    status, body = http.call("POST", "/public/kritis", {**form, "website": "https://promo.example"})
    assert status == 400 and body["code"] == "SPAM_SUSPECTED"
    status, body = http.call("POST", "/public/kritis", {**form, "nonce": "x1"})
    assert status == 400 and body["code"] in ("PROOF_OF_WORK_INVALID", "VALIDATION_ERROR", "INVALID_TYPE")
    status, body = http.call("POST", "/public/kritis", {**form, "challenge": form["challenge"][:-4] + "AAAA"})
    assert status == 400 and body["code"] == "CHALLENGE_INVALID"
    status, body = http.call("POST", "/public/kritis", {**form, "photo": base64.b64encode(b"%PDF-1.4 x").decode()})
    assert status == 422 and body["code"] == "PHOTO_INVALID"
    status, body = http.call("POST", "/public/kritis", _form(http, skpd, photo="A" * 600_000))
    assert status == 413, body
    assert _stored(skpd) == 0

    status, filed = http.call("POST", "/public/kritis", form)
    assert status == 201, filed
    status, body = http.call("POST", "/public/kritis", form)  # the same solution again
    assert status == 409 and body["code"] == "CHALLENGE_USED"
    assert _stored(skpd) == 1


def test_the_rate_limits_refuse_past_a_low_configured_count(http: Api, factory: Factory, services_with: Any):
    from chalicelib.services import container

    # a clock of its own, hours ahead: the per-IP window of this test is one no other test has counted in (every
    # caller of the test client is 127.0.0.1)
    ahead = timedelta(hours=10_000 + unique())
    installed = services_with(clock=lambda: datetime.now(UTC) + ahead)
    container.use(
        container.build(
            installed.repositories,
            installed.clients,
            replace(installed.settings, kritis_per_ip_hour=2, kritis_status_per_ip_minute=1000),
            installed.clock,
            installed.keys,
        )
    )
    skpd = factory.skpd()[0]
    for _ in range(2):
        status, body = http.call("POST", "/public/kritis", _form(http, skpd))
        assert status == 201, body
    status, body = http.call("POST", "/public/kritis", _form(http, skpd))
    assert status == 429 and body["code"] == "THROTTLED"
    assert _stored(skpd) == 2


def test_one_contact_is_limited_whichever_address_it_comes_from(http: Api, factory: Factory):
    skpd, contact = factory.skpd()[0], make_whatsapp()
    for _ in range(5):
        status, body = http.call("POST", "/public/kritis", _form(http, skpd, contact=contact))
        assert status == 201, body
    status, body = http.call("POST", "/public/kritis", _form(http, skpd, contact="+" + contact))
    assert status == 429 and body["code"] == "THROTTLED"
    assert _stored(skpd) == 5


def test_leadership_is_reminded_by_the_schedule_once_a_day(
    http: Api, factory: Factory, runner: Any, services_with: Any
):
    """An item forwarded and undecided for the configured days (3) reminds the SKPD's leadership: the daily
    schedule queries the sparse index, marks the item for the day and queues the notice; a second run that day
    reminds nobody again."""
    from chalice.local import LambdaContext

    from chalicelib.handlers.kritis_routes import kritis_reminders
    from chalicelib.store.employees import DynamoEmployeeRepository
    from devtools.runner import scheduled_event

    skpd = factory.skpd()
    officer = factory.employee(skpd, roles=("LAYANAN",))
    leader = factory.employee(skpd, roles=("PIMPINAN",), name="Pimpinan Lupa")
    status, filed = http.call("POST", "/public/kritis", _form(http, skpd[0]))
    assert status == 201, filed
    tracking = filed["tracking_number"]
    status, _ = decide(http, http.login(officer), "kritis_forward", tracking, "APPROVE", note="Mohon diputuskan.")
    assert status == 200
    leader_wa = DynamoEmployeeRepository().get(leader).whatsapp
    runner.deliver_queue()
    assert len(outbox_for(leader_wa)) == 1  # told of the forwarded item

    ahead = timedelta(days=3, hours=1)
    services_with(clock=lambda: datetime.now(UTC) + ahead)
    event = scheduled_event("ap-southeast-3", "kritis_reminders")
    kritis_reminders(event, LambdaContext("kritis_reminders", 512))
    kritis_reminders(event, LambdaContext("kritis_reminders", 512))
    runner.deliver_queue()
    reminders = [m.text for m in outbox_for(leader_wa) if "menunggu keputusan Anda" in m.text]
    assert len(reminders) == 1 and tracking in reminders[0] and "menunggu keputusan Anda" in reminders[0]


def _forwarded(http: Api, factory: Factory, skpd: tuple[str, ...]) -> tuple[str, str]:
    """An item of ``skpd`` forwarded by its officer: (tracking, the officer's token)."""
    status, filed = http.call("POST", "/public/kritis", _form(http, skpd[0]))
    assert status == 201, filed
    officer = http.login(factory.employee(skpd, roles=("LAYANAN",)))
    status, body = decide(http, officer, "kritis_forward", filed["tracking_number"], "APPROVE", note="Ringkasan.")
    assert status == 200, body
    return filed["tracking_number"], officer


def test_a_step_on_a_stale_version_is_refused_with_409(http: Api, factory: Factory):
    skpd = factory.skpd()
    status, filed = http.call("POST", "/public/kritis", _form(http, skpd[0]))
    assert status == 201, filed
    tracking = filed["tracking_number"]
    officer = http.login(factory.employee(skpd, roles=("LAYANAN",)))
    status, seen = http.call("GET", f"/kritis/{tracking}", token=officer)
    assert status == 200
    other = http.login(factory.employee(skpd, roles=("LAYANAN",)))
    status, _ = decide(http, other, "kritis_forward", tracking, "APPROVE", note="Lebih dulu.", version=seen["version"])
    assert status == 200
    status, refused = decide(
        http, officer, "kritis_forward", tracking, "REJECT", note="Terlambat.", version=seen["version"]
    )
    assert status == 409, refused
    status, now = http.call("GET", f"/kritis/{tracking}", token=officer)
    assert now["state"] == "DITERUSKAN" and now["version"] != seen["version"]


def test_another_skpds_officer_and_leadership_cannot_decide(http: Api, factory: Factory):
    skpd, elsewhere = factory.skpd(), factory.skpd()
    status, filed = http.call("POST", "/public/kritis", _form(http, skpd[0]))
    assert status == 201, filed
    tracking = filed["tracking_number"]
    stranger_officer = http.login(factory.employee(elsewhere, roles=("LAYANAN",)))
    status, body = decide(http, stranger_officer, "kritis_forward", tracking, "APPROVE", note="Bukan SKPD saya.")
    assert status == 403, body
    officer = http.login(factory.employee(skpd, roles=("LAYANAN",)))
    status, body = decide(http, officer, "kritis_forward", tracking, "APPROVE", note="Ringkasan.")
    assert status == 200, body
    stranger_leader = http.login(factory.employee(elsewhere, roles=("PIMPINAN",)))
    status, body = decide(http, stranger_leader, "kritis_decision", tracking, "APPROVE", note="Bukan SKPD saya.")
    assert status == 403, body
    status, shown = http.call("GET", f"/public/kritis/{tracking}")
    assert shown["state"] == "DITERUSKAN"


def test_whoever_forwarded_cannot_decide_holding_leadership_too(http: Api, factory: Factory):
    skpd = factory.skpd()
    both = http.login(factory.employee(skpd, roles=("LAYANAN", "PIMPINAN")))
    status, filed = http.call("POST", "/public/kritis", _form(http, skpd[0]))
    assert status == 201, filed
    tracking = filed["tracking_number"]
    status, body = decide(http, both, "kritis_forward", tracking, "APPROVE", note="Ringkasan.")
    assert status == 200, body
    status, body = decide(http, both, "kritis_decision", tracking, "APPROVE", note="Saya putuskan sendiri.")
    assert status == 403 and body["code"] == "SELF_DECISION", body
    leader = http.login(factory.employee(skpd, roles=("PIMPINAN",)))
    status, body = decide(http, leader, "kritis_decision", tracking, "APPROVE", note="Tindak lanjuti.")
    assert status == 200, body


def test_a_used_challenge_resent_with_another_number_spends_no_budget(http: Api, factory: Factory):
    skpd, victim = factory.skpd()[0], make_whatsapp()
    form = _form(http, skpd)
    status, body = http.call("POST", "/public/kritis", form)
    assert status == 201, body
    for _ in range(5):
        status, body = http.call("POST", "/public/kritis", {**form, "contact": victim})
        assert status == 409 and body["code"] == "CHALLENGE_USED", body
    for _ in range(5):  # the victim's whole day is still theirs
        status, body = http.call("POST", "/public/kritis", _form(http, skpd, contact=victim))
        assert status == 201, body


def test_leadership_is_reminded_of_an_item_never_forwarded(
    http: Api, factory: Factory, runner: Any, services_with: Any
):
    """An item no officer forwarded or closed for the configured days (3) reminds the SKPD's leadership through
    the sparse index (BARU, by filing time); a second run that day reminds nobody again."""
    from chalice.local import LambdaContext

    from chalicelib.handlers.kritis_routes import kritis_reminders
    from chalicelib.store.employees import DynamoEmployeeRepository
    from devtools.runner import scheduled_event

    skpd = factory.skpd()
    factory.employee(skpd, roles=("LAYANAN",))
    leader = factory.employee(skpd, roles=("PIMPINAN",), name="Pimpinan Belum Tahu")
    status, filed = http.call("POST", "/public/kritis", _form(http, skpd[0]))
    assert status == 201, filed
    tracking = filed["tracking_number"]
    leader_wa = DynamoEmployeeRepository().get(leader).whatsapp
    runner.deliver_queue()
    assert outbox_for(leader_wa) == []  # a new item goes to the officers only

    services_with(clock=lambda: datetime.now(UTC) + timedelta(days=3, hours=1))
    event = scheduled_event("ap-southeast-3", "kritis_reminders")
    kritis_reminders(event, LambdaContext("kritis_reminders", 512))
    kritis_reminders(event, LambdaContext("kritis_reminders", 512))
    runner.deliver_queue()
    reminders = [m.text for m in outbox_for(leader_wa)]
    assert len(reminders) == 1 and tracking in reminders[0] and "belum diteruskan petugas layanan" in reminders[0]
    assert f"/kritis-saran?status=BARU&no={tracking}" in reminders[0]


def test_a_raw_clients_photo_is_stored_without_its_exif_gps(http: Api, factory: Factory):
    """A script posts a phone's JPEG as it is (the browser's shrinking would have dropped the EXIF): the stored
    photo, read back through the office's link, carries no position, maker or EXIF block at all."""
    import requests
    from PIL import Image

    image = Image.new("RGB", (24, 12), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "S", (6.0, 12.0, 30.0), "E", (106.0, 49.0, 10.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    assert b"PhoneMaker" in out.getvalue()
    skpd = factory.skpd()
    photo = base64.b64encode(out.getvalue()).decode()
    status, filed = http.call("POST", "/public/kritis", _form(http, skpd[0], photo=photo))
    assert status == 201, filed
    officer = http.login(factory.employee(skpd, roles=("LAYANAN",)))
    status, detail = http.call("GET", f"/kritis/{filed['tracking_number']}", token=officer)
    assert status == 200 and detail["photo_url"]
    stored = requests.get(detail["photo_url"], timeout=10)
    assert stored.status_code == 200
    assert b"Exif" not in stored.content and b"PhoneMaker" not in stored.content
    with Image.open(io.BytesIO(stored.content)) as kept:
        assert kept.format == "JPEG" and kept.size == (24, 12) and not kept.getexif()
