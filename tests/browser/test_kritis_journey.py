"""Kritis (issue 22, seed 003 §5) in a real browser against the real local API: a citizen files a complaint on a
phone (390 × 844) without an account — the page solves the proof-of-work while they type — and gets the number
with a copy button; the SKPD's officer forwards it with a summary; leadership decides the action from Persetujuan
(the inbox card shows the summary); the officer records the follow-up; the citizen is told (read from the outbox)
and follows it on the public status page, which shows nothing personal. Screenshots go to build/screenshots/."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.test_accessibility import violations
from tests.support import PASSWORD, make_whatsapp, outbox_for

SCREENSHOTS = Path("build/screenshots")
PHONE = {"width": 390, "height": 844}
DESCRIPTION = "Loket pendaftaran baru buka pukul 09.30, padahal jadwalnya 08.00 WIB. Antrean sampai ke parkiran."
SUMMARY = "Loket pendaftaran terlambat buka 1,5 jam pada pagi ini; antrean panjang."
ACTION = "Tegur petugas loket dan siapkan petugas cadangan setiap pagi."
FOLLOW_UP = "Sejak 8 Desember 2026 loket pendaftaran dibuka tepat 08.00 WIB dengan petugas cadangan."


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _photo(tmp_path: Path) -> Path:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (800, 600), (40, 120, 200)).save(out, "JPEG")
    path = tmp_path / "antrean.jpg"
    path.write_bytes(out.getvalue())
    return path


def test_a_citizen_files_on_a_phone_leadership_decides_from_the_inbox_and_the_citizen_follows_it(
    browse, factory, runner, tmp_path
):
    skpd = factory.skpd()
    rina = factory.employee(skpd, roles=("LAYANAN",), name="Rina Marlina")
    hendra = factory.employee(skpd, roles=("PIMPINAN",), name="Hendra Gunawan")
    citizen = make_whatsapp()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    # the citizen, on a phone, without an account
    public = browse.page(viewport=PHONE)
    public.context.grant_permissions(["clipboard-read", "clipboard-write"])
    public.goto(f"{browse.web}/kritis")
    expect(public.get_by_role("heading", level=1)).to_have_text("Sampaikan kritik atau saran")
    public.get_by_role("button", name="Kirim").click()  # nothing filled: each field says what it needs
    expect(public.get_by_test_id("error-summary")).to_contain_text("Pilih instansi")
    public.get_by_label("Instansi yang dituju").select_option(skpd[0])
    public.get_by_test_id("kind-KETERLAMBATAN").check()
    public.get_by_label("Uraian").fill(DESCRIPTION)
    public.get_by_label(re.compile("Nomor WhatsApp atau e-mail")).fill("0" + citizen[2:])
    public.get_by_test_id("kritis-photo").set_input_files(str(_photo(tmp_path)))
    expect(public.get_by_text("Foto siap dikirim")).to_be_visible()
    expect(public.get_by_test_id("pow-state")).to_have_text("Pemeriksaan anti-spam selesai.")
    _no_sideways_scroll(public)
    public.screenshot(path=str(SCREENSHOTS / "kritis-form-390.png"), full_page=True)
    assert violations(public, "/kritis") == []
    public.get_by_role("button", name="Kirim").click()
    filed = public.get_by_test_id("kritis-filed")
    expect(filed).to_be_visible()
    number = public.get_by_test_id("kritis-number").inner_text().strip()
    assert re.fullmatch(r"KR-\d{4}-[0-9A-Z]{8}", number)
    public.get_by_test_id("copy-number").click()
    expect(public.get_by_test_id("copy-number")).to_have_text("Nomor tersalin")
    assert public.evaluate("navigator.clipboard.readText()") == number
    public.screenshot(path=str(SCREENSHOTS / "kritis-filed-390.png"), full_page=True)
    public.get_by_test_id("status-link").click()
    expect(public.get_by_test_id("kritis-state")).to_have_text("Diterima")

    # the officer forwards it with a summary (a phone too)
    officer = browse.page(viewport=PHONE)
    browse.sign_in(officer, rina, PASSWORD)
    officer.goto(f"{browse.web}/kritis-saran")
    expect(officer.get_by_role("heading", level=1)).to_have_text("Kritik & saran")
    officer.get_by_test_id(f"open-{number}").click()
    detail = officer.get_by_test_id("kritis-detail")
    expect(detail).to_contain_text(DESCRIPTION)
    expect(detail.get_by_role("button", name=re.compile("Foto"))).to_be_visible()
    officer.get_by_label(re.compile("Ringkasan untuk pimpinan")).fill(SUMMARY)
    officer.get_by_test_id("kritis-forward").click()
    expect(officer.get_by_test_id("kritis-done")).to_have_text("Diteruskan ke pimpinan.")
    expect(officer.get_by_test_id("detail-state")).to_have_text("Diteruskan ke pimpinan")
    _no_sideways_scroll(officer)
    officer.screenshot(path=str(SCREENSHOTS / "kritis-officer-390.png"), full_page=True)
    assert violations(officer, "/kritis-saran") == []

    # leadership decides the action from Persetujuan: the card shows the officer's summary
    leader = browse.page(viewport=PHONE)
    browse.sign_in(leader, hendra, PASSWORD)
    expect(leader.get_by_test_id("waiting-badge")).to_contain_text("1")
    leader.get_by_test_id("nav-approvals").click()
    expect(leader).to_have_url(re.compile(r"jenis=kritis-keputusan"))
    card = leader.get_by_test_id("decision-item").first
    expect(card).to_contain_text("Masyarakat")
    expect(card).to_contain_text(SUMMARY)
    _no_sideways_scroll(leader)
    leader.screenshot(path=str(SCREENSHOTS / "kritis-persetujuan-390.png"), full_page=True)
    card.get_by_test_id("verdict-approve").click()
    dialog = leader.get_by_role("dialog")
    dialog.get_by_label("Tindakan yang diputuskan").fill(ACTION)
    dialog.get_by_test_id("decision-confirm").click()
    expect(card.get_by_test_id("item-outcome")).to_have_text("Diputuskan pimpinan")

    # the officer records the follow-up
    officer.goto(f"{browse.web}/kritis-saran")
    officer.get_by_test_id("state-DIPUTUSKAN").click()
    officer.get_by_test_id(f"open-{number}").click()
    expect(officer.get_by_test_id("detail-action")).to_have_text(ACTION)
    officer.get_by_label("Tindak lanjut").fill(FOLLOW_UP)
    officer.get_by_test_id("kritis-follow-up-save").click()
    expect(officer.get_by_test_id("detail-state")).to_have_text("Ditindaklanjuti")
    history = officer.get_by_test_id("kritis-detail").locator(".history li")
    expect(history).to_have_count(4)
    expect(history.nth(2)).to_contain_text("Hendra Gunawan")

    # the citizen is told, and the status page shows the follow-up and nothing personal
    runner.deliver_queue()
    told = [m.text for m in outbox_for(citizen)]
    assert len(told) == 1 and FOLLOW_UP in told[0] and number in told[0]
    public.goto(f"{browse.web}/kritis/{number.lower()}")
    expect(public.get_by_test_id("kritis-state")).to_have_text("Ditindaklanjuti")
    expect(public.get_by_test_id("kritis-follow-up")).to_contain_text(FOLLOW_UP)
    steps = public.get_by_test_id("kritis-step")
    expect(steps).to_have_count(4)
    expect(steps.nth(3)).to_contain_text(re.compile(r"\d{1,2} \w+ \d{4}, \d{2}\.\d{2} WIB"))
    text = public.locator("body").inner_text()
    for personal in ("Loket pendaftaran baru", SUMMARY, ACTION, "Rina", "Hendra", citizen, citizen[2:]):
        assert personal not in text
    _no_sideways_scroll(public)
    public.screenshot(path=str(SCREENSHOTS / "kritis-status-390.png"), full_page=True)
    assert violations(public, f"/kritis/{number}") == []

    # a mistyped number says so, and can be typed again
    public.goto(f"{browse.web}/kritis/KR-2026-XXXX")
    expect(public.get_by_test_id("kritis-status-problem")).to_contain_text("tidak dikenali")
    public.get_by_label("Lihat nomor lain").fill(number)
    public.get_by_role("button", name="Lihat").click()
    expect(public.get_by_test_id("kritis-state")).to_have_text("Ditindaklanjuti")
    assert not browse.errors, browse.errors


def test_a_refused_challenge_is_renewed_and_sent_again_and_the_officer_keeps_their_place_and_note(
    browse, factory, tmp_path
):
    """The form never asks the citizen to reload: what is typed survives a reload of the tab, and a filing refused
    for its challenge (here: answered 409 CHALLENGE_USED once) fetches a new one and goes out by itself. The
    officers' page keeps the state and the open item in its address (the WhatsApp link opens the item), and a step
    refused as stale (409) offers "Muat ulang", which reloads the item and keeps the note typed."""
    skpd = factory.skpd()
    rina = factory.employee(skpd, roles=("LAYANAN",), name="Rina Marlina")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    public = browse.page(viewport=PHONE)
    public.goto(f"{browse.web}/kritis")
    public.get_by_label("Instansi yang dituju").select_option(skpd[0])
    public.get_by_test_id("kind-KETERLAMBATAN").check()
    public.get_by_label("Uraian").fill(DESCRIPTION)
    public.reload()
    expect(public.get_by_label("Uraian")).to_have_value(DESCRIPTION)
    expect(public.get_by_test_id("pow-state")).to_have_text("Pemeriksaan anti-spam selesai.")
    challenges: list[str] = []
    public.on("request", lambda r: challenges.append(r.url) if r.url.endswith("/public/kritis/challenge") else None)
    refused: list[bool] = []

    def once(route) -> None:
        if route.request.method != "POST" or refused:
            route.continue_()
            return
        refused.append(True)
        body = (
            '{"code":"CHALLENGE_USED","message":"Pemeriksaan anti-spam ini sudah terpakai; kirim lagi.","details":{}}'
        )
        route.fulfill(status=409, content_type="application/json", body=body)

    public.route(re.compile(r".*/public/kritis$"), once)
    public.get_by_role("button", name="Kirim").click()
    expect(public.get_by_test_id("kritis-filed")).to_be_visible()
    assert refused == [True] and len(challenges) >= 1  # refused once, a new challenge, sent again
    number = public.get_by_test_id("kritis-number").inner_text().strip()
    public.goto(f"{browse.web}/kritis")
    expect(public.get_by_label("Uraian")).to_have_value("")  # sent: the draft is gone

    officer = browse.page(viewport=PHONE)
    browse.sign_in(officer, rina, PASSWORD)
    officer.goto(f"{browse.web}/kritis-saran?status=BARU&no={number}")
    expect(officer.get_by_test_id("kritis-detail")).to_contain_text(DESCRIPTION)
    expect(officer.get_by_test_id("state-DITUTUP")).not_to_contain_text("0")  # not counted: no false 0
    officer.get_by_label(re.compile("Ringkasan untuk pimpinan")).fill(SUMMARY)
    stale: list[bool] = []

    def conflict(route) -> None:
        if stale:
            route.continue_()
            return
        stale.append(True)
        changed = "Kritik atau saran ini telah diubah oleh pengguna lain; muat ulang lalu coba lagi."
        body = json.dumps({"code": "CONFLICT", "message": changed, "details": {}})
        route.fulfill(status=409, content_type="application/json", body=body)

    officer.route(re.compile(r".*/verifications/kritis_forward/.*"), conflict)
    officer.get_by_test_id("kritis-forward").click()
    expect(officer.get_by_test_id("kritis-reload")).to_be_visible()
    officer.get_by_test_id("kritis-reload").click()
    expect(officer.get_by_test_id("kritis-reload")).to_be_hidden()
    expect(officer.get_by_label(re.compile("Ringkasan untuk pimpinan"))).to_have_value(SUMMARY)
    officer.screenshot(path=str(SCREENSHOTS / "kritis-officer-reloaded-390.png"), full_page=True)
    officer.get_by_test_id("kritis-forward").click()
    expect(officer.get_by_test_id("detail-state")).to_have_text("Diteruskan ke pimpinan")
    officer.get_by_test_id("state-DITERUSKAN").click()
    expect(officer).to_have_url(re.compile(r"status=DITERUSKAN"))
    officer.get_by_test_id(f"open-{number}").click()
    expect(officer).to_have_url(re.compile(rf"no={number}"))
