"""e-Kinerja (issue 19, "isi sekali"): the Progres Harian fields of a report, the CSV Excel opens, the handoff's
transitions, and the job over the in-memory twins — each approved report handed on once, failures retried."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, time, timedelta

import pytest

from chalicelib.domain.decisions import Decision, Verdict
from chalicelib.domain.ekinerja import (
    MAX_ATTEMPTS,
    DailyProgress,
    Handoff,
    HandoffState,
    csv_text,
    due,
    month_bounds,
    progress_json,
    progress_of,
    retry_at,
    state_view,
)
from chalicelib.domain.reports import Evidence, Report, ReportContent, ReportStatus
from chalicelib.services.ekinerja import RecordingEKinerjaClient, client_for
from chalicelib.services.ekinerja.handoff import KIND
from chalicelib.store.memory.outbox import InMemoryOutbox
from chalicelib.store.reports import EKINERJA_SHARDS, ekinerja_shard
from tests.unit.world import Clock, World, actor, at, body

NOW = at("2026-03-09 03:00")  # Monday 9 March 2026, 10:00 WIB
TODAY = date(2026, 3, 9)
LINK = "https://kinerja.example.go.id/laporan/abc"


def _report(**content: object) -> Report:
    fields = {
        "day": date(2026, 3, 9),
        "start": time(8),
        "end": time(9, 30),
        "title": "Menyusun draf laporan keuangan",
        "description": 'Menyusun draf laporan keuangan triwulan I; memeriksa "SPJ" bendahara',
        "output": "1 draf laporan",
        "rhk_id": "a1b2c3d4e5f6",
        **content,
    }
    evidence = (
        Evidence("e1", "spj.pdf", "application/pdf", 10, "k1"),
        Evidence("e2", "foto.jpg", "image/jpeg", 9, "k2"),
    )
    return Report(
        report_id="abc",
        nip="198503152010011001",
        skpd_id="DINKES",
        satker_id="PKM-1",
        supervisor_nip=None,
        content=ReportContent(**fields),  # type: ignore[arg-type]
        status=ReportStatus.APPROVED,
        submitted_at=NOW,
        evidence=evidence,
    )


def test_a_report_maps_to_the_progres_harian_fields() -> None:
    p = progress_of(_report(), "Tersusunnya laporan keuangan tepat waktu", LINK)
    assert p.date == date(2026, 3, 9)
    assert p.rhk == "Tersusunnya laporan keuangan tepat waktu"
    assert p.activity_title == "Menyusun draf laporan keuangan"
    assert p.output == "1 draf laporan"
    assert p.evidence_links == (f"{LINK}#bukti-1", f"{LINK}#bukti-2")
    as_json = progress_json(p)
    assert as_json["date"] == "2026-03-09" and as_json["title"] == "Menyusun draf laporan keuangan"
    assert as_json["description"].startswith("Menyusun draf laporan keuangan triwulan I")
    json.dumps(as_json)  # plain JSON


def test_a_report_without_rhk_or_evidence_has_an_empty_rhk_and_its_page_as_link() -> None:
    bare = _report(rhk_id=None)
    p = progress_of(Report(**{**bare.__dict__, "evidence": ()}), "ignored", LINK)
    assert p.rhk == "" and p.evidence_links == (LINK,)


def test_the_csv_opens_in_excel_and_keeps_separators_quotes_and_line_breaks() -> None:
    tricky = progress_of(_report(output="2 dokumen; 1 foto\nterlampir"), "RHK, dengan koma", LINK)
    text = csv_text([tricky])
    assert text.startswith("\ufeff") and "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Tanggal", "RHK", "Kegiatan", "Uraian kegiatan", "Output", "Link bukti dukung", "Status"]
    assert rows[1][0] == "2026-03-09"
    assert rows[1][1] == "RHK, dengan koma"
    assert rows[1][3].endswith('memeriksa "SPJ" bendahara')
    assert rows[1][4] == "2 dokumen; 1 foto\nterlampir"
    assert rows[1][5].split("\n") == [f"{LINK}#bukti-1", f"{LINK}#bukti-2"]
    assert rows[1][6] == "Disetujui"


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (date(2026, 2, 1), date(2026, 2, 28)),
        (date(2028, 2, 1), date(2028, 2, 29)),
        (date(2026, 12, 1), date(2026, 12, 31)),
    ],
)
def test_month_bounds(first: date, last: date) -> None:
    assert month_bounds(first) == (first, last)


def test_due_retry_and_the_cap() -> None:
    assert due(None, NOW)
    sent = Handoff("r", "n", HandoffState.SENT, attempts=1)
    assert not due(sent, NOW)
    failed = Handoff("r", "n", HandoffState.FAILED, attempts=1, next_attempt_at=NOW + timedelta(minutes=5))
    assert not due(failed, NOW) and due(failed, NOW + timedelta(minutes=5))
    held = Handoff("r", "n", HandoffState.PENDING, attempts=1, claimed_until=NOW + timedelta(minutes=1))
    assert not due(held, NOW)
    assert retry_at(1, NOW) == NOW + timedelta(minutes=5) and retry_at(3, NOW) == NOW + timedelta(minutes=20)
    assert retry_at(MAX_ATTEMPTS, NOW) is None
    gave_up = Handoff("r", "n", HandoffState.FAILED, attempts=MAX_ATTEMPTS)
    assert gave_up.gave_up and not due(gave_up, NOW + timedelta(days=1))


def test_the_view_says_sent_pending_or_failed() -> None:
    assert state_view(None, approved=False) is None
    assert state_view(None, approved=True)["label"] == "Menunggu dikirim ke e-Kinerja"
    sent = state_view(Handoff("r", "n", HandoffState.SENT, 1, sent_at=NOW, external_id="X"), approved=True)
    assert sent == {
        "state": "SENT",
        "label": "Sudah dikirim ke e-Kinerja",
        "attempts": 1,
        "sent_at": NOW.isoformat(),
        "external_id": "X",
        "last_error": None,
    }


def test_the_recording_client_records_the_json_and_an_unknown_client_is_refused() -> None:
    outbox = InMemoryOutbox()
    client = client_for("recording", outbox)
    assert isinstance(client, RecordingEKinerjaClient)
    external = client.send(progress_of(_report(), "RHK", LINK))
    [message] = outbox.for_recipient("e-kinerja:198503152010011001")
    assert external == f"REC-{message.message_id}" and json.loads(message.text)["report_id"] == "abc"
    with pytest.raises(RuntimeError, match="EKINERJA_CLIENT"):
        client_for("bkn-v9", outbox)


# -- the job over the in-memory twins --------------------------------------------------------------


class Flaky:
    """Fails ``failures`` times, then records like the default."""

    def __init__(self, failures: int) -> None:
        self.failures, self.sent = failures, []

    def send(self, progress: DailyProgress) -> str:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("e-Kinerja tidak menjawab")
        self.sent.append(progress.report_id)
        return f"EK-{len(self.sent)}"


@pytest.fixture
def world() -> World:
    return World(Clock(NOW))


def _approved(world: World) -> tuple[dict, object]:
    boss = world.person(name="Andi")
    staff = world.person(supervisor=boss, name="Dewi")
    world.attend(staff, TODAY)
    report = world.reports.create(actor(staff), body(TODAY))
    world.decisions.decide(actor(boss), "report", report["report_id"], Decision(Verdict.APPROVE, version=1))
    return report, staff


def test_each_approved_report_is_handed_on_once(world: World) -> None:
    report, staff = _approved(world)
    job = world.services.ekinerja_handoff
    assert world.reports.get(actor(staff), report["report_id"])["ekinerja"]["state"] == "PENDING"
    client = Flaky(0)
    job.client = client
    assert job.run() == {"sent": 1, "failed": 0, "skipped": 0}
    assert job.run() == {"sent": 0, "failed": 0, "skipped": 0}
    assert client.sent == [report["report_id"]]
    view = world.reports.get(actor(staff), report["report_id"])["ekinerja"]
    assert view["label"] == "Sudah dikirim ke e-Kinerja" and view["external_id"] == "EK-1"


def test_a_failure_is_recorded_and_retried_after_its_wait(world: World) -> None:
    report, staff = _approved(world)
    job = world.services.ekinerja_handoff
    job.client = client = Flaky(1)
    assert job.run()["failed"] == 1
    view = world.reports.get(actor(staff), report["report_id"])["ekinerja"]
    assert view["state"] == "FAILED" and view["attempts"] == 1 and "tidak menjawab" in view["last_error"]
    assert job.run() == {"sent": 0, "failed": 0, "skipped": 0}  # not even read before its wait (`by_ekinerja_due`)
    world.clock.advance(minutes=5)
    assert job.run()["sent"] == 1
    view = world.reports.get(actor(staff), report["report_id"])["ekinerja"]
    assert view["state"] == "SENT" and view["attempts"] == 2 and view["last_error"] is None
    assert client.sent == [report["report_id"]]


# -- the paged handoff over the twins: the schedule's page per shard, the export worker's pages -----------------


def _approved_in_one_shard(world: World, count: int) -> list[str]:
    """Approve reports (each of its own employee) until ``count`` of them share a shard of the work list."""
    by_shard: dict[str, list[str]] = {}
    while True:
        report, _ = _approved(world)
        shard = ekinerja_shard(report["report_id"])
        by_shard.setdefault(shard, []).append(report["report_id"])
        if len(by_shard[shard]) == count:
            return by_shard[shard]


def _drain(world: World, job, messages: list[dict] | None = None) -> list[tuple[dict, dict]]:
    """Run the schedule (unless its ``messages`` are given), then every page message on the exports queue (and the
    pages they chain) until none is left; (message, result) of each page."""
    queue, done = world.clients.exports, []
    if messages is None:
        job.dispatch()
        messages = queue.take()
    while messages:
        for message in messages:
            done.append((message, job.page(message)))
        messages = queue.take()
    return done


def test_the_schedule_queues_a_page_per_shard_and_each_page_chains_the_next(world: World) -> None:
    mine = _approved_in_one_shard(world, 2)
    job = world.services.ekinerja_handoff
    job.client, job.page_size = (client := Flaky(0)), 1
    assert job.dispatch() == EKINERJA_SHARDS
    first = world.clients.exports.take()
    assert sorted(m["shard"] for m in first) == list(range(EKINERJA_SHARDS))
    assert {(m["kind"], m["run"], m["now"], m["page"], m["after"]) for m in first} == {
        (KIND, NOW.isoformat(), NOW.isoformat(), 1, None)
    }
    pages = _drain(world, job, first)
    assert sorted(client.sent) == sorted(set(client.sent)) and set(mine) <= set(client.sent)
    assert all(r["sent"] + r["failed"] + r["skipped"] <= 1 for _, r in pages)  # a page of one
    shard = int(ekinerja_shard(mine[0]).removeprefix("E#"))
    chain = [(m, r) for m, r in pages if m["shard"] == shard]
    assert [m["page"] for m, _ in chain] == [1, 2, 3] and [r["more"] for _, r in chain] == [True, True, False]
    mark = json.loads(world.job_state.cursor(f"{KIND}#{shard}"))
    assert (mark["run"], mark["page"], mark["after"]) == (NOW.isoformat(), 3, None)
    assert all(world.services.reports.get(actor_of(world, r), r)["ekinerja"]["state"] == "SENT" for r in mine)


def test_a_page_delivered_again_after_its_checkpoint_sends_nothing(world: World) -> None:
    _approved_in_one_shard(world, 2)
    job = world.services.ekinerja_handoff
    job.client, job.page_size = (client := Flaky(0)), 1
    pages = _drain(world, job)
    sent = list(client.sent)
    for message, _ in pages:
        assert job.page(message)["superseded"] is True
    assert client.sent == sent and world.clients.exports.take() == []


def test_a_worker_that_dies_mid_page_is_run_again_and_sends_nothing_twice(world: World, monkeypatch) -> None:
    mine = _approved_in_one_shard(world, 3)
    job = world.services.ekinerja_handoff
    job.client, job.send_workers = (client := Flaky(0)), 1
    handoffs = world.repositories.ekinerja_handoffs
    real, settled = handoffs.sent, []

    def dies_on_the_second(report_id: str, *args: object) -> None:
        if settled:
            raise RuntimeError("the worker died between the send and its record")
        settled.append(report_id)
        real(report_id, *args)

    monkeypatch.setattr(handoffs, "sent", dies_on_the_second)
    job.dispatch()
    shard = int(ekinerja_shard(mine[0]).removeprefix("E#"))
    message = next(m for m in world.clients.exports.take() if m["shard"] == shard)
    with pytest.raises(RuntimeError):
        job.page(message)
    assert world.job_state.cursor(f"{KIND}#{shard}") is None and world.clients.exports.take() == []
    [_, lost] = client.sent  # one sent and recorded, one sent whose record was lost; the third not reached
    monkeypatch.setattr(handoffs, "sent", real)
    again = job.page(message)  # SQS hands the same message again
    assert (again["sent"], again["skipped"]) == (1, 1) and len(client.sent) == 3  # the lost one's claim holds
    assert json.loads(world.job_state.cursor(f"{KIND}#{shard}"))["page"] == 1
    # the claim of the send whose record was lost expires: that report is sent again (at least once, never
    # twice at the same time), the others are not
    world.clock.advance(minutes=11)
    _drain(world, job)
    assert sorted(r for r in client.sent if r in mine) == sorted([*mine, lost])
    others = [r for r in client.sent if r not in mine]  # the other shards' reports, sent by this run
    assert len(others) == len(set(others))
    assert not set(mine) & set(world.report_store.ekinerja_due)


def test_a_failed_report_is_not_read_before_its_retry_time(world: World) -> None:
    report, _ = _approved(world)
    job, handoffs = world.services.ekinerja_handoff, world.repositories.ekinerja_handoffs
    job.client = Flaky(1)
    assert job.run()["failed"] == 1
    retry = NOW + timedelta(minutes=5)
    assert world.report_store.ekinerja_due[report["report_id"]] == retry.isoformat()
    shard = int(ekinerja_shard(report["report_id"]).removeprefix("E#"))
    assert handoffs.due_page(shard, retry - timedelta(seconds=1), None, 100) == ([], None)
    world.clock.advance(minutes=4)
    assert _drain(world, job) and job.client.sent == []
    world.clock.advance(minutes=1)
    assert handoffs.due_page(shard, world.clock(), None, 100) == ([report["report_id"]], None)
    assert job.run()["sent"] == 1


def test_a_report_given_up_leaves_the_work_list(world: World) -> None:
    report, staff = _approved(world)
    job = world.services.ekinerja_handoff
    job.client = Flaky(MAX_ATTEMPTS)
    for attempt in range(MAX_ATTEMPTS):
        assert job.run()["failed"] == 1
        world.clock.advance(minutes=5 * 2**attempt)
    assert report["report_id"] not in world.report_store.ekinerja_due
    assert job.run() == {"sent": 0, "failed": 0, "skipped": 0}
    view = world.reports.get(actor(staff), report["report_id"])["ekinerja"]
    assert (view["state"], view["attempts"]) == ("FAILED", MAX_ATTEMPTS)


def actor_of(world: World, report_id: str):
    return actor(world.employees.get(world.report_store.get(report_id).nip))
