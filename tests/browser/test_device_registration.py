"""A device registration (issue 20, "check-in that resists fraud") in a real Chromium against the real local API:
HR sets "Aturan presensi" on /jam-kerja to refuse unregistered devices; the employee, on a phone, is told at
Presensi that this browser is not registered, registers it on "Perangkat presensi" (a non-exportable WebCrypto
key kept in IndexedDB), sees it listed as active, and checks in — accepted only because the browser signed it.
Screenshots go to build/screenshots/."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, JAKARTA
from tests.browser.test_accessibility import violations
from tests.support import PASSWORD
from tests.unit.test_device_keys import key_pair

SCREENSHOTS = Path("build/screenshots")
PHONE_360 = {"width": 360, "height": 800}


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_hr_refuses_unknown_devices_and_an_employee_registers_this_browser_and_checks_in_signed(browse, http, factory):
    skpd = factory.skpd()
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Rina Kepegawaian")
    staff = factory.employee(skpd, name="Dewi Lestari")

    # HR: "Aturan presensi" next to "Potongan TPP"
    desk = browse.page(DESKTOP)
    browse.sign_in(desk, hr, PASSWORD)
    desk.get_by_role("link", name="Jam kerja").first.click()
    form = desk.get_by_test_id("checkin-rules-form")
    expect(form.get_by_test_id("checkin-rules-source")).to_contain_text("Aturan bawaan")
    form.get_by_label("Perangkat aktif per pegawai").fill("9")
    form.get_by_test_id("save-checkin-rules").click()
    expect(form.get_by_role("alert")).to_contain_text("Batas perangkat harus 1-5.")
    form.get_by_label("Perangkat aktif per pegawai").fill("1")
    form.get_by_test_id("policy-REFUSE").check()
    form.get_by_test_id("save-checkin-rules").click()
    expect(form.get_by_test_id("checkin-rules-source")).to_contain_text("Aturan yang ditetapkan SKPD ini.")
    form.scroll_into_view_if_needed()
    _shot(desk, "aturan-presensi-desktop")

    # the employee, on a phone: Presensi says this browser is not registered and where to register it
    page = browse.page(PHONE_360, geolocation={**JAKARTA, "accuracy": 15})  # a phone's fix, ±15 m
    browse.sign_in(page, staff, PASSWORD)
    page.get_by_test_id("nav-attendance").click()
    expect(page.get_by_test_id("device-unregistered")).to_be_visible()
    _shot(page, "presensi-perangkat-belum-terdaftar-360")
    page.get_by_role("link", name="Daftarkan di Perangkat presensi").click()
    expect(page.get_by_role("heading", name="Perangkat presensi", level=1)).to_be_visible()
    expect(page.get_by_test_id("device-policy")).to_contain_text("hanya diterima dari perangkat yang terdaftar")
    expect(page.get_by_test_id("no-devices")).to_be_visible()
    register = page.get_by_test_id("register-device")
    register.get_by_test_id("register-device-button").click()
    expect(register.get_by_role("alert")).to_contain_text("Periksa kembali")
    register.get_by_label("Nama perangkat").fill("Ponsel kantor")
    register.get_by_test_id("register-device-button").click()
    item = page.get_by_test_id("device-item")
    expect(item).to_have_count(1)
    expect(item.get_by_test_id("device-status")).to_have_text("Aktif")
    expect(item.get_by_test_id("this-device")).to_have_text("Perangkat ini")
    expect(item).to_contain_text("Ponsel kantor")
    expect(page.get_by_test_id("register-device")).to_have_count(0)
    _no_sideways_scroll(page)
    _shot(page, "perangkat-presensi-360")
    assert violations(page, "/perangkat") == []

    # the key never left the browser: the private key in IndexedDB is not extractable
    extractable = page.evaluate(
        """() => new Promise((resolve, reject) => {
            const open = indexedDB.open("kinerja-device", 1);
            open.onsuccess = () => {
                const read = open.result.transaction("keys").objectStore("keys").getAll();
                read.onsuccess = () => resolve(read.result.map((r) => r.privateKey.extractable));
                read.onerror = () => reject(read.error);
            };
        })"""
    )
    assert extractable == [False]

    # Presensi: signed by this browser, accepted under REFUSE
    page.goto(f"{browse.web}/presensi")
    expect(page.get_by_test_id("device-registered")).to_be_visible()
    page.get_by_role("button", name="Presensi masuk").click()
    expect(page.get_by_test_id("checkin-outcome")).to_contain_text("Presensi masuk tercatat")
    expect(page.get_by_test_id("check-in-time")).to_contain_text("Aplikasi")
    expect(page.get_by_role("button", name="Presensi pulang")).to_be_enabled()
    _shot(page, "presensi-bertanda-tangan-360")

    # a second device (another browser) waits for HR, who approves it in Persetujuan with no screen of its own;
    # the limit (1) retires this browser's
    _, jwk = key_pair()
    body = {"label": "Laptop rumah", "public_key": jwk}
    status, pending = http.call("POST", "/me/devices", body, token=http.login(staff))
    assert status == 201 and pending["status"] == "PENDING"
    page.goto(f"{browse.web}/perangkat")
    expect(page.get_by_test_id("device-item")).to_have_count(2)
    expect(page.get_by_test_id("device-status").nth(1)).to_have_text("Menunggu persetujuan kepegawaian")
    desk.goto(f"{browse.web}/persetujuan?jenis=perangkat")
    waiting = desk.get_by_test_id("decision-item").first
    expect(waiting).to_contain_text("Dewi Lestari")
    expect(waiting).to_contain_text("Laptop rumah")
    _shot(desk, "perangkat-persetujuan-desktop")
    waiting.get_by_test_id("verdict-approve").click()
    desk.get_by_role("dialog").get_by_test_id("decision-confirm").click()
    expect(waiting.get_by_test_id("item-outcome")).to_have_text("Aktif")
    status, listed = http.call("GET", f"/employees/{staff}/devices", token=http.login(hr))
    assert status == 200 and [(d["label"], d["status"]) for d in listed["items"]] == [("Laptop rumah", "ACTIVE")]
    page.reload()
    expect(page.get_by_test_id("device-item")).to_have_count(1)
    expect(page.get_by_test_id("register-device")).to_be_visible()  # this browser's device was retired
