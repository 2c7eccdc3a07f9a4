"""The document archive (DMS) over HTTP: uploads to the S3 server, HR's verification one by one and in bulk, the
score rising as documents are verified, the per-satker completeness and its Excel export, the admin's categories,
BKD across every SKPD, and a 403 for every route outside its scope."""

from __future__ import annotations

import io

import pytest
import requests
from openpyxl import load_workbook

from tests.support import decide, decide_many, queue

PDF = b"%PDF-1.7\n" + b"0" * 400
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
EXE = b"MZ\x90\x00" + b"\x00" * 300


@pytest.fixture
def office(http, factory):
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="dr. Kepala")
    staff = factory.employee(skpd, supervisor=boss, name="Dewi Lestari")
    colleague = factory.employee(skpd, supervisor=boss, name="Agus Pratama")
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Budi Santoso")
    tokens = {nip: http.login(nip) for nip in (boss, staff, colleague, hr)}
    return {"skpd": skpd, "boss": boss, "staff": staff, "colleague": colleague, "hr": hr, "tokens": tokens}


def _base(nip: str, category: str) -> str:
    return f"/archive/employees/{nip}/documents/{category}"


def _offer(http, token, nip, category, filename, content_type, size):
    body = {"filename": filename, "content_type": content_type, "size": size}
    return http.call("POST", f"{_base(nip, category)}/upload", body, token=token)


def _post(form, filename, data, content_type):
    posted = requests.post(form["url"], data=form["fields"], files={"file": (filename, data, content_type)}, timeout=10)
    assert posted.status_code in (200, 201, 204), posted.text


def _store(http, token, nip, category, data=PDF, filename="dokumen.pdf", content_type="application/pdf"):
    """Upload and confirm one document; the employee's archive as the API answers it."""
    status, slip = _offer(http, token, nip, category, filename, content_type, len(data))
    assert status == 201, slip
    _post(slip["upload"], filename, data, content_type)
    status, archive = http.call(
        "POST", f"{_base(nip, category)}/confirm", {"upload_token": slip["upload_token"]}, token=token
    )
    assert status == 200, archive
    return archive


def _state(archive, code):
    return next(c for g in archive["groups"] for c in g["categories"] if c["code"] == code)


def _required(archive):
    return [c["code"] for g in archive["groups"] for c in g["categories"] if c["required"]]


def _expected(verified: int, required: int) -> int:
    return 100 * verified // required


