"""The web client as people use it every day (issue 18), in a real browser against the real local API: a report
from a template goes at the first try, the print preview reads on a phone, confirmations neither linger nor cover
the form nor follow the person to the next page, a leave card keeps its name after the decision, every target is
at least 44×44 px, and HR's Akun menu is grouped by what HR does."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Any

from playwright.sync_api import expect

from devtools.processes import ROOT
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import leave_request, template, type_report
from tests.browser.test_leave_journey import _working_span
from tests.support import PASSWORD, attend, report_body, today_wib

SHOTS = ROOT / "build" / "screenshots"
WIB = timezone(timedelta(hours=7))


def _minutes(value: str) -> int:
    hours, minutes = value.split(":")
    return int(hours) * 60 + int(minutes)


def _staff(factory: Any, roles: tuple[str, ...] = ()) -> tuple[str, str]:
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="dr. Andi Wijaya")
    nip = factory.employee(skpd, supervisor=boss, roles=roles, name="Agus Pratama")
    attend(nip, today_wib())
    return boss, nip


def _no_sideways_scroll(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


# -- item 2: a report from a template goes at the first try -------------------------------------------------------


def test_choosing_a_template_fills_start_and_end_so_the_report_goes_at_the_first_try(browse, http, factory):
    _, nip = _staff(factory)
    template(http, http.login(nip))  # 90 minutes, no start time of its own

    page = browse.page()
    browse.sign_in(page, nip, PASSWORD)
    page.goto(f"{browse.web}/laporan/baru")
    page.get_by_label("Templat").select_option(label="Rapat koordinasi (1 jam 30 menit)")
    start, end = page.get_by_label("Jam mulai"), page.get_by_label("Jam selesai")
    expect(start).to_have_value(re.compile(r"^\d\d:\d[05]$"))  # now, rounded to five minutes
    expect(end).to_have_value(re.compile(r"^\d\d:\d[05]$"))
    assert _minutes(end.input_value()) - _minutes(start.input_value()) == 90
    now = datetime.now(WIB)
    near = {_minutes(start.input_value()), _minutes(end.input_value())}  # late at night the span ends now
    assert any(abs(m - (now.hour * 60 + now.minute)) <= 5 for m in near), (near, now)
    expect(page.get_by_text("Durasi 1 jam 30 menit")).to_be_visible()

    page.get_by_role("button", name="Kirim laporan").click()
    expect(page).to_have_url(re.compile(r"/laporan/[0-9a-f]{32}$"))
    expect(page.get_by_test_id("status")).to_have_text("Diajukan")


# -- item 4: the print preview on a phone ---------------------------------------------------------------------------


def test_the_print_preview_shows_each_report_as_a_card_on_a_phone_and_a_table_on_a_desktop(browse, http, factory):
    boss, nip = _staff(factory)
    token, boss_token = http.login(nip), http.login(boss)
    titles = ["Pelayanan pasien umum di poli", "Penyuluhan gizi balita di posyandu"]
    for n, title in enumerate(titles):
        body = report_body(today_wib(), start=f"{8 + 2 * n:02d}:00", end=f"{9 + 2 * n:02d}:30", title=title)
        status, created = http.call("POST", "/reports", body, token=token)
        assert status == 201, created
        if n == 0:
            version = http.call("GET", f"/reports/{created['report_id']}", token=boss_token)[1]["version"]
            decision = {"verdict": "APPROVE", "rating": 4, "version": version}
            answer = http.call("POST", f"/verifications/report/{created['report_id']}", decision, token=boss_token)
            assert answer[0] == 200, answer

    SHOTS.mkdir(parents=True, exist_ok=True)
    for size, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page = browse.page(viewport=viewport)
        browse.sign_in(page, nip, PASSWORD)
        page.goto(f"{browse.web}/cetak")
        page.get_by_role("button", name="Pratinjau").click()
        cards = page.get_by_test_id("preview-card")
        if size == "phone":
            expect(cards).to_have_count(2)
            expect(page.get_by_role("table")).to_be_hidden()
            approved = cards.filter(has_text=titles[0])
            expect(approved).to_contain_text(re.compile(r"\d{1,2} [A-Z][a-z]{2} \d{4}"))  # 25 Nov 2026
            expect(approved).to_contain_text(re.compile(r"08\.00–09\.30 WIB"))
            expect(approved.get_by_test_id("preview-status")).to_have_text("Disetujui")
            expect(approved).to_contain_text("Nilai 4 dari 5")
            expect(cards.filter(has_text=titles[1]).get_by_test_id("preview-status")).to_have_text("Diajukan")
            for card in cards.all():
                box = card.bounding_box()
                assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
            _no_sideways_scroll(page)
        else:
            expect(page.get_by_role("table")).to_be_visible()
            expect(page.get_by_role("table")).to_contain_text(titles[1])
            expect(cards.first).to_be_hidden()
        page.wait_for_timeout(200)
        page.screenshot(path=str(SHOTS / f"daily-use-print-preview-{size}.png"), full_page=True)
        if size == "phone":  # what the phone shows once the preview is scrolled to (docs/screenshots)
            cards.first.evaluate("el => { el.closest('section').scrollIntoView(); window.scrollBy(0, -64); }")
            page.screenshot(path=str(SHOTS / "daily-use-print-preview-cards-phone.png"))


# -- item 6: confirmations --------------------------------------------------------------------------------------------

#: what a visible control of the page covers, by the confirmation or not (the bottom bar's strip excluded)
COVERED_CONTROLS = """(toast) => {
  const t = toast.getBoundingClientRect();
  const nav = document.querySelector('.bottomnav');
  const navTop = nav && nav.getBoundingClientRect().height ? nav.getBoundingClientRect().top : innerHeight;
  const hit = [];
  for (const el of document.querySelectorAll('main input, main select, main textarea, main button, main a[href]')) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || r.bottom <= 0 || r.top >= navTop) continue;
    const bottom = Math.min(r.bottom, navTop);  // the part under the bottom bar is hidden by the bar anyway
    const overlaps = r.left < t.right && r.right > t.left && r.top < t.bottom && bottom > t.top;
    if (overlaps) hit.push(el.id || el.textContent.trim());
  }
  return hit;
}"""


def test_a_confirmation_is_heard_covers_no_form_does_not_stack_goes_away_and_stays_on_its_page(browse, http, factory):
    _, nip = _staff(factory)
    token = http.login(nip)
    template(http, token)
    template(http, token, name="Pelayanan poli", title="Pelayanan pasien poli umum", duration_minutes=120)

    for viewport in (PHONE, DESKTOP):
        page = browse.page(viewport=viewport)
        browse.sign_in(page, nip, PASSWORD)
        page.goto(f"{browse.web}/laporan/baru")
        page.get_by_label("Templat").select_option(label="Rapat koordinasi (1 jam 30 menit)")
        page.get_by_label("Templat").select_option(label="Pelayanan poli (2 jam)")
        toast = page.locator(".toast")
        expect(toast).to_have_count(1)  # the newest replaces the one before: they do not stack
        expect(toast).to_contain_text('Templat "Pelayanan poli" dipakai.')
        # screen readers hear it: it is written into a live region that was there before
        live = page.locator("[aria-live=polite]").filter(has=toast)
        expect(live).to_have_count(1)
        assert page.evaluate(COVERED_CONTROLS, toast.element_handle()) == []
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"daily-use-toast-{'phone' if viewport is PHONE else 'desktop'}.png"))
        # it goes away by itself
        expect(toast).to_have_count(0, timeout=9_000)

        # a confirmation stays on the page it confirms: the next page opens without it
        page.get_by_label("Templat").select_option(label="Rapat koordinasi (1 jam 30 menit)")
        expect(toast).to_have_count(1)
        page.wait_for_timeout(1_200)
        page.goto(f"{browse.web}/presensi") if viewport is DESKTOP else page.get_by_test_id("nav-attendance").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Presensi")
        expect(toast).to_have_count(0, timeout=1_500)


def test_the_confirmation_of_a_send_is_shown_on_the_page_the_send_opens(browse, http, factory):
    _, nip = _staff(factory)
    page = browse.page()
    browse.sign_in(page, nip, PASSWORD)
    page.goto(f"{browse.web}/laporan/baru")
    type_report(
        page, "07:00", "07:30", "Apel pagi", "Mengikuti apel pagi bersama seluruh staf puskesmas.", "Daftar hadir apel"
    )
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page).to_have_url(re.compile(r"/laporan/[0-9a-f]{32}$"))
    expect(page.locator(".toast")).to_contain_text("Laporan terkirim ke atasan.")


# -- item 8: a leave card keeps its name; the dialog's close button stays beside its title ---------------------------


def test_a_leave_card_keeps_the_name_and_jabatan_after_the_decision_and_the_close_button_stays_beside_the_title(
    browse, http, factory
):
    boss, nip = _staff(factory)
    start, end = _working_span(1, after=10)
    leave = leave_request(start, end)
    status, created = http.call("POST", "/leave", leave, token=http.login(nip))
    assert status == 201, created

    page = browse.page()
    browse.sign_in(page, boss, PASSWORD)
    page.goto(f"{browse.web}/persetujuan?jenis=pertimbangan-cuti")
    request = page.get_by_test_id("decision-item").filter(has_text="Cuti Tahunan")
    expect(request).to_contain_text("Agus Pratama")
    expect(request).to_contain_text("Analis")
    request.get_by_test_id("verdict-defer").click()
    dialog = page.get_by_role("dialog", name="Tangguhkan permohonan cuti")
    heading = dialog.get_by_role("heading", name="Tangguhkan permohonan cuti")
    close = dialog.get_by_role("button", name="Tutup")
    expect(close).to_be_visible()
    title_box, close_box, dialog_box = heading.bounding_box(), close.bounding_box(), dialog.bounding_box()
    assert title_box and close_box and dialog_box
    assert close_box["y"] < title_box["y"] + title_box["height"], (title_box, close_box)  # on the title's line
    assert close_box["x"] >= title_box["x"] + title_box["width"] - 1, (title_box, close_box)  # to its right
    assert close_box["x"] + close_box["width"] <= dialog_box["x"] + dialog_box["width"]
    assert close_box["width"] >= 44 and close_box["height"] >= 44, close_box
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "daily-use-decision-dialog-phone.png"))
    dialog.get_by_label("Alasan penangguhan").fill("Sedang akreditasi puskesmas")
    dialog.get_by_test_id("decision-confirm").click()
    expect(request.get_by_test_id("item-outcome")).to_have_text("Ditangguhkan")
    expect(request).to_contain_text("Agus Pratama")
    expect(request).to_contain_text("Analis")
    expect(request).not_to_contain_text("Pegawai")


# -- item 14: targets of at least 44×44, roomy password fields, the offline answer by the button --------------------

#: every visible link, button, summary, select and checkbox/radio label of the page that is smaller than 44×44
SMALL_TARGETS = """() => {
  const small = [];
  const seen = new Set();
  const query = 'a[href], button, summary, select, [role=button], input[type=checkbox], input[type=radio]';
  const targets = [...document.querySelectorAll(query)]
    .map((el) => (el.matches('input') ? el.closest('label') || el : el));
  for (const el of targets) {
    if (seen.has(el)) continue;
    seen.add(el);
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 && r.height <= 1) continue;  // visually hidden (read by screen readers only)
    if (r.bottom + scrollY <= 0 || r.right + scrollX <= 0) continue;  // off-screen until focused (skip link)
    if (r.width >= 44 - 0.5 && r.height >= 44 - 0.5) continue;
    const name = (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40);
    small.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(r.width)}×${Math.round(r.height)}`);
  }
  return small;
}"""

#: the pages checked at 390×844 for each kind of person (every one of the phone's main pages and the Akun menu's)
EMPLOYEE_PAGES = [
    "/", "/laporan", "/laporan/baru", "/presensi", "/akun", "/templat", "/pengingat", "/cetak", "/cuti",
    "/pengaduan", "/riwayat", "/arsip", "/ganti-sandi",
]  # fmt: skip
SUPERVISOR_PAGES = ["/", "/persetujuan", "/delegasi", "/rekap"]
HR_PAGES = ["/", "/persetujuan", "/akun", "/cuti-pegawai", "/rekap", "/pegawai", "/kelengkapan-arsip"]


def _small_targets(page: Any, web: str, paths: list[str]) -> list[str]:
    found = []
    for path in paths:
        page.goto(f"{web}{path}")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(150)
        found += [f"{path}: {target}" for target in page.evaluate(SMALL_TARGETS)]
    return found


def test_every_link_and_button_on_the_main_pages_is_at_least_44_by_44_on_a_phone(browse, http, factory):
    skpd = factory.skpd()
    boss = factory.employee(skpd, roles=("ATASAN",), name="dr. Andi Wijaya")
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Rina Kepegawaian")
    nip = factory.employee(skpd, supervisor=boss, name="Agus Pratama")
    attend(nip, today_wib())
    status, created = http.call("POST", "/reports", report_body(today_wib()), token=http.login(nip))
    assert status == 201, created

    small = []
    people = ((nip, [*EMPLOYEE_PAGES, f"/laporan/{created['report_id']}"]), (boss, SUPERVISOR_PAGES), (hr, HR_PAGES))
    for who, paths in people:
        page = browse.page(viewport=PHONE)
        browse.sign_in(page, who, PASSWORD)
        small += _small_targets(page, browse.web, paths)
    assert small == [], "targets under 44×44 px:\n" + "\n".join(small)


def test_a_password_field_is_not_squeezed_by_its_show_button(browse):
    page = browse.page(viewport=PHONE)
    page.goto(f"{browse.web}/masuk")
    field = page.locator("#password")
    show = page.get_by_role("button", name="Tampilkan kata sandi")
    field_box, show_box = field.bounding_box(), show.bounding_box()
    row = page.locator(".field").filter(has=field).bounding_box()
    assert field_box and show_box and row
    assert field_box["width"] >= 0.85 * row["width"], (field_box, row)  # the field keeps (nearly) the whole row
    assert show_box["width"] >= 44 and show_box["height"] >= 44, show_box
    field.fill("rahasia-saya")
    show.click()
    expect(field).to_have_attribute("type", "text")
    expect(show).to_have_attribute("aria-pressed", "true")  # a toggle keeps its name, its state is pressed
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "daily-use-password-phone.png"))


def test_sending_offline_answers_next_to_the_send_button(browse, http, factory):
    _, nip = _staff(factory)
    page = browse.page(viewport=PHONE)
    browse.sign_in(page, nip, PASSWORD)
    page.goto(f"{browse.web}/laporan/baru")
    type_report(
        page,
        "13:00",
        "14:00",
        "Pendataan ibu hamil",
        "Mendata ibu hamil di wilayah kerja RW 02.",
        "Daftar 12 ibu hamil",
    )
    page.context.set_offline(True)
    send = page.get_by_role("button", name="Kirim laporan")
    send.click()
    answer = page.get_by_test_id("send-outcome")
    expect(answer).to_contain_text("Tidak ada koneksi")
    expect(answer).to_be_in_viewport()
    # the failed request's console line is the offline the test made on purpose, not a fault of the page
    browse.errors[:] = [e for e in browse.errors if "ERR_INTERNET_DISCONNECTED" not in e]
    send_box, answer_box = send.bounding_box(), answer.bounding_box()
    assert send_box and answer_box
    below = answer_box["y"] - (send_box["y"] + send_box["height"])
    above = send_box["y"] - (answer_box["y"] + answer_box["height"])
    gap = min(abs(below), abs(above))
    assert gap <= 48, (send_box, answer_box)
    page.context.set_offline(False)
    # the failed request's console line is the offline the test made on purpose, not a fault of the page
    browse.errors[:] = [e for e in browse.errors if "ERR_INTERNET_DISCONNECTED" not in e]


# -- item 15: HR's Akun menu grouped by what HR does ------------------------------------------------------------------


def test_hr_akun_menu_on_a_phone_is_grouped_by_what_hr_does(browse, factory):
    skpd = factory.skpd()
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Rina Kepegawaian")
    page = browse.page(viewport=PHONE)
    browse.sign_in(page, hr, PASSWORD)
    page.get_by_test_id("nav-account").click()
    menu = page.get_by_role("navigation", name="Menu akun")
    headings = menu.get_by_role("heading")
    expect(headings).to_have_text(
        ["Verifikasi", "Rekap", "Pegawai", "Pengaturan", "Laporan saya", "Kepegawaian saya", "Akun"]
    )
    groups = menu.get_by_role("list")
    for group in groups.all():
        assert group.get_by_role("link").count() <= 5
    labels = (
        "Cuti pegawai",
        "Rekap",
        "Kelengkapan arsip",
        "Pegawai",
        "Jam kerja",
        "Templat",
        "Arsip dokumen",
        "Ganti kata sandi",
    )
    for label in labels:
        expect(menu.get_by_role("link", name=label, exact=True)).to_have_count(1)
    verify = menu.get_by_role("region", name="Verifikasi")
    expect(verify.get_by_role("link", name="Cuti pegawai", exact=True)).to_be_visible()
    recap = menu.get_by_role("region", name="Rekap")
    expect(recap.get_by_role("link", name="Kelengkapan arsip", exact=True)).to_be_visible()
    people = menu.get_by_role("region", name="Pegawai")
    expect(people.get_by_role("link", name="Pegawai", exact=True)).to_be_visible()
    settings = menu.get_by_role("region", name="Pengaturan")
    expect(settings.get_by_role("link", name="Jam kerja", exact=True)).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "daily-use-hr-akun-phone.png"), full_page=True)
