"""Leave over HTTP against DynamoDB Local and moto: the whole flow with every notification from the real stream
and the e-mailed links, the letter read back, the numbering and overlap races with threads, the certificate
upload, the profile's employment status, HR's list, export, settings and cancellation."""

from __future__ import annotations

import io
import json
import re
import threading
import urllib.request
from datetime import date, timedelta
from typing import Any

import pytest
import requests

from tests.support import attend, decide, outbox_for, payload, queue, report_body, today_wib, unique

PDF = b"%PDF-1.7\n" + b"0" * 600


class LeaveStream:
    """The `leaves` table's stream as DynamoDB Local produced it, delivered to the real handler; then the
    notifications queue (moto's SQS), where the handler queued the e-mails, delivered to the real worker."""

    def __init__(self) -> None:
        import boto3

        from app import app
        from chalicelib.config import settings
        from chalicelib.integrations.aws import client
        from devtools.runner import LocalRunner
        from devtools.streams import StreamReader

        cfg = settings()
        arn = client("dynamodb").describe_table(TableName=cfg.table("leaves"))["Table"]["LatestStreamArn"]
        streams = boto3.client("dynamodbstreams", endpoint_url=cfg.dynamodb_endpoint, region_name=cfg.region)
        self.reader = StreamReader(streams, arn)
        self.delivered: list[dict[str, Any]] = []
        self.runner = LocalRunner(app, cfg, client("dynamodb"), streams, client("s3"), client("sqs"), log=print)

    def deliver(self, records: list[dict[str, Any]]) -> dict[str, Any]:
        from chalice.local import LambdaContext

        from chalicelib.handlers.streams import leave_changes

        return leave_changes({"Records": records}, LambdaContext("leave_changes", 512))

    def drain(self) -> list[dict[str, Any]]:
        records = self.reader.read()
        if records:
            assert self.deliver(records) == {"batchItemFailures": []}
            self.delivered += records
        self.runner.deliver_queue()  # the e-mails the handler queued
        return records


@pytest.fixture(scope="module")
def stream(stack) -> LeaveStream:
    found = LeaveStream()
    found.reader.read()  # start after what earlier modules wrote
    return found


@pytest.fixture
def office(http, factory):
    """An SKPD with a head of office (who grants leave), a supervisor, two staff, a numbering officer and HR."""
    skpd = factory.skpd()
    n = unique()
    head = factory.employee(skpd, name="Dr. Hj. Kepala Dinas", email=f"kadis{n}@example.go.id")
    boss = factory.employee(skpd, supervisor=head, name="dr. Atasan Langsung", email=f"atasan{n}@example.go.id")
    staff = factory.employee(skpd, supervisor=boss, name="Dewi Lestari Uji")
    other = factory.employee(skpd, supervisor=boss, name="Agus Pratama Uji")
    numberer = factory.employee(skpd, roles=("PENOMORAN",), name="Siti Penomoran", email=f"nomor{n}@example.go.id")
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Budi Kepegawaian")
    people = {"head": head, "boss": boss, "staff": staff, "other": other, "numberer": numberer, "hr": hr}
    emails = {"head": f"kadis{n}@example.go.id", "boss": f"atasan{n}@example.go.id"}
    return {"skpd": skpd, **people, "emails": emails, "tokens": {role: http.login(nip) for role, nip in people.items()}}


def working_span(days: int, *, after: int = 7) -> tuple[date, date]:
    """``days`` working days (no weekend or national holiday in between) starting at least ``after`` days ahead."""
    from chalicelib.domain.workdays import is_working_day

    start = today_wib() + timedelta(days=after)
    while True:
        span = [start + timedelta(days=n) for n in range(days)]
        if all(is_working_day(d) for d in span) and span[0].year == span[-1].year:
            return span[0], span[-1]
        start += timedelta(days=1)


def application(kind: str, start: date, end: date, **extra: Any) -> dict[str, Any]:
    return {
        "type": kind,
        "reason": "Menghadiri pernikahan adik kandung",
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        "address": "Jl. Gatot Subroto No. 12, Kota Medan",
        "phone": "0812-3456-7890",
        **extra,
    }


def whatsapp_of(nip: str) -> str:
    from chalicelib.store.employees import DynamoEmployeeRepository

    return DynamoEmployeeRepository().get(nip).whatsapp


