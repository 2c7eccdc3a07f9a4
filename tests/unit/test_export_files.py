"""Export periods and rows (pure), and the PDF/Excel files they become, opened and read back."""

from __future__ import annotations

import io
from datetime import date, time

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from chalicelib.domain.errors import ValidationError
from chalicelib.domain.exports import ReportLine, parse_period, recap_row, report_rows, totals, working_days
from chalicelib.domain.reports import ReportStatus
from chalicelib.exports import pdf
from chalicelib.exports.document import Column, Document
from chalicelib.exports.excel import DATE_FORMAT, TIME_FORMAT, workbook_bytes


def report(
    n: int, day: date, status: ReportStatus, rating=None, start=time(8, 0), end=time(9, 30), text="Uraian"
) -> ReportLine:
    return ReportLine(f"r{n}", "199001152015032001", day, start, end, f"Kegiatan {n}", text, "Hasil", status, rating)


def test_periods():
    assert parse_period("day", {"date": "2026-11-23"}).label == "23 November 2026"
    week = parse_period("week", {"date": "2026-11-26"})
    assert (week.first, week.last) == (date(2026, 11, 23), date(2026, 11, 29))
    month = parse_period("month", {"month": "2026-02"})
    assert (month.first, month.last, month.label) == (date(2026, 2, 1), date(2026, 2, 28), "Februari 2026")
    assert (
        parse_period("range", {"from": "2026-11-01", "to": "2026-11-10"}).label == "1 November 2026 – 10 November 2026"
    )
    for kind, params in (
        ("year", {}),
        ("month", {"month": "2026-13"}),
        ("range", {"from": "2026-11-10", "to": "2026-11-01"}),
    ):
        with pytest.raises(ValidationError):
            parse_period(kind, params)


def test_rows_totals_and_recap():
    reports = [
        report(2, date(2026, 11, 3), ReportStatus.APPROVED, 4),
        report(1, date(2026, 11, 2), ReportStatus.REJECTED),
        report(3, date(2026, 11, 3), ReportStatus.APPROVED, 5, time(10, 0), time(11, 0)),
        report(4, date(2026, 11, 4), ReportStatus.WITHDRAWN),
    ]
    rows = report_rows(reports, None)
    assert [r.title for r in rows] == ["Kegiatan 1", "Kegiatan 2", "Kegiatan 3"] and rows[0].status_label == "Ditolak"
    assert [r.title for r in report_rows(reports, ReportStatus.APPROVED)] == ["Kegiatan 2", "Kegiatan 3"]
    assert totals(rows) == {
        "reports": 3,
        "days": 2,
        "hours": 4.0,
        "by_status": {"SUBMITTED": 0, "APPROVED": 2, "REJECTED": 1},
        "average_rating": 4.5,
    }
    november = parse_period("month", {"month": "2026-11"})
    workdays = working_days(november, {})
    assert len(workdays) == 21  # November 2026: 21 weekdays, no national holiday
    line = recap_row(
        "1", "Dewi", "Perawat", workdays, {date(2026, 11, 2), date(2026, 11, 3), date(2026, 11, 7)}, reports
    )
    assert (line.working_days, line.days_attended, line.days_reported) == (21, 2, 2)
    assert (line.submitted, line.approved, line.rejected, line.average_rating) == (0, 2, 1, 4.5)


def _document(rows: list[list[str]]) -> Document:
    columns = [
        Column("No", 9, align="R"),
        Column("Tanggal", 20),
        Column("Judul", 60, wrap=True),
        Column("Uraian", 120, wrap=True),
        Column("Status", 25),
    ]
    return Document(
        instansi="Dinas Kesehatan Kota Contoh",
        satker="Puskesmas Kota",
        title="LAPORAN KEGIATAN HARIAN",
        period_label="November 2026",
        identity=[("Nama", "Dewi Lestari"), ("NIP", "199001152015032001")],
        columns=columns,
        rows=rows,
        totals=[("Jumlah laporan", str(len(rows)))],
        signer_name="dr. Andi Wijaya",
        signer_nip="197512102000031003",
        place="Jakarta",
        printed_on=date(2026, 11, 30),
    )


def test_pdf_holds_rows_period_signature_and_survives_any_unicode():
    tricky = "Café “kutipan” naïve — ₹ 🙂 " + "x" * 300
    rows = [
        [str(n), "02/11/2026", f"Kegiatan nomor {n}", tricky if n == 7 else "Uraian biasa " * 30, "Disetujui"]
        for n in range(1, 120)
    ]
    reader = PdfReader(io.BytesIO(pdf.render(_document(rows))))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) > 3
    assert "DINAS KESEHATAN KOTA CONTOH" in text and "Periode: November 2026" in text
    assert "Kegiatan nomor 1" in text and "Kegiatan nomor 119" in text
    assert "Café “kutipan” naïve" in text
    assert (
        "Mengetahui," in text
        and "Atasan Langsung" in text
        and "dr. Andi Wijaya" in text
        and "NIP 197512102000031003" in text
    )
    assert "Jakarta, 30 November 2026" in text
    assert all("No" in page.extract_text() and "Uraian" in page.extract_text() for page in reader.pages[:-1])


def test_empty_period_is_a_clear_document():
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.render(_document([])))).pages)
    assert "Tidak ada laporan pada periode ini." in text and "Atasan Langsung" in text


def test_excel_has_real_types_filter_and_frozen_header():
    columns = [
        ("No", 6, None),
        ("Tanggal", 12, DATE_FORMAT),
        ("Mulai", 8, TIME_FORMAT),
        ("Judul", 40, None),
        ("Nilai", 7, None),
    ]
    rows = [
        [1, date(2026, 11, 2), time(8, 0), "Rapat <evaluasi> & “tindak lanjut”", 5],
        [2, date(2026, 11, 3), time(13, 30), "Pelayanan\x07 pasien\nshift pagi", None],
    ]
    book = load_workbook(io.BytesIO(workbook_bytes([("Laporan", columns, rows), ("Kosong", columns, [])])))
    sheet = book["Laporan"]
    assert [c.value for c in sheet[1]] == ["No", "Tanggal", "Mulai", "Judul", "Nilai"] and sheet["A1"].font.b
    assert sheet["A1"].fill.fgColor.rgb == "FFE1E6F0"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:E3"
    assert sheet["B2"].value.date() == date(2026, 11, 2) and sheet["B2"].number_format == DATE_FORMAT
    assert sheet["C3"].value == time(13, 30) and sheet["C3"].number_format == TIME_FORMAT
    assert sheet["A3"].value == 2 and isinstance(sheet["E2"].value, int) and sheet["E3"].value is None
    assert sheet["D2"].value == "Rapat <evaluasi> & “tindak lanjut”"
    assert sheet["D3"].value == "Pelayanan pasien\nshift pagi"  # a control character cannot be kept in XML
    assert sheet.column_dimensions["D"].width == 40
    assert book["Kosong"].max_row == 1 and book["Kosong"].auto_filter.ref == "A1:E1"


def test_a_summary_sheet_comes_first_but_is_written_from_the_rows_after_it():
    seen = []

    def details():
        for n in range(1, 4):
            seen.append(n)
            yield [n]

    def summary():
        return [[len(seen)]]

    book = load_workbook(
        io.BytesIO(
            workbook_bytes([("Rekap", [("Jumlah", 10, None)], summary), ("Rinci", [("No", 6, None)], details())])
        )
    )
    assert book.sheetnames == ["Rekap", "Rinci"]
    assert book["Rekap"]["A2"].value == 3 and [c.value for c in book["Rinci"]["A"]] == ["No", 1, 2, 3]
