"""Issue 20's HR journey in a real browser: HR sets a satker's working hours on "Jam kerja", opens "Disiplin & TPP"
for last month from there, reads each employee's figures (counted under the hours just set), closes the month
behind a confirmation, records one correction (the figure is marked and the correction listed), and downloads the
official PDF and the Excel built by the exports worker. Screenshots at 360 px and on a desktop go to
build/screenshots/; the page fits a phone's width and passes axe-core (WCAG 2.1 A/AA)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from chalicelib.domain.messages import MONTHS, indonesian_date
from chalicelib.domain.workdays import is_working_day
from tests.browser.conftest import DESKTOP
from tests.browser.test_accessibility import violations
from tests.support import PASSWORD, attend, today_wib

SCREENSHOTS = Path("build/screenshots")
PHONE_360 = {"width": 360, "height": 800}


def _shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _last_month() -> tuple[str, list[date]]:
    """Last month as "YYYY-MM" and its working days (weekdays that are no national holiday)."""
    first = today_wib().replace(day=1) - timedelta(days=1)
    first = first.replace(day=1)
    days, day = [], first
    while day.month == first.month:
        if is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return first.strftime("%Y-%m"), days


def _download(page: Any, runner: Any) -> bytes:
    """Wait for the exports worker (delivered by the test) to make the file, then save it as a person does."""
    link = page.get_by_test_id("download-link")
    for _ in range(60):
        runner.deliver_queue()
        if link.is_visible():
            break
        page.wait_for_timeout(500)
    with page.expect_download() as download:
        link.click()
    return Path(download.value.path()).read_bytes()


def test_hr_sets_working_hours_closes_a_month_and_downloads_the_recap(browse, http, factory, runner):
    month, workdays = _last_month()
    label = f"{MONTHS[int(month[5:]) - 1]} {month[:4]}"
    skpd = factory.skpd()
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Rina Kepegawaian")
    dewi = factory.employee(skpd, name="Dewi Lestari")
    rudi = factory.employee(skpd, name="Rudi Hartono")
    sinta = factory.employee(skpd, name="Sinta Maharani")
    late_day, early_day = workdays[0], workdays[1]
    for day in workdays:
        # 08.12 is TL1 (12 minutes) under the satker's 08.00 set below; under the default 07.30 it would be TL2
        attend(dewi, day, "08:12" if day == late_day else "07:55", "16:05")
        attend(rudi, day, "07:50", "15:30" if day == early_day else "16:10")
    for day in workdays[:5]:
        attend(sinta, day, "07:58", "16:02")

    # Jam kerja: the satker's own hours, 08.00–16.00 every weekday
    page = browse.page(PHONE_360)
    browse.sign_in(page, hr, PASSWORD)
    page.goto(f"{browse.web}/jam-kerja")
    page.get_by_test_id("hours-unit").select_option(skpd[1])
    expect(page.get_by_test_id("hours-form")).not_to_have_attribute("aria-busy", "true")
    for weekday in ("Senin", "Selasa", "Rabu", "Kamis", "Jumat"):
        page.get_by_label(f"Jam masuk {weekday}", exact=True).fill("08:00")
        page.get_by_label(f"Jam pulang {weekday}", exact=True).fill("16:00")
    page.get_by_test_id("save-hours").click()
    expect(page.get_by_test_id("hours-source")).to_contain_text("Jam kerja satker ini sendiri")
    expect(page.get_by_test_id("hours-source")).to_contain_text("Jumat 08.00–16.00")

    # Disiplin & TPP, reached from Jam kerja: last month by default, the satker's employees with their figures
    page.get_by_test_id("link-discipline").click()
    expect(page.get_by_role("heading", name="Disiplin & TPP", level=1)).to_be_visible()
    expect(page.get_by_test_id("discipline-month")).to_have_value(month)
    status = page.get_by_test_id("month-status-text")
    expect(status).to_have_text("Terbuka — angka masih dapat berubah")
    cards = page.get_by_test_id("discipline-card")
    expect(cards).to_have_count(4)
    expect(cards.first).to_contain_text("Dewi Lestari")  # sorted by name
    dewi_card = page.locator(f'[data-testid=discipline-card][data-nip="{dewi}"]')
    expect(dewi_card.locator("[data-figure=working]")).to_contain_text(str(len(workdays)))
    expect(dewi_card.locator("[data-figure=late]")).to_contain_text("1 kali · 12 menit")
    expect(dewi_card.locator("[data-figure=late]")).to_contain_text("TL1: 1")
    rudi_card = page.locator(f'[data-testid=discipline-card][data-nip="{rudi}"]')
    expect(rudi_card.locator("[data-figure=early]")).to_contain_text("1 kali · 30 menit")
    sinta_card = page.locator(f'[data-testid=discipline-card][data-nip="{sinta}"]')
    expect(sinta_card.locator("[data-figure=attended]")).to_contain_text("5")
    expect(sinta_card.locator("[data-figure=absent]")).to_contain_text(str(len(workdays) - 5))
    expect(page.get_by_test_id("correct-row")).to_have_count(0)  # nothing to correct while the month is open
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the discipline recap scrolls sideways at 360 px ({width})"
    _shot(page, "discipline-open-phone-360")
    assert violations(page, "/rekap-disiplin") == []

    # closing: a confirmation that says what it means, then the frozen month
    page.get_by_test_id("close-month").click()
    dialog = page.get_by_test_id("close-dialog")
    expect(dialog).to_contain_text("penutupan tidak dapat dibatalkan")
    page.screenshot(path=str(SCREENSHOTS / "discipline-close-dialog-phone-360.png"))
    dialog.get_by_test_id("confirm-close").click()
    expect(status).to_have_text(f"Ditutup {indonesian_date(today_wib())} oleh Rina Kepegawaian")
    expect(page.get_by_test_id("close-month")).to_have_count(0)
    expect(page.locator(f'[data-testid=discipline-card][data-nip="{hr}"] [data-testid=correct-row]')).to_have_count(0)

    # one correction: Rudi's early leave was an izin decided after closing
    rudi_card.get_by_test_id("correct-row").click()
    form = page.get_by_test_id("correction-form")
    form.get_by_label("Angka yang dikoreksi").select_option("marks.PSW1")
    expect(form.get_by_test_id("correction-now")).to_have_text("Sekarang: 1")
    form.get_by_label("Nilai baru").fill("0")
    form.get_by_label("Alasan koreksi").fill("Izin pulang cepat disetujui atasan setelah bulan ditutup")
    form.get_by_label("Tanggal yang dikoreksi").fill(early_day.isoformat())
    page.screenshot(path=str(SCREENSHOTS / "discipline-correction-phone-360.png"))  # the dialog as the phone shows it
    form.get_by_test_id("correction-save").click()
    expect(form).to_have_count(0)
    expect(rudi_card.locator("[data-figure=early]")).to_have_class(re.compile(r"\bcorrected\b"))
    expect(rudi_card.locator("[data-figure=early]")).to_contain_text("(dikoreksi)")
    item = page.get_by_test_id("correction-item")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("Rudi Hartono")
    expect(item).to_contain_text("1 → 0")
    expect(item).to_contain_text("Oleh Rina Kepegawaian")
    expect(rudi_card.get_by_test_id("propose-deduction")).to_be_visible()  # a correction changes one figure only
    _shot(page, "discipline-closed-phone-360")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the closed month scrolls sideways at 360 px ({width})"
    assert violations(page, "/rekap-disiplin (ditutup)") == []

    # the recap's official PDF and its Excel, through the exports worker
    page.get_by_test_id("export-pdf").click()
    assert _download(page, runner).startswith(b"%PDF")
    page.get_by_test_id("export-xlsx").click()
    expect(page.get_by_test_id("download-link")).to_have_count(0)
    assert _download(page, runner).startswith(b"PK")

    token = http.login(hr)
    status_code, saved = http.call("GET", f"/skpd/{skpd[0]}/satker/{skpd[1]}/discipline/{month}", token=token)
    assert status_code == 200 and saved["status"] == "CLOSED"
    assert [(c["nip"], c["field"], c["old"], c["new"]) for c in saved["corrections"]] == [(rudi, "marks.PSW1", 1, 0)]

    # a desktop: the same month as one wide table, the choice kept in the URL
    desk = browse.page(DESKTOP)
    browse.sign_in(desk, hr, PASSWORD)
    desk.goto(f"{browse.web}/rekap-disiplin?satker={skpd[1]}&bulan={month}")
    expect(desk.get_by_test_id("month-status")).to_contain_text(label)
    rows = desk.get_by_test_id("discipline-row")
    expect(rows).to_have_count(4)
    expect(desk.locator(f'[data-testid=discipline-row][data-nip="{rudi}"] td.corrected')).to_have_count(1)
    _shot(desk, "discipline-closed-desktop")
    width = desk.evaluate("document.documentElement.scrollWidth")
    assert width <= DESKTOP["width"], f"the discipline table widens the desktop page ({width})"
    assert violations(desk, "/rekap-disiplin (desktop)") == []
