"""Every main page of each role passes axe-core's WCAG 2.1 A/AA rules (issue 18, "Also"), on a phone and a desktop.

axe-core comes from the npm registry as a dev dependency of the web client (web/node_modules, pinned in
web/package.json) and is injected into the page by Playwright only here: it never enters the app's bundle. A failure
lists each violation as page, rule, impact and the elements it found, so it reads without opening a report.
"""

from __future__ import annotations

from typing import Any

import pytest

from devtools.processes import ROOT
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import leave_request
from tests.browser.test_leave_journey import _working_span
from tests.support import PASSWORD, attend, report_body, today_wib

AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, { runOnly: { type: "tag", values: tags } });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
    more: Math.max(0, v.nodes.length - 5),
  }));
}"""

EMPLOYEE_PAGES = [
    "/", "/laporan", "/laporan/baru", "/presensi", "/akun", "/templat", "/pengingat", "/cetak", "/cuti",
    "/cuti/ajukan", "/pengaduan", "/izin", "/perangkat", "/riwayat", "/arsip", "/ganti-sandi", "/tidak-ada", "/skp",
]  # fmt: skip
SUPERVISOR_PAGES = ["/", "/persetujuan", "/delegasi", "/rekap", "/akun", "/skp", "/skp/staf"]
HR_PAGES = [
    "/", "/persetujuan", "/akun", "/cuti-pegawai", "/rekap", "/pegawai", "/kelengkapan-arsip", "/jam-kerja",
    "/rekap-disiplin",
]  # fmt: skip
ADMIN_PAGES = ["/", "/admin", "/pegawai", "/pegawai/baru", "/impor", "/cuti-pegawai", "/kelengkapan-arsip", "/akun"]


def violations(page: Any, path: str) -> list[str]:
    """axe's WCAG 2.1 A/AA violations of the page now on screen, one readable line per rule."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: `cd web && npm ci` installs axe-core (a dev dependency)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(RUN_AXE, WCAG21_AA)
    lines = []
    for v in found:
        more = f" (+{v['more']})" if v["more"] else ""
        lines.append(f"{path}: {v['id']} ({v['impact']}) {v['help']} → {', '.join(v['targets'])}{more}")
    return lines


def check(page: Any, web: str, paths: list[str]) -> list[str]:
    found = []
    for path in paths:
        page.goto(f"{web}{path}")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(200)
        found += violations(page, path)
    return found


def _people(http: Any, factory: Any) -> dict[str, tuple[str, list[str]]]:
    """An employee with a report and a leave request waiting, their supervisor, HR and an admin of the SKPD."""
    skpd = factory.skpd()
    boss = factory.employee(skpd, roles=("ATASAN",), name="dr. Andi Wijaya")
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Rina Kepegawaian")
    admin = factory.employee(skpd, roles=("ADMIN",), name="Budi Admin")
    nip = factory.employee(skpd, supervisor=boss, name="Agus Pratama")
    attend(nip, today_wib())
    token = http.login(nip)
    status, created = http.call("POST", "/reports", report_body(today_wib()), token=token)
    assert status == 201, created
    start, end = _working_span(2)
    status, leave = http.call("POST", "/leave", leave_request(start, end), token=token)
    assert status == 201, leave
    # an approved SKP: /skp lists its quarters, and the supervisor's quarter page shows the assessment form
    from tests.browser.test_assessment_journey import _approved_skp

    today = today_wib()
    _approved_skp(http, token, http.login(boss), today.year)
    quarter = f"/skp/staf/{nip}/{today.year}/triwulan/{(today.month - 1) // 3 + 1}"
    return {
        "pegawai": (nip, [*EMPLOYEE_PAGES, f"/laporan/{created['report_id']}"]),
        "atasan": (boss, [*SUPERVISOR_PAGES, quarter]),
        "kepegawaian": (hr, HR_PAGES),
        "admin": (admin, [*ADMIN_PAGES, f"/pegawai/{nip}"]),
    }


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_main_page_of_every_role_has_no_wcag_2_1_a_or_aa_violation(browse, http, factory, viewport):
    found = []
    page = browse.page(viewport=viewport)
    page.goto(f"{browse.web}/masuk")
    page.wait_for_load_state("networkidle")
    found += violations(page, "/masuk")
    for role, (who, paths) in _people(http, factory).items():
        page = browse.page(viewport=viewport)
        browse.sign_in(page, who, PASSWORD)
        found += [f"[{role}] {line}" for line in check(page, browse.web, paths)]
    assert found == [], "WCAG 2.1 A/AA violations (axe-core):\n" + "\n".join(found)


def test_the_decision_dialog_and_the_dense_table_with_an_open_row_have_no_wcag_violation(browse, http, factory):
    people = _people(http, factory)
    boss = people["atasan"][0]
    page = browse.page(viewport=DESKTOP)
    browse.sign_in(page, boss, PASSWORD)
    page.goto(f"{browse.web}/persetujuan?jenis=laporan")
    page.wait_for_load_state("networkidle")
    page.get_by_test_id("verdict-reject").first.click()
    page.get_by_test_id("decision-form").wait_for()
    page.wait_for_timeout(200)
    found = violations(page, "/persetujuan (dialog)")
    page.get_by_role("button", name="Batal").click()
    page.get_by_test_id("layout-tabel").click()  # the dense table, a row chosen and one opened
    page.get_by_test_id("select-all").check()
    page.get_by_test_id("row-open").first.click()
    page.get_by_test_id("decision-item").wait_for()
    found += violations(page, "/persetujuan (tabel)")
    assert found == [], "WCAG 2.1 A/AA violations (axe-core):\n" + "\n".join(found)
