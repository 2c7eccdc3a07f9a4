"""Attendance complaints over HTTP: letter upload to the S3 server, submission, HR verification (one, bulk,
BKD across SKPD), the day counting as attended, scope on every route, and the stream's notifications."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import requests

from tests.support import attend, decide, decide_many, outbox_for, queue, report_body, sqs_event, today_wib

PDF = b"%PDF-1.4\n" + b"1 0 obj << /Type /Catalog >> endobj\n" * 20
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200


def _whatsapp(nip: str) -> str:
    from chalicelib.store.employees import DynamoEmployeeRepository

    return DynamoEmployeeRepository().get(nip).whatsapp


def _key_of(token: str) -> str:
    from chalicelib.config import settings
    from chalicelib.security import tokens

    return tokens.read_claims(settings().app_secret, tokens.FILE_UPLOAD, token, datetime.now(UTC))["key"]


def _stored(key: str) -> bool:
    from chalicelib.config import settings
    from chalicelib.integrations.aws import client

    return client("s3").list_objects_v2(Bucket=settings().bucket, Prefix=key)["KeyCount"] == 1


def _letter(http, token, data=PDF, declared=None, name="surat tugas.pdf") -> str:
    """Ask for an upload, post the bytes to the S3 server as a browser would; the slip to submit with."""
    status, slip = http.call(
        "POST",
        "/complaints/upload",
        {"filename": name, "content_type": "application/pdf", "size": declared or len(data)},
        token=token,
    )
    assert status == 201, slip
    form = slip["upload"]
    posted = requests.post(
        form["url"], data=form["fields"], files={"file": (name, data, "application/pdf")}, timeout=10
    )
    assert posted.status_code in (200, 201, 204), posted.text
    return slip["upload_token"]


def _file(http, token, day=None, session="PAGI", kind="TUGAS_LUAR", upload_token=None):
    return http.call(
        "POST",
        "/complaints",
        {
            "type": kind,
            "date": str(day or today_wib()),
            "session": session,
            "reason": "Rapat koordinasi di Dinas Kesehatan Provinsi",
            "upload_token": upload_token or _letter(http, token),
        },
        token=token,
    )


@pytest.fixture
def office(http, factory):
    """An SKPD with an employee, a colleague and its HR officer; another SKPD with its own HR; a BKD officer."""
    skpd, elsewhere = factory.skpd(), factory.skpd()
    people = {
        "dewi": factory.employee(skpd, name="Dewi Lestari"),
        "agus": factory.employee(skpd, name="Agus Pratama"),
        "budi": factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Budi Santoso"),
        "rina": factory.employee(elsewhere, roles=("KEPEGAWAIAN",), name="Rina HR Lain"),
        "bkd": factory.employee(factory.skpd(), roles=("BKD",), name="Sari BKPSDM"),
    }
    return {
        "skpd": skpd,
        "rina_skpd": elsewhere,
        "nip": people,
        "token": {k: http.login(v) for k, v in people.items()},
    }


def test_a_complaint_from_upload_to_approval_lets_the_report_be_filed(http, office):
    dewi, budi = office["token"]["dewi"], office["token"]["budi"]
    today = today_wib()
    status, refused = http.call("POST", "/reports", report_body(today), token=dewi)
    assert (status, refused["code"]) == (422, "ATTENDANCE_REQUIRED")

    status, filed = _file(http, dewi)
    assert status == 201, filed
    assert re.fullmatch(rf"ADU/{today.year}/\d{{6}}", filed["reference"])
    assert (filed["status"], filed["status_label"], filed["type_label"]) == ("SUBMITTED", "Diajukan", "Tugas luar")
    assert filed["letter"]["filename"] == "surat tugas.pdf" and filed["letter"]["size"] == len(PDF)
    assert requests.get(filed["letter"]["url"], timeout=10).content == PDF
    status, mine = http.call("GET", "/complaints", token=dewi)
    assert status == 200 and [c["reference"] for c in mine["items"]] == [filed["reference"]]

    status, waiting = queue(http, budi, "complaint")
    assert (
        status == 200
        and waiting["count"] == 1
        and (waiting["kind"], waiting["label"])
        == (
            "complaint",
            "Pengaduan presensi",
        )
    )
    [item] = waiting["items"]
    assert item["id"] == filed["complaint_id"] and item["detail"]["skpd_id"] == office["skpd"][0]
    assert item["employee"]["name"] == "Dewi Lestari" and item["detail"]["letter"]["url"].startswith("http")
    assert item["files"] == [
        {"label": "Surat tugas", "filename": "surat tugas.pdf", "url": item["files"][0]["url"]}
    ] and item["files"][0]["url"].startswith("http")
    assert (item["verdicts"], item["rating"], item["date"]) == (["APPROVE", "REJECT"], False, today.isoformat())

    status, approved = decide(http, budi, "complaint", filed["complaint_id"], "APPROVE", version=1)
    assert status == 200 and (approved["status"], approved["detail"]["decided_by"]) == (
        "APPROVED",
        office["nip"]["budi"],
    )
    assert approved["verdicts"] == [] and approved["version"] == 2
    status, calendar = http.call("GET", f"/attendance/calendar?month={today:%Y-%m}", token=dewi)
    day = next(d for d in calendar["days"] if d["date"] == today.isoformat())
    assert day["attended"] and day["sources"] == ["PENGADUAN"]
    status, report = http.call("POST", "/reports", report_body(today), token=dewi)
    assert status == 201, report

    from chalicelib.store.exports import ExportReads

    skpd_id, satker_id = office["skpd"]
    attended = ExportReads().attended_in_satker(skpd_id, satker_id, today, today)
    assert attended == {office["nip"]["dewi"]: {today}}  # the recaps count it too
    status, decided = http.call("GET", f"/complaints/{filed['complaint_id']}", token=dewi)
    assert decided["status_label"] == "Disetujui" and decided["version"] == 2


def test_refusals_have_their_own_codes_and_store_nothing(http, office):
    dewi = office["token"]["dewi"]
    today = today_wib()
    slip = _letter(http, dewi)
    for day, session, kind, status, code in (
        (today + timedelta(days=1), "PAGI", "TUGAS_LUAR", 422, "DATE_IN_FUTURE"),
        (today - timedelta(days=31), "PAGI", "TUGAS_LUAR", 422, "DATE_TOO_OLD"),
        (today, "SIANG", "TUGAS_LUAR", 400, "INVALID_SESSION"),
        (today, "PAGI", "CUTI", 400, "INVALID_COMPLAINT_TYPE"),
    ):
        got, error = _file(http, dewi, day, session, kind, upload_token=slip)
        assert (got, error["code"]) == (status, code), error
    attend(office["nip"]["dewi"], today, check_in="07:15", check_out=None)
    got, error = _file(http, dewi, today, "PAGI", upload_token=slip)
    assert (got, error["code"]) == (422, "SESSION_ALREADY_ATTENDED")
    assert http.call("GET", "/complaints", token=dewi)[1]["items"] == []
    assert _stored(_key_of(slip))  # refused before the letter was taken: the slip still works
    assert _file(http, dewi, today, "SORE", "MESIN_ERROR", upload_token=slip)[0] == 201
    got, error = _file(http, dewi, today, "SORE")
    assert (got, error["code"]) == (409, "COMPLAINT_DUPLICATE") and error["details"]["session"] == "SORE"
    got, error = _file(http, dewi, today - timedelta(days=2), "SORE", upload_token=slip)
    from chalicelib.services.uploads import final_key

    # the first complaint keeps its letter, at the final key
    assert (got, error["code"]) == (409, "UPLOAD_ALREADY_USED") and _stored(final_key(_key_of(slip)))
    assert len(http.call("GET", "/complaints", token=dewi)[1]["items"]) == 1


def test_the_letter_must_be_a_pdf_of_at_most_300_kb_and_a_bad_one_is_deleted(http, office):
    dewi, agus = office["token"]["dewi"], office["token"]["agus"]

    def offer(**changes):
        body = {"filename": "surat.pdf", "content_type": "application/pdf", "size": 1000, **changes}
        return http.call("POST", "/complaints/upload", body, token=dewi)

    status, error = offer(content_type="image/png")
    assert (status, error["code"]) == (400, "UNSUPPORTED_FILE_TYPE") and error["details"]["allowed"] == [
        "application/pdf"
    ]
    status, error = offer(size=300 * 1024 + 1)
    assert (status, error["code"]) == (413, "FILE_TOO_LARGE") and "300 KB" in error["message"]
    assert offer(size=300 * 1024)[0] == 201
    for data, declared, status, code in (
        (PNG, None, 400, "FILE_CONTENT_MISMATCH"),  # a picture renamed .pdf
        (PDF + b"0" * (300 * 1024), 1000, 413, "FILE_TOO_LARGE"),  # lied about its size; S3 here does not check
    ):
        slip = _letter(http, dewi, data, declared)
        assert _stored(_key_of(slip))
        got, error = _file(http, dewi, upload_token=slip)
        assert (got, error["code"]) == (status, code)
        assert not _stored(_key_of(slip))
    slip = _letter(http, dewi)
    got, error = _file(http, agus, upload_token=slip)  # another employee's slip
    assert (got, error["code"]) == (400, "INVALID_UPLOAD_TOKEN")
    status, missing = offer()
    got, error = _file(http, dewi, upload_token=missing["upload_token"])  # never uploaded
    assert (got, error["code"]) == (404, "UPLOAD_NOT_FOUND")
    assert http.call("GET", "/complaints", token=dewi)[1]["items"] == []


def test_every_route_answers_403_outside_its_scope(http, office):
    token, nip = office["token"], office["nip"]
    status, filed = _file(http, token["dewi"])
    cid = filed["complaint_id"]
    for who in ("agus", "rina"):  # another employee; HR of another SKPD
        assert http.call("GET", f"/complaints/{cid}", token=token[who])[0] == 403
        assert decide(http, token[who], "complaint", cid, "APPROVE")[0] == 403
    assert queue(http, token["agus"], "complaint")[0] == 403
    assert queue(http, token["rina"], "complaint", skpd_id=office["skpd"][0])[0] == 403
    assert queue(http, token["rina"], "complaint")[1]["items"] == []
    assert decide_many(http, token["agus"], "complaint", [cid], "APPROVE")[0] == 403
    status, bulk = decide_many(http, token["rina"], "complaint", [cid], "APPROVE")
    assert status == 200 and bulk["results"][0]["code"] == "FORBIDDEN"
    assert http.call("GET", "/complaints", token=token["agus"])[1]["items"] == []  # own list only
    # HR of the SKPD may not decide their own complaint
    status, own = _file(http, token["budi"])
    status, error = decide(http, token["budi"], "complaint", own["complaint_id"], "APPROVE")
    assert (status, error["code"]) == (403, "SELF_DECISION")
    # BKD sees and decides across every SKPD, with the SKPD as a filter
    status, mine = queue(http, token["bkd"], "complaint", skpd_id=office["skpd"][0])
    assert status == 200 and {c["id"] for c in mine["items"]} == {cid, own["complaint_id"]} and mine["count"] == 2
    assert http.call("GET", f"/complaints/{cid}", token=token["bkd"])[0] == 200
    status, approved = decide(http, token["bkd"], "complaint", own["complaint_id"], "APPROVE")
    assert status == 200 and approved["detail"]["decided_by"] == nip["bkd"]
    # … and, unfiltered, every SKPD at once (was: the queue's skpd_id None)
    assert _file(http, token["rina"])[0] == 201
    elsewhere = queue(http, token["bkd"], "complaint", skpd_id=office["rina_skpd"][0])[1]["count"]
    here = queue(http, token["bkd"], "complaint", skpd_id=office["skpd"][0])[1]["count"]
    assert (here, elsewhere) == (1, 1)
    assert queue(http, token["bkd"], "complaint")[1]["count"] >= here + elsewhere
    status, error = http.call("GET", f"/complaints/{'0' * 32}", token=token["dewi"])
    assert (status, error["code"]) == (404, "COMPLAINT_NOT_FOUND")
    assert http.call("GET", "/complaints/nope", token=token["dewi"])[0] == 404


def test_hr_decides_many_at_once_and_each_answers_its_outcome(http, factory, office):
    budi = office["token"]["budi"]
    skpd = office["skpd"]
    today = today_wib()
    staff = [factory.employee(skpd, name=f"Staf {n}") for n in range(4)]
    ids = []
    for n, nip in enumerate(staff):
        status, filed = _file(http, http.login(nip), today - timedelta(days=n))
        assert status == 201
        ids.append(filed["complaint_id"])
    since = today - timedelta(days=3)
    status, first = queue(http, budi, "complaint", limit=2, from_=since)
    assert [c["id"] for c in first["items"]] == [ids[3], ids[2]] and first["next_cursor"]
    status, rest = queue(http, budi, "complaint", limit=2, from_=since, cursor=first["next_cursor"])
    assert status == 200 and [c["id"] for c in rest["items"]] == [ids[1], ids[0]]
    status, error = queue(http, budi, "complaint", cursor=first["next_cursor"])
    assert (status, error["code"]) == (400, "INVALID_CURSOR")  # bound to the list it pages

    status, error = decide_many(http, budi, "complaint", ids, "REJECT")
    assert (status, error["code"]) == (400, "NOTE_REQUIRED")
    note = "Surat tugas belum ditandatangani"
    status, result = decide_many(http, budi, "complaint", [*ids[:2], "f" * 32], "REJECT", note=note)
    assert status == 200 and (result["decided"], result["failed"]) == (2, 1)
    assert [r["outcome"] for r in result["results"]] == ["DECIDED", "DECIDED", "ERROR"]
    assert [r["status"] for r in result["results"][:2]] == ["REJECTED", "REJECTED"]
    assert result["results"][2]["code"] == "COMPLAINT_NOT_FOUND"
    status, result = decide_many(http, budi, "complaint", ids, "APPROVE")
    assert [r.get("code") or r["status"] for r in result["results"]] == [
        "ALREADY_DECIDED",
        "ALREADY_DECIDED",
        "APPROVED",
        "APPROVED",
    ]
    approved = queue(http, budi, "complaint", status="APPROVED", satker_id=skpd[1])[1]
    assert {c["id"] for c in approved["items"]} == set(ids[2:])
    rejected_one = http.call("GET", f"/complaints/{ids[0]}", token=http.login(staff[0]))[1]
    assert rejected_one["status"] == "REJECTED" and rejected_one["note"] == "Surat tugas belum ditandatangani"
    assert _file(http, http.login(staff[0]), today)[0] == 201  # a rejection frees the session


@pytest.fixture
def complaint_stream(stack):
    """The complaints table's stream as DynamoDB Local produces it, from now on."""
    import boto3

    from chalicelib.config import settings
    from chalicelib.integrations.aws import client
    from devtools.streams import StreamReader

    cfg = settings()
    arn = client("dynamodb").describe_table(TableName=cfg.table("complaints"))["Table"]["LatestStreamArn"]
    streams = boto3.client("dynamodbstreams", endpoint_url=cfg.dynamodb_endpoint, region_name=cfg.region)
    reader = StreamReader(streams, arn)
    reader.read()  # skip what earlier tests wrote
    return reader


