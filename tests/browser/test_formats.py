"""Formats people read (issue 18, item 7): the WhatsApp number in the employee edit form as "+62 812-3456-7801",
accepted however it is typed, and a leave refusal from the server naming its date as "14 Desember 2026"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from chalicelib.domain.messages import indonesian_date
from devtools.processes import ROOT
from tests.browser.conftest import DESKTOP, PHONE
from tests.support import PASSWORD, today_wib

SHOTS = ROOT / "build" / "screenshots"


def _stored_whatsapp(http, token: str, nip: str) -> str:
    status, employee = http.call("GET", f"/employees/{nip}", token=token)
    assert status == 200, employee
    return employee["whatsapp"]


def test_the_edit_form_shows_the_whatsapp_number_as_people_write_it_and_takes_it_typed_any_way(browse, http, factory):
    skpd = factory.skpd()
    operator = factory.employee(skpd, roles=("OPERATOR_SKPD",), name="Rudi Operator")
    nip = factory.employee(skpd, name="Dewi Lestari")
    token = http.login(operator)
    version = http.call("GET", f"/employees/{nip}", token=token)[1]["version"]
    status, changed = http.call(
        "PATCH", f"/employees/{nip}", {"whatsapp": "6281234567801", "version": version}, token=token
    )
    assert status == 200, changed

    for viewport, name in ((PHONE, "phone"), (DESKTOP, "desktop")):
        page = browse.page(viewport)
        browse.sign_in(page, operator, PASSWORD)
        page.goto(f"{browse.web}/pegawai/{nip}")
        field = page.get_by_label("Nomor WhatsApp")
        expect(field).to_have_value("+62 812-3456-7801")
        expect(page.get_by_label("Satker")).not_to_have_value("")  # the form has finished loading
        field.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"formats-whatsapp-{name}.png"))

    # typed with spaces, as on a phone's keypad: saved, stored as 62…, shown back the same way
    field.fill("0812 3456 7890")
    page.get_by_role("button", name="Simpan perubahan").click()
    expect(field).to_have_value("+62 812-3456-7890")
    assert _stored_whatsapp(http, token, nip) == "6281234567890"
    field.fill("0812 3456 7801")
    page.get_by_role("button", name="Simpan perubahan").click()
    expect(field).to_have_value("+62 812-3456-7801")
    assert _stored_whatsapp(http, token, nip) == "6281234567801"
    page.screenshot(path=str(SHOTS / "formats-whatsapp-saved-desktop.png"))

    # a number that is not an Indonesian mobile number: the server's words, next to the field
    field.fill("021 555 1234")
    page.get_by_role("button", name="Simpan perubahan").click()
    expect(page.locator("#whatsapp-error")).to_contain_text("Nomor WhatsApp tidak valid")
    assert _stored_whatsapp(http, token, nip) == "6281234567801"


def _working_days_ahead(count: int, after: int) -> list[date]:
    from chalicelib.domain.workdays import is_working_day

    start = today_wib() + timedelta(days=after)
    while True:
        span = [start + timedelta(days=n) for n in range(count)]
        if all(is_working_day(d) for d in span) and span[0].year == span[-1].year:
            return span
        start += timedelta(days=1)


def test_a_leave_refusal_names_its_date_in_words(browse, http, factory):
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="dr. Andi Wijaya")
    nip = factory.employee(skpd, supervisor=boss, name="Dewi Lestari")
    days = _working_days_ahead(3, after=20)
    held = {
        "type": "ALASAN_PENTING",
        "reason": "Menjaga orang tua yang dirawat",
        "start_date": days[0].isoformat(),
        "end_date": days[2].isoformat(),
        "address": "Jl. Kenanga No. 8, Kota Medan",
        "phone": "081234567890",
    }
    status, created = http.call("POST", "/leave", held, token=http.login(nip))
    assert status == 201, created

    page = browse.page(PHONE)
    browse.sign_in(page, nip, PASSWORD)
    page.goto(f"{browse.web}/cuti/ajukan")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ajukan cuti")
    page.get_by_label("Jenis cuti").select_option(label="Cuti Tahunan")
    page.get_by_label("Alasan cuti").fill("Menghadiri pernikahan adik kandung")
    page.get_by_label("Tanggal mulai").fill(days[1].isoformat())
    page.get_by_label("Tanggal selesai").fill(days[2].isoformat())
    page.get_by_label("Alamat selama menjalankan cuti").fill("Jl. Gatot Subroto No. 12, Kota Medan")
    page.get_by_label("Telepon selama cuti").fill("0812-3456-7890")
    page.get_by_role("button", name=re.compile(r"^(Lanjutkan|Ajukan cuti)$")).click()
    message = f"Tanggal {indonesian_date(days[1])} sudah termasuk cuti lain yang diajukan atau disetujui."
    refusal = page.get_by_text(message).first
    confirm = page.get_by_role("button", name="Kirim pengajuan")  # the "check your answers" step, where it is
    expect(confirm.or_(refusal)).to_be_visible()
    if confirm.is_visible():
        confirm.click()
    expect(refusal).to_be_visible()
    expect(page.locator("body")).not_to_contain_text(days[1].isoformat())
    page.evaluate("window.scrollTo(0, 0)")  # the summary sits at the top of the form
    page.screenshot(path=str(SHOTS / "formats-leave-refusal-phone.png"))
