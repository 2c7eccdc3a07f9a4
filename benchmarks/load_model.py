"""The national load model (issue 21): the 16:00 WIB peak at reduced scale on DynamoDB Local, projected to 6 M ASN.

    python -m benchmarks.load_model [--employees 30000] [--due 1500] [--reports 2000] [--digests 8000] [--workers 4]

(the defaults shown; ``--employees 100000`` and the others for a larger run). Runs the real code paths against the
local stack (DynamoDB Local, moto's SQS), with DynamoDB's own ReturnConsumedCapacity=INDEXES added to every request
so the write and read units of each table and index are DynamoDB's figures, not estimates:

- **submissions**: ``--reports`` reports filed (the repository's create transaction) by employees of supervisors
  with `Nation.span` staff each, and the digest each one schedules (`DynamoDigests.schedule`, what the reports
  stream does);
- **reminders**: ``--employees`` reminders in the 16:00 WIB slot (09:00 UTC), ``--due`` of them not yet sent; the
  scheduled `fan_out` (one message per shard) and every page worker call (`handle_page`: a Query of 100 keys,
  a BatchGetItem, the sends in parallel through the outbox provider and the idempotency table): a few shards'
  chains one page at a time (a page's own time), the rest ``--workers`` at once (the wall time);
- **auto-approval**: the reports above 7 days later: the schedule's one message per shard, then every page
  (`AutoApprovalSweep.page`) with ``--workers`` at once;
- **e-Kinerja**: the reports the sweep approved, handed on: the schedule's one message per shard, then every page
  (`HandOn.page`: a Query of the due ids, the reports and handoffs in a BatchGetItem each, claim, send through the
  recording client, settle) with ``--workers`` at once; an empty page's time from the next run;
- **digests**: the scheduled dispatcher (`DigestSender.fan_out`, one message per shard) and its pages
  (`handle_page`) over the digests the submissions made due and ``--digests`` more.

A reminder page's time counts `Nation.provider_s` per WhatsApp call (the local outbox takes none), an e-Kinerja
page's `Nation.bkn_s` per BKN call (``--bkn-ms``; the recording client takes none), and a digest page's
`Nation.sqs_batch_s` per 10 messages (moto's SQS slows down as it fills).

It prints, per partition key, the items and the write rate at the peak, per worker call the items touched and the
time, and the wall time of the slot with the workers; then `benchmarks.load_projection` (pure, unit-tested) turns
those figures into the national ones — on the functions' CPU, not this machine's — and prints each next to the
limit it must respect. It exits 1 when a projection crosses one, 2 when the run measured nothing for a figure that
must be positive.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.load_projection import (
    Measured,
    Nation,
    PerReport,
    Prices,
    cost_per_million,
    handoff_gb_seconds,
    judge,
    reminder_gb_seconds,
    storage_per_million,
)
from benchmarks.reminder_dispatch import put_items

ROOT = Path(__file__).resolve().parent.parent
#: a request's Lambda time at 512 MB (`make bench`): create and approve ≈50 ms each, their token checks ≈10 ms
API_GB_SECONDS = 0.5 * (2 * 0.05 + 2 * 0.01)

# -- the local run ---------------------------------------------------------------------------------------------

SLOT = "09:00"  # 16:00 WIB
NOW = datetime(2026, 11, 25, 9, 1, tzinfo=UTC)  # a Wednesday, 16:01 WIB
DAY = "2026-11-25"
_READS = {"GetItem", "Query", "BatchGetItem", "TransactGetItems", "Scan"}
_WRITES = {"PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem"}


class Capacity:
    """Every DynamoDB request made inside `measure` asks for ReturnConsumedCapacity=INDEXES; the units DynamoDB
    reports are summed per phase, read/write and table or index (``"reports"``, ``"reports.by_pending_shard"``)."""

    def __init__(self, prefix: str) -> None:
        self.prefix, self.units = prefix, defaultdict(float)
        self.requests: Counter[tuple[str, str]] = Counter()
        self._phase, self._lock = "", threading.Lock()

    @contextmanager
    def measure(self, phase: str) -> Iterator[None]:
        import botocore.client

        real = botocore.client.BaseClient._make_api_call
        self._phase = phase

        def counted(client: Any, operation: str, params: dict[str, Any]) -> Any:
            if client.meta.service_model.service_name != "dynamodb" or operation not in _READS | _WRITES:
                return real(client, operation, params)
            response = real(client, operation, {**params, "ReturnConsumedCapacity": "INDEXES"})
            self._add(operation, response.get("ConsumedCapacity"))
            return response

        botocore.client.BaseClient._make_api_call = counted
        try:
            yield
        finally:
            botocore.client.BaseClient._make_api_call = real

    def _add(self, operation: str, consumed: Any) -> None:
        kind = "read" if operation in _READS else "write"
        with self._lock:
            self.requests[(self._phase, operation)] += 1
            for entry in consumed if isinstance(consumed, list) else [consumed] if consumed else []:
                table = str(entry.get("TableName", "")).removeprefix(self.prefix)
                units = entry.get("Table", {}).get("CapacityUnits")
                indexes = entry.get("GlobalSecondaryIndexes") or {}
                if units is None and not indexes:
                    units = entry.get("CapacityUnits", 0.0)
                self.units[(self._phase, kind, table)] += float(units or 0.0)
                for name, figures in indexes.items():
                    self.units[(self._phase, kind, f"{table}.{name}")] += float(figures.get("CapacityUnits", 0.0))

    def of(self, phase: str, kind: str, target: str) -> float:
        return self.units.get((phase, kind, target), 0.0)

    def total(self, phase: str, kind: str) -> float:
        return sum(v for (p, k, _), v in self.units.items() if p == phase and k == kind)


def main(argv: list[str] | None = None) -> int:
    """Run the model; the exit status of `judge`: 0 within every limit, 1 when a projection crosses one, 2 when a
    figure that must be positive was not measured."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load_model", description=__doc__.split("\n")[0])
    parser.add_argument("--employees", type=int, default=30_000, help="reminders in the 16:00 WIB slot")
    parser.add_argument("--due", type=int, default=1_500, help="of them not yet reminded today (the sends)")
    parser.add_argument("--reports", type=int, default=2_000, help="reports filed (and auto-approved later)")
    parser.add_argument(
        "--digests", type=int, default=8_000, help="more due digests (supervisors): a full page of every shard"
    )
    parser.add_argument("--workers", type=int, default=4, help="page workers at once")
    parser.add_argument("--bkn-ms", type=float, default=200, help="an assumed BKN e-Kinerja call (ms), projected")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from devtools.ephemeral import ephemeral_stack

    with ephemeral_stack("load") as env:
        nation = replace(Nation.of_code(), bkn_s=args.bkn_ms / 1000)
        capacity = Capacity(env["TABLE_PREFIX"])
        started = time.perf_counter()
        print(
            f"load model at reduced scale: {args.employees:,} reminders in the 16:00 WIB slot ({args.due:,} due), "
            f"{args.reports:,} reports, {args.workers} workers"
        )
        submissions, filed = _submissions(args.reports, nation, capacity)
        reminders, reminder_units = _reminders(args.employees, args.due, args.workers, nation, capacity)
        approvals, approved = _auto_approval(args.workers, capacity)
        handoffs, handed = _ekinerja(nation, capacity)
        digests, due = _digests(args.workers, args.digests, capacity)
        print(f"  (the local run took {time.perf_counter() - started:.0f} s)")
    measured = Measured(**submissions, **reminders, **approvals, **digests, **handoffs, local_cores=os.cpu_count() or 1)
    print(f"projected to {nation.asn:,} ASN ({nation.in_slot:,} in WIB; {nation.peak_submissions:,.0f} reports/s):")
    status = judge(measured, nation)
    if status == 2:
        return status
    shares = {"submit": filed, "approve": approved, "handoff": handed, "digest-dispatch": due * nation.span}
    units = {
        kind: reminder_units[kind] + sum(capacity.total(phase, kind) / n for phase, n in shares.items() if n)
        for kind in ("write", "read")
    }
    print(
        "request units of one report (DynamoDB's figures: its submission, its reminder, its approval, its hand-off "
        "to e-Kinerja, its share of a digest page): "
        + ", ".join(
            f"{phase} {capacity.total(phase, 'write') / n:.1f} write / {capacity.total(phase, 'read') / n:.1f} read"
            for phase, n in shares.items()
            if n
        )
        + f", reminder {reminder_units['write']:.1f} write / {reminder_units['read']:.1f} read"
    )
    gb_seconds = API_GB_SECONDS + reminder_gb_seconds(measured, nation) + handoff_gb_seconds(measured, nation)
    per_report = PerReport(write_units=units["write"], read_units=units["read"], lambda_gb_seconds=gb_seconds)
    prices = Prices()
    costs = cost_per_million(per_report, prices)
    print(
        f"cost per million reports (on-demand, us-east-1; {units['write']:.1f} write and {units['read']:.1f} read "
        f"units, {gb_seconds:.3f} GB-s a report): "
        + ", ".join(f"{name} ${usd:,.2f}" for name, usd in costs)
        + f"; ${sum(usd for _, usd in costs):,.2f} per million reports filed, plus "
        f"${storage_per_million(per_report, prices):,.2f} a month per million kept (DynamoDB storage)"
    )
    return status


