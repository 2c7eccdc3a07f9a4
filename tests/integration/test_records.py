"""Career records over HTTP: each kind from upload to bulk approval to revocation and correction; the steps'
refusals; HR's list and bulk outcomes; every route's scope; uploads checked by content and size."""

from __future__ import annotations

import pytest
import requests

from tests.support import decide, decide_many, queue

PDF = b"%PDF-1.7\n" + b"0" * 400
EXE = b"MZ\x90\x00" + b"\x00" * 300
MB = 1024 * 1024
URL = "https://drive.google.com/file/d/10VqMdNTxyw8zrVhAD30ea_y9aLwsn5sc/view?usp=sharing"

KURSUS = {
    "type": "KURSUS",
    "course_type": "Sosialisasi",
    "classification": "ADMINISTRASI NEGARA",
    "name": "Sosialisasi Pelaporan LHKPN Tahun 2026",
    "number": "20/BKPSDM/003/I/2026",
    "start_date": "2026-01-15",
    "end_date": "2026-01-15",
    "hours": 4,
    "institution": "BKPSDM Kota Surakarta",
}
AWARD = {
    "scale": "KABUPATEN_KOTA",
    "group": "PENGHARGAAN_LAINNYA",
    "type": "ASN_BERPRESTASI",
    "year": 2026,
    "sk_number": "800/123/2026",
    "sk_date": "2026-04-27",
}
TEAM = {
    "sk_date": "2025-01-21",
    "sk_valid": True,
    "team_name": "Tim Pemeriksa Pelanggaran Disiplin",
    "scope": "LINTAS_INSTANSI",
    "position": "ANGGOTA",
    "evidence_url": URL,
}


@pytest.fixture
def office(http, factory):
    """An SKPD with its HR officer and two employees, another SKPD with its own HR, BKD and the admin."""
    skpd, other = factory.skpd(), factory.skpd()
    people = {
        "dewi": factory.employee(skpd, name="Dewi Lestari"),
        "agus": factory.employee(skpd, name="Agus Pratama"),
        "hr": factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Budi Santoso"),
        "hr_other": factory.employee(other, roles=("KEPEGAWAIAN",)),
        "bkd": factory.employee(factory.skpd(), roles=("BKD",)),
        "admin": factory.employee(factory.skpd(), roles=("ADMIN",)),
    }
    tokens = {name: http.login(nip) for name, nip in people.items()}
    return {"skpd": skpd, "other": other, "nip": people, "token": tokens}


def _upload(http, token, data=PDF, filename="sertifikat.pdf", content_type="application/pdf", declared=None):
    status, slip = http.call(
        "POST",
        "/records/upload",
        {"filename": filename, "content_type": content_type, "size": declared or len(data)},
        token=token,
    )
    assert status == 201, slip
    form = slip["upload"]
    posted = requests.post(form["url"], data=form["fields"], files={"file": (filename, data, content_type)}, timeout=10)
    assert posted.status_code in (200, 201, 204), posted.text
    return slip["upload_token"]


def _body(kind: str, token: str | None = None, **fields) -> dict:
    name, data = {"SERTIFIKASI": ("certification", KURSUS), "PENGHARGAAN": ("award", AWARD)}.get(kind, ("team", TEAM))
    body = {"kind": kind, name: {**data, **fields}, "declaration": True}
    if token:
        body["upload_token"] = token
    return body


def _submit(http, token, kind, **fields):
    upload = _upload(http, token) if kind != "TIM_KERJA" else None
    status, record = http.call("POST", "/records", _body(kind, upload, **fields), token=token)
    assert status == 201, record
    return record


def _key_of(record):
    """The S3 key behind a record's document link."""
    from urllib.parse import urlsplit

    return urlsplit(record["document"]["url"]).path.split("/", 2)[2]


def _exists(key: str) -> bool:
    from chalicelib.config import settings
    from chalicelib.integrations.aws import client

    return client("s3").list_objects_v2(Bucket=settings().bucket, Prefix=key)["KeyCount"] > 0


