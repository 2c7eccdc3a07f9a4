"""Exports at scale: a satker of 500 employees with a month of reports (~11,000) in DynamoDB Local.

Prints time and peak memory (tracemalloc, a separate run) of the Excel recap, the PDF recap (summary
plus every report), and one employee's monthly PDF — each built the way the export worker does it,
reads from DynamoDB Local included — then the monthly discipline recap (issue 20) of the same satker:
its bulk read of the month alone, and its Excel and PDF.

`python -m benchmarks.exports discipline` runs the discipline recap's part only (the same fill);
`python -m benchmarks.exports recaps` the recap files only, without the discipline recap and the memory runs.

Every file is written the way the worker writes it: streamed into S3 (moto's server) as a multipart upload
(`integrations/upload_stream.py`). Then memory against size (issue 21): the satker recap of 11,000 and of
110,000 reports (500 and 5,000 staff), Excel and PDF, each built in a child process of its own so its
peak resident memory (VmHWM) is its own. Those reports are made up as they are read (no DynamoDB:
filling DynamoDB Local with 110,000 reports would take minutes); building the file and uploading it to
moto's S3 are the real code. `python -m benchmarks.exports memory` runs that part only. The run fails
when the 110,000-row recap needs more than 1 GB or more than 1.5× the memory of the 11,000-row one.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
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
#: (staff, reports) of the memory runs: a satker of 500 for a month, and ten times that
SIZES = ((500, 11_000), (5_000, 110_000))
LAMBDA_MB = 1024
OWNER = "197001011995031002"  # the HR officer who asks for the memory runs' recaps
FLAT = 1.5  # the larger recap's peak may be at most this many times the smaller one's


def main(only: str | None = None) -> None:
    sys.path.insert(0, str(ROOT))
    from devtools.ephemeral import ephemeral_stack

    with ephemeral_stack("bench"):
        from chalicelib.services import container

        if only == "memory":
            _memory()
            return
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
                size = _build(service, nip, request)
                runs.append((time.perf_counter() - started, timer.seconds))
            total, render_s = sorted(runs)[RUNS // 2]
            tracemalloc.start()
            _build(service, nip, request)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            spread = f"{min(r[0] for r in runs):.2f}-{max(r[0] for r in runs):.2f}s"
            print(
                f"  {name:28s} {total:6.2f}s {spread:>13s} {render_s:6.2f}s {total - render_s:6.2f}s"
                f"   {peak / 2**20:5.1f} MB {size / 2**20:4.1f} MB"
            )
        if jobs:
            print("  render: building the file; for the recaps, reads still arriving meanwhile are counted here")
            print("  total: reads, building the file and its upload to S3 (moto) as a multipart upload")
        if only == "recaps":  # the recap files only, for a quick figure
            return
        _discipline(service, owner)
        if only != "discipline":
            _memory()


def _build(service, nip: str, request: dict[str, str]) -> int:
    """Build the job's file as the worker does, streamed into S3; its size."""
    from chalicelib.services.exports import ExportOutput

    output = ExportOutput(service._store, f"exports/bench-{random.getrandbits(64):x}")
    try:
        service._build(nip, request, output)
        output.complete()
    except BaseException:
        output.abort()
        raise
    return output.size


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
        "discipline Excel": lambda: _build(service, owner, {**request, "format": "xlsx"}),
        "discipline PDF": lambda: _build(service, owner, {**request, "format": "pdf"}),
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
        size = f"{made / 2**20:4.2f} MB" if isinstance(made, int) else f"{len(made)} rows"
        spread = f"{min(runs):.2f}-{max(runs):.2f}s"
        print(f"  {name:28s} {sorted(runs)[RUNS // 2]:6.2f}s {spread:>13s}   {peak / 2**20:5.1f} MB {size}")


class _RenderTimer:
    """Times the file-building step (render.*, recap_pdf.*) apart from the DynamoDB reads."""

    def __init__(self) -> None:
        from chalicelib.documents import recap_pdf, render

        self.seconds = 0.0
        for name in ("write_recap_workbook", "employee_workbook", "employee_document", "pdf_bytes"):
            setattr(render, name, self._timed(getattr(render, name)))
        recap_pdf.write_recap_pdf = self._timed(recap_pdf.write_recap_pdf)

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


def _memory() -> None:
    """Each size and format in a child process (the stack's environment inherited); fail past the limits."""
    print(f"  memory against size (satker recap, made-up reads, file streamed to S3; limit {LAMBDA_MB} MB,")
    print(f"  the larger at most {FLAT}x the smaller): peak RSS (VmHWM) of a child process, before the build and after")
    print(f"  {'recap':28s} {'time':>7s} {'RSS before':>11s} {'RSS peak':>9s}   file")
    _memory_satker()
    peaks: dict[str, list[float]] = {}
    for fmt in ("xlsx", "pdf"):
        for staff, reports in SIZES:
            child = subprocess.run(
                [sys.executable, "-m", "benchmarks.exports", "memory-case", fmt, str(staff)],
                cwd=ROOT,
                env=os.environ,
                capture_output=True,
                text=True,
                check=False,
            )
            if child.returncode:
                raise SystemExit(f"the {fmt} recap of {reports:,} reports failed:\n{child.stderr}")
            found = json.loads(child.stdout.strip().splitlines()[-1])
            peaks.setdefault(fmt, []).append(found["peak_mb"])
            print(
                f"  {fmt.upper() + f' {reports:,} reports':28s} {found['seconds']:6.1f}s {found['before_mb']:8.0f} MB"
                f" {found['peak_mb']:6.0f} MB   {found['name']} {found['size_mb']:.1f} MB"
            )
    failed = [
        f"{fmt}: {small:.0f} MB → {large:.0f} MB"
        for fmt, (small, large) in peaks.items()
        if large > LAMBDA_MB or large > FLAT * small
    ]
    if failed:
        raise SystemExit(f"memory not flat: {'; '.join(failed)}")


