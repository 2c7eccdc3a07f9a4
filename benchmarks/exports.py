"""Exports at scale: a satker of 500 employees with a month of reports (~11,000) in DynamoDB Local.

Prints time and peak memory (tracemalloc, a separate run) of the Excel recap, the PDF recap (summary
plus every report), and one employee's monthly PDF — each built the way the export worker does it,
reads from DynamoDB Local included — then the monthly discipline recap (issue 20) of the same satker:
its bulk read of the month alone, and its Excel and PDF.

`python -m benchmarks.exports discipline` runs the discipline recap's part only (the same fill).
"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EMPLOYEES = 500
MONTH = "2026-10"  # 22 working days
RUNS = 3


def main(only: str | None = None) -> None:
    sys.path.insert(0, str(ROOT))
    from devtools.ephemeral import ephemeral_stack

    with ephemeral_stack("bench"):
        from chalicelib.services import container

        started = time.perf_counter()
        owner, first_nip, count = _fill()
        print(f"exports ({EMPLOYEES} employees, {count:,} reports in {MONTH})")
        print(f"  filled DynamoDB Local in {time.perf_counter() - started:.0f} s")
        service = container.exports()
        period = {"period": "month", "month": MONTH, "status": "ALL"}
        recap = {"kind": "recap", "scope": "satker", "skpd_id": "BENCH", "satker_id": "S-1", **period}
        jobs = {
            "Excel recap (2 sheets)": (owner, {**recap, "format": "xlsx"}),
            "PDF recap (+ all reports)": (owner, {**recap, "format": "pdf"}),
            "one employee's month PDF": (first_nip, {"kind": "reports", "format": "pdf", **period}),
        }
        if only == "discipline":
            jobs = {}
        timer = _RenderTimer()
        if jobs:
            print(f"  runs of each: {RUNS} (median, with the range), then one more under tracemalloc for the peak")
            print(f"  {'file':28s} {'total':>7s} {'range':>13s} {'render':>7s} {'reads':>7s}   peak     size")
        for name, (nip, request) in jobs.items():
            runs = []
            for _ in range(RUNS):
                timer.seconds = 0.0
                started = time.perf_counter()
                data, _ = service._build(nip, request)
                runs.append((time.perf_counter() - started, timer.seconds))
            total, render_s = sorted(runs)[RUNS // 2]
            tracemalloc.start()
            service._build(nip, request)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            spread = f"{min(r[0] for r in runs):.2f}-{max(r[0] for r in runs):.2f}s"
            print(
                f"  {name:28s} {total:6.2f}s {spread:>13s} {render_s:6.2f}s {total - render_s:6.2f}s"
                f"   {peak / 2**20:5.1f} MB {len(data) / 2**20:4.1f} MB"
            )
        if jobs:
            print("  render: building the file; for the recaps, reads still arriving meanwhile are counted here")
        _discipline(service, owner)


def _discipline(service, owner: str) -> None:
    """The monthly discipline recap of the satker: the reader alone, then each file as the worker builds it."""
    from chalicelib.domain.discipline import parse_month
    from chalicelib.services import container

    print(f"  discipline recap ({EMPLOYEES} employees, {MONTH}; runs of each: {RUNS}, median and range; peak:")
    print("  tracemalloc's peak of one more run, Python allocations only)")
    request = {"kind": "discipline", "period": "month", "month": MONTH, "scope": "satker"}
    request |= {"skpd_id": "BENCH", "satker_id": "S-1"}
    jobs = {
        "bulk read of the month": lambda: container.discipline_month().rows("BENCH", "S-1", parse_month(MONTH)),
        "discipline Excel": lambda: service._build(owner, {**request, "format": "xlsx"})[0],
        "discipline PDF": lambda: service._build(owner, {**request, "format": "pdf"})[0],
    }
    print(f"  {'what':28s} {'total':>7s} {'range':>13s}   peak     size")
    for name, job in jobs.items():
        runs = []
        for _ in range(RUNS):
            started = time.perf_counter()
            made = job()
            runs.append(time.perf_counter() - started)
        tracemalloc.start()
        job()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        size = f"{len(made) / 2**20:4.2f} MB" if isinstance(made, bytes) else f"{len(made)} rows"
        spread = f"{min(runs):.2f}-{max(runs):.2f}s"
        print(f"  {name:28s} {sorted(runs)[RUNS // 2]:6.2f}s {spread:>13s}   {peak / 2**20:5.1f} MB {size}")


class _RenderTimer:
    """Times the file-building step (render.*) apart from the DynamoDB reads."""

    def __init__(self) -> None:
        from chalicelib.documents import render

        self.seconds = 0.0
        for name in ("recap_workbook", "employee_workbook", "recap_document", "employee_document", "pdf_bytes"):
            setattr(render, name, self._timed(getattr(render, name)))

    def _timed(self, function):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started

        return timed


def _fill() -> tuple[str, str, int]:
    """500 employees of one satker, attendance on every working day, ~1 report per working day each."""
    from chalicelib.domain.accounts import Employee, Role
    from chalicelib.domain.exports import PeriodKind, period_of, working_days
    from chalicelib.domain.identity import TimeZone
    from chalicelib.domain.organisation import Satker, Skpd
    from chalicelib.domain.reports import HistoryEntry, Report, ReportContent, ReportStatus
    from chalicelib.store.employees import DynamoEmployeeRepository
    from chalicelib.store.models import AttendanceItem, EmployeeItem, ReportItem
    from chalicelib.store.organisation import DynamoOrgRepository
    from chalicelib.store.reports import to_item

    org = DynamoOrgRepository()
    org.save_skpd(Skpd("BENCH", "Dinas Pendidikan Kota Contoh", TimeZone.WIB, city="Kota Contoh"))
    org.save_satker(Satker("BENCH", "S-1", "SMP Negeri 1 Kota Contoh", TimeZone.WIB))
    rng = random.Random(5)
    words = [
        "menyusun",
        "rencana",
        "pembelajaran",
        "mengajar",
        "kelas",
        "evaluasi",
        "hasil",
        "belajar",
        "siswa",
        "rapat",
        "guru",
        "administrasi",
        "kurikulum",
        "bimbingan",
        "konseling",
        "“projek”",
        "café",
        "naïve",
    ]
    repo = DynamoEmployeeRepository()
    owner = "197001011995031001"
    repo.add(
        Employee(
            owner,
            "Kepala Sekolah",
            "Kepala Sekolah",
            "BENCH",
            "S-1",
            "6281100000000",
            TimeZone.WIB,
            granted_roles=frozenset({Role.KEPEGAWAIAN}),
            password_hash="x",
            must_change_password=False,
        )
    )
    month = period_of(PeriodKind.MONTH, month=date.fromisoformat(f"{MONTH}-01"))
    employees, reports, days = [], [], working_days(month, {})
    statuses: dict[tuple[str, date], ReportStatus] = {}  # the day's tally on its attendance item
    for n in range(EMPLOYEES):
        nip = f"1980{n // 28 + 1:02d}{n % 28 + 1:02d}20050110{n % 9 + 1:02d}"[:18]
        nip = f"{nip[:14]}1{n % 999 + 1:03d}"
        employees.append(
            EmployeeItem(
                nip=nip,
                name=f"Guru {n:03d}",
                jabatan="Guru Ahli Pertama",
                skpd_id="BENCH",
                satker_id="S-1",
                satker_nip=f"SATKER#S-1#{nip}",
                supervisor_nip=owner,
                whatsapp=f"62811{n:08d}",
                timezone="WIB",
                password_hash="x",
                must_change_password=False,
                token_version=0,
                created_at=datetime.now(UTC),
                updated_at=datetime.now(UTC),
                version=1,
            )
        )
        for day in days:
            content = ReportContent(
                day,
                clock(8, 0),
                clock(10, 0),
                " ".join(rng.choices(words, k=5)).capitalize(),
                " ".join(rng.choices(words, k=rng.randint(12, 45))),
                "Dokumen " + rng.choice(words),
            )
            status = rng.choice(
                [ReportStatus.APPROVED, ReportStatus.APPROVED, ReportStatus.SUBMITTED, ReportStatus.REJECTED]
            )
            statuses[(nip, day)] = status
            reports.append(
                to_item(
                    Report(
                        f"{nip}{day:%Y%m%d}",
                        nip,
                        "BENCH",
                        "S-1",
                        owner,
                        content,
                        status,
                        datetime.combine(day, clock(10, 0), tzinfo=UTC),
                        rating=rng.randint(3, 5) if status is ReportStatus.APPROVED else None,
                        history=(HistoryEntry(datetime.now(UTC), nip, "CREATED"),),
                        version=1,
                    )
                )
            )
    # mostly on time; some late (TL1-TL4) or early (PSW1-PSW2), so the discipline recap classes every band
    arrivals, departures = ["07:30"] * 14 + ["07:41", "08:05", "08:52", "09:20"], ["16:00"] * 16 + ["15:40", "15:05"]
    attendance = [
        AttendanceItem(
            nip=e.nip,
            day=d.isoformat(),
            sync_in=rng.choice(arrivals),
            sync_out="16:30" if d.weekday() == 4 else rng.choice(departures),
            satker_key="BENCH#S-1",
            satker_sort=f"{d.isoformat()}#{e.nip}",
            **{f"count_{statuses[(e.nip, d)].value.lower()}": 1},
        )
        for e in employees
        for d in days
    ]
    for model, items in ((EmployeeItem, employees), (ReportItem, reports), (AttendanceItem, attendance)):
        chunks = [items[i : i + 500] for i in range(0, len(items), 500)]

        def write(chunk, model=model):
            with model.batch_write() as batch:
                for item in chunk:
                    batch.save(item)

        with ThreadPoolExecutor(max_workers=4) as pool:
            list(pool.map(write, chunks))
    return owner, employees[0].nip, len(reports)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
