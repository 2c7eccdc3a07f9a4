"""Issue 18, item 3: people are chosen and shown by name and jabatan, never by a bare NIP.

The operator finds a supervisor by part of the name, sees name, jabatan and satker before saving and the name after;
the employee then sees the supervisor's name on Akun and the approver's name on their leave request.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP
from tests.browser.helpers import leave_request
from tests.support import PASSWORD, today_wib

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def _jabatan(nip: str, jabatan: str) -> None:
    from chalicelib.store.employees import DynamoEmployeeRepository

    repo = DynamoEmployeeRepository()
    repo.save(replace(repo.get(nip), jabatan=jabatan))


def _working_span() -> tuple:
    from chalicelib.domain.workdays import is_working_day

    start = today_wib() + timedelta(days=10)
    while not (is_working_day(start) and is_working_day(start + timedelta(days=1))):
        start += timedelta(days=1)
    return start, start + timedelta(days=1)


def test_the_operator_finds_the_supervisor_by_name_and_the_employee_sees_names_not_nips(browse, http, factory):
    skpd = factory.skpd()
    operator = factory.employee(skpd, roles=("OPERATOR_SKPD",), name="Operator Uji")
    boss = factory.employee(skpd, name="dr. Ratna Kusumawati")
    _jabatan(boss, "Kepala Puskesmas")
    factory.employee(skpd, name="Ratih Purnamasari")  # a near namesake the search must not confuse
    nip = factory.employee(skpd, name="Dewi Lestari")
    SHOTS.mkdir(parents=True, exist_ok=True)

    for viewport, label in ((DESKTOP, "desktop"), (None, "phone")):  # the desktop only looks; the phone saves
        page = browse.page(viewport=viewport) if viewport else browse.page()
        browse.sign_in(page, operator, PASSWORD)
        page.goto(f"{browse.web}/pegawai/{nip}")
        expect(page.get_by_role("heading", level=1)).to_have_text("Dewi Lestari")
        section = page.get_by_role("region", name="Atasan langsung")
        search = section.get_by_role("searchbox", name="Cari nama atau NIP atasan")
        search.fill("kusuma")
        results = section.get_by_role("list", name=re.compile("Hasil pencarian"))
        choice = results.get_by_role("button", name=re.compile("Ratna Kusumawati"))
        expect(choice).to_contain_text("Kepala Puskesmas")
        expect(choice).to_contain_text(f"Satker Uji {skpd[1].split('-')[1]}")
        expect(results.get_by_role("button")).to_have_count(1)
        page.screenshot(path=str(SHOTS / f"people-picker-results-{label}.png"), full_page=True)
        choice.click()
        chosen = section.get_by_role("group", name="Dipilih, belum disimpan")
        expect(chosen).to_contain_text("dr. Ratna Kusumawati")
        expect(chosen).to_contain_text("Kepala Puskesmas")
        if label == "phone":
            section.get_by_role("button", name="Simpan atasan").click()
            saved = "Atasan langsung tersimpan: dr. Ratna Kusumawati, Kepala Puskesmas."
            expect(section.get_by_text(saved)).to_be_visible()
            expect(section.get_by_role("group", name="Tersimpan")).to_contain_text("dr. Ratna Kusumawati")
            page.screenshot(path=str(SHOTS / f"people-picker-saved-{label}.png"), full_page=True)
        else:
            page.screenshot(path=str(SHOTS / f"people-picker-chosen-{label}.png"), full_page=True)

    # the employee: the supervisor by name on Akun, the approver by name on the leave request
    start, end = _working_span()
    status, created = http.call("POST", "/leave", leave_request(start, end), token=http.login(nip))
    assert status == 201, created
    page = browse.page()
    browse.sign_in(page, nip, PASSWORD)
    page.get_by_test_id("nav-account").click()
    expect(page.get_by_test_id("my-supervisor")).to_have_text(re.compile(r"dr\. Ratna Kusumawati,\s*Kepala Puskesmas"))
    expect(page.get_by_test_id("my-supervisor")).not_to_contain_text("NIP")
    page.screenshot(path=str(SHOTS / "people-account-phone.png"), full_page=True)
    page.get_by_role("link", name="Cuti", exact=True).click()
    people = page.get_by_test_id("leave-item").first.get_by_test_id("leave-people")
    expect(people).to_contain_text("Atasan langsung dan pejabat yang berwenang")  # he also grants leave
    expect(people).to_contain_text("dr. Ratna Kusumawati, Kepala Puskesmas")
    expect(people).not_to_contain_text(boss)
    page.get_by_test_id("leave-item").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "people-leave-phone.png"), full_page=True)
