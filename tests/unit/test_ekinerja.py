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
from chalicelib.store.memory.outbox import InMemoryOutbox
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
    assert job.run()["skipped"] == 1  # not before its wait
    world.clock.advance(minutes=5)
    assert job.run()["sent"] == 1
    view = world.reports.get(actor(staff), report["report_id"])["ekinerja"]
    assert view["state"] == "SENT" and view["attempts"] == 2 and view["last_error"] is None
    assert client.sent == [report["report_id"]]