# -- end to end ----------------------------------------------------------------------------------------------


def test_each_kind_goes_through_submit_bulk_approval_revocation_and_correction(http, office):
    dewi, hr = office["token"]["dewi"], office["token"]["hr"]
    made = {kind: _submit(http, dewi, kind) for kind in ("SERTIFIKASI", "PENGHARGAAN", "TIM_KERJA")}
    for kind, record in made.items():
        assert (record["kind"], record["status"], record["status_label"]) == (kind, "SUBMITTED", "Belum disetujui")
        assert record["declaration"] == "Saya menyatakan bahwa data yang saya input benar"
        assert record["history"][0]["action"] == "SUBMITTED"
    assert made["SERTIFIKASI"]["certification"]["hours"] == 4
    assert made["SERTIFIKASI"]["document"]["filename"] == "sertifikat.pdf"
    assert requests.get(made["PENGHARGAAN"]["document"]["url"], timeout=10).content == PDF
    assert made["TIM_KERJA"]["document"] is None
    code = made["TIM_KERJA"]["team"]["activity_code"]
    assert code.startswith("TK/2026/") and len(code) == len("TK/2026/000001")
    summary = {row["label"]: row["value"] for row in made["TIM_KERJA"]["summary"]}
    assert summary["Kode kegiatan"] == code and summary["Ruang lingkup"] == "Lintas Perangkat Daerah"

    status, waiting = queue(http, hr, "record")
    assert status == 200 and {r["detail"]["skpd_id"] for r in waiting["items"]} == {office["skpd"][0]}
    assert (waiting["kind"], waiting["label"], waiting["count"]) == ("record", "Riwayat karier", 3)
    for kind, record in made.items():  # one waits of each kind (was the queue's per-kind ``waiting``)
        assert [r["id"] for r in queue(http, hr, "record", category=kind)[1]["items"]] == [record["record_id"]]
    assert [r["id"] for r in waiting["items"]] == [r["record_id"] for r in made.values()]  # oldest first
    assert waiting["items"][0]["employee"]["name"] == "Dewi Lestari"
    assert waiting["items"][0]["files"][0]["filename"] == "sertifikat.pdf" and waiting["items"][2]["files"] == []
    assert waiting["items"][0]["verdicts"] == ["APPROVE", "REJECT"]

    items = [(r["id"], r["version"]) for r in waiting["items"]]
    status, result = decide_many(http, hr, "record", items, "APPROVE")
    assert status == 200 and (result["decided"], result["failed"]) == (3, 0)
    assert {(r["outcome"], r["status"]) for r in result["results"]} == {("DECIDED", "APPROVED")}
    after = queue(http, hr, "record")[1]
    assert (after["count"], after["items"]) == (0, [])
    for kind in made:
        assert queue(http, hr, "record", category=kind)[1]["items"] == []
    approved = queue(http, hr, "record", status="APPROVED")[1]["items"]
    assert {r["id"] for r in approved} == {r["record_id"] for r in made.values()}
    assert {tuple(r["verdicts"]) for r in approved} == {("REVOKE",)}

    for kind, record in made.items():
        current = http.call("GET", f"/records/{record['record_id']}", token=dewi)[1]
        assert current["status_label"] == "Disetujui" and current["decided_by"] == office["nip"]["hr"]
        locked = http.call(
            "PATCH", f"/records/{record['record_id']}", {"declaration": True, "version": current["version"]}, token=dewi
        )
        assert (locked[0], locked[1]["code"]) == (409, "RECORD_LOCKED")
        reason = "Nomor SK tidak sesuai dokumen"
        status, revoked = decide(
            http, hr, "record", record["record_id"], "REVOKE", note=reason, version=current["version"]
        )
        assert status == 200, revoked
        assert (revoked["status"], revoked["status_label"]) == ("REVOKED", "Batal disetujui")
        assert revoked["detail"]["note"] == "Nomor SK tidak sesuai dokumen" and revoked["verdicts"] == []
        revoked = revoked["detail"]
        fix = {"certification": {"number": "21/BKPSDM/003/I/2026"}} if kind == "SERTIFIKASI" else {}
        status, corrected = http.call(
            "PATCH",
            f"/records/{record['record_id']}",
            {**fix, "declaration": True, "version": revoked["version"]},
            token=dewi,
        )
        assert status == 200, corrected
        assert (corrected["status"], corrected["note"]) == ("SUBMITTED", "Nomor SK tidak sesuai dokumen")
        assert [h["action"] for h in corrected["history"]] == ["SUBMITTED", "APPROVED", "REVOKED", "EDITED"]
        if kind == "TIM_KERJA":
            assert corrected["team"]["activity_code"] == code
    assert made["SERTIFIKASI"]["record_id"] in {
        r["id"] for r in queue(http, hr, "record", category="SERTIFIKASI")[1]["items"]
    }
    own = http.call("GET", "/records?status=SUBMITTED", token=dewi)[1]["items"]
    assert [r["kind"] for r in own] == ["TIM_KERJA", "PENGHARGAAN", "SERTIFIKASI"]  # newest first
    assert http.call("GET", "/records?kind=PENGHARGAAN", token=dewi)[1]["items"][0]["award"]["year"] == 2026


