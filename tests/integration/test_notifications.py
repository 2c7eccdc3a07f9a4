"""Decision messages, supervisor digests through SQS, and e-mailed decision links over real HTTP."""

from __future__ import annotations

import json
import re
import sys
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest
import requests

from tests.support import attend, decide, outbox_for, report_body, today_wib, unique

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def api_url(stack):
    """The API over real HTTP (the same server `make run` starts)."""
    from devtools.processes import free_port, spawn, stop, wait_for_port

    port = free_port()
    process = spawn([sys.executable, "-m", "devtools.api_server", str(port)], Path("/dev/null"), cwd=ROOT)
    wait_for_port(port, process)
    yield f"http://127.0.0.1:{port}"
    stop(process)


@pytest.fixture
def team(http, factory):
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="Ir. Hadi Kepala", email=f"hadi{unique()}@example.go.id")
    staff = [factory.employee(skpd, supervisor=boss, name=f"Staf Notif {n}") for n in range(3)]
    for nip in staff:
        attend(nip, today_wib())
    return {"boss": boss, "staff": staff, "tokens": {n: http.login(n) for n in [boss, *staff]}}


def _whatsapp_of(http, factory_admin_token, nip):
    return http.call("GET", f"/employees/{nip}", token=factory_admin_token)[1]["whatsapp"]


def _admin(http, factory):
    return http.login(factory.employee(factory.skpd(), roles=("ADMIN",)))


def test_employee_hears_of_each_decision_once(http, factory, team, runner):
    admin = _admin(http, factory)
    boss = team["tokens"][team["boss"]]
    reports = []
    for n, nip in enumerate(team["staff"]):
        status, report = http.call(
            "POST", "/reports", report_body(today_wib(), title=f"Kegiatan {n}"), token=team["tokens"][nip]
        )
        assert status == 201
        reports.append(report)
    assert decide(http, boss, "report", reports[0]["report_id"], "APPROVE", rating=5, version=1)[0] == 200
    note = "Tambahkan bukti foto"
    assert decide(http, boss, "report", reports[1]["report_id"], "REJECT", note=note, version=1)[0] == 200
    records = runner._streams[1].reader.read()  # the reports stream, as DynamoDB Local produced it
    handler = runner._streams[1].handler
    from chalice.local import LambdaContext

    assert handler({"Records": records}, LambdaContext("report_changes", 512)) == {"batchItemFailures": []}
    approved_wa = _whatsapp_of(http, admin, team["staff"][0])
    rejected_wa = _whatsapp_of(http, admin, team["staff"][1])
    [approved] = outbox_for(approved_wa)
    [rejected] = outbox_for(rejected_wa)
    assert "telah disetujui oleh Ir. Hadi Kepala dengan nilai 5/5" in approved.text and '"Kegiatan 0"' in approved.text
    assert "ditolak oleh Ir. Hadi Kepala" in rejected.text and "Catatan: Tambahkan bukti foto" in rejected.text
    # the same records again (at-least-once delivery) send nothing more
    handler({"Records": records}, LambdaContext("report_changes", 512))
    assert len(outbox_for(approved_wa)) == 1 and len(outbox_for(rejected_wa)) == 1
    assert outbox_for(_whatsapp_of(http, admin, team["staff"][2])) == []


def test_auto_approval_is_announced(http, factory, team, runner):
    from chalicelib.services import container

    admin = _admin(http, factory)
    nip = team["staff"][0]
    filed = http.call("POST", "/reports", report_body(today_wib(), "13:00", "14:00"), token=team["tokens"][nip])
    assert filed[0] == 201
    runner.tick()
    later = container.utc_now() + timedelta(days=7, minutes=5)
    container.production(clock=lambda: later).verification.auto_approve(lambda *a, **k: None)
    runner.tick()
    texts = [m.text for m in outbox_for(_whatsapp_of(http, admin, nip))]
    assert any("disetujui otomatis oleh sistem" in t for t in texts)


def _emails_to(stack, address):
    with urllib.request.urlopen(f"{stack['SES_ENDPOINT']}/moto-api/data.json") as response:
        stored = json.load(response)["ses"]["Message"]
    values = stored.values() if isinstance(stored, dict) else stored
    return [m for m in values if address in json.dumps(m)]


