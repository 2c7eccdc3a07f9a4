"""The monthly discipline recap (issue 20): the evidence HR sends each month for the performance allowance
(Tukin/TPP), one row per employee — an Excel workbook with every figure and a sheet of corrections, and the
official PDF (landscape, letterhead, signed) with the corrections under the table once the month is closed.

The rows come as an iterable and are written (Excel) or laid out (PDF) as they come, so a recap of every SKPD made
satker by satker never holds every employee's figures at once. Figures are the domain's (`MonthlyFigures`,
`domain/discipline/monthly_recap.py`); labels are the screens' (leave types, permission kinds, `figure_label`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ..domain.accounts import Employee
from ..domain.discipline import (
    EARLY,
    KIND_LABELS,
    LATE,
    Correction,
    MonthKey,
    MonthlyFigures,
    PermissionKind,
    figure_label,
)
from ..domain.leave import TYPE_LABELS, LeaveType
from ..domain.messages import clock_time, indonesian_date, indonesian_number
from . import excel, pdf
from .document import Column, Document

CORRECTED_MARK = "*"
LEGEND = (
    "HK: hari kerja; Hadir: hari hadir; TK: tidak masuk tanpa keterangan; DL: tugas luar (pengaduan tugas luar "
    "yang disetujui); Cuti, Izin: hari (rinciannya per jenis di Excel); TL1–TL4: terlambat, PSW1–PSW4: pulang "
    "sebelum waktunya, menurut batas menit SKPD; Mnt: jumlah menit; Laporan: diajukan/disetujui/ditolak/disetujui "
    "otomatis; TLD: hari hadir tanpa laporan harian yang disetujui; Potongan: potongan TPP (%) menurut aturan SKPD."
)


@dataclass(frozen=True)
class RecapLine:
    """One employee's row as the files show it: who, in which satker, the figures (corrections applied), which
    figures were corrected, and whether the satker's month is closed."""

    nip: str
    name: str
    jabatan: str
    satker: str
    closed: bool
    figures: MonthlyFigures
    corrected: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class CorrectionLine:
    """A correction of a closed month with the names a reader needs; ``at`` is local wall-clock time in ``zone``."""

    correction: Correction
    name: str
    satker: str
    by_name: str
    at: datetime
    zone: str


def title(month: MonthKey) -> str:
    return f"Rekapitulasi Disiplin dan Kinerja Bulan {month.label}"


def _number(value: int | Decimal | float) -> str:
    return indonesian_number(float(value))


# -- Excel --------------------------------------------------------------------------------------------------------

_ROW_COLUMNS: list[excel.Column] = [
    ("No", 6, None),
    ("NIP", 21, None),
    ("Nama", 28, None),
    ("Jabatan", 28, None),
    ("Satker", 26, None),
    ("Status bulan", 14, None),
    ("Hari kerja", 10, None),
    ("Hari hadir", 10, None),
    ("Tidak masuk tanpa keterangan (TK)", 14, None),
    ("Tugas luar (hari)", 11, None),
    *((TYPE_LABELS[t], 12, None) for t in LeaveType),
    *((KIND_LABELS[k], 12, None) for k in PermissionKind),
    *((m.value, 7, None) for m in LATE),
    ("Menit terlambat", 11, None),
    *((m.value, 7, None) for m in EARLY),
    ("Menit pulang sebelum waktunya", 14, None),
    ("Laporan diajukan", 11, None),
    ("Laporan disetujui", 11, None),
    ("Laporan ditolak", 11, None),
    ("Laporan disetujui otomatis", 13, None),
    ("Hadir tanpa laporan disetujui", 14, None),
    ("Potongan TPP (%)", 12, "0.00"),
    ("Angka dikoreksi", 30, None),
]
_CORRECTION_COLUMNS: list[excel.Column] = [
    ("No", 6, None),
    ("NIP", 21, None),
    ("Nama", 28, None),
    ("Satker", 26, None),
    ("Angka", 30, None),
    ("Semula", 10, None),
    ("Menjadi", 10, None),
    ("Tanggal", 16, excel.DATE_FORMAT),
    ("Alasan", 50, None),
    ("Dikoreksi oleh", 28, None),
    ("NIP pengoreksi", 21, None),
    ("Waktu koreksi", 26, None),
]