def emails_to(stack, address: str) -> list[dict[str, Any]]:
    with urllib.request.urlopen(f"{stack['SES_ENDPOINT']}/moto-api/data.json") as response:
        stored = json.load(response)["ses"]["Message"]
    values = stored.values() if isinstance(stored, dict) else stored
    return [m for m in values if address in json.dumps(m)]


def links_in(mail: dict[str, Any]) -> dict[str, str]:
    """The e-mailed links by verdict (APPROVE, REJECT, DEFER), as paths of this API."""
    found = re.findall(r"http://kinerja\.test(/decision-links/[A-Za-z0-9_\-=.]+)", json.dumps(mail))
    import jwt

    return {jwt.decode(p.rsplit("/", 1)[1], options={"verify_signature": False})["v"]: p for p in found}


def form_post(http, path: str, fields: dict[str, str]) -> tuple[int, str]:
    from urllib.parse import urlencode

    status, page = http.call(
        "POST", path, raw=urlencode(fields).encode(), headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    return status, page


def pdf_text(url: str) -> str:
    from pypdf import PdfReader

    downloaded = requests.get(url, timeout=10)
    assert downloaded.status_code == 200 and downloaded.content.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(downloaded.content)).pages)


# -- the whole flow ------------------------------------------------------------------------------------------