def test_the_steps_refuse_what_the_manual_does_and_store_nothing(http, office):
    dewi = office["token"]["dewi"]
    upload = _upload(http, dewi)
    status, preview = http.call("POST", "/records/preview", _body("SERTIFIKASI", upload), token=dewi)
    assert status == 200, preview
    rows = {row["label"]: row["value"] for row in preview["summary"]}
    assert rows["Tanggal mulai"] == "15 Januari 2026" and rows["Dokumen"] == "sertifikat.pdf"
    assert preview["declaration"] == "Saya menyatakan bahwa data yang saya input benar"
    refusals = [
        ({**_body("SERTIFIKASI", upload), "declaration": False}, 422, "DECLARATION_REQUIRED"),
        ({k: v for k, v in _body("SERTIFIKASI", upload).items() if k != "declaration"}, 422, "DECLARATION_REQUIRED"),
        (_body("SERTIFIKASI"), 400, "DOCUMENT_REQUIRED"),
        (_body("SERTIFIKASI", upload, hours=9), 422, "LESSON_HOURS_EXCEEDED"),
        (_body("SERTIFIKASI", upload, end_date="2026-01-14"), 400, "INVALID_DATE_RANGE"),
        (_body("SERTIFIKASI", upload, type="DIKLAT"), 400, "INVALID_CERTIFICATION_TYPE"),
        (_body("PENGHARGAAN", upload, type="SATYA_LENCANA"), 422, "AWARD_GROUP_MISMATCH"),
        (_body("TIM_KERJA", evidence_url="tes"), 400, "INVALID_URL"),
        (_body("TIM_KERJA", sk_valid="ya"), 400, "INVALID_TYPE"),
        ({"kind": "DIKLAT", "declaration": True}, 400, "INVALID_RECORD_KIND"),
        (_body("TIM_KERJA", team_name="Tim\x00"), 400, "CONTROL_CHARACTERS"),
    ]
    for body, status, code in refusals:
        got, error = http.call("POST", "/records", body, token=dewi)
        assert (got, error["code"]) == (status, code), (body, error)
    jp = http.call("POST", "/records", _body("SERTIFIKASI", upload, end_date="2026-01-16", hours=17), token=dewi)[1]
    assert "paling banyak 16 JP" in jp["message"] and "15 Januari 2026 s.d. 16 Januari 2026" in jp["message"]
    assert jp["details"]["max_hours"] == 16
    assert http.call("GET", "/records", token=dewi)[1]["items"] == []
    # a two-day course of 16 JP is fine, with the same upload
    status, record = http.call(
        "POST", "/records", _body("SERTIFIKASI", upload, end_date="2026-01-16", hours=16), token=dewi
    )
    assert status == 201, record


