"""Preview, export jobs through the exports queue, files in S3 and their content, scope of recaps."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
import requests
from openpyxl import load_workbook
from pypdf import PdfReader

from chalicelib.domain.messages import indonesian_date
from chalicelib.domain.workdays import is_working_day
from tests.support import attend, report_body, today_wib


@pytest.fixture
def office(http, factory):
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="dr. Kepala Satker")
    staff = [factory.employee(skpd, supervisor=boss, name=f"Pegawai Ekspor {n}") for n in range(2)]
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Petugas Kepegawaian")
    day = today_wib()
    # the two latest working days within the backdate window, so the counts hold on any date
    days = [d for d in (day - timedelta(days=back) for back in range(7)) if is_working_day(d)][:2]
    tokens = {nip: http.login(nip) for nip in [boss, hr, *staff]}
    for n, nip in enumerate(staff):
        for back, worked in enumerate(days):
            attend(nip, worked)
            body = report_body(worked, title=f"Kegiatan {n}-{back} “penting”")
            assert http.call("POST", "/reports", body, token=tokens[nip])[0] == 201
    period = {"period": "range", "from": days[-1].isoformat(), "to": day.isoformat()}
    return {
        "skpd": skpd,
        "boss": boss,
        "staff": staff,
        "hr": hr,
        "day": day,
        "days": days,
        "tokens": tokens,
        "period": period,
    }


def _finish(http, runner, token, body):
    status, job = http.call("POST", "/exports", body, token=token)
    assert status == 202, job
    assert http.call("GET", f"/exports/{job['job_id']}", token=token)[1]["status"] == "PENDING"
    runner.deliver_queue()
    status, done = http.call("GET", f"/exports/{job['job_id']}", token=token)
    assert status == 200 and done["status"] == "DONE", done
    return requests.get(done["url"], timeout=10).content


def test_preview_gives_rows_and_totals(http, office):
    token, day = office["tokens"][office["staff"][0]], office["day"]
    status, preview = http.call("GET", f"/exports/preview?period=week&date={day}", token=token)
    assert status == 200 and preview["totals"]["reports"] >= 1
    assert preview["rows"][0]["status_label"] == "Diajukan"
    month = http.call("GET", f"/exports/preview?period=month&month={day:%Y-%m}&status=APPROVED", token=token)[1]
    assert month["rows"] == [] and month["totals"]["reports"] == 0
    assert http.call("GET", "/exports/preview?period=year", token=token)[1]["code"] == "INVALID_PERIOD"


def test_employee_pdf_and_excel(http, office, runner):
    nip = office["staff"][0]
    token, day = office["tokens"][nip], office["day"]
    body = {"kind": "reports", **office["period"]}
    data = _finish(http, runner, token, {**body, "format": "pdf"})
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "LAPORAN KEGIATAN HARIAN" in text and "Pegawai Ekspor 0" in text and nip in text
    assert "Kegiatan 0-0 “penting”" in text and "Mengetahui," in text and "dr. Kepala Satker" in text
    # dates and times as the screens write them, in the employee's zone (issue 18, item 7)
    for worked in office["days"]:
        assert f"{indonesian_date(worked)} 08.00–09.00 WIB" in text
    assert not re.search(r"\d{2}/\d{2}/\d{4}|\d{2}:\d{2}", text)
    sheet = load_workbook(io.BytesIO(_finish(http, runner, token, {**body, "format": "xlsx"})))["Laporan"]
    assert [c.value for c in sheet[1]][:3] == ["No", "Tanggal", "Mulai"]
    assert sheet["B2"].value.date() <= day and isinstance(sheet["E2"].value, int) and sheet.max_row >= 2


def test_recaps_in_scope_and_refused_out_of_scope(http, office, runner, factory):
    period = office["period"]
    boss, hr = office["tokens"][office["boss"]], office["tokens"][office["hr"]]
    data = _finish(http, runner, boss, {"kind": "recap", "format": "pdf", "scope": {"type": "subordinates"}, **period})
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "REKAPITULASI LAPORAN KEGIATAN HARIAN" in text and "Pegawai Ekspor 1" in text
    assert "Rincian laporan kegiatan" in text and "Kegiatan 1-0 “penting”" in text
    assert f"{indonesian_date(office['days'][0])} 08.00–09.00 WIB" in text
    book = load_workbook(
        io.BytesIO(
            _finish(
                http,
                runner,
                hr,
                {
                    "kind": "recap",
                    "format": "xlsx",
                    "scope": {"type": "satker", "satker_id": office["skpd"][1]},
                    **period,
                },
            )
        )
    )
    recap = {row[1].value: row for row in book["Rekap"].iter_rows(min_row=2)}
    line = recap[office["staff"][0]]
    # working days, attended, days with a report, submitted
    assert line[4].value >= 2 and line[5].value == 2 and line[6].value == 2 and line[7].value == 2
    assert book["Laporan"].max_row == 1 + 4
    assert _finish(http, runner, hr, {"kind": "recap", "format": "xlsx", "scope": {"type": "skpd"}, **period})
    other_hr = http.login(factory.employee(factory.skpd(), roles=("KEPEGAWAIAN",)))
    foreign = {"kind": "recap", "format": "pdf", "scope": {"type": "skpd", "skpd_id": office["skpd"][0]}, **period}
    assert http.call("POST", "/exports", foreign, token=other_hr)[0] == 403
    staff_token = office["tokens"][office["staff"][0]]
    assert http.call("POST", "/exports", {**foreign, "scope": {"type": "skpd"}}, token=staff_token)[0] == 403
    _, job = http.call("POST", "/exports", {"kind": "reports", "format": "pdf", **period}, token=staff_token)
    assert http.call("GET", f"/exports/{job['job_id']}", token=boss)[0] == 404
    for bad, code in (
        ({"kind": "x"}, "INVALID_KIND"),
        ({"format": "doc"}, "INVALID_FORMAT"),
        ({"scope": "all"}, "INVALID_TYPE"),
    ):
        body = {"kind": "recap", "format": "pdf", "scope": {"type": "subordinates"}, **period, **bad}
        assert http.call("POST", "/exports", body, token=boss)[1]["code"] == code


def test_an_empty_period_is_a_clear_document(http, office, runner):
    token = office["tokens"][office["staff"][1]]
    data = _finish(http, runner, token, {"kind": "reports", "format": "pdf", "period": "month", "month": "2025-01"})
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Tidak ada laporan pada periode ini." in text and "Januari 2025" in text


def test_a_recap_of_a_period_not_ended_counts_working_days_up_to_today_and_says_so(http, office, runner):
    from datetime import date

    from chalicelib.domain.messages import indonesian_date

    day, boss, hr = office["day"], office["tokens"][office["boss"]], office["tokens"][office["hr"]]
    first = date.fromisoformat(office["period"]["from"])
    open_period = {"period": "range", "from": first.isoformat(), "to": (day + timedelta(days=10)).isoformat()}
    so_far = sum(1 for n in range((day - first).days + 1) if is_working_day(first + timedelta(days=n)))
    note = f"Posisi per {indonesian_date(day)}"

    pdf = _finish(
        http, runner, boss, {"kind": "recap", "format": "pdf", "scope": {"type": "subordinates"}, **open_period}
    )
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert note in text and "Pegawai Ekspor 0" in text

    satker = {"kind": "recap", "format": "xlsx", "scope": {"type": "satker", "satker_id": office["skpd"][1]}}
    sheet = load_workbook(io.BytesIO(_finish(http, runner, hr, {**satker, **open_period})))["Rekap"]
    line = next(row for row in sheet.iter_rows(min_row=2) if row[1].value == office["staff"][0])
    # the ten days still to come are not counted as missed: working days up to today, attended 2
    assert (line[4].value, line[5].value, line[6].value) == (so_far, 2, 2)
    notes = [c.value for c in sheet["A"] if isinstance(c.value, str) and c.value.startswith("Posisi per")]
    assert notes == [f"{note}: hari kerja dihitung sampai tanggal ini."]

    ended = load_workbook(io.BytesIO(_finish(http, runner, hr, {**satker, **office["period"]})))["Rekap"]
    assert not any(isinstance(c.value, str) and c.value.startswith("Posisi per") for c in ended["A"])
    text = "\n".join(
        p.extract_text()
        for p in PdfReader(
            io.BytesIO(
                _finish(
                    http,
                    runner,
                    boss,
                    {"kind": "recap", "format": "pdf", "scope": {"type": "subordinates"}, **office["period"]},
                )
            )
        ).pages
    )
    assert "Posisi per" not in text