def test_score_rises_as_hr_verifies_documents(http, office):
    staff, hr = office["staff"], office["hr"]
    me, officer = office["tokens"][staff], office["tokens"][hr]
    status, archive = http.call("GET", f"/archive/employees/{staff}", token=me)
    assert status == 200 and (archive["score"], archive["label"], archive["verified"]) == (0, "Tidak lengkap", 0)
    assert [g["group"] for g in archive["groups"]] == ["UTAMA", "KONDISIONAL"]
    assert [g["label"] for g in archive["groups"]] == ["Arsip utama", "Arsip kondisional"]
    required = _required(archive)
    assert {"SK-CPNS", "SK-PNS", "KTP", "NPWP", "IJAZAH"} <= set(required) and "AKTA-NIKAH" not in required
    assert _state(archive, "AKTA-NIKAH")["required"] is False and _state(archive, "KTP")["status"] == "MISSING"
    assert archive["required"] == len(required)

    archive = _store(http, me, staff, "KTP", PNG, "ktp saya.png", "image/png")
    ktp = _state(archive, "KTP")
    assert (ktp["status"], ktp["status_label"]) == ("SUBMITTED", "Menunggu verifikasi")
    assert ktp["document"]["filename"] == "ktp saya.png" and ktp["document"]["size"] == len(PNG)
    assert archive["score"] == 0  # waiting documents do not count
    downloaded = requests.get(ktp["document"]["url"], timeout=10)
    assert downloaded.status_code == 200 and downloaded.content == PNG
    for code in ("SK-CPNS", "SK-PNS", "NPWP"):
        archive = _store(http, me, staff, code)

    waiting = queue(http, officer, "document", satker_id=office["skpd"][1])[1]
    assert {(i["detail"]["nip"], i["detail"]["category"]) for i in waiting["items"]} == {
        (staff, c) for c in ("KTP", "SK-CPNS", "SK-PNS", "NPWP")
    }
    assert {i["id"] for i in waiting["items"]} == {f"{staff}.{c}" for c in ("KTP", "SK-CPNS", "SK-PNS", "NPWP")}
    assert {i["status"] for i in waiting["items"]} == {"SUBMITTED"} and waiting["count"] == 4
    item = next(i for i in waiting["items"] if i["detail"]["category"] == "KTP")
    assert item["employee"]["name"] == "Dewi Lestari" and item["detail"]["category_name"] == "KTP"
    assert item["title"] == "KTP" and item["detail"]["url"] and item["files"][0]["filename"] == "ktp saya.png"

    status, decided = decide(http, officer, "document", f"{staff}.KTP", "APPROVE", version=ktp["document"]["version"])
    assert status == 200 and (decided["id"], decided["status_label"]) == (f"{staff}.KTP", "Terverifikasi")
    assert decided["detail"]["decided_by"] == hr and decided["verdicts"] == []
    archive = http.call("GET", f"/archive/employees/{staff}", token=officer)[1]  # was the decision's answer
    assert _state(archive, "KTP")["status_label"] == "Terverifikasi"
    assert (archive["verified"], archive["score"]) == (1, _expected(1, len(required)))
    assert _state(archive, "KTP")["document"]["decided_by"] == hr
    again = decide(http, officer, "document", f"{staff}.KTP", "APPROVE", version=2)
    assert (again[0], again[1]["code"]) == (409, "ALREADY_DECIDED")

    ids = [f"{staff}.{c}" for c in ("SK-CPNS", "SK-PNS", "KTP", "DRH")]
    status, result = decide_many(http, officer, "document", ids, "APPROVE")
    assert status == 200 and (result["decided"], result["failed"]) == (2, 2)
    outcome = {r["id"].split(".")[1]: r for r in result["results"]}
    assert outcome["SK-CPNS"]["status"] == "APPROVED" and outcome["SK-CPNS"]["version"] == 2
    assert outcome["KTP"]["code"] == "ALREADY_DECIDED" and outcome["DRH"]["code"] == "DOCUMENT_NOT_FOUND"
    archive = http.call("GET", f"/archive/employees/{staff}", token=me)[1]
    assert (archive["verified"], archive["score"]) == (3, _expected(3, len(required)))

    npwp_version = _state(archive, "NPWP")["document"]["version"]
    refused = decide(http, officer, "document", f"{staff}.NPWP", "REJECT", version=npwp_version)
    assert (refused[0], refused[1]["code"]) == (400, "NOTE_REQUIRED")
    status, decided = decide(http, officer, "document", f"{staff}.NPWP", "REJECT", note="Buram", version=npwp_version)
    assert status == 200 and (decided["status"], decided["detail"]["note"]) == ("REJECTED", "Buram")
    archive = http.call("GET", f"/archive/employees/{staff}", token=officer)[1]
    npwp = _state(archive, "NPWP")
    assert (npwp["status"], npwp["document"]["note"]) == ("REJECTED", "Buram") and archive["verified"] == 3

    row = _completeness_row(http, officer, office, staff)
    assert (row["score"], row["verified"], row["required"]) == (archive["score"], 3, len(required))
    missing = {m["code"]: m["status"] for m in row["missing"]}
    assert missing["NPWP"] == "REJECTED" and missing["IJAZAH"] == "MISSING" and "KTP" not in missing

    # declaring a marriage adds the marriage certificate and the spouse card to what is required
    status, archive = http.call("PUT", f"/archive/employees/{staff}/profile", {"conditions": ["MENIKAH"]}, token=me)
    assert status == 200 and archive["conditions"] == ["MENIKAH"] and _state(archive, "AKTA-NIKAH")["required"]
    required = _required(archive)
    assert archive["score"] == _expected(3, len(required))

    # every required document uploaded and verified: 100, "Sangat lengkap"
    for code in required:
        if _state(archive, code)["status"] != "APPROVED":
            archive = _store(http, me, staff, code)
    result = decide_many(http, officer, "document", [f"{staff}.{c}" for c in required], "APPROVE")[1]
    assert result["decided"] == len(required) - 3
    archive = http.call("GET", f"/archive/employees/{staff}", token=officer)[1]
    assert (archive["score"], archive["label"], archive["verified"]) == (100, "Sangat lengkap", len(required))
    assert _completeness_row(http, officer, office, staff)["missing"] == []

    # replacing a verified document sends it back to verification; a verified one cannot be withdrawn
    version = _state(archive, "KTP")["document"]["version"]
    locked = http.call("DELETE", f"{_base(staff, 'KTP')}?version={version}", token=me)
    assert (locked[0], locked[1]["code"]) == (409, "DOCUMENT_LOCKED")
    archive = _store(http, me, staff, "KTP", PDF, "ktp-baru.pdf")
    assert _state(archive, "KTP")["status"] == "SUBMITTED" and archive["score"] < 100
    assert len(_objects(f"archive/{staff}/KTP/")) == 1  # the old file is gone


