"""Screenshots of the main pages at a phone's and a desktop's size (build/screenshots/, git-ignored),
with the demo data `make run` loads; every page is also checked for sideways overflow.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from chalicelib.domain.workdays import is_working_day
from devtools.processes import ROOT
from tests.browser.conftest import DESKTOP, PHONE
from tests.support import report_body, today_wib

SHOTS = ROOT / "build" / "screenshots"
DEMO_PASSWORD = "Demo-Kinerja-2026"
DEWI, AGUS, MARIA = "199001152015032001", "199204232019031004", "199508302020122002"
ANDI, SITI, ADMIN = "197512102000031003", "198203142006042001", "197001011995031001"

ACTIVITIES = [
    ("07:30", "09:30", "Pelayanan asuhan keperawatan di poli umum", "Catatan asuhan keperawatan 14 pasien"),
    ("09:30", "11:00", "Penyuluhan PHBS di sekolah dasar", "Daftar hadir dan dokumentasi penyuluhan"),
    ("13:00", "14:30", "Pencatatan rekam medis elektronik", "Rekam medis 20 pasien lengkap"),
]


@pytest.fixture(scope="module")
def demo(stack: dict[str, str]) -> dict[str, Any]:
    """The demo organisation and accounts, with reports of the last working days in every status."""
    from chalice.test import Client

    from app import app
    from devtools.demo import load_demo_data
    from tests.support import Api

    load_demo_data()
    with Client(app, stage_name="local") as client:
        http = Api(client)
        tokens = {nip: http.login(nip, DEMO_PASSWORD) for nip in (DEWI, AGUS, MARIA, ANDI)}
        days = [d for d in (today_wib() - timedelta(days=n) for n in range(7)) if is_working_day(d)][:4]
        made: dict[str, list[str]] = {DEWI: [], AGUS: [], MARIA: []}
        for nip in made:
            for day in days:
                for start, end, title, output in ACTIVITIES[: 3 if nip == DEWI else 1]:
                    body = report_body(day, start=start, end=end, title=title, output=output)
                    status, created = http.call("POST", "/reports", body, token=tokens[nip])
                    if status == 201:  # a second run in one session finds them already there
                        made[nip].append(created["report_id"])
        decided: dict[str, str] = {}
        for n, report_id in enumerate(made[DEWI][3:]):  # today's stay Diajukan
            version = http.call("GET", f"/reports/{report_id}", token=tokens[ANDI])[1]["version"]
            rejected = n == 1
            body = (
                {"verdict": "REJECT", "note": "Lampirkan daftar hadir penyuluhan.", "version": version}
                if rejected
                else {"verdict": "APPROVE", "rating": 3 + n % 3, "version": version}
            )
            status, answer = http.call("POST", f"/verifications/report/{report_id}", body, token=tokens[ANDI])
            assert status == 200, answer
            decided.setdefault("rejected" if rejected else "approved", report_id)
        for state in ("rejected", "approved"):  # a second run in one session: the ones the first run decided
            if state not in decided:
                found = http.call("GET", f"/reports?status={state.upper()}", token=tokens[DEWI])[1]["items"]
                decided[state] = found[0]["report_id"] if found else None
    if not decided["rejected"]:  # the detail page of a rejected report is one of the screenshots: never drop it
        pytest.fail("the demo data gave Dewi no rejected report to photograph")
    return {"rejected": decided["rejected"], "approved": decided["approved"]}


def _shot(page: Any, size: str, name: str) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(150)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        culprits = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
                .filter((e) => e.parentElement.getBoundingClientRect().right <= window.innerWidth + 0.5)
                .slice(0, 5).map((e) => e.tagName + '.' + e.className + '#' + e.id)"""
        )
        pytest.fail(f"{name} at {size} scrolls sideways by {overflow}px: {culprits}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{size}-{name}.png"))