def test_apply_consider_decide_number_and_download_the_letter(http, office, stream, stack):
    from chalicelib.domain.messages import indonesian_date

    t = office["tokens"]
    start, end = working_span(2)
    status, applied = http.call("POST", "/leave", application("TAHUNAN", start, end), token=t["staff"])
    assert status == 201, applied
    leave_id = applied["leave_id"]
    assert (applied["status"], applied["working_days"], applied["supervisor_nip"], applied["official_nip"]) == (
        "PENDING_CONSIDERATION",
        2,
        office["boss"],
        office["head"],
    )
    assert [row["year"] for row in applied["balance"]] == [start.year - 2, start.year - 1, start.year]

    # 1. the supervisor hears of it (WhatsApp and an e-mail with links) — once, however often the stream repeats
    records = stream.drain()
    [to_boss] = outbox_for(whatsapp_of(office["boss"]))
    assert "Dewi Lestari Uji" in to_boss.text and "menunggu pertimbangan Anda" in to_boss.text
    [boss_mail] = emails_to(stack, office["emails"]["boss"])
    assert set(links_in(boss_mail)) == {"APPROVE", "REJECT", "DEFER"}
    assert {(c["k"], c["id"], c["nip"]) for c in _claims_of(boss_mail)} == {
        ("leave_consideration", leave_id, office["boss"])
    }

    # 2. the supervisor approves in the app
    status, considered = decide(http, t["boss"], "leave_consideration", leave_id, "APPROVE", version=1)
    assert status == 200 and considered["status"] == "PENDING_DECISION", considered
    assert (considered["kind"], considered["id"], considered["verdicts"]) == ("leave_consideration", leave_id, [])
    assert considered["detail"]["leave_id"] == leave_id
    records += stream.drain()
    [to_head] = outbox_for(whatsapp_of(office["head"]))
    assert "menunggu keputusan Anda" in to_head.text
    [head_mail] = emails_to(stack, office["emails"]["head"])
    assert {(c["k"], c["id"], c["nip"]) for c in _claims_of(head_mail)} == {
        ("leave_decision", leave_id, office["head"])
    }
    links = links_in(head_mail)

    # 3. the official decides from the e-mailed link: a GET only shows, the POST decides once
    status, page = http.call("GET", links["APPROVE"])
    assert status == 200 and "Setujui permohonan cuti" in page and "<form" in page and "Dewi Lestari Uji" in page
    assert http.call("GET", f"/leave/{leave_id}", token=t["staff"])[1]["status"] == "PENDING_DECISION"
    status, page = form_post(http, links["APPROVE"], {"note": "Selamat berlibur"})
    assert status == 200 and "disetujui" in page
    assert form_post(http, links["APPROVE"], {})[0] == 409  # single use
    assert form_post(http, links["REJECT"], {"note": "terlambat"})[0] == 409  # already decided
    records += stream.drain()
    [to_numberer] = outbox_for(whatsapp_of(office["numberer"]))
    assert "menunggu nomor surat" in to_numberer.text

    # 4. the numbering officer gives the number
    status, numbering = queue(http, t["numberer"], "leave_number")
    assert status == 200 and [i["id"] for i in numbering["items"]] == [leave_id] and numbering["count"] == 1
    assert numbering["items"][0]["verdicts"] == ["APPROVE"] and numbering["items"][0]["detail"]["reason"] is None
    assert decide(http, t["staff"], "leave_number", leave_id, "APPROVE")[0] == 403
    status, numbered = decide(http, t["numberer"], "leave_number", leave_id, "APPROVE")
    assert status == 200, numbered
    number = f"800.1.11.4/1/{office['skpd'][0]}/{today_wib().year}"
    assert numbered["detail"]["letter_number"] == number and numbered["detail"]["letter_available"]
    again = decide(http, t["numberer"], "leave_number", leave_id, "APPROVE")
    assert (again[0], again[1]["code"]) == (409, "ALREADY_DECIDED")  # was LEAVE_ALREADY_NUMBERED
    assert http.call("GET", f"/leave/{leave_id}", token=t["staff"])[1]["letter_number"] == number
    records += stream.drain()
    [to_staff] = outbox_for(whatsapp_of(office["staff"]))
    assert number in to_staff.text and "unduh surat cuti" in to_staff.text

    # every record again: nobody hears anything twice
    assert stream.deliver(records) == {"batchItemFailures": []}
    stream.runner.deliver_queue()
    for role in ("boss", "head", "numberer", "staff"):
        assert len(outbox_for(whatsapp_of(office[role]))) == 1, role
    for role in ("boss", "head"):
        assert len(emails_to(stack, office["emails"][role])) == 1, role

    # 5. the employee downloads the letter: the official form, filled in
    status, letter = http.call("GET", f"/leave/{leave_id}/letter", token=t["staff"])
    assert status == 200, letter
    text = pdf_text(letter["url"])
    assert "FORMULIR PERMINTAAN DAN PEMBERIAN CUTI" in text and f"Nomor: {number}" in text
    for expected in (
        "Dewi Lestari Uji",
        office["staff"],
        "dr. Atasan Langsung",
        office["boss"],
        "Dr. Hj. Kepala Dinas",
    ):
        assert expected in text, expected
    assert indonesian_date(start) in text and indonesian_date(end) in text
    for row in applied["balance"]:
        assert f"{row['year']}" in text and f"{row['remaining']} hari" in text
    for section in ("I. DATA PEGAWAI", "II. JENIS CUTI", "III. ALASAN CUTI", "IV. LAMANYA CUTI", "V. CATATAN CUTI"):
        assert section in text
    assert "VII. PERTIMBANGAN ATASAN LANGSUNG" in text and "VIII. KEPUTUSAN PEJABAT YANG BERWENANG" in text
    assert "Catatan: Selamat berlibur" in text  # the official's note, in section VIII
    # the lists
    status, own = http.call("GET", "/leave?status=APPROVED", token=t["staff"])
    assert [i["letter_number"] for i in own["items"]] == [number]
    status, balance = http.call("GET", f"/leave/balance?year={start.year}", token=t["staff"])
    assert status == 200 and balance["annual"]["used"] == 2
    assert http.call("GET", f"/leave/{leave_id}", token=t["other"])[0] == 403
    assert http.call("GET", f"/leave/{leave_id}/letter", token=t["hr"])[0] == 200


def _claims_of(mail: dict[str, Any]) -> list[dict[str, Any]]:
    import jwt

    found = re.findall(r"http://kinerja\.test/decision-links/([A-Za-z0-9_\-=.]+)", json.dumps(mail))
    return [jwt.decode(t, options={"verify_signature": False}) for t in found]