def _objects(prefix: str) -> list[str]:
    from chalicelib.config import settings
    from chalicelib.integrations.aws import client

    listed = client("s3").list_objects_v2(Bucket=settings().bucket, Prefix=prefix)
    return [o["Key"] for o in listed.get("Contents", [])]


def _completeness_row(http, token, office, nip):
    status, page = http.call("GET", f"/archive/completeness?satker_id={office['skpd'][1]}", token=token)
    assert status == 200 and page["satker_id"] == office["skpd"][1], page
    return next(r for r in page["items"] if r["nip"] == nip)


def test_withdraw_and_confirm_twice(http, office):
    staff = office["staff"]
    me = office["tokens"][staff]
    status, slip = _offer(http, me, staff, "DRH", "drh.pdf", "application/pdf", len(PDF))
    _post(slip["upload"], "drh.pdf", PDF, "application/pdf")
    confirm = {"upload_token": slip["upload_token"]}
    first = http.call("POST", f"{_base(staff, 'DRH')}/confirm", confirm, token=me)[1]
    second = http.call("POST", f"{_base(staff, 'DRH')}/confirm", confirm, token=me)[1]
    assert _state(first, "DRH")["document"]["version"] == _state(second, "DRH")["document"]["version"] == 1
    url = _state(second, "DRH")["document"]["url"]
    stale = http.call("DELETE", f"{_base(staff, 'DRH')}?version=9", token=me)
    assert (stale[0], stale[1]["code"]) == (409, "CONFLICT")
    status, archive = http.call("DELETE", f"{_base(staff, 'DRH')}?version=1", token=me)
    assert (
        status == 200 and _state(archive, "DRH")["status"] == "MISSING" and _state(archive, "DRH")["document"] is None
    )
    assert requests.get(url, timeout=10).status_code != 200 and _objects(f"archive/{staff}/DRH/") == []
    assert http.call("DELETE", f"{_base(staff, 'DRH')}?version=1", token=me)[1]["code"] == "DOCUMENT_NOT_FOUND"


def test_uploads_refuse_a_wrong_type_and_an_oversize_file_and_delete_the_object(http, office, stack):
    from chalicelib.config import settings
    from chalicelib.integrations.aws import client

    staff = office["staff"]
    me = office["tokens"][staff]
    # announced: SK PNS takes PDF only, up to 1 MB; KTP PDF or images up to 512 KB
    wrong = _offer(http, me, staff, "SK-PNS", "sk.png", "image/png", 100)
    assert (wrong[0], wrong[1]["code"]) == (400, "UNSUPPORTED_FILE_TYPE")
    assert _offer(http, me, staff, "SK-PNS", "sk.doc", "application/msword", 100)[1]["code"] == "UNSUPPORTED_FILE_TYPE"
    big = _offer(http, me, staff, "KTP", "ktp.pdf", "application/pdf", 512 * 1024 + 1)
    assert (big[0], big[1]["code"]) == (413, "FILE_TOO_LARGE") and "512 KB" in big[1]["message"]
    assert _offer(http, me, staff, "TIDAK-ADA", "a.pdf", "application/pdf", 10)[1]["code"] == "CATEGORY_NOT_FOUND"
    assert _offer(http, me, staff, "ktp", "a.pdf", "application/pdf", 10)[0] == 201  # codes are read in capitals

    # stored: what S3 accepted is checked again; a lie is refused and the object deleted
    s3, bucket = client("s3"), settings().bucket
    cases = [
        ("SK-PNS", "sk.pdf", "application/pdf", EXE, None, 400, "FILE_CONTENT_MISMATCH"),  # a renamed .exe
        ("KTP", "ktp.png", "image/png", PDF, None, 400, "FILE_CONTENT_MISMATCH"),  # a PDF declared as PNG
        ("KTP", "ktp.pdf", "application/pdf", PDF + b"0" * (512 * 1024), 1000, 413, "FILE_TOO_LARGE"),  # lied size
    ]
    for category, name, kind, data, declared, status, code in cases:
        got, slip = _offer(http, me, staff, category, name, kind, declared or len(data))
        assert got == 201, slip
        key = slip["upload"]["fields"]["key"]
        assert key.startswith(f"archive/{staff}/{category}/")
        _post(slip["upload"], name, data, kind)
        assert s3.head_object(Bucket=bucket, Key=key)["ContentLength"] == len(data)  # S3 took it
        confirmed = http.call(
            "POST", f"{_base(staff, category)}/confirm", {"upload_token": slip["upload_token"]}, token=me
        )
        assert (confirmed[0], confirmed[1]["code"]) == (status, code)
        assert s3.list_objects_v2(Bucket=bucket, Prefix=key)["KeyCount"] == 0
    archive = http.call("GET", f"/archive/employees/{staff}", token=me)[1]
    assert _state(archive, "KTP")["status"] == _state(archive, "SK-PNS")["status"] == "MISSING"

    # a slip is bound to its employee and category
    slip = _offer(http, me, staff, "KTP", "ktp.pdf", "application/pdf", len(PDF))[1]
    _post(slip["upload"], "ktp.pdf", PDF, "application/pdf")
    other = http.call("POST", f"{_base(staff, 'NPWP')}/confirm", {"upload_token": slip["upload_token"]}, token=me)
    assert (other[0], other[1]["code"]) == (400, "INVALID_UPLOAD_TOKEN")
    unsent = _offer(http, me, staff, "NPWP", "npwp.pdf", "application/pdf", len(PDF))[1]
    missing = http.call("POST", f"{_base(staff, 'NPWP')}/confirm", {"upload_token": unsent["upload_token"]}, token=me)
    assert (missing[0], missing[1]["code"]) == (404, "UPLOAD_NOT_FOUND")


