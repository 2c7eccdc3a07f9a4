"""Leave (cuti) in a real browser against the real local API: apply, approve, number, download the letter."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP
from tests.support import PASSWORD, today_wib


def _working_span(days: int, after: int = 7) -> tuple[date, date]:
    """``days`` working days in a row (no weekend or holiday between) starting at least ``after`` days ahead."""
    from chalicelib.domain.workdays import is_working_day

    start = today_wib() + timedelta(days=after)
    while True:
        span = [start + timedelta(days=n) for n in range(days)]
        if all(is_working_day(d) for d in span) and span[0].year == span[-1].year:
            return span[0], span[-1]
        start += timedelta(days=1)


def test_employee_applies_for_annual_leave_the_supervisor_approves_it_is_numbered_and_the_letter_downloaded(
    browse, factory
):
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="dr. Andi Wijaya")  # no supervisor of his own: he also grants leave
    nip = factory.employee(skpd, supervisor=boss, name="Dewi Lestari")
    numberer = factory.employee(skpd, roles=("PENOMORAN",), name="Siti Penomoran")
    start, end = _working_span(2)

    # the employee: balance as the form shows it, then the application with its working days counted
    page = browse.page()
    browse.sign_in(page, nip, PASSWORD)
    page.get_by_test_id("nav-account").click()
    page.get_by_role("link", name="Cuti", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cuti")
    balance = page.get_by_test_id("leave-balance")
    year = start.year
    for label in (f"N-2 ({year - 2})", f"N-1 ({year - 1})", f"N ({year})"):
        expect(balance).to_contain_text(label)
    expect(page.get_by_test_id("leave-available")).to_contain_text(re.compile(r"\d+ hari kerja"))
    page.get_by_test_id("leave-apply").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ajukan cuti")
    page.get_by_label("Jenis cuti").select_option(label="Cuti Tahunan")
    page.get_by_label("Alasan cuti").fill("Menghadiri pernikahan adik kandung")
    page.get_by_label("Tanggal mulai").fill(start.isoformat())
    page.get_by_label("Tanggal selesai").fill(end.isoformat())
    expect(page.get_by_test_id("leave-days")).to_contain_text("2 hari kerja")
    page.get_by_label("Alamat selama menjalankan cuti").fill("Jl. Gatot Subroto No. 12, Kota Medan")
    page.get_by_label("Telepon selama cuti").fill("0812-3456-7890")
    page.get_by_role("button", name="Lanjutkan").click()
    page.get_by_role("button", name="Kirim pengajuan").click()
    expect(page).to_have_url(re.compile(r"/cuti$"))
    item = page.get_by_test_id("leave-item").first
    expect(item.get_by_test_id("leave-status")).to_have_text("Menunggu pertimbangan atasan")
    expect(item).to_contain_text("Cuti Tahunan")
    expect(item).to_contain_text("2 hari kerja")
    expect(item.get_by_role("list", name="Tahapan permohonan")).to_contain_text(
        "Pertimbangan atasan langsung (sedang berjalan)"
    )

    # the supervisor, who is also the official: one approval covers both steps
    desk = browse.page(viewport=DESKTOP)
    browse.sign_in(desk, boss, PASSWORD)
    sidenav = desk.get_by_role("navigation", name="Navigasi utama", exact=True)
    sidenav.get_by_role("link", name=re.compile("Persetujuan")).click()
    expect(desk).to_have_url(re.compile(r"jenis=pertimbangan-cuti"))
    expect(desk.get_by_test_id("queue-count")).to_have_text("1 permohonan cuti menunggu keputusan Anda")
    waiting = desk.get_by_test_id("decision-item").first
    expect(waiting).to_contain_text("Dewi Lestari")
    expect(waiting).to_contain_text("Menghadiri pernikahan adik kandung")
    waiting.get_by_test_id("verdict-approve").click()
    dialog = desk.get_by_role("dialog", name="Setujui permohonan cuti")
    dialog.get_by_label("Catatan").fill("Selamat menghadiri pernikahan.")
    dialog.get_by_test_id("decision-confirm").click()
    expect(waiting.get_by_test_id("item-outcome")).to_have_text("Disetujui, menunggu nomor surat")
    expect(desk.get_by_test_id("queue-count")).to_have_text("Tidak ada permohonan cuti yang menunggu")

    # the numbering officer gives the number, from the same inbox
    officer = browse.page(viewport=DESKTOP)
    browse.sign_in(officer, numberer, PASSWORD)
    officer.locator("[data-testid=home-inbox-kind][data-kind=leave_number]").click()
    expect(officer.get_by_test_id("queue-count")).to_have_text("1 surat cuti menunggu keputusan Anda")
    letter = officer.get_by_test_id("decision-item").first
    expect(letter).to_contain_text("Dewi Lestari")
    letter.get_by_test_id("verdict-approve").click()
    officer.get_by_role("dialog", name="Beri nomor surat cuti").get_by_test_id("decision-confirm").click()
    expect(letter.get_by_test_id("item-outcome")).to_have_text("Disetujui")
    expect(letter.get_by_test_id("verdict-approve")).to_have_count(0)
    number = f"800.1.11.4/1/{skpd[0]}/{today_wib().year}"

    # the employee sees the number and downloads the letter (a PDF)
    page.reload()
    item = page.get_by_test_id("leave-item").first
    expect(item.get_by_test_id("leave-status")).to_have_text("Disetujui")
    expect(item.get_by_test_id("letter-number")).to_contain_text(number)
    expect(item.get_by_test_id("leave-cancel")).to_have_count(0)
    item.get_by_test_id("letter-prepare").click()
    with page.expect_download() as download:
        item.get_by_test_id("letter-link").click()
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"%PDF"), content[:20]


def test_deferral_needs_a_reason_the_employee_cancels_another_and_hr_exports_the_list(browse, http, factory):
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="dr. Andi Wijaya")
    nip = factory.employee(skpd, supervisor=boss, name="Agus Pratama")
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Budi Kepegawaian")
    token = http.login(nip)
    first, second = _working_span(1, after=10), _working_span(1, after=20)
    for (start, end), kind in ((first, "ALASAN_PENTING"), (second, "TAHUNAN")):
        body = {
            "type": kind,
            "reason": "Keperluan keluarga",
            "start_date": start.isoformat(),
            "end_date": end.isoformat(),
            "address": "Jl. Kenanga No. 8, Kota Medan",
            "phone": "081234567890",
        }
        status, created = http.call("POST", "/leave", body, token=token)
        assert status == 201, created

    # the supervisor defers the first (from a bookmark of the old page): a reason is required
    desk = browse.page(viewport=DESKTOP)
    browse.sign_in(desk, boss, PASSWORD)
    desk.goto(f"{browse.web}/persetujuan-cuti")
    expect(desk).to_have_url(re.compile(r"/persetujuan\?jenis=pertimbangan-cuti$"))
    expect(desk.get_by_test_id("queue-count")).to_have_text("2 permohonan cuti menunggu keputusan Anda")
    item = desk.get_by_test_id("decision-item").filter(has_text="Cuti Karena Alasan Penting")
    item.get_by_test_id("verdict-defer").click()
    dialog = desk.get_by_role("dialog", name="Tangguhkan permohonan cuti")
    dialog.get_by_test_id("decision-confirm").click()
    expect(dialog.get_by_test_id("error-summary")).to_contain_text("wajib disertai catatan")
    dialog.get_by_label("Alasan penangguhan").fill("Sedang akreditasi puskesmas")
    dialog.get_by_test_id("decision-confirm").click()
    expect(item.get_by_test_id("item-outcome")).to_have_text("Ditangguhkan")

    # the employee reads the reason and cancels the other, still pending
    page = browse.page()
    browse.sign_in(page, nip, PASSWORD)
    page.goto(f"{browse.web}/cuti")
    deferred = page.get_by_test_id("leave-item").filter(has_text="Cuti Karena Alasan Penting")
    expect(deferred.get_by_test_id("leave-status")).to_have_text("Ditangguhkan")
    expect(deferred).to_contain_text("Ditangguhkan: Sedang akreditasi puskesmas")
    expect(deferred.get_by_test_id("leave-cancel")).to_have_count(0)
    pending = page.get_by_test_id("leave-item").filter(has_text="Cuti Tahunan")
    pending.get_by_test_id("leave-cancel").click()
    page.get_by_test_id("leave-cancel-confirm").click()
    expect(pending.get_by_test_id("leave-status")).to_have_text("Dibatalkan")

    # HR lists the SKPD's leave, filters by status and exports the list as Excel
    office = browse.page(viewport=DESKTOP)
    browse.sign_in(office, hr, PASSWORD)
    office.get_by_role("navigation", name="Navigasi utama", exact=True).get_by_role("link", name="Cuti pegawai").click()
    office.get_by_label("Dari tanggal").fill(first[0].isoformat())
    office.get_by_label("Sampai tanggal").fill(second[1].isoformat())
    office.get_by_role("button", name="Terapkan").click()
    table = office.get_by_test_id("leave-table")
    expect(table.locator("tbody tr")).to_have_count(2)
    office.get_by_label("Status").select_option(label="Ditangguhkan")
    office.get_by_role("button", name="Terapkan").click()
    expect(office).to_have_url(re.compile(r"status=DEFERRED"))
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table).to_contain_text("Agus Pratama")
    office.get_by_test_id("leave-export").click()
    with office.expect_download() as download:
        office.get_by_test_id("leave-export-link").click()
    assert Path(download.value.path()).read_bytes().startswith(b"PK")  # an .xlsx is a zip


def test_sick_leave_of_more_than_a_day_asks_for_the_doctors_certificate_and_uploads_it(browse, factory):
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="dr. Andi Wijaya")
    nip = factory.employee(skpd, supervisor=boss, name="Maria Ulfa")
    start, end = _working_span(2, after=5)

    page = browse.page()
    browse.sign_in(page, nip, PASSWORD)
    page.goto(f"{browse.web}/cuti/ajukan")
    page.get_by_label("Jenis cuti").select_option(label="Cuti Sakit")
    page.get_by_label("Alasan cuti").fill("Demam berdarah, rawat inap")
    page.get_by_label("Tanggal mulai").fill(start.isoformat())
    page.get_by_label("Tanggal selesai").fill(end.isoformat())
    page.get_by_label("Alamat selama menjalankan cuti").fill("RSUD Kota Medan, ruang Melati")
    page.get_by_label("Telepon selama cuti").fill("081234567890")
    page.get_by_role("button", name="Lanjutkan").click()
    expect(page.get_by_test_id("error-summary")).to_contain_text("Lampirkan surat keterangan dokter")
    pdf = b"%PDF-1.7\n" + b"0" * 600
    page.get_by_test_id("certificate-input").set_input_files(
        {"name": "surat-dokter.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    page.get_by_role("button", name="Lanjutkan").click()
    page.get_by_role("button", name="Kirim pengajuan").click()
    expect(page).to_have_url(re.compile(r"/cuti$"))
    item = page.get_by_test_id("leave-item").first
    expect(item).to_contain_text("Cuti Sakit")
    expect(item.get_by_test_id("leave-status")).to_have_text("Menunggu pertimbangan atasan")