def test_refusal_with_reason_reaches_the_employee(http, office, stream):
    t = office["tokens"]
    start, end = working_span(1, after=20)
    leave = http.call("POST", "/leave", application("ALASAN_PENTING", start, end), token=t["other"])[1]
    kind, lid = "leave_consideration", leave["leave_id"]
    missing = decide(http, t["boss"], kind, lid, "REJECT", version=1)
    assert missing[0] == 400 and missing[1]["code"] == "NOTE_REQUIRED"
    assert decide(http, t["boss"], kind, lid, "DEFER", version=1)[1]["code"] == "NOTE_REQUIRED"
    assert decide(http, t["boss"], kind, lid, "REVOKE", note="x", version=1)[1]["code"] == "INVALID_VERDICT"
    assert decide(http, t["boss"], kind, lid, "APPROVE", rating=5, version=1)[1]["code"] == "RATING_NOT_ALLOWED"
    # the official decides only after the supervisor has considered
    assert decide(http, t["head"], "leave_decision", lid, "APPROVE", version=1)[1]["code"] == "ALREADY_DECIDED"
    noted = {"note": "Sedang akreditasi", "version": 1}
    assert decide(http, t["other"], kind, lid, "REJECT", **noted)[0] == 403
    status, refused = decide(http, t["boss"], kind, lid, "REJECT", **noted)
    assert status == 200 and refused["status"] == "REJECTED"
    stream.drain()
    [message] = outbox_for(whatsapp_of(office["other"]))
    assert "tidak disetujui oleh dr. Atasan Langsung" in message.text and "Sedang akreditasi" in message.text
    again = http.call("POST", "/leave", application("ALASAN_PENTING", start, end), token=t["other"])
    assert again[0] == 201  # a refusal frees the days


# -- races -------------------------------------------------------------------------------------------------