def test_bulk_decisions_answer_each_item(http, office, factory):
    dewi, agus, hr = (office["token"][n] for n in ("dewi", "agus", "hr"))
    ok = _submit(http, dewi, "TIM_KERJA")
    stale = _submit(http, agus, "TIM_KERJA")
    own = _submit(http, hr, "TIM_KERJA")  # HR is an employee too, and never verifies their own
    foreign = _submit(http, http.login(factory.employee(office["other"])), "TIM_KERJA")
    decided = _submit(http, agus, "PENGHARGAAN")
    assert decide_many(http, hr, "record", [(decided["record_id"], 1)], "APPROVE")[1]["decided"] == 1
    items = [
        (ok["record_id"], 1),
        (stale["record_id"], 7),
        (own["record_id"], 1),
        (foreign["record_id"], 1),
        (decided["record_id"], 2),
        ("0" * 32, 1),
        ("bukan-id", 1),
        (ok["record_id"], 1),  # twice: answered once
    ]
    assert decide_many(http, hr, "record", items, "REJECT")[1]["code"] == "NOTE_REQUIRED"
    status, result = decide_many(http, hr, "record", items, "REJECT", note="SK tidak terbaca")
    assert status == 200 and (result["decided"], result["failed"]) == (1, 6)
    outcomes = {
        r["id"]: (r["outcome"], r["status"] if r["outcome"] == "DECIDED" else r["code"]) for r in result["results"]
    }
    assert outcomes == {
        ok["record_id"]: ("DECIDED", "REJECTED"),
        stale["record_id"]: ("ERROR", "CONFLICT"),
        own["record_id"]: ("ERROR", "SELF_DECISION"),
        foreign["record_id"]: ("ERROR", "FORBIDDEN"),
        decided["record_id"]: ("ERROR", "ALREADY_DECIDED"),
        "0" * 32: ("ERROR", "RECORD_NOT_FOUND"),
        "bukan-id": ("ERROR", "RECORD_NOT_FOUND"),
    }
    rejected = http.call("GET", f"/records/{ok['record_id']}", token=dewi)[1]
    assert (rejected["status_label"], rejected["note"]) == ("Ditolak", "SK tidak terbaca")
    # a rejected record is corrected (submitted again) or withdrawn; a withdrawn one leaves every list
    status, gone = http.call("DELETE", f"/records/{ok['record_id']}?version={rejected['version']}", token=dewi)
    assert status == 200 and gone["status"] == "WITHDRAWN"
    assert ok["record_id"] not in {r["record_id"] for r in http.call("GET", "/records", token=dewi)[1]["items"]}
    everything = queue(http, hr, "record", status="ALL")[1]["items"]
    assert ok["record_id"] not in {r["id"] for r in everything}
    assert {r["status"] for r in everything} == {"SUBMITTED", "APPROVED"}


