"""The national projection of the load model (issue 21): the figures measured at reduced scale
(`benchmarks/load_model.py`) turned into those of 6 M ASN, each next to the limit it must respect, and the cost of a
report at on-demand prices. Plain arithmetic, no I/O (`tests/unit/test_load_projection.py`).

Two rules keep it honest rather than hopeful:

- **Durations run on the function's CPU, not this machine's.** Lambda allots CPU in proportion to memory (1,769 MB
  = one vCPU); the local run had `Measured.local_cores`. Every measured time (DynamoDB Local round trips included,
  to be safe) is multiplied by `cpu_factor` of the function that does the work; only the WhatsApp provider's and
  SQS's waits, which are not CPU, are not. Rates (units per second on a key) use the local, faster times: the
  faster a page, the more units a second.
- **A chain moves one page per worker call.** A call holds `Nation.pages_per_call` messages (the notification
  worker's SQS batch size) of different chains and runs them one after another, so a chain's next page waits for
  the whole call: a slot drains in its pages per chain × a full call's time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

# -- the limits a projection must respect ----------------------------------------------------------------------
PARTITION_WCU = 1_000  # DynamoDB, per partition key and second
PARTITION_RCU = 3_000
LAMBDA_SECONDS = 15 * 60  # one Lambda call
LAMBDA_CONCURRENCY = 1_000  # the default concurrent executions of an account and region
LAMBDA_MB_PER_VCPU = 1_769  # Lambda allots CPU in proportion to memory: one vCPU at 1,769 MB
REMINDER_PERIOD = 5 * 60  # `reminder_dispatch` and `digest_dispatch` run every 5 minutes
AUTO_APPROVAL_PERIOD = 15 * 60  # `auto_approval` runs every 15 minutes
EKINERJA_PERIOD = 15 * 60  # `ekinerja_handoff` runs every 15 minutes: a period's approvals must be handed on by then
REPORT_WINDOW = 60 * 60  # a 16:00 reminder is for the 16:00-17:00 reports: it must have gone out by 17:00


def cpu_factor(memory_mb: float, local_cores: float) -> float:
    """How much longer CPU work takes in a function of ``memory_mb`` than on ``local_cores`` cores: the local
    cores over the function's vCPU, never below 1 (one Python process gains nothing from more cores than here)."""
    return max(1.0, local_cores / (memory_mb / LAMBDA_MB_PER_VCPU))


