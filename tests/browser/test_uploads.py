"""The one upload control (issue 18, item 5) and evidence thumbnails (item 10) in a real browser against the real
local API: the complaint letter, the career-record PDF, the roster import and the doctor's certificate each show a
44 px button with the allowed type and size beside it, the upload's progress and the server's verdict (a refused
file with the server's own words, then an accepted one); a supervisor sees an evidence photo as a thumbnail that
opens it and a PDF as a document icon — also under the Content-Security-Policy CloudFront sends."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, fail_on_page_errors
from tests.browser.helpers import png_bytes, upload
from tests.browser.test_content_security_policy import guarded, guarded_web, violations  # noqa: F401 (fixture)
from tests.browser.test_hr_journeys import pdf_bytes
from tests.browser.test_leave_journey import _working_span
from tests.support import PASSWORD, attend, make_nip, make_whatsapp, report_body, today_wib

SCREENSHOTS = "build/screenshots"
#: a file called .pdf whose bytes are a PNG: only the server, reading the bytes, can refuse it
FAKE_PDF = png_bytes() + b"0" * 200


def _control(page: Any, testid: str) -> Any:
    """The upload control around the (hidden) file input ``testid``."""
    return page.locator(".file-upload").filter(has=page.get_by_test_id(testid))


def _one_styled_control(page: Any, testid: str, rule: str) -> Any:
    """The picker is the one control: a button of at least 44 px, the allowed type and size written beside it,
    and no bare browser file input on the page."""
    control = _control(page, testid)
    button = control.get_by_test_id("file-upload-button")
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44, box
    expect(control.get_by_test_id("file-upload-rule")).to_have_text(rule)
    bare = page.evaluate(
        "[...document.querySelectorAll('input[type=file]')].filter(i => !i.closest('.file-upload, .uploader')).length"
    )
    assert bare == 0
    return control


def _state(control: Any) -> Any:
    return control.get_by_test_id("upload-state")


def _slow_uploads(page: Any, bytes_per_second: int) -> Any:
    """Throttle the connection so the progress of a presigned POST can be seen."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": bytes_per_second},
    )
    return cdp


def _unthrottle(cdp: Any) -> None:
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )


