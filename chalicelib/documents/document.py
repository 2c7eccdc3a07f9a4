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


#: a table row as the lines of each of its cells (`pdf.lay_out`)
LaidOutRow = list[list[str]]


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
    #: the date the figures stand at, for a period that has not ended yet ("Posisi per ...")
    as_of: date | None = None
    empty_text: str = "Tidak ada laporan pada periode ini."
    #: further tables after the main one: (section title, columns, rows laid out by `pdf.lay_out`)
    sections: list[tuple[str, list[Column], list[LaidOutRow]]] = field(default_factory=list)
    #: lines printed right under the main table (a legend, a status), before the totals and the signature
    notes: list[str] = field(default_factory=list)
    #: tables right under the main one, before the signature (what the signer signs for), as ``sections``
    under_table: list[tuple[str, list[Column], list[LaidOutRow]]] = field(default_factory=list)
