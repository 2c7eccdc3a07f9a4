"""Installable and usable on a lost connection: the manifest, and a service worker that keeps the app shell."""

from __future__ import annotations

import requests
from playwright.sync_api import expect

from tests.browser.conftest import PHONE


def test_manifest_and_service_worker_open_the_app_offline(browser, web):
    manifest = requests.get(f"{web}/manifest.webmanifest", timeout=10)
    assert manifest.headers["Content-Type"].startswith("application/manifest+json")
    body = manifest.json()
    assert body["lang"] == "id" and body["display"] == "standalone"
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in body["icons"]}

    context = browser.new_context(viewport=PHONE, locale="id-ID")
    try:
        page = context.new_page()
        page.goto(f"{web}/masuk")
        assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.reload()  # now controlled by the worker, which has cached the shell
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        context.set_offline(True)
        page.goto(f"{web}/laporan")  # a client route, offline: the cached shell answers, then asks to sign in
        expect(page.get_by_role("heading", name="Masuk")).to_be_visible()
    finally:
        context.close()