def _row_cells(number: int, line: RecapLine) -> list[Any]:
    f = line.figures
    return [
        number,
        line.nip,  # text: an 18-digit NIP is no number
        line.name,
        line.jabatan,
        line.satker,
        "Ditutup" if line.closed else "Belum ditutup",
        f.working_days,
        f.days_attended,
        f.days_absent,
        f.official_duty_days,
        *(f.leave_days.get(t.value, 0) for t in LeaveType),
        *(f.permissions.get(k.value, 0) for k in PermissionKind),
        *(f.marks.get(m.value, 0) for m in LATE),
        f.late_minutes,
        *(f.marks.get(m.value, 0) for m in EARLY),
        f.early_minutes,
        f.reports_filed,
        f.reports_approved,
        f.reports_rejected,
        f.reports_auto_approved,
        f.attended_without_approved_report,
        float(f.deduction_percent),
        "; ".join(figure_label(name) for name in sorted(line.corrected)) or None,
    ]


def _correction_cells(number: int, line: CorrectionLine) -> list[Any]:
    c = line.correction
    return [
        number,
        c.nip,
        line.name,
        line.satker,
        figure_label(c.field),
        float(c.old) if isinstance(c.old, Decimal) else c.old,
        float(c.new) if isinstance(c.new, Decimal) else c.new,
        c.day,
        c.reason,
        line.by_name,
        c.by,
        _when(line),
    ]


def _when(line: CorrectionLine) -> str:
    return f"{indonesian_date(line.at.date())} {clock_time(line.at.time(), line.zone)}"


def discipline_workbook(
    *,
    unit: str,
    month: MonthKey,
    lines: Iterable[RecapLine],
    corrections: Callable[[], Sequence[CorrectionLine]],
    notes: Callable[[], Sequence[str]],
) -> bytes:
    """Sheet "Rekap disiplin": one row per employee, every figure, written as ``lines`` come; sheet "Koreksi": the
    corrections of the closed months. ``corrections`` and ``notes`` (lines under the table: the status, the
    position) are asked for after the last row."""

    def rows() -> Iterator[list[Any]]:
        for number, line in enumerate(lines, start=1):
            yield _row_cells(number, line)

    def after() -> Iterator[str]:  # iterated by the writer after the rows (the status is known only then)
        yield f"{title(month)} — {unit}."
        yield from notes()
        yield "Angka dikoreksi: angka yang diubah dengan koreksi tercatat setelah bulan ditutup (lihat lembar Koreksi)."

    def correction_rows() -> Iterator[list[Any]]:
        for number, line in enumerate(corrections(), start=1):
            yield _correction_cells(number, line)

    return excel.workbook_bytes(
        [("Rekap disiplin", _ROW_COLUMNS, rows(), after()), ("Koreksi", _CORRECTION_COLUMNS, correction_rows)]
    )


# -- PDF ----------------------------------------------------------------------------------------------------------

ROW_COLUMNS = [
    Column("No", 7, align="R"),
    Column("NIP / Nama", 42, wrap=True),
    Column("Jabatan", 30, wrap=True),
    Column("HK", 9, align="C"),
    Column("Hadir", 10, align="C"),
    Column("TK", 8, align="C"),
    Column("DL", 8, align="C"),
    Column("Cuti", 9, align="C"),
    Column("Izin", 9, align="C"),
    *(Column(m.value, 8, align="C") for m in LATE),
    Column("Mnt TL", 12, align="C"),
    *(Column(m.value, 10, align="C") for m in EARLY),
    Column("Mnt PSW", 15, align="C"),
    Column("Laporan", 20, align="C"),
    Column("TLD", 10, align="C"),
    Column("Potongan", 16, align="C"),
]
CORRECTION_COLUMNS = [
    Column("No", 7, align="R"),
    Column("NIP / Nama", 46, wrap=True),
    Column("Angka", 45, wrap=True),
    Column("Semula", 15, align="C"),
    Column("Menjadi", 15, align="C"),
    Column("Tanggal", 26),
    Column("Alasan", 70, wrap=True),
    Column("Dikoreksi oleh", 53, wrap=True),
]