def test_every_route_answers_403_outside_its_scope(http, office, factory):
    skpd, staff, colleague, boss, hr = (office[k] for k in ("skpd", "staff", "colleague", "boss", "hr"))
    tokens = office["tokens"]
    _store(http, tokens[staff], staff, "KTP")
    _store(http, tokens[hr], hr, "KTP")
    before = _stored_state(http, office)  # as the server holds it before any refusal, re-read at the end
    foreign_hr = http.login(factory.employee(factory.skpd(), roles=("KEPEGAWAIAN",)))
    operator = http.login(factory.employee(skpd, roles=("OPERATOR_SKPD",)))
    decision = {"verdict": "APPROVE", "version": 1}
    upload = {"filename": "a.pdf", "content_type": "application/pdf", "size": 10}
    someone_elses = [
        ("GET", f"/archive/employees/{staff}", None),
        ("PUT", f"/archive/employees/{staff}/profile", {"conditions": ["MENIKAH"]}),
        ("POST", f"/verifications/document/{staff}.KTP", decision),
    ]
    for token in (tokens[colleague], tokens[boss], foreign_hr, operator):  # colleague, supervisor, HR elsewhere
        for method, path, body in someone_elses:
            assert http.call(method, path, body, token=token)[0] == 403, (method, path)
    owner_only = [
        ("POST", f"{_base(staff, 'NPWP')}/upload", upload),
        ("POST", f"{_base(staff, 'NPWP')}/confirm", {"upload_token": "x.y.z"}),
        ("DELETE", f"{_base(staff, 'KTP')}?version=1", None),
    ]
    for token in (tokens[colleague], tokens[hr]):  # HR verifies, never uploads or withdraws for the employee
        for method, path, body in owner_only:
            status, error = http.call(method, path, body, token=token)
            assert (status, error["code"]) == (403, "NOT_OWNER"), (method, path)
    hr_only = [
        ("GET", "/verifications?kind=document", None),
        ("POST", "/verifications/document", {"verdict": "APPROVE", "items": [{"id": f"{staff}.KTP"}]}),
        ("GET", f"/archive/completeness?satker_id={skpd[1]}", None),
        ("POST", "/archive/completeness/export", {"satker_id": skpd[1]}),
    ]
    for token in (tokens[staff], tokens[boss], operator):
        for method, path, body in hr_only:
            assert http.call(method, path, body, token=token)[0] == 403, (method, path)
    for method, path, body in (
        ("GET", f"/verifications?kind=document&skpd_id={skpd[0]}", None),
        ("GET", f"/archive/completeness?skpd_id={skpd[0]}&satker_id={skpd[1]}", None),
        ("POST", "/archive/completeness/export", {"skpd_id": skpd[0], "satker_id": skpd[1]}),
    ):
        assert http.call(method, path, body, token=foreign_hr)[0] == 403, (method, path)
    # another SKPD's HR in bulk: the item is refused, nothing changes
    result = decide_many(http, foreign_hr, "document", [f"{staff}.KTP"], "APPROVE")[1]
    assert result["results"][0]["code"] == "FORBIDDEN" and result["decided"] == 0
    # nobody verifies their own document, one by one or in bulk
    own = decide(http, tokens[hr], "document", f"{hr}.KTP", "APPROVE", version=1)
    assert (own[0], own[1]["code"]) == (403, "SELF_DECISION")
    own_bulk = decide_many(http, tokens[hr], "document", [f"{hr}.KTP"], "APPROVE")[1]
    assert own_bulk["results"][0]["code"] == "SELF_DECISION"
    assert http.call("GET", f"/archive/employees/{staff}", token=tokens[hr])[1]["verified"] == 0
    # the category list is the admin's
    for token in (tokens[staff], tokens[hr], foreign_hr):
        assert (
            http.call("POST", "/archive/categories", {"code": "X1", "name": "X", "group": "UTAMA"}, token=token)[0]
            == 403
        )
        assert http.call("PATCH", "/archive/categories/KTP", {"name": "X", "version": 1}, token=token)[0] == 403
        assert http.call("DELETE", "/archive/categories/KTP?version=1", token=token)[0] == 403
    # and the employee's own archive is theirs, HR's of their SKPD too
    assert http.call("GET", f"/archive/employees/{staff}", token=tokens[staff])[0] == 200
    assert http.call("GET", f"/archive/employees/{staff}", token=tokens[hr])[0] == 200
    assert http.call("GET", f"/archive/employees/{staff}", token=tokens[staff])[1]["groups"][0]["verified"] == 0
    # every refusal above wrote nothing: both documents still SUBMITTED at version 1, no NPWP, the same
    # conditions, the same category list
    after = _stored_state(http, office)
    assert after == before
    assert after["documents"][staff]["KTP"][:2] == ("SUBMITTED", 1) and after["documents"][hr]["KTP"][:2] == (
        "SUBMITTED",
        1,
    )
    assert after["documents"][staff]["NPWP"] == ("MISSING", None, None)


