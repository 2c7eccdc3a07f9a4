"""Issue 16, holes 3 and 4: a checked upload stays checked, and one upload slip attaches one file.

Hole 3: the presigned form stayed valid for 15 minutes and the accepted object kept its key, so posting the
form again after the confirm replaced the checked PDF with any bytes. Now `UploadService.accept` copies the
checked object to a final key no form names and deletes the uploaded one; the form lives 5 minutes.
Hole 4: one `upload_token` was accepted by two career records. Now every slip is accepted once.
New uploads carry the tag `kinerja-upload=pending` (the bucket's lifecycle expires those never accepted);
the final copy carries none.
"""

from __future__ import annotations

import base64
import json
from urllib.parse import urlsplit

import pytest
import requests

PDF = b"%PDF-1.7\n" + b"0" * 400
HTML = b"<html><script>alert(1)</script></html>"
PENDING = "<Tagging><TagSet><Tag><Key>kinerja-upload</Key><Value>pending</Value></Tag></TagSet></Tagging>"
AWARD = {
    "scale": "KABUPATEN_KOTA",
    "group": "PENGHARGAAN_LAINNYA",
    "type": "ASN_BERPRESTASI",
    "year": 2026,
    "sk_number": "800/123/2026",
    "sk_date": "2026-04-27",
}


@pytest.fixture
def dewi(http, factory):
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="dr. Kepala")
    nip = factory.employee(skpd, supervisor=boss, name="Dewi Lestari")
    return nip, http.login(nip)


def _s3():
    from chalicelib.config import settings
    from chalicelib.integrations.aws import client

    return client("s3"), settings().bucket


def _post(form, data, content_type="application/pdf"):
    posted = requests.post(form["url"], data=form["fields"], files={"file": ("f.pdf", data, content_type)}, timeout=10)
    assert posted.status_code in (200, 201, 204), posted.text


def _tags(key: str) -> dict[str, str]:
    s3, bucket = _s3()
    return {t["Key"]: t["Value"] for t in s3.get_object_tagging(Bucket=bucket, Key=key)["TagSet"]}


def _tag_pending(key: str) -> None:
    """What S3 does with the form's `tagging` field (moto 5 takes the field but does not apply it)."""
    s3, bucket = _s3()
    s3.put_object_tagging(Bucket=bucket, Key=key, Tagging={"TagSet": [{"Key": "kinerja-upload", "Value": "pending"}]})


def _exists(key: str) -> bool:
    s3, bucket = _s3()
    return s3.list_objects_v2(Bucket=bucket, Prefix=key).get("KeyCount", 0) > 0


def _key_of(url: str) -> str:
    return urlsplit(url).path.split("/", 2)[2]


def _record_slip(http, token):
    body = {"filename": "piagam.pdf", "content_type": "application/pdf", "size": len(PDF)}
    status, slip = http.call("POST", "/records/upload", body, token=token)
    assert status == 201, slip
    return slip


def _record(http, token, upload_token):
    body = {"kind": "PENGHARGAAN", "award": AWARD, "declaration": True, "upload_token": upload_token}
    return http.call("POST", "/records", body, token=token)


def test_the_form_is_short_lived_bound_to_one_key_and_tags_the_upload_pending(http, dewi):
    _, token = dewi
    slip = _record_slip(http, token)
    form = slip["upload"]
    assert slip["expires_in"] == 300  # 5 minutes: a 1 MB PDF over a slow phone link, not 15
    assert form["fields"]["tagging"] == PENDING
    policy = json.loads(base64.b64decode(form["fields"]["policy"]))
    key = form["fields"]["key"]
    assert {"key": key} in policy["conditions"] and {"tagging": PENDING} in policy["conditions"]
    assert not any(isinstance(c, list) and c[0] == "starts-with" and c[1] == "$key" for c in policy["conditions"])


def test_posting_the_form_again_after_the_confirm_does_not_change_the_record(http, dewi):
    _, token = dewi
    slip = _record_slip(http, token)
    form = slip["upload"]
    _post(form, PDF)
    _tag_pending(form["fields"]["key"])
    status, record = _record(http, token, slip["upload_token"])
    assert status == 201, record
    final = _key_of(record["document"]["url"])
    assert final != form["fields"]["key"] and "/checked/" in final
    assert not _exists(form["fields"]["key"])  # the uploaded object is gone
    assert _tags(final) == {}  # the checked copy is not pending: the lifecycle keeps it
    _post(form, HTML, "application/pdf")  # the same form, again, with other bytes
    status, again = http.call("GET", f"/records/{record['record_id']}", token=token)
    assert status == 200 and _key_of(again["document"]["url"]) == final
    assert requests.get(again["document"]["url"], timeout=10).content == PDF