def _row_texts(number: int, line: RecapLine, with_satker: bool) -> list[str]:
    f, corrected = line.figures, line.corrected

    def shown(name: str) -> str:
        return _number(f.figure(name)) + (CORRECTED_MARK if name in corrected else "")

    def summed(group: str) -> str:
        mark = CORRECTED_MARK if any(n.startswith(f"{group}.") for n in corrected) else ""
        return _number(sum(getattr(f, group).values())) + mark

    who = f"{line.nip}\n{line.name}" + (f"\n{line.satker}" if with_satker else "")
    reports = "/".join(
        shown(n) for n in ("reports_filed", "reports_approved", "reports_rejected", "reports_auto_approved")
    )
    return [
        str(number),
        who,
        line.jabatan,
        shown("working_days"),
        shown("days_attended"),
        shown("days_absent"),
        shown("official_duty_days"),
        summed("leave_days"),
        summed("permissions"),
        *(shown(f"marks.{m.value}") for m in LATE),
        shown("late_minutes"),
        *(shown(f"marks.{m.value}") for m in EARLY),
        shown("early_minutes"),
        reports,
        shown("attended_without_approved_report"),
        shown("deduction_percent"),
    ]


def _correction_texts(number: int, line: CorrectionLine) -> list[str]:
    c = line.correction
    return [
        str(number),
        f"{c.nip}\n{line.name}",
        figure_label(c.field),
        _number(c.old),
        _number(c.new),
        indonesian_date(c.day) if c.day else "-",
        c.reason,
        f"{line.by_name}\nNIP {c.by}\n{_when(line)}",
    ]


def discipline_document(
    *,
    instansi: str,
    unit: str,
    month: MonthKey,
    lines: Iterable[RecapLine],
    corrections: Callable[[], Sequence[CorrectionLine]],
    status: Callable[[], tuple[str, list[str]]],
    signer: Employee,
    place: str,
    today: date,
    as_of: Callable[[], date | None],
    with_satker: bool,
) -> Document:
    """The official PDF. ``lines`` become the table's texts as they come; then ``status`` gives the month's status
    line and the notes under the table, ``corrections`` the corrections to list under it, ``as_of`` the last day
    counted when the month is not over. The officer who asks for it signs (with their jabatan): the organisation
    keeps no head of HR of an SKPD."""
    rows = [_row_texts(n, line, with_satker) for n, line in enumerate(lines, start=1)]
    state, notes = status()
    listed = corrections()
    under = []
    if listed:
        texts = (_correction_texts(n, c) for n, c in enumerate(listed, start=1))
        under.append(("Koreksi setelah bulan ditutup", CORRECTION_COLUMNS, pdf.lay_out(CORRECTION_COLUMNS, texts)))
    return Document(
        instansi=instansi,
        satker=unit,
        title=title(month),
        period_label=month.label,
        identity=[("Unit", unit), ("Jumlah pegawai", indonesian_number(len(rows))), ("Status", state)],
        columns=ROW_COLUMNS,
        rows=rows,
        signer_title=signer.jabatan,
        signer_name=signer.name,
        signer_nip=signer.nip,
        place=place,
        printed_on=today,
        as_of=as_of(),
        empty_text="Tidak ada pegawai dalam cakupan rekap ini.",
        notes=[*notes, LEGEND],
        under_table=under,
    )
