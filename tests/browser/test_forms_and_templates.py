"""Issue 18 items 9, 11 and 13 in a real browser against the real local API (see conftest.py): a record's summary
in the inbox in sentence case with its PDF named once; the roster import page's template (CSV and XLSX) and the
SKPD's satker codes; leave checked on a "Periksa kembali" step before it is sent."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import upload
from tests.browser.test_hr_journeys import pdf_bytes
from tests.browser.test_leave_journey import _working_span
from tests.support import PASSWORD, today_wib

SCREENSHOTS = Path("build/screenshots")


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_a_records_summary_in_the_inbox_is_in_sentence_case_and_names_its_pdf_once(browse, http, factory):
    skpd = factory.skpd()
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Rina Kepegawaian")
    nip = factory.employee(skpd, name="Sari Wulandari")
    token = http.login(nip)
    data = pdf_bytes("Sertifikat")
    slip = upload(
        http,
        token,
        "/records/upload",
        {"filename": "sertifikat-pbj.pdf", "content_type": "application/pdf", "size": len(data)},
        data,
    )
    body = {
        "kind": "SERTIFIKASI",
        "certification": {
            "type": "SERTIFIKASI",
            "classification": "PENGADAAN",
            "name": "Uji Kompetensi PBJ",
            "number": "7/LKPP/2026",
            "certificate_date": (today_wib() - timedelta(days=20)).isoformat(),
            "valid_from": (today_wib() - timedelta(days=20)).isoformat(),
            "valid_until": (today_wib() + timedelta(days=1000)).isoformat(),
            "institution": "LKPP",
        },
        "upload_token": slip,
        "declaration": True,
    }
    status, created = http.call("POST", "/records", body, token=token)
    assert status == 201, created

    for viewport, size in ((PHONE, "phone"), (DESKTOP, "desktop")):
        page = browse.page(viewport=viewport)
        browse.sign_in(page, hr, PASSWORD)
        page.goto(f"{browse.web}/persetujuan?jenis=riwayat")
        item = page.get_by_test_id("decision-item").filter(has_text="Sari Wulandari")
        expect(item.get_by_role("heading")).to_have_text("Riwayat sertifikasi")
        if item.get_by_role("button", name="Lihat rincian").count():
            item.get_by_role("button", name="Lihat rincian").click()
        labels = [t.strip() for t in item.locator(".summary dt").all_inner_texts()]
        assert labels[:4] == ["Jenis sertifikasi", "Klasifikasi sertifikasi", "Nama sertifikasi", "Nomor sertifikat"]
        assert "Lembaga sertifikasi" in labels and "Dokumen" not in labels, labels
        for label in labels:  # sentence case: no capital after the first word but for abbreviations (SK, JP)
            assert all(w == w.lower() or w.isupper() or w.startswith("(") for w in label.split()[1:]), label
        expect(item.get_by_role("link", name=re.compile(r"Dokumen\W+sertifikat-pbj\.pdf"))).to_have_count(1)
        _shot(page, f"18-9-record-summary-{size}")


def test_the_import_page_offers_the_template_in_csv_and_xlsx_and_lists_the_satker_codes(browse, factory):
    skpd = factory.skpd()
    operator = factory.employee(skpd, roles=("OPERATOR_SKPD",), name="Siti Rahmawati")
    for viewport, size in ((PHONE, "phone"), (DESKTOP, "desktop")):
        page = browse.page(viewport=viewport)
        browse.sign_in(page, operator, PASSWORD)
        page.goto(f"{browse.web}/impor")
        expect(page.get_by_role("heading", level=1)).to_have_text("Impor pegawai")
        box = page.get_by_test_id("roster-template")
        expect(box.get_by_role("link", name="Templat CSV")).to_be_visible()
        expect(box.get_by_role("link", name="Templat XLSX")).to_be_visible()
        codes = box.get_by_test_id("satker-codes")
        expect(codes).to_contain_text(skpd[1])
        expect(codes).to_contain_text(f"Satker Uji {skpd[1].split('-', 1)[1]}")
        for link in (box.get_by_role("link", name="Templat CSV"), box.get_by_role("link", name="Templat XLSX")):
            height = link.bounding_box()["height"]
            assert height >= 44, height
        _shot(page, f"18-11-import-template-{size}")

    with page.expect_download() as caught:
        box.get_by_role("link", name="Templat CSV").click()
    download = caught.value
    assert download.suggested_filename == "templat-impor-pegawai.csv"
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert rows[0][:6] == ["nip", "nama", "jabatan", "kode_satker", "whatsapp", "zona_waktu"]
    assert {"nip_atasan", "email", "status_kepegawaian", "tmt"} <= set(rows[0])
    assert len(rows) == 2 and rows[1][rows[0].index("kode_satker")] == skpd[1]
    with page.expect_download() as caught:
        box.get_by_role("link", name="Templat XLSX").click()
    xlsx = caught.value
    assert xlsx.suggested_filename == "templat-impor-pegawai.xlsx"
    assert Path(xlsx.path()).read_bytes()[:4] == b"PK\x03\x04"


def test_leave_is_checked_on_a_summary_step_and_sent_only_after_kirim_pengajuan(browse, http, factory):
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="dr. Andi Wijaya")
    nip = factory.employee(skpd, supervisor=boss, name="Dewi Lestari")
    start, end = _working_span(2, after=9)
    token = http.login(nip)
    status, balance = http.call("GET", f"/leave/balance?year={start.year}", token=token)
    assert status == 200, balance
    available = balance["annual"]["available"]

    page = browse.page()
    browse.sign_in(page, nip, PASSWORD)
    page.goto(f"{browse.web}/cuti/ajukan")
    page.get_by_label("Jenis cuti").select_option(label="Cuti Tahunan")
    page.get_by_label("Alasan cuti").fill("Menghadiri pernikahan adik kandung")
    page.get_by_label("Tanggal mulai").fill(start.isoformat())
    page.get_by_label("Tanggal selesai").fill(end.isoformat())
    expect(page.get_by_test_id("leave-days")).to_contain_text("2 hari kerja")
    page.get_by_label("Alamat selama menjalankan cuti").fill("Jl. Gatot Subroto No. 12, Kota Medan")
    page.get_by_label("Telepon selama cuti").fill("0812-3456-7890")
    page.get_by_role("button", name="Lanjutkan").click()

    review = page.get_by_test_id("leave-review")
    expect(review.get_by_role("heading", name="Periksa kembali pengajuan Anda")).to_be_focused()
    expect(review.get_by_test_id("review-type")).to_have_text("Cuti Tahunan")
    expect(review.get_by_test_id("review-working-days")).to_have_text("2 hari kerja")
    expect(review.get_by_test_id("review-balance")).to_contain_text(f"{available - 2} hari kerja")
    expect(review.get_by_test_id("review-address")).to_have_text("Jl. Gatot Subroto No. 12, Kota Medan")
    month = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober")
    month += ("November", "Desember")
    expect(review.get_by_test_id("review-dates")).to_contain_text(f"{start.day} {month[start.month - 1]} {start.year}")
    _shot(page, "18-13-leave-review-phone")
    assert http.call("GET", "/leave", token=token)[1]["items"] == []  # nothing is sent before "Kirim pengajuan"

    # "Ubah" goes back to the field, keeps every answer, and the change shows on the summary
    review.get_by_role("link", name="Ubah alamat selama cuti").click()
    expect(page.get_by_label("Alamat selama menjalankan cuti")).to_be_focused()
    expect(page.get_by_label("Alasan cuti")).to_have_value("Menghadiri pernikahan adik kandung")
    page.get_by_label("Alamat selama menjalankan cuti").fill("Jl. Sisingamangaraja No. 5, Kota Medan")
    page.get_by_role("button", name="Lanjutkan").click()
    expect(review.get_by_test_id("review-address")).to_have_text("Jl. Sisingamangaraja No. 5, Kota Medan")
    assert http.call("GET", "/leave", token=token)[1]["items"] == []

    review.get_by_role("button", name="Kirim pengajuan").click()
    expect(page).to_have_url(re.compile(r"/cuti$"))
    items = http.call("GET", "/leave", token=token)[1]["items"]
    assert len(items) == 1 and items[0]["address"] == "Jl. Sisingamangaraja No. 5, Kota Medan"
    assert items[0]["working_days"] == 2

    desk = browse.page(viewport=DESKTOP)
    browse.sign_in(desk, nip, PASSWORD)
    desk.goto(f"{browse.web}/cuti/ajukan")
    desk.get_by_label("Jenis cuti").select_option(label="Cuti Karena Alasan Penting")
    desk.get_by_label("Alasan cuti").fill("Orang tua sakit")
    later, last = _working_span(1, after=30)
    desk.get_by_label("Tanggal mulai").fill(later.isoformat())
    desk.get_by_label("Tanggal selesai").fill(last.isoformat())
    desk.get_by_label("Alamat selama menjalankan cuti").fill("Jl. Merdeka 1, Kota Medan")
    desk.get_by_label("Telepon selama cuti").fill("081234567890")
    desk.get_by_role("button", name="Lanjutkan").click()
    expect(desk.get_by_test_id("review-working-days")).to_have_text("1 hari kerja")
    expect(desk.get_by_test_id("review-balance")).to_have_count(0)  # only annual leave has a balance to show
    _shot(desk, "18-13-leave-review-desktop")