@dataclass(frozen=True)
class Nation:
    """The national figures (issue 21) and the code's shard counts, batch size and memory (`Nation.of_code`)."""

    asn: int = 6_000_000
    wib: float = 0.75  # WITA 19 %, WIT 6 %: their 16:00 falls 1 and 2 hours earlier in UTC, so WIB is the peak
    peak_hour_share: float = 1.0  # of WIB's daily reports filed 16:00-17:00 ("most": all of them, to be safe)
    peak_factor: float = 2.0  # the busiest minutes at twice the peak hour's mean rate
    span: int = 10  # staff per supervisor: 600 k supervisors, each with a digest
    largest_span: int = 200  # the most staff one supervisor has (their pending-queue key)
    largest_satker: int = 5_000  # the most staff in one satker (the recap key `<skpd>#<satker>`)
    undecided: float = 0.10  # reports nobody decides within 7 days: the sweep approves them
    reminder_shards: int = 256
    pending_shards: int = 64
    digest_shards: int = 64
    ekinerja_shards: int = 64
    page: int = 100  # a reminder page and an auto-approval page
    pages_per_call: int = 1  # page messages one notification worker call receives (its SQS batch_size)
    api_seconds: float = 0.05  # a request's Lambda time (`make bench`), for the concurrency at the peak
    provider_s: float = 0.3  # one call to the WhatsApp provider (Cloud API / Fonnte), which the outbox does not take
    send_workers: int = 32  # a reminder page's sends at once (`services/reminders.py` SEND_WORKERS)
    sqs_batch_s: float = 0.02  # one SendMessageBatch of 10 (moto's SQS slows down as its queue grows: no measure)
    timeout: float = 30  # the functions' timeout (.chalice/config.json): the schedules, the notification worker
    export_timeout: float = 900  # the export worker's, which approves the auto-approval pages
    memory_mb: float = 1024  # the notification worker's memory (.chalice/config.json), which runs the pages
    schedule_memory_mb: float = 512  # the scheduled dispatchers' (the functions' default)
    export_memory_mb: float = 1024  # the export worker's
    #: approvals in the busiest hour (an assumption: supervisors decide the 16:00 filings the next morning, ≈1 M
    #: of the day's 6 M in 08:00-09:00 WIB); a 15-minute period brings a quarter of them to the handoff
    ekinerja_peak_hour: int = 1_000_000
    ekinerja_page: int = 100  # due reports a handoff page takes (`services/ekinerja/handoff.py` PAGE)
    ekinerja_send_workers: int = 16  # a handoff page's sends at once (SEND_WORKERS)
    bkn_s: float = 0.2  # one call to BKN's e-Kinerja (unknown: no contract published; an assumption)

    @classmethod
    def of_code(cls) -> Nation:
        import json
        from pathlib import Path

        from chalicelib.domain.reminders import PAGE_SIZE, SLOT_SHARDS
        from chalicelib.handlers.notification_jobs import BATCH_SIZE
        from chalicelib.services.ekinerja.handoff import PAGE as EKINERJA_PAGE
        from chalicelib.services.ekinerja.handoff import SEND_WORKERS as EKINERJA_SEND_WORKERS
        from chalicelib.services.reminders import SEND_WORKERS
        from chalicelib.store.digests import DUE_SHARDS
        from chalicelib.store.reports import EKINERJA_SHARDS, PENDING_SHARDS

        config = json.loads((Path(__file__).resolve().parent.parent / ".chalice" / "config.json").read_text())
        functions = config["stages"]["prod"].get("lambda_functions", {})
        export, worker = functions["export_worker"], functions.get("notification_worker", {})
        return cls(
            reminder_shards=SLOT_SHARDS,
            pending_shards=PENDING_SHARDS,
            digest_shards=DUE_SHARDS,
            ekinerja_shards=EKINERJA_SHARDS,
            ekinerja_page=EKINERJA_PAGE,
            ekinerja_send_workers=EKINERJA_SEND_WORKERS,
            page=PAGE_SIZE,
            pages_per_call=BATCH_SIZE,
            send_workers=SEND_WORKERS,
            timeout=float(worker.get("lambda_timeout", config["lambda_timeout"])),
            export_timeout=float(export["lambda_timeout"]),
            memory_mb=float(worker.get("lambda_memory_size", config["lambda_memory_size"])),
            schedule_memory_mb=float(config["lambda_memory_size"]),
            export_memory_mb=float(export.get("lambda_memory_size", config["lambda_memory_size"])),
        )

    @property
    def peak_submissions(self) -> float:
        """Reports filed per second in the busiest minutes of 16:00-17:00 WIB."""
        return self.asn * self.wib * self.peak_hour_share / 3600 * self.peak_factor

    @property
    def in_slot(self) -> int:
        """Reminders in the 16:00 WIB slot (everyone in WIB with the default time)."""
        return round(self.asn * self.wib)


#: the indexes whose write units per submission / approval a run must have measured (none is free)
SUBMISSION_INDEXES = (
    "reports.by_pending_shard",
    "reports.by_supervisor_pending",
    "reports.by_satker_day",
    "digests.by_due",
)
APPROVAL_INDEXES = ("reports.by_pending_shard", "reports.by_ekinerja_due")
#: figures that may rightly be zero (a send writes no `by_slot` row)
MAY_BE_ZERO = {"slot_wcu_per_send"}


