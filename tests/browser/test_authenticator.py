"""The authenticator app in a real browser: an HR officer without one is sent to enrol it at the first sign-in and
can go nowhere else, scans (here: reads the secret off the page), confirms, keeps the recovery codes, and from then
on signs in with the password and the app's code."""

from __future__ import annotations

import time
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.test_accessibility import violations
from tests.support import AUTHENTICATORS, PASSWORD, Authenticator

SCREENSHOTS = Path("build/screenshots")
NARROW = {"width": 360, "height": 800}


def test_an_hr_officer_enrols_an_authenticator_and_signs_in_with_it(browse, factory):
    import pyotp

    hr = factory.employee(factory.skpd(), roles=("KEPEGAWAIAN",), name="Budi Santoso", authenticator=False)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = browse.page(viewport=NARROW)
    page.goto(f"{browse.web}/masuk")  # by hand: `browse.sign_in` would enrol as a matter of course
    page.get_by_label("NIP atau e-mail").fill(hr)
    page.locator("#password").fill(PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url("**/akun/autentikator")
    expect(page.get_by_role("heading", level=1)).to_have_text("Aplikasi autentikator")
    expect(page.get_by_role("img", name="Kode QR untuk aplikasi autentikator")).to_be_visible()
    page.goto(f"{browse.web}/pegawai")  # nowhere else until it is done
    page.wait_for_url("**/akun/autentikator")
    secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "")
    assert len(secret) == 32
    page.screenshot(path=str(SCREENSHOTS / "authenticator-enrol-360.png"), full_page=True)
    found = violations(page, "/akun/autentikator")

    now = time.time()
    if now % 30 > 25:  # the code must still be the current one when it arrives
        time.sleep(30 - now % 30 + 0.1)
        now = time.time()
    page.get_by_label("Kode dari aplikasi").fill(pyotp.TOTP(secret).at(now))
    page.get_by_role("button", name="Aktifkan").click()
    codes = page.get_by_test_id("recovery-codes").locator("li")
    expect(codes).to_have_count(10)
    page.screenshot(path=str(SCREENSHOTS / "authenticator-recovery-codes-360.png"), full_page=True)
    assert found + violations(page, "/akun/autentikator (kode pemulihan)") == []
    AUTHENTICATORS[hr] = Authenticator(secret, last_step=int(now // 30))
    page.get_by_role("button", name="Saya sudah menyimpannya").click()
    page.wait_for_url(lambda url: "/akun/autentikator" not in url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Budi")

    page.goto(f"{browse.web}/akun")
    expect(page.get_by_test_id("authenticator-state")).to_have_text("Aktif")
    page.wait_for_load_state("networkidle")  # the page has loaded what it shows before Keluar is tapped
    card = page.locator("section", has=page.get_by_role("heading", name="Aplikasi autentikator"))
    card.screenshot(path=str(SCREENSHOTS / "authenticator-account-360.png"))
    page.get_by_test_id("sign-out").click()
    page.wait_for_url("**/masuk")

    # the password alone is not enough now: the second step asks for the app's code (a fresh page: answers of the
    # signed-out page still on their way may not reset the form)
    page.goto(f"{browse.web}/masuk")
    page.get_by_label("NIP atau e-mail").fill(hr)
    page.locator("#password").fill(PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kode autentikator")
    field = page.get_by_label("Kode autentikator")
    assert field.get_attribute("inputmode") == "numeric" and field.get_attribute("autocomplete") == "one-time-code"
    expect(page.get_by_role("button", name="Pakai kode pemulihan")).to_be_visible()
    field.fill("000000" if pyotp.TOTP(secret).now() != "000000" else "111111")
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.locator("#totp-code-error")).to_contain_text("Kode autentikator atau kode pemulihan salah")
    page.screenshot(path=str(SCREENSHOTS / "authenticator-sign-in-360.png"), full_page=True)
    browse.second_step(page, hr)
    page.wait_for_url(lambda url: "/masuk" not in url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Budi")


def test_an_officer_whose_codes_are_used_up_signs_in_with_a_recovery_code(browse, http, factory):
    """When every step the API accepts now has been used (the current one and one either side), the officer signs in
    with a recovery code through "Pakai kode pemulihan", and that code dies."""
    from chalicelib.domain.authenticator import step_of

    hr = factory.employee(factory.skpd(), roles=("KEPEGAWAIAN",), name="Rina Kepegawaian")
    token = http.login(hr)
    app = AUTHENTICATORS[hr]
    spare = len(app.recovery_codes)
    app.last_step = step_of(time.time()) + 1  # as after three sign-ins in one breath: no step is left
    page = browse.page(viewport=NARROW)
    browse.sign_in(page, hr, PASSWORD)
    assert "/masuk" not in page.url and len(app.recovery_codes) == spare - 1
    status, body = http.call("GET", "/me", token=token)
    assert status == 200 and body["recovery_codes_left"] == spare - 1, body
