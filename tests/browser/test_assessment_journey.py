"""The quarterly assessment in a real browser against the real local API (issue 19): the supervisor, on a 360 px
phone, opens a staff member's quarter from SKP staf, sees the quarter's reports per RHK, fills each indicator's
realisation, the feedback and the two ratings, sees the predicate follow the ratings, and saves; the employee sees
the assessment on /skp and in Persetujuan, and acknowledges it ("Saya sudah membaca") on /skp; the supervisor's page
is then read-only, and the PDF link answers with a PDF. Screenshots at 360 px go to build/screenshots/; the form
with its errors and the employee's view pass axe-core."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import requests
from playwright.sync_api import expect

from chalicelib.domain.assessment import quarter_label, quarter_of
from tests.support import PASSWORD, attend, decide, report_body, today_wib

SCREENSHOTS = Path("build/screenshots")
NARROW = {"width": 360, "height": 780}
MAIN_RHK = "Tersusunnya laporan keuangan triwulan tepat waktu"
EXTRA_RHK = "Terlaksananya pendampingan penyusunan anggaran bidang"


def _shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _ok(result: tuple[int, Any], status: int = 200) -> Any:
    assert result[0] == status, result
    return result[1]


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def _approved_skp(http: Any, token: str, boss_token: str, year: int) -> dict[str, Any]:
    """The employee's SKP of the year, approved by the supervisor: two RHK, the first with two indicators."""
    targets = [
        {
            "text": MAIN_RHK,
            "kind": "UTAMA",
            "indicators": [
                {"text": "Laporan keuangan triwulan yang disusun", "target": 4, "unit": "laporan"},
                {"text": "Ketepatan waktu penyampaian", "target": 100, "unit": "%"},
            ],
        },
        {
            "text": EXTRA_RHK,
            "kind": "TAMBAHAN",
            "indicators": [{"text": "Bidang yang didampingi", "target": 3, "unit": "bidang"}],
        },
    ]
    skp = _ok(http.call("POST", "/skp", {"year": year}, token=token), 201)
    skp = _ok(http.call("PUT", f"/skp/{skp['skp_id']}", {"targets": targets, "version": skp["version"]}, token=token))
    skp = _ok(http.call("POST", f"/skp/{skp['skp_id']}/submit", {"version": skp["version"]}, token=token))
    _ok(decide(http, boss_token, "skp", skp["skp_id"], "APPROVE", version=skp["version"]))
    return _ok(http.call("GET", f"/skp?year={year}", token=token))


def _quarter_with_reports(browse: Any, http: Any, factory: Any) -> dict[str, Any]:
    """A supervisor and an employee whose approved SKP has, this quarter, two reports on the main RHK (one approved,
    2 hours 30 minutes in all) and one naming no RHK."""
    today = today_wib()
    skpd = factory.skpd()
    boss = factory.employee(skpd, roles=("ATASAN",), name="dr. Andi Wijaya")
    nip = factory.employee(skpd, supervisor=boss, name="Dewi Lestari")
    token, boss_token = http.login(nip), http.login(boss)
    skp = _approved_skp(http, token, boss_token, today.year)
    rhk = skp["approved_targets"][0]["rhk_id"]
    attend(nip, today)
    first = _ok(http.call("POST", "/reports", report_body(today, "08:00", "10:00", rhk_id=rhk), token=token), 201)
    body = report_body(today, "10:00", "10:30", rhk_id=rhk, title="Merekonsiliasi belanja triwulan")
    _ok(http.call("POST", "/reports", body, token=token), 201)
    _ok(http.call("POST", "/reports", report_body(today, "07:30", "08:00", title="Apel pagi"), token=token), 201)
    _ok(decide(http, boss_token, "report", first["report_id"], "APPROVE", version=first["version"]))
    return {"boss": boss, "nip": nip, "year": today.year, "q": quarter_of(today), "skp": skp}


