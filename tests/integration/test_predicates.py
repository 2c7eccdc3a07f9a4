"""A quarter's predicates in bulk over HTTP (issue 19): staff of two satker assessed by their supervisor → HR of the
SKPD sees the distribution per satker (HR of another SKPD is refused, BKD names any SKPD) → the supervisor's and
the SKPD's Excel, built by the exports worker and read back with openpyxl → requests per call stay constant."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
import requests
from openpyxl import load_workbook

from chalicelib.domain.assessment import quarter_of
from tests.integration.test_request_counts import _measure, dynamodb_calls  # noqa: F401 - a fixture
from tests.integration.test_skp import approved_skp, ok, target
from tests.support import decide, today_wib

ABOVE, AS_EXPECTED, BELOW = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"


def second_satker(skpd: tuple[str, str]) -> tuple[str, str]:
    from chalicelib.domain.identity import TimeZone
    from chalicelib.domain.organisation import Satker
    from chalicelib.store.organisation import DynamoOrgRepository

    satker_id = f"{skpd[1]}-B"
    DynamoOrgRepository().save_satker(Satker(skpd[0], satker_id, f"Bidang Uji {skpd[0]}", TimeZone.WIB))
    return skpd[0], satker_id


def assessed(http, staff_token: str, boss_token: str, year: int, q: int, results: str, behaviour: str) -> dict:
    skp = approved_skp(http, staff_token, boss_token, year, target("Menyusun laporan keuangan"))
    body = {"results": results, "behaviour": behaviour, "realisations": [], "feedback": "Terus tingkatkan."}
    return ok(http.call("PUT", f"/skp/{skp['skp_id']}/quarters/{q}/assessment", body, token=boss_token))


@pytest.fixture
def office(http, factory):
    skpd = factory.skpd()
    other = second_satker(skpd)
    head = factory.employee(skpd, name="Kepala Dinas Uji")
    boss = factory.employee(skpd, supervisor=head, name="Atasan Uji")
    sari = factory.employee(skpd, supervisor=boss, name="Sari Uji")
    budi = factory.employee(skpd, supervisor=boss, name="Budi Uji")
    citra = factory.employee(other, supervisor=boss, name="Citra Uji")
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Petugas Kepegawaian Uji")
    elsewhere = factory.skpd()
    hr_elsewhere = factory.employee(elsewhere, roles=("KEPEGAWAIAN",), name="Kepegawaian Lain Uji")
    bkd = factory.employee(elsewhere, roles=("BKD",), name="Petugas BKD Uji")
    people = {"boss": boss, "sari": sari, "budi": budi, "citra": citra, "hr": hr, "hr_elsewhere": hr_elsewhere}
    people["bkd"] = bkd
    return {
        "skpd": skpd,
        "other": other,
        "elsewhere": elsewhere,
        **people,
        "tokens": {role: http.login(nip) for role, nip in people.items()},
    }


def test_distribution_per_satker_access_and_the_excel(http, office, runner):
    t, today = office["tokens"], today_wib()
    year, q = today.year, quarter_of(today)
    (skpd_id, first_satker), second = office["skpd"], office["other"][1]
    sari = assessed(http, t["sari"], t["boss"], year, q, ABOVE, ABOVE)
    assessed(http, t["budi"], t["boss"], year, q, AS_EXPECTED, AS_EXPECTED)
    assessed(http, t["citra"], t["boss"], year, q, AS_EXPECTED, BELOW)
    ok(decide(http, t["sari"], "assessment_ack", sari["id"], "APPROVE", version=sari["version"]))

    # HR of the SKPD: their own SKPD by default, every satker with its counts and the totals
    path = f"/skp/predicates?year={year}&quarter={q}"
    seen = ok(http.call("GET", path, token=t["hr"]))
    assert (seen["skpd"]["skpd_id"], seen["quarter"], seen["label"].startswith("Triwulan")) == (skpd_id, q, True)
    assert [p["label"] for p in seen["predicates"]] == [
        "Sangat Baik",
        "Baik",
        "Butuh Perbaikan",
        "Kurang/Misconduct",
        "Sangat Kurang",
    ]
    counts = {s["satker_id"]: (s["counts"], s["assessed"]) for s in seen["satker"]}
    zero = dict.fromkeys(("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"), 0)
    assert counts == {
        first_satker: ({**zero, "SANGAT_BAIK": 1, "BAIK": 1}, 2),
        second: ({**zero, "KURANG": 1}, 1),
    }
    assert (seen["totals"]["counts"], seen["totals"]["assessed"]) == (
        {**zero, "SANGAT_BAIK": 1, "BAIK": 1, "KURANG": 1},
        3,
    )
    assert ok(http.call("GET", f"{path}&skpd_id={skpd_id}", token=t["hr"]))["totals"]["assessed"] == 3
    other_quarter = ok(http.call("GET", f"/skp/predicates?year={year - 1}&quarter={q}", token=t["hr"]))
    assert other_quarter["totals"]["assessed"] == 0 and len(other_quarter["satker"]) == 2

    # HR of another SKPD is refused this one (and sees only their own); staff and supervisors are no HR
    refused = ok(http.call("GET", f"{path}&skpd_id={skpd_id}", token=t["hr_elsewhere"]), 403)
    assert refused["code"] == "FORBIDDEN"
    own = ok(http.call("GET", path, token=t["hr_elsewhere"]))
    assert (own["skpd"]["skpd_id"], own["totals"]["assessed"]) == (office["elsewhere"][0], 0)
    for who in ("boss", "sari"):
        assert ok(http.call("GET", path, token=t[who]), 403)["code"] == "FORBIDDEN"
    assert ok(http.call("GET", f"/skp/predicates?year={year}&quarter=5", token=t["hr"]), 400)["code"] == (
        "INVALID_QUARTER"
    )

    # BKD names any SKPD (and must name one)
    assert ok(http.call("GET", path, token=t["bkd"]), 400)["code"] == "SKPD_REQUIRED"
    by_bkd = ok(http.call("GET", f"{path}&skpd_id={skpd_id}", token=t["bkd"]))
    assert by_bkd["satker"] == seen["satker"]
    assert ok(http.call("GET", f"{path}&skpd_id=TIDAK-ADA", token=t["bkd"]), 404)["code"] == "SKPD_NOT_FOUND"

    # the supervisor's Excel of their staff, built by the worker, read back
    exports = "/skp/predicates/exports"
    job = ok(http.call("POST", exports, {"year": year, "quarter": q, "scope": "penilai"}, token=t["boss"]), 202)
    assert job["status"] == "PENDING"
    runner.deliver_queue()
    done = ok(http.call("GET", f"/exports/{job['job_id']}", token=t["boss"]))
    assert done["status"] == "DONE", done
    assert http.call("GET", f"/exports/{job['job_id']}", token=t["sari"])[0] == 404  # the supervisor's file
    book = load_workbook(io.BytesIO(requests.get(done["url"], timeout=10).content))
    sheet = book["Predikat"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == [
        "No",
        "NIP",
        "Nama",
        "Jabatan",
        "Satker",
        "Pejabat penilai",
        "Rating hasil kerja",
        "Rating perilaku kerja",
        "Predikat kinerja",
        "Dibaca pegawai",
    ]
    table = {r[1]: r for r in rows[1:4]}
    assert set(table) == {office["sari"], office["budi"], office["citra"]}
    assert all(isinstance(nip, str) and len(nip) == 18 for nip in table)  # NIPs stay text
    sari_row, citra_row = table[office["sari"]], table[office["citra"]]
    labels = ["Di Atas Ekspektasi", "Di Atas Ekspektasi", "Sangat Baik"]
    assert (sari_row[2], sari_row[5], sari_row[6:9]) == ("Sari Uji", "Atasan Uji", labels)
    assert isinstance(sari_row[9], datetime) and sari_row[9].date() == today
    assert (citra_row[4], citra_row[8], citra_row[9]) == (f"Bidang Uji {skpd_id}", "Kurang/Misconduct", "Belum")
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    totals = [list(r) for r in book["Per satker"].iter_rows(values_only=True)][-1]
    assert totals == ["Jumlah", 1, 1, 0, 1, 0, 3]

    # the SKPD's Excel for HR (one satker), and who may not ask for one
    body = {"year": year, "quarter": q, "scope": "skpd", "satker_id": second}
    job = ok(http.call("POST", exports, body, token=t["hr"]), 202)
    runner.deliver_queue()
    done = ok(http.call("GET", f"/exports/{job['job_id']}", token=t["hr"]))
    assert done["status"] == "DONE", done
    book = load_workbook(io.BytesIO(requests.get(done["url"], timeout=10).content))
    rows = [list(r) for r in book["Predikat"].values]
    assert [r[1] for r in rows[1:] if r and isinstance(r[0], int)] == [office["citra"]]
    assert ok(http.call("POST", exports, {**body, "skpd_id": skpd_id}, token=t["hr_elsewhere"]), 403)["code"] == (
        "FORBIDDEN"
    )
    assert ok(http.call("POST", exports, {**body, "scope": "penilai"}, token=t["sari"]), 403)["code"] == "NO_STAFF"
    assert ok(http.call("POST", exports, {**body, "scope": "skpd"}, token=t["boss"]), 403)["code"] == "FORBIDDEN"
    assert ok(http.call("POST", exports, {**body, "quarter": 0}, token=t["hr"]), 400)["code"] == "INVALID_QUARTER"


def test_requests_per_call_stay_constant_as_assessments_grow(http, factory, dynamodb_calls):  # noqa: F811
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="Atasan Uji")
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",))
    boss_token, hr_token = http.login(boss), http.login(hr)
    today = today_wib()
    year, q = today.year, quarter_of(today)
    path = f"/skp/predicates?year={year}&quarter={q}"
    body = {"year": year, "quarter": q, "scope": "penilai"}

    def grow(n: int) -> None:
        for _ in range(n):
            nip = factory.employee(skpd, supervisor=boss)
            assessed(http, http.login(nip), boss_token, year, q, AS_EXPECTED, AS_EXPECTED)

    grow(1)
    small = {
        "distribution": _measure(dynamodb_calls, lambda: http.call("GET", path, token=hr_token)),
        "export": _measure(
            dynamodb_calls, lambda: http.call("POST", "/skp/predicates/exports", body, token=boss_token)
        ),
    }
    grow(3)
    large = {
        "distribution": _measure(dynamodb_calls, lambda: http.call("GET", path, token=hr_token)),
        "export": _measure(
            dynamodb_calls, lambda: http.call("POST", "/skp/predicates/exports", body, token=boss_token)
        ),
    }
    assert small == large, (small, large)
    assert "Scan" not in {op for counts in large.values() for op in counts}
    assert ok(http.call("GET", path, token=hr_token))["totals"]["assessed"] == 4
