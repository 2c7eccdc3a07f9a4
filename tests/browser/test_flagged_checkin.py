"""A check-in that resists fraud in a real Chromium against the real local API (issue 20): on a phone, a GPS fix
wider than the office radius is refused with what to do; the satker requires a selfie, taken with the front camera
and sent with the check-in, which is recorded with its accuracy. HR then finds a flagged check-in (impossible
travel) in the one inbox with its reasons, the move in words and the selfie, and rejects it with a note.
Screenshots go to build/screenshots/."""

from __future__ import annotations

import base64
import io
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, JAKARTA
from tests.support import PASSWORD

SCREENSHOTS = Path("build/screenshots")
SURABAYA = {"latitude": -7.2575, "longitude": 112.7521}


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _photo() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (900, 1200), (214, 180, 150))
    draw = ImageDraw.Draw(image)
    draw.ellipse((250, 250, 650, 750), fill=(236, 200, 170))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _office_satker(skpd_id: str) -> str:
    """A satker of the SKPD with a 100 m office radius where the browser's location is."""
    from chalicelib.domain.identity import TimeZone
    from chalicelib.domain.organisation import OfficeLocation, Satker
    from chalicelib.store.organisation import DynamoOrgRepository

    DynamoOrgRepository().save_satker(
        Satker(skpd_id, "PKM-SWAFOTO", "Puskesmas Swafoto", TimeZone.WIB, OfficeLocation(**JAKARTA, radius_m=100))
    )
    return "PKM-SWAFOTO"


def test_an_employee_checks_in_with_accuracy_and_a_selfie_and_hr_rejects_a_flagged_check_in(browse, http, factory):
    skpd = factory.skpd()
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Rina Kepegawaian")
    satker = _office_satker(skpd[0])
    staff = factory.employee((skpd[0], satker), name="Dewi Lestari")
    rules = {"device_policy": "OFF", "selfie_satkers": [satker], "max_speed_kmh": 200, "version": 0}
    status, saved = http.call("PUT", f"/skpd/{skpd[0]}/check-in-rules", rules, token=http.login(hr))
    assert status == 200, saved

    # a coarse fix (400 m) where the office radius is 100 m: refused, with what to do
    page = browse.page(geolocation={**JAKARTA, "accuracy": 400})
    browse.sign_in(page, staff, PASSWORD)
    page.get_by_test_id("nav-attendance").click()
    # the employee knows the selfie is required before the first tap: the camera is offered at once
    expect(page.get_by_test_id("checkin-selfie")).to_be_visible()
    page.get_by_role("button", name="Presensi masuk").click()
    outcome = page.get_by_test_id("checkin-outcome")
    expect(outcome).to_contain_text("Akurasi GPS Anda 400 m")
    expect(outcome).to_contain_text("pindah ke tempat terbuka")
    _shot(page, "presensi-akurasi-ditolak-phone")

    # a precise fix, but no photo taken yet: the selfie is asked for; the front camera's photo is shown, then sent
    page.context.set_geolocation({**JAKARTA, "accuracy": 8})
    page.get_by_role("button", name="Presensi masuk").click()
    expect(outcome).to_contain_text("mewajibkan swafoto")
    selfie = page.get_by_test_id("checkin-selfie")
    expect(selfie.get_by_test_id("selfie-input")).to_have_attribute("capture", "user")
    selfie.get_by_test_id("selfie-input").set_input_files(
        {"name": "IMG_0001.jpg", "mimeType": "image/jpeg", "buffer": _photo()}
    )
    expect(selfie.get_by_test_id("selfie-preview")).to_be_visible()
    _shot(page, "presensi-swafoto-phone")
    page.get_by_role("button", name="Presensi masuk").click()
    expect(outcome).to_contain_text("Presensi masuk tercatat pukul")
    expect(outcome).to_contain_text("akurasi GPS ±8 m")
    expect(page.get_by_test_id("check-in-time")).not_to_have_text("Belum")
    _shot(page, "presensi-tercatat-akurasi-phone")

    # a colleague's check-out 660 km from their check-in, seconds later: recorded and flagged
    mover = factory.employee(skpd, name="Agus Pratama")
    token = http.login(mover)
    assert http.call("POST", "/attendance/check-in", {"session": "PAGI", **JAKARTA}, token=token)[0] == 201
    picture = "data:image/jpeg;base64," + base64.b64encode(_photo()).decode()
    body = {"session": "SORE", **SURABAYA, "accuracy_m": 15, "selfie": picture}
    status, flagged = http.call("POST", "/attendance/check-in", body, token=token)
    assert status == 201 and flagged["flagged"] is True, flagged

    # HR finds it in the one inbox: the reasons, the move in words, the selfie; rejects it with a note
    desk = browse.page(DESKTOP)
    browse.sign_in(desk, hr, PASSWORD)
    desk.goto(f"{browse.web}/persetujuan?jenis=presensi-ditandai")
    item = desk.get_by_test_id("decision-item")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("Agus Pratama")
    expect(item).to_contain_text("Perpindahan lokasi yang mustahil")
    expect(item).to_contain_text("km dalam kurang dari 1 menit sejak presensi pagi (masuk)")
    expect(item.locator("img")).to_have_count(1)
    _shot(desk, "presensi-ditandai-hr-desktop")
    item.get_by_role("button", name="Tolak presensi").click()
    dialog = desk.get_by_role("dialog")
    dialog.get_by_label("Alasan penolakan").fill("Lokasi presensi tidak wajar")
    dialog.get_by_test_id("decision-confirm").click()
    expect(desk.get_by_test_id("item-outcome")).to_have_text("Ditolak (presensi dihapus)")
    _shot(desk, "presensi-ditandai-ditolak-desktop")