def _memory_case(fmt: str, staff: int) -> None:
    """One recap of ``staff`` employees × 22 working days, reads made up, the file streamed to S3; JSON out."""
    sys.path.insert(0, str(ROOT))
    from chalicelib.services import container
    from chalicelib.services.exports import ExportOutput

    container.accounts()  # binds the PynamoDB models to the stack the environment names
    service = container.exports()
    service._reads = _MadeUpMonth(staff)
    request = {"kind": "recap", "format": fmt, "status": "ALL", "period": "month", "month": MONTH}
    request |= {"scope": "satker", "skpd_id": "MEM", "satker_id": "RS-1"}
    before = _peak_rss_mb()
    started = time.perf_counter()
    output = ExportOutput(service._store, f"exports/memory-{fmt}-{staff}")
    name = service._build(OWNER, request, output)
    output.complete()
    seconds = time.perf_counter() - started
    peak = _peak_rss_mb()
    found = {"seconds": seconds, "before_mb": before, "peak_mb": peak}
    print(json.dumps({**found, "name": name.rsplit(".", 1)[-1], "size_mb": output.size / 2**20}))


def _peak_rss_mb() -> float:
    """The process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from the parent across exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _memory_satker() -> None:
    """The SKPD, satker and HR officer of the memory runs (the children read them)."""
    from chalicelib.domain.accounts import Employee, Role
    from chalicelib.domain.identity import TimeZone
    from chalicelib.domain.organisation import Satker, Skpd
    from chalicelib.store.employees import DynamoEmployeeRepository
    from chalicelib.store.organisation import DynamoOrgRepository

    org = DynamoOrgRepository()
    if org.get_skpd("MEM") is None:
        org.save_skpd(Skpd("MEM", "Dinas Kesehatan Kota Contoh", TimeZone.WIB, city="Kota Contoh"))
        org.save_satker(Satker("MEM", "RS-1", "RSUD Kota Contoh", TimeZone.WIB))
    repo = DynamoEmployeeRepository()
    if repo.get(OWNER) is None:
        repo.add(
            Employee(
                OWNER,
                "Kepala Bagian Kepegawaian",
                "Kepala Bagian",
                "MEM",
                "RS-1",
                "6281100000001",
                TimeZone.WIB,
                granted_roles=frozenset({Role.KEPEGAWAIAN}),
                password_hash="x",
                must_change_password=False,
            )
        )


class _MadeUpMonth:
    """`ExportSource` of one satker whose month is made up day by day as it is read: one report per employee and
    working day, texts like the DynamoDB fill's; nothing of a day is kept once it is handed over."""

    def __init__(self, staff: int) -> None:
        from chalicelib.domain.accounts import Employee
        from chalicelib.domain.identity import TimeZone

        self._staff = [
            Employee(f"1980{n:06d}20051{n % 10}", f"Pegawai {n:05d}", "Perawat Ahli Pertama", "MEM", "RS-1", "62811",
                     TimeZone.WIB)
            for n in range(staff)
        ]  # fmt: skip

    def staff(self, skpd_id, satker_id):
        return list(self._staff)

    def report_days_of_satker(self, skpd_id, satker_id, first, last):
        from chalicelib.domain.exports import PeriodKind, ReportLine, period_of, working_days
        from chalicelib.domain.reports import ReportStatus

        rng = random.Random(5)
        words = ["menyusun", "rencana", "pelayanan", "pasien", "rawat", "inap", "evaluasi", "hasil", "rapat"]
        words += ["administrasi", "“rujukan”", "café"]
        statuses = [ReportStatus.APPROVED, ReportStatus.APPROVED, ReportStatus.SUBMITTED, ReportStatus.REJECTED]
        for day in working_days(period_of(PeriodKind.RANGE, first=first, last=last), {}):
            yield [
                ReportLine(
                    f"{e.nip}{day:%Y%m%d}",
                    e.nip,
                    day,
                    clock(8, 0),
                    clock(10, 0),
                    " ".join(rng.choices(words, k=5)).capitalize(),
                    " ".join(rng.choices(words, k=rng.randint(12, 45))),
                    "Dokumen " + rng.choice(words),
                    status := rng.choice(statuses),
                    rng.randint(3, 5) if status is ReportStatus.APPROVED else None,
                )
                for e in self._staff
            ]

    def attended_in_satker(self, skpd_id, satker_id, first, last):
        return {}


if __name__ == "__main__":
    if sys.argv[1:2] == ["memory-case"]:
        _memory_case(sys.argv[2], int(sys.argv[3]))
    else:
        main(sys.argv[1] if len(sys.argv) > 1 else None)
