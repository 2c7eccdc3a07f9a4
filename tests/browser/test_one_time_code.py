"""Masuk dengan kode and "Lupa password?" in a real browser, with the code read from what WhatsApp was given.

The employees stream handler runs in the test (as in the temporary-password journey) and hands the WhatsApp text
to `EmployeeStream`; the outbox keeps the code masked.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.test_accessibility import violations
from tests.support import PASSWORD

SCREENSHOTS = Path("build/screenshots")
NEW_PASSWORD = "pohon kelapa di tepi pantai"


def _whatsapp(nip: str) -> str:
    from chalicelib.store.employees import DynamoEmployeeRepository

    return DynamoEmployeeRepository().get(nip).whatsapp


def _code(employee_stream, whatsapp: str) -> str:
    assert employee_stream.drain()["batchItemFailures"] == []
    return employee_stream.one_time_code(whatsapp)


def test_an_employee_signs_in_with_a_code_from_whatsapp(browse, factory, employee_stream):
    employee_stream.drain()
    nip = factory.employee(factory.skpd(), name="Dewi Lestari")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    page = browse.page()
    page.goto(f"{browse.web}/masuk")
    expect(page.get_by_role("link", name="Lupa password?")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "sign-in-other-ways-phone.png"), full_page=True)
    page.get_by_role("link", name="Masuk dengan kode").click()
    found = violations(page, "/masuk/kode")
    expect(page.get_by_role("heading", level=1)).to_have_text("Masuk dengan kode")
    page.get_by_label("NIP atau e-mail").fill(nip)
    page.get_by_role("button", name="Kirim kode").click()
    expect(page.get_by_test_id("code-sent")).to_contain_text("Jika akun terdaftar, kode dikirim")
    code = _code(employee_stream, _whatsapp(nip))

    page.get_by_label("Kode").fill("12345")
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.get_by_test_id("error-summary")).to_contain_text("Kode terdiri dari 6 angka.")
    page.screenshot(path=str(SCREENSHOTS / "sign-in-code-phone.png"), full_page=True)
    assert found + violations(page, "/masuk/kode (kode)") == []
    page.get_by_label("Kode").fill(f"{code[:3]} {code[3:]}")  # as copied from WhatsApp
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url(lambda url: "/masuk" not in url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dewi")


def test_a_forgotten_password_is_reset_by_code_and_the_old_session_ends(browse, http, factory, employee_stream):
    employee_stream.drain()
    nip = factory.employee(factory.skpd(), name="Budi Santoso")
    old_session = browse.page()
    browse.sign_in(old_session, nip, PASSWORD)
    expect(old_session.get_by_role("heading", level=1)).to_contain_text("Budi")

    page = browse.page()
    page.goto(f"{browse.web}/masuk")
    page.get_by_role("link", name="Lupa password?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lupa kata sandi")
    page.get_by_label("NIP atau e-mail").fill(nip)
    page.get_by_role("button", name="Kirim kode").click()
    expect(page.get_by_test_id("code-sent")).to_be_visible()
    code = _code(employee_stream, _whatsapp(nip))
    page.get_by_label("Kode").fill(code)
    page.locator("#new_password").fill(NEW_PASSWORD)
    page.locator("#confirm").fill(NEW_PASSWORD)
    page.screenshot(path=str(SCREENSHOTS / "forgot-password-phone.png"), full_page=True)
    assert violations(page, "/lupa-sandi") == []
    page.get_by_role("button", name="Simpan kata sandi baru").click()
    expect(page).to_have_url(re.compile(r"/masuk$"))

    browse.sign_in(page, nip, PASSWORD, succeeds=False)
    expect(page.get_by_test_id("error-summary")).to_contain_text("salah")
    browse.sign_in(page, nip, NEW_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Budi")

    old_session.reload()  # the session from before the reset has ended
    expect(old_session).to_have_url(re.compile(r"/masuk"))
