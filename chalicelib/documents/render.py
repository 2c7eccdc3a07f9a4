"""From export rows to documents and workbooks (the layout of each file kind, in Bahasa Indonesia)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any, BinaryIO

from ..domain.accounts import Employee
from ..domain.exports import Period, RecapRow, ReportLine
from ..domain.messages import indonesian_date, indonesian_number, time_span
from . import excel, pdf
from .document import Column, Document, LaidOutRow

#: "14 September 2026" and "08.00–10.00 WITA" fit on one line of these widths (7.5 pt DejaVu Sans)
EMPLOYEE_COLUMNS = [
    Column("No", 9, align="R"),
    Column("Tanggal", 29),
    Column("Waktu", 26),
    Column("Judul", 45, wrap=True),
    Column("Uraian", 88, wrap=True),
    Column("Hasil", 45, wrap=True),
    Column("Status", 22),
    Column("Nilai", 12, align="C"),
]
RECAP_COLUMNS = [
    Column("No", 9, align="R"),
    Column("NIP", 36),
    Column("Nama", 40, wrap=True),
    Column("Jabatan", 43, wrap=True),
    Column("Hari kerja", 15, align="C"),
    Column("Hadir", 15, align="C"),
    Column("Melapor", 17, align="C"),
    Column("Diajukan", 18, align="C"),
    Column("Disetujui", 18, align="C"),
    Column("Ditolak", 16, align="C"),
    Column("Rata-rata nilai", 18, align="C"),
    Column("Cuti", 14, align="C"),
    Column("Wajib lapor", 18, align="C"),
]


def _report_texts(r: ReportLine, zone: str | None) -> list[str]:
    """A report's cells in a PDF table, from the date on: the date and times as the screens write them
    ("7 Desember 2026", "08.00–10.00 WIB" in the employee's ``zone``)."""
    return [
        indonesian_date(r.day),
        time_span(r.start, r.end, zone),
        r.title,
        r.description,
        r.output,
        r.status_label,
        str(r.rating or "-"),
    ]


def pdf_bytes(document: Document) -> bytes:
    return pdf.render(document)


def _decimal(value: float | None) -> str:
    """A rating or an average as printed: "4,25"; "-" when there is none."""
    return indonesian_number(value) if value else "-"


def position_note(as_of: date) -> str:
    """What a document of a period that has not ended says about its figures."""
    return f"Posisi per {indonesian_date(as_of)}: hari kerja dihitung sampai tanggal ini."


def employee_document(
    *,
    instansi: str,
    satker: str,
    period: Period,
    employee: Employee,
    rows: list[ReportLine],
    summary: dict[str, Any],
    supervisor: Employee | None,
    place: str,
    today: date,
) -> Document:
    by_status = summary["by_status"]
    return Document(
        instansi=instansi,
        satker=satker,
        title="LAPORAN KEGIATAN HARIAN",
        period_label=period.label,
        identity=[
            ("Nama", employee.name),
            ("NIP", employee.nip),
            ("Jabatan", employee.jabatan),
            ("Satuan kerja", satker),
        ],
        columns=EMPLOYEE_COLUMNS,
        rows=[[str(n), *_report_texts(r, employee.timezone.value)] for n, r in enumerate(rows, start=1)],
        totals=[
            ("Jumlah laporan", indonesian_number(summary["reports"])),
            ("Jumlah hari dengan laporan", indonesian_number(summary["days"])),
            ("Jumlah jam kegiatan", indonesian_number(summary["hours"])),
            (
                "Diajukan / Disetujui / Ditolak",
                " / ".join(indonesian_number(by_status[s]) for s in ("SUBMITTED", "APPROVED", "REJECTED")),
            ),
            ("Rata-rata nilai", _decimal(summary["average_rating"])),
        ],
        signer_name=supervisor.name if supervisor else None,
        signer_nip=supervisor.nip if supervisor else None,
        place=place,
        printed_on=today,
    )


DETAIL_TITLE = "Rincian laporan kegiatan"
DETAIL_COLUMNS = [
    Column("No", 10, align="R"),
    Column("NIP / Nama", 44, wrap=True),
    Column("Tanggal", 29),
    Column("Waktu", 26),
    Column("Judul", 42, wrap=True),
    Column("Uraian", 68, wrap=True),
    Column("Hasil", 31, wrap=True),
    Column("Status", 18),
    Column("Nilai", 10, align="C"),
]


def recap_document(
    *,
    instansi: str,
    unit: str,
    period: Period,
    reports: Iterable[ReportLine] | None,
    summary: Callable[[], list[RecapRow]],
    names: dict[str, str],
    signer: Employee,
    place: str,
    today: date,
    as_of: date | None = None,
    zones: dict[str, str] | None = None,
    details: list[LaidOutRow] | None = None,
) -> Document:
    """Summary per employee, signature, then every report of the period in the given order (the details).

    ``reports`` are laid out as they come (or ``details``, already laid out by `detail_texts` and
    `pdf.lay_out`); ``summary`` is called after the last of them. With neither, the document is the
    summary alone (a large recap's details are parts of an archive, `recap_pdf`). ``as_of``: the
    period has not ended, and working days are counted up to that date. ``zones``: each NIP's zone
    (``WIB``), written after the times of that employee's reports.
    """
    if reports is not None:
        details = pdf.lay_out(DETAIL_COLUMNS, detail_texts(reports, names, zones))
    lines = summary()
    return Document(
        instansi=instansi,
        satker=unit,
        title="REKAPITULASI LAPORAN KEGIATAN HARIAN",
        period_label=period.label,
        identity=[("Unit", unit), ("Jumlah pegawai", indonesian_number(len(lines)))],
        columns=RECAP_COLUMNS,
        rows=[
            [
                str(n),
                line.nip,
                line.name,
                line.jabatan,
                *(
                    indonesian_number(count)
                    for count in (
                        line.working_days,
                        line.days_attended,
                        line.days_reported,
                        line.submitted,
                        line.approved,
                        line.rejected,
                    )
                ),
                _decimal(line.average_rating),
                indonesian_number(line.leave_days),
                indonesian_number(line.expected_days),
            ]
            for n, line in enumerate(lines, start=1)
        ],
        totals=[
            (
                "Jumlah laporan",
                indonesian_number(sum(line.submitted + line.approved + line.rejected for line in lines)),
            ),
            # reports the coach still had hints for (laporan dengan saran penulisan), of this satker or SKPD
            ("Laporan dengan saran penulisan", indonesian_number(sum(line.with_hints for line in lines))),
        ],
        signer_title="Yang membuat rekap",
        signer_name=signer.name,
        signer_nip=signer.nip,
        place=place,
        printed_on=today,
        as_of=as_of,
        empty_text="Tidak ada pegawai dalam cakupan rekap ini.",
        sections=[] if details is None else [(DETAIL_TITLE, DETAIL_COLUMNS, details)],
    )


def detail_texts(
    reports: Iterable[ReportLine], names: dict[str, str], zones: dict[str, str] | None = None
) -> Iterator[list[str]]:
    """The texts of the details table, a row per report numbered from 1, as the reports come."""
    zone_of = zones or {}
    for n, r in enumerate(reports, start=1):
        yield [str(n), f"{r.nip}\n{names.get(r.nip, '')}", *_report_texts(r, zone_of.get(r.nip))]


def detail_part(*, instansi: str, unit: str, period: Period, part: int, numbers: tuple[str, str]) -> Document:
    """The heading of one part of a large recap's details (the table itself is drawn by `pdf.render_table`)."""
    return Document(
        instansi=instansi,
        satker=unit,
        title="RINCIAN LAPORAN KEGIATAN HARIAN",
        period_label=period.label,
        identity=[("Unit", unit), ("Bagian", str(part)), ("Laporan nomor", f"{numbers[0]} sampai {numbers[1]}")],
        columns=DETAIL_COLUMNS,
        rows=[],
    )


_REPORT_COLUMNS = [
    ("No", 6, None),
    ("Tanggal", 12, excel.DATE_FORMAT),
    ("Mulai", 8, excel.TIME_FORMAT),
    ("Selesai", 8, excel.TIME_FORMAT),
    ("Durasi (menit)", 10, None),
    ("Judul", 40, None),
    ("Uraian", 60, None),
    ("Hasil", 40, None),
    ("Status", 12, None),
    ("Nilai", 7, None),
    ("Zona waktu", 8, None),
]


def _report_cells(row: ReportLine, zone: str | None) -> list[Any]:
    """A report's cells from the date on; the times are the employee's local ones, named by the last cell."""
    return [
        row.day,
        row.start,
        row.end,
        row.minutes,
        row.title,
        row.description,
        row.output,
        row.status_label,
        row.rating,
        zone,
    ]


def employee_workbook(rows: list[ReportLine], zone: str | None = None) -> bytes:
    """The employee's reports; ``zone`` (``WIB``) is the zone of their times."""
    cells = ([n, *_report_cells(r, zone)] for n, r in enumerate(rows, start=1))
    return excel.workbook_bytes([("Laporan", _REPORT_COLUMNS, cells)])


def recap_workbook(
    reports: Iterable[ReportLine],
    summary: Callable[[], list[RecapRow]],
    names: dict[str, str],
    as_of: date | None = None,
    zones: dict[str, str] | None = None,
) -> bytes:
    """The workbook of `write_recap_workbook`, as bytes."""
    buffer = io.BytesIO()
    write_recap_workbook(buffer, reports, summary, names, as_of, zones)
    return buffer.getvalue()


def write_recap_workbook(
    out: BinaryIO,
    reports: Iterable[ReportLine],
    summary: Callable[[], list[RecapRow]],
    names: dict[str, str],
    as_of: date | None = None,
    zones: dict[str, str] | None = None,
) -> None:
    """Sheet "Rekap": one line per employee; sheet "Laporan": every report of the period, in the given order,
    written into ``out`` (a stream to S3 in the worker) as they come.

    ``reports`` are written as they come; ``summary`` is called after the last of them. ``as_of``: the
    period has not ended; a note under the recap says so. ``zones``: each NIP's zone (``WIB``).
    """
    zone_of = zones or {}
    recap_columns = [
        ("No", 6, None),
        ("NIP", 21, None),
        ("Nama", 28, None),
        ("Jabatan", 30, None),
        ("Hari kerja", 10, None),
        ("Hadir", 8, None),
        ("Melapor", 9, None),
        ("Diajukan", 9, None),
        ("Disetujui", 10, None),
        ("Ditolak", 9, None),
        ("Rata-rata nilai", 14, "0.00"),
        ("Cuti (hari kerja)", 10, None),
        ("Wajib lapor", 10, None),
        ("Dengan saran penulisan", 12, None),
    ]

    def recap_rows() -> Iterator[list[Any]]:
        for n, line in enumerate(summary(), start=1):
            yield [
                n,
                line.nip,
                line.name,
                line.jabatan,
                line.working_days,
                line.days_attended,
                line.days_reported,
                line.submitted,
                line.approved,
                line.rejected,
                line.average_rating,
                line.leave_days,
                line.expected_days,
                line.with_hints,
            ]

    report_columns = [("NIP", 21, None), ("Nama", 28, None), *_REPORT_COLUMNS[1:]]
    report_rows = ([r.nip, names.get(r.nip, ""), *_report_cells(r, zone_of.get(r.nip))] for r in reports)
    notes = [position_note(as_of)] if as_of else []
    excel.write_workbook(out, [("Rekap", recap_columns, recap_rows, notes), ("Laporan", report_columns, report_rows)])