def _deliver(records):
    from chalice.local import LambdaContext

    from chalicelib.handlers.streams import complaint_changes

    return complaint_changes({"Records": records}, LambdaContext("complaint_changes", 512))


def _worker(messages):
    from chalice.local import LambdaContext

    from chalicelib.handlers.notification_jobs import notification_worker

    return notification_worker(sqs_event(messages), LambdaContext("notification_worker", 512))


def test_both_sides_are_notified_once_and_hr_gets_a_digest(http, factory, office, complaint_stream):
    from chalicelib.integrations.memory import InMemoryQueue
    from chalicelib.services import container

    token, nip = office["token"], office["nip"]
    second_hr = factory.employee(office["skpd"], roles=("KEPEGAWAIAN",), name="Citra HR")
    _, first = _file(http, token["dewi"])
    _, second = _file(http, token["agus"], session="SORE", kind="MESIN_ERROR")
    records = complaint_stream.read()
    assert _deliver(records) == {"batchItemFailures": []}

    later = container.utc_now() + timedelta(minutes=10)
    queue = InMemoryQueue()
    container.production(clock=lambda: later).digest_sender.dispatch(queue)  # the one dispatcher of every digest
    mine = [m for m in queue.take() if m.get("digest_key") == f"COMPLAINTS#{office['skpd'][0]}"]
    assert [m["kind"] for m in mine] == ["complaints-digest"]
    assert _worker(mine * 2) == {"batchItemFailures": []}  # delivered twice
    for hr in (nip["budi"], second_hr):
        [digest] = outbox_for(_whatsapp(hr))
        assert "ada 2 pengaduan presensi pegawai Dinas Uji" in digest.text
        assert f"{first['reference']} Dewi Lestari: Tugas luar" in digest.text
        assert f"{second['reference']} Agus Pratama: Mesin error" in digest.text
    assert outbox_for(_whatsapp(nip["rina"])) == [] and outbox_for(_whatsapp(nip["dewi"])) == []

    assert decide(http, token["budi"], "complaint", first["complaint_id"], "APPROVE")[0] == 200
    note = "Laporan kerusakan mesin tidak dilampirkan"
    assert decide(http, token["budi"], "complaint", second["complaint_id"], "REJECT", note=note)[0] == 200
    records = complaint_stream.read()
    assert _deliver(records) == {"batchItemFailures": []}
    assert _deliver(records) == {"batchItemFailures": []}  # a replay sends nothing more
    [approved] = outbox_for(_whatsapp(nip["dewi"]))
    [rejected] = outbox_for(_whatsapp(nip["agus"]))
    assert first["reference"] in approved.text and "telah disetujui oleh Budi Santoso" in approved.text
    assert "tercatat hadir" in approved.text
    assert second["reference"] in rejected.text and "ditolak oleh Budi Santoso" in rejected.text
    assert "Catatan: Laporan kerusakan mesin tidak dilampirkan" in rejected.text


