"""Issue 18 item 1: every source of today's attendance shows with its own time (the machine's beside the app's),
a check-in or check-out is offered only while no source has recorded it, and nothing is claimed before the day
is loaded (a "Masuk: Belum" before loading invited a second check-in)."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_accessibility import violations
from tests.support import PASSWORD, attend, today_wib

SCREENSHOTS = Path("build/screenshots")
CALENDAR = "**/attendance/calendar*"
APP_TIME = re.compile(r"^Aplikasi \d\d\.\d\d WIB$")


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _lines(page, testid: str):
    return page.get_by_test_id(testid).get_by_test_id("source-line")


def test_machine_and_app_times_show_side_by_side_and_no_second_check_in_is_offered(browse, http, factory):
    skpd = factory.skpd()
    nip = factory.employee(skpd, supervisor=factory.employee(skpd), name="Dewi Lestari")
    today = today_wib()
    attend(nip, today, "07:27", None)  # the attendance machine, through the sync
    # the app's check-in of the same morning (from before the machine's record reached the server)
    status, app_in = http.call("POST", "/attendance/check-in", {"session": "PAGI"}, token=http.login(nip))
    assert status == 201, app_in

    page = browse.page(PHONE)
    browse.sign_in(page, nip, PASSWORD)
    expect(page.get_by_test_id("home-attendance")).to_contain_text("Sudah presensi")
    sources = page.get_by_test_id("home-attendance-sources")
    expect(sources).to_contain_text("Masuk: Mesin presensi 07.27 WIB")
    expect(sources).to_contain_text(re.compile(r"Masuk: Aplikasi \d\d\.\d\d WIB"))
    expect(page.get_by_role("link", name="Presensi masuk")).to_have_count(0)
    expect(page.get_by_role("link", name="Presensi pulang")).to_be_visible()

    # before the day is loaded the page says it is loading: no "Belum", no button
    held = []
    page.route(CALENDAR, lambda route: held.append(route))
    page.get_by_test_id("nav-attendance").click()
    expect(page.get_by_test_id("today-loading")).to_contain_text("Memuat presensi hari ini…")
    expect(page.get_by_test_id("today-attendance")).to_have_attribute("aria-busy", "true")
    expect(page.get_by_test_id("today-attendance")).not_to_contain_text("Belum")
    expect(page.get_by_role("button", name="Presensi masuk")).to_have_count(0)
    expect(page.get_by_role("button", name="Presensi pulang")).to_have_count(0)
    _shot(page, "attendance-sources-loading-phone")
    assert violations(page, "/presensi (memuat)") == []
    for route in held:
        route.continue_()
    page.unroute(CALENDAR)

    expect(_lines(page, "check-in-time")).to_have_text(["Mesin presensi 07.27 WIB", APP_TIME])
    expect(page.get_by_test_id("check-out-time")).to_have_text("Belum")
    expect(page.get_by_role("button", name="Presensi masuk")).to_have_count(0)
    page.get_by_role("button", name="Presensi pulang").click()
    expect(page.get_by_test_id("checkin-outcome")).to_contain_text(re.compile(r"Presensi pulang tercatat pukul"))
    expect(_lines(page, "check-out-time")).to_have_text([APP_TIME])
    expect(_lines(page, "check-in-time")).to_have_text(["Mesin presensi 07.27 WIB", APP_TIME])
    expect(page.get_by_role("button", name=re.compile("^Presensi (masuk|pulang)$"))).to_have_count(0)
    expect(page.get_by_test_id("attendance-complete")).to_be_visible()
    day = page.get_by_test_id("day-detail")
    expect(day).to_contain_text("Masuk: Mesin presensi 07.27 WIB")
    expect(day).to_contain_text(re.compile(r"Pulang: Aplikasi \d\d\.\d\d WIB"))
    _shot(page, "attendance-sources-phone")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / "attendance-sources-viewport-phone.png"))  # docs/screenshots
    assert violations(page, "/presensi") == []

    desktop = browse.page(DESKTOP)
    browse.sign_in(desktop, nip, PASSWORD)
    expect(desktop.get_by_test_id("home-attendance-sources")).to_contain_text(re.compile(r"Pulang: Aplikasi"))
    expect(desktop.get_by_role("link", name=re.compile("^Presensi (masuk|pulang)$"))).to_have_count(0)
    _shot(desktop, "attendance-sources-home-desktop")
    assert violations(desktop, "/") == []
    desktop.goto(f"{browse.web}/presensi")
    expect(_lines(desktop, "check-in-time")).to_have_text(["Mesin presensi 07.27 WIB", APP_TIME])
    _shot(desktop, "attendance-sources-desktop")


def test_only_the_machine_check_in_leaves_only_the_check_out_to_offer(browse, factory):
    skpd = factory.skpd()
    nip = factory.employee(skpd, supervisor=factory.employee(skpd))
    attend(nip, today_wib(), "07:27", None)
    page = browse.page(PHONE)
    browse.sign_in(page, nip, PASSWORD)
    expect(page.get_by_test_id("home-attendance-sources")).to_have_text("Masuk: Mesin presensi 07.27 WIB")
    page.get_by_test_id("nav-attendance").click()
    expect(_lines(page, "check-in-time")).to_have_text(["Mesin presensi 07.27 WIB"])
    expect(page.get_by_role("button", name="Presensi masuk")).to_have_count(0)
    expect(page.get_by_role("button", name="Presensi pulang")).to_be_visible()
    _shot(page, "attendance-sources-machine-only-phone")
