"""Recaps in bounded memory (issue 21): the tally keeps counts, not lines; a PDF recap too large to hold is an archive
of PDF parts plus the summary; the workbook is written into a stream."""

from __future__ import annotations

import io
import random
import zipfile
from datetime import date, time

from openpyxl import load_workbook
from pypdf import PdfReader

from chalicelib.documents import recap_pdf, render
from chalicelib.domain.accounts import Employee
from chalicelib.domain.exports import PeriodKind, RecapTally, ReportLine, period_of, recap_row, working_days
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.reports import ReportStatus

NOVEMBER = period_of(PeriodKind.MONTH, month=date(2026, 11, 1))
DAYS = working_days(NOVEMBER, {})
NIPS = [f"19900115201503200{n}" for n in range(1, 4)]
BOSS = Employee("197512102000031003", "dr. Andi", "Kepala", "DINKES", "PKM", "6281234567891", TimeZone.WIB)


def _lines(seed: int = 3) -> list[ReportLine]:
    rng = random.Random(seed)
    statuses = list(ReportStatus)
    return [
        ReportLine(
            f"r{nip}{day}{n}",
            nip,
            day,
            time(8 + n, 0),
            time(9 + n, 0),
            f"Kegiatan {n}",
            "Uraian kegiatan harian",
            "Hasil",
            rng.choice(statuses),
            rng.choice([None, 3, 4, 5]),
            ("judul-pendek",) if rng.random() < 0.3 else (),
        )
        for day in DAYS
        for nip in NIPS
        for n in range(rng.randint(0, 2))
    ]


def test_the_tally_counts_what_recap_row_counts_without_keeping_the_lines():
    lines = _lines()
    staff = [(nip, f"Pegawai {nip[-1]}", "Perawat") for nip in [*NIPS, "199901012020012001"]]
    attended = {NIPS[0]: set(DAYS[:10]), NIPS[1]: set(DAYS)}
    leave = {NIPS[2]: {DAYS[3], DAYS[4]}}
    for status in (None, ReportStatus.APPROVED):
        tally = RecapTally(DAYS, status)
        taken = list(tally.take([lines[:40], lines[40:]]))
        expected = [
            recap_row(nip, name, jabatan, DAYS, attended.get(nip, set()), [r for r in taken if r.nip == nip],
                      leave.get(nip, frozenset()))
            for nip, name, jabatan in staff
        ]  # fmt: skip
        assert tally.rows(staff, attended, leave) == expected
        assert not any(isinstance(kept, list) for kept in tally._by_nip.values())  # counts per employee only


def _write(limit: int, lines: list[ReportLine]) -> tuple[str, dict[str, bytes]]:
    files: dict[str, io.BytesIO] = {}

    def open_file(name: str) -> io.BytesIO:
        files[name] = io.BytesIO()
        return files[name]

    tally = RecapTally(DAYS, None)
    name = recap_pdf.write_recap_pdf(
        open_file,
        "rekap-satker-20261101-20261130.pdf",
        instansi="Dinas Kesehatan",
        unit="Puskesmas Contoh",
        period=NOVEMBER,
        reports=tally.take([lines]),
        summary=lambda: tally.rows([(nip, f"Pegawai {nip[-1]}", "Perawat") for nip in NIPS], {}),
        names={nip: f"Pegawai {nip[-1]}" for nip in NIPS},
        signer=BOSS,
        place="Kota Contoh",
        today=date(2026, 12, 1),
        limit=limit,
    )
    return name, {n: f.getvalue() for n, f in files.items()}


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_a_recap_within_the_limit_is_one_pdf_as_before():
    lines = _lines()
    name, files = _write(len(lines) + 1, lines)
    assert name.endswith(".pdf") and list(files) == [name] and files[name].startswith(b"%PDF")
    text = _text(files[name])
    assert "REKAPITULASI LAPORAN KEGIATAN HARIAN" in text and "Rincian laporan kegiatan" in text
    assert f"Halaman 1/{len(PdfReader(io.BytesIO(files[name])).pages)}" in text