@dataclass(frozen=True)
class Measured:
    """What the local run measured, per unit of work (so it scales): seconds, and DynamoDB's units."""

    page_read_s: float  # a reminder page that sends nothing (Query + BatchGetItem + checkpoint)
    send_s: float  # what one send adds to a page's time (the page's sends run in parallel)
    slot_rcu_per_page: float  # `reminders.by_slot` read units of a page
    slot_wcu_per_send: float  # `reminders.by_slot` write units a send causes
    reminder_dispatch_s: float  # the scheduled `fan_out` (one message per shard; no reminder read)
    slot_skew: float  # the fullest shard of the slot over the mean
    submission_wcu: dict[str, float]  # write units per submission on each index ("reports.by_pending_shard")
    pending_skew: float  # the fullest `P#` shard over the mean
    approval_s: float  # what one approved report adds to an auto-approval page
    approval_page_s: float  # an auto-approval page's fixed time (checkpoint, next message)
    approval_wcu: dict[str, float]  # write units per approval on each index
    digest_fanout_s: float  # the scheduled digest dispatcher (one message per shard; no read)
    digest_page_s: float  # a digest page's fixed time (a Query, a BatchGetItem, the next page's message)
    digest_due_s: float  # what one due digest adds to its page (its message)
    handoff_s: float  # what one handed-on report adds to an e-Kinerja page (claim, send to the outbox, settle)
    handoff_page_s: float  # an e-Kinerja page's fixed time (Query, two BatchGetItems, checkpoint)
    handoff_wcu: float  # `reports.by_ekinerja_due` write units per handed-on report (its row removed)
    ekinerja_skew: float  # the fullest `E#` shard over the mean
    local_cores: float = 2  # the cores of the machine that measured (`os.cpu_count()`)


def unmeasured(m: Measured) -> list[str]:
    """The figures a run left at zero (or negative) that must be positive: projecting them would pass on nothing
    measured (a missing index, a phase that timed no page)."""
    missing = [
        f.name
        for f in fields(m)
        if f.name not in MAY_BE_ZERO and isinstance(getattr(m, f.name), int | float) and getattr(m, f.name) <= 0
    ]
    missing += [f"submission_wcu[{k}]" for k in SUBMISSION_INDEXES if m.submission_wcu.get(k, 0.0) <= 0]
    missing += [f"approval_wcu[{k}]" for k in APPROVAL_INDEXES if m.approval_wcu.get(k, 0.0) <= 0]
    return missing


@dataclass(frozen=True)
class Line:
    name: str
    value: float
    limit: float
    unit: str
    note: str = ""

    @property
    def crossed(self) -> bool:
        return self.value > self.limit


def reminder_page_s(m: Measured, n: Nation) -> float:
    """A full reminder page in the notification worker: its reads and sends on the function's CPU, and its
    provider calls `send_workers` at a time."""
    worker = cpu_factor(n.memory_mb, m.local_cores)
    return worker * (m.page_read_s + n.page * m.send_s) + n.page * n.provider_s / n.send_workers


def handoff_page_s(m: Measured, n: Nation) -> float:
    """A full e-Kinerja page in the export worker: its reads and writes on the function's CPU, and its BKN calls
    `ekinerja_send_workers` at a time."""
    exporter = cpu_factor(n.export_memory_mb, m.local_cores)
    return exporter * (m.handoff_page_s + n.ekinerja_page * m.handoff_s) + (
        n.ekinerja_page * n.bkn_s / n.ekinerja_send_workers
    )


