"""Finding 10: an upload is stored and served under a name whose extension matches its real content."""

from __future__ import annotations

import pytest
import requests

from tests.support import attend, report_body, today_wib

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
PDF = b"%PDF-1.7\n" + b"0" * 400


@pytest.fixture
def report(http, factory):
    nip = factory.employee(factory.skpd())
    token = http.login(nip)
    attend(nip, today_wib())
    return http.call("POST", "/reports", report_body(today_wib()), token=token)[1]["report_id"], token


def _attach(http, rid, token, filename, content_type, data) -> dict:
    status, slip = http.call(
        "POST",
        f"/reports/{rid}/evidence",
        {"filename": filename, "content_type": content_type, "size": len(data)},
        token=token,
    )
    assert status == 201, slip
    form = slip["upload"]
    requests.post(form["url"], data=form["fields"], files={"file": (filename, data)}, timeout=10).raise_for_status()
    status, body = http.call(
        "POST", f"/reports/{rid}/evidence/confirm", {"upload_token": slip["upload_token"]}, token=token
    )
    assert status == 200, body
    return body["evidence"][-1]


@pytest.mark.parametrize(
    "filename,content_type,data,stored",
    [
        ("virus.exe", "image/png", PNG, "virus.png"),
        ("laporan.pdf.exe", "application/pdf", PDF, "laporan.pdf"),
        ("foto.PNG", "image/png", PNG, "foto.png"),
        ("tanpa-ekstensi", "application/pdf", PDF, "tanpa-ekstensi.pdf"),
        ('a"b;c.html', "image/png", PNG, "a_b_c.png"),
        (".exe", "image/png", PNG, "bukti.png"),
    ],
)
def test_the_stored_name_follows_the_detected_type(http, report, filename, content_type, data, stored):
    rid, token = report
    evidence = _attach(http, rid, token, filename, content_type, data)
    assert evidence["filename"] == stored
    download = requests.get(evidence["url"], timeout=10)
    assert download.status_code == 200 and download.content == data
    disposition = download.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and f'filename="{stored}"' in disposition, disposition
