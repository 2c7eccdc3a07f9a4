"""Recaps streamed into S3 (moto) as they are written (issue 21): a workbook of several parts, and a PDF recap
too large to hold delivered as an archive of PDF parts, each read back through the job's download link."""

from __future__ import annotations

import base64
import io
import random
import shutil
import subprocess
import uuid
import zipfile
from collections.abc import Iterator
from datetime import date, time
from types import SimpleNamespace

import pytest
import requests
from openpyxl import load_workbook
from pypdf import PdfReader

from chalicelib.domain.accounts import Employee
from chalicelib.domain.exports import ReportLine, dates_between
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.reports import ReportStatus

MONTH = "2026-10"
STAFF = 120


class _MadeUpReads:
    """`ExportSource` of a satker whose month is made up as it is read (no DynamoDB); ``words`` × 8 random
    characters of text a report, so the workbook does not compress to one part."""

    def __init__(self, skpd_id: str, satker_id: str, words: int) -> None:
        self.staff_list = [
            Employee(f"19850101201001{n:04d}", f"Pegawai {n:03d}", "Pranata", skpd_id, satker_id, "62811", TimeZone.WIB)
            for n in range(STAFF)
        ]
        self._words = words
        self.lines = 0

    def staff(self, skpd_id: str, satker_id: str | None) -> list[Employee]:
        return list(self.staff_list)

    def report_days_of_satker(
        self, skpd_id: str, satker_id: str, first: date, last: date
    ) -> Iterator[list[ReportLine]]:
        rng = random.Random(7)
        for day in dates_between(first, last):
            if day.weekday() >= 5:
                continue
            lines = [
                ReportLine(
                    f"r{e.nip}{day:%Y%m%d}",
                    e.nip,
                    day,
                    time(8, 0),
                    time(10, 0),
                    f"Kegiatan {e.nip[-3:]} {day:%d}",
                    base64.b64encode(rng.randbytes(self._words * 6)).decode(),
                    "Dokumen",
                    ReportStatus.APPROVED,
                    4,
                )
                for e in self.staff_list
            ]
            self.lines += len(lines)
            yield lines

    def attended_in_satker(self, skpd_id: str, satker_id: str, first: date, last: date) -> dict[str, set[date]]:
        return {}


@pytest.fixture
def recap(stack, factory, monkeypatch):
    from chalicelib.integrations import upload_stream
    from chalicelib.services import container

    monkeypatch.setattr(upload_stream, "PART_BYTES", upload_stream.MIN_PART_BYTES)
    skpd = factory.skpd()
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",))
    service = container.exports()

    def run(fmt: str, words: int, response: list | None = None) -> tuple[dict, bytes, _MadeUpReads]:
        reads = _MadeUpReads(*skpd, words)
        monkeypatch.setattr(service, "_reads", reads)  # the shared container's service: put back after the test
        job_id = uuid.uuid4().hex
        request = {"kind": "recap", "format": fmt, "status": "ALL", "period": "month", "month": MONTH}
        service._jobs.create(job_id, hr, {**request, "scope": "satker", "skpd_id": skpd[0], "satker_id": skpd[1]},
                             service._clock())  # fmt: skip
        assert service.run(job_id) == "done"
        view = service.job(SimpleNamespace(nip=hr), job_id)  # the owner's view of the job, as the API gives it
        assert view["status"] == "DONE"
        got = requests.get(view["url"], timeout=30)
        if response is not None:
            response.append(got)
        return view, got.content, reads

    return run


def test_a_workbook_of_several_parts_reads_back_whole(recap, monkeypatch):
    from chalicelib.integrations.storage import S3ObjectStore

    parts: list[int] = []
    send = S3ObjectStore.upload_part
    monkeypatch.setattr(S3ObjectStore, "upload_part", lambda self, *a: parts.append(len(a[3])) or send(self, *a))
    view, data, reads = recap("xlsx", 600)
    assert len(parts) >= 2 and parts[0] == 5 * 2**20  # streamed in parts of 5 MiB and a last one
    assert view["request"]["format"] == "xlsx" and len(data) > 5 * 2**20
    book = load_workbook(io.BytesIO(data), read_only=True)
    rows = list(book["Laporan"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == reads.lines == STAFF * 22
    assert rows[0][0] == reads.staff_list[0].nip and rows[-1][0] == reads.staff_list[-1].nip
    summary = list(book["Rekap"].iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in summary] == [e.nip for e in reads.staff_list] and {r[8] for r in summary} == {22}


def test_a_pdf_recap_over_the_limit_is_an_archive_of_parts_and_the_summary(recap, monkeypatch):
    from chalicelib.documents import recap_pdf

    monkeypatch.setattr(recap_pdf, "PDF_ROWS", 1000)
    _, data, reads = recap("pdf", 8)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert names == [*(f"2-rincian-{n:03d}.pdf" for n in (1, 2, 3)), "1-rekap.pdf"]
        last = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(archive.read(names[2]))).pages)
        summary = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(archive.read("1-rekap.pdf"))).pages)
    assert reads.lines == STAFF * 22 == 2640 and "2001 sampai 2640" in last
    assert "Jumlah laporan" in summary and "2.640" in summary and "Yang membuat rekap" in summary


def test_an_archive_is_named_and_served_as_a_zip_and_passes_unzip(recap, monkeypatch, tmp_path):
    """The job names the file (the screen says "ZIP"), and S3 serves it under that name as a ZIP."""
    from chalicelib.documents import recap_pdf

    monkeypatch.setattr(recap_pdf, "PDF_ROWS", 1000)
    got: list[requests.Response] = []
    view, data, _ = recap("pdf", 8, got)
    assert view["file_name"] == "rekap-satker-20261001-20261031.zip"
    assert got[0].headers["Content-Type"] == "application/zip"
    assert got[0].headers["Content-Disposition"] == 'attachment; filename="rekap-satker-20261001-20261031.zip"'
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
    unzip = shutil.which("unzip")
    if unzip:  # Info-ZIP, as many desktops have; it checks each entry's data descriptor and CRC
        path = tmp_path / view["file_name"]
        path.write_bytes(data)
        checked = subprocess.run([unzip, "-t", str(path)], capture_output=True, text=True, check=False)
        assert checked.returncode == 0 and "No errors detected" in checked.stdout, checked.stdout + checked.stderr


def test_a_pdf_recap_within_the_limit_is_named_and_served_as_a_pdf(recap):
    got: list[requests.Response] = []
    view, data, _ = recap("pdf", 8, got)
    assert view["file_name"] == "rekap-satker-20261001-20261031.pdf" and data.startswith(b"%PDF")
    assert got[0].headers["Content-Type"] == "application/pdf"
    assert got[0].headers["Content-Disposition"] == 'attachment; filename="rekap-satker-20261001-20261031.pdf"'
