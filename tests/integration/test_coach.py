"""The report coach over HTTP: advice on a draft, hints stored on a report, in the supervisor's queue card and in
HR's recap (against DynamoDB Local, through the by_satker_day projection)."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
import requests
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.support import attend, queue, report_body, today_wib

GOOD = "Menyusun draf laporan keuangan triwulan IV Bidang Anggaran untuk direviu Kepala Bidang"
YESTERDAY_TEXT = "Memeriksa kelengkapan 25 berkas usulan kenaikan pangkat periode April"


@pytest.fixture
def office(http, factory):
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="Bambang Atasan")
    staff = factory.employee(skpd, supervisor=boss, name="Wulan Pegawai")
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Petugas Kepegawaian")
    today = today_wib()
    for back in range(2):
        attend(staff, today - timedelta(days=back))
    return {
        "skpd": skpd,
        "staff": staff,
        "today": today,
        "staff_token": http.login(staff),
        "boss_token": http.login(boss),
        "hr_token": http.login(hr),
    }


def _codes(answer: dict) -> list[str]:
    return [h["code"] if isinstance(h, dict) else h for h in answer["hints"]]


def test_advice_on_a_draft_while_it_is_typed(http, office):
    token = office["staff_token"]
    status, answer = http.call("POST", "/reports/hints", {"description": "Bekerja"}, token=token)
    assert status == 200, answer
    assert _codes(answer) == ["TOO_SHORT", "NO_WORK_VERB", "NO_OUTPUT"]
    verb = answer["hints"][1]
    assert verb["field"] == "description" and "kata kerja operasional" in verb["message"] and verb["example"]
    good = {"description": GOOD, "output": "Draf laporan keuangan (12 halaman)", "start_time": "08:00"}
    assert http.call("POST", "/reports/hints", good, token=token) == (200, {"hints": []})
    assert http.call("POST", "/reports/hints", None, token=token) == (200, {"hints": []})
    long_day = {**good, "start_time": "06:00", "end_time": "17:30"}
    assert _codes(http.call("POST", "/reports/hints", long_day, token=token)[1]) == ["LONGER_THAN_WORKDAY"]
    status, refused = http.call("POST", "/reports/hints", {"start_time": "8 pagi"}, token=token)
    assert status == 400 and refused["code"] == "INVALID_TIME"
    assert http.call("POST", "/reports/hints", {"description": "Bekerja"})[0] == 401


def test_hints_are_stored_shown_and_recomputed(http, office):
    token, today = office["staff_token"], office["today"]
    yesterday = today - timedelta(days=1)
    assert http.call("POST", "/reports", report_body(yesterday, description=YESTERDAY_TEXT), token=token)[0] == 201
    draft = {"date": today.isoformat(), "description": YESTERDAY_TEXT.lower()}
    assert _codes(http.call("POST", "/reports/hints", draft, token=token)[1]) == ["SAME_AS_YESTERDAY", "NO_OUTPUT"]

    status, report = http.call("POST", "/reports", report_body(today, description=YESTERDAY_TEXT), token=token)
    assert status == 201 and report["hints"] == ["SAME_AS_YESTERDAY"]
    status, read = http.call("GET", f"/reports/{report['report_id']}", token=token)
    assert status == 200 and read["hints"] == ["SAME_AS_YESTERDAY"]
    listed = http.call("GET", f"/reports?from={today}&to={today}", token=token)[1]["items"]
    assert [r["hints"] for r in listed] == [["SAME_AS_YESTERDAY"]]

    patch = {"version": report["version"], "description": "Bekerja"}
    status, edited = http.call("PATCH", f"/reports/{report['report_id']}", patch, token=token)
    assert status == 200 and edited["hints"] == ["TOO_SHORT", "NO_WORK_VERB"]

    _, waiting = queue(http, office["boss_token"], "report")
    card = next(i for i in waiting["items"] if i["id"] == report["report_id"])
    assert {"label": "Saran penulisan", "value": "Uraian terlalu singkat; uraian tidak diawali kata kerja"} in (
        card["summary"]
    )
    assert card["detail"]["hints"] == ["TOO_SHORT", "NO_WORK_VERB"]

    patch = {"version": edited["version"], "description": GOOD}
    status, better = http.call("PATCH", f"/reports/{report['report_id']}", patch, token=token)
    assert status == 200 and better["hints"] == []
    _, waiting = queue(http, office["boss_token"], "report")
    card = next(i for i in waiting["items"] if i["id"] == report["report_id"])
    assert not [line for line in card["summary"] if line["label"] == "Saran penulisan"]


def test_hr_s_recap_counts_reports_with_hints_per_satker(http, office, runner):
    token, today = office["staff_token"], office["today"]
    yesterday = today - timedelta(days=1)
    bodies = [
        report_body(yesterday, description=YESTERDAY_TEXT),
        report_body(today, "08:00", "09:00", description="Rapat", output="-"),
        report_body(today, "09:00", "10:00", description=GOOD),
        report_body(today, "10:00", "11:00", description=YESTERDAY_TEXT),  # the same as the day before
    ]
    for body in bodies:
        assert http.call("POST", "/reports", body, token=token)[0] == 201
    period = {"period": "range", "from": yesterday.isoformat(), "to": today.isoformat()}
    satker = {"kind": "recap", "scope": {"type": "satker", "satker_id": office["skpd"][1]}, **period}

    def finish(body: dict) -> bytes:
        status, job = http.call("POST", "/exports", body, token=office["hr_token"])
        assert status == 202, job
        runner.deliver_queue()
        status, done = http.call("GET", f"/exports/{job['job_id']}", token=office["hr_token"])
        assert status == 200 and done["status"] == "DONE", done
        return requests.get(done["url"], timeout=10).content

    sheet = load_workbook(io.BytesIO(finish({**satker, "format": "xlsx"})))["Rekap"]
    header = [c.value for c in sheet[1]]
    column = header.index("Dengan saran penulisan")
    line = next(row for row in sheet.iter_rows(min_row=2) if row[1].value == office["staff"])
    assert line[column].value == 2
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(finish({**satker, "format": "pdf"}))).pages)
    assert "Laporan dengan saran penulisan" in text
