"""The PTSP information desk over HTTP (issue 22, seed 003 §3): the SKPD's officers keep the service catalogue,
record visitors (greeted at once by WhatsApp, read from the outbox), list the desk's days and take an Excel."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
import requests
from openpyxl import load_workbook

from tests.support import make_whatsapp, outbox_for, today_wib

TYPES = "/skpd/{}/ptsp/types"
DESK = "/skpd/{}/ptsp/desk"


@pytest.fixture
def office(http, factory):
    """An SKPD with two public-service officers, an officer of another SKPD, and a plain employee."""
    skpd = factory.skpd()
    other = factory.skpd()
    people = {
        "rina": factory.employee(skpd, roles=("LAYANAN",), name="Rina Marlina"),
        "yudi": factory.employee(skpd, roles=("LAYANAN",), name="Yudi Pratama"),
        "lain": factory.employee(other, roles=("LAYANAN",), name="Petugas Lain"),
        "pegawai": factory.employee(skpd, name="Pegawai Biasa"),
    }
    tokens = {key: http.login(nip) for key, nip in people.items()}
    return {"skpd": skpd[0], "other": other[0], "nip": people, "token": tokens}


def _type_body(name: str = "Legalisir dokumen", **extra):
    return {
        "name": name,
        "requirements": ["KTP asli", "  ", "Fotokopi dokumen yang dilegalisir"],
        "procedure": "1. Serahkan berkas di loket PTSP.\n2. Ambil hasil legalisir esok hari.",
        "keywords": ["Legalisir", "LEGES", "legalisir"],
        **extra,
    }


def _create(http, office, name="Legalisir dokumen", who="rina", **extra):
    status, body = http.call("POST", TYPES.format(office["skpd"]), _type_body(name, **extra), office["token"][who])
    assert status == 201, body
    return body


def test_officers_keep_the_catalogue_and_a_stale_edit_is_refused(http, office):
    skpd, rina, yudi = office["skpd"], office["token"]["rina"], office["token"]["yudi"]
    made = _create(http, office, order=2)
    assert made["requirements"] == ["KTP asli", "Fotokopi dokumen yang dilegalisir"]
    assert made["keywords"] == ["legalisir", "leges"] and made["active"] and made["version"] == 1
    _create(http, office, "Surat keterangan sehat", order=1)

    status, listed = http.call("GET", TYPES.format(skpd), token=yudi)
    assert status == 200 and [t["name"] for t in listed["items"]] == ["Surat keterangan sehat", "Legalisir dokumen"]

    path = f"{TYPES.format(skpd)}/{made['type_id']}"
    edit = {**_type_body("Legalisir salinan putusan"), "version": 1}
    status, edited = http.call("PUT", path, edit, yudi)
    assert status == 200 and edited["name"] == "Legalisir salinan putusan" and edited["version"] == 2
    status, stale = http.call("PUT", path, {**edit, "name": "Basi"}, rina)
    assert status == 409 and stale["code"] == "CONFLICT"

    status, off = http.call("PUT", path, {**edit, "active": False, "version": 2}, rina)
    assert status == 200 and off["active"] is False
    status, listed = http.call("GET", TYPES.format(skpd), token=rina)
    assert {t["name"]: t["active"] for t in listed["items"]} == {
        "Surat keterangan sehat": True,
        "Legalisir salinan putusan": False,
    }


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"name": "   "}, "INVALID_INFORMATION_TYPE"),
        ({"requirements": ["", "  "]}, "INVALID_INFORMATION_TYPE"),
        ({"procedure": ""}, "REQUIRED"),
        ({"keywords": ["x" * 41]}, "TOO_LONG"),
        ({"order": -1}, "INVALID_INFORMATION_TYPE"),
    ],
)
def test_a_bad_type_is_400_in_indonesian_and_nothing_is_stored(http, office, change, code):
    status, body = http.call("POST", TYPES.format(office["skpd"]), _type_body(**change), office["token"]["rina"])
    assert status == 400 and body["code"] == code, body
    assert body["message"] and "field" in body["details"]
    assert http.call("GET", TYPES.format(office["skpd"]), token=office["token"]["rina"])[1]["items"] == []


def test_a_duplicate_name_is_409(http, office):
    _create(http, office)
    status, body = http.call(
        "POST", TYPES.format(office["skpd"]), _type_body("legalisir  DOKUMEN"), office["token"]["rina"]
    )
    assert status == 409 and body["code"] == "DUPLICATE_INFORMATION_TYPE"


def test_only_the_offices_own_officers_reach_its_catalogue_and_desk(http, office):
    made = _create(http, office)
    skpd = office["skpd"]
    for who in ("lain", "pegawai"):
        token = office["token"][who]
        assert http.call("GET", TYPES.format(skpd), token=token)[0] == 403
        assert http.call("POST", TYPES.format(skpd), _type_body("Lain"), token)[0] == 403
        edit = {**_type_body("Diubah"), "version": 1}
        assert http.call("PUT", f"{TYPES.format(skpd)}/{made['type_id']}", edit, token)[0] == 403
        visitor = {"name": "Budi", "whatsapp": "081234567890", "type_id": made["type_id"]}
        assert http.call("POST", DESK.format(skpd), visitor, token)[0] == 403
        assert http.call("GET", DESK.format(skpd), token=token)[0] == 403
        today = today_wib().isoformat()
        assert http.call("POST", DESK.format(skpd) + "/export", {"from": today, "to": today}, token)[0] == 403
    # the other office's officer sees only their own (empty) catalogue, and cannot use this office's type there
    lain = office["token"]["lain"]
    assert http.call("GET", TYPES.format(office["other"]), token=lain)[1]["items"] == []
    visitor = {"name": "Budi", "whatsapp": "081234567890", "type_id": made["type_id"]}
    status, body = http.call("POST", DESK.format(office["other"]), visitor, lain)
    assert status == 404 and body["code"] == "INFORMATION_TYPE_NOT_FOUND"
    unknown = f"{TYPES.format(skpd)}/{'0' * 32}"
    assert http.call("PUT", unknown, {**_type_body(), "version": 1}, office["token"]["rina"])[0] == 404


def test_a_desk_visitor_is_recorded_and_greeted_once_with_the_requirements(http, office, runner):
    made = _create(http, office)
    skpd, rina = office["skpd"], office["token"]["rina"]
    whatsapp = make_whatsapp()
    local = "0" + whatsapp[2:]  # as the visitor says it: 0812…
    body = {"name": "  Siti   Aminah ", "whatsapp": local, "type_id": made["type_id"], "note": "Untuk melamar kerja"}
    status, recorded = http.call("POST", DESK.format(skpd), body, rina)
    assert status == 201, recorded
    assert recorded["name"] == "Siti Aminah" and recorded["whatsapp"] == whatsapp
    assert recorded["type_name"] == "Legalisir dokumen" and recorded["greeting_queued"] is True
    assert recorded["recorded_by"] == office["nip"]["rina"] and recorded["recorded_by_name"] == "Rina Marlina"
    assert recorded["at"].startswith(today_wib().isoformat())

    assert outbox_for(whatsapp) == []  # the API only queues it: the notification worker holds the provider's token
    runner.deliver_queue()
    [greeting] = outbox_for(whatsapp)
    assert "Siti Aminah" in greeting.text and "telah kami terima" in greeting.text
    assert "Legalisir dokumen" in greeting.text
    assert "1. KTP asli" in greeting.text and "2. Fotokopi dokumen yang dilegalisir" in greeting.text
    assert "Ambil hasil legalisir esok hari." in greeting.text

    # the queue delivering the same message again sends nothing twice (once per request id)
    from chalicelib.services import container
    from chalicelib.services.ptsp_desk import greeting_key

    key = greeting_key(recorded["request_id"])
    queued = {"kind": "service-message", "key": key, "whatsapp": whatsapp, "text": "lagi"}
    container.citizen_messages().deliver(queued)
    assert len(outbox_for(whatsapp)) == 1

    # a second visit of the same person is a new request, greeted again
    http.call("POST", DESK.format(skpd), body, rina)
    runner.deliver_queue()
    assert len(outbox_for(whatsapp)) == 2


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"name": " "}, 400, "REQUIRED"),
        ({"whatsapp": "12345"}, 400, "INVALID_WHATSAPP"),
        ({"type_id": "bukan-id"}, 400, None),
        ({"type_id": "f" * 32}, 404, "INFORMATION_TYPE_NOT_FOUND"),
        ({"note": "x" * 1001}, 400, "TOO_LONG"),
    ],
)
def test_a_bad_visitor_is_refused_and_nothing_is_stored_or_sent(http, office, runner, change, status, code):
    made = _create(http, office)
    whatsapp = make_whatsapp()
    body = {"name": "Budi", "whatsapp": whatsapp, "type_id": made["type_id"], **change}
    got, refusal = http.call("POST", DESK.format(office["skpd"]), body, office["token"]["rina"])
    assert got == status and (code is None or refusal["code"] == code), refusal
    assert http.call("GET", DESK.format(office["skpd"]), token=office["token"]["rina"])[1]["items"] == []
    runner.deliver_queue()
    assert outbox_for(whatsapp) == []


def test_an_inactive_type_cannot_be_recorded(http, office):
    made = _create(http, office, active=False)
    body = {"name": "Budi", "whatsapp": make_whatsapp(), "type_id": made["type_id"]}
    status, refusal = http.call("POST", DESK.format(office["skpd"]), body, office["token"]["rina"])
    assert status == 422 and refusal["code"] == "INFORMATION_TYPE_INACTIVE"


def _visit_on(day: date, type_id: str, name: str, skpd: str, nip: str) -> None:
    """A past visit, stored as the desk would have stored it that day (the API records only the present)."""
    import uuid
    from datetime import UTC, datetime, time

    from chalicelib.domain.ptsp.desk import DeskRequest
    from chalicelib.store.ptsp import DynamoPtspDesk

    DynamoPtspDesk().add(
        DeskRequest(
            skpd_id=skpd,
            request_id=uuid.uuid4().hex,
            local_at=datetime.combine(day, time(9, 30)),
            recorded_at=datetime.combine(day, time(2, 30), tzinfo=UTC),
            visitor_name=name,
            whatsapp="6281234567890",
            type_id=type_id,
            type_name="Surat keterangan sehat",
            note="",
            recorded_by=nip,
            recorded_by_name="Rina Marlina",
        )
    )


def test_the_desk_lists_today_past_days_one_type_and_pages(http, office):
    legal, sehat = _create(http, office)["type_id"], _create(http, office, "Surat keterangan sehat")["type_id"]
    skpd, rina, nip = office["skpd"], office["token"]["rina"], office["nip"]["rina"]
    today = today_wib()
    for name, type_id in (("Ani", legal), ("Budi", sehat), ("Citra", legal)):
        body = {"name": name, "whatsapp": make_whatsapp(), "type_id": type_id}
        assert http.call("POST", DESK.format(skpd), body, rina)[0] == 201
    _visit_on(today - timedelta(days=3), sehat, "Dodi", skpd, nip)
    _visit_on(today - timedelta(days=40), sehat, "Lama", skpd, nip)

    status, listed = http.call("GET", DESK.format(skpd), token=rina)
    assert status == 200 and listed["from"] == listed["to"] == today.isoformat()
    assert {r["name"] for r in listed["items"]} == {"Ani", "Budi", "Citra"}
    status, listed = http.call("GET", f"{DESK.format(skpd)}?type_id={legal}", token=rina)
    assert {r["name"] for r in listed["items"]} == {"Ani", "Citra"}

    week = f"from={(today - timedelta(days=6)).isoformat()}&to={today.isoformat()}"
    status, listed = http.call("GET", f"{DESK.format(skpd)}?{week}&type_id={sehat}", token=rina)
    assert [r["name"] for r in listed["items"]] == ["Budi", "Dodi"]  # newest first

    status, first = http.call("GET", f"{DESK.format(skpd)}?{week}&limit=2", token=rina)
    assert len(first["items"]) == 2 and first["next_cursor"]
    status, rest = http.call("GET", f"{DESK.format(skpd)}?{week}&limit=2&cursor={first['next_cursor']}", token=rina)
    assert status == 200 and len(first["items"] + rest["items"]) == 4

    too_long = f"from={(today - timedelta(days=31)).isoformat()}&to={today.isoformat()}"
    status, refusal = http.call("GET", f"{DESK.format(skpd)}?{too_long}", token=rina)
    assert status == 400 and refusal["code"] == "INVALID_DATE_RANGE" and "31 hari" in refusal["message"]


def test_the_excel_of_a_range_reads_back(http, office):
    sehat = _create(http, office, "Surat keterangan sehat")["type_id"]
    skpd, rina, nip = office["skpd"], office["token"]["rina"], office["nip"]["rina"]
    today = today_wib()
    body = {"name": "Siti Aminah", "whatsapp": "081234567890", "type_id": sehat, "note": "Untuk CPNS"}
    assert http.call("POST", DESK.format(skpd), body, rina)[0] == 201
    _visit_on(today - timedelta(days=2), sehat, "Dodi", skpd, nip)

    span = {"from": (today - timedelta(days=6)).isoformat(), "to": today.isoformat()}
    status, made = http.call("POST", DESK.format(skpd) + "/export", span, rina)
    assert status == 200 and made["rows"] == 2 and made["filename"].endswith(".xlsx")
    book = load_workbook(io.BytesIO(requests.get(made["url"], timeout=10).content))
    sheet = book["Meja layanan"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Tanggal", "Jam", "Nama pemohon", "Nomor WhatsApp", "Jenis informasi")
    assert [r[2] for r in rows[1:3]] == ["Dodi", "Siti Aminah"]  # oldest first
    assert rows[2][3] == "6281234567890" and rows[2][5] == "Untuk CPNS" and rows[2][6] == "Rina Marlina"
    assert rows[1][0].date() == today - timedelta(days=2)
    assert any(r[0] and "2 pemohon" in str(r[0]) for r in rows[3:])

    status, refusal = http.call("POST", DESK.format(skpd) + "/export", {"from": span["to"], "to": span["from"]}, rina)
    assert status == 400 and refusal["code"] == "INVALID_DATE_RANGE"


def test_the_admin_reaches_any_offices_desk_and_an_unknown_skpd_is_404(http, factory, office):
    admin = http.login(factory.employee(factory.skpd(), roles=("ADMIN",)))
    _create(http, office)
    status, listed = http.call("GET", TYPES.format(office["skpd"]), token=admin)
    assert status == 200 and [t["name"] for t in listed["items"]] == ["Legalisir dokumen"]
    status, refusal = http.call("GET", TYPES.format("TIDAK-ADA"), token=admin)
    assert status == 404 and refusal["code"] == "SKPD_NOT_FOUND"