def _timed_pool(
    messages: list[dict], queue: Any, workers: int, run: Callable[[dict], dict]
) -> list[tuple[float, dict]]:
    """Run page messages ``workers`` at once, then the messages those runs put on ``queue`` (their next pages),
    until none is left; (seconds, result) of every call."""
    done: list[tuple[float, dict]] = []

    def one(message: dict) -> tuple[float, dict]:
        started = time.perf_counter()
        result = run(message)
        return time.perf_counter() - started, result

    with ThreadPoolExecutor(max_workers=workers) as pool:
        while messages:
            done += list(pool.map(one, messages))
            messages = queue.take()
    return done


# -- submissions -----------------------------------------------------------------------------------------------


def _submissions(count: int, nation: Nation, capacity: Capacity) -> dict[str, Any]:
    """``count`` reports filed through the repository's create transaction, and the digest each schedules."""
    from datetime import time as clock_time

    from chalicelib.domain.reports import HistoryEntry, Report, ReportContent, ReportStatus
    from chalicelib.store.attendance import DynamoAttendanceRepository
    from chalicelib.store.digests import DynamoDigests
    from chalicelib.store.reports import DynamoReportRepository, pending_shard

    reports, attendance, digests = DynamoReportRepository(), DynamoAttendanceRepository(), DynamoDigests()
    filed = NOW - timedelta(days=8)  # a week before the sweep below
    day = filed.date()
    supervisors = max(1, count // nation.span)

    def file(n: int) -> str:
        import uuid

        nip, supervisor = _nip(500_000 + n), _nip(900_000 + n % supervisors)
        at = filed + timedelta(seconds=n)
        content = ReportContent(day, clock_time(8), clock_time(9), f"Kegiatan {n}", "Uraian kegiatan", "Hasil")
        report_id = uuid.uuid4().hex
        report = Report(
            report_id, nip, "SKPD-L", f"S-{n % 20}", supervisor, content, ReportStatus.SUBMITTED, at,
            history=(HistoryEntry(at, nip, "CREATED", {}),),
        )  # fmt: skip
        reports.create(report, attendance.get(nip, day))
        digests.schedule(supervisor, at + timedelta(minutes=5), timedelta(hours=1))
        return pending_shard(report_id)

    for n in range(count):  # the day's attendance (the sync's), not part of a submission
        attendance.upsert_sync(_nip(500_000 + n), day, clock_time(7, 30), clock_time(16), ("SKPD-L", f"S-{n % 20}"))
    started = time.perf_counter()
    with capacity.measure("submit"), ThreadPoolExecutor(max_workers=4) as pool:
        shards = Counter(pool.map(file, range(count)))
    took = time.perf_counter() - started
    per_index = {
        target: capacity.of("submit", "write", target) / count
        for target in (
            "reports",
            "reports.by_owner",
            "reports.by_supervisor_pending",
            "reports.by_pending_shard",
            "reports.by_satker_day",
            "attendance",
            "digests",
            "digests.by_due",
        )
    }
    skew = max(shards.values()) / (count / nation.pending_shards)
    print(
        f"  submissions: {count:,} reports by {supervisors:,} supervisors' staff in {took:.1f} s "
        f"({count / took:,.0f}/s with 4 threads); write units a submission (DynamoDB's figures): "
        + ", ".join(f"{k} {v:.2f}" for k, v in per_index.items())
    )
    print(
        f"    per partition key: P# {count / nation.pending_shards:,.0f} items on average, "
        f"{max(shards.values())} on the fullest of {nation.pending_shards}; D# holds {supervisors:,} digests over "
        f"{nation.digest_shards} keys; by_supervisor_pending {nation.span} items per supervisor"
    )
    return {"submission_wcu": per_index, "pending_skew": skew}, count


# -- reminders -------------------------------------------------------------------------------------------------


def _reminders(
    employees: int, due: int, workers: int, nation: Nation, capacity: Capacity
) -> tuple[dict[str, Any], dict[str, float]]:
    """The slot: the scheduled `fan_out`, then a probe (the chains of 3 shards whose employees are all due, and 3
    where nobody is, one page at a time: a page's own time, as in its own Lambda), then the rest of the slot with
    ``workers`` page workers at once (the wall time). Returns the figures and the request units of a reminder
    (its share of the page reads, and a send)."""
    from chalice.local import LambdaContext

    from chalicelib.config import settings
    from chalicelib.integrations.memory import InMemoryQueue
    from chalicelib.services import container
    from chalicelib.services.reminders import DISPATCH_JOB, SEND_WORKERS
    from chalicelib.store.job_state import DynamoJobState

    started = time.perf_counter()
    shards, due_shards, due_nips = _fill_reminders(settings().table("reminders"), employees, due)
    print(f"  reminders: filled {employees:,} in {time.perf_counter() - started:.0f} s")
    service = container.reminders()
    service._clock = lambda: NOW
    service.register_context(LambdaContext("notification_worker", 1024))
    service.handle({"kind": "reminder", "nip": due_nips[0], "day": DAY})  # warm: the first send loads its modules
    DynamoJobState().save_cursor(DISPATCH_JOB, (NOW - timedelta(minutes=5)).isoformat())
    queue = InMemoryQueue()
    started = time.perf_counter()
    with capacity.measure("fan-out"):
        summary = service.fan_out(queue)
    dispatch_s = time.perf_counter() - started
    messages = queue.take()
    quiet_shards = [shard for shard in range(nation.reminder_shards) if shard not in due_shards][:3]
    probed_shards = {*sorted(due_shards)[:3], *quiet_shards}
    probe = [m for m in messages if m["shard"] in probed_shards]
    others = [m for m in messages if m["shard"] not in probed_shards]

    def page(message: dict) -> dict:
        return service.handle_page(message, queue)

    with capacity.measure("reminder"):
        probed = _timed_pool(probe, queue, 1, page)
        started = time.perf_counter()
        rest = _timed_pool(others, queue, workers, page)
        wall = time.perf_counter() - started
    calls = probed + rest
    walked = [(t, r) for t, r in calls if r["read"]]
    quiet = [t for t, r in probed if r["read"] and not r["sent"]]
    sending = [(t, r) for t, r in probed if r["sent"]]
    read_s = statistics.median(quiet) if quiet else 0.0
    sent = sum(r["sent"] for _, r in walked) + 1  # and the warm-up's
    probe_sent = sum(r["sent"] for _, r in sending)
    send_s = sum(t - read_s for t, _ in sending) / probe_sent if probe_sent else 0.0
    pages = len(walked)
    slot_rcu = capacity.of("reminder", "read", "reminders.by_slot") / max(pages, 1)
    slot_wcu = capacity.of("reminder", "write", "reminders.by_slot") / max(sent, 1)
    skew = max(shards.values()) / (employees / nation.reminder_shards)
    page_units: dict[str, float] = defaultdict(float)
    send_units: dict[str, float] = defaultdict(float)
    for (phase, kind, target), value in capacity.units.items():
        if phase != "reminder" or target.startswith("outbox"):  # the outbox is the local provider, not AWS's
            continue
        paging = target.startswith("job_state") or (kind == "read" and target.startswith("reminders"))
        (page_units if paging else send_units)[kind] += value
    units = {kind: page_units[kind] / employees + send_units[kind] / sent for kind in ("write", "read")}
    print(
        f"    dispatcher: {dispatch_s * 1000:.0f} ms for {summary['queued']} page messages, "
        f"{capacity.total('fan-out', 'read'):.0f} read units"
    )
    print(
        f"    {len(calls)} page calls ({len(calls) - pages} empty shards), {pages} pages read "
        f"{sum(r['read'] for _, r in walked):,} keys (≤ {nation.page} a page) and sent {sent:,}; "
        f"p50 {statistics.median(t for t, _ in walked) * 1000:.0f} ms, max {max(t for t, _ in walked) * 1000:.0f} ms"
    )
    print(
        f"    one page at a time: a page that sends nothing {read_s * 1000:.0f} ms; "
        f"{len(sending)} pages sent {probe_sent} ({max((r['sent'] for _, r in sending), default=0)} at most), "
        f"{send_s * 1000:.1f} ms a send ({SEND_WORKERS} at once); the rest of the slot with {workers} workers: "
        f"{len(rest)} calls in {wall:.1f} s"
    )
    print(
        f"    per slot key: {employees / nation.reminder_shards:,.0f} items on average, {max(shards.values())} on "
        f"the fullest; by_slot {slot_rcu:.2f} read units a page, {slot_wcu:.2f} write units a send; a reminder "
        f"{units['write']:.1f} write / {units['read']:.1f} read units (the pages shared by all, the send by who is due)"
    )
    figures = {
        "page_read_s": read_s,
        "send_s": send_s,
        "slot_rcu_per_page": slot_rcu,
        "slot_wcu_per_send": slot_wcu,
        "reminder_dispatch_s": dispatch_s,
        "slot_skew": skew,
    }
    return figures, units


def _fill_reminders(table: str, employees: int, due: int) -> tuple[Counter[int], set[int], list[str]]:
    """The slot's reminder items straight into the table (parallel batches of 25): everyone of the first shards
    not yet reminded today, about ``due`` in all, with an account each (so those shards' pages are full of sends);
    the rest reminded already. The items per shard, the due shards and NIPs."""
    from chalicelib.domain.accounts import Employee
    from chalicelib.domain.identity import TimeZone
    from chalicelib.domain.reminders import shard_of
    from chalicelib.store.employees import DynamoEmployeeRepository

    nips = [_nip(n) for n in range(employees)]
    shards = Counter(shard_of(nip) for nip in nips)
    due_shards: set[int] = set()
    for shard in sorted(shards):
        if sum(shards[s] for s in due_shards) >= due:
            break
        due_shards.add(shard)
    due_nips = [nip for nip in nips if shard_of(nip) in due_shards]
    items = []
    for nip in nips:
        item = {
            "nip": {"S": nip},
            "enabled": {"BOOL": True},
            "frequency": {"S": "DAILY"},
            "at": {"S": "16:00"},
            "timezone": {"S": "WIB"},
            "slot_key": {"S": f"{SLOT}#{shard_of(nip)}"},
        }
        if shard_of(nip) not in due_shards:
            item["last_sent_day"] = {"S": DAY}
        items.append(item)
    put_items(table, items)

    def account(nip: str) -> None:
        DynamoEmployeeRepository().add(
            Employee(nip, f"Pegawai {nip[-6:]}", "Analis", "SKPD-1", "SATKER-1", f"628{nip[-10:]}", TimeZone.WIB)
        )

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(account, due_nips))
    return shards, due_shards, due_nips