def test_fifty_concurrent_numbering_requests_give_exactly_one_to_fifty(factory):
    from chalicelib.domain.accounts import Actor, Role
    from chalicelib.domain.decisions import Decision
    from chalicelib.domain.decisions import Verdict as DecisionVerdict
    from chalicelib.domain.leave import Verdict, consider
    from chalicelib.services import container
    from chalicelib.store.leave import DynamoLeaveRepository

    skpd = factory.skpd()
    boss = factory.employee(skpd)
    numberer = factory.employee(skpd, roles=("PENOMORAN",))
    store = DynamoLeaveRepository()
    ids = []
    for n in range(50):
        nip = factory.employee(skpd, supervisor=boss)
        leave = _request(nip, skpd, boss, date(2026, 12, 1) + timedelta(days=n % 20))
        created = store.create(leave, store.calendar(nip), {})
        approved = consider(created, Verdict.APPROVED, by=boss, at=created.applied_at, note=None)
        store.change(created, approved, store.calendar(nip))
        ids.append(leave.leave_id)
    actor = Actor(nip=numberer, skpd_id=skpd[0], roles=frozenset({Role.PEGAWAI, Role.PENOMORAN}))
    service, numbers, errors = container.decisions(), [], []
    barrier = threading.Barrier(50)

    def number(leave_id: str) -> None:
        barrier.wait()
        try:
            decided = service.decide(actor, "leave_number", leave_id, Decision(DecisionVerdict.APPROVE))
            numbers.append(decided["detail"]["letter_number"])
        except Exception as exc:  # reported below
            errors.append(repr(exc))

    threads = [threading.Thread(target=number, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    seqs = sorted(int(n.split("/")[1]) for n in numbers)
    assert seqs == list(range(1, 51))
    year = today_wib().year
    assert store.counter(f"LEAVE#{skpd[0]}#{year}") == 50
    assert {store.get(i).letter_seq for i in ids} == set(range(1, 51))


def _request(nip: str, skpd: tuple[str, str], boss: str, day: date):
    import uuid
    from datetime import UTC, datetime

    from chalicelib.domain.leave import LeaveRequest, LeaveStatus, LeaveType

    return LeaveRequest(
        uuid.uuid4().hex,
        nip,
        skpd[0],
        skpd[1],
        LeaveType.ALASAN_PENTING,
        "Keperluan keluarga",
        day,
        day,
        1,
        "Jl. Merdeka 1",
        "081234567890",
        boss,
        boss,
        LeaveStatus.PENDING_CONSIDERATION,
        datetime.now(UTC),
    )


def test_overlapping_requests_racing_land_once(factory):
    from chalicelib.domain.errors import DomainError
    from chalicelib.services import container
    from chalicelib.store.leave import DynamoLeaveRepository

    skpd = factory.skpd()
    boss = factory.employee(skpd)
    nip = factory.employee(skpd, supervisor=boss)
    actor = _actor(nip)
    start, _ = working_span(1, after=30)
    outcomes: list[str] = []
    barrier = threading.Barrier(8)

    def apply(n: int) -> None:
        body = application("ALASAN_PENTING", start + timedelta(days=n % 3), start + timedelta(days=3 + n % 3))
        barrier.wait()
        try:
            container.leave().apply(actor, payload("LeaveInput", body))
            outcomes.append("created")
        except DomainError as exc:
            outcomes.append(exc.code)
        except Exception as exc:  # anything else is an outcome too: a thread that raised must not vanish
            outcomes.append(repr(exc))

    threads = [threading.Thread(target=apply, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 8, outcomes  # every thread answered
    assert outcomes.count("created") == 1 and outcomes.count("LEAVE_OVERLAP") == 7, outcomes
    assert len(DynamoLeaveRepository().of_employee(nip)) == 1


def test_a_report_and_a_leave_racing_for_one_day_never_both_land(factory):
    from chalicelib.domain.errors import DomainError
    from chalicelib.services import container
    from chalicelib.store.attendance import DynamoAttendanceRepository

    skpd = factory.skpd()
    boss = factory.employee(skpd)
    today = today_wib()
    for _ in range(6):
        nip = factory.employee(skpd, supervisor=boss)
        attend(nip, today)
        actor = _actor(nip)
        outcomes: list[str] = []
        barrier = threading.Barrier(4)

        def report(hour: int, actor=actor, outcomes=outcomes, barrier=barrier) -> None:
            barrier.wait()
            try:
                body = payload("ReportInput", report_body(today, f"{hour:02d}:00", f"{hour:02d}:30"))
                container.reports().create(actor, body)
                outcomes.append("report")
            except DomainError as exc:
                outcomes.append(exc.code)
            except Exception as exc:  # counted below: a thread that raised must not vanish
                outcomes.append(repr(exc))

        def leave(actor=actor, outcomes=outcomes, barrier=barrier) -> None:
            barrier.wait()
            try:
                container.leave().apply(actor, payload("LeaveInput", application("SAKIT", today, today)))
                outcomes.append("leave")
            except DomainError as exc:
                outcomes.append(exc.code)
            except Exception as exc:  # counted below: a thread that raised must not vanish
                outcomes.append(repr(exc))

        threads = [
            threading.Thread(target=report, args=(8,)),
            threading.Thread(target=leave),
            threading.Thread(target=report, args=(9,)),
            threading.Thread(target=leave),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        day = DynamoAttendanceRepository().get(nip, today)
        reports, leaves = len(day.report_slots), len(container.leave().calendar_of(nip).leaves)
        assert len(outcomes) == 4, outcomes  # every thread answered
        assert set(outcomes) <= {"report", "leave", "DAY_ON_LEAVE", "LEAVE_OVERLAPS_REPORT", "LEAVE_OVERLAP"}, outcomes
        # which kind wins depends on timing; one kind lands, never both, and what landed is what was answered
        assert (reports == 0) != (leaves == 0), outcomes
        assert (reports, leaves) == (outcomes.count("report"), outcomes.count("leave")), outcomes
        assert leaves <= 1


def _actor(nip: str):
    from chalicelib.services import container
    from chalicelib.store.employees import DynamoEmployeeRepository

    return container.accounts().actor_of(DynamoEmployeeRepository().get(nip))


# -- the certificate, the profile, HR ----------------------------------------------------------------------


def _upload_key(slip: str) -> str:
    """Where the slip's upload form writes."""
    from datetime import UTC, datetime

    from chalicelib.config import settings
    from chalicelib.security import tokens

    return tokens.read_claims(settings().app_secret, tokens.FILE_UPLOAD, slip, datetime.now(UTC))["key"]


def _stored(key: str) -> bool:
    from chalicelib.config import settings
    from chalicelib.integrations.aws import client

    return client("s3").list_objects_v2(Bucket=settings().bucket, Prefix=key)["KeyCount"] == 1


def test_sick_leave_needs_a_checked_certificate(http, office):
    from chalicelib.services.uploads import final_key

    t = office["tokens"]
    start, end = working_span(2, after=40)

    def offer(data: bytes, filename: str = "surat dokter.pdf") -> str:
        status, slip = http.call(
            "POST",
            "/leave/certificate",
            {"filename": filename, "content_type": "application/pdf", "size": len(data)},
            token=t["other"],
        )
        assert status == 201, slip
        form = slip["upload"]
        posted = requests.post(form["url"], data=form["fields"], files={"file": ("x.pdf", data)}, timeout=10)
        assert posted.status_code in (200, 201, 204)
        return slip["upload_token"]

    status, refused = http.call("POST", "/leave", application("SAKIT", start, end), token=t["other"])
    assert status == 422 and refused["code"] == "CERTIFICATE_REQUIRED"
    fake = offer(b"\x89PNG\r\n\x1a\n" + b"0" * 300)
    status, refused = http.call(
        "POST", "/leave", application("SAKIT", start, end, attachment_token=fake), token=t["other"]
    )
    assert status == 400 and refused["code"] == "FILE_CONTENT_MISMATCH"
    too_big = http.call(
        "POST",
        "/leave/certificate",
        {"filename": "x.pdf", "content_type": "application/pdf", "size": 2 * 1024 * 1024},
        token=t["other"],
    )
    assert too_big[0] == 413
    # issue 16: a request a leave rule refuses takes nothing — its certificate stays the upload (tagged pending, which
    # the bucket expires), never copied to a final key that nothing expires, and its slip serves the corrected one
    slip = offer(PDF, "surat dokter.exe")
    upload = _upload_key(slip)
    too_long = application("SAKIT", start, start + timedelta(days=400), attachment_token=slip)
    status, refused = http.call("POST", "/leave", too_long, token=t["other"])
    assert (status, refused["code"]) == (422, "LEAVE_TOO_LONG")
    assert _stored(upload) and not _stored(final_key(upload))
    # the name the certificate is stored and served under is the service's: its extension follows the checked
    # content, whatever the phone called the file
    status, sick = http.call(
        "POST", "/leave", application("SAKIT", start, end, attachment_token=slip), token=t["other"]
    )
    assert status == 201, sick
    assert _stored(final_key(upload)) and not _stored(upload)
    assert (sick["attachment"]["filename"], sick["attachment"]["size"]) == ("surat dokter.pdf", len(PDF))
    downloaded = requests.get(sick["attachment"]["url"], timeout=10)
    assert downloaded.content == PDF
    assert 'filename="surat dokter.pdf"' in downloaded.headers["Content-Disposition"]
    seen = http.call("GET", f"/leave/{sick['leave_id']}", token=t["boss"])[1]["attachment"]
    assert seen["filename"] == "surat dokter.pdf"


def test_the_profile_carries_employment_status_and_tmt(http, factory, office):
    operator = http.login(factory.employee(office["skpd"], roles=("OPERATOR_SKPD",)))
    nip = office["other"]
    profile = http.call("GET", f"/employees/{nip}", token=operator)[1]
    assert profile["employment_status"] == "PNS" and profile["tmt"] == f"{nip[8:12]}-{nip[12:14]}-01"
    status, changed = http.call(
        "PATCH",
        f"/employees/{nip}",
        {"employment_status": "PPPK", "tmt": "2023-04-01", "version": profile["version"]},
        token=operator,
    )
    assert status == 200 and (changed["employment_status"], changed["tmt"]) == ("PPPK", "2023-04-01")
    bad = http.call("PATCH", f"/employees/{nip}", {"employment_status": "HONORER", "version": 2}, token=operator)
    assert bad[0] == 400 and bad[1]["code"] == "INVALID_EMPLOYMENT_STATUS"
    kept = http.call("PATCH", f"/employees/{nip}", {"jabatan": "Analis Muda", "version": 2}, token=operator)[1]
    assert kept["employment_status"] == "PPPK"  # a change that does not say keeps it
    start, end = working_span(1, after=50)
    status, refused = http.call(
        "POST", "/leave", application("ALASAN_PENTING", start, end), token=office["tokens"]["other"]
    )
    assert status == 422 and refused["code"] == "LEAVE_TYPE_NOT_ALLOWED"
    balance = http.call("GET", "/leave/balance", token=office["tokens"]["other"])[1]
    assert balance["employment_status"] == "PPPK" and balance["tmt"] == "2023-04-01"


def test_hr_settings_list_export_and_cancellation(http, office, stream):
    from openpyxl import load_workbook

    t, skpd = office["tokens"], office["skpd"][0]
    assert http.call("GET", f"/skpd/{skpd}/leave-settings", token=t["staff"])[0] == 403
    status, settings = http.call(
        "PUT",
        f"/skpd/{skpd}/leave-settings",
        {"official_nip": office["boss"], "number_format": "{seq}/CUTI/{skpd}/{month_roman}/{year}", "version": 0},
        token=t["hr"],
    )
    assert status == 200 and settings["version"] == 1
    bad = http.call(
        "PUT", f"/skpd/{skpd}/leave-settings", {"number_format": "CUTI/{year}", "version": 1}, token=t["hr"]
    )
    assert bad[0] == 400 and bad[1]["code"] == "INVALID_NUMBER_FORMAT"
    unversioned = http.call("PUT", f"/skpd/{skpd}/leave-settings", {"official_nip": None}, token=t["hr"])
    assert unversioned[0] == 400 and unversioned[1]["code"] == "VERSION_REQUIRED"
    stale = http.call("PUT", f"/skpd/{skpd}/leave-settings", {"official_nip": None, "version": 0}, token=t["hr"])
    assert stale[0] == 409 and stale[1]["code"] == "CONFLICT"
    start, end = working_span(3, after=60)
    leave = http.call("POST", "/leave", application("ALASAN_PENTING", start, end), token=t["staff"])[1]
    assert leave["official_nip"] == office["boss"]  # the SKPD's configured official
    done = decide(http, t["boss"], "leave_consideration", leave["leave_id"], "APPROVE", version=1)[1]
    assert done["status"] == "APPROVED"  # one decision covers both steps
    numbered = decide(http, t["numberer"], "leave_number", leave["leave_id"], "APPROVE")[1]["detail"]
    assert re.fullmatch(rf"\d+/CUTI/{skpd}/[IVX]+/\d{{4}}", numbered["letter_number"])

    status, listed = http.call(
        "GET", f"/leave/skpd?from={start}&to={end}&status=APPROVED&type=ALASAN_PENTING", token=t["hr"]
    )
    assert status == 200 and [i["leave_id"] for i in listed["items"]] == [leave["leave_id"]]
    assert listed["items"][0]["employee"]["name"] == "Dewi Lestari Uji"
    assert http.call("GET", f"/leave/skpd?from={start}&to={end}", token=t["staff"])[0] == 403
    status, export = http.call("POST", "/leave/skpd/export", {"from": str(start), "to": str(end)}, token=t["hr"])
    assert status == 200 and export["rows"] == 1
    sheet = load_workbook(io.BytesIO(requests.get(export["url"], timeout=10).content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("NIP", "Nama", "Satker", "Jenis cuti") and rows[1][8] == numbered["letter_number"]

    refused = http.call("POST", f"/leave/{leave['leave_id']}/cancel", {"version": 3}, token=t["staff"])
    assert refused[0] == 409 and refused[1]["code"] == "LEAVE_NOT_PENDING"
    status, cancelled = http.call(
        "POST", f"/leave/{leave['leave_id']}/cancel", {"version": 3, "reason": "Dipanggil bertugas"}, token=t["hr"]
    )
    assert status == 200 and cancelled["status"] == "CANCELLED"
    assert cancelled["letter_number"] == numbered["letter_number"]  # a number once given stays, marked cancelled
    stream.drain()
    texts = [m.text for m in outbox_for(whatsapp_of(office["staff"]))]
    assert any("dibatalkan oleh Budi Kepegawaian" in x and "ditandai batal" in x for x in texts)
    letter = http.call("GET", f"/leave/{leave['leave_id']}/letter", token=t["staff"])[1]
    assert "DIBATALKAN" in pdf_text(letter["url"])


# -- leave counted everywhere ---------------------------------------------------------------------------------


def test_calendar_and_recaps_count_approved_leave(http, office):
    from chalicelib.services import container

    t = office["tokens"]
    start, end = working_span(2, after=70)
    settings = {"official_nip": office["boss"], "version": 0}
    assert http.call("PUT", f"/skpd/{office['skpd'][0]}/leave-settings", settings, token=t["hr"])[0] == 200
    leave = http.call("POST", "/leave", application("ALASAN_PENTING", start, end), token=t["staff"])[1]
    status, calendar = http.call("GET", f"/attendance/calendar?month={start:%Y-%m}", token=t["staff"])
    day = next(d for d in calendar["days"] if d["date"] == start.isoformat())
    assert status == 200 and day["leave"]["status"] == "PENDING_CONSIDERATION" and day["report_expected"]
    assert decide(http, t["boss"], "leave_consideration", leave["leave_id"], "APPROVE", version=1)[0] == 200
    calendar = http.call("GET", f"/attendance/calendar?month={start:%Y-%m}", token=t["staff"])[1]
    day = next(d for d in calendar["days"] if d["date"] == start.isoformat())
    assert (day["leave"]["type"], day["leave"]["status"], day["report_expected"]) == (
        "ALASAN_PENTING",
        "APPROVED",
        False,
    )
    on_leave = container.exports()._on_leave([office["staff"], office["other"]], start - timedelta(days=3), end)
    assert on_leave == {office["staff"]: {start, end}, office["other"]: set()}


def test_a_new_supervisor_takes_over_pending_reports_and_leave(http, factory, office, stream, employee_stream):
    t = office["tokens"]
    attend(office["other"], today_wib())
    status, report = http.call("POST", "/reports", report_body(today_wib()), token=t["other"])
    assert status == 201, report
    start, end = working_span(1, after=80)
    leave = http.call("POST", "/leave", application("ALASAN_PENTING", start, end), token=t["other"])[1]
    stream.drain()
    operator = http.login(factory.employee(office["skpd"], roles=("OPERATOR_SKPD",)))
    moved = http.call(
        "PUT", f"/employees/{office['other']}/supervisor", {"supervisor_nip": office["head"]}, token=operator
    )
    assert moved[0] == 200
    assert employee_stream.drain() == {"batchItemFailures": []}
    reports = queue(http, t["head"], "report")[1]
    assert report["report_id"] in [r["id"] for r in reports["items"]]
    history = http.call("GET", f"/reports/{report['report_id']}", token=t["other"])[1]["history"]
    assert history[-1]["action"] == "SUPERVISOR_CHANGED"
    assert history[-1]["changes"] == {"supervisor_nip": [office["boss"], office["head"]]}
    leave_queue = queue(http, t["head"], "leave_consideration")[1]
    assert [i["id"] for i in leave_queue["items"]] == [leave["leave_id"]]
    assert queue(http, t["boss"], "leave_consideration")[1]["count"] == 0
    stream.drain()
    assert any("menunggu pertimbangan Anda" in m.text for m in outbox_for(whatsapp_of(office["head"])))


def test_the_letter_before_a_number_is_a_documented_422(http, office):
    t = office["tokens"]
    start, end = working_span(1)
    status, applied = http.call("POST", "/leave", application("TAHUNAN", start, end), token=t["staff"])
    assert status == 201, applied
    # `http.call` checks the answer against the document: 422 must be listed for this route
    status, refused = http.call("GET", f"/leave/{applied['leave_id']}/letter", token=t["staff"])
    assert (status, refused["code"]) == (422, "LETTER_NOT_READY")


def test_an_overlap_refusal_names_the_date_in_words(http, office):
    """ "Tanggal 14 Desember 2026 sudah termasuk cuti lain…", never the ISO date (issue 18, item 7); ``details``
    keeps the ISO dates for machines."""
    from chalicelib.domain.messages import indonesian_date

    t = office["tokens"]
    start, end = working_span(3, after=50)
    status, first = http.call("POST", "/leave", application("ALASAN_PENTING", start, end), token=t["other"])
    assert status == 201, first
    later = start + timedelta(days=2)
    status, refused = http.call(
        "POST", "/leave", application("ALASAN_PENTING", later, later + timedelta(days=1)), token=t["other"]
    )
    assert refused["code"] == "LEAVE_OVERLAP", refused
    assert refused["message"] == (
        f"Tanggal {indonesian_date(later)} sudah termasuk cuti lain yang diajukan atau disetujui."
    )
    assert refused["details"]["dates"][0] == later.isoformat()
    assert not re.search(r"\d{4}-\d{2}-\d{2}", refused["message"])
