"""e-Kinerja in a real browser (issue 19): an approved report handed on by the job says "Sudah dikirim ke e-Kinerja"
on its page, and /cetak downloads the month for e-Kinerja as a workbook. Screenshot to build/screenshots/."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP
from tests.support import PASSWORD, attend, decide, report_body, today_wib

SCREENSHOTS = Path("build/screenshots")


def test_the_report_says_it_was_sent_and_the_month_downloads_for_ekinerja(browse, http, factory):
    from tests.integration.test_ekinerja import _run_job, _sends

    skpd = factory.skpd()
    boss = factory.employee(skpd, name="Atasan Progres")
    nip = factory.employee(skpd, supervisor=boss, name="Pegawai Progres")
    day = today_wib()
    attend(nip, day)
    token = http.login(nip)
    status, report = http.call("POST", "/reports", report_body(day), token=token)
    assert status == 201, report
    assert decide(http, http.login(boss), "report", report["report_id"], "APPROVE", version=report["version"])[0] == 200
    for _ in range(10):
        _run_job()
        if _sends(nip, report["report_id"]):
            break

    page = browse.page(viewport=DESKTOP)
    browse.sign_in(page, nip, PASSWORD)
    page.goto(f"{browse.web}/laporan/{report['report_id']}")
    expect(page.get_by_test_id("report-ekinerja")).to_contain_text("Sudah dikirim ke e-Kinerja")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "web-report-ekinerja-desktop.png"), full_page=True)

    page.goto(f"{browse.web}/cetak")
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh untuk e-Kinerja (Excel)").click()
    assert download.value.suggested_filename == f"ekinerja-progres-harian-{nip}-{day:%Y-%m}.xlsx"
    workbook = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    rows = list(workbook["Progres Harian"].iter_rows(values_only=True))
    assert rows[0][0] == "Tanggal" and rows[1][2] == "Menyusun laporan bulanan"
    page.screenshot(path=str(SCREENSHOTS / "web-export-ekinerja-desktop.png"), full_page=True)
