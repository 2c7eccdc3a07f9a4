"""A tracked citizen request across two offices (issue 22, seed 003 §4) in a real browser against the real local
API: the first office's LAYANAN officer records it and marks it ready, the second office's officer marks it done
from Persetujuan, and the citizen follows every step on the public status page on a phone, which shows nothing
personal. Screenshots of the officer's page, the second office's card and the status page go to
build/screenshots/."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.test_accessibility import violations
from tests.support import PASSWORD, make_whatsapp, outbox_for

SCREENSHOTS = Path("build/screenshots")
SMALL_PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_first_office_records_and_marks_ready_second_marks_done_the_citizen_follows_on_a_phone(browse, factory, runner):
    first, second = factory.skpd(), factory.skpd()
    rina = factory.employee(first, roles=("LAYANAN",), name="Rina Marlina")
    yusuf = factory.employee(second, roles=("LAYANAN",), name="Yusuf Maulana")
    citizen = make_whatsapp()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    # the first office, on a desktop: the menu's "Layanan publik" group, the short form, the number
    page = browse.page(viewport=DESKTOP)
    browse.sign_in(page, rina, PASSWORD)
    page.get_by_role("link", name="Permohonan warga").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Permohonan warga")
    page.get_by_role("button", name="Catat dan kirim nomor ke pemohon").click()
    expect(page.get_by_role("alert").first).to_contain_text("Isi nama pemohon.")
    page.get_by_label("Nama pemohon").fill("Siti Aminah")
    page.get_by_label("WhatsApp pemohon").fill("0" + citizen[2:])
    page.get_by_label("Nomor perkara").fill("123/Pdt.G/2026/MS.Lsm")
    page.get_by_test_id("update-KK").check()
    page.get_by_test_id("update-KTP").check()
    page.get_by_label("Kantor tujuan", exact=True).select_option(second[0])
    page.get_by_role("button", name="Catat dan kirim nomor ke pemohon").click()
    recorded = page.get_by_test_id("citizen-request-recorded")
    expect(recorded).to_contain_text(re.compile(r"LY-\d{4}-[0-9A-Z]{8}"))
    number = recorded.locator(".ref-number").inner_text().strip()
    runner.deliver_queue()  # the notification worker sends what the API queued
    [sent] = outbox_for(citizen)
    assert number in sent.text and f"/status-permohonan/{number}" in sent.text
    card = page.locator(f'[data-tracking="{number}"]')
    expect(card.get_by_test_id("citizen-request-state")).to_have_text("Dicatat")
    page.screenshot(path=str(SCREENSHOTS / "permohonan-warga-1280.png"), full_page=True)
    assert violations(page, "/permohonan-warga") == []

    card.get_by_test_id("citizen-request-ready").click()
    card.get_by_label(re.compile("Catatan untuk kantor tujuan")).fill("Putusan berkekuatan hukum tetap")
    card.get_by_label(re.compile("Rujukan dokumen")).fill("Salinan putusan 123")
    card.get_by_test_id("citizen-request-confirm").click()
    expect(page.locator(f'[data-tracking="{number}"]')).to_have_count(0)  # it left the "Dicatat" list
    page.get_by_test_id("state-READY").click()
    forwarded = page.locator(f'[data-tracking="{number}"]')
    expect(forwarded.get_by_test_id("citizen-request-state")).to_have_text("Diteruskan ke kantor tujuan")
    expect(forwarded.get_by_test_id("citizen-request-ready")).to_have_count(0)

    # the second office, on a phone: Persetujuan opens on the one kind waiting
    phone = browse.page(viewport=SMALL_PHONE)
    browse.sign_in(phone, yusuf, PASSWORD)
    expect(phone.get_by_test_id("waiting-badge")).to_contain_text("1")
    phone.get_by_test_id("nav-approvals").click()
    expect(phone).to_have_url(re.compile(r"jenis=permohonan-warga"))
    waiting = phone.get_by_test_id("decision-item").first
    expect(waiting).to_contain_text("Siti Aminah")
    expect(waiting).to_contain_text("123/Pdt.G/2026/MS.Lsm")
    expect(waiting).to_contain_text("Kartu Keluarga (KK), KTP-el")
    waiting.get_by_role("button", name=re.compile("Lihat rincian")).click()
    expect(waiting).to_contain_text("Putusan berkekuatan hukum tetap")
    _no_sideways_scroll(phone)
    phone.screenshot(path=str(SCREENSHOTS / "permohonan-warga-persetujuan-360.png"), full_page=True)
    waiting.get_by_test_id("verdict-approve").click()
    phone.get_by_role("dialog", name="Tandai selesai permohonan warga").get_by_test_id("decision-confirm").click()
    expect(waiting.get_by_test_id("item-outcome")).to_have_text("Selesai")
    runner.deliver_queue()
    assert "ambil KTP/KK baru" in outbox_for(citizen)[0].text

    # the citizen, on a phone, without an account: every step with its office and date, nothing personal
    public = browse.page(viewport=SMALL_PHONE)
    public.goto(f"{browse.web}/status-permohonan/{number.lower()}")
    expect(public.get_by_test_id("request-state")).to_have_text("Selesai")
    steps = public.get_by_test_id("request-step")
    expect(steps).to_have_count(3)
    expect(steps.nth(0)).to_contain_text("Permohonan dicatat")
    expect(steps.nth(2)).to_contain_text("dokumen baru dapat diambil")
    expect(steps.nth(2)).to_contain_text(re.compile(r"\d{1,2} \w+ \d{4}, \d{2}\.\d{2} WIB"))
    text = public.locator("body").inner_text()
    for personal in ("Siti", "123/Pdt", "Rina", "Yusuf", "berkekuatan", "Salinan putusan", citizen):
        assert personal not in text
    _no_sideways_scroll(public)
    public.screenshot(path=str(SCREENSHOTS / "layanan-status-360.png"), full_page=True)
    assert violations(public, f"/status-permohonan/{number}") == []
    public.set_viewport_size({"width": 390, "height": 844})  # the common phone, as the Kritis status page is shot
    _no_sideways_scroll(public)
    public.screenshot(path=str(SCREENSHOTS / "status-permohonan-390.png"), full_page=True)

    # a mistyped number says so, and the number can be typed again
    public.goto(f"{browse.web}/status-permohonan/LY-2026-XXXX")
    expect(public.get_by_test_id("request-status-problem")).to_contain_text("tidak ditemukan")
    public.get_by_label("Lihat nomor lain").fill(number)
    public.get_by_role("button", name="Lihat").click()
    expect(public.get_by_test_id("request-step")).to_have_count(3)
    assert not browse.errors, browse.errors
