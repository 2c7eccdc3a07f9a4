"""The queue as a dense table on a desktop (issue 18, item 12): a supervisor of many staff chooses "Tabel" once, sees
a row per item, chooses rows with the keyboard or all at once, opens a row for its detail, and decides the chosen
ones with the bulk buttons; a phone keeps the cards."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from devtools.processes import ROOT
from tests.browser.conftest import DESKTOP, PHONE
from tests.support import PASSWORD, attend, report_body, today_wib

SHOTS = ROOT / "build" / "screenshots"
STAFF = ["Agus Pratama", "Sari Wulandari", "Dian Permata", "Budi Santoso", "Rudi Hartono", "Maya Sari"]


def _supervisor_of_six(http: Any, factory: Any) -> str:
    """A supervisor with six staff, each with a report waiting."""
    skpd = factory.skpd()
    boss = factory.employee(skpd, roles=("ATASAN",), name="dr. Andi Wijaya")
    for n, name in enumerate(STAFF):
        nip = factory.employee(skpd, supervisor=boss, name=name)
        attend(nip, today_wib())
        body = report_body(today_wib(), start="08:00", end="09:30", title=f"Pelayanan pasien poli {n + 1}")
        status, created = http.call("POST", "/reports", body, token=http.login(nip))
        assert status == 201, created
    return boss


def test_a_supervisor_on_a_desktop_decides_from_a_dense_table_chosen_by_keyboard(browse, http, factory):
    boss = _supervisor_of_six(http, factory)
    page = browse.page(viewport=DESKTOP)
    browse.sign_in(page, boss, PASSWORD)
    page.goto(f"{browse.web}/persetujuan?jenis=laporan")
    expect(page.get_by_test_id("queue-count")).to_have_text("6 laporan menunggu keputusan Anda")
    page.get_by_test_id("layout-tabel").click()

    rows = page.get_by_test_id("decision-row")
    expect(rows).to_have_count(6)
    expect(page.get_by_test_id("decision-item")).to_have_count(0)
    first = rows.filter(has_text="Pelayanan pasien poli 1")
    expect(first).to_contain_text("Agus Pratama")
    expect(first.locator("td").nth(4)).to_have_text("Diajukan")
    # dense: every row of the six on one desktop screen, none of them a tall card
    heights = [box["height"] for box in (r.bounding_box() for r in rows.all()) if box]
    assert max(heights) <= 64, heights
    last = rows.last.bounding_box()
    assert last and last["y"] + last["height"] <= DESKTOP["height"], last
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "inbox-dense-table-desktop.png"), full_page=True)

    # keyboard: space ticks the focused row's checkbox, the arrow moves to the next row
    first.get_by_test_id("row-select").focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    expect(page.get_by_test_id("chosen-count")).to_have_text("2 dipilih")
    expect(rows.nth(1).get_by_test_id("row-select")).to_be_focused()
    expect(page.get_by_test_id("bulk-approve")).to_contain_text("Setujui (2)")

    # a row opens below itself into the item's card (the detail, its files, its own verdict buttons)
    rows.nth(2).get_by_test_id("row-open").click()
    card = page.get_by_test_id("decision-item")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Pelayanan pasien poli 3")
    expect(card.get_by_test_id("verdict-approve")).to_be_visible()
    expect(rows.nth(2).get_by_test_id("row-open")).to_have_attribute("aria-expanded", "true")
    page.screenshot(path=str(SHOTS / "inbox-dense-table-open-row-desktop.png"), full_page=True)

    # the bulk buttons decide the chosen rows; each shows its outcome in place of its status
    page.get_by_test_id("bulk-approve").click()
    page.get_by_role("dialog", name="Setujui laporan terpilih").get_by_test_id("decision-confirm").click()
    expect(page.get_by_test_id("bulk-summary")).to_have_text("2 laporan disetujui.")
    expect(page.get_by_test_id("row-outcome")).to_have_count(2)
    for outcome in page.get_by_test_id("row-outcome").all():
        expect(outcome).to_have_text("Disetujui")
    expect(page.get_by_test_id("row-select")).to_have_count(4)  # a decided row can no longer be chosen

    # "Pilih semua" in the header chooses the four still open
    page.get_by_test_id("select-all").check()
    expect(page.get_by_test_id("chosen-count")).to_have_text("4 dipilih")
    page.get_by_test_id("bulk-approve").click()
    page.get_by_role("dialog", name="Setujui laporan terpilih").get_by_test_id("decision-confirm").click()
    expect(page.get_by_test_id("bulk-summary")).to_have_text("4 laporan disetujui.")
    expect(page.get_by_test_id("queue-count")).to_have_text("Tidak ada laporan yang menunggu")

    # the table is kept in this browser
    page.reload()
    page.get_by_test_id("queue-count").wait_for()
    expect(page.locator("[data-testid=layout-tabel] input")).to_be_checked()


def test_a_phone_keeps_the_cards(browse, http, factory):
    boss = _supervisor_of_six(http, factory)
    page = browse.page(viewport=PHONE)
    browse.sign_in(page, boss, PASSWORD)
    page.goto(f"{browse.web}/persetujuan?jenis=laporan")
    expect(page.get_by_test_id("decision-item")).to_have_count(6)
    expect(page.get_by_test_id("layout-tabel")).to_have_count(0)
    expect(page.get_by_test_id("decision-table")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "inbox-cards-phone.png"))
