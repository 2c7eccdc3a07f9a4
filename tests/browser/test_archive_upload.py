"""The archive page's documents go through the one upload control (issue 18, item 5) in a real browser against the
real local API: each category shows a 44 px button with its own allowed type and size beside it (from the
category), a PDF travels with visible progress and is accepted (then waits for Kepegawaian), and a file called .pdf
whose bytes are not a PDF is refused with the server's own words on that file."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.test_hr_journeys import pdf_bytes
from tests.browser.test_uploads import FAKE_PDF, _one_styled_control, _slow_uploads, _state, _unthrottle
from tests.support import PASSWORD

SCREENSHOTS = "build/screenshots"


def test_an_archive_document_uploads_through_the_one_control_with_progress_and_the_servers_verdict(browse, factory):
    skpd = factory.skpd()
    nip = factory.employee(skpd, name="Dian Permata")

    page = browse.page()
    browse.sign_in(page, nip, PASSWORD)
    page.goto(f"{browse.web}/arsip")
    expect(page.get_by_role("heading", level=1)).to_have_text("Arsip dokumen")
    d2np = page.locator("[data-testid=archive-category][data-code=D2NP]")
    expect(d2np.get_by_test_id("archive-state")).to_have_text("Belum diunggah")
    # the type and size come from each category: a PDF-only one and one that also takes photos
    control = _one_styled_control(page, "archive-input-D2NP", "Berkas PDF, paling besar 1 MB.")
    _one_styled_control(page, "archive-input-KTP", "Berkas PDF, JPEG atau PNG, paling besar 512 KB.")
    expect(control.get_by_test_id("file-upload-button")).to_have_text("Unggah D2NP")
    page.screenshot(path=f"{SCREENSHOTS}/upload-archive-empty-phone.png", full_page=True)

    # only the server, reading the bytes at confirm, can refuse a PNG named .pdf: its words stand on the file
    page.get_by_test_id("archive-input-D2NP").set_input_files(
        {"name": "d2np-palsu.pdf", "mimeType": "application/pdf", "buffer": FAKE_PDF}
    )
    expect(_state(control)).to_have_text("Ditolak")
    expect(control.get_by_test_id("archive-chosen-D2NP")).to_contain_text("d2np-palsu.pdf")
    refusal = "Isi berkas bukan PDF yang sah (diperiksa dari isinya)."
    expect(control.get_by_test_id("upload-verdict")).to_have_text(refusal)
    expect(d2np.get_by_test_id("archive-state")).to_have_text("Belum diunggah")
    page.screenshot(path=f"{SCREENSHOTS}/upload-archive-refused-phone.png", full_page=True)

    # a real PDF: progress while it travels, then accepted and waiting for Kepegawaian
    cdp = _slow_uploads(page, 60 * 1024)
    page.get_by_test_id("archive-input-D2NP").set_input_files(
        {"name": "d2np.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("D2NP") + b"%" * (200 * 1024)}
    )
    expect(_state(control)).to_have_text("Mengunggah…")
    expect(control.get_by_role("progressbar", name="Unggahan d2np.pdf")).to_be_visible()
    page.screenshot(path=f"{SCREENSHOTS}/upload-archive-progress-phone.png", full_page=True)
    expect(_state(control)).to_have_text("Diterima", timeout=30_000)
    _unthrottle(cdp)
    expect(control.get_by_test_id("upload-verdict")).to_have_text(
        "Dokumen diterima dan menunggu verifikasi Kepegawaian."
    )
    expect(d2np.get_by_test_id("archive-state")).to_have_text("Menunggu verifikasi")
    expect(d2np.get_by_role("link", name="d2np.pdf")).to_be_visible()
    expect(control.get_by_test_id("file-upload-button")).to_have_text("Ganti D2NP")
    page.screenshot(path=f"{SCREENSHOTS}/upload-archive-accepted-phone.png", full_page=True)
