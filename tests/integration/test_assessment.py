"""The quarterly assessment over HTTP (issue 19): an approved SKP → a report linked to an RHK → the quarter's
summary shows it → the supervisor assesses (the employee cannot assess themself) → the employee acknowledges it
from their inbox (kind `assessment_ack`) → the PDF's text read back names the predicate and the people."""

from __future__ import annotations

import io

import requests
from pypdf import PdfReader

from chalicelib.domain.assessment import quarter_of
from tests.integration.test_skp import approved_skp, office, ok, target  # noqa: F401 - office is a fixture
from tests.support import attend, decide, queue, report_body, today_wib


def pdf_text(url: str) -> str:
    downloaded = requests.get(url, timeout=10)
    assert downloaded.status_code == 200 and downloaded.content.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(downloaded.content)).pages)


def test_summary_assessment_acknowledgement_and_pdf(http, office):  # noqa: F811 - the fixture, imported
    t, today = office["tokens"], today_wib()
    year, q = today.year, quarter_of(today)
    skp = approved_skp(http, t["staff"], t["boss"], year, target("Menyusun laporan keuangan"))
    sid, rhk = skp["skp_id"], skp["approved_targets"][0]["rhk_id"]

    # a report linked to the RHK shows in the quarter's summary, for the supervisor
    attend(office["staff"], today)
    ok(http.call("POST", "/reports", report_body(today, "08:00", "10:00", rhk_id=rhk), token=t["staff"]), 201)
    summary = ok(http.call("GET", f"/skp/{sid}/quarters/{q}", token=t["boss"]))
    (row,) = summary["targets"]
    assert (row["rhk_id"], row["reports"]) == (rhk, {"count": 1, "approved": 0, "with_evidence": 0, "hours": 2.0})
    assert summary["without_rhk"]["count"] == 0 and summary["attendance_days"] >= 1
    assert (summary["employee"]["name"], summary["penilai"]["name"], summary["assessment"]) == (
        "Sari Uji",
        "Atasan Uji",
        None,
    )
    assert ok(http.call("GET", f"/skp/{sid}/quarters/{q}", token=t["other"]), 403)["code"] == "FORBIDDEN"
    assert ok(http.call("GET", f"/skp/{sid}/quarters/5", token=t["boss"]), 400)["code"] == "INVALID_QUARTER"
    assert ok(http.call("GET", f"/skp/{sid}/quarters/{q}", token=t["hr"]))["skp_id"] == sid

    # the supervisor assesses; the employee cannot assess themself, nor can anyone else
    body = {
        "results": "DI_ATAS_EKSPEKTASI",
        "behaviour": "DI_ATAS_EKSPEKTASI",
        "realisations": [{"rhk_id": rhk, "indicator": 0, "value": "3 dokumen"}],
        "feedback": "Laporan tepat waktu dan lengkap.",
        "value_notes": {"Berorientasi Pelayanan": "Sigap melayani."},
    }
    path = f"/skp/{sid}/quarters/{q}/assessment"
    assert ok(http.call("PUT", path, body, token=t["staff"]), 403)["code"] == "SELF_DECISION"
    assert ok(http.call("PUT", path, body, token=t["other"]), 403)["code"] == "FORBIDDEN"
    assessed = ok(http.call("PUT", path, body, token=t["boss"]))
    assert (assessed["predicate"], assessed["predicate_label"], assessed["status"]) == (
        "SANGAT_BAIK",
        "Sangat Baik",
        "ASSESSED",
    )
    changed = ok(http.call("PUT", path, {**body, "behaviour": "SESUAI_EKSPEKTASI", "version": 1}, token=t["boss"]))
    assert (changed["predicate_label"], changed["version"]) == ("Baik", 2)
    assert ok(http.call("PUT", path, {**body, "version": 1}, token=t["boss"]), 409)["code"] == "CONFLICT"

    # it waits in the employee's inbox; they acknowledge it ("Saya sudah membaca")
    inbox = ok(http.call("GET", "/me/inbox", token=t["staff"]))
    assert inbox["kinds"] == [{"kind": "assessment_ack", "label": "Penilaian triwulan", "count": 1, "delegated": []}]
    (item,) = ok(queue(http, t["staff"], "assessment_ack"))["items"]
    assert (item["id"], item["verdicts"], item["employee"]["name"]) == (changed["id"], ["APPROVE"], "Atasan Uji")
    assert {"label": "Predikat kinerja", "value": "Baik"} in item["summary"]
    (document,) = item["files"]  # the card links the assessment's PDF
    assert (document["label"], document["filename"]) == (
        f"PDF Penilaian {changed['label']}",
        f"penilaian-{office['staff']}-{year}-triwulan-{q}.pdf",
    )
    assert "Sari Uji" in pdf_text(document["url"])
    assert ok(decide(http, t["boss"], "assessment_ack", item["id"], "APPROVE"), 403)["code"] == "FORBIDDEN"
    done = ok(decide(http, t["staff"], "assessment_ack", item["id"], "APPROVE", version=changed["version"]))
    assert (done["status"], done["status_label"]) == ("ACKNOWLEDGED", "Sudah dibaca pegawai")
    assert ok(http.call("GET", "/me/inbox", token=t["staff"]))["kinds"] == []
    again = ok(http.call("PUT", path, {**body, "version": done["version"]}, token=t["boss"]), 409)
    assert again["code"] == "ASSESSMENT_ACKNOWLEDGED"
    summary = ok(http.call("GET", f"/skp/{sid}/quarters/{q}", token=t["staff"]))
    assert summary["assessment"]["status"] == "ACKNOWLEDGED"
    # the year's last quarter closes the SKP
    status = ok(http.call("GET", f"/skp?year={year}", token=t["staff"]))["status"]
    assert status == ("CLOSED" if q == 4 else "APPROVED")

    # the PDF, read back
    link = ok(http.call("GET", f"{path}/pdf", token=t["staff"]))
    assert link["filename"] == f"penilaian-{office['staff']}-{year}-triwulan-{q}.pdf"
    text = pdf_text(link["url"])
    for expected in ("PENILAIAN KINERJA PEGAWAI", "BAIK", "Sari Uji", "Atasan Uji", "Menyusun laporan keuangan"):
        assert expected in text, expected
    assert ok(http.call("GET", f"{path}/pdf", token=t["other"]), 403)["code"] == "FORBIDDEN"
