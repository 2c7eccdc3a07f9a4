"""Issue 20: HR sets a satker's working hours on the "Jam kerja" screen (a refusal lands at its field), and the
employee sees each day's class in the calendar on a phone (in words, with the minutes in the day's detail)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP
from tests.browser.test_accessibility import violations
from tests.support import PASSWORD, attend

SCREENSHOTS = Path("build/screenshots")
PHONE_360 = {"width": 360, "height": 800}


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_hr_sets_a_satker_working_hours_with_ramadan(browse, http, factory):
    skpd = factory.skpd()
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Rina Kepegawaian")
    page = browse.page(DESKTOP)
    browse.sign_in(page, hr, PASSWORD)
    page.get_by_role("link", name="Jam kerja").first.click()
    expect(page.get_by_role("heading", name="Jam kerja", level=1)).to_be_visible()
    expect(page.get_by_test_id("hours-source")).to_contain_text("Bawaan (Perpres 21/2023)")
    page.get_by_test_id("hours-unit").select_option(skpd[1])
    expect(page.get_by_test_id("hours-form")).not_to_have_attribute("aria-busy", "true")
    expect(page.get_by_test_id("hours-source")).to_contain_text("Bawaan")

    # a check-out before the check-in is refused at the field
    page.get_by_label("Jam masuk Rabu").fill("16:00")
    page.get_by_label("Jam pulang Rabu").fill("07:30")
    page.get_by_test_id("save-hours").click()
    expect(page.locator("tr[data-weekday='2']")).to_contain_text("Jam pulang hari Rabu harus setelah jam masuk.")
    expect(page.locator("#weekly-2-check_out")).to_have_attribute("aria-invalid", "true")
    _shot(page, "working-hours-refused-desktop")

    page.get_by_label("Jam masuk Rabu").fill("07:30")
    page.get_by_label("Jam pulang Rabu").fill("16:00")
    page.get_by_label("Jam masuk Senin").fill("08:00")
    page.get_by_test_id("add-ramadan").click()
    ramadan = page.get_by_test_id("exception-0")
    ramadan.get_by_label("Dari tanggal").fill("2027-02-08")
    ramadan.get_by_label("Sampai tanggal").fill("2027-03-09")
    page.get_by_test_id("add-day-off").click()
    off = page.get_by_test_id("exception-1")
    off.get_by_label("Dari tanggal").fill("2027-01-04")
    off.get_by_label("Sampai tanggal").fill("2027-01-04")
    off.get_by_label("Keterangan").fill("Kerja bakti")
    page.get_by_test_id("save-hours").click()
    expect(page.get_by_text("tersimpan.").first).to_be_visible()
    expect(page.get_by_test_id("hours-source")).to_contain_text("Jam kerja satker ini sendiri")
    expect(page.get_by_test_id("hours-source")).to_contain_text("Senin 08.00–16.00")
    _shot(page, "working-hours-desktop")
    assert violations(page, "/jam-kerja") == []

    # the SKPD's TPP deductions: a refusal at its field, then saved, then the defaults filled back in
    rules = page.get_by_test_id("rules-form")
    expect(page.get_by_test_id("rules-source")).to_contain_text("Aturan bawaan")
    rules.get_by_label("Potongan TL2 (persen)").fill("150")
    page.get_by_test_id("save-rules").click()
    expect(rules.locator("#rules-late-1")).to_have_attribute("aria-invalid", "true")
    expect(rules).to_contain_text("Persentase potongan harus angka 0 sampai 100.")
    rules.get_by_label("Potongan TL2 (persen)").fill("1,75")
    page.get_by_test_id("save-rules").click()
    expect(page.get_by_test_id("rules-source")).to_contain_text("Aturan yang ditetapkan SKPD ini.")
    expect(rules.get_by_label("Potongan TL2 (persen)")).to_have_value("1,75")
    page.get_by_test_id("restore-rules").click()
    expect(rules.get_by_label("Potongan TL2 (persen)")).to_have_value("1")
    _shot(page, "discipline-rules-desktop")
    token = http.login(hr)
    assert http.call("GET", f"/skpd/{skpd[0]}/discipline-rules", token=token)[1]["late"][1] == 1.75

    status, saved = http.call("GET", f"/skpd/{skpd[0]}/satker/{skpd[1]}/working-hours", token=token)
    assert status == 200 and saved["source"] == "SATKER" and saved["weekly"]["0"]["check_in"] == "08:00"
    assert [e["note"] for e in saved["exceptions"]] == ["Kerja bakti", "Jam kerja bulan Ramadan"]

    phone = browse.page(PHONE_360)
    browse.sign_in(phone, hr, PASSWORD)
    phone.goto(f"{browse.web}/jam-kerja")
    expect(phone.get_by_role("heading", name="Jam kerja", level=1)).to_be_visible()
    expect(phone.get_by_test_id("rules-source")).to_be_visible()
    _shot(phone, "working-hours-phone-360")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the working hours page scrolls sideways at 360 px ({width})"


def test_the_employee_sees_each_day_class_in_the_calendar_on_a_phone(browse, factory):
    skpd = factory.skpd()
    nip = factory.employee(skpd, supervisor=factory.employee(skpd), name="Dewi Lestari")
    attend(nip, date(2026, 11, 2), "07:42", "16:05")  # 12 minutes late
    attend(nip, date(2026, 11, 6), "07:20", "16:00")  # Friday: 30 minutes early
    attend(nip, date(2026, 11, 9), "07:29", "16:31")

    page = browse.page(PHONE_360)
    browse.sign_in(page, nip, PASSWORD)
    page.get_by_test_id("nav-attendance").click()
    expect(page.get_by_test_id("today-attendance")).not_to_have_attribute("aria-busy", "true")
    page.get_by_role("button", name="Bulan sebelumnya").click()
    expect(page.get_by_role("heading", name="November 2026", exact=True)).to_be_visible()
    late = page.locator('[data-date="2026-11-02"]')
    expect(late.get_by_test_id("day-class")).to_have_text("TL1")
    expect(page.locator('[data-date="2026-11-03"]').get_by_test_id("day-class")).to_have_text("TK")
    expect(page.locator('[data-date="2026-11-06"]').get_by_test_id("day-class")).to_have_text("PSW1")
    expect(page.locator('[data-date="2026-11-09"]').get_by_test_id("day-class")).to_have_text("Tepat")
    expect(page.get_by_test_id("class-legend")).to_contain_text("TL1–TL4")
    late.click()
    detail = page.get_by_test_id("day-class-detail")
    expect(detail).to_contain_text("Masuk: Terlambat 1–30 menit (TL1) · 12 menit")
    expect(detail).to_contain_text("Pulang: Tepat waktu")
    expect(detail).to_contain_text("Jam kerja: 07.30–16.00 WIB")
    _shot(page, "calendar-day-class-phone-360")
    # the grid itself, as the phone shows it (the full-page shot puts the fixed bottom bar over its middle)
    page.locator(".calendar").screenshot(path=str(SCREENSHOTS / "calendar-day-class-grid-phone-360.png"))
    assert violations(page, "/presensi (kelas hari)") == []
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the calendar scrolls sideways at 360 px ({width})"

    # the month in figures under the calendar: 3 days attended, the other working days absent without reason,
    # 15 of them in a row from the 10th (the default rules: the whole month's TPP)
    figures = page.get_by_test_id("month-figures")
    expect(figures.get_by_role("heading", name="Rekap November 2026")).to_be_visible()
    expect(figures.get_by_test_id("figures-through")).to_have_text("Dihitung sampai 30 November 2026.")
    expect(figures.locator('[data-figure="attended"]')).to_contain_text("3 hari")
    expect(figures.locator('[data-figure="late"]')).to_contain_text("1 kali · 12 menit")
    expect(figures.locator('[data-figure="late"]')).to_contain_text("TL1: 1")
    expect(figures.locator('[data-figure="early"]')).to_contain_text("1 kali · 30 menit")
    expect(figures.get_by_test_id("figures-deduction")).to_contain_text("Potongan TPP: 100 %")
    expect(figures.get_by_test_id("figures-deduction")).to_contain_text("final setelah bagian kepegawaian menutup")
    assert violations(page, "/presensi (rekap bulan)") == []
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the month's figures scroll sideways at 360 px ({width})"
    # the card whole, as a tall phone shows it (at 800 px the fixed bars cover part of it)
    page.set_viewport_size({"width": 360, "height": 1800})
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")  # above the bottom bar's room
    figures.screenshot(path=str(SCREENSHOTS / "month-figures-phone-360.png"))