# -- auto-approval and digests ---------------------------------------------------------------------------------


def _auto_approval(workers: int, capacity: Capacity) -> dict[str, Any]:
    from chalicelib.integrations.memory import InMemoryQueue
    from chalicelib.services.auto_approval import AutoApprovalSweep
    from chalicelib.store.job_state import DynamoJobState
    from chalicelib.store.reports import DynamoReportRepository

    queue = InMemoryQueue()
    sweep = AutoApprovalSweep(DynamoReportRepository(), DynamoJobState(), queue, clock=lambda: NOW)
    sweep.dispatch()
    with capacity.measure("approve"):
        started = time.perf_counter()
        calls = _timed_pool(queue.take(), queue, workers, lambda m: sweep.page(m, lambda *a, **k: None))
        wall = time.perf_counter() - started
    approved = sum(r["approved"] for _, r in calls)
    working = [(s, r) for s, r in calls if r["approved"]]
    # a page's fixed time (its Query, its checkpoint) from empty pages: the next run's, over the drained shards,
    # one at a time (every shard of the run above may have had reports, leaving no empty page to time)
    then = NOW + timedelta(minutes=15)
    later = AutoApprovalSweep(DynamoReportRepository(), DynamoJobState(), queue, clock=lambda: then)
    later.dispatch()
    rerun = _timed_pool(queue.take(), queue, 1, lambda m: later.page(m, lambda *a, **k: None))
    empty = [s for s, r in calls + rerun if not r["approved"]]
    fixed = statistics.median(empty) if empty else 0.0
    per_report = sum(s - fixed for s, _ in working) / approved if approved else 0.0
    per_index = {
        t: capacity.of("approve", "write", t) / max(approved, 1)
        for t in ("reports", "reports.by_pending_shard", "reports.by_ekinerja_due", "reports.by_supervisor_pending")
    }
    print(
        f"  auto-approval: {len(calls)} page calls approved {approved:,} in {wall:.1f} s with {workers} workers; "
        f"≤ {max(r['approved'] for _, r in calls)} reports a page, {per_report * 1000:.1f} ms a report, "
        f"an empty page {fixed * 1000:.0f} ms; write units an approval: "
        + ", ".join(f"{k} {v:.2f}" for k, v in per_index.items())
    )
    return {"approval_s": per_report, "approval_page_s": fixed, "approval_wcu": per_index}, approved