def test_dynamodb_requests_per_route_are_a_small_constant(http, factory, office, monkeypatch):
    from collections import Counter

    import botocore.client

    calls: Counter[str] = Counter()
    real = botocore.client.BaseClient._make_api_call

    def counting(self, operation_name, params):
        if self.meta.service_model.service_name == "dynamodb":
            calls[operation_name] += 1
        return real(self, operation_name, params)

    dewi, budi = office["token"]["dewi"], office["token"]["budi"]
    today = today_wib()

    def measure(day):
        slip = _letter(http, dewi)
        monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", counting)
        counts = {}
        for name, action in (
            ("submit", lambda: _file(http, dewi, day, upload_token=slip)),
            ("list own", lambda: http.call("GET", "/complaints?limit=5", token=dewi)),
            ("queue", lambda: queue(http, budi, "complaint", limit=5)),
        ):
            calls.clear()
            status, body = action()
            assert status < 300, body
            counts[name] = dict(calls)
            if name == "submit":
                cid = body["complaint_id"]
        for name, action in (
            ("get", lambda: http.call("GET", f"/complaints/{cid}", token=dewi)),
            ("decide", lambda: decide(http, budi, "complaint", cid, "APPROVE")),
        ):
            calls.clear()
            assert action()[0] == 200
            counts[name] = dict(calls)
        monkeypatch.undo()
        return counts

    small = measure(today)
    for back in range(1, 8):  # more complaints of this employee and of colleagues
        _file(http, dewi, today - timedelta(days=back))
        _file(http, http.login(factory.employee(office["skpd"])), today - timedelta(days=back), "SORE")
    large = measure(today - timedelta(days=9))
    assert small == large
    # authorizer, day; the slip used up; number; the complaint
    assert large["submit"] == {"GetItem": 2, "PutItem": 1, "UpdateItem": 1, "TransactWriteItems": 1}
    assert large["get"] == {"GetItem": 2}
    assert large["list own"] == {"GetItem": 1, "Query": 1}
    # the page, the waiting count; names (an HR kind reads no delegations)
    assert large["queue"] == {"GetItem": 1, "Query": 2, "BatchGetItem": 1}
    # authorizer, complaint; the write; the employee's name in the answer
    assert large["decide"] == {"GetItem": 2, "TransactWriteItems": 1, "BatchGetItem": 1}