def test_the_complaint_letter_uploads_with_progress_and_the_servers_verdict(browse, factory):
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="dr. Atasan Dua")
    nip = factory.employee(skpd, supervisor=boss, name="Budi Santoso")

    page = browse.page()
    browse.sign_in(page, nip, PASSWORD)
    page.goto(f"{browse.web}/pengaduan")
    control = _one_styled_control(page, "letter-input", "Berkas PDF, paling besar 300 KB.")
    page.get_by_role("radio", name="Tugas luar").check()
    page.get_by_role("radio", name="Masuk").check()
    page.get_by_label("Alasan").fill("Tugas luar ke Puskesmas Cempaka sejak pagi, tidak sempat presensi.")
    page.screenshot(path=f"{SCREENSHOTS}/upload-complaint-empty-phone.png", full_page=True)

    # the server reads the bytes and refuses a PNG named .pdf, in its own words
    page.get_by_test_id("letter-input").set_input_files(
        {"name": "palsu.pdf", "mimeType": "application/pdf", "buffer": FAKE_PDF}
    )
    expect(_state(control)).to_have_text("Siap dikirim")
    page.get_by_role("button", name="Kirim pengaduan").click()
    expect(_state(control)).to_have_text("Ditolak")
    expect(control.get_by_test_id("upload-verdict")).to_contain_text("Isi berkas bukan PDF yang sah")

    # a real letter: progress while it travels, then accepted with the complaint's reference
    page.get_by_test_id("letter-input").set_input_files(
        {"name": "surat-tugas.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes() + b"%" * (200 * 1024)}
    )
    expect(control.get_by_test_id("letter-chosen")).to_contain_text("surat-tugas.pdf")
    cdp = _slow_uploads(page, 60 * 1024)
    page.get_by_role("button", name="Kirim pengaduan").click()
    expect(_state(control)).to_have_text("Mengunggah…")
    expect(control.get_by_role("progressbar", name="Unggahan surat-tugas.pdf")).to_be_visible()
    page.screenshot(path=f"{SCREENSHOTS}/upload-complaint-progress-phone.png", full_page=True)
    expect(_state(control)).to_have_text("Diterima", timeout=30_000)
    _unthrottle(cdp)
    reference = page.get_by_test_id("complaint-reference").inner_text()
    assert re.fullmatch(r"ADU/\d{4}/\d{6}", reference), reference
    expect(control.get_by_test_id("upload-verdict")).to_have_text(
        f"Surat tugas diterima bersama pengaduan {reference}."
    )
    page.screenshot(path=f"{SCREENSHOTS}/upload-complaint-accepted-phone.png", full_page=True)


def test_the_career_record_pdf_uses_the_one_control_and_shows_the_servers_verdict(browse, factory):
    skpd = factory.skpd()
    nip = factory.employee(skpd, name="Sari Wulandari")
    sk_date = (today_wib() - timedelta(days=30)).isoformat()

    page = browse.page()
    browse.sign_in(page, nip, PASSWORD)
    page.goto(f"{browse.web}/riwayat")
    page.get_by_test_id("record-new").click()
    page.get_by_role("radio", name="Riwayat Penghargaan").check()
    page.get_by_label("Tingkat").select_option(label="Kabupaten / Kota")
    page.get_by_label("Jenis penghargaan").select_option(label="ASN Teladan")
    page.get_by_label("Nama penghargaan").fill("ASN Teladan Kabupaten")
    page.get_by_label("Tahun").fill(str(today_wib().year))
    page.get_by_label("Nomor SK").fill("800/123/BKD/2026")
    page.get_by_label("Tanggal SK").fill(sk_date)
    page.get_by_role("button", name="Lanjut", exact=True).click()
    control = _one_styled_control(page, "record-file", "Berkas PDF, paling besar 1 MB.")

    page.get_by_test_id("record-file").set_input_files(
        {"name": "sk.pdf", "mimeType": "application/pdf", "buffer": FAKE_PDF}
    )
    page.get_by_role("button", name="Lanjut ke ringkasan").click()
    expect(_state(control)).to_have_text("Ditolak")
    expect(page.locator(".field.has-error")).to_contain_text("Isi berkas bukan PDF yang sah")
    page.screenshot(path=f"{SCREENSHOTS}/upload-record-refused-phone.png", full_page=True)

    page.get_by_test_id("record-file").set_input_files(
        {"name": "sk-penghargaan.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("SK penghargaan")}
    )
    expect(_state(control)).to_have_text("Siap dikirim")
    page.get_by_role("button", name="Lanjut ke ringkasan").click()
    expect(page.get_by_test_id("record-summary")).to_contain_text("sk-penghargaan.pdf")
    page.get_by_role("button", name="Kembali").click()
    expect(_state(control)).to_have_text("Diterima")
    expect(control.get_by_test_id("upload-verdict")).to_have_text("Isi dokumen sudah diperiksa dan diterima.")


def test_the_roster_import_uses_the_one_control_and_shows_the_servers_verdict(browse, factory, runner):
    skpd = factory.skpd()
    operator = factory.employee(skpd, roles=("OPERATOR_SKPD",), name="Operator Dinas")
    rows = [
        "nip,nama,jabatan,kode_satker,whatsapp,zona_waktu",
        f"{make_nip()},Rudi Hartono,Pengelola Data,{skpd[1]},{make_whatsapp()},WIB",
    ]

    page = browse.page(viewport=DESKTOP)
    browse.sign_in(page, operator, PASSWORD)
    page.goto(f"{browse.web}/impor")
    control = _one_styled_control(page, "roster-input", "CSV (UTF-8) atau XLSX, paling besar 2 MB.")
    page.get_by_test_id("roster-input").set_input_files(
        {"name": "pegawai.txt", "mimeType": "text/plain", "buffer": b"x"}
    )
    expect(_state(control)).to_have_text("Ditolak")
    expect(page.locator(".field.has-error")).to_contain_text("Pilih berkas CSV atau XLSX.")

    page.get_by_test_id("roster-input").set_input_files(
        {"name": "pegawai.csv", "mimeType": "text/csv", "buffer": "\n".join(rows).encode()}
    )
    expect(_state(control)).to_have_text("Siap dikirim")
    page.get_by_role("button", name="Impor").click()
    expect(_state(control)).to_have_text("Memeriksa isi berkas…")  # sent; the server reads its rows
    runner.tick()  # the import handler runs, as the S3 event would start it
    expect(_state(control)).to_have_text("Diterima")
    expect(control.get_by_test_id("upload-verdict")).to_have_text("Berkas diterima: 1 baris diproses.")
    page.screenshot(path=f"{SCREENSHOTS}/upload-roster-accepted-desktop.png", full_page=True)


def _send_leave(page: Any) -> None:
    """Send the leave form through its "check your answers" step."""
    page.get_by_role("button", name="Lanjutkan").click()
    page.get_by_test_id("leave-review").get_by_role("button", name="Kirim pengajuan").click()


def test_the_doctors_certificate_uses_the_one_control_and_shows_the_servers_verdict(browse, factory):
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="dr. Andi Wijaya")
    nip = factory.employee(skpd, supervisor=boss, name="Maria Ulfa")
    start, end = _working_span(2, after=5)

    page = browse.page()
    browse.sign_in(page, nip, PASSWORD)
    page.goto(f"{browse.web}/cuti/ajukan")
    page.get_by_label("Jenis cuti").select_option(label="Cuti Sakit")
    control = _one_styled_control(page, "certificate-input", "Berkas PDF, paling besar 1 MB.")
    page.get_by_label("Alasan cuti").fill("Demam berdarah, rawat inap")
    page.get_by_label("Tanggal mulai").fill(start.isoformat())
    page.get_by_label("Tanggal selesai").fill(end.isoformat())
    page.get_by_label("Alamat selama menjalankan cuti").fill("RSUD Kota Medan, ruang Melati")
    page.get_by_label("Telepon selama cuti").fill("081234567890")
    page.get_by_test_id("certificate-input").set_input_files(
        {"name": "surat-dokter.pdf", "mimeType": "application/pdf", "buffer": FAKE_PDF}
    )
    expect(_state(control)).to_have_text("Siap dikirim")
    _send_leave(page)
    expect(_state(control)).to_have_text("Ditolak")
    expect(control).to_contain_text("Isi berkas bukan PDF yang sah")
    page.screenshot(path=f"{SCREENSHOTS}/upload-certificate-refused-phone.png", full_page=True)

    page.get_by_test_id("certificate-input").set_input_files(
        {"name": "surat-dokter.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n" + b"0" * 600}
    )
    expect(_state(control)).to_have_text("Siap dikirim")
    _send_leave(page)
    expect(page).to_have_url(re.compile(r"/cuti$"))


def _report_with_photo_and_pdf(http: Any, factory: Any) -> tuple[str, str]:
    """An employee's report with a photo and a PDF as evidence; answers (supervisor, employee)."""
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="dr. Andi Wijaya")
    nip = factory.employee(skpd, supervisor=boss, name="Agus Pratama")
    attend(nip, today_wib())
    token = http.login(nip)
    status, report = http.call(
        "POST", "/reports", report_body(today_wib(), title="Penyuluhan gizi balita"), token=token
    )
    assert status == 201, report
    path = f"/reports/{report['report_id']}/evidence"
    for name, kind, data in (
        ("kegiatan.png", "image/png", png_bytes(64, 48)),
        ("daftar-hadir.pdf", "application/pdf", pdf_bytes()),
    ):
        slip = upload(http, token, path, {"filename": name, "content_type": kind, "size": len(data)}, data)
        status, answer = http.call("POST", f"{path}/confirm", {"upload_token": slip}, token=token)
        assert status == 200, answer
    return boss, nip


