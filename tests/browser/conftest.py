"""Browser tests: the built web client (`web/dist`, built by `make test` before pytest) in Debian's
Chromium, driven by Playwright, against the real local API server (`server`) and its DynamoDB
Local / moto stack (`stack`). Nothing is built here.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from devtools.processes import ROOT
from tests.support import AUTHENTICATORS, Authenticator, authenticator_code, has_authenticator

DIST = ROOT / "web" / "dist"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
#: the satker of the Factory has no office radius; any location is accepted
JAKARTA = {"latitude": -6.1754, "longitude": 106.8272}
ARTIFACTS = ROOT / "build" / "browser"
#: Chromium's console line for a response with a client-error status: an answer the app asked for and handles
EXPECTED_CONSOLE_ERROR = re.compile(r"Failed to load resource: the server responded with a status of 4\d\d\b")


@pytest.fixture(scope="session")
def web(server: str, web_port: int) -> Iterator[str]:
    """The built client served on the port whose origin the API allows, pointed at the test API."""
    if not (DIST / "index.html").is_file():
        pytest.fail("web/dist is missing: `make test` builds the client before pytest (or run `make web`)")
    from devtools.web_server import serve_in_thread

    httpd = serve_in_thread(web_port, server, DIST)
    try:
        yield f"http://127.0.0.1:{web_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    with sync_playwright() as playwright:
        # Indonesian like the users' phones: date and time fields show 25/11/2026 and 14.30
        args = ["--no-sandbox", "--disable-dev-shm-usage", "--lang=id"]
        env = {**os.environ, "LANG": "id_ID.UTF-8", "LANGUAGE": "id"}
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=args, env=env)
        try:
            yield chromium
        finally:
            chromium.close()


class Browse:
    """Opens pages in fresh browser contexts (one per person), with location permission, in Indonesian."""

    def __init__(self, browser: Any, web: str) -> None:
        self.browser = browser
        self.web = web
        self.contexts: list[Any] = []
        self.errors: list[str] = []  # uncaught exceptions and unexpected console errors of every page

    def page(self, viewport: dict[str, int] = PHONE, geolocation: dict[str, float] | None = JAKARTA) -> Any:
        context = self.browser.new_context(
            viewport=viewport,
            locale="id-ID",
            timezone_id="Asia/Jakarta",
            geolocation=geolocation,
            permissions=["geolocation"] if geolocation else [],
            accept_downloads=True,
            service_workers="block",
        )
        context.set_default_timeout(15_000)
        self.contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: self.errors.append(f"uncaught exception on {page.url}: {error}"))
        page.on("console", lambda message: self._console(page, message))
        page.on("requestfailed", lambda r: print(f"request failed: {r.method} {r.url} {r.failure}"))
        return page

    def _console(self, page: Any, message: Any) -> None:
        """A console error fails the test unless it is Chromium's own line for an API answer of 4xx: the journeys
        drive refusals on purpose (a wrong password's 401, a 409 of a stale version, a 403, a 422), and the client
        shows those to the person; what it cannot explain (a 5xx, a network error, a script error) is a bug."""
        if message.type != "error":
            return
        if EXPECTED_CONSOLE_ERROR.match(message.text):
            print(f"console (expected): {message.text}")
            return
        self.errors.append(f"console error on {page.url}: {message.text}")

    def sign_in(self, page: Any, username: str, password: str, succeeds: bool = True) -> None:
        """Sign in as a person does; an officer with an authenticator then types their app's code."""
        page.goto(f"{self.web}/masuk")
        page.get_by_label("NIP atau e-mail").fill(username)
        page.locator("#password").fill(password)
        page.get_by_role("button", name="Masuk", exact=True).click()
        if succeeds:
            if has_authenticator(username):
                self.second_step(page, username)
            page.wait_for_url(lambda url: "/masuk" not in url)
            if "/akun/autentikator" in page.url:
                self.enrol(page, username)

    @staticmethod
    def enrol(page: Any, username: str) -> None:
        """What an officer without an authenticator does at the first sign-in: scan (read the secret off the page),
        confirm with the app's code, keep the recovery codes."""
        secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "")
        AUTHENTICATORS[username] = Authenticator(secret)
        page.get_by_label("Kode dari aplikasi").fill(authenticator_code(username))
        page.get_by_role("button", name="Aktifkan").click()
        codes = page.get_by_test_id("recovery-codes").locator("li")
        codes.first.wait_for()
        AUTHENTICATORS[username].recovery_codes = codes.all_inner_texts()
        page.get_by_role("button", name="Saya sudah menyimpannya").click()
        page.wait_for_url(lambda url: "/akun/autentikator" not in url)

    @staticmethod
    def second_step(page: Any, username: str) -> None:
        """Type the code the officer's authenticator app shows now (`tests.support.authenticator_code`), or, when
        every acceptable step is used up, one of their recovery codes where a person types it."""
        field = page.get_by_label("Kode autentikator")
        field.wait_for()
        code = authenticator_code(username)
        if not code.isdigit():
            page.get_by_test_id("toggle-recovery").click()
            field = page.get_by_label("Kode pemulihan")
        field.fill(code)
        page.get_by_role("button", name="Verifikasi").click()

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def browse(browser: Any, web: str, request: pytest.FixtureRequest) -> Iterator[Browse]:
    """Pages for the test; a JavaScript error on any of them fails the test (at teardown, once the journey ran)."""
    session = Browse(browser, web)
    try:
        yield session
    finally:
        failed = getattr(request.node, "rep_call", None)
        if failed is not None and failed.failed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            for n, context in enumerate(session.contexts):
                for m, page in enumerate(context.pages):
                    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{n}-{m}.png"), full_page=True)
        session.close()
    fail_on_page_errors(session)


def fail_on_page_errors(session: Browse) -> None:
    """Fail the test when a page threw or logged an unexpected console error (printing alone went unread)."""
    if session.errors:
        pytest.fail("JavaScript errors on the page:\n" + "\n".join(session.errors), pytrace=False)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Any:
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