def _ekinerja(nation: Nation, capacity: Capacity) -> dict[str, Any]:
    """The reports the sweep approved (due at their decision, NOW) handed on by the handoff's pages one at a time
    (a page's own time, as in its own Lambda; its sends in parallel), through the recording client (an outbox
    write, not BKN: `Nation.bkn_s` is added in the projection); then the next run's empty pages, for a page's fixed
    time (pages at once on this machine's two cores would time each other's CPU)."""
    from chalicelib.integrations.memory import InMemoryQueue
    from chalicelib.services import container
    from chalicelib.store.ekinerja import DynamoEkinerjaHandoffs

    queue, then = InMemoryQueue(), NOW + timedelta(minutes=1)
    shards = Counter({shard: _due_in(DynamoEkinerjaHandoffs(), shard, then) for shard in range(nation.ekinerja_shards)})
    job = container.ekinerja_handoff()
    job._queue, job._clock = queue, lambda: then
    job.dispatch()
    with capacity.measure("handoff"):
        started = time.perf_counter()
        calls = _timed_pool(queue.take(), queue, 1, job.page)
        wall = time.perf_counter() - started
    handed = sum(r["sent"] for _, r in calls)
    later = NOW + timedelta(minutes=16)
    job._clock = lambda: later
    job.dispatch()
    rerun = _timed_pool(queue.take(), queue, 1, job.page)
    empty = [t for t, r in calls + rerun if not (r["sent"] + r["failed"] + r["skipped"])]
    fixed = statistics.median(empty) if empty else 0.0
    per_report = sum(t - fixed for t, r in calls if r["sent"]) / handed if handed else 0.0
    wcu = capacity.of("handoff", "write", "reports.by_ekinerja_due") / max(handed, 1)
    skew = max(shards.values()) / (sum(shards.values()) / nation.ekinerja_shards) if handed else 0.0
    made = sorted(capacity.requests.items())
    requests = ", ".join(f"{n} {op}" for (phase, op), n in made if phase == "handoff")
    print(
        f"  e-Kinerja: {len(calls)} page calls handed on {handed:,} in {wall:.1f} s one at a time "
        f"({requests}); ≤ {max(r['sent'] for _, r in calls)} a page, {per_report * 1000:.1f} ms a report "
        f"({nation.ekinerja_send_workers} sends at once), an empty page {fixed * 1000:.0f} ms; "
        f"by_ekinerja_due {wcu:.2f} write units a report; E# {max(shards.values(), default=0)} on the fullest key"
    )
    return {"handoff_s": per_report, "handoff_page_s": fixed, "handoff_wcu": wcu, "ekinerja_skew": skew}, handed


