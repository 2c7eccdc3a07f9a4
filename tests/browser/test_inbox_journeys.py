"""The one inbox (Persetujuan) in a real browser against the real local API: a supervisor on a phone decides a
report and a leave request from it, and HR's Beranda shows its queues with their counts."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP
from tests.browser.helpers import leave_request, upload
from tests.browser.test_hr_journeys import pdf_bytes
from tests.browser.test_leave_journey import _working_span
from tests.support import PASSWORD, attend, report_body, today_wib


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_a_supervisor_on_a_phone_decides_a_report_and_a_leave_request_from_one_inbox(browse, http, factory):
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="dr. Andi Wijaya")
    nip = factory.employee(skpd, supervisor=boss, name="Agus Pratama")
    attend(nip, today_wib())
    token = http.login(nip)
    status, created = http.call(
        "POST", "/reports", report_body(today_wib(), title="Pelayanan pasien umum"), token=token
    )
    assert status == 201, created
    start, end = _working_span(1, after=10)
    leave = leave_request(start, end)
    status, created = http.call("POST", "/leave", leave, token=token)
    assert status == 201, created

    page = browse.page()
    browse.sign_in(page, boss, PASSWORD)
    # Beranda: what waits, per kind, one tap from each; the badge counts both
    expect(page.get_by_test_id("waiting-badge")).to_contain_text("2")
    expect(page.get_by_test_id("home-inbox-kind")).to_have_count(2)
    expect(page.locator("[data-testid=home-inbox-kind][data-kind=report]")).to_contain_text(
        re.compile(r"1\s*Laporan kegiatan")
    )
    expect(page.locator("[data-testid=home-inbox-kind][data-kind=leave_consideration]")).to_contain_text(
        re.compile(r"1\s*Pertimbangan cuti")
    )
    # the badge is there whatever page the app opens on
    page.goto(f"{browse.web}/presensi")
    expect(page.get_by_test_id("waiting-badge")).to_contain_text("2")

    page.get_by_test_id("nav-approvals").click()
    expect(page).to_have_url(re.compile(r"/persetujuan\?jenis=laporan$"))
    expect(page.get_by_test_id("kind-laporan")).to_contain_text("Laporan kegiatan 1")
    expect(page.get_by_test_id("kind-pertimbangan-cuti")).to_contain_text("Pertimbangan cuti 1")
    report = page.get_by_test_id("decision-item").filter(has_text="Pelayanan pasien umum")
    expect(report).to_contain_text("Agus Pratama")
    expect(report.get_by_test_id("item-status")).to_have_text("Diajukan")
    _no_sideways_scroll(page)
    report.get_by_test_id("verdict-approve").click()
    dialog = page.get_by_role("dialog", name="Setujui laporan")
    dialog.get_by_role("radio", name="4 dari 5").check()
    dialog.get_by_test_id("decision-confirm").click()
    expect(report.get_by_test_id("item-outcome")).to_have_text("Disetujui")
    expect(page.get_by_test_id("waiting-badge")).to_contain_text("1")
    expect(page.get_by_test_id("kind-laporan")).to_contain_text("Laporan kegiatan 0")

    page.get_by_test_id("kind-pertimbangan-cuti").click()
    expect(page).to_have_url(re.compile(r"jenis=pertimbangan-cuti"))
    request = page.get_by_test_id("decision-item").filter(has_text="Cuti Tahunan")
    expect(request).to_contain_text("Agus Pratama")
    expect(request).to_contain_text("Menghadiri pernikahan adik kandung")
    _no_sideways_scroll(page)
    request.get_by_test_id("verdict-defer").click()
    dialog = page.get_by_role("dialog", name="Tangguhkan permohonan cuti")
    dialog.get_by_test_id("decision-confirm").click()  # no reason: the API refuses, named at the field
    expect(dialog.get_by_test_id("error-summary")).to_contain_text("wajib disertai catatan")
    expect(dialog.locator(".field.has-error #decision-note")).to_be_visible()
    dialog.get_by_label("Alasan penangguhan").fill("Sedang akreditasi puskesmas")
    dialog.get_by_test_id("decision-confirm").click()
    expect(request.get_by_test_id("item-outcome")).to_have_text("Ditangguhkan")
    expect(page.get_by_test_id("waiting-badge")).to_have_count(0)
    expect(page.get_by_test_id("inbox-total")).to_have_text("Tidak ada yang menunggu keputusan Anda")


def test_hr_beranda_shows_its_queues_with_counts_and_each_opens_in_the_inbox(browse, http, factory):
    skpd = factory.skpd()
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Rina Kepegawaian")
    sari = factory.employee(skpd, name="Sari Wulandari")
    joko = factory.employee(skpd, name="Joko Susilo")
    sk_date = today_wib().replace(day=1).isoformat()
    for nip, team in ((sari, "Tim Percepatan Stunting"), (joko, "Tim Penanganan Gizi Buruk")):
        team_body = {
            "sk_date": sk_date,
            "sk_valid": True,
            "team_name": team,
            "scope": "INTERNAL_INSTANSI",
            "position": "ANGGOTA",
            "evidence_url": "https://example.go.id/sk-tim.pdf",
        }
        body = {"kind": "TIM_KERJA", "team": team_body, "declaration": True}
        status, created = http.call("POST", "/records", body, token=http.login(nip))
        assert status == 201, created
    token = http.login(joko)
    pdf = pdf_bytes()
    slip = upload(
        http,
        token,
        "/complaints/upload",
        {"filename": "surat-tugas.pdf", "content_type": "application/pdf", "size": len(pdf)},
        pdf,
    )
    complaint = {
        "type": "TUGAS_LUAR",
        "date": today_wib().isoformat(),
        "session": "PAGI",
        "upload_token": slip,
        "reason": "Tugas luar ke Puskesmas Cempaka sejak pagi, tidak sempat presensi.",
    }
    status, created = http.call("POST", "/complaints", complaint, token=token)
    assert status == 201, created

    desk = browse.page(viewport=DESKTOP)
    browse.sign_in(desk, hr, PASSWORD)
    home = desk.get_by_test_id("home-inbox")
    expect(home).to_contain_text("Menunggu keputusan Anda")
    expect(desk.get_by_test_id("home-inbox-kind")).to_have_count(2)  # nothing waits in the archive: no tile
    expect(desk.locator("[data-testid=home-inbox-kind][data-kind=complaint]")).to_contain_text(
        re.compile(r"1\s*Pengaduan presensi")
    )
    records = desk.locator("[data-testid=home-inbox-kind][data-kind=record]")
    expect(records).to_contain_text(re.compile(r"2\s*Riwayat karier"))
    sidenav = desk.get_by_role("navigation", name="Navigasi utama", exact=True)
    expect(sidenav.get_by_role("link", name=re.compile("Persetujuan"))).to_contain_text("3")

    records.click()
    expect(desk).to_have_url(re.compile(r"/persetujuan\?jenis=riwayat$"))
    expect(desk.get_by_test_id("queue-count")).to_have_text("2 riwayat menunggu keputusan Anda")
    expect(desk.get_by_test_id("decision-item")).to_have_count(2)
    desk.get_by_test_id("select-all").check()
    desk.get_by_test_id("bulk-approve").click()
    desk.get_by_role("dialog", name="Setujui riwayat terpilih").get_by_test_id("decision-confirm").click()
    expect(desk.get_by_test_id("bulk-summary")).to_have_text("2 riwayat disetujui.")
    for outcome in desk.get_by_test_id("item-outcome").all():
        expect(outcome).to_have_text("Disetujui")
    expect(sidenav.get_by_role("link", name=re.compile("Persetujuan"))).to_contain_text("1")

    sidenav.get_by_role("link", name="Beranda").click()
    expect(desk.get_by_test_id("home-inbox-kind")).to_have_count(1)
    expect(desk.locator("[data-testid=home-inbox-kind][data-kind=complaint]")).to_contain_text("1")


def test_the_operator_s_beranda_shows_employees_without_a_supervisor_and_opens_them(browse, http, factory):
    skpd = factory.skpd()
    head = factory.employee(skpd, supervisor=factory.employee(factory.skpd()), name="dr. Andi Wijaya")
    operator = factory.employee(skpd, roles=("OPERATOR_SKPD",), supervisor=head, name="Siti Rahmawati")
    factory.employee(skpd, supervisor=head, name="Dewi Lestari")
    factory.employee(skpd, name="Agus Pratama")
    factory.employee(skpd, name="Maria Ulfa")

    page = browse.page()
    browse.sign_in(page, operator, PASSWORD)
    task = page.locator("[data-testid=home-task][data-task=no_supervisor]")
    expect(task).to_contain_text(re.compile(r"2\s*Pegawai tanpa atasan langsung"))
    expect(page.get_by_test_id("waiting-badge")).to_have_count(0)  # nothing to decide: no badge
    _no_sideways_scroll(page)
    page.screenshot(path="build/screenshots/operator-home-phone.png", full_page=True)
    task.click()
    expect(page).to_have_url(re.compile(r"/pegawai\?tanpa-atasan=1"))
    expect(page.get_by_test_id("filter-unassigned").get_by_role("checkbox")).to_be_checked()
    expect(page.get_by_text("2 pegawai tanpa atasan langsung")).to_be_visible()
    listed = page.locator("ul.list li")
    expect(listed).to_have_count(2)
    expect(listed.filter(has_text="Agus Pratama")).to_have_count(1)
    expect(listed.filter(has_text="Maria Ulfa")).to_have_count(1)
    page.get_by_test_id("filter-unassigned").get_by_role("checkbox").uncheck()
    expect(page.locator("ul.list li")).to_have_count(5)