def test_the_hr_list_filters_and_pages(http, office, factory):
    dewi, hr = office["token"]["dewi"], office["token"]["hr"]
    skpd_id, satker_id = office["skpd"]
    made = [_submit(http, dewi, "TIM_KERJA", team_name=f"Tim {n}") for n in range(5)]
    seen, cursor = [], None
    while True:
        status, page = queue(http, hr, "record", category="TIM_KERJA", limit=2, cursor=cursor)
        assert status == 200 and len(page["items"]) <= 2
        seen += [r["id"] for r in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [r["record_id"] for r in made]
    assert len(queue(http, hr, "record", satker_id=satker_id)[1]["items"]) == 5
    assert queue(http, hr, "record", satker_id="SATKER-LAIN")[1]["items"] == []
    bkd = office["token"]["bkd"]
    status, listed = queue(http, bkd, "record", skpd_id=skpd_id, satker_id=satker_id)
    assert status == 200 and len(listed["items"]) == 5 and listed["count"] == 5
    assert {r["detail"]["skpd_id"] for r in listed["items"]} == {skpd_id}
    # BKD unfiltered: every SKPD at once (was the list's skpd_id None)
    _submit(http, office["token"]["hr_other"], "TIM_KERJA")
    assert queue(http, bkd, "record", skpd_id=office["other"][0])[1]["count"] == 1
    status, every = queue(http, bkd, "record", category="TIM_KERJA", limit=100)
    assert status == 200 and every["count"] >= 5 + 1
    status, error = queue(http, bkd, "record", satker_id=satker_id)
    assert (status, error["code"]) == (400, "SKPD_REQUIRED")
    assert queue(http, hr, "record", status="DITOLAK")[1]["code"] == "INVALID_STATUS"
    assert queue(http, hr, "record", category="DIKLAT")[1]["code"] == "INVALID_RECORD_KIND"
    assert queue(http, hr, "record", cursor="palsu")[1]["code"] == "INVALID_CURSOR"


# -- scope -------------------------------------------------------------------------------------------------


def test_every_route_answers_403_outside_its_scope(http, office):
    t, nip = office["token"], office["nip"]
    record = _submit(http, t["dewi"], "SERTIFIKASI")
    rid, path = record["record_id"], f"/records/{record['record_id']}"

    def status_of(method, url, token, body=None):
        return http.call(method, url, body, token=token)

    # reading one record: the owner, HR of its SKPD, BKD and the admin
    for who in ("dewi", "hr", "bkd", "admin"):
        assert status_of("GET", path, t[who])[0] == 200, who
    for who in ("agus", "hr_other"):
        assert status_of("GET", path, t[who])[0] == 403, who
    # changing it: only the owner
    for who in ("agus", "hr", "hr_other", "bkd", "admin"):
        assert status_of("PATCH", path, t[who], {"declaration": True, "version": 1})[0] == 403, who
        assert status_of("DELETE", f"{path}?version=1", t[who])[0] == 403, who
    # HR's list: HR of that SKPD (and BKD, admin) only
    for who in ("dewi", "agus"):
        assert queue(http, t[who], "record")[0] == 403, who
    other_skpd = office["other"][0]
    assert queue(http, t["hr_other"], "record", skpd_id=office["skpd"][0])[0] == 403
    assert queue(http, t["hr_other"], "record", skpd_id=other_skpd)[0] == 200
    for who in ("bkd", "admin"):
        assert queue(http, t[who], "record", skpd_id=office["skpd"][0])[0] == 200
    # decisions: HR of that SKPD, BKD and the admin; nobody on their own record
    assert decide_many(http, t["agus"], "record", [(rid, 1)], "APPROVE")[0] == 403
    assert decide(http, t["agus"], "record", rid, "APPROVE", version=1)[0] == 403
    outcome = decide_many(http, t["hr_other"], "record", [(rid, 1)], "APPROVE")[1]["results"][0]
    assert (outcome["outcome"], outcome["code"]) == ("ERROR", "FORBIDDEN")
    assert decide(http, t["hr_other"], "record", rid, "APPROVE", version=1)[0] == 403
    assert decide_many(http, t["bkd"], "record", [(rid, 1)], "APPROVE")[1]["decided"] == 1
    revoke = {"note": "Salah unggah", "version": 2}
    for who in ("dewi", "agus", "hr_other"):
        status, error = decide(http, t[who], "record", rid, "REVOKE", **revoke)
        assert status == 403, who
    hr_record = _submit(http, t["hr"], "TIM_KERJA")
    assert decide_many(http, t["bkd"], "record", [(hr_record["record_id"], 1)], "APPROVE")[1]["decided"] == 1
    status, error = decide(http, t["hr"], "record", hr_record["record_id"], "REVOKE", **revoke)
    assert (status, error["code"]) == (403, "SELF_DECISION")
    assert decide(http, t["hr"], "record", rid, "REVOKE", **revoke)[0] == 200
    # someone else's upload slip is not theirs to use
    slip = _upload(http, t["dewi"])
    status, error = status_of("POST", "/records", t["agus"], _body("PENGHARGAAN", slip))
    assert (status, error["code"]) == (400, "INVALID_UPLOAD_TOKEN")
    assert nip["dewi"] not in {r["nip"] for r in status_of("GET", "/records", t["agus"])[1]["items"]}


@pytest.mark.parametrize(
    "method,route",
    [("GET", "/records/{id}"), ("PATCH", "/records/{id}"), ("DELETE", "/records/{id}?version=1"),
     ("POST", "/verifications/record/{id}")],
)  # fmt: skip
@pytest.mark.parametrize("bad", ["a" * 3000, "%00", "..%2F..", "é" * 40, "0" * 32])
def test_a_malformed_or_unknown_record_id_is_a_4xx(http, office, method, route, bad):
    body = {"verdict": "REVOKE", "note": "Salah unggah", "version": 1} if "verifications" in route else {"version": 1}
    status, body = http.call(method, route.replace("{id}", bad), body, token=office["token"]["hr"])
    assert 400 <= status < 500 and {"code", "message", "details"} <= body.keys(), (route, status, body)


# -- uploads -----------------------------------------------------------------------------------------------


def test_uploads_refuse_a_wrong_type_and_an_oversize_file_and_delete_it(http, office):
    from chalicelib.config import settings
    from chalicelib.security import tokens

    dewi = office["token"]["dewi"]

    def offer(**body):
        base = {"filename": "sertifikat.pdf", "content_type": "application/pdf", "size": 1000}
        return http.call("POST", "/records/upload", {**base, **body}, token=dewi)

    status, error = offer(content_type="image/png")
    assert (status, error["code"]) == (400, "UNSUPPORTED_FILE_TYPE")
    status, error = offer(size=MB + 1)
    assert (status, error["code"]) == (413, "FILE_TOO_LARGE")
    assert offer(size=MB)[0] == 201
    for data, declared, status, code in (
        (EXE, None, 400, "FILE_CONTENT_MISMATCH"),  # an .exe announced as a PDF
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, None, 400, "FILE_CONTENT_MISMATCH"),  # a picture, not a PDF
        (PDF + b"0" * MB, 1000, 413, "FILE_TOO_LARGE"),  # lied about its size
    ):
        slip = _upload(http, dewi, data, declared=declared)
        key = tokens.read_claims(settings().app_secret, tokens.FILE_UPLOAD, slip, _now())["key"]
        assert _exists(key)  # S3 took it
        got, error = http.call("POST", "/records", _body("PENGHARGAAN", slip), token=dewi)
        assert (got, error["code"]) == (status, code)
        assert not _exists(key)
    assert http.call("GET", "/records", token=dewi)[1]["items"] == []
    # a PDF replaced by a correction is deleted; the new one is kept
    record = _submit(http, dewi, "PENGHARGAAN")
    old_key = _key_of(record)
    status, corrected = http.call(
        "PATCH",
        f"/records/{record['record_id']}",
        {"upload_token": _upload(http, dewi, filename="sk baru.pdf"), "declaration": True, "version": 1},
        token=dewi,
    )
    assert status == 200 and corrected["document"]["filename"] == "sk baru.pdf"
    assert corrected["history"][-1]["changes"]["document"] == ["sertifikat.pdf", "sk baru.pdf"]
    assert not _exists(old_key) and _exists(_key_of(corrected))


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)


