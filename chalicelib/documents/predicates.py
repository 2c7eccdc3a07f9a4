"""A quarter's predicates as an Excel workbook (issue 19): one row per assessed employee of a supervisor's staff or
of an SKPD (the two ratings, the predicate and whether the employee has read it), and a sheet of counts per
satker. Labels are the domain's (PermenPANRB 6/2022), so the file names a predicate as the screens do."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..domain.assessment import PREDICATE_LABELS, Predicate
from ..domain.messages import indonesian_date
from ..domain.predicates import NOT_ACKNOWLEDGED, PredicateLine, SatkerCounts
from . import excel


@dataclass(frozen=True)
class PredicateRow:
    """One line as the workbook shows it: the bulk line with the names the worker looked up."""

    line: PredicateLine
    name: str
    jabatan: str
    satker: str
    penilai: str
    #: the day the employee acknowledged it, in their own zone (None: not yet)
    acknowledged_on: date | None


_ROWS: list[excel.Column] = [
    ("No", 6, None),
    ("NIP", 21, None),
    ("Nama", 30, None),
    ("Jabatan", 28, None),
    ("Satker", 28, None),
    ("Pejabat penilai", 30, None),
    ("Rating hasil kerja", 20, None),
    ("Rating perilaku kerja", 20, None),
    ("Predikat kinerja", 20, None),
    ("Dibaca pegawai", 18, excel.DATE_FORMAT),
]
_COUNTS: list[excel.Column] = [
    ("Satker", 32, None),
    *((PREDICATE_LABELS[p], 14, "0") for p in Predicate),
    ("Jumlah dinilai", 12, "0"),
]


def predicates_workbook(
    *,
    unit: str,
    period: str,
    as_of: date,
    rows: Sequence[PredicateRow],
    counts: Sequence[SatkerCounts],
    satker_names: dict[str, str],
) -> bytes:
    """``unit``: whose predicates ("Staf langsung Atasan Uji", an SKPD's name); ``period``: "Triwulan IV 2026"."""

    def detail() -> Iterator[list[Any]]:
        for number, row in enumerate(rows, start=1):
            line = row.line
            yield [
                number,
                line.nip,  # text: an 18-digit NIP is no number
                row.name,
                row.jabatan,
                row.satker,
                row.penilai,
                line.results_label,
                line.behaviour_label,
                line.predicate_label,
                row.acknowledged_on or NOT_ACKNOWLEDGED,
            ]

    def summary() -> Iterator[list[Any]]:
        for satker in counts:
            name = satker_names.get(satker.satker_id, satker.satker_id) if satker.satker_id else "Jumlah"
            yield [name, *(satker.counts[p] for p in Predicate), satker.assessed]

    notes = [
        f"{unit} — {period}; posisi {indonesian_date(as_of)}.",
        "Predikat kinerja mengikuti kuadran rating hasil kerja × rating perilaku kerja (PermenPANRB 6/2022).",
        f"Dibaca pegawai: tanggal pegawai menyatakan sudah membaca penilaian; '{NOT_ACKNOWLEDGED}' bila belum.",
    ]
    return excel.workbook_bytes([("Predikat", _ROWS, detail(), notes), ("Per satker", _COUNTS, summary())])
