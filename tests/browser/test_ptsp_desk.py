"""The PTSP information desk (issue 22) in a real browser against the real local API, on a phone: a public-service
officer adds an information type to the SKPD's catalogue, records a visitor at the desk, sees the request in today's
list, and the visitor's WhatsApp greeting (with the type's requirements) is in the outbox. Screenshots of both pages
at 360 px go to build/screenshots/."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.test_accessibility import violations
from tests.support import PASSWORD, local_runner, make_whatsapp, outbox_for

SCREENSHOTS = Path("build/screenshots")
SMALL_PHONE = {"width": 360, "height": 780}


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _taps_are_big_enough(page, selector: str) -> None:
    """Every button and field of the form is at least 44 px high (UI.md)."""
    small = page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter((el) => el.offsetParent !== null && el.getBoundingClientRect().height < 44)
            .map((el) => el.id || el.textContent.trim())""",
        selector,
    )
    assert small == [], small


def test_an_officer_records_a_desk_visitor_who_gets_the_requirements_by_whatsapp(browse, factory):
    skpd = factory.skpd()
    officer = factory.employee(skpd, roles=("LAYANAN",), name="Rina Marlina")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    page = browse.page(viewport=SMALL_PHONE)
    browse.sign_in(page, officer, PASSWORD)

    # the catalogue: add the type the visitor will ask for
    page.get_by_test_id("nav-account").click()
    page.get_by_role("link", name="Katalog layanan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Katalog layanan")
    expect(page.get_by_text("Katalog masih kosong.")).to_be_visible()
    page.get_by_test_id("type-new").click()
    page.get_by_test_id("type-save").click()  # nothing typed: the summary says what is missing
    expect(page.get_by_role("alert").first).to_contain_text("Periksa kembali")
    page.get_by_label("Nama jenis informasi").fill("Surat keterangan sehat")
    page.get_by_label("Persyaratan").fill("KTP asli\nPas foto 3x4 berwarna")
    page.get_by_label("Langkah selanjutnya").fill("1. Daftar di loket PTSP.\n2. Pemeriksaan dokter.")
    page.get_by_label("Kata kunci (opsional)").fill("Sehat, surat sehat")
    page.get_by_test_id("type-save").click()
    listed = page.get_by_test_id("type-list")
    expect(listed).to_contain_text("Surat keterangan sehat")
    expect(listed).to_contain_text("Pas foto 3x4 berwarna")
    expect(listed).to_contain_text("sehat, surat sehat")
    _no_sideways_scroll(page)
    page.screenshot(path=str(SCREENSHOTS / "ptsp-katalog-360.png"), full_page=True)
    assert violations(page, "/layanan/katalog") == []

    # the desk: record a visitor
    page.get_by_test_id("nav-account").click()
    page.get_by_role("link", name="Meja layanan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meja layanan")
    expect(page.get_by_text("Belum ada permohonan")).to_be_visible()
    page.get_by_test_id("desk-record").click()
    expect(page.get_by_role("alert").first).to_contain_text("Periksa kembali")
    expect(page.get_by_text("Isi nama pemohon.").first).to_be_visible()
    whatsapp = make_whatsapp()
    page.get_by_label("Nama pemohon").fill("Siti Aminah")
    page.get_by_label("Nomor WhatsApp").fill("0" + whatsapp[2:])
    page.get_by_label("Jenis informasi").first.select_option(label="Surat keterangan sehat")
    expect(page.get_by_test_id("desk-requirements")).to_contain_text("KTP asli")
    page.get_by_label("Catatan (opsional)").fill("Untuk melamar kerja")
    form = "[data-testid=desk-form]"
    _taps_are_big_enough(page, f"{form} input, {form} select, {form} textarea, {form} button")
    page.get_by_test_id("desk-record").click()
    recorded = page.get_by_test_id("desk-recorded")
    expect(recorded).to_contain_text("Siti Aminah")
    expect(recorded).to_contain_text(re.compile(r"dicatat pukul \d\d\.\d\d WIB"))
    expect(recorded).to_contain_text("dikirim ke WhatsApp +62 812-")
    expect(page.get_by_label("Nama pemohon")).to_have_value("")  # ready for the next visitor
    row = page.get_by_test_id("desk-list").locator("li").first
    expect(row).to_contain_text("Siti Aminah")
    expect(row).to_contain_text("Surat keterangan sehat")
    expect(row).to_contain_text("dicatat oleh Rina Marlina")
    expect(page.get_by_role("heading", name="Hari ini")).to_be_visible()

    # the Excel of today
    page.get_by_test_id("desk-export").click()
    expect(page.get_by_test_id("desk-export-link")).to_be_visible()
    expect(page.get_by_text("Berkas Excel siap (1 baris)")).to_be_visible()
    _no_sideways_scroll(page)
    page.screenshot(path=str(SCREENSHOTS / "ptsp-meja-360.png"), full_page=True)
    assert violations(page, "/layanan/meja") == []

    # the greeting reaches the visitor through the notification worker
    local_runner(quiet=True).deliver_queue()
    [greeting] = outbox_for(whatsapp)
    assert "Siti Aminah" in greeting.text and "Surat keterangan sehat" in greeting.text
    assert "1. KTP asli" in greeting.text and "2. Pemeriksaan dokter." in greeting.text
