"""The completeness of a satker's document archive as an Excel workbook: one row per employee (score, label,
what is still missing) and one per employee and required category (its state)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from ..domain.accounts import Employee
from ..domain.archive import (
    GROUP_LABELS,
    SCORE_BANDS,
    STATUS_LABELS,
    ArchiveProfile,
    Category,
    Completeness,
    DocumentStatus,
    applies,
    state_of,
)
from ..domain.messages import indonesian_date
from . import excel

Row = tuple[Employee, ArchiveProfile, Completeness]

_SUMMARY: list[excel.Column] = [
    ("No", 6, None),
    ("NIP", 21, None),
    ("Nama", 30, None),
    ("Jabatan", 26, None),
    ("Status kepegawaian", 12, None),
    ("Skor", 8, "0"),
    ("Predikat", 16, None),
    ("Kategori wajib", 10, "0"),
    ("Terverifikasi", 10, "0"),
    ("Menunggu verifikasi", 12, "0"),
    ("Ditolak", 9, "0"),
    ("Belum diunggah", 10, "0"),
    ("Belum lengkap", 60, None),
]
_DETAIL: list[excel.Column] = [
    ("NIP", 21, None),
    ("Nama", 30, None),
    ("Kelompok", 18, None),
    ("Kategori", 36, None),
    ("Status", 20, None),
]


def completeness_workbook(
    *, instansi: str, satker: str, as_of: date, rows: Sequence[Row], categories: Sequence[Category]
) -> bytes:
    names = {c.code: c.name for c in categories}

    def summary() -> Iterator[list[Any]]:
        for number, (employee, profile, score) in enumerate(rows, start=1):
            states = [state_of(profile, code) for code in score.missing]
            missing = "; ".join(
                names[code] if state is DocumentStatus.MISSING else f"{names[code]} ({STATUS_LABELS[state].lower()})"
                for code, state in zip(score.missing, states, strict=True)
            )
            yield [
                number,
                employee.nip,
                employee.name,
                employee.jabatan,
                profile.employment.value,
                score.score,
                score.label,
                len(score.required),
                len(score.verified),
                states.count(DocumentStatus.SUBMITTED),
                states.count(DocumentStatus.REJECTED),
                states.count(DocumentStatus.MISSING),
                missing or "-",
            ]

    def detail() -> Iterator[list[Any]]:
        for employee, profile, _ in rows:
            for category in categories:
                if applies(category, profile):
                    state = state_of(profile, category.code)
                    yield [
                        employee.nip,
                        employee.name,
                        GROUP_LABELS[category.group],
                        category.name,
                        STATUS_LABELS[state],
                    ]

    bands = "; ".join(
        f"{low}{'' if low == 100 else '-' + str(high - 1)} {label}"
        for (low, label), high in zip(SCORE_BANDS, (101, *(b for b, _ in SCORE_BANDS[:-1])), strict=True)
    )
    notes = [
        f"{instansi} — {satker}; posisi {indonesian_date(as_of)}.",
        "Skor = kategori wajib yang dokumennya terverifikasi ÷ kategori wajib × 100, dibulatkan ke bawah.",
        f"Predikat: {bands}.",
    ]
    return excel.workbook_bytes([("Kelengkapan", _SUMMARY, summary(), notes), ("Rincian", _DETAIL, detail())])