def _sees_thumbnail_and_icon(page: Any, item: Any) -> None:
    photo = item.locator("[data-testid=file-thumb][data-file=photo]")
    expect(photo).to_contain_text("kegiatan.png")
    image = photo.get_by_role("img", name="Foto kegiatan.png")
    expect(image).to_have_attribute("loading", "lazy")
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth === 64", arg=image.element_handle())
    box = photo.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44, box
    document = item.locator("[data-testid=file-thumb][data-file=document]")
    expect(document).to_contain_text("daftar-hadir.pdf")
    expect(document.locator("img")).to_have_count(0)


def test_a_supervisor_sees_an_evidence_photo_as_a_thumbnail_that_opens_it_and_a_pdf_as_an_icon(
    browse, http, factory, stack
):
    boss, nip = _report_with_photo_and_pdf(http, factory)
    for viewport, name in ((PHONE, "phone"), (DESKTOP, "desktop")):
        page = browse.page(viewport=viewport)
        browse.sign_in(page, boss, PASSWORD)
        page.goto(f"{browse.web}/persetujuan?jenis=laporan")
        item = page.get_by_test_id("decision-item").filter(has_text="Penyuluhan gizi balita")
        _sees_thumbnail_and_icon(page, item)
        page.screenshot(path=f"{SCREENSHOTS}/inbox-evidence-thumbnails-{name}.png", full_page=True)
    # the thumbnail opens the photo large in the app; the link stays a download (an attachment under its name)
    item.locator("[data-testid=file-thumb][data-file=photo]").click()
    viewer = page.get_by_role("dialog", name="kegiatan.png")
    expect(viewer.get_by_test_id("photo-view")).to_be_visible()
    assert viewer.get_by_test_id("photo-view").evaluate("img => img.naturalWidth") > 0  # the photo itself loaded
    page.screenshot(path=f"{SCREENSHOTS}/inbox-evidence-photo-open-desktop.png")
    with page.expect_download() as download:
        viewer.get_by_test_id("photo-download").click()
    assert download.value.suggested_filename == "kegiatan.png"
    assert download.value.url.startswith(stack["S3_ENDPOINT"]), download.value.url

    # the employee's own report detail shows the same
    mine = browse.page()
    browse.sign_in(mine, nip, PASSWORD)
    mine.get_by_test_id("nav-reports").click()
    mine.get_by_text("Penyuluhan gizi balita").first.click()
    expect(mine).to_have_url(re.compile(r"/laporan/[0-9a-f]{32}$"))
    _sees_thumbnail_and_icon(mine, mine.locator(".evidence-list"))
    mine.screenshot(path=f"{SCREENSHOTS}/report-evidence-thumbnails-phone.png", full_page=True)


def test_evidence_thumbnails_load_under_the_content_security_policy(guarded_web, http, factory):  # noqa: F811
    browse = guarded_web
    boss, _ = _report_with_photo_and_pdf(http, factory)
    page = guarded(browse)
    browse.sign_in(page, boss, PASSWORD)
    page.goto(f"{browse.web}/persetujuan?jenis=laporan")
    item = page.get_by_test_id("decision-item").filter(has_text="Penyuluhan gizi balita")
    _sees_thumbnail_and_icon(page, item)
    assert violations(page) == []
    fail_on_page_errors(browse)
