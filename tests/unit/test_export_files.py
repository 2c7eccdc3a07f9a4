"""Export periods and rows (pure), and the PDF/Excel files they become, opened and read back."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, time

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from chalicelib.documents import pdf, render
from chalicelib.documents.document import Column, Document
from chalicelib.documents.excel import DATE_FORMAT, TIME_FORMAT, workbook_bytes
from chalicelib.domain.accounts import Employee
from chalicelib.domain.errors import ValidationError
from chalicelib.domain.exports import (
    PeriodKind,
    RecapTally,
    ReportLine,
    period_of,
    position_date,
    recap_row,
    report_rows,
    totals,
    working_days,
)
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.messages import indonesian_number
from chalicelib.domain.reports import ReportStatus
from tests.support import payload


def report(
    n: int, day: date, status: ReportStatus, rating=None, start=time(8, 0), end=time(9, 30), text="Uraian"
) -> ReportLine:
    return ReportLine(f"r{n}", "199001152015032001", day, start, end, f"Kegiatan {n}", text, "Hasil", status, rating)


def test_periods():
    assert period_of(PeriodKind.DAY, day=date(2026, 11, 23)).label == "23 November 2026"
    week = period_of(PeriodKind.WEEK, day=date(2026, 11, 26))
    assert (week.first, week.last) == (date(2026, 11, 23), date(2026, 11, 29))
    month = period_of(PeriodKind.MONTH, month=date(2026, 2, 1))
    assert (month.first, month.last, month.label) == (date(2026, 2, 1), date(2026, 2, 28), "Februari 2026")
    assert (
        period_of(PeriodKind.RANGE, first=date(2026, 11, 1), last=date(2026, 11, 10)).label
        == "1 November 2026 – 10 November 2026"
    )
    for kind, dates, code in (
        (PeriodKind.RANGE, {"first": date(2026, 11, 10), "last": date(2026, 11, 1)}, "INVALID_DATE_RANGE"),
        (PeriodKind.RANGE, {"first": date(2026, 1, 1), "last": date(2027, 1, 2)}, "INVALID_DATE_RANGE"),  # 367 days
        (PeriodKind.RANGE, {"first": date(2026, 11, 1)}, "INVALID_DATE"),
        (PeriodKind.DAY, {"month": date(2026, 11, 1)}, "INVALID_DATE"),
        (PeriodKind.MONTH, {"day": date(2026, 11, 1)}, "INVALID_MONTH"),
    ):
        with pytest.raises(ValidationError) as refused:
            period_of(kind, **dates)
        assert refused.value.code == code, (kind, dates)
    # what a single field says is refused where the request is read, with the same codes
    for params, code in (
        ({"period": "year"}, "INVALID_PERIOD"),
        ({"period": "month", "month": "2026-13"}, "INVALID_MONTH"),
        ({"period": "range", "from": "2026-11-10", "to": "2026-11-01"}, "INVALID_DATE_RANGE"),
        ({"period": "day", "status": "WITHDRAWN"}, "INVALID_STATUS"),
    ):
        with pytest.raises(ValidationError) as refused:
            payload("PreviewQuery", params)
        assert refused.value.code == code, params
    read = payload("PreviewQuery", {"period": "WEEK", "date": "2026-11-26", "status": "approved"})
    assert (read.period, read.date, read.status) == (PeriodKind.WEEK, date(2026, 11, 26), ReportStatus.APPROVED)


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
    november = period_of(PeriodKind.MONTH, month=date(2026, 11, 1))
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


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_numbers_are_printed_with_indonesian_separators():
    assert [indonesian_number(v) for v in (0.75, 4.5, 4.0, 2.333, 11000, 1234.5, 0)] == [
        "0,75",
        "4,5",
        "4",
        "2,33",
        "11.000",
        "1.234,5",
        "0",
    ]
    rows = [
        report(1, date(2026, 11, 2), ReportStatus.APPROVED, 4, time(8, 0), time(9, 45)),
        report(2, date(2026, 11, 3), ReportStatus.APPROVED, 5, time(8, 0), time(9, 0)),
        report(3, date(2026, 11, 4), ReportStatus.APPROVED, 4, time(8, 0), time(8, 30)),
        report(4, date(2026, 11, 5), ReportStatus.APPROVED, 4, time(8, 0), time(8, 30)),
    ]
    dewi = Employee("199001152015032001", "Dewi Lestari", "Perawat", "DINKES", "PKM", "6281234567890", TimeZone.WIB)
    document = render.employee_document(
        instansi="Dinas Kesehatan",
        satker="Puskesmas",
        period=period_of(PeriodKind.MONTH, month=date(2026, 11, 1)),
        employee=dewi,
        rows=rows,
        summary=totals(rows),
        supervisor=None,
        place="Jakarta",
        today=date(2026, 11, 30),
    )
    text = _pdf_text(render.pdf_bytes(document))
    assert "Jumlah jam kegiatan" in text and ": 3,75" in text  # 1 h 45 + 1 h + 30 + 30 min
    assert "Rata-rata nilai" in text and ": 4,25" in text
    assert "4.25" not in text and "3.75" not in text

    line = recap_row("1", "Dewi", "Perawat", [date(2026, 11, 2)], {date(2026, 11, 2)}, rows)
    book = load_workbook(io.BytesIO(render.recap_workbook([], lambda: [line], {})))
    cell = book["Rekap"]["K2"]
    assert cell.value == 4.25 and cell.number_format == "0.00"  # a number; Excel shows "4,25" per locale


def test_a_recap_of_a_period_not_ended_counts_working_days_up_to_today():
    november = period_of(PeriodKind.MONTH, month=date(2026, 11, 1))
    today = date(2026, 11, 25)  # a Wednesday
    assert position_date(november, today) == today
    assert position_date(november, date(2026, 11, 30)) is None  # the last day: the whole month counts
    assert position_date(november, date(2026, 12, 1)) is None
    so_far = working_days(november, {}, until=position_date(november, today))
    assert len(working_days(november, {})) == 21 and len(so_far) == 18 and so_far[-1] == today
    assert working_days(november, {}, until=date(2026, 10, 31)) == []  # a period that has not begun
    attended = {d for d in so_far if d.day not in (3, 10, 17)}  # 15 days attended, three missed
    line = recap_row("1", "Dewi", "Perawat", so_far, attended, [])
    assert (line.working_days, line.days_attended) == (18, 15)
    tally = RecapTally(so_far, None)
    list(tally.take([[report(1, date(2026, 11, 24), ReportStatus.SUBMITTED)]]))
    [row] = tally.rows([("199001152015032001", "Dewi", "Perawat")], {"199001152015032001": attended})
    assert (row.working_days, row.days_attended, row.days_reported) == (18, 15, 1)


def test_a_recap_not_ended_says_as_of_when_in_pdf_and_excel():
    boss = Employee("197512102000031003", "dr. Andi", "Kepala", "DINKES", "PKM", "6281234567891", TimeZone.WIB)
    period = period_of(PeriodKind.MONTH, month=date(2026, 11, 1))
    line = recap_row("199001152015032001", "Dewi", "Perawat", [date(2026, 11, 2)] * 18, set(), [])
    for as_of in (date(2026, 11, 25), None):
        document = render.recap_document(
            instansi="Dinas Kesehatan",
            unit="Puskesmas",
            period=period,
            reports=[],
            summary=lambda: [line],
            names={},
            signer=boss,
            place="Jakarta",
            today=date(2026, 11, 25),
            as_of=as_of,
        )
        text = _pdf_text(render.pdf_bytes(document))
        assert ("Posisi per 25 November 2026" in text) is (as_of is not None)
        book = load_workbook(io.BytesIO(render.recap_workbook([], lambda: [line], {}, as_of)))
        sheet = book["Rekap"]
        # leave days and expected days: L, M; reports with the coach's hints: N
        assert sheet.auto_filter.ref == "A1:N2" and sheet["E2"].value == 18
        assert sheet["N1"].value == "Dengan saran penulisan"
        notes = [c.value for c in sheet["A"][2:] if c.value]
        assert notes == (["Posisi per 25 November 2026: hari kerja dihitung sampai tanggal ini."] if as_of else [])


def test_emoji_are_drawn_with_the_fallback_font_and_only_unknown_characters_become_question_marks():
    rows = [["1", "02/11/2026", "Rapat 🙂 selesai 👍", "Koordinasi ✅ lintas 漢 unit", "Disetujui"]]
    document = _document(rows)
    text = _pdf_text(pdf.render(replace(document, identity=[("Nama", "Dewi 🙂")])))
    assert "Rapat 🙂 selesai 👍" in text and "Koordinasi ✅ lintas ? unit" in text and "Dewi 🙂" in text


def test_the_month_pdf_writes_dates_and_times_as_the_screens_do():
    """ "7 Desember 2026" and "08.00–10.00 WIB" (the employee's zone), never "07/12/2026" or "08:00-10:00"."""
    dewi = Employee("199001152015032001", "Dewi Lestari", "Perawat", "DINKES", "PKM", "6281234567890", TimeZone.WIB)
    rows = [
        report(1, date(2026, 12, 7), ReportStatus.APPROVED, 4, time(8, 0), time(10, 0)),
        report(2, date(2026, 12, 14), ReportStatus.SUBMITTED, None, time(13, 30), time(15, 0)),
        report(3, date(2026, 9, 14), ReportStatus.SUBMITTED, None, time(7, 0), time(7, 45)),
    ]
    document = render.employee_document(
        instansi="Dinas Kesehatan",
        satker="Puskesmas",
        period=period_of(PeriodKind.RANGE, first=date(2026, 9, 1), last=date(2026, 12, 31)),
        employee=dewi,
        rows=rows,
        summary=totals(rows),
        supervisor=None,
        place="Jakarta",
        today=date(2026, 12, 31),
    )
    text = _pdf_text(render.pdf_bytes(document))
    for day, when in (
        ("7 Desember 2026", "08.00–10.00 WIB"),
        ("14 Desember 2026", "13.30–15.00 WIB"),
        ("14 September 2026", "07.00–07.45 WIB"),  # the longest month name still fits on one line
    ):
        assert f"{day} {when}" in text
    assert not re.search(r"\d{2}/\d{2}/\d{4}|\d{2}:\d{2}|\d{4}-\d{2}-\d{2}", text)


def test_the_recap_pdf_and_workbooks_name_each_employee_s_zone():
    boss = Employee("197512102000031003", "dr. Andi", "Kepala", "DINKES", "PKM", "6281234567891", TimeZone.WIB)
    wita, wib = "199001152015032001", "199202202016041002"
    lines = [
        ReportLine(
            "a",
            wita,
            date(2026, 12, 7),
            time(8, 0),
            time(10, 0),
            "Rapat",
            "Uraian",
            "Hasil",
            ReportStatus.SUBMITTED,
            None,
        ),
        ReportLine(
            "b", wib, date(2026, 12, 7), time(9, 0), time(9, 30), "Apel", "Uraian", "Hasil", ReportStatus.APPROVED, 5
        ),
    ]
    zones = {wita: "WITA", wib: "WIB"}
    document = render.recap_document(
        instansi="Dinas Kesehatan",
        unit="Puskesmas",
        period=period_of(PeriodKind.MONTH, month=date(2026, 12, 1)),
        reports=lines,
        summary=lambda: [],
        names={wita: "Dewi", wib: "Budi"},
        signer=boss,
        place="Makassar",
        today=date(2026, 12, 31),
        zones=zones,
    )
    text = _pdf_text(render.pdf_bytes(document))
    assert "7 Desember 2026 08.00–10.00 WITA" in text and "7 Desember 2026 09.00–09.30 WIB" in text
    assert not re.search(r"\d{2}/\d{2}/\d{4}|\d{2}:\d{2}", text)

    sheet = load_workbook(io.BytesIO(render.recap_workbook(lines, lambda: [], {}, None, zones)))["Laporan"]
    header = [c.value for c in sheet[1]]
    assert header[-1] == "Zona waktu" and [r[-1].value for r in sheet.iter_rows(min_row=2)] == ["WITA", "WIB"]
    assert sheet["C2"].value.date() == date(2026, 12, 7) and sheet["C2"].number_format == DATE_FORMAT
    assert sheet["D2"].value == time(8, 0) and sheet["D2"].number_format == TIME_FORMAT
    own = load_workbook(io.BytesIO(render.employee_workbook(lines[:1], "WITA")))["Laporan"]
    assert [c.value for c in own[2]][-1] == "WITA" and own["B2"].value.date() == date(2026, 12, 7)


def test_workbooks_show_dates_and_times_in_indonesian():
    """Real date and time cells (sortable), shown "7 Desember 2026" and "08.00" whatever the reader's locale."""
    assert DATE_FORMAT == "[$-421]d mmmm yyyy" and TIME_FORMAT == 'hh"."mm'