# -- notifications -------------------------------------------------------------------------------------------


def test_the_employee_hears_of_each_decision_once(http, office, stack):
    import boto3
    from chalice.local import LambdaContext

    from chalicelib.config import settings
    from chalicelib.handlers.streams import record_changes
    from chalicelib.integrations.aws import client
    from chalicelib.store.employees import DynamoEmployeeRepository
    from devtools.streams import StreamReader
    from tests.support import outbox_for

    cfg = settings()
    arn = client("dynamodb").describe_table(TableName=cfg.table("records"))["Table"]["LatestStreamArn"]
    reader = StreamReader(
        boto3.client("dynamodbstreams", endpoint_url=cfg.dynamodb_endpoint, region_name=cfg.region), arn
    )
    reader.read()  # what earlier tests wrote
    dewi, hr = office["token"]["dewi"], office["token"]["hr"]
    course = _submit(http, dewi, "SERTIFIKASI")
    team = _submit(http, dewi, "TIM_KERJA")
    award = _submit(http, dewi, "PENGHARGAAN")

    def bulk(verdict, record, **extra):
        result = decide_many(http, hr, "record", [(record["record_id"], record["version"])], verdict, **extra)
        assert result[1]["decided"] == 1, result

    bulk("APPROVE", course)
    bulk("REJECT", award, note="Piagam tidak terbaca")
    bulk("APPROVE", team)
    assert decide(http, hr, "record", team["record_id"], "REVOKE", note="SK sudah tidak berlaku", version=2)[0] == 200
    records = reader.read()
    assert len(records) == 7  # three submissions, three decisions, one revocation
    handler = lambda batch: record_changes({"Records": batch}, LambdaContext("record_changes", 512))  # noqa: E731
    assert handler(records) == {"batchItemFailures": []}
    whatsapp = DynamoEmployeeRepository().get(office["nip"]["dewi"]).whatsapp
    texts = "\n---\n".join(sorted(m.text for m in outbox_for(whatsapp)))
    assert texts.count("Halo Dewi Lestari") == 4, texts
    approved = 'riwayat sertifikasi Anda "Sosialisasi Pelaporan LHKPN Tahun 2026" telah disetujui oleh Budi Santoso'
    assert approved in texts
    assert 'riwayat penghargaan Anda "ASN Berprestasi (2026)" ditolak oleh Budi Santoso' in texts
    assert "Catatan: Piagam tidak terbaca" in texts
    revoked = 'persetujuan tim kerja Anda "Tim Pemeriksa Pelanggaran Disiplin" dibatalkan oleh Budi Santoso'
    assert revoked in texts and "Alasan: SK sudah tidak berlaku" in texts
    handler(records)  # delivered again (at least once): nothing is sent twice
    assert len(outbox_for(whatsapp)) == 4


