"""One auto-approval worker page (`services/auto_approval.py`) against DynamoDB Local, with a small and a ten times
larger backlog in its shard: the page's time, reports approved and DynamoDB requests must not grow with the
backlog (issue 21)."""

from __future__ import annotations

import sys
import time
import uuid
import zlib
from collections import Counter
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BACKLOGS = (200, 2_000)
SHARD = 0


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from devtools.ephemeral import ephemeral_stack

    with ephemeral_stack("bench"):
        print("auto-approval, one worker page of one shard (DynamoDB Local)")
        base = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
        for number, backlog in enumerate(BACKLOGS):
            _page(backlog, base + timedelta(days=number * 10))


def _page(backlog: int, base: datetime) -> None:
    import botocore.client

    from chalicelib.domain.reports import AUTO_APPROVE_AFTER, HistoryEntry, Report, ReportContent, ReportStatus
    from chalicelib.integrations.memory import InMemoryQueue
    from chalicelib.services.auto_approval import AutoApprovalSweep
    from chalicelib.store.attendance import DynamoAttendanceRepository
    from chalicelib.store.job_state import DynamoJobState
    from chalicelib.store.reports import PENDING_SHARDS, DynamoReportRepository

    reports, attendance = DynamoReportRepository(), DynamoAttendanceRepository()
    day = base.date()
    started = time.perf_counter()
    for n in range(backlog):
        nip, at = f"{199001012020120000 + n + int(base.timestamp()) % 10**6}", base + timedelta(seconds=n)
        attendance.upsert_sync(nip, day, clock_time(7, 30), clock_time(16), ("SKPD-B", "SATKER-B"))
        content = ReportContent(day, clock_time(8), clock_time(9), f"Kegiatan {n}", "Uraian kegiatan", "Hasil")
        report = Report(
            _id_in(SHARD, PENDING_SHARDS), nip, "SKPD-B", "SATKER-B", "197512102000031003", content,
            ReportStatus.SUBMITTED, at, history=(HistoryEntry(at, nip, "CREATED", {}),),
        )  # fmt: skip
        reports.create(report, attendance.get(nip, day))
    filled = time.perf_counter() - started
    now = base + timedelta(seconds=backlog) + AUTO_APPROVE_AFTER
    queue = InMemoryQueue()
    sweep = AutoApprovalSweep(reports, DynamoJobState(), queue, clock=lambda: now)
    sweep.dispatch()
    message = next(m for m in queue.take() if m["shard"] == SHARD)
    calls: Counter[str] = Counter()
    real = botocore.client.BaseClient._make_api_call

    def counting(self, operation_name, params):  # type: ignore[no-untyped-def]
        if self.meta.service_model.service_name == "dynamodb":
            calls[operation_name] += 1
        return real(self, operation_name, params)

    botocore.client.BaseClient._make_api_call = counting
    try:
        started = time.perf_counter()
        result = sweep.page(message, lambda *a, **k: None)
        took = time.perf_counter() - started
    finally:
        botocore.client.BaseClient._make_api_call = real
    requests = ", ".join(f"{n} {op}" for op, n in sorted(calls.items()))
    print(
        f"  backlog {backlog:>5,} in the shard (filled in {filled:.0f} s): one page approved {result['approved']} "
        f"in {took:.2f} s ({took / max(result['approved'], 1) * 1000:.1f} ms a report; {requests}); "
        f"next page queued: {bool(queue.take())}"
    )


def _id_in(shard: int, shards: int) -> str:
    while True:
        candidate = uuid.uuid4().hex
        if zlib.crc32(candidate.encode()) % shards == shard:
            return candidate


if __name__ == "__main__":
    main()