def test_posting_the_form_again_after_the_confirm_does_not_change_the_archived_document(http, dewi):
    nip, token = dewi
    base = f"/archive/employees/{nip}/documents/DRH"
    body = {"filename": "drh.pdf", "content_type": "application/pdf", "size": len(PDF)}
    status, slip = http.call("POST", f"{base}/upload", body, token=token)
    assert status == 201, slip
    _post(slip["upload"], PDF)
    status, archive = http.call("POST", f"{base}/confirm", {"upload_token": slip["upload_token"]}, token=token)
    assert status == 200, archive
    _post(slip["upload"], HTML, "application/pdf")
    status, archive = http.call("GET", f"/archive/employees/{nip}", token=token)
    assert status == 200, archive
    [document] = [c["document"] for g in archive["groups"] for c in g["categories"] if c["code"] == "DRH"]
    assert "/checked/" in _key_of(document["url"])
    assert requests.get(document["url"], timeout=10).content == PDF


def test_one_slip_attaches_one_file_to_one_record(http, dewi):
    _, token = dewi
    slip = _record_slip(http, token)
    _post(slip["upload"], PDF)
    status, first = _record(http, token, slip["upload_token"])
    assert status == 201, first
    status, error = _record(http, token, slip["upload_token"])
    assert (status, error["code"]) == (409, "UPLOAD_ALREADY_USED")
    _post(slip["upload"], PDF)  # even with the form posted again: the slip is used up
    status, error = _record(http, token, slip["upload_token"])
    assert (status, error["code"]) == (409, "UPLOAD_ALREADY_USED")
    status, error = http.call(
        "POST",
        "/records/preview",
        {"kind": "PENGHARGAAN", "award": AWARD, "upload_token": slip["upload_token"]},
        token=token,
    )
    assert (status, error["code"]) == (409, "UPLOAD_ALREADY_USED")  # the preview says so too
    status, mine = http.call("GET", "/records", token=token)
    assert status == 200 and [r["record_id"] for r in mine["items"]] == [first["record_id"]]
    status, kept = http.call("GET", f"/records/{first['record_id']}", token=token)
    assert status == 200 and requests.get(kept["document"]["url"], timeout=10).content == PDF


def test_a_used_slip_is_refused_to_another_record_s_correction(http, dewi):
    _, token = dewi
    slip = _record_slip(http, token)
    _post(slip["upload"], PDF)
    status, first = _record(http, token, slip["upload_token"])
    assert status == 201, first
    other = _record_slip(http, token)
    _post(other["upload"], PDF)
    status, second = _record(http, token, other["upload_token"])
    assert status == 201, second
    body = {"upload_token": slip["upload_token"], "declaration": True, "version": second["version"]}
    status, error = http.call("PATCH", f"/records/{second['record_id']}", body, token=token)
    assert (status, error["code"]) == (409, "UPLOAD_ALREADY_USED")
    for record in (first, second):  # each keeps its own file
        status, now = http.call("GET", f"/records/{record['record_id']}", token=token)
        assert status == 200 and _key_of(now["document"]["url"]) == _key_of(record["document"]["url"])
        assert requests.get(now["document"]["url"], timeout=10).content == PDF


def test_report_evidence_stays_as_checked_and_is_untagged(http, factory):
    from tests.support import attend, report_body, today_wib

    nip = factory.employee(factory.skpd())
    token = http.login(nip)
    attend(nip, today_wib())
    rid = http.call("POST", "/reports", report_body(today_wib()), token=token)[1]["report_id"]
    body = {"filename": "bukti.pdf", "content_type": "application/pdf", "size": len(PDF)}
    status, slip = http.call("POST", f"/reports/{rid}/evidence", body, token=token)
    assert status == 201, slip
    assert slip["expires_in"] == 300 and slip["upload"]["fields"]["tagging"] == PENDING
    _post(slip["upload"], PDF)
    _tag_pending(slip["upload"]["fields"]["key"])
    confirm = {"upload_token": slip["upload_token"]}
    status, report = http.call("POST", f"/reports/{rid}/evidence/confirm", confirm, token=token)
    assert status == 200, report
    final = _key_of(report["evidence"][-1]["url"])
    assert "/checked/" in final and _tags(final) == {} and not _exists(slip["upload"]["fields"]["key"])
    _post(slip["upload"], HTML, "application/pdf")  # the same form, again
    status, again = http.call("POST", f"/reports/{rid}/evidence/confirm", confirm, token=token)  # a retry
    assert status == 200 and [e["evidence_id"] for e in again["evidence"]] == [slip["evidence_id"]]
    status, report = http.call("GET", f"/reports/{rid}", token=token)
    assert status == 200 and _key_of(report["evidence"][-1]["url"]) == final
    assert requests.get(report["evidence"][-1]["url"], timeout=10).content == PDF
