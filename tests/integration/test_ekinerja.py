"""e-Kinerja over HTTP (issue 19, "isi sekali"): a month's Progres Harian as JSON, CSV and workbook read back, who
may download it; the scheduled handoff hands an approved report on once however often it runs, a failing client
leaves it FAILED with its attempts and the next run after the wait sends it; the report says it was sent."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest
import requests
from openpyxl import load_workbook

from tests.support import attend, decide, report_body, today_wib

from .test_skp import approved_skp, ok, target


@pytest.fixture
def office(http, factory):
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="Atasan e-Kinerja")
    staff = factory.employee(skpd, supervisor=boss, name="Sari e-Kinerja")
    other = factory.employee(skpd, name="Pegawai Lain e-Kinerja")
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Kepegawaian e-Kinerja")
    people = {"boss": boss, "staff": staff, "other": other, "hr": hr}
    return {"skpd": skpd, **people, "tokens": {role: http.login(nip) for role, nip in people.items()}}


def _filed(http, office) -> dict:
    """An approved report against an approved RHK (with a separator and quotes in its text), and a submitted one."""
    t, day = office["tokens"], today_wib()
    skp = approved_skp(http, t["staff"], t["boss"], day.year, target("Tersusunnya laporan; keuangan"))
    rhk = skp["approved_targets"][0]["rhk_id"]
    attend(office["staff"], day)
    body = report_body(day, description='Menyusun "draf" laporan; memeriksa SPJ', rhk_id=rhk)
    approved = ok(http.call("POST", "/reports", body, token=t["staff"]), 201)
    submitted = ok(http.call("POST", "/reports", report_body(day, "10:00", "11:00"), token=t["staff"]), 201)
    ok(decide(http, t["boss"], "report", approved["report_id"], "APPROVE", version=approved["version"], rating=5))
    return {"day": day, "rhk": rhk, "approved": approved["report_id"], "submitted": submitted["report_id"]}


def test_a_month_in_three_formats_and_who_may_have_it(http, office):
    t, filed = office["tokens"], _filed(http, office)
    day, nip = filed["day"], office["staff"]
    month = f"{day:%Y-%m}"

    rows = ok(http.call("GET", f"/ekinerja/progress?month={month}", token=t["staff"]))
    assert rows["statuses"] == ["APPROVED", "SUBMITTED"]
    by_id = {r["report_id"]: r for r in rows["items"]}
    assert set(by_id) == {filed["approved"], filed["submitted"]}
    first = by_id[filed["approved"]]
    assert (first["date"], first["rhk"], first["rhk_id"]) == (
        day.isoformat(),
        "Tersusunnya laporan; keuangan",
        filed["rhk"],
    )
    assert (first["title"], first["output"]) == ("Menyusun laporan bulanan", "Draf laporan bulanan")
    assert first["activity"] == 'Menyusun laporan bulanan\nMenyusun "draf" laporan; memeriksa SPJ'
    assert [link.rsplit("/", 2)[1:] for link in first["evidence_links"]] == [["laporan", filed["approved"]]]
    assert (first["status"], by_id[filed["submitted"]]["rhk"]) == ("APPROVED", "")
    only = ok(http.call("GET", f"/ekinerja/progress?month={month}&status=APPROVED", token=t["staff"]))
    assert [r["report_id"] for r in only["items"]] == [filed["approved"]]

    got = ok(http.call("GET", f"/ekinerja/progress?month={month}&format=csv", token=t["staff"]))
    assert got["file_name"] == f"ekinerja-progres-harian-{nip}-{month}.csv"
    raw = requests.get(got["url"], timeout=10).content
    assert raw.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert table[0][:2] == ["Tanggal", "RHK"]
    line = next(r for r in table[1:] if r[1])
    assert line[:5] == [
        day.isoformat(),
        "Tersusunnya laporan; keuangan",
        "Menyusun laporan bulanan",
        'Menyusun "draf" laporan; memeriksa SPJ',
        "Draf laporan bulanan",
    ]
    assert line[6] == "Disetujui" and len(table) == 3

    got = ok(http.call("GET", f"/ekinerja/progress?month={month}&format=xlsx&nip={nip}", token=t["boss"]))
    sheet = load_workbook(io.BytesIO(requests.get(got["url"], timeout=10).content))["Progres Harian"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:3] == ("Tanggal", "RHK", "Kegiatan")
    dated = [v for v in values[1:] if v[1]]
    assert dated[0][0].date() == day and dated[0][1] == "Tersusunnya laporan; keuangan" and len(values) == 3

    hr = ok(http.call("GET", f"/ekinerja/progress?month={month}&nip={nip}", token=t["hr"]))
    assert len(hr["items"]) == 2
    refused = http.call("GET", f"/ekinerja/progress?month={month}&nip={nip}", token=t["other"])
    assert refused[0] == 403
    assert http.call("GET", f"/ekinerja/progress?month={month}&format=pdf", token=t["staff"])[0] == 400
    assert http.call("GET", "/ekinerja/progress?month=2026-13", token=t["staff"])[0] == 400
    assert ok(http.call("GET", "/ekinerja/progress?month=2025-01", token=t["staff"]))["items"] == []


def _run_job() -> dict[str, int]:
    """The schedule (a page per shard on the exports queue), then the export worker over the pages."""
    from chalice.local import LambdaContext

    from chalicelib.handlers.ekinerja_routes import ekinerja_handoff
    from devtools.runner import scheduled_event
    from tests.support import local_runner

    queued = ekinerja_handoff(
        scheduled_event("ap-southeast-3", "ekinerja_handoff"), LambdaContext("ekinerja_handoff", 512)
    )
    local_runner(quiet=True).deliver_queue()
    return queued


def _sends(nip: str, report_id: str) -> list[dict]:
    from chalicelib.services import container

    messages = container.outbox().for_recipient(f"e-kinerja:{nip}")
    return [json.loads(m.text) for m in messages if json.loads(m.text)["report_id"] == report_id]


def _state(http, token: str, report_id: str) -> dict:
    return ok(http.call("GET", f"/reports/{report_id}", token=token))["ekinerja"]


def _until(condition, runs: int = 10) -> None:
    """Run the job until ``condition`` holds (other tests' approved reports share the work list)."""
    for _ in range(runs):
        _run_job()
        if condition():
            return
    raise AssertionError("the job never got there")


def test_the_job_hands_a_report_on_once(http, office):
    t, filed = office["tokens"], _filed(http, office)
    report = filed["approved"]
    assert _state(http, t["staff"], report)["label"] == "Menunggu dikirim ke e-Kinerja"
    assert "ekinerja" not in ok(http.call("GET", f"/reports/{filed['submitted']}", token=t["staff"]))

    _until(lambda: _sends(office["staff"], report))
    _run_job()
    _run_job()
    [sent] = _sends(office["staff"], report)
    assert (sent["date"], sent["rhk"]) == (filed["day"].isoformat(), "Tersusunnya laporan; keuangan")
    state = _state(http, t["staff"], report)
    assert (state["state"], state["label"], state["attempts"]) == ("SENT", "Sudah dikirim ke e-Kinerja", 1)
    assert state["external_id"].startswith("REC-") and state["sent_at"]


class _FailsFor:
    """The recording client, but e-Kinerja does not answer for one report while ``down``."""

    def __init__(self, inner, report_id: str) -> None:
        self.inner, self.report_id, self.down = inner, report_id, True

    def send(self, progress):
        if progress.report_id == self.report_id and self.down:
            raise ConnectionError("e-Kinerja tidak menjawab")
        return self.inner.send(progress)


def test_a_failing_client_leaves_failed_and_the_retry_sends(http, office, services_with):
    shift = [timedelta()]
    services = services_with(clock=lambda: datetime.now(UTC) + shift[0])
    t, filed = office["tokens"], _filed(http, office)
    report = filed["approved"]
    job = services.ekinerja_handoff
    job.client = failing = _FailsFor(job.client, report)

    _until(lambda: _state(http, t["staff"], report)["state"] == "FAILED")
    state = _state(http, t["staff"], report)
    assert (state["label"], state["attempts"]) == ("Gagal dikirim ke e-Kinerja", 1)
    assert "tidak menjawab" in state["last_error"] and not _sends(office["staff"], report)
    _run_job()  # not before its wait
    assert _state(http, t["staff"], report)["attempts"] == 1

    failing.down = False
    shift[0] = timedelta(minutes=6)
    _until(lambda: _state(http, t["staff"], report)["state"] == "SENT")
    _run_job()
    state = _state(http, t["staff"], report)
    assert (state["label"], state["attempts"], state["last_error"]) == ("Sudah dikirim ke e-Kinerja", 2, None)
    assert len(_sends(office["staff"], report)) == 1
