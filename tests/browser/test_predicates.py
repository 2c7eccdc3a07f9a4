"""A quarter's predicates in a real browser (issue 19): HR of an SKPD opens Rekap → "Predikat kinerja", sees each
satker's counts of the five predicates beside a bar described in text, and downloads the SKPD's Excel (built by the
exports worker); the supervisor downloads their staff's. Screenshots at 360 px and on a desktop go to
build/screenshots/, the page fits a phone's width and passes axe-core (WCAG 2.1 A/AA)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from chalicelib.domain.assessment import quarter_of
from tests.browser.test_accessibility import violations
from tests.integration.test_predicates import ABOVE, AS_EXPECTED, BELOW, assessed, second_satker
from tests.support import PASSWORD, decide, today_wib

SCREENSHOTS = Path("build/screenshots")
NARROW = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}


def _shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _download(page: Any, runner: Any, test_id: str) -> bytes:
    link = page.get_by_test_id(test_id)
    for _ in range(60):
        runner.deliver_queue()
        if link.is_visible():
            break
        page.wait_for_timeout(500)
    with page.expect_download() as download:
        link.click()
    return Path(download.value.path()).read_bytes()


def test_hr_sees_the_predicates_per_satker_and_downloads_the_excel(browse, http, factory, runner):
    today = today_wib()
    year, q = today.year, quarter_of(today)
    skpd = factory.skpd()
    other = second_satker(skpd)
    boss = factory.employee(skpd, roles=("ATASAN",), name="dr. Andi Wijaya")
    staff = [
        (factory.employee(skpd, supervisor=boss, name="Dewi Lestari"), ABOVE, ABOVE),
        (factory.employee(skpd, supervisor=boss, name="Rudi Hartono"), AS_EXPECTED, AS_EXPECTED),
        (factory.employee(skpd, supervisor=boss, name="Sinta Maharani"), AS_EXPECTED, AS_EXPECTED),
        (factory.employee(other, supervisor=boss, name="Yusuf Pratama"), BELOW, AS_EXPECTED),
    ]
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Rina Kepegawaian")
    boss_token = http.login(boss)
    for nip, results, behaviour in staff:
        token = http.login(nip)
        written = assessed(http, token, boss_token, year, q, results, behaviour)
        if nip == staff[0][0]:
            assert decide(http, token, "assessment_ack", written["id"], "APPROVE", version=written["version"])[0] == 200

    page = browse.page(viewport=NARROW)
    browse.sign_in(page, hr, PASSWORD)
    page.goto(f"{browse.web}/rekap")
    page.get_by_text("Predikat kinerja", exact=True).first.click()
    first = page.locator(f'[data-testid=predicate-row][data-satker="{skpd[1]}"]')
    expect(first.locator("[data-predicate=SANGAT_BAIK]")).to_have_text("1")
    expect(first.locator("[data-predicate=BAIK]")).to_have_text("2")
    second = page.locator(f'[data-testid=predicate-row][data-satker="{other[1]}"]')
    expect(second.locator("[data-predicate=BUTUH_PERBAIKAN]")).to_have_text("1")
    expect(page.get_by_test_id("predicate-total")).to_have_text("4")
    bar = first.get_by_role("img")
    assert "Sangat Baik 1" in (bar.get_attribute("aria-label") or "")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    _shot(page, "predicates-hr-phone")
    assert violations(page, "/rekap?tab=predikat") == []

    page.get_by_test_id("predicate-export-skpd").click()
    assert _download(page, runner, "predicate-download").startswith(b"PK")

    desk = browse.page(viewport=DESKTOP)
    browse.sign_in(desk, hr, PASSWORD)
    desk.goto(f"{browse.web}/rekap?tab=predikat")
    expect(desk.get_by_test_id("predicate-total")).to_have_text("4")
    _shot(desk, "predicates-hr-desktop")
    assert violations(desk, "/rekap?tab=predikat") == []

    # the supervisor: no distribution, their own staff's Excel
    mine = browse.page(viewport=NARROW)
    browse.sign_in(mine, boss, PASSWORD)
    mine.goto(f"{browse.web}/rekap?tab=predikat")
    expect(mine.get_by_test_id("predicate-table")).to_have_count(0)
    mine.get_by_test_id("predicate-export-staff").click()
    assert _download(mine, runner, "predicate-download-staff").startswith(b"PK")
    _shot(mine, "predicates-supervisor-phone")
    assert violations(mine, "/rekap?tab=predikat") == []
