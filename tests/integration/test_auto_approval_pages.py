"""The auto-approval sweep in pages per shard (`services/auto_approval.py`), one contract over the in-memory twins and
DynamoDB Local: a worker approves at most one page and records its shard's checkpoint, enqueues the next page while
the shard has more, drops a message already done, and a worker that dies mid-page is run again without approving
anything twice."""

from __future__ import annotations

import itertools
import json
import uuid
import zlib
from datetime import UTC, date, datetime, time, timedelta

import pytest

from chalicelib.domain.reports import AUTO_APPROVE_AFTER, SYSTEM, HistoryEntry, Report, ReportContent, ReportStatus
from chalicelib.integrations.memory import InMemoryQueue
from chalicelib.services.auto_approval import KIND, AutoApprovalSweep, checkpoint_name
from chalicelib.store.reports import PENDING_SHARDS
from tests.support import make_nip

DAY = date(1971, 3, 2)
SHARD = 37
PAGE = 3
_RUNS = itertools.count()  # the shard of DynamoDB Local is shared by the tests of a session


@pytest.fixture(params=["memory", "dynamodb"])
def world(request):
    """(reports, attendance, job state) of one kind."""
    if request.param == "memory":
        from chalicelib.store.memory import InMemoryAttendanceRepository, InMemoryJobState, InMemoryReportRepository

        attendance = InMemoryAttendanceRepository()
        return InMemoryReportRepository(attendance), attendance, InMemoryJobState()
    request.getfixturevalue("stack")
    from chalicelib.store.attendance import DynamoAttendanceRepository
    from chalicelib.store.job_state import DynamoJobState
    from chalicelib.store.reports import DynamoReportRepository

    return DynamoReportRepository(), DynamoAttendanceRepository(), DynamoJobState()


def _id_in(shard: int) -> str:
    while True:
        candidate = uuid.uuid4().hex
        if zlib.crc32(candidate.encode()) % PENDING_SHARDS == shard:
            return candidate


def _file_many(reports, attendance, count: int) -> tuple[list[Report], datetime]:
    """``count`` SUBMITTED reports in shard ``SHARD``, submitted one second apart at a time of this run alone
    (the shard of DynamoDB Local is shared with the other tests), and the instant they are all overdue."""
    base = datetime(1971, 3, 2, tzinfo=UTC) + next(_RUNS) * timedelta(days=1)  # a day later in each test: a newer run
    made = []
    for n in range(count):
        nip, at = make_nip(), base + timedelta(seconds=n)
        attendance.upsert_sync(nip, DAY, time(7, 30), time(16, 0), ("SKPD-A", "SATKER-A"))
        content = ReportContent(DAY, time(8), time(9), f"Kegiatan {n}", "Uraian kegiatan", "Hasil")
        report = Report(
            _id_in(SHARD),
            nip,
            "SKPD-A",
            "SATKER-A",
            "197512102000031003",
            content,
            ReportStatus.SUBMITTED,
            at,
            history=(HistoryEntry(at, nip, "CREATED", {}),),
        )
        made.append(reports.create(report, attendance.get(nip, DAY)))
    return made, base + timedelta(seconds=count) + AUTO_APPROVE_AFTER


def _sweep(reports, state, queue, now: datetime) -> AutoApprovalSweep:
    return AutoApprovalSweep(reports, state, queue, clock=lambda: now, page=PAGE)


def _message(queue: InMemoryQueue, sweep: AutoApprovalSweep) -> dict:
    sweep.dispatch()
    return next(m for m in queue.take() if m["shard"] == SHARD)


def _counting(reports, approvals: list[str], fail_after: int | None = None):
    """``reports.change_status`` recording each approval that landed; raises (a worker dying) after ``fail_after``."""
    real = reports.change_status

    def change_status(old, new):
        if fail_after is not None and len(approvals) >= fail_after:
            raise RuntimeError("the worker died")
        stored = real(old, new)
        approvals.append(new.report_id)
        return stored

    return change_status


def test_the_dispatch_enqueues_one_message_per_shard(world):
    reports, _, state = world
    queue, now = InMemoryQueue(), datetime(2026, 3, 9, 3, 0, tzinfo=UTC)
    assert _sweep(reports, state, queue, now).dispatch() == PENDING_SHARDS
    messages = queue.take()
    assert sorted(m["shard"] for m in messages) == list(range(PENDING_SHARDS))
    assert {(m["kind"], m["run"], m["cut"], m["page"], m["after"]) for m in messages} == {
        (KIND, now.isoformat(), (now - AUTO_APPROVE_AFTER).isoformat(), 1, None)
    }