def test_the_supervisor_assesses_a_quarter_and_the_employee_acknowledges_it(browse, http, factory):
    world = _quarter_with_reports(browse, http, factory)
    nip, year, q = world["nip"], world["year"], world["q"]
    label = quarter_label(year, q)

    # the supervisor, on a narrow phone: SKP staf → the staff member's quarter
    boss = browse.page(viewport=NARROW)
    browse.sign_in(boss, world["boss"], PASSWORD)
    boss.goto(f"{browse.web}/skp/staf")
    row = boss.get_by_test_id("skp-staff-row").filter(has_text="Dewi Lestari")
    row.get_by_test_id("skp-staff-assess").click()
    expect(boss).to_have_url(re.compile(rf"/skp/staf/{nip}/{year}/triwulan/{q}$"))
    expect(boss.get_by_role("heading", level=1)).to_have_text(f"Penilaian {label}")
    main = boss.get_by_test_id("quarter-target").filter(has_text=MAIN_RHK)
    expect(main.get_by_test_id("reports-count")).to_have_text("2")
    expect(main.get_by_test_id("reports-approved")).to_have_text("1")
    expect(main.get_by_test_id("reports-evidence")).to_have_text("0")
    expect(main.get_by_test_id("reports-hours")).to_have_text("2 jam 30 menit")
    expect(boss.get_by_test_id("quarter-without-rhk")).to_contain_text("30 menit")
    expect(boss.get_by_test_id("quarter-attendance")).to_have_text("1 hari")

    # nothing filled: the summary names what is missing
    boss.get_by_test_id("assessment-save").click()
    summary = boss.get_by_test_id("error-summary")
    expect(summary).to_contain_text("Isi realisasi indikator 1 RHK 1")
    expect(summary).to_contain_text("Pilih rating hasil kerja.")
    _fits(boss)
    from tests.browser.test_accessibility import violations

    found = violations(boss, "/skp/staf/…/triwulan (formulir dengan kesalahan)")

    form = boss.get_by_test_id("assessment-form")
    expect(form).to_contain_text("Target 4 laporan")
    inputs = form.get_by_test_id("realisation-input")
    expect(inputs).to_have_count(3)
    inputs.nth(0).fill("2")
    inputs.nth(1).fill("100")
    inputs.nth(2).fill("Dua bidang didampingi")
    expect(boss.get_by_test_id("predicate-preview")).to_contain_text("Pilih kedua rating")
    form.get_by_role("group", name="Rating hasil kerja").get_by_label("Di Atas Ekspektasi").check()
    form.get_by_role("group", name="Rating perilaku kerja").get_by_label("Di Atas Ekspektasi").check()
    expect(boss.get_by_test_id("predicate-preview")).to_contain_text("Sangat Baik")
    form.get_by_role("group", name="Rating hasil kerja").get_by_label("Sesuai Ekspektasi").check()
    expect(boss.get_by_test_id("predicate-preview")).to_contain_text("Baik")
    expect(boss.get_by_test_id("predicate-preview")).not_to_contain_text("Sangat")
    boss.get_by_text("Catatan per nilai BerAKHLAK (opsional)").click()
    form.get_by_label("Akuntabel").fill("Mencatat setiap belanja dengan rapi.")
    form.get_by_label("Umpan balik untuk pegawai").fill("Laporan tepat waktu. Pertahankan ketelitian rekonsiliasi.")
    _fits(boss)
    _shot(boss, "assessment-form-phone-360")
    boss.get_by_test_id("assessment-save").click()
    expect(boss.get_by_test_id("assessment-saved")).to_contain_text(
        f"Penilaian {label} tersimpan. Predikat kinerja: Baik."
    )
    expect(boss.get_by_test_id("assessment-predicate")).to_have_text("Baik")
    expect(boss.get_by_test_id("assessment-status")).to_have_text("Menunggu dibaca pegawai")
    expect(boss.get_by_test_id("assessment-edit")).to_be_visible()
    _shot(boss, "assessment-saved-phone-360")

    # the employee: in Persetujuan, and on /skp, where they acknowledge it
    page = browse.page(viewport=NARROW)
    browse.sign_in(page, nip, PASSWORD)
    page.goto(f"{browse.web}/persetujuan?jenis=penilaian-triwulan")
    item = page.get_by_test_id("decision-item").filter(has_text=f"Penilaian {label}")
    expect(item).to_contain_text("Predikat kinerja")
    expect(item).to_contain_text("Sesuai Ekspektasi")
    expect(item.get_by_test_id("file-thumb")).to_contain_text(f"penilaian-{nip}-{year}-triwulan-{q}.pdf")
    expect(item.get_by_test_id("verdict-approve")).to_have_text(re.compile("Saya sudah membaca"))
    _fits(page)
    _shot(page, "assessment-inbox-phone-360")

    page.goto(f"{browse.web}/skp")
    quarter = page.get_by_test_id("skp-quarter").filter(has_text=label)
    expect(quarter.get_by_test_id("skp-quarter-status")).to_have_text("Menunggu dibaca pegawai")
    expect(quarter.get_by_test_id("assessment-predicate")).to_have_text("Baik")
    expect(quarter.get_by_test_id("assessment-results")).to_have_text("Sesuai Ekspektasi")
    expect(quarter.get_by_test_id("assessment-behaviour")).to_have_text("Di Atas Ekspektasi")
    expect(quarter.get_by_test_id("assessment-feedback")).to_contain_text("Pertahankan ketelitian")
    expect(quarter.get_by_test_id("assessment-realisation")).to_have_text(
        ["2 laporan", "100 %", "Dua bidang didampingi"]
    )
    expect(quarter).to_contain_text("Mencatat setiap belanja dengan rapi.")
    _fits(page)
    found += violations(page, "/skp (penilaian triwulan)")
    _shot(page, "assessment-employee-phone-360")
    quarter.get_by_test_id("assessment-ack-button").click()
    expect(quarter.get_by_test_id("skp-quarter-status")).to_have_text("Sudah dibaca pegawai")
    expect(quarter.get_by_test_id("assessment-ack-button")).to_have_count(0)
    if q == 4:  # the year's last quarter closes the SKP
        expect(page.get_by_test_id("skp-status")).to_have_text("Selesai")

    # the PDF link answers with a PDF
    quarter.get_by_test_id("assessment-pdf-prepare").click()
    link = quarter.get_by_test_id("assessment-pdf-link")
    expect(link).to_be_visible()
    downloaded = requests.get(link.get_attribute("href"), timeout=10)
    assert downloaded.status_code == 200 and downloaded.content.startswith(b"%PDF")

    # the supervisor's page is read-only now
    boss.reload()
    expect(boss.get_by_test_id("assessment-final")).to_contain_text("tidak dapat diubah lagi")
    expect(boss.get_by_test_id("assessment-status")).to_contain_text("Sudah dibaca pegawai pada")
    expect(boss.get_by_test_id("assessment-form")).to_have_count(0)
    expect(boss.get_by_test_id("assessment-edit")).to_have_count(0)
    _fits(boss)
    found += violations(boss, "/skp/staf/…/triwulan (sudah dibaca)")
    _shot(boss, "assessment-final-phone-360")
    assert found == [], "WCAG 2.1 A/AA violations (axe-core):\n" + "\n".join(found)