def _stored_state(http, office) -> dict:
    """What the refusals of the outsider test could have changed, read back from the server: the staff's and HR's
    documents (status, version, who decided), the staff's conditions and the category list."""
    tokens, staff, hr = office["tokens"], office["staff"], office["hr"]
    documents, conditions = {}, {}
    for nip in (staff, hr):
        archive = http.call("GET", f"/archive/employees/{nip}", token=tokens[nip])[1]
        conditions[nip] = archive["conditions"]
        documents[nip] = {}
        for code in ("KTP", "NPWP"):
            state = _state(archive, code)
            document = state["document"] or {}
            documents[nip][code] = (state["status"], document.get("version"), document.get("decided_by"))
    categories = http.call("GET", "/archive/categories?include_retired=true", token=tokens[staff])[1]["items"]
    return {"documents": documents, "conditions": conditions, "categories": categories}


def test_bkd_verifies_and_recaps_every_skpd_but_has_no_admin_functions(http, office, factory, runner):
    staff, skpd = office["staff"], office["skpd"]
    agency = factory.skpd()
    admin = http.login(factory.employee(agency, roles=("ADMIN",)))
    bkd_nip = factory.employee(agency, name="Petugas BKPSDM")
    status, profile = http.call("PUT", f"/employees/{bkd_nip}/roles", {"roles": ["BKD"]}, token=admin)
    assert status == 200 and "BKD" in profile["roles"]
    bkd = http.login(bkd_nip)
    roles_before = {nip: http.call("GET", f"/employees/{nip}", token=admin)[1]["roles"] for nip in (bkd_nip, staff)}
    assert "ADMIN" not in roles_before[bkd_nip] and "BKD" not in roles_before[staff]
    elsewhere = factory.skpd()
    other = factory.employee(elsewhere, name="Pegawai Lain")
    _store(http, office["tokens"][staff], staff, "NPWP")
    _store(http, http.login(other), other, "NPWP")

    every = queue(http, bkd, "document", category="NPWP", limit=100)[1]
    nips = {i["employee"]["nip"] for i in every["items"]}
    assert {staff, other} <= nips
    one = queue(http, bkd, "document", skpd_id=elsewhere[0])[1]
    assert {i["employee"]["nip"] for i in one["items"]} == {other} and one["count"] == 1
    refused = queue(http, bkd, "document", satker_id=skpd[1])
    assert (refused[0], refused[1]["code"]) == (400, "SKPD_REQUIRED")
    hr_queue = queue(http, office["tokens"][office["hr"]], "document")[1]
    assert other not in {i["employee"]["nip"] for i in hr_queue["items"]}  # KEPEGAWAIAN: their SKPD only

    assert http.call("GET", f"/archive/employees/{other}", token=bkd)[0] == 200
    assert decide_many(http, bkd, "document", [f"{staff}.NPWP", f"{other}.NPWP"], "APPROVE")[1]["decided"] == 2
    status, page = http.call("GET", f"/archive/completeness?skpd_id={elsewhere[0]}&satker_id={elsewhere[1]}", token=bkd)
    assert status == 200 and page["items"][0]["verified"] == 1

    # recaps of any SKPD, as KEPEGAWAIAN has for theirs
    recap = {
        "kind": "recap",
        "format": "xlsx",
        "period": "month",
        "month": "2026-01",
        "scope": {"type": "skpd", "skpd_id": skpd[0]},
    }
    for body in (recap, {**recap, "scope": {"type": "satker", "skpd_id": elsewhere[0], "satker_id": elsewhere[1]}}):
        status, job = http.call("POST", "/exports", body, token=bkd)
        assert status == 202, job
        runner.deliver_queue()
        assert http.call("GET", f"/exports/{job['job_id']}", token=bkd)[1]["status"] == "DONE"

    # reads of the organisation, never the admin's system functions
    assert http.call("GET", "/skpd", token=bkd)[0] == 200
    assert http.call("GET", f"/skpd/{elsewhere[0]}", token=bkd)[0] == 200
    organisation_before = http.call("GET", f"/skpd/{skpd[0]}", token=bkd)[1]
    holidays_before = http.call("GET", "/admin/holidays?year=2026", token=admin)[1]
    categories_before = http.call("GET", "/archive/categories?include_retired=true", token=admin)[1]
    for method, path, body in (
        ("POST", "/skpd", {"skpd_id": "BARU-BKD", "name": "X", "timezone": "WIB"}),
        ("PATCH", f"/skpd/{skpd[0]}", {"name": "X", "version": 1}),
        ("POST", f"/skpd/{skpd[0]}/satker", {"satker_id": "BARU", "name": "X"}),
        ("PATCH", f"/skpd/{skpd[0]}/satker/{skpd[1]}", {"name": "X", "version": 1}),
        ("PUT", f"/employees/{staff}/roles", {"roles": ["BKD"]}),
        ("POST", f"/employees/{staff}/password-reset", None),
        ("PUT", f"/employees/{bkd_nip}/roles", {"roles": ["BKD", "ADMIN"]}),
        ("GET", "/admin/holidays?year=2026", None),
        ("PUT", "/admin/holidays/2026-12-24", {"action": "ADD", "name": "Libur"}),
        ("DELETE", "/admin/holidays/2026-12-24", None),
        ("GET", "/admin/outbox?day=2026-01-05", None),
        ("POST", "/archive/categories", {"code": "BKD-X", "name": "X", "group": "UTAMA"}),
        ("PATCH", "/archive/categories/KTP", {"name": "X", "version": 1}),
    ):
        assert http.call(method, path, body, token=bkd)[0] == 403, (method, path)
    # nor does the role reach into operators' work (accounts of an SKPD)
    new = {
        "nip": "199001152015032099",
        "name": "X",
        "jabatan": "Y",
        "satker_id": skpd[1],
        "whatsapp": "081234567890",
        "timezone": "WIB",
    }
    assert http.call("POST", "/employees", {**new, "skpd_id": skpd[0]}, token=bkd)[0] == 403
    # and none of those refusals changed anything: roles, the SKPD and its satker, holidays, categories, accounts
    for nip, roles in roles_before.items():
        assert http.call("GET", f"/employees/{nip}", token=admin)[1]["roles"] == roles, nip
    assert http.call("GET", f"/skpd/{skpd[0]}", token=bkd)[1] == organisation_before
    assert "BARU-BKD" not in {s["skpd_id"] for s in http.call("GET", "/skpd", token=bkd)[1]["items"]}
    assert http.call("GET", "/admin/holidays?year=2026", token=admin)[1] == holidays_before
    assert http.call("GET", "/archive/categories?include_retired=true", token=admin)[1] == categories_before
    assert http.call("GET", f"/employees/{new['nip']}", token=admin)[0] == 404