def test_a_worker_approves_one_page_records_the_checkpoint_and_chains_the_rest(world, monkeypatch):
    reports, attendance, state = world
    made, now = _file_many(reports, attendance, 2 * PAGE + 1)
    mine = {r.report_id for r in made}
    queue, approvals = InMemoryQueue(), []
    monkeypatch.setattr(reports, "change_status", _counting(reports, approvals))
    sweep = _sweep(reports, state, queue, now)
    message, pages = _message(queue, sweep), 0
    while message is not None:
        before = len(approvals)
        result = sweep.page(message, lambda *a, **k: None)
        pages += 1
        assert result["approved"] == len(approvals) - before <= PAGE
        mark = json.loads(state.cursor(checkpoint_name(SHARD)))
        assert (mark["run"], mark["page"]) == (message["run"], message["page"])
        following = queue.take()
        assert len(following) == int(result["more"])  # the next page, or nothing when the shard is done
        assert mark["after"] == (following[0]["after"] if following else None)
        message = following[0] if following else None
        assert pages < 50
    assert mine <= set(approvals) and len(approvals) == len(set(approvals))
    assert pages >= 3  # 7 of ours, 3 a page
    for report in made:
        stored = reports.get(report.report_id)
        assert (stored.status, stored.decided_by) == (ReportStatus.APPROVED, SYSTEM)
        assert [h.action for h in stored.history].count("AUTO_APPROVED") == 1


def test_a_worker_killed_mid_page_is_run_again_and_approves_the_rest_exactly_once(world, monkeypatch):
    reports, attendance, state = world
    made, now = _file_many(reports, attendance, PAGE)
    mine = {r.report_id for r in made}
    queue, approvals = InMemoryQueue(), []
    sweep = _sweep(reports, state, queue, now)
    message = _message(queue, sweep)
    working = _counting(reports, approvals)
    monkeypatch.setattr(reports, "change_status", _counting(reports, approvals, fail_after=1))
    with pytest.raises(RuntimeError):
        sweep.page(message, lambda *a, **k: None)
    mark = state.cursor(checkpoint_name(SHARD))  # none of this run: the page was not done
    assert len(approvals) == 1 and (mark is None or json.loads(mark)["run"] != message["run"]) and queue.take() == []
    monkeypatch.setattr(reports, "change_status", working)
    while message is not None:  # SQS hands the same message again, then the pages it chains
        sweep.page(message, lambda *a, **k: None)
        following = queue.take()
        message = following[0] if following else None
    assert mine <= set(approvals) and len(approvals) == len(set(approvals))
    for report in made:
        stored = reports.get(report.report_id)
        assert stored.status is ReportStatus.APPROVED and stored.version == report.version + 1
        assert [h.action for h in stored.history].count("AUTO_APPROVED") == 1


def test_a_page_already_done_or_of_an_older_run_is_dropped(world, monkeypatch):
    reports, attendance, state = world
    made, now = _file_many(reports, attendance, 1)
    queue, approvals = InMemoryQueue(), []
    monkeypatch.setattr(reports, "change_status", _counting(reports, approvals))
    older = _message(queue, _sweep(reports, state, queue, now))
    newer = _message(queue, _sweep(reports, state, queue, now + timedelta(minutes=15)))
    sweep = _sweep(reports, state, queue, now + timedelta(minutes=15))
    while newer is not None:
        sweep.page(newer, lambda *a, **k: None)
        following = queue.take()
        newer = following[0] if following else None
    assert made[0].report_id in approvals
    done = len(approvals)
    assert sweep.page(older, lambda *a, **k: None)["superseded"] is True  # a newer run owns the shard
    assert len(approvals) == done and queue.take() == []


def test_the_schedule_queues_a_page_per_shard_that_the_export_worker_approves(http, factory, runner, services_with):
    """End to end: the scheduled function, the exports queue (moto's SQS), the export worker, DynamoDB Local."""
    from chalice.local import LambdaContext

    from chalicelib.handlers.verification_routes import auto_approval
    from chalicelib.services import container
    from chalicelib.store.models import ReportItem
    from devtools.runner import scheduled_event
    from tests.support import attend, report_body, today_wib

    skpd = factory.skpd()
    nip = factory.employee(skpd, supervisor=factory.employee(skpd))
    attend(nip, today_wib())
    status, filed = http.call("POST", "/reports", report_body(today_wib(), "08:00", "09:00"), token=http.login(nip))
    assert status == 201, filed
    runner.deliver_queue()  # nothing of ours waits there yet
    later = container.utc_now() + AUTO_APPROVE_AFTER + timedelta(minutes=1)
    services_with(clock=lambda: later)
    queued = auto_approval(scheduled_event("local", "auto_approval"), LambdaContext("auto_approval", 512))
    assert queued == {"queued": PENDING_SHARDS}
    runner.deliver_queue()
    stored = ReportItem.get(filed["report_id"], consistent_read=True)
    assert (stored.status, stored.decided_by, stored.pending_shard) == ("APPROVED", SYSTEM, None)