def test_forty_reports_make_one_digest_with_decision_links_that_work_once(
    http, factory, runner, stack, api_url, services_with
):
    from chalicelib.services import container

    skpd = factory.skpd()
    email = f"kabid{unique()}@example.go.id"
    boss = factory.employee(skpd, name="Dra. Sri Kabid", email=email)
    admin = _admin(http, factory)
    staff = []
    for n in range(40):
        nip = factory.employee(skpd, supervisor=boss, name=f"Pegawai {n:02d}")
        attend(nip, today_wib())
        staff.append(nip)
        status, _ = http.call(
            "POST", "/reports", report_body(today_wib(), title=f"Laporan {n:02d}"), token=http.login(nip)
        )
        assert status == 201
    runner.tick()  # the stream schedules one digest for the supervisor
    boss_wa = _whatsapp_of(http, admin, boss)
    assert outbox_for(boss_wa) == []  # not before the gathering delay

    later = container.utc_now() + timedelta(minutes=10)
    services = services_with(clock=lambda: later)  # the queue's worker and the streams' handlers too
    services.digest_sender.dispatch(services.notification_queue)
    runner.deliver_queue()
    [digest] = outbox_for(boss_wa)
    assert "ada 40 laporan kegiatan yang menunggu verifikasi" in digest.text and "dan 30 laporan lainnya" in digest.text
    [mail] = _emails_to(stack, email)
    assert "40 laporan kegiatan menunggu verifikasi" in json.dumps(mail)
    # sent: nothing is due for this supervisor any more; a new report waits for the next interval
    from chalicelib.store.models import DigestItem

    assert DigestItem.get(boss, consistent_read=True).due_at is None
    extra = factory.employee(skpd, supervisor=boss)
    attend(extra, today_wib())
    http.call("POST", "/reports", report_body(today_wib()), token=http.login(extra))
    runner.tick()
    digest_item = DigestItem.get(boss, consistent_read=True)
    assert digest_item.due_at >= (later + timedelta(hours=1)).isoformat()
    services.digest_sender.dispatch(services.notification_queue)
    runner.deliver_queue()
    assert len(outbox_for(boss_wa)) == 1

    body = mail.get("body") or mail.get("Body") or json.dumps(mail)
    links = re.findall(
        r"http://kinerja\.test/decision-links/[A-Za-z0-9_\-=.]+", body if isinstance(body, str) else json.dumps(body)
    )
    assert len(links) >= 40
    assert {(_payload(link)["k"], _payload(link)["nip"]) for link in links} == {("report", boss)}
    approve = next(link for link in links if _payload(link)["v"] == "APPROVE")
    reject = next(
        link for link in links if _payload(link)["v"] == "REJECT" and _payload(link)["id"] != _payload(approve)["id"]
    )
    approve_url = approve.replace("http://kinerja.test", api_url)
    reject_url = reject.replace("http://kinerja.test", api_url)

    page = requests.get(approve_url, timeout=10)
    assert page.status_code == 200 and "Setujui laporan" in page.text and "<form" in page.text
    report_id = _payload(approve)["id"]
    from chalicelib.store.models import ReportItem

    assert ReportItem.get(report_id, consistent_read=True).status == "SUBMITTED"  # a GET changes nothing
    done = requests.post(approve_url, data={"rating": "4", "note": "Baik"}, timeout=10)
    assert done.status_code == 200 and "Keputusan tersimpan" in done.text and "kini <b>disetujui</b>" in done.text
    stored = ReportItem.get(report_id, consistent_read=True)
    assert (stored.status, stored.decided_by, int(stored.rating)) == ("APPROVED", boss, 4)
    again = requests.post(approve_url, data={"rating": "1"}, timeout=10)
    assert again.status_code == 409 and "sudah pernah digunakan" in again.text
    assert requests.get(approve_url, timeout=10).status_code == 409

    reject_id = _payload(reject)["id"]
    missing_note = requests.post(reject_url, data={"note": ""}, timeout=10)
    assert missing_note.status_code == 400 and "wajib disertai catatan" in missing_note.text
    assert ReportItem.get(reject_id, consistent_read=True).status == "SUBMITTED"
    rejected = requests.post(reject_url, data={"note": "Uraian belum jelas"}, timeout=10)
    assert rejected.status_code == 200 and ReportItem.get(reject_id, consistent_read=True).status == "REJECTED"

    tampered = approve_url[:-3] + ("AAA" if not approve_url.endswith("AAA") else "BBB")
    assert requests.get(tampered, timeout=10).status_code == 400
    from datetime import UTC, datetime

    from chalicelib.config import settings
    from chalicelib.security import tokens

    claims = {k: _payload(approve)[k] for k in ("k", "id", "nip", "v")}
    expired = tokens.sign_claims(
        settings().app_secret, tokens.DECISION_LINK, {**claims, "jti": "x1"}, -10, datetime.now(UTC)
    )
    assert requests.get(f"{api_url}/decision-links/{expired}", timeout=10).status_code == 400
    other = factory.employee(skpd)
    pending_id = next(_payload(link)["id"] for link in links if _payload(link)["id"] not in (report_id, reject_id))
    foreign = tokens.sign_claims(
        settings().app_secret,
        tokens.DECISION_LINK,
        {"k": "report", "id": pending_id, "nip": other, "v": "APPROVE", "jti": "x2"},
        600,
        datetime.now(UTC),
    )
    foreign_page = requests.post(f"{api_url}/decision-links/{foreign}", data={"note": "x"}, timeout=10)
    assert requests.get(f"{api_url}/decision-links/{foreign}", timeout=10).status_code == 403
    assert foreign_page.status_code == 403 and ReportItem.get(pending_id, consistent_read=True).status == "SUBMITTED"


def _payload(link: str) -> dict:
    """The claims a link's token carries (read without checking its signature)."""
    import jwt

    return jwt.decode(link.rsplit("/", 1)[1], options={"verify_signature": False})