@pytest.mark.parametrize("size", ["390x844", "1366x768"])
def test_screenshots_of_the_main_pages(browse, demo, size):
    viewport = PHONE if size == "390x844" else DESKTOP
    page = browse.page(viewport=viewport)
    page.goto(f"{browse.web}/masuk")
    expect(page.get_by_role("heading", name="Masuk")).to_be_visible()
    _shot(page, size, "01-sign-in")

    browse.sign_in(page, DEWI, DEMO_PASSWORD)
    expect(page.get_by_test_id("home-reports-today")).to_be_visible()
    _shot(page, size, "02-home")
    page.goto(f"{browse.web}/laporan")
    expect(page.get_by_test_id("report-card").first).to_be_visible()
    _shot(page, size, "03-reports")
    page.goto(f"{browse.web}/laporan/baru")
    page.get_by_label("Templat").select_option(label="Pelayanan pasien (2 jam)")
    page.get_by_label("Jam mulai").fill("14:30")
    _shot(page, size, "04-report-form")
    page.goto(f"{browse.web}/laporan/{demo['rejected']}")
    expect(page.get_by_test_id("status")).to_have_text("Ditolak")
    _shot(page, size, "05-report-detail")
    page.goto(f"{browse.web}/presensi")
    expect(page.get_by_test_id("day-detail")).to_be_visible()
    _shot(page, size, "06-calendar")
    page.goto(f"{browse.web}/cetak")
    page.get_by_role("button", name="Pratinjau").click()
    preview = page.get_by_role("table") if viewport == DESKTOP else page.get_by_test_id("preview-card").first
    expect(preview).to_be_visible()
    _shot(page, size, "07-export")
    page.goto(f"{browse.web}/akun")
    _shot(page, size, "08-account")
    for path, name in (("/templat", "12-templates"), ("/pengingat", "13-reminder"), ("/ganti-sandi", "14-password")):
        page.goto(f"{browse.web}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        _shot(page, size, name)

    boss = browse.page(viewport=viewport)
    browse.sign_in(boss, ANDI, DEMO_PASSWORD)
    expect(boss.get_by_test_id("home-inbox-kind").first).to_be_visible()
    _shot(boss, size, "09-home-supervisor")
    if viewport == PHONE:
        boss.get_by_test_id("nav-approvals").click()
    else:
        boss.get_by_role("navigation", name="Navigasi utama", exact=True).get_by_role(
            "link", name="Persetujuan"
        ).click()
    expect(boss.get_by_test_id("decision-item").first).to_be_visible()
    _shot(boss, size, "09-approvals")
    boss.get_by_test_id("decision-item").first.get_by_test_id("verdict-reject").click()
    boss.get_by_test_id("decision-confirm").click()
    expect(boss.get_by_test_id("error-summary")).to_be_visible()
    _shot(boss, size, "09-decision-dialog")
    boss.get_by_role("dialog").get_by_role("button", name="Batal").click()
    for path, name in (("/delegasi", "15-delegations"), ("/rekap", "16-recap")):
        boss.goto(f"{browse.web}{path}")
        expect(boss.get_by_role("heading", level=1)).to_be_visible()
        _shot(boss, size, name)

    operator = browse.page(viewport=viewport)
    browse.sign_in(operator, SITI, DEMO_PASSWORD)
    operator.goto(f"{browse.web}/pegawai")
    expect(operator.get_by_role("link", name=re.compile("Dewi Lestari"))).to_be_visible()
    _shot(operator, size, "10-employees")
    operator.goto(f"{browse.web}/pegawai/baru")
    expect(operator.get_by_label("Satker")).to_have_value(re.compile(".+"))
    _shot(operator, size, "11-employee-form")
    operator.goto(f"{browse.web}/impor")
    _shot(operator, size, "17-import")

    admin = browse.page(viewport=viewport)
    browse.sign_in(admin, ADMIN, DEMO_PASSWORD)
    admin.goto(f"{browse.web}/admin")
    admin.get_by_label("Pilih SKPD").select_option("DINKES")
    expect(admin.get_by_role("cell", name="Puskesmas Kota", exact=True)).to_be_visible()
    _shot(admin, size, "18-admin")
    admin.goto(f"{browse.web}/admin?bagian=libur")
    expect(admin.get_by_role("table")).to_be_visible()
    _shot(admin, size, "19-holidays")


BUDI = "197805202003121002"  # KEPEGAWAIAN and PENOMORAN of the demo SKPD


@pytest.fixture(scope="module")
def leave_demo(demo: dict[str, Any]) -> None:
    """Besides Dewi's pending annual leave (the demo's), Agus's approved one waits for its letter number."""
    from chalice.test import Client

    from app import app
    from tests.support import Api

    day = today_wib() + timedelta(days=14)
    while not is_working_day(day):
        day += timedelta(days=1)
    with Client(app, stage_name="local") as client:
        http = Api(client)
        body = {
            "type": "ALASAN_PENTING",
            "reason": "Mendampingi orang tua yang dirawat di rumah sakit",
            "start_date": day.isoformat(),
            "end_date": day.isoformat(),
            "address": "Jl. Kenanga No. 8, Kota Contoh",
            "phone": "081100000006",
        }
        status, leave = http.call("POST", "/leave", body, token=http.login(AGUS, DEMO_PASSWORD))
        if status == 201:  # a second run in one session finds the day taken
            step = {"verdict": "APPROVE", "version": leave["version"]}
            path = f"/verifications/leave_consideration/{leave['leave_id']}"
            http.call("POST", path, step, token=http.login(ANDI, DEMO_PASSWORD))


@pytest.mark.parametrize("size", ["390x844", "1366x768"])
def test_screenshots_of_the_leave_pages(browse, leave_demo, size):
    viewport = PHONE if size == "390x844" else DESKTOP
    page = browse.page(viewport=viewport)
    browse.sign_in(page, DEWI, DEMO_PASSWORD)
    page.goto(f"{browse.web}/cuti")
    expect(page.get_by_test_id("leave-available")).to_be_visible()
    expect(page.get_by_test_id("leave-item").first).to_be_visible()
    _shot(page, size, "20-leave")
    page.get_by_test_id("leave-item").first.scroll_into_view_if_needed()
    _shot(page, size, "20-leave-requests")
    page.goto(f"{browse.web}/cuti/ajukan")
    page.get_by_label("Jenis cuti").select_option(label="Cuti Sakit")
    start = today_wib() + timedelta(days=21)
    page.get_by_label("Tanggal mulai").fill(start.isoformat())
    page.get_by_label("Tanggal selesai").fill((start + timedelta(days=3)).isoformat())
    expect(page.get_by_test_id("leave-days")).to_contain_text("hari kerja")
    _shot(page, size, "21-leave-form")

    boss = browse.page(viewport=viewport)
    browse.sign_in(boss, ANDI, DEMO_PASSWORD)
    boss.goto(f"{browse.web}/persetujuan?jenis=pertimbangan-cuti")
    expect(boss.get_by_test_id("decision-item").first).to_be_visible()
    _shot(boss, size, "22-leave-queue")

    hr = browse.page(viewport=viewport)
    browse.sign_in(hr, BUDI, DEMO_PASSWORD)
    hr.goto(f"{browse.web}/persetujuan?jenis=penomoran-cuti")
    expect(hr.get_by_test_id("decision-item").first).to_be_visible()
    _shot(hr, size, "23-leave-numbering")
    start = today_wib().replace(day=1)
    hr.goto(f"{browse.web}/cuti-pegawai?dari={start.isoformat()}&sampai={(start + timedelta(days=62)).isoformat()}")
    expect(hr.get_by_test_id("leave-table")).to_be_visible()
    _shot(hr, size, "24-leave-hr")


@pytest.fixture(scope="module")
def hr_demo(demo: dict[str, Any]) -> None:
    """Dewi's complaint, career record and archive document, waiting for Budi (Kepegawaian)."""
    from chalice.test import Client

    from app import app
    from tests.browser.helpers import upload
    from tests.browser.test_hr_journeys import pdf_bytes
    from tests.support import Api

    pdf = pdf_bytes()
    letter = {"filename": "surat-tugas.pdf", "content_type": "application/pdf", "size": len(pdf)}
    with Client(app, stage_name="local") as client:
        http = Api(client)
        token = http.login(DEWI, DEMO_PASSWORD)
        for back in range(8):  # the demo's attendance of today has no check-out yet
            day = today_wib() - timedelta(days=back)
            if not is_working_day(day):
                continue
            slip = upload(http, token, "/complaints/upload", letter, pdf)
            body = {
                "type": "TUGAS_LUAR",
                "date": day.isoformat(),
                "session": "SORE",
                "upload_token": slip,
                "reason": "Tugas luar ke Dinas Kesehatan Provinsi sampai sore, tidak kembali ke kantor.",
            }
            status, _ = http.call("POST", "/complaints", body, token=token)
            if status in (201, 409):
                break
        slip = upload(http, token, "/records/upload", {**letter, "filename": "sk-penghargaan.pdf"}, pdf)
        award = {
            "scale": "KABUPATEN_KOTA",
            "group": "PENGHARGAAN_LAINNYA",
            "type": "ASN_TELADAN",
            "name": "ASN Teladan Kabupaten",
            "year": today_wib().year,
            "sk_number": "800/123/BKD/2026",
            "sk_date": (today_wib() - timedelta(days=30)).isoformat(),
        }
        http.call(
            "POST",
            "/records",
            {"kind": "PENGHARGAAN", "award": award, "upload_token": slip, "declaration": True},
            token=token,
        )
        path = f"/archive/employees/{DEWI}/documents/D2NP"
        slip = upload(http, token, f"{path}/upload", {**letter, "filename": "d2np.pdf"}, pdf)
        http.call("POST", f"{path}/confirm", {"upload_token": slip}, token=token)


@pytest.mark.parametrize("size", ["390x844", "1366x768"])
def test_screenshots_of_the_complaint_record_and_archive_pages(browse, hr_demo, size):
    viewport = PHONE if size == "390x844" else DESKTOP
    page = browse.page(viewport=viewport)
    browse.sign_in(page, DEWI, DEMO_PASSWORD)
    page.goto(f"{browse.web}/pengaduan")
    expect(page.get_by_test_id("complaint-item").first).to_be_visible()
    _shot(page, size, "30-complaints")
    page.goto(f"{browse.web}/riwayat")
    expect(page.get_by_test_id("record-item").first).to_be_visible()
    _shot(page, size, "31-records")
    page.get_by_test_id("record-new").click()
    page.get_by_role("radio", name="Riwayat Sertifikasi").check()
    _shot(page, size, "32-record-form")
    page.goto(f"{browse.web}/arsip")
    expect(page.get_by_test_id("archive-score")).to_be_visible()
    _shot(page, size, "33-archive")

    hr = browse.page(viewport=viewport)
    browse.sign_in(hr, BUDI, DEMO_PASSWORD)
    expect(hr.locator("[data-testid=home-inbox-kind][data-kind=record]")).to_be_visible()
    _shot(hr, size, "38-home-hr")
    for path, item, name in (
        ("/persetujuan?jenis=pengaduan", "decision-item", "34-complaint-queue"),
        ("/persetujuan?jenis=riwayat", "decision-item", "35-record-queue"),
        ("/persetujuan?jenis=arsip", "decision-item", "36-archive-queue"),
        ("/kelengkapan-arsip", "completeness-row", "37-completeness"),
    ):
        hr.goto(f"{browse.web}{path}")
        expect(hr.get_by_test_id(item).first).to_be_visible()
        _shot(hr, size, name)
