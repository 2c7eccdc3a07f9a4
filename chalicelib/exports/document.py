"""What every exported document says around its table."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Column:
    title: str
    width_mm: float
    wrap: bool = False
    align: str = "L"


@dataclass(frozen=True)
class Document:
    instansi: str
    satker: str
    title: str
    period_label: str
    identity: list[tuple[str, str]]
    columns: list[Column]
    rows: list[list[str]]
    totals: list[tuple[str, str]] = field(default_factory=list)
    signer_title: str = "Atasan Langsung"
    signer_name: str | None = None
    signer_nip: str | None = None
    place: str = ""
    printed_on: date | None = None
    empty_text: str = "Tidak ada laporan pada periode ini."
    #: further tables after the main one: (section title, columns, rows)
    sections: list[tuple[str, list[Column], list[list[str]]]] = field(default_factory=list)