def project(m: Measured, n: Nation) -> list[Line]:
    """The national figures from the measured ones, each with the limit it must stay under (`unmeasured` first)."""
    peak = n.peak_submissions
    worker, exporter = cpu_factor(n.memory_mb, m.local_cores), cpu_factor(n.export_memory_mb, m.local_cores)
    schedule = cpu_factor(n.schedule_memory_mb, m.local_cores)
    full_page = reminder_page_s(m, n)
    local_page = m.page_read_s + n.page * m.send_s  # the fastest a page goes: for rates
    reminder_call = n.pages_per_call * full_page  # a call's pages one after another
    per_shard = n.in_slot / n.reminder_shards * m.slot_skew
    chain_pages = math.ceil(per_shard / n.page)
    local_approval = m.approval_page_s + n.page * m.approval_s
    approval_page = exporter * local_approval  # the export worker takes one page a call (batch_size 1)
    backlog = n.asn * n.wib * n.undecided * AUTO_APPROVAL_PERIOD / 3600  # a quarter of the peak hour comes due
    backlog_pages = math.ceil(backlog / n.pending_shards * m.pending_skew / n.page)
    approvals_per_s = n.pending_shards * n.page / local_approval  # every shard's chain at once, at local speed
    due_digests = n.asn * n.wib / n.span  # every WIB supervisor's digest due in one run, to be safe
    digest_page = worker * (m.digest_page_s + n.page * m.digest_due_s) + n.page * n.sqs_batch_s / 10
    digest_call = n.pages_per_call * digest_page
    digest_pages = math.ceil(due_digests / n.digest_shards / n.page)
    digest_wcu = m.submission_wcu["digests.by_due"]
    ekinerja_wcu = m.approval_wcu["reports.by_ekinerja_due"]
    handoff_page = handoff_page_s(m, n)
    handoff_arrivals = n.ekinerja_peak_hour * EKINERJA_PERIOD / 3600  # a period's approvals at the peak
    handoff_pages = math.ceil(handoff_arrivals / n.ekinerja_shards * m.ekinerja_skew / n.ekinerja_page)
    local_handoff = m.handoff_page_s + n.ekinerja_page * m.handoff_s  # the fastest a page goes: for rates
    peak_approvals = n.ekinerja_peak_hour / 3600 * n.peak_factor
    return [
        Line(
            "submissions: reports.by_pending_shard per P# key",
            peak * m.submission_wcu["reports.by_pending_shard"] * m.pending_skew / n.pending_shards,
            PARTITION_WCU,
            "WCU/s",
            f"{peak:,.0f} reports/s over {n.pending_shards} shards",
        ),
        Line(
            "submissions: reports.by_supervisor_pending per supervisor",
            n.largest_span / 3600 * n.peak_factor * m.submission_wcu["reports.by_supervisor_pending"],
            PARTITION_WCU,
            "WCU/s",
            f"{n.largest_span} staff filing in the peak hour",
        ),
        Line(
            "submissions: reports.by_satker_day per satker",
            n.largest_satker / 3600 * n.peak_factor * m.submission_wcu["reports.by_satker_day"],
            PARTITION_WCU,
            "WCU/s",
            f"a satker of {n.largest_satker:,}",
        ),
        Line(
            "submissions: digests.by_due per D# key",
            peak * digest_wcu * 2 / n.digest_shards,  # made due, and cleared when sent
            PARTITION_WCU,
            "WCU/s",
            f"{digest_wcu:.2f} index writes a submission (+ the clear when sent); "
            f"one a submission would be {peak * 2 / n.digest_shards:,.0f}",
        ),
        Line(
            "reminders: reminders.by_slot reads per slot key",
            m.slot_rcu_per_page / m.page_read_s,
            PARTITION_RCU,
            "RCU/s",
            "pages that only read, back to back, at local speed",
        ),
        Line(
            "reminders: reminders.by_slot writes per slot key",
            m.slot_wcu_per_send * n.page / local_page,
            PARTITION_WCU,
            "WCU/s",
            "sent markers are not in the index",
        ),
        Line("reminders: the scheduled dispatcher", schedule * m.reminder_dispatch_s, n.timeout, "s", "any slot size"),
        Line(
            "reminders: one worker call",
            reminder_call,
            min(n.timeout, LAMBDA_SECONDS),
            "s",
            f"{n.pages_per_call} page(s) of {n.page} due, {full_page:.2f} s a page: CPU ×{worker:.1f} at "
            f"{n.memory_mb:,.0f} MB, a {n.provider_s:g} s provider call {n.send_workers} at once",
        ),
        Line(
            "reminders: the 16:00 WIB slot drained",
            chain_pages * reminder_call,
            REPORT_WINDOW,
            "s",
            f"{n.in_slot:,} reminders, {n.reminder_shards} chains of {chain_pages} pages, one page a chain per "
            f"call of {n.pages_per_call}",
        ),
        Line(
            "auto-approval: one worker call (a page)",
            approval_page,
            min(n.export_timeout, LAMBDA_SECONDS),
            "s",
            f"{n.page} reports, CPU ×{exporter:.1f} at {n.export_memory_mb:,.0f} MB",
        ),
        Line(
            "auto-approval: a sweep's backlog drained",
            backlog_pages * approval_page,
            AUTO_APPROVAL_PERIOD,
            "s",
            f"{backlog:,.0f} overdue, {n.pending_shards} chains of {backlog_pages} pages",
        ),
        Line(
            "auto-approval: reports.by_pending_shard per P# key",
            n.page / local_approval * m.approval_wcu["reports.by_pending_shard"],
            PARTITION_WCU,
            "WCU/s",
            "the approved leave the index; at local speed",
        ),
        Line(
            "auto-approval: reports.by_ekinerja_due per E# key",
            approvals_per_s * ekinerja_wcu / n.ekinerja_shards,
            PARTITION_WCU,
            "WCU/s",
            f"{approvals_per_s:,.0f} approvals/s (local speed) × {ekinerja_wcu:.1f} over {n.ekinerja_shards} shards",
        ),
        Line(
            "e-Kinerja: one worker call (a page)",
            handoff_page,
            min(n.export_timeout, LAMBDA_SECONDS),
            "s",
            f"{n.ekinerja_page} reports, CPU ×{exporter:.1f} at {n.export_memory_mb:,.0f} MB, a {n.bkn_s:g} s BKN "
            f"call {n.ekinerja_send_workers} at once",
        ),
        Line(
            "e-Kinerja: a peak period's approvals handed on",
            handoff_pages * handoff_page,
            EKINERJA_PERIOD,
            "s",
            f"{handoff_arrivals:,.0f} approved in 15 minutes of the busiest hour ({n.ekinerja_peak_hour:,}/h), "
            f"{n.ekinerja_shards} chains of {handoff_pages} pages: done before the next schedule; a day's "
            f"{n.asn:,} take {n.asn / n.ekinerja_shards * m.ekinerja_skew / n.ekinerja_page * handoff_page / 3600:.1f} "
            "h of each chain",
        ),
        Line(
            "e-Kinerja: reports.by_ekinerja_due writes per E# key",
            peak_approvals * ekinerja_wcu * m.ekinerja_skew / n.ekinerja_shards
            + n.ekinerja_page / local_handoff * m.handoff_wcu,
            PARTITION_WCU,
            "WCU/s",
            f"{peak_approvals:,.0f} approvals/s at the peak put on the list, and a chain's removals at local speed",
        ),
        Line("digests: the scheduled dispatcher", schedule * m.digest_fanout_s, n.timeout, "s", "any number due"),
        Line(
            "digests: one worker call",
            digest_call,
            min(n.timeout, LAMBDA_SECONDS),
            "s",
            f"{n.pages_per_call} page(s) of {n.page} due digests",
        ),
        Line(
            "digests: every due digest queued",
            digest_pages * digest_call,
            REMINDER_PERIOD,
            "s",
            f"{due_digests:,.0f} due at once, {n.digest_shards} chains of {digest_pages} pages",
        ),
        Line(
            "Lambda concurrency at the peak",
            n.reminder_shards + n.pending_shards + n.digest_shards + n.ekinerja_shards + peak * n.api_seconds,
            LAMBDA_CONCURRENCY,
            "calls",
            "reminder, auto-approval, digest and e-Kinerja chains (one call each) + the API",
        ),
    ]


