"""The report coach in the report form (issue 19): typing "Bekerja" shows polite advice, a measurable sentence
clears it, and a report is sent whatever the advice (a hint never blocks)."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.helpers import type_report
from tests.support import PASSWORD, attend, today_wib

SCREENSHOTS = Path("build/screenshots")
GOOD = "Menyusun draf laporan keuangan triwulan IV Bidang Anggaran untuk direviu Kepala Bidang"


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_typing_bekerja_shows_advice_a_good_sentence_clears_it_and_sending_works(browse, http, factory):
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="dr. Andi Wijaya")
    nip = factory.employee(skpd, supervisor=boss, name="Agus Pratama")
    attend(nip, today_wib())

    page = browse.page()
    browse.sign_in(page, nip, PASSWORD)
    page.goto(f"{browse.web}/laporan/baru")
    type_report(page, "08:00", "09:00", "Kegiatan harian", "Bekerja", "Draf laporan keuangan (12 halaman)")
    advice = page.get_by_test_id("report-hints")
    expect(advice).to_be_visible()
    expect(advice).to_contain_text("Saran penulisan")
    expect(advice.locator("[data-code=NO_WORK_VERB]")).to_contain_text("kata kerja operasional")
    expect(advice.locator("[data-code=TOO_SHORT]")).to_contain_text("Contoh:")
    # advice, not an error: the field is not marked invalid and no error summary appears
    expect(page.get_by_label("Uraian kegiatan")).not_to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Laporan belum dapat dikirim")).to_have_count(0)
    _shot(page, "report-coach-hint-phone")

    page.get_by_label("Uraian kegiatan").fill(GOOD)
    expect(advice).to_have_count(0)
    _shot(page, "report-coach-clear-phone")

    page.get_by_role("button", name="Kirim laporan").click()
    expect(page).to_have_url(re.compile(r"/laporan/[0-9a-f]{32}$"))
    expect(page.get_by_test_id("status")).to_have_text("Diajukan")

    # a vague report still goes: the coach advises, the supervisor decides
    page.goto(f"{browse.web}/laporan/baru")
    type_report(page, "10:00", "11:00", "Kegiatan harian", "Bekerja", "-")
    expect(page.get_by_test_id("report-hints").locator("[data-code=NO_OUTPUT]")).to_be_visible()
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page).to_have_url(re.compile(r"/laporan/[0-9a-f]{32}$"))
    expect(page.get_by_test_id("status")).to_have_text("Diajukan")
    report_id = page.url.rsplit("/", 1)[-1]
    status, stored = http.call("GET", f"/reports/{report_id}", token=http.login(nip))
    assert status == 200 and stored["hints"] == ["TOO_SHORT", "NO_WORK_VERB", "NO_OUTPUT"]
