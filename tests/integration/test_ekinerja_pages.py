"""The e-Kinerja work list by the time of the next attempt (`reports.by_ekinerja_due`), one contract over the
in-memory twins and DynamoDB Local: the approving write puts a report on it due at its decision, a page holds only
what is due, soonest first, with where the next page starts; a failure moves it to its retry time, sent or given
up takes it off. And the handoff end to end: the schedule queues a page per shard that the export worker hands on,
once, and a page delivered again after its checkpoint is dropped."""

from __future__ import annotations

import itertools
import json
import uuid
import zlib
from datetime import UTC, date, datetime, time, timedelta

import pytest

from chalicelib.domain.reports import HistoryEntry, Report, ReportContent, ReportStatus, decide
from chalicelib.services.ekinerja.handoff import KIND
from chalicelib.store.reports import EKINERJA_SHARDS
from tests.support import make_nip

DAY = date(1972, 5, 2)
SHARD = 21
_RUNS = itertools.count()  # the shard of DynamoDB Local is shared by the tests of a session


@pytest.fixture(params=["memory", "dynamodb"])
def world(request):
    """(reports, attendance, handoffs) of one kind; this test's reports leave the work list after it."""
    if request.param == "memory":
        from chalicelib.store.memory import InMemoryAttendanceRepository, InMemoryReportRepository
        from chalicelib.store.memory.ekinerja import InMemoryEkinerjaHandoffs

        attendance = InMemoryAttendanceRepository()
        reports = InMemoryReportRepository(attendance)
        parts = reports, attendance, InMemoryEkinerjaHandoffs(reports)
    else:
        request.getfixturevalue("stack")
        from chalicelib.store.attendance import DynamoAttendanceRepository
        from chalicelib.store.ekinerja import DynamoEkinerjaHandoffs
        from chalicelib.store.reports import DynamoReportRepository

        parts = DynamoReportRepository(), DynamoAttendanceRepository(), DynamoEkinerjaHandoffs()
    made: list[str] = []
    yield (*parts, made)
    for report_id in made:
        parts[2].done(report_id)


def _id_in(shard: int) -> str:
    while True:
        candidate = uuid.uuid4().hex
        if zlib.crc32(candidate.encode()) % EKINERJA_SHARDS == shard:
            return candidate


def _approve_many(reports, attendance, made: list[str], count: int) -> list[tuple[str, datetime]]:
    """``count`` reports in shard ``SHARD`` approved one minute apart, newest first, at a time of this test alone
    (a day later in each test, long before any other test's): (id, decided_at), soonest due first."""
    base = datetime(1972, 5, 2, tzinfo=UTC) + next(_RUNS) * timedelta(days=1)
    approved = []
    for n in range(count):
        nip, at = make_nip(), base + timedelta(minutes=count - n)
        attendance.upsert_sync(nip, DAY, time(7, 30), time(16, 0), ("SKPD-E", "SATKER-E"))
        content = ReportContent(DAY, time(8), time(9), f"Kegiatan {n}", "Uraian kegiatan", "Hasil")
        report = Report(
            _id_in(SHARD), nip, "SKPD-E", "SATKER-E", "197512102000031003", content, ReportStatus.SUBMITTED,
            base, history=(HistoryEntry(base, nip, "CREATED", {}),),
        )  # fmt: skip
        stored = reports.create(report, attendance.get(nip, DAY))
        reports.change_status(stored, decide(stored, ReportStatus.APPROVED, by="197512102000031003", at=at))
        made.append(report.report_id)
        approved.append((report.report_id, at))
    return sorted(approved, key=lambda pair: pair[1])


def _walk(handoffs, now: datetime, limit: int) -> list[list[str]]:
    """Every page of shard ``SHARD`` due by ``now``."""
    pages, after = [], None
    while True:
        ids, after = handoffs.due_page(SHARD, now, after, limit)
        pages.append(ids)
        if after is None:
            return pages
        assert len(pages) < 50


def test_an_approved_report_is_due_at_its_decision_soonest_first_a_page_at_a_time(world):
    reports, attendance, handoffs, made = world
    approved = _approve_many(reports, attendance, made, 5)
    ids = [report_id for report_id, _ in approved]
    last = approved[-1][1]
    assert [i for page in _walk(handoffs, last, 100) for i in page] == ids  # soonest due first
    pages = _walk(handoffs, last, 2)
    assert all(len(page) <= 2 for page in pages) and [i for page in pages for i in page] == ids
    assert [i for page in _walk(handoffs, approved[2][1], 100) for i in page] == ids[:3]  # only what is due
    assert set(reports.many(ids)) == set(ids) and reports.many([]) == {}
    assert handoffs.many(ids) == {}  # none tried yet