def crossed(lines: list[Line]) -> list[str]:
    """The names of the lines whose projection crosses its limit."""
    return [line.name for line in lines if line.crossed]


def print_lines(lines: list[Line]) -> int:
    """Print each projection next to its limit; 1 when one crosses (the exit status), else 0."""
    width = max(len(line.name) for line in lines)
    for line in lines:
        mark = "OVER" if line.crossed else "ok  "
        print(
            f"  {mark} {line.name:<{width}}  {line.value:>10,.1f} {line.unit:<6} limit {line.limit:>7,.0f}"
            + (f"  ({line.note})" if line.note else "")
        )
    over = crossed(lines)
    if over:
        print(f"  FAILED: the projection crosses its limit on: {'; '.join(over)}")
        return 1
    print("  the projection for 6 M ASN stays within every limit")
    return 0


def judge(m: Measured, n: Nation) -> int:
    """The exit status of a run: 2 (and why, on stderr) when a figure that must be positive was not measured —
    nothing is projected then; else `print_lines` of the projection (1 when a line crosses its limit, else 0)."""
    missing = unmeasured(m)
    if missing:
        import sys

        print(
            "load model: the run measured nothing for "
            + ", ".join(missing)
            + " — a projection from zero would pass on nothing; not projected",
            file=sys.stderr,
        )
        return 2
    return print_lines(project(m, n))


