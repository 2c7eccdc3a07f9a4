"""The web client's journeys, each in a real browser against the real local API (see conftest.py)."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP
from tests.browser.helpers import png_bytes, template, type_report
from tests.support import PASSWORD, attend, make_nip, make_whatsapp, report_body, today_wib


def test_employee_checks_in_files_a_report_from_a_template_with_a_photo_and_sees_it_in_the_calendar(
    browse, http, factory
):
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="dr. Atasan Satu")
    nip = factory.employee(skpd, supervisor=boss, name="Dewi Lestari")
    template(http, http.login(nip))

    page = browse.page()
    browse.sign_in(page, nip, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dewi")
    expect(page.get_by_test_id("home-attendance")).to_contain_text("Belum ada presensi")

    page.get_by_test_id("nav-attendance").click()
    page.get_by_role("button", name="Presensi masuk").click()
    outcome = re.compile(r"Presensi masuk tercatat pukul \d\d\.\d\d WIB")
    expect(page.get_by_test_id("checkin-outcome")).to_contain_text(outcome)
    expect(page.get_by_test_id("check-in-time")).to_contain_text("WIB")

    page.get_by_test_id("nav-reports").click()
    page.get_by_role("link", name="Buat laporan").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Laporan baru")
    page.get_by_label("Templat").select_option(label="Rapat koordinasi (1 jam 30 menit)")
    expect(page.get_by_label("Judul")).to_have_value("Rapat koordinasi program")
    page.get_by_label("Jam mulai").fill("08:00")
    expect(page.get_by_label("Jam selesai")).to_have_value("09:30")
    expect(page.get_by_text("Durasi 1 jam 30 menit")).to_be_visible()
    page.get_by_test_id("evidence-input").set_input_files(
        {"name": "foto-rapat.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    expect(page.get_by_test_id("upload-item")).to_contain_text("Menunggu dikirim")
    page.get_by_role("button", name="Kirim laporan").click()

    expect(page).to_have_url(re.compile(r"/laporan/[0-9a-f]{32}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapat koordinasi program")
    expect(page.get_by_test_id("status")).to_have_text("Diajukan")
    expect(page.get_by_role("button", name=re.compile("foto-rapat.png"))).to_be_visible()  # its thumbnail

    page.get_by_test_id("nav-attendance").click()
    today = today_wib().isoformat()
    cell = page.locator(f'button[data-date="{today}"]')
    expect(cell.locator(".mark.check")).to_be_visible()
    cell.click()
    expect(page.get_by_test_id("day-reports")).to_contain_text("1 laporan")
    expect(page.get_by_test_id("day-reports")).to_contain_text("1 Diajukan")


def _staff_with_reports(http, factory, titles):
    """A supervisor and one employee with attendance today and a SUBMITTED report per title (one hour each)."""
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="dr. Andi Wijaya")
    nip = factory.employee(skpd, supervisor=boss, name="Agus Pratama")
    attend(nip, today_wib())
    token = http.login(nip)
    ids = []
    for n, title in enumerate(titles):
        body = report_body(today_wib(), start=f"{8 + n:02d}:00", end=f"{9 + n:02d}:00", title=title)
        status, created = http.call("POST", "/reports", body, token=token)
        assert status == 201, created
        ids.append(created["report_id"])
    return skpd, boss, nip, ids


def test_supervisor_approves_one_with_a_rating_and_three_at_once(browse, http, factory):
    titles = ["Pelayanan pasien umum", "Penyuluhan gizi", "Rekap kunjungan", "Rapat evaluasi"]
    _, boss, _, _ = _staff_with_reports(http, factory, titles)

    page = browse.page()
    browse.sign_in(page, boss, PASSWORD)
    expect(page.get_by_test_id("waiting-badge")).to_contain_text("4")
    page.get_by_test_id("nav-approvals").click()
    expect(page.get_by_test_id("queue-count")).to_have_text("4 laporan menunggu keputusan Anda")
    first = page.locator('[data-testid=decision-item][data-title="Pelayanan pasien umum"]')
    expect(first).to_contain_text("Agus Pratama")
    first.get_by_test_id("verdict-approve").click()
    dialog = page.get_by_role("dialog", name="Setujui laporan")
    dialog.get_by_role("radio", name="4 dari 5").check()
    dialog.get_by_label("Catatan").fill("Pelayanan rapi, pertahankan.")
    dialog.get_by_role("button", name="Setujui laporan").click()
    expect(first.get_by_test_id("item-outcome")).to_have_text("Disetujui")
    expect(page.get_by_test_id("queue-count")).to_have_text("3 laporan menunggu keputusan Anda")

    page.get_by_test_id("select-all").check()
    page.get_by_test_id("bulk-approve").click()
    page.get_by_test_id("decision-confirm").click()
    expect(page.get_by_test_id("bulk-summary")).to_have_text("3 laporan disetujui.")
    expect(page.get_by_test_id("item-outcome")).to_have_count(4)
    for outcome in page.get_by_test_id("item-outcome").all():
        expect(outcome).to_have_text("Disetujui")
    expect(page.get_by_test_id("queue-count")).to_have_text("Tidak ada laporan yang menunggu")
    expect(page.get_by_test_id("waiting-badge")).to_have_count(0)


def test_employee_sees_the_approval_and_downloads_the_months_pdf(browse, http, factory, runner):
    _, boss, nip, ids = _staff_with_reports(http, factory, ["Pelayanan pasien umum", "Penyuluhan gizi"])
    boss_token = http.login(boss)
    for report_id in ids:
        version = http.call("GET", f"/reports/{report_id}", token=boss_token)[1]["version"]
        body = {"verdict": "APPROVE", "rating": 5, "version": version}
        assert http.call("POST", f"/verifications/report/{report_id}", body, token=boss_token)[0] == 200

    page = browse.page()
    browse.sign_in(page, nip, PASSWORD)
    page.get_by_test_id("nav-reports").click()
    cards = page.get_by_test_id("report-card")
    expect(cards).to_have_count(2)
    expect(cards.first.get_by_test_id("status")).to_have_text("Disetujui")
    expect(cards.first).to_contain_text("Nilai 5 dari 5")
    page.get_by_label("Status").select_option(label="Disetujui")
    page.get_by_role("button", name="Terapkan").click()
    expect(page).to_have_url(re.compile(r"status=disetujui"))
    expect(cards).to_have_count(2)

    page.get_by_test_id("nav-account").click()
    page.get_by_role("link", name="Cetak & unduh").click()
    expect(page.get_by_label("Bulan dan tahun")).to_have_value(today_wib().strftime("%Y-%m"))
    page.get_by_role("button", name="Pratinjau").click()
    # a phone reads the preview as one card per report (a desktop as the table)
    expect(page.get_by_test_id("preview-card").filter(has_text="Pelayanan pasien umum")).to_have_count(1)
    page.get_by_test_id("export-pdf").click()
    link = page.get_by_test_id("download-link")
    for _ in range(60):
        runner.deliver_queue()  # the export worker, as the runner (or SQS on AWS) would call it
        if link.is_visible():
            break
        page.wait_for_timeout(500)
    with page.expect_download() as download:
        link.click()
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"%PDF"), content[:20]


def test_operator_creates_an_employee_whose_first_sign_in_forces_a_new_password(browse, http, factory, employee_stream):
    skpd = factory.skpd()
    operator = factory.employee(skpd, roles=("OPERATOR_SKPD",), name="Siti Rahmawati")
    nip, whatsapp = make_nip(), make_whatsapp()
    employee_stream.drain()

    page = browse.page(viewport=DESKTOP)
    browse.sign_in(page, operator, PASSWORD)
    sidenav = page.get_by_role("navigation", name="Navigasi utama", exact=True)
    sidenav.get_by_role("link", name="Pegawai", exact=True).click()
    page.get_by_role("link", name="Tambah pegawai").click()
    page.get_by_label("NIP", exact=True).fill(nip)
    page.get_by_label("Nama lengkap").fill("Maria Ulfa, S.Kep.")
    page.get_by_label("Jabatan").fill("Perawat Ahli Pertama")
    page.get_by_label("Nomor WhatsApp").fill(whatsapp)
    expect(page.get_by_label("Satker")).to_have_value(skpd[1])  # the SKPD's only satker, chosen when it loads
    page.get_by_role("button", name="Buat akun").click()
    expect(page.get_by_test_id("employee-created")).to_contain_text("Akun Maria Ulfa, S.Kep. dibuat")

    assert employee_stream.drain()["batchItemFailures"] == []
    temporary = employee_stream.temporary_password(whatsapp)
    newcomer = browse.page()
    browse.sign_in(newcomer, nip, temporary)
    expect(newcomer).to_have_url(re.compile(r"/ganti-sandi$"))
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Buat kata sandi baru")
    expect(newcomer.locator("#rules")).to_contain_text("8 sampai 128 karakter")
    expect(newcomer.locator("#rules")).to_contain_text("tidak memuat NIP atau nama Anda")
    newcomer.locator("#old_password").fill(temporary)
    newcomer.locator("#new_password").fill("Maria-Ulfa-2026")  # holds her name: refused by the API
    newcomer.locator("#confirm").fill("Maria-Ulfa-2026")
    newcomer.get_by_role("button", name="Simpan kata sandi baru").click()
    expect(newcomer.get_by_test_id("error-summary")).to_contain_text("tidak boleh memuat NIP atau nama Anda")
    newcomer.locator("#new_password").fill("pohon kelapa di tepi pantai")
    newcomer.locator("#confirm").fill("pohon kelapa di tepi pantai")
    newcomer.get_by_role("button", name="Simpan kata sandi baru").click()
    expect(newcomer).to_have_url(re.compile(r"/$"))
    expect(newcomer.get_by_role("heading", level=1)).to_contain_text("Maria")


def test_errors_are_explained_in_indonesian_and_nothing_typed_is_lost(browse, http, factory):
    _, _, nip, _ = _staff_with_reports(http, factory, ["Rapat pagi"])  # 08:00–09:00 today

    page = browse.page()
    browse.sign_in(page, nip, PASSWORD)
    page.goto(f"{browse.web}/laporan/baru")
    type_report(
        page,
        "08:30",
        "09:30",
        "Kunjungan rumah pasien",
        "Kunjungan rumah ke tiga pasien lansia di RW 04.",
        "Tiga catatan kunjungan",
    )
    page.get_by_role("button", name="Kirim laporan").click()
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_contain_text("bertabrakan dengan laporan lain pada 08.00–09.00 WIB")
    expect(page.locator(".field.has-error #start_time")).to_be_visible()
    expect(page.get_by_label("Judul")).to_have_value("Kunjungan rumah pasien")

    page.reload()  # a reload keeps what was typed
    expect(page.get_by_test_id("draft-restored")).to_be_visible()
    expect(page.get_by_label("Uraian kegiatan")).to_have_value("Kunjungan rumah ke tiga pasien lansia di RW 04.")

    page.get_by_test_id("evidence-input").set_input_files(
        {"name": "catatan.txt", "mimeType": "text/plain", "buffer": b"bukan gambar"}
    )
    expect(page.get_by_test_id("upload-verdict")).to_have_text(
        "Jenis berkas tidak didukung. Unggah foto (JPEG atau PNG) atau PDF."
    )
    page.get_by_role("button", name="Buang catatan.txt").click()
    page.get_by_test_id("evidence-input").set_input_files(
        {"name": "foto.png", "mimeType": "image/png", "buffer": b"ini bukan PNG sungguhan"}
    )
    page.get_by_label("Jam mulai").fill("10:00")
    page.get_by_label("Jam selesai").fill("11:00")
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.get_by_text("Laporan tersimpan")).to_be_visible()
    verdict = page.get_by_test_id("upload-verdict")
    expect(verdict).to_contain_text("Isi berkas bukan")
    expect(page.get_by_test_id("upload-item")).to_contain_text("Ditolak")

    stranger = browse.page()
    for attempt in range(6):
        browse.sign_in(stranger, nip, f"salah-{attempt}", succeeds=False)
        summary = stranger.get_by_test_id("error-summary")
        expect(summary).to_be_visible()
        if "dikunci" in summary.inner_text():
            break
        expect(summary).to_contain_text("NIP/e-mail atau kata sandi salah.")
    expect(summary).to_contain_text("Akun dikunci sementara; coba lagi dalam 15 menit.")
    expect(summary).to_contain_text(re.compile(r"sekitar pukul \d\d\.\d\d"))
    expect(stranger.get_by_label("NIP atau e-mail")).to_have_value(nip)


def test_a_report_written_offline_is_kept_and_sent_when_the_connection_returns(browse, http, factory):
    _, _, nip, _ = _staff_with_reports(http, factory, [])
    page = browse.page()
    browse.sign_in(page, nip, PASSWORD)
    page.goto(f"{browse.web}/laporan/baru")
    type_report(
        page,
        "13:00",
        "14:00",
        "Pendataan ibu hamil",
        "Mendata ibu hamil di wilayah kerja RW 02.",
        "Daftar 12 ibu hamil",
    )

    page.context.set_offline(True)
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.get_by_test_id("offline-notice")).to_contain_text("Laporan disimpan di perangkat ini")
    expect(page.get_by_text("Anda sedang offline")).to_be_visible()
    expect(page.get_by_label("Judul")).to_have_value("Pendataan ibu hamil")

    page.context.set_offline(False)
    # the failed request's console line is the offline the test made on purpose, not a fault of the page
    browse.errors[:] = [e for e in browse.errors if "ERR_INTERNET_DISCONNECTED" not in e]
    page.get_by_role("button", name="Kirim sekarang").click()
    expect(page).to_have_url(re.compile(r"/laporan/[0-9a-f]{32}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Pendataan ibu hamil")
    expect(page.get_by_role("button", name="Kirim sekarang")).to_have_count(0)
