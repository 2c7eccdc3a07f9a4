"""The web client runs under the Content-Security-Policy CloudFront sends (`infra.template`), with the API's and
the data bucket's origins swapped for the local ones: a report with a photo posted straight to the bucket, and
the pages of an employee, an operator and the admin, without one violation."""

from __future__ import annotations

import json
import os
import re
import sys
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DIST, Browse, fail_on_page_errors
from tests.browser.helpers import png_bytes, template
from tests.support import PASSWORD, attend, today_wib

RECORD = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


def local_policy(api: str, bucket: str) -> str:
    from infra.template import CONTENT_SECURITY_POLICY

    policy = CONTENT_SECURITY_POLICY.replace("https://${RestAPI}.execute-api.${AWS::Region}.${AWS::URLSuffix}", api)
    policy = re.sub(r"https://\$\{AWS::StackName\}-\$\{AWS::AccountId\}-data\.s3\.[^\s;]+", bucket, policy)
    # locally everything is plain http on loopback: upgrading would break it (CloudFront serves https only)
    policy = policy.replace("; upgrade-insecure-requests", "")
    assert "${" not in policy and "manifest-src 'self'" in policy, policy
    return policy


@pytest.fixture(scope="module")
def guarded_web(browser: Any, stack: dict[str, str]) -> Iterator[Browse]:
    """The built client served with the policy header (as CloudFront adds it), and an API server that lets that
    origin in. Both on loopback: the browser only lets a loopback page call a loopback API."""
    from devtools.processes import ROOT, free_port, spawn, stop, wait_for_port
    from devtools.web_server import WebHandler

    web_port, api_port = free_port(), free_port()
    web, api = f"http://127.0.0.1:{web_port}", f"http://127.0.0.1:{api_port}"
    env = {**os.environ, "WEB_ORIGIN": web}
    process = spawn([sys.executable, "-m", "devtools.api_server", str(api_port)], Path(stack["LOGS"]) / "csp.log",
                    cwd=ROOT, env=env)  # fmt: skip
    policy = local_policy(api, stack["S3_ENDPOINT"])

    class WithPolicy(WebHandler):
        dist, config = DIST, json.dumps({"apiUrl": api}).encode()

        def end_headers(self) -> None:
            self.send_header("Content-Security-Policy", policy)
            super().end_headers()

    httpd = ThreadingHTTPServer(("127.0.0.1", web_port), WithPolicy)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, name="csp-web", daemon=True).start()
    session = Browse(browser, web)
    try:
        wait_for_port(api_port, process)
        yield session
    finally:
        session.close()
        httpd.shutdown()
        httpd.server_close()
        stop(process)


def guarded(browse: Browse) -> Any:
    """A page that records every violation of the policy."""
    page = browse.page()
    page.add_init_script(RECORD)
    return page


def violations(page: Any) -> list[str]:
    return page.evaluate("window.__violations")


def test_the_client_runs_under_its_content_security_policy(guarded_web, http, factory):
    browse = guarded_web
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="dr. Atasan Dua")
    nip = factory.employee(skpd, supervisor=boss, name="Sari Wulandari")
    template(http, http.login(nip))
    attend(nip, today_wib())

    page = guarded(browse)
    browse.sign_in(page, nip, PASSWORD)
    page.get_by_test_id("nav-reports").click()
    page.get_by_role("link", name="Buat laporan").first.click()
    page.get_by_label("Templat").select_option(label="Rapat koordinasi (1 jam 30 menit)")
    page.get_by_label("Jam mulai").fill("08:00")
    page.get_by_test_id("evidence-input").set_input_files(
        {"name": "foto.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page).to_have_url(re.compile(r"/laporan/[0-9a-f]{32}$"))
    photo = page.get_by_role("button", name=re.compile("foto.png"))  # posted to the bucket, shown as a thumbnail
    expect(photo).to_be_visible()
    thumb = photo.get_by_role("img")
    expect(thumb).to_have_js_property("complete", True)
    assert thumb.evaluate("img => img.naturalWidth") > 0  # the policy lets the bucket's image in
    for path in ("/", "/presensi", "/cuti", "/pengaduan", "/riwayat", "/arsip", "/akun"):
        page.goto(f"{browse.web}{path}")
        page.wait_for_load_state("networkidle")
        assert violations(page) == [], path

    operator = guarded(browse)
    browse.sign_in(operator, factory.employee(skpd, roles=("OPERATOR_SKPD",)), PASSWORD)
    admin = guarded(browse)
    browse.sign_in(admin, factory.employee(skpd, roles=("ADMIN",)), PASSWORD)
    for who, path in ((operator, "/pegawai"), (operator, "/pegawai/baru"), (admin, "/admin?bagian=libur")):
        who.goto(f"{browse.web}{path}")
        who.wait_for_load_state("networkidle")
        assert violations(who) == [], path
    fail_on_page_errors(browse)  # and no script error on any page under the policy
