"""Evidence uploads over real HTTP to the S3 server: presigned POST, content check, presigned GET."""

from __future__ import annotations

import pytest
import requests

from tests.support import attend, report_body, today_wib

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 300
PDF = b"%PDF-1.7\n" + b"0" * 400
EXE = b"MZ\x90\x00" + b"\x00" * 300


@pytest.fixture
def report(http, factory):
    nip = factory.employee(factory.skpd())
    token = http.login(nip)
    attend(nip, today_wib())
    status, body = http.call("POST", "/reports", report_body(today_wib()), token=token)
    assert status == 201
    return body["report_id"], token


def _upload(http, token, rid, filename, content_type, data, declared_size=None):
    status, slip = http.call(
        "POST",
        f"/reports/{rid}/evidence",
        {"filename": filename, "content_type": content_type, "size": declared_size or len(data)},
        token=token,
    )
    assert status == 201, slip
    form = slip["upload"]
    posted = requests.post(form["url"], data=form["fields"], files={"file": (filename, data, content_type)}, timeout=10)
    assert posted.status_code in (200, 201, 204), posted.text
    return slip


def test_upload_confirm_and_download(http, report):
    rid, token = report
    for name, kind, data in (
        ("foto kegiatan.png", "image/png", PNG),
        ("bukti.jpg", "image/jpeg", JPEG),
        ("surat.pdf", "application/pdf", PDF),
    ):
        slip = _upload(http, token, rid, name, kind, data)
        status, body = http.call(
            "POST", f"/reports/{rid}/evidence/confirm", {"upload_token": slip["upload_token"]}, token=token
        )
        assert status == 200, body
    assert [e["content_type"] for e in body["evidence"]] == ["image/png", "image/jpeg", "application/pdf"]
    assert body["evidence"][0]["filename"] == "foto kegiatan.png" and body["evidence"][0]["size"] == len(PNG)
    assert body["history"][-1]["action"] == "EVIDENCE_ADDED"
    downloaded = requests.get(body["evidence"][2]["url"], timeout=10)
    assert downloaded.status_code == 200 and downloaded.content == PDF
    assert downloaded.headers["Content-Disposition"] == 'attachment; filename="surat.pdf"'
    # confirming twice is harmless
    again = http.call("POST", f"/reports/{rid}/evidence/confirm", {"upload_token": slip["upload_token"]}, token=token)[
        1
    ]
    assert len(again["evidence"]) == 3
    status, removed = http.call("DELETE", f"/reports/{rid}/evidence/{body['evidence'][0]['evidence_id']}", token=token)
    assert status == 200 and len(removed["evidence"]) == 2


def test_disguised_and_oversize_files_that_s3_accepted_are_refused_and_deleted(http, report, stack):
    from chalicelib.config import settings
    from chalicelib.integrations.aws import client
    from chalicelib.security import tokens

    rid, token = report
    s3 = client("s3")
    cases = [
        ("laporan.png", "image/png", EXE, None, 400, "FILE_CONTENT_MISMATCH"),  # a renamed .exe
        ("foto.jpg", "image/jpeg", PNG, None, 400, "FILE_CONTENT_MISMATCH"),  # real PNG declared as JPEG
        (
            "besar.pdf",
            "application/pdf",
            PDF + b"0" * (2 * 1024 * 1024),
            1000,
            413,
            "FILE_TOO_LARGE",
        ),  # lied about size
    ]
    for name, kind, data, declared, status, code in cases:
        slip = _upload(http, token, rid, name, kind, data, declared)
        key = tokens.read_claims(settings().app_secret, tokens.EVIDENCE_UPLOAD, slip["upload_token"], _now())["key"]
        assert s3.head_object(Bucket=settings().bucket, Key=key)["ContentLength"] == len(data)  # S3 took it
        got_status, error = http.call(
            "POST", f"/reports/{rid}/evidence/confirm", {"upload_token": slip["upload_token"]}, token=token
        )
        assert (got_status, error["code"]) == (status, code)
        assert s3.list_objects_v2(Bucket=settings().bucket, Prefix=key)["KeyCount"] == 0
    assert http.call("GET", f"/reports/{rid}", token=token)[1]["evidence"] == []


def test_upload_requests_are_checked(http, report, factory):
    rid, token = report

    def ask(**body):
        base = {"filename": "a.png", "content_type": "image/png", "size": 100}
        return http.call("POST", f"/reports/{rid}/evidence", {**base, **body}, token=token)

    assert ask(content_type="application/x-msdownload")[1]["code"] == "UNSUPPORTED_FILE_TYPE"
    assert ask(size=2 * 1024 * 1024 + 1)[0] == 413
    assert ask(size=0)[1]["code"] == "INVALID_SIZE"
    assert ask(size="100")[1]["code"] == "INVALID_TYPE"
    other = http.login(factory.employee(factory.skpd()))
    assert (
        http.call(
            "POST",
            f"/reports/{rid}/evidence",
            {"filename": "a.png", "content_type": "image/png", "size": 9},
            token=other,
        )[0]
        == 403
    )
    status, error = http.call("POST", f"/reports/{rid}/evidence/confirm", {"upload_token": "palsu.token"}, token=token)
    assert (status, error["code"]) == (400, "INVALID_UPLOAD_TOKEN")
    slip = ask()[1]
    assert (
        http.call("POST", f"/reports/{rid}/evidence/confirm", {"upload_token": slip["upload_token"]}, token=token)[1][
            "code"
        ]
        == "UPLOAD_NOT_FOUND"
    )
    assert (
        http.call("POST", f"/reports/{rid}/evidence/confirm", {"upload_token": slip["upload_token"]}, token=other)[1][
            "code"
        ]
        == "INVALID_UPLOAD_TOKEN"
    )


def test_at_most_five_files(http, report):
    rid, token = report
    for n in range(5):
        slip = _upload(http, token, rid, f"f{n}.png", "image/png", PNG)
        assert (
            http.call("POST", f"/reports/{rid}/evidence/confirm", {"upload_token": slip["upload_token"]}, token=token)[
                0
            ]
            == 200
        )
    status, error = http.call(
        "POST", f"/reports/{rid}/evidence", {"filename": "f6.png", "content_type": "image/png", "size": 10}, token=token
    )
    assert (status, error["code"]) == (422, "TOO_MANY_FILES")


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)
