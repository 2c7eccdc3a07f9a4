"""A permission (izin, issue 20) in a real browser against the real local API, on phones: the employee asks for
izin pulang cepat (checking the answers once more), the supervisor approves it from Persetujuan, the employee
sees Disetujui. Screenshots of /izin and of the supervisor's card at 360 px go to build/screenshots/."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.test_accessibility import violations
from tests.support import PASSWORD, decide, queue, today_wib

SCREENSHOTS = Path("build/screenshots")
SMALL_PHONE = {"width": 360, "height": 780}


def _working_day() -> date:
    from chalicelib.domain.workdays import is_working_day

    day = today_wib() + timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_employee_asks_for_izin_pulang_cepat_the_supervisor_approves_and_the_employee_sees_it(browse, factory):
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="dr. Andi Wijaya")
    nip = factory.employee(skpd, supervisor=boss, name="Dewi Lestari")
    day = _working_day()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    page = browse.page(viewport=SMALL_PHONE)
    browse.sign_in(page, nip, PASSWORD)
    page.get_by_test_id("nav-account").click()
    page.get_by_role("link", name="Izin", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Izin")
    expect(page.get_by_text("Belum ada izin.")).to_be_visible()
    # nothing chosen: the summary names what is missing
    page.get_by_role("button", name="Lanjutkan").click()
    expect(page.get_by_role("alert")).to_contain_text("Pilih jenis izin.")
    page.get_by_role("radio", name=re.compile("Izin pulang cepat")).check()
    expect(page.get_by_label("Jam mulai")).to_have_count(0)  # hours only for keluar kantor
    page.get_by_label("Tanggal", exact=True).fill(day.isoformat())
    page.get_by_label("Alasan", exact=True).fill("Mengantar orang tua kontrol ke rumah sakit")
    page.get_by_role("button", name="Lanjutkan").click()
    review = page.get_by_test_id("permission-review")
    expect(review.get_by_test_id("review-kind")).to_have_text("Izin pulang cepat")
    _no_sideways_scroll(page)
    page.get_by_role("button", name="Kirim izin").click()
    expect(page.get_by_test_id("permission-sent")).to_contain_text(re.compile(r"IZN/\d{4}/\d{6}"))
    item = page.get_by_test_id("permission-item").first
    expect(item.get_by_test_id("permission-status")).to_have_text("Diajukan")
    expect(item.get_by_role("button", name=re.compile("Tarik izin"))).to_be_visible()
    _no_sideways_scroll(page)
    page.screenshot(path=str(SCREENSHOTS / "izin-360.png"), full_page=True)
    assert violations(page, "/izin") == []  # axe-core, WCAG 2.1 A/AA, as every main page

    # the supervisor, on a phone too: Persetujuan opens the one kind waiting, the generic card shows the izin
    phone = browse.page(viewport=SMALL_PHONE)
    browse.sign_in(phone, boss, PASSWORD)
    expect(phone.get_by_test_id("waiting-badge")).to_contain_text("1")
    phone.get_by_test_id("nav-approvals").click()
    expect(phone).to_have_url(re.compile(r"jenis=izin"))
    waiting = phone.get_by_test_id("decision-item").first
    expect(waiting).to_contain_text("Dewi Lestari")
    expect(waiting).to_contain_text("Izin pulang cepat")
    expect(waiting).to_contain_text("Mengantar orang tua kontrol ke rumah sakit")
    _no_sideways_scroll(phone)
    phone.screenshot(path=str(SCREENSHOTS / "izin-persetujuan-360.png"), full_page=True)
    assert violations(phone, "/persetujuan?jenis=izin") == []
    waiting.get_by_test_id("verdict-approve").click()
    phone.get_by_role("dialog", name="Setujui izin").get_by_test_id("decision-confirm").click()
    expect(waiting.get_by_test_id("item-outcome")).to_have_text("Disetujui")

    # the employee sees the decision; nothing to withdraw any more
    page.reload()
    item = page.get_by_test_id("permission-item").first
    expect(item.get_by_test_id("permission-status")).to_have_text("Disetujui")
    expect(item.get_by_role("button", name=re.compile("Tarik izin"))).to_have_count(0)
    assert not browse.errors, browse.errors


def test_an_approved_izin_tidak_masuk_shows_as_the_day_class_in_the_calendar(browse, http, factory):
    """The issue's journey: the employee asks for a permission and sees the day's class in the calendar. A whole
    day's izin is known ahead, so the calendar shows it on a day not yet over (its other classes wait for the day)."""
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="dr. Andi Wijaya")
    nip = factory.employee(skpd, supervisor=boss, name="Dewi Lestari")
    day = _working_day()

    page = browse.page(viewport=SMALL_PHONE)
    browse.sign_in(page, nip, PASSWORD)
    page.goto(f"{browse.web}/izin")
    page.get_by_role("radio", name=re.compile("Izin tidak masuk")).check()
    page.get_by_label("Tanggal", exact=True).fill(day.isoformat())
    page.get_by_label("Alasan", exact=True).fill("Menghadiri wisuda anak di luar kota")
    page.get_by_role("button", name="Lanjutkan").click()
    page.get_by_role("button", name="Kirim izin").click()
    expect(page.get_by_test_id("permission-sent")).to_contain_text(re.compile(r"IZN/\d{4}/\d{6}"))

    boss_token = http.login(boss)
    (item,) = queue(http, boss_token, "permission")[1]["items"]
    assert decide(http, boss_token, "permission", item["id"], "APPROVE")[0] == 200

    page.get_by_test_id("nav-attendance").click()
    expect(page.get_by_test_id("today-attendance")).not_to_have_attribute("aria-busy", "true")
    if day.month != today_wib().month:
        page.get_by_role("button", name="Bulan berikutnya").click()
    cell = page.locator(f'[data-date="{day.isoformat()}"]')
    expect(cell.get_by_test_id("day-class")).to_have_text("Izin")
    cell.click()
    expect(page.get_by_test_id("day-class-detail")).to_contain_text("Izin")
    page.screenshot(path=str(SCREENSHOTS / "izin-calendar-360.png"), full_page=True)
    assert not browse.errors, browse.errors