def test_a_recap_over_the_limit_is_an_archive_of_parts_numbered_on_and_the_summary():
    lines = [r for r in _lines() if r.status is not ReportStatus.WITHDRAWN]
    name, files = _write(25, lines)
    assert name == "rekap-satker-20261101-20261130.zip" and list(files) == [name]
    with zipfile.ZipFile(io.BytesIO(files[name])) as archive:
        names = archive.namelist()
        parts = [n for n in names if n.startswith("2-rincian-")]
        assert names[-1] == "1-rekap.pdf" and parts == [f"2-rincian-{n:03d}.pdf" for n in range(1, len(parts) + 1)]
        assert len(parts) == -(-len(lines) // 25)
        first, last = _text(archive.read(parts[0])), _text(archive.read(parts[-1]))
        summary = _text(archive.read("1-rekap.pdf"))
    assert "RINCIAN LAPORAN KEGIATAN HARIAN" in first and "1 sampai 25" in first
    assert f"{25 * (len(parts) - 1) + 1} sampai {len(lines)}" in last
    assert "Rincian laporan kegiatan" not in summary
    assert "Yang membuat rekap" in summary and "dr. Andi" in summary and f": {len(lines)}" in summary


def test_the_workbook_is_written_into_a_stream():
    lines = _lines()
    out = io.BytesIO()
    tally = RecapTally(DAYS, None)
    render.write_recap_workbook(
        out, tally.take([lines]), lambda: tally.rows([(n, "P", "J") for n in NIPS], {}), {n: "P" for n in NIPS}
    )
    book = load_workbook(out)
    assert book["Laporan"].max_row == 1 + len([r for r in lines if r.status is not ReportStatus.WITHDRAWN])
    assert [c.value for c in book["Rekap"]["B"]][1:] == NIPS


def test_exactly_the_limit_is_one_pdf_and_one_row_more_is_an_archive():
    """docs/exports.md: an archive only for "more than 12,000" reports (here the limit is the count itself)."""
    lines = [r for r in _lines() if r.status is not ReportStatus.WITHDRAWN]
    name, files = _write(len(lines), lines)
    assert name == "rekap-satker-20261101-20261130.pdf" and list(files) == [name]
    assert files[name].startswith(b"%PDF")
    name, files = _write(len(lines) - 1, lines)
    assert name == "rekap-satker-20261101-20261130.zip"
    with zipfile.ZipFile(io.BytesIO(files[name])) as archive:
        assert archive.namelist() == ["2-rincian-001.pdf", "2-rincian-002.pdf", "1-rekap.pdf"]
        assert f"{len(lines)} sampai {len(lines)}" in _text(archive.read("2-rincian-002.pdf"))


class _NoSeek(io.RawIOBase):
    """A write-only stream without ``tell``/``seek``, as `MultipartUpload` is: zipfile writes data descriptors."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:  # type: ignore[override]
        self.data += b
        return len(b)


def test_the_archive_written_as_a_stream_is_deflated_and_opens_in_zipfile():
    lines = [r for r in _lines() if r.status is not ReportStatus.WITHDRAWN]
    stream = _NoSeek()
    tally = RecapTally(DAYS, None)
    name = recap_pdf.write_recap_pdf(
        lambda _: stream,
        "rekap-satker-20261101-20261130.pdf",
        instansi="Dinas Kesehatan",
        unit="Puskesmas Contoh",
        period=NOVEMBER,
        reports=tally.take([lines]),
        summary=lambda: tally.rows([(nip, f"Pegawai {nip[-1]}", "Perawat") for nip in NIPS], {}),
        names={nip: f"Pegawai {nip[-1]}" for nip in NIPS},
        signer=BOSS,
        place="Kota Contoh",
        today=date(2026, 12, 1),
        limit=25,
    )
    assert name.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(bytes(stream.data))) as archive:
        infos = archive.infolist()
        assert archive.testzip() is None and len(infos) >= 3
        # deflated (some unzippers refuse an entry both stored and with a data descriptor, flag bit 3)
        assert {(i.compress_type, bool(i.flag_bits & 0x08)) for i in infos} == {(zipfile.ZIP_DEFLATED, True)}
        assert all(archive.read(i).startswith(b"%PDF") for i in infos)
    # `unzip -t` on the archive as S3 serves it: tests/integration/test_export_streaming.py


def test_the_table_measure_remembers_a_bounded_number_of_wrapped_texts_dropping_the_oldest(monkeypatch):
    from chalicelib.documents import pdf

    monkeypatch.setattr(pdf, "WRAPPED_CACHE", 3)
    measure = pdf._Measure(pdf._table_measure().font, pdf._table_measure().fallback)
    first = measure.wrapped("Pegawai 1", 30)
    assert measure.wrapped("Pegawai 1", 30) is first  # remembered (shared, never changed)
    for n in range(2, 6):
        measure.wrapped(f"Pegawai {n}", 30)
    info = measure._wrapped.cache_info()
    assert info.currsize == info.maxsize == 3  # bounded: the oldest dropped, the newest kept
    assert measure.wrapped("Pegawai 5", 30) is measure.wrapped("Pegawai 5", 30)
    assert measure.wrapped("Pegawai 1", 30) is not first and measure.wrapped("Pegawai 1", 30) == first
