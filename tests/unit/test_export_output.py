"""A job's file in the object store (`services/exports.py` `ExportOutput`, issue 21): what the worker leaves behind
when a recap fails halfway through being streamed, and a builder that never opened its file."""

from __future__ import annotations

import base64
import random
import uuid
from collections.abc import Iterator
from datetime import date, time

import pytest

from chalicelib.domain.accounts import Employee
from chalicelib.domain.exports import ReportLine, dates_between
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.organisation import Satker, Skpd
from chalicelib.domain.reports import ReportStatus
from chalicelib.integrations import upload_stream
from chalicelib.integrations.memory import InMemoryObjectStore, InMemoryQueue
from chalicelib.services.exports import ExportService
from chalicelib.store.memory import InMemoryRepositories
from tests.support import make_nip, make_whatsapp
from tests.unit.world import SATKER, SKPD, Clock, at

SMALL_PART = 64 * 1024


class _Recording(InMemoryObjectStore):
    """The twin, counting the parts sent and the uploads aborted."""

    def __init__(self) -> None:
        super().__init__()
        self.parts_sent = 0
        self.aborted: list[str] = []

    def upload_part(self, key: str, upload_id: str, number: int, data: bytes) -> str:
        self.parts_sent += 1
        return super().upload_part(key, upload_id, number, data)

    def abort_multipart_upload(self, key: str, upload_id: str) -> None:
        self.aborted.append(upload_id)
        super().abort_multipart_upload(key, upload_id)


class _ReadsThatFail:
    """`ExportSource` of a satker whose report reads fail after ``days`` days (DynamoDB gone mid-recap)."""

    def __init__(self, staff: list[Employee], days: int, text_bytes: int = 3000) -> None:
        self._staff, self._days, self._text_bytes = staff, days, text_bytes

    def staff(self, skpd_id: str, satker_id: str | None) -> list[Employee]:
        return list(self._staff)

    def report_days_of_satker(
        self, skpd_id: str, satker_id: str, first: date, last: date
    ) -> Iterator[list[ReportLine]]:
        rng = random.Random(5)
        for n, day in enumerate(dates_between(first, last)):
            if n == self._days:
                raise ConnectionError("DynamoDB tidak menjawab")
            yield [
                ReportLine(f"r{e.nip}{day:%Y%m%d}", e.nip, day, time(8), time(10), "Kegiatan",
                           base64.b64encode(rng.randbytes(self._text_bytes)).decode(), "Hasil",
                           ReportStatus.APPROVED, 4)
                for e in self._staff
            ]  # fmt: skip

    def attended_in_satker(self, skpd_id: str, satker_id: str, first: date, last: date) -> dict[str, set[date]]:
        return {}


class _World:
    """The twins the worker reads (the repositories alone, not the whole root)."""

    def __init__(self) -> None:
        self.clock = Clock(at("2026-11-02 03:00"))
        self.repositories = InMemoryRepositories()
        self.org = self.repositories.org

    def person(self, name: str = "Dewi") -> Employee:
        return self.repositories.employees.add(
            Employee(make_nip(), name, "Perawat", SKPD, SATKER, make_whatsapp(), TimeZone.WIB,
                     must_change_password=False)
        )  # fmt: skip


@pytest.fixture
def world(monkeypatch) -> _World:
    made = _World()
    made.org.save_skpd(Skpd(SKPD, "Dinas Kesehatan", TimeZone.WIB, city="Bandung"))
    made.org.save_satker(Satker(SKPD, SATKER, "Puskesmas Kota", TimeZone.WIB))
    # parts of 64 KiB, so a few days of reports fill several (S3 wants 5 MiB; the twin checks it on completing)
    monkeypatch.setattr(upload_stream, "MIN_PART_BYTES", SMALL_PART)
    monkeypatch.setattr(upload_stream, "PART_BYTES", SMALL_PART)
    return made


def _service(world: _World, reads: _ReadsThatFail) -> ExportService:
    """The worker's service over the twins and ``reads`` (the export reads have no in-memory twin)."""
    r = world.repositories
    return ExportService(reads, r.employees, r.org, r.holidays, r.export_jobs, _Recording(), InMemoryQueue(),
                         clock=world.clock, url_ttl=300, leave=r.leave)  # fmt: skip


def _job(service: ExportService, world: _World, owner: Employee, fmt: str) -> str:
    job_id = uuid.uuid4().hex
    request = {"kind": "recap", "format": fmt, "status": "ALL", "period": "month", "month": "2026-10",
               "scope": "satker", "skpd_id": SKPD, "satker_id": SATKER}  # fmt: skip
    service._jobs.create(job_id, owner.nip, request, world.clock())
    return job_id


@pytest.mark.parametrize(("fmt", "text_bytes"), [("xlsx", 3000), ("pdf", 30)])
def test_a_recap_whose_reads_fail_after_parts_were_sent_leaves_no_upload_and_no_object(
    world, fmt, text_bytes, monkeypatch
):
    from chalicelib.documents import recap_pdf

    monkeypatch.setattr(recap_pdf, "PDF_ROWS", 100)  # the PDF recap becomes an archive streamed part by part
    staff = [world.person(name=f"Pegawai {n}") for n in range(30)]
    service = _service(world, _ReadsThatFail(staff, days=20, text_bytes=text_bytes))
    job_id = _job(service, world, staff[0], fmt)
    store = service._store
    with pytest.raises(ConnectionError, match="DynamoDB"):
        service.run(job_id)  # the message comes back to the queue
    assert store.parts_sent >= 1 and len(store.aborted) == 1  # parts were sent, then dropped
    assert store.uploads == {} and not store.any_with_prefix(f"exports/{job_id}")
    assert service._jobs.get(job_id).status == "PENDING"


def test_a_builder_that_never_opens_the_file_fails_the_run_instead_of_finishing_without_one(world, monkeypatch):
    owner = world.person()
    service = _service(world, _ReadsThatFail([owner], days=0))
    job_id = _job(service, world, owner, "pdf")
    monkeypatch.setattr(service, "_build", lambda *args: "rekap-satker-20261001-20261031.pdf")
    with pytest.raises(RuntimeError, match="never opened"):
        service.run(job_id)
    job = service._jobs.get(job_id)
    assert job.status == "PENDING" and job.file_key is None
    assert not service._store.any_with_prefix("exports/") and service._store.uploads == {}