def test_the_admin_changes_the_category_list(http, office, factory):
    admin = http.login(factory.employee(factory.skpd(), roles=("ADMIN",)))
    staff = office["staff"]
    me = office["tokens"][staff]
    categories = http.call("GET", "/archive/categories", token=me)[1]["items"]
    codes = [c["code"] for c in categories]
    assert codes[:2] == ["SK-CPNS", "SK-PNS"] and "SK-TUGAS-BELAJAR" in codes
    ktp = next(c for c in categories if c["code"] == "KTP")
    assert ktp["files"] == "PDF_IMAGE" and ktp["size_label"] == "512 KB" and ktp["group_label"] == "Arsip utama"

    code = f"SK-DIKLAT-{office['skpd'][1][-4:]}"
    new = {
        "code": code.lower(),
        "name": "Sertifikat diklat prajabatan",
        "group": "KONDISIONAL",
        "applies_to": "TUGAS_BELAJAR",  # nobody else in these tests declares it, so others' scores stay put
        "max_kb": 300,
    }
    status, made = http.call("POST", "/archive/categories", new, token=admin)
    assert status == 201 and (made["code"], made["version"], made["files"], made["size_label"]) == (
        code,
        1,
        "PDF",
        "300 KB",
    )
    assert http.call("POST", "/archive/categories", new, token=admin)[1]["code"] == "CATEGORY_EXISTS"
    bad = http.call("POST", "/archive/categories", {**new, "code": "X2", "applies_to": "JANDA"}, token=admin)
    assert (bad[0], bad[1]["code"]) == (400, "INVALID_APPLIES_TO")

    before = http.call("GET", f"/archive/employees/{staff}", token=me)[1]
    archive = http.call("PUT", f"/archive/employees/{staff}/profile", {"conditions": ["TUGAS_BELAJAR"]}, token=me)[1]
    assert _state(archive, code)["required"] and archive["required"] == before["required"] + 2  # + SK tugas belajar
    big = _offer(http, me, staff, code, "d.pdf", "application/pdf", 300 * 1024 + 1)
    assert big[0] == 413

    status, changed = http.call("PATCH", f"/archive/categories/{code}", {"max_kb": 600, "version": 1}, token=admin)
    assert status == 200 and changed["max_kb"] == 600 and changed["version"] == 2
    stale = http.call("PATCH", f"/archive/categories/{code}", {"max_kb": 700, "version": 1}, token=admin)
    assert (stale[0], stale[1]["code"]) == (409, "CONFLICT")
    status, retired = http.call("DELETE", f"/archive/categories/{code}?version=2", token=admin)
    assert status == 200 and retired["active"] is False
    archive = http.call("GET", f"/archive/employees/{staff}", token=me)[1]
    assert archive["required"] == before["required"] + 1 and code not in _required(archive)
    assert code not in [c["code"] for c in http.call("GET", "/archive/categories", token=me)[1]["items"]]
    listed = http.call("GET", "/archive/categories?include_retired=true", token=admin)[1]["items"]
    assert next(c for c in listed if c["code"] == code)["active"] is False
    assert _offer(http, me, staff, code, "d.pdf", "application/pdf", 10)[1]["code"] == "CATEGORY_RETIRED"
    restored = http.call("PATCH", f"/archive/categories/{code}", {"active": True, "version": 3}, token=admin)[1]
    assert restored["active"] is True
    http.call("DELETE", f"/archive/categories/{code}?version=4", token=admin)  # leave the list as it was
    http.call("PUT", f"/archive/employees/{staff}/profile", {"conditions": []}, token=me)


