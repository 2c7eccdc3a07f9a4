"""Issue 18, item 3: whoever decided for an employee is named with their jabatan — a delegate too, and for whom.

A supervisor away on duty delegates to a colleague the employee does not know by NIP; the colleague returns a report
and considers a leave request on the supervisor's behalf. The employee then reads, on the report and on the leave
request, the colleague's and the supervisor's names and jabatan, and no NIP.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.helpers import leave_request
from tests.browser.test_people_by_name import _jabatan, _working_span
from tests.support import PASSWORD, attend, decide, report_body, today_wib

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def test_the_employee_reads_the_delegate_and_the_supervisor_by_name_on_a_report_and_a_leave_request(
    browse, http, factory
):
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="dr. Ratna Kusumawati")
    _jabatan(boss, "Kepala Puskesmas")
    deputy = factory.employee(skpd, name="Budi Santoso")
    _jabatan(deputy, "Kepala Tata Usaha")
    nip = factory.employee(skpd, supervisor=boss, name="Dewi Lestari")
    today = today_wib()
    delegation = {"delegate_nip": deputy, "start_date": str(today), "end_date": str(today + timedelta(days=3))}
    assert http.call("POST", "/delegations", {**delegation, "reason": "Dinas luar"}, token=http.login(boss))[0] == 201

    attend(nip, today)
    mine, theirs = http.login(nip), http.login(deputy)
    status, report = http.call("POST", "/reports", report_body(today), token=mine)
    assert status == 201, report
    returned = decide(http, theirs, "report", report["report_id"], "REJECT", note="Lengkapi uraian", version=1)
    assert returned[0] == 200, returned
    start, end = _working_span()
    status, leave = http.call("POST", "/leave", leave_request(start, end), token=mine)
    assert status == 201, leave
    considered = decide(http, theirs, "leave_consideration", leave["leave_id"], "APPROVE", version=leave["version"])
    assert considered[0] == 200, considered

    page = browse.page()
    browse.sign_in(page, nip, PASSWORD)
    page.goto(f"{browse.web}/laporan/{report['report_id']}")
    expect(page.get_by_test_id("decided-by")).to_have_text("oleh Budi Santoso, Kepala Tata Usaha")
    expect(page.get_by_test_id("decided-for")).to_have_text(", atas nama dr. Ratna Kusumawati, Kepala Puskesmas")
    main = page.get_by_role("main")
    history = page.get_by_role("region", name="Riwayat")
    expect(history).to_contain_text("Ditolak · Budi Santoso, Kepala Tata Usaha")
    expect(history).to_contain_text("Atas nama dr. Ratna Kusumawati, Kepala Puskesmas")
    for someone in (boss, deputy):
        expect(main).not_to_contain_text(someone)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "named-deciders-report-phone.png"), full_page=True)

    page.goto(f"{browse.web}/cuti")
    item = page.get_by_test_id("leave-item").first
    expect(item.get_by_test_id("step-by").first).to_have_text(
        "oleh Budi Santoso, Kepala Tata Usaha, atas nama dr. Ratna Kusumawati, Kepala Puskesmas"
    )
    item.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "named-deciders-leave-phone.png"), full_page=True)