def test_a_report_moved_to_its_retry_is_not_read_before_it_and_a_done_one_leaves(world):
    reports, attendance, handoffs, made = world
    approved = _approve_many(reports, attendance, made, 3)
    (first, _), (second, _), (third, last) = approved
    handoffs.later(first, last + timedelta(minutes=5))
    handoffs.done(second)
    assert [i for page in _walk(handoffs, last, 100) for i in page] == [third]
    assert [i for page in _walk(handoffs, last + timedelta(minutes=5), 100) for i in page] == [third, first]
    handoffs.later(second, last)  # off the list: moving it does not put it back
    assert second not in [i for page in _walk(handoffs, last + timedelta(days=1), 100) for i in page]
    assert reports.get(second).version == 2  # the work list's keys leave the report's version alone


def test_the_handoffs_of_a_page_are_read_at_once(world):
    reports, attendance, handoffs, made = world
    approved = _approve_many(reports, attendance, made, 2)
    (first, at), (second, _) = approved
    claimed = handoffs.claim(first, "197512102000031003", "token", at, at + timedelta(minutes=10))
    assert claimed is not None and claimed.attempts == 1
    assert set(handoffs.many([first, second])) == {first}
    assert handoffs.many([first, second])[first].claimed_until == at + timedelta(minutes=10)


@pytest.fixture
def checkpoints(stack):
    """The handoff's checkpoints are the session's (another test's run may be newer): begin and end without."""
    from chalicelib.store.job_state import DynamoJobState

    state = DynamoJobState()
    for shard in range(EKINERJA_SHARDS):
        state.save_cursor(f"{KIND}#{shard}", None)
    yield state
    for shard in range(EKINERJA_SHARDS):
        state.save_cursor(f"{KIND}#{shard}", None)


def test_the_schedule_queues_a_page_per_shard_that_the_export_worker_hands_on(
    http, factory, runner, services_with, checkpoints
):
    """End to end: the scheduled function, the exports queue (moto's SQS), the export worker, DynamoDB Local."""
    from chalice.local import LambdaContext

    from chalicelib.handlers.ekinerja_routes import ekinerja_handoff
    from chalicelib.integrations.memory import InMemoryQueue
    from chalicelib.services import container
    from chalicelib.store.reports import ekinerja_shard
    from devtools.runner import scheduled_event
    from tests.support import attend, decide, report_body, today_wib

    skpd = factory.skpd()
    boss = factory.employee(skpd)
    nip = factory.employee(skpd, supervisor=boss)
    attend(nip, today_wib())
    status, filed = http.call("POST", "/reports", report_body(today_wib(), "08:00", "09:00"), token=http.login(nip))
    assert status == 201, filed
    status, _ = decide(http, http.login(boss), "report", filed["report_id"], "APPROVE", version=filed["version"])
    assert status == 200
    runner.deliver_queue()  # nothing of ours waits there yet
    now = container.utc_now() + timedelta(seconds=1)
    services = services_with(clock=lambda: now)
    queued = ekinerja_handoff(scheduled_event("local", "ekinerja_handoff"), LambdaContext("ekinerja_handoff", 512))
    assert queued == {"queued": EKINERJA_SHARDS}
    runner.deliver_queue()
    sends = [m for m in container.outbox().for_recipient(f"e-kinerja:{nip}") if filed["report_id"] in m.text]
    assert len(sends) == 1
    state = ok_state(http, http.login(nip), filed["report_id"])
    assert (state["state"], state["attempts"]) == ("SENT", 1)
    shard = int(ekinerja_shard(filed["report_id"]).removeprefix("E#"))
    mark = json.loads(checkpoints.cursor(f"{KIND}#{shard}"))
    assert mark["run"] == now.isoformat() and mark["after"] is None
    # the shard's first page delivered again after its checkpoint: dropped, nothing sent, nothing queued
    job, queue = services.ekinerja_handoff, InMemoryQueue()
    job._queue = queue
    message = {"kind": KIND, "shard": shard, "run": now.isoformat(), "now": now.isoformat(), "page": 1, "after": None}
    assert job.page(message)["superseded"] is True and queue.take() == []
    assert len([m for m in container.outbox().for_recipient(f"e-kinerja:{nip}") if filed["report_id"] in m.text]) == 1


def ok_state(http, token: str, report_id: str) -> dict:
    status, body = http.call("GET", f"/reports/{report_id}", token=token)
    assert status == 200, body
    return body["ekinerja"]