# -- the cost of a report -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Prices:
    """On-demand prices, us-east-1 (only those were found; Jakarta, ap-southeast-3, runs somewhat higher), read
    7 December 2026 from AWS's own pages: DynamoDB aws.amazon.com/dynamodb/pricing/on-demand/; Lambda
    aws.amazon.com/lambda/pricing/ and docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/lambda.html;
    API Gateway (REST, first 333 M a month) aws.amazon.com/api-gateway/pricing/ and docs.aws.amazon.com/whitepapers/
    latest/best-practices-api-gateway-private-apis-integration/cost-optimization.html; SQS (standard)
    aws.amazon.com/sqs/pricing/; S3 (Standard) aws.amazon.com/s3/pricing/; SES aws.amazon.com/ses/pricing/."""

    write_unit: float = 0.625 / 1e6  # DynamoDB on-demand, a write request unit
    read_unit: float = 0.125 / 1e6  # a read request unit
    storage_gb_month: float = 0.25  # DynamoDB Standard
    lambda_request: float = 0.20 / 1e6
    lambda_gb_second: float = 0.0000166667
    api_request: float = 3.50 / 1e6  # API Gateway REST API
    sqs_request: float = 0.40 / 1e6
    s3_put: float = 0.005 / 1000
    s3_get: float = 0.0004 / 1000
    s3_gb_month: float = 0.023
    email: float = 0.10 / 1000  # SES


@dataclass(frozen=True)
class PerReport:
    """What one report costs in requests: measured units (submission, its reminder, its approval, its hand-off to
    e-Kinerja, its share of a digest) and what the code makes per report (counted in the README's table)."""

    write_units: float
    read_units: float
    stored_kb: float = 6.0  # the item (≈3 KB with its history) and its index rows
    api_requests: float = 2.0  # create and approve (at least: the list and profile reads come on top)
    lambda_calls: float = 4.1  # create + approve through the API, each with the token check; stream/queue shares
    lambda_gb_seconds: float = 0.07  # 512 MB × (2 × ≈50 ms API + 2 × ≈10 ms token check + the send's share)
    #: 3 requests (send, receive, delete) a message: a reminder page per 100 reminders (0.03), a digest message
    #: per digest and 2 digests per 10 reports (0.6)
    sqs_requests: float = 0.63
    s3_puts: float = 0.0001  # a satker's monthly recap (put once, fetched once) per ≈10 k reports
    s3_gets: float = 0.0001
    emails: float = 0.2  # the supervisor's digest e-mail: ≈2 a day for 10 staff


def cost_per_million(r: PerReport, p: Prices) -> list[tuple[str, float]]:
    """US dollars per million reports, by service — once, when filed (`storage_per_million` is apart)."""
    million = 1e6
    return [
        ("DynamoDB requests", million * (r.write_units * p.write_unit + r.read_units * p.read_unit)),
        ("API Gateway", million * r.api_requests * p.api_request),
        ("Lambda", million * (r.lambda_calls * p.lambda_request + r.lambda_gb_seconds * p.lambda_gb_second)),
        ("SQS", million * r.sqs_requests * p.sqs_request),
        ("S3 (exports)", million * (r.s3_puts * p.s3_put + r.s3_gets * p.s3_get)),
        ("SES (digest e-mails)", million * r.emails * p.email),
    ]


def storage_per_million(r: PerReport, p: Prices) -> float:
    """US dollars a month for every million reports kept (DynamoDB Standard)."""
    return 1e6 * r.stored_kb / 1024 / 1024 * p.storage_gb_month


def handoff_gb_seconds(m: Measured, n: Nation) -> float:
    """A report's share of the export worker's GB-seconds handing it on to e-Kinerja (its page's time, BKN's waits
    included, over the page's reports)."""
    return handoff_page_s(m, n) * n.export_memory_mb / 1024 / n.ekinerja_page


def reminder_gb_seconds(m: Measured, n: Nation) -> float:
    """A reminder's share of the notification worker's GB-seconds (its page's time over its 100 reminders)."""
    return reminder_page_s(m, n) * n.memory_mb / 1024 / n.page