def _due_in(handoffs: Any, shard: int, now: datetime) -> int:
    """How many of one shard are due (its pages walked before the run, not measured)."""
    count, after = 0, None
    while True:
        ids, after = handoffs.due_page(shard, now, after, 1_000)
        count += len(ids)
        if after is None:
            return count


def _digests(workers: int, extra: int, capacity: Capacity) -> tuple[dict[str, Any], int]:
    """The digest schedule (one message per shard) and its pages, ``workers`` at once (`DigestSender.handle_page`:
    a Query page of the due index, the counts of arrivals, the digests' messages), over the submissions' digests
    and ``extra`` more due (so pages are full). The messages go to a list: moto's SQS takes longer the more it
    holds, so `project` adds `Nation.sqs_batch_s` per 10 messages instead."""
    from chalicelib.integrations.memory import InMemoryQueue
    from chalicelib.services import container
    from chalicelib.services.notifications import PAGE_KIND
    from chalicelib.store.digests import DynamoDigests

    digests = DynamoDigests()
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(
            pool.map(
                lambda n: digests.schedule(_nip(950_000 + n), NOW - timedelta(days=1), timedelta(hours=1)), range(extra)
            )
        )
    sender = container.digest_sender()
    sender._clock = lambda: NOW
    queued, pages_queue = InMemoryQueue(), InMemoryQueue()

    class Split:
        """The digests' messages to one list; the next pages to the other, to run."""

        def send_all(self, messages: list[dict]) -> int:
            queued.send_all([m for m in messages if m["kind"] != PAGE_KIND])
            return pages_queue.send_all([m for m in messages if m["kind"] == PAGE_KIND])

    started = time.perf_counter()
    with capacity.measure("digest-fan-out"):
        sender.fan_out(container.notification_queue())  # into moto's SQS, as deployed (8 messages)
    fanout_s = time.perf_counter() - started
    sender.fan_out(pages_queue)
    split = Split()
    with capacity.measure("digest-dispatch"):
        started = time.perf_counter()
        calls = _timed_pool(pages_queue.take(), pages_queue, workers, lambda m: sender.handle_page(m, split))
        wall = time.perf_counter() - started
    due = sum(r["due"] for _, r in calls)
    full = [t for t, r in calls if r["due"] == sender.page_size]
    fixed = statistics.median(_empty_digest_pages(sender, split))
    per_due = sum(t - fixed for t, r in calls if r["due"]) / due if due else 0.0  # a page's own cost included
    made = sorted(capacity.requests.items())
    requests = ", ".join(f"{n} {op}" for (phase, op), n in made if phase == "digest-dispatch")
    print(
        f"  digests: the schedule {fanout_s * 1000:.0f} ms ({capacity.total('digest-fan-out', 'read'):.0f} read "
        f"units); {len(calls)} page calls queued {due:,} due digests in {wall:.1f} s with {workers} workers "
        f"({requests}); a full page (100) p50 {statistics.median(full) * 1000 if full else 0:.0f} ms, an empty "
        f"page {fixed * 1000:.0f} ms"
    )
    return {"digest_fanout_s": fanout_s, "digest_page_s": fixed, "digest_due_s": per_due}, due


def _empty_digest_pages(sender: Any, split: Any, shards: int = 16) -> list[float]:
    """Seconds of a page that finds nothing due (a newer run, asked as of a time before anything came due): the
    Query, the checkpoint and no messages — a page's fixed cost, measured whether or not the run's last pages
    happened to be empty. As of the year 2000: nothing the run made due is that old."""
    from chalicelib.services.notifications import PAGE_KIND

    run, before = (NOW + timedelta(seconds=1)).isoformat(), "2000-01-01T00:00:00+00:00"
    times = []
    for shard in range(shards):
        started = time.perf_counter()
        found = sender.handle_page({"kind": PAGE_KIND, "now": before, "shard": shard, "run": run, "page": 1}, split)
        times.append(time.perf_counter() - started)
        assert found["due"] == 0, found
    return times


def _nip(n: int) -> str:
    return f"19{n:016d}"


if __name__ == "__main__":
    raise SystemExit(main())