def test_completeness_of_a_satker_exported_to_excel(http, office, runner):
    staff, colleague, hr = office["staff"], office["colleague"], office["hr"]
    officer = office["tokens"][hr]
    _store(http, office["tokens"][staff], staff, "KTP")
    version = 1
    assert decide(http, officer, "document", f"{staff}.KTP", "APPROVE", version=version)[0] == 200
    _make_pppk(colleague)  # the operator keeps the employment status on the account

    page = http.call("GET", f"/archive/completeness?satker_id={office['skpd'][1]}&limit=2", token=officer)[1]
    assert len(page["items"]) == 2 and page["next_cursor"]
    rest = http.call(
        "GET", f"/archive/completeness?satker_id={office['skpd'][1]}&cursor={page['next_cursor']}", token=officer
    )[1]
    rows = {r["nip"]: r for r in page["items"] + rest["items"]}
    assert set(rows) == {office["boss"], staff, colleague, hr}
    assert rows[colleague]["employment"] == "PPPK" and "SK-PPPK" in {m["code"] for m in rows[colleague]["missing"]}
    assert "SK-CPNS" not in {m["code"] for m in rows[colleague]["missing"]}
    assert http.call("GET", "/archive/completeness?satker_id=TIDAK-ADA", token=officer)[1]["code"] == "SATKER_NOT_FOUND"

    status, job = http.call("POST", "/archive/completeness/export", {"satker_id": office["skpd"][1]}, token=officer)
    assert status == 202 and job["status"] == "PENDING"
    runner.deliver_queue()
    status, done = http.call("GET", f"/exports/{job['job_id']}", token=officer)
    assert status == 200 and done["status"] == "DONE", done
    assert http.call("GET", f"/exports/{job['job_id']}", token=office["tokens"][staff])[0] == 404  # HR's file
    book = load_workbook(io.BytesIO(requests.get(done["url"], timeout=10).content))
    summary = book["Kelengkapan"]
    assert [c.value for c in summary[1]][:7] == [
        "No",
        "NIP",
        "Nama",
        "Jabatan",
        "Status kepegawaian",
        "Skor",
        "Predikat",
    ]
    lines = {row[1].value: [c.value for c in row] for row in summary.iter_rows(min_row=2) if row[1].value}
    assert lines[staff][2] == "Dewi Lestari" and lines[staff][5] == rows[staff]["score"] and lines[staff][8] == 1
    assert "NPWP" in lines[staff][12] and "KTP" not in lines[staff][12].split("; ")
    assert lines[colleague][4] == "PPPK"
    notes = [row[0].value for row in summary.iter_rows(min_row=2) if row[0].value and isinstance(row[0].value, str)]
    assert any("Sangat lengkap" in n for n in notes)
    detail = [[c.value for c in row] for row in book["Rincian"].iter_rows(min_row=2)]
    assert [staff, "Dewi Lestari", "Arsip utama", "KTP", "Terverifikasi"] in detail


