"""The SKP in a real browser against the real local API (issue 19): an employee on a phone drafts an SKP with two
targets (RHK), one cascaded from the supervisor's approved RHK, checks it once more and submits it; the supervisor
approves it from the one inbox on a phone; the employee files a report against an RHK and the report list filters by
it. Screenshots of /skp and /skp/staf at 1366×768 go to build/screenshots/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP
from tests.support import PASSWORD, attend, decide, report_body, today_wib

SCREENSHOTS = Path("build/screenshots")
BOSS_RHK = "Meningkatnya kualitas pengelolaan keuangan dinas"
MAIN_RHK = "Tersusunnya laporan keuangan triwulan tepat waktu"
EXTRA_RHK = "Terlaksananya pendampingan penyusunan anggaran bidang"


def _shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _ok(result: tuple[int, Any], status: int = 200) -> Any:
    assert result[0] == status, result
    return result[1]


def _approved_boss_skp(http: Any, boss: str, head: str, year: int) -> None:
    """The supervisor's own SKP, approved by their head: what the employee's RHK cascades from."""
    token = http.login(boss)
    skp = _ok(http.call("POST", "/skp", {"year": year}, token=token), 201)
    target = {
        "text": BOSS_RHK,
        "kind": "UTAMA",
        "indicators": [{"text": "Laporan keuangan tepat waktu", "target": 100, "unit": "%"}],
    }
    body = {"targets": [target], "version": skp["version"]}
    skp = _ok(http.call("PUT", f"/skp/{skp['skp_id']}", body, token=token))
    skp = _ok(http.call("POST", f"/skp/{skp['skp_id']}/submit", {"version": skp["version"]}, token=token))
    _ok(decide(http, http.login(head), "skp", skp["skp_id"], "APPROVE", version=skp["version"]))


def _fill_target(editor: Any, text: str, indicator: str, target: str, unit: str) -> None:
    editor.get_by_test_id("rhk-text").fill(text)
    editor.get_by_test_id("indicator-text").fill(indicator)
    editor.get_by_test_id("indicator-target").fill(target)
    editor.get_by_test_id("indicator-unit").fill(unit)


def test_an_employee_drafts_and_submits_an_skp_the_supervisor_approves_it_and_reports_serve_its_rhk(
    browse, http, factory
):
    year = today_wib().year
    skpd = factory.skpd()
    head = factory.employee(skpd, roles=("ATASAN",), name="Ir. Bambang Sutrisno")
    boss = factory.employee(skpd, roles=("ATASAN",), supervisor=head, name="dr. Andi Wijaya")
    nip = factory.employee(skpd, supervisor=boss, name="Dewi Lestari")
    _approved_boss_skp(http, boss, head, year)

    # the employee, on a phone: Akun → SKP, create, two RHK, check, submit
    page = browse.page()
    browse.sign_in(page, nip, PASSWORD)
    page.goto(f"{browse.web}/akun")
    page.get_by_role("navigation", name="Menu akun").get_by_role("link", name="SKP", exact=True).click()
    expect(page).to_have_url(re.compile(r"/skp$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"SKP {year}")
    page.get_by_test_id("skp-create").click()
    editors = page.get_by_test_id("rhk-editor")
    expect(editors).to_have_count(1)
    # nothing typed: the summary names what is missing, and the field says it too
    page.get_by_test_id("skp-save").click()
    expect(page.get_by_test_id("error-summary")).to_contain_text("Isi uraian RHK 1.")
    _fill_target(editors.nth(0), MAIN_RHK, "Laporan keuangan triwulan yang disusun", "4", "laporan")
    editors.nth(0).get_by_test_id("rhk-parent").select_option(label=f"{BOSS_RHK} (Utama)")
    page.get_by_test_id("rhk-add").click()
    expect(editors).to_have_count(2)
    expect(editors.nth(1).get_by_label("Tambahan")).to_be_checked()
    _fill_target(editors.nth(1), EXTRA_RHK, "Bidang yang didampingi", "2,5", "bidang")
    editors.nth(1).get_by_test_id("indicator-add").click()
    editors.nth(1).get_by_test_id("indicator-text").nth(1).fill("Dokumen anggaran yang diperiksa")
    editors.nth(1).get_by_test_id("indicator-target").nth(1).fill("12")
    editors.nth(1).get_by_test_id("indicator-unit").nth(1).fill("dokumen")
    _shot(page, "skp-form-phone")
    page.get_by_test_id("skp-save-review").click()

    check = page.get_by_test_id("skp-check")
    expect(check.get_by_role("heading", name="Periksa kembali SKP Anda")).to_be_focused()
    expect(check.get_by_test_id("skp-check-penilai")).to_have_text("dr. Andi Wijaya, Analis")
    expect(check.get_by_test_id("rhk-item")).to_have_count(2)
    expect(check).to_contain_text(f"Mendukung RHK atasan: {BOSS_RHK}")
    expect(check).to_contain_text("2,5 bidang")
    expect(check).to_contain_text("12 dokumen")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    _shot(page, "skp-check-phone")
    page.get_by_test_id("skp-submit").click()
    expect(page.get_by_test_id("skp-status")).to_have_text("Diajukan")
    expect(page.get_by_test_id("skp-waiting")).to_contain_text("dr. Andi Wijaya")
    expect(page.get_by_test_id("skp-edit")).to_have_count(0)

    # the supervisor, on a phone: the SKP waits in the one inbox and is approved there
    phone = browse.page()
    browse.sign_in(phone, boss, PASSWORD)
    phone.goto(f"{browse.web}/persetujuan?jenis=skp")
    item = phone.get_by_test_id("decision-item").filter(has_text="Dewi Lestari")
    expect(item).to_contain_text(f"SKP {year}")
    expect(item).to_contain_text(MAIN_RHK)
    expect(item.get_by_test_id("item-status")).to_have_text("Diajukan")
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    _shot(phone, "skp-inbox-phone")
    item.get_by_test_id("verdict-approve").click()
    dialog = phone.get_by_role("dialog", name="Setujui SKP")
    dialog.get_by_test_id("decision-confirm").click()
    expect(item.get_by_test_id("item-outcome")).to_have_text("Disetujui")

    # the employee: the SKP is approved, its version listed
    page.reload()
    expect(page.get_by_test_id("skp-status")).to_have_text("Disetujui")
    expect(page.get_by_test_id("skp-versions")).to_contain_text("Versi 1")
    expect(page.get_by_test_id("skp-versions")).to_contain_text("oleh dr. Andi Wijaya")

    # a report against an RHK, another without one; the list filters by RHK (in the URL)
    attend(nip, today_wib())
    _ok(
        http.call(
            "POST", "/reports", report_body(today_wib(), "07:30", "08:00", title="Apel pagi"), token=http.login(nip)
        ),
        201,
    )
    page.goto(f"{browse.web}/laporan/baru")
    page.get_by_label("Jam mulai").fill("09:00")
    page.get_by_label("Jam selesai").fill("11:00")
    page.get_by_label("Rencana hasil kerja (RHK)").select_option(label=f"{MAIN_RHK} (Utama)")
    page.get_by_label("Judul").fill("Menyusun laporan keuangan triwulan IV")
    page.get_by_label("Uraian kegiatan").fill("Menyusun draf laporan keuangan triwulan IV dan rekonsiliasi belanja.")
    page.get_by_label("Hasil", exact=True).fill("Draf laporan keuangan triwulan IV")
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page).to_have_url(re.compile(r"/laporan/[^/]+$"))
    expect(page.get_by_test_id("report-rhk")).to_have_text(MAIN_RHK)

    page.goto(f"{browse.web}/laporan")
    expect(page.get_by_test_id("report-card")).to_have_count(2)
    page.get_by_label("Rencana hasil kerja (RHK)").select_option(label=f"{MAIN_RHK} (Utama)")
    page.get_by_role("button", name="Terapkan").click()
    expect(page).to_have_url(re.compile(r"[?&]rhk=[0-9a-f]{12}"))
    cards = page.get_by_test_id("report-card")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Menyusun laporan keuangan triwulan IV")
    expect(cards.first.get_by_test_id("report-rhk")).to_contain_text(MAIN_RHK)
    _shot(page, "skp-report-filter-phone")
    # the link reproduces the view
    page.reload()
    expect(page.get_by_test_id("report-card")).to_have_count(1)
    expect(page.get_by_label("Rencana hasil kerja (RHK)")).not_to_have_value("")

    # the two SKP pages on a desktop
    desk = browse.page(viewport=DESKTOP)
    browse.sign_in(desk, nip, PASSWORD)
    desk.goto(f"{browse.web}/skp")
    expect(desk.get_by_test_id("skp-status")).to_have_text("Disetujui")
    _shot(desk, "skp-desktop")
    boss_desk = browse.page(viewport=DESKTOP)
    browse.sign_in(boss_desk, boss, PASSWORD)
    boss_desk.goto(f"{browse.web}/skp/staf")
    node = boss_desk.get_by_test_id("cascade-node").filter(has_text=BOSS_RHK)
    expect(node.get_by_test_id("cascade-child")).to_contain_text(MAIN_RHK)
    expect(node.get_by_test_id("cascade-child")).to_contain_text("Dewi Lestari")
    row = boss_desk.get_by_test_id("skp-staff-row").filter(has_text="Dewi Lestari")
    expect(row.get_by_test_id("skp-status")).to_have_text("Disetujui")
    _shot(boss_desk, "skp-staff-desktop")


def test_the_skp_form_with_its_errors_its_check_step_and_the_cascade_have_no_wcag_violation(browse, http, factory):
    from tests.browser.test_accessibility import violations

    year = today_wib().year
    skpd = factory.skpd()
    head = factory.employee(skpd, roles=("ATASAN",), name="Ir. Bambang Sutrisno")
    boss = factory.employee(skpd, roles=("ATASAN",), supervisor=head, name="dr. Andi Wijaya")
    nip = factory.employee(skpd, supervisor=boss, name="Dewi Lestari")
    _approved_boss_skp(http, boss, head, year)
    token = http.login(nip)
    skp = _ok(http.call("POST", "/skp", {"year": year}, token=token), 201)
    target = {
        "text": MAIN_RHK,
        "kind": "UTAMA",
        "indicators": [{"text": "Laporan disusun", "target": 4, "unit": "laporan"}],
    }
    _ok(http.call("PUT", f"/skp/{skp['skp_id']}", {"targets": [target], "version": skp["version"]}, token=token))

    page = browse.page()
    browse.sign_in(page, nip, PASSWORD)
    page.goto(f"{browse.web}/skp")
    page.get_by_test_id("skp-edit").click()
    page.get_by_test_id("rhk-text").fill("")
    page.get_by_test_id("indicator-target").fill("nol")
    page.get_by_test_id("skp-save").click()
    expect(page.get_by_test_id("error-summary")).to_contain_text("Isi uraian RHK 1.")
    found = violations(page, "/skp (formulir dengan kesalahan)")
    page.get_by_test_id("rhk-text").fill(MAIN_RHK)
    page.get_by_test_id("indicator-target").fill("4")
    page.get_by_test_id("skp-save-review").click()
    expect(page.get_by_test_id("skp-check")).to_be_visible()
    found += violations(page, "/skp (periksa kembali)")

    desk = browse.page(viewport=DESKTOP)
    browse.sign_in(desk, boss, PASSWORD)
    desk.goto(f"{browse.web}/skp/staf")
    expect(desk.get_by_test_id("cascade-node")).to_have_count(1)
    found += violations(desk, "/skp/staf")
    assert found == [], "WCAG 2.1 A/AA violations (axe-core):\n" + "\n".join(found)


def test_an_admin_requires_an_rhk_and_the_report_form_says_so_at_the_field(browse, http, factory):
    skpd = factory.skpd()
    admin = factory.employee(skpd, roles=("ADMIN",), name="Budi Admin")
    boss = factory.employee(skpd, roles=("ATASAN",), name="dr. Andi Wijaya")
    nip = factory.employee(skpd, supervisor=boss, name="Dewi Lestari")
    attend(nip, today_wib())

    desk = browse.page(viewport=DESKTOP)
    browse.sign_in(desk, admin, PASSWORD)
    desk.goto(f"{browse.web}/admin")
    desk.get_by_label("Pilih SKPD").select_option(skpd[0])
    desk.get_by_role("button", name="Ubah SKPD").click()
    dialog = desk.get_by_role("dialog", name="Ubah SKPD")
    dialog.get_by_label("Setiap laporan kegiatan wajib memilih RHK").check()
    dialog.get_by_role("button", name="Simpan").click()
    expect(desk.get_by_text("RHK wajib pada laporan")).to_be_visible()

    # the employee has no approved SKP: the form says the RHK is required and why there is none to choose
    page = browse.page()
    browse.sign_in(page, nip, PASSWORD)
    page.goto(f"{browse.web}/laporan/baru")
    none = page.get_by_test_id("rhk-none")
    expect(none).to_contain_text("Belum ada SKP")
    expect(none.get_by_role("link", name="Buka SKP")).to_be_visible()
    page.get_by_label("Jam mulai").fill("09:00")
    page.get_by_label("Jam selesai").fill("10:00")
    page.get_by_label("Judul").fill("Menyusun notulen rapat")
    page.get_by_label("Uraian kegiatan").fill("Menyusun notulen rapat koordinasi bidang keuangan.")
    page.get_by_label("Hasil", exact=True).fill("Notulen rapat")
    page.get_by_role("button", name="Kirim laporan").click()
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_contain_text("RHK")
    expect(page.locator(".field.has-error #rhk_id")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/laporan/baru$"))