# -- cost --------------------------------------------------------------------------------------------------


@pytest.fixture
def dynamodb_calls(monkeypatch):
    from collections import Counter

    import botocore.client

    calls: Counter[str] = Counter()
    real = botocore.client.BaseClient._make_api_call

    def counting(self, operation_name, params):
        if self.meta.service_model.service_name == "dynamodb":
            calls[operation_name] += 1
        return real(self, operation_name, params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", counting)
    return calls


def test_hr_lists_cost_the_same_however_many_records_exist(http, office, dynamodb_calls):
    dewi, agus, hr = (office["token"][n] for n in ("dewi", "agus", "hr"))
    first = _submit(http, dewi, "TIM_KERJA")

    def measure() -> dict[str, dict[str, int]]:
        found = {}
        for name, path in (
            ("waiting", "/verifications?kind=record&limit=5"),
            ("one kind", "/verifications?kind=record&category=TIM_KERJA&limit=5"),
            ("every status", "/verifications?kind=record&status=ALL&limit=5"),
            ("own list", "/records?limit=5"),
            ("one record", f"/records/{first['record_id']}"),
        ):
            dynamodb_calls.clear()
            status, body = http.call("GET", path, token=hr if "verification" in path else dewi)
            assert status == 200, body
            found[name] = dict(dynamodb_calls)
        return found

    small = measure()
    made = [_submit(http, who, "TIM_KERJA", team_name=f"Tim {n}") for n in range(12) for who in (dewi, agus)]
    assert decide_many(http, hr, "record", [(r["record_id"], 1) for r in made[:8]], "APPROVE")[1]["decided"] == 8
    assert measure() == small
    # authorizer GetItem + one Query per lane (3 kinds, or 3 × 4 statuses) + a COUNT per kind + one batch of names
    # (an HR kind reads no delegations)
    assert small["waiting"] == {"GetItem": 1, "Query": 6, "BatchGetItem": 1}
    assert small["one kind"] == {"GetItem": 1, "Query": 4, "BatchGetItem": 1}
    assert small["every status"] == {"GetItem": 1, "Query": 15, "BatchGetItem": 1}
    assert small["one record"] == {"GetItem": 2}
    assert sum(small["own list"].values()) <= 1 + 4