def _make_pppk(nip: str) -> None:
    from dataclasses import replace

    from chalicelib.domain.accounts import EmploymentStatus
    from chalicelib.store.employees import DynamoEmployeeRepository

    employees = DynamoEmployeeRepository()
    employees.save(replace(employees.get(nip), employment_status=EmploymentStatus.PPPK))


def test_dynamodb_requests_per_archive_route_do_not_grow_with_the_data(http, office, factory, monkeypatch):
    from collections import Counter

    import botocore.client

    calls: Counter[str] = Counter()
    real = botocore.client.BaseClient._make_api_call

    def counting(self, operation_name, params):
        if self.meta.service_model.service_name == "dynamodb":
            calls[operation_name] += 1
        return real(self, operation_name, params)

    staff, hr, skpd = office["staff"], office["hr"], office["skpd"]
    me, officer = office["tokens"][staff], office["tokens"][hr]
    _store(http, me, staff, "KTP")
    routes = {
        "archive": lambda: http.call("GET", f"/archive/employees/{staff}", token=me),
        "queue": lambda: queue(http, officer, "document"),
        "completeness": lambda: http.call("GET", f"/archive/completeness?satker_id={skpd[1]}", token=officer),
    }

    def measure() -> dict[str, dict[str, int]]:
        counted = {}
        monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", counting)
        for name, route in routes.items():
            calls.clear()
            assert route()[0] == 200
            counted[name] = dict(calls)
        monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", real)
        return counted

    small = measure()
    for code in ("NPWP", "DRH", "IJAZAH", "SK-PNS", "SK-CPNS"):
        _store(http, me, staff, code)
    for n in range(4):
        nip = factory.employee(skpd, name=f"Pegawai Tambahan {n}")
        _store(http, http.login(nip), nip, "KTP")
    large = measure()
    print("\nDynamoDB requests per archive route:", small)
    assert small == large
    assert sum(small["archive"].values()) <= 5 and sum(small["completeness"].values()) <= 5
