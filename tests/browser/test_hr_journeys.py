"""HR journeys in a real browser against the real local API (see conftest.py): an attendance complaint,
a career record and an archive document, each filed by an employee and verified by Kepegawaian of the SKPD."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP
from tests.browser.helpers import template
from tests.support import PASSWORD, today_wib


def pdf_bytes(text: str = "Surat tugas") -> bytes:
    """A small real PDF (the API checks the stored file's first bytes)."""
    body = (
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
        f"% {text}\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    return body.encode("latin-1")


def test_employee_without_attendance_files_a_complaint_hr_approves_it_then_the_days_report_goes_in(
    browse, http, factory
):
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="dr. Atasan Dua")
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Rina Kepegawaian")
    nip = factory.employee(skpd, supervisor=boss, name="Budi Santoso")
    template(http, http.login(nip))

    # the employee: no attendance today, files a complaint for the morning session with a surat tugas
    page = browse.page()
    browse.sign_in(page, nip, PASSWORD)
    page.get_by_test_id("nav-account").click()
    page.get_by_role("link", name="Pengaduan presensi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pengaduan presensi")
    page.get_by_role("radio", name="Tugas luar").check()
    expect(page.get_by_label("Tanggal")).to_have_value(today_wib().isoformat())
    page.get_by_role("radio", name="Masuk").check()
    page.get_by_label("Alasan").fill("Tugas luar ke Puskesmas Cempaka sejak pagi, tidak sempat presensi.")
    too_big = pdf_bytes() + b"0" * (300 * 1024)
    page.get_by_test_id("letter-input").set_input_files(
        {"name": "besar.pdf", "mimeType": "application/pdf", "buffer": too_big}
    )
    expect(page.get_by_text("Surat tugas paling besar 300 KB").first).to_be_visible()
    page.get_by_test_id("letter-input").set_input_files(
        {"name": "surat-tugas.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    expect(page.get_by_test_id("letter-chosen")).to_contain_text("surat-tugas.pdf")
    page.get_by_role("button", name="Kirim pengaduan").click()
    reference = page.get_by_test_id("complaint-reference")
    expect(reference).to_have_text(re.compile(r"^ADU/\d{4}/\d{6}$"))
    number = reference.inner_text()
    item = page.locator(f'[data-testid=complaint-item][data-reference="{number}"]')
    expect(item.get_by_test_id("complaint-status")).to_have_text("Diajukan")

    # HR of the SKPD approves it in the inbox
    desk = browse.page(viewport=DESKTOP)
    browse.sign_in(desk, hr, PASSWORD)
    desk.locator("[data-testid=home-inbox-kind][data-kind=complaint]").click()
    expect(desk.get_by_test_id("queue-count")).to_have_text("1 pengaduan menunggu keputusan Anda")
    queued = desk.get_by_test_id("decision-item").filter(has_text=number)
    expect(queued).to_contain_text("Budi Santoso")
    expect(queued).to_contain_text("Tugas luar")
    queued.get_by_test_id("verdict-approve").click()
    dialog = desk.get_by_role("dialog", name="Setujui pengaduan")
    dialog.get_by_label("Catatan").fill("Surat tugas sesuai.")
    dialog.get_by_test_id("decision-confirm").click()
    expect(queued.get_by_test_id("item-outcome")).to_have_text("Disetujui")
    expect(desk.get_by_test_id("queue-count")).to_have_text("Tidak ada pengaduan yang menunggu")

    # the employee sees it approved and files the day's report
    page.reload()
    expect(item.get_by_test_id("complaint-status")).to_have_text("Disetujui")
    page.get_by_test_id("nav-reports").click()
    page.get_by_role("link", name="Buat laporan").first.click()
    page.get_by_label("Templat").select_option(label="Rapat koordinasi (1 jam 30 menit)")
    page.get_by_label("Jam mulai").fill("08:00")
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page).to_have_url(re.compile(r"/laporan/[0-9a-f]{32}$"))
    expect(page.get_by_test_id("status")).to_have_text("Diajukan")


def test_employee_submits_an_award_with_its_pdf_and_the_declaration_hr_approves_it_in_bulk(browse, http, factory):
    skpd = factory.skpd()
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Rina Kepegawaian")
    nip = factory.employee(skpd, name="Sari Wulandari")
    other = factory.employee(skpd, name="Joko Susilo")
    sk_date = (today_wib() - timedelta(days=30)).isoformat()
    # another employee's record waits too, so the bulk approval decides two
    body = {
        "kind": "TIM_KERJA",
        "team": {
            "sk_date": sk_date,
            "sk_valid": True,
            "team_name": "Tim Percepatan Stunting",
            "scope": "INTERNAL_INSTANSI",
            "position": "ANGGOTA",
            "evidence_url": "https://example.go.id/sk-tim.pdf",
        },
        "declaration": True,
    }
    status, created = http.call("POST", "/records", body, token=http.login(other))
    assert status == 201, created

    page = browse.page()
    browse.sign_in(page, nip, PASSWORD)
    page.get_by_test_id("nav-account").click()
    page.get_by_role("link", name="Riwayat", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Riwayat")
    page.get_by_test_id("record-new").click()
    page.get_by_role("radio", name="Riwayat Penghargaan").check()
    page.get_by_label("Tingkat").select_option(label="Kabupaten / Kota")
    page.get_by_label("Jenis penghargaan").select_option(label="ASN Teladan")
    page.get_by_label("Nama penghargaan").fill("ASN Teladan Kabupaten")
    page.get_by_label("Tahun").fill(str(today_wib().year))
    page.get_by_label("Nomor SK").fill("800/123/BKD/2026")
    page.get_by_label("Tanggal SK").fill(sk_date)
    page.get_by_role("button", name="Lanjut", exact=True).click()
    page.get_by_test_id("record-file").set_input_files(
        {"name": "sk-penghargaan.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("SK penghargaan")}
    )
    page.get_by_role("button", name="Lanjut ke ringkasan").click()
    expect(page.get_by_test_id("record-summary")).to_contain_text("800/123/BKD/2026")
    expect(page.get_by_test_id("record-summary")).to_contain_text("sk-penghargaan.pdf")
    page.get_by_role("button", name="Kirim riwayat").click()
    expect(page.get_by_text("Centang pernyataan bahwa data yang Anda input benar.").first).to_be_visible()
    page.get_by_label("Saya menyatakan bahwa data yang saya input benar").check()
    page.get_by_role("button", name="Kirim riwayat").click()
    item = page.get_by_test_id("record-item").filter(has_text="ASN Teladan Kabupaten")
    expect(item.get_by_test_id("record-status")).to_have_text("Belum disetujui")

    desk = browse.page(viewport=DESKTOP)
    browse.sign_in(desk, hr, PASSWORD)
    desk.get_by_role("navigation", name="Navigasi utama", exact=True).get_by_role(
        "link", name=re.compile("Persetujuan")
    ).click()
    desk.get_by_test_id("kind-riwayat").click()
    expect(desk.get_by_test_id("queue-count")).to_have_text("2 riwayat menunggu keputusan Anda")
    expect(desk.get_by_test_id("decision-item")).to_have_count(2)
    desk.get_by_test_id("select-all").check()
    desk.get_by_test_id("bulk-approve").click()
    desk.get_by_role("dialog", name="Setujui riwayat terpilih").get_by_test_id("decision-confirm").click()
    expect(desk.get_by_test_id("bulk-summary")).to_have_text("2 riwayat disetujui.")
    for outcome in desk.get_by_test_id("item-outcome").all():
        expect(outcome).to_have_text("Disetujui")
    expect(desk.get_by_test_id("queue-count")).to_have_text("Tidak ada riwayat yang menunggu")

    page.reload()
    expect(item.get_by_test_id("record-status")).to_have_text("Disetujui")
    expect(item.get_by_role("button", name="Ubah")).to_have_count(0)

    # HR revokes the approval with a reason: the employee may correct it again
    desk.get_by_text("Saring").click()
    desk.get_by_label("Status").select_option(label="Disetujui")
    desk.get_by_role("button", name="Tampilkan").click()
    expect(desk).to_have_url(re.compile(r"status=APPROVED"))
    approved = desk.get_by_test_id("decision-item").filter(has_text="Sari Wulandari")
    approved.get_by_test_id("verdict-revoke").click()
    dialog = desk.get_by_role("dialog", name="Batalkan persetujuan riwayat")
    dialog.get_by_test_id("decision-confirm").click()
    expect(dialog.get_by_test_id("error-summary")).to_contain_text("wajib disertai catatan")
    dialog.get_by_label("Alasan pembatalan").fill("Nomor SK tidak sesuai dengan dokumen.")
    dialog.get_by_test_id("decision-confirm").click()
    expect(approved.get_by_test_id("item-outcome")).to_have_text("Batal disetujui")
    page.reload()
    expect(item.get_by_test_id("record-status")).to_have_text("Batal disetujui")
    expect(item).to_contain_text("Nomor SK tidak sesuai dengan dokumen.")
    expect(item.get_by_role("button", name="Ubah")).to_be_visible()


def test_employee_uploads_an_archive_document_hr_verifies_it_and_the_score_rises(browse, http, factory, runner):
    skpd = factory.skpd()
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Rina Kepegawaian")
    nip = factory.employee(skpd, name="Dian Permata")

    page = browse.page()
    browse.sign_in(page, nip, PASSWORD)
    page.get_by_test_id("nav-account").click()
    page.get_by_role("link", name="Arsip dokumen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Arsip dokumen")
    score = page.get_by_test_id("archive-score")
    expect(score).to_have_attribute("data-score", "0")
    expect(page.get_by_test_id("archive-label")).to_have_text("Tidak lengkap")
    expect(page.get_by_role("heading", name=re.compile("Arsip utama"))).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Arsip kondisional"))).to_be_visible()
    d2np = page.locator("[data-testid=archive-category][data-code=D2NP]")
    expect(d2np.get_by_test_id("archive-state")).to_have_text("Belum diunggah")
    d2np.get_by_test_id("archive-input-D2NP").set_input_files(
        {"name": "d2np.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("D2NP")}
    )
    expect(d2np.get_by_test_id("archive-state")).to_have_text("Menunggu verifikasi")
    expect(d2np.get_by_role("link", name="d2np.pdf")).to_be_visible()
    expect(score).to_have_attribute("data-score", "0")

    desk = browse.page(viewport=DESKTOP)
    browse.sign_in(desk, hr, PASSWORD)
    desk.goto(f"{browse.web}/verifikasi/arsip")  # a bookmark of the old queue opens the inbox on documents
    expect(desk).to_have_url(re.compile(r"/persetujuan\?jenis=arsip$"))
    queued = desk.get_by_test_id("decision-item").filter(has_text="Dian Permata")
    expect(queued).to_contain_text("D2NP")
    queued.get_by_test_id("verdict-approve").click()
    desk.get_by_role("dialog", name="Setujui dokumen").get_by_test_id("decision-confirm").click()
    expect(queued.get_by_test_id("item-outcome")).to_have_text("Terverifikasi")

    page.reload()
    expect(d2np.get_by_test_id("archive-state")).to_have_text("Terverifikasi")
    rises = int(score.get_attribute("data-score") or "0")
    assert rises > 0, rises

    # HR: the satker's completeness, the employee's score and what they miss, and the Excel export
    desk.get_by_role("link", name="Kelengkapan arsip", exact=True).click()
    row = desk.locator(f'[data-testid=completeness-row][data-nip="{nip}"]')
    expect(row.get_by_test_id("row-score")).to_have_text(str(rises))
    expect(row).to_contain_text("KTP")
    expect(row).not_to_contain_text("D2NP")
    desk.get_by_test_id("export-xlsx").click()
    link = desk.get_by_test_id("download-link")
    for _ in range(60):
        runner.deliver_queue()
        if link.is_visible():
            break
        desk.wait_for_timeout(500)
    with desk.expect_download() as download:
        link.click()
    assert Path(download.value.path()).read_bytes().startswith(b"PK")
