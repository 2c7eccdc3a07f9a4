"""The PTSP desk's visitors of a range as an Excel workbook: one row per request, oldest first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..domain.messages import date_span
from ..domain.ptsp.desk import DeskRequest
from . import excel

_COLUMNS = [
    ("Tanggal", 18.0, excel.DATE_FORMAT),
    ("Jam", 8.0, excel.TIME_FORMAT),
    ("Nama pemohon", 28.0, None),
    ("Nomor WhatsApp", 18.0, None),
    ("Jenis informasi", 32.0, None),
    ("Catatan", 40.0, None),
    ("Dicatat oleh", 28.0, None),
]


def desk_workbook(rows: Sequence[DeskRequest], office: str, first: date, last: date) -> bytes:
    cells = [
        [
            r.local_at.date(),
            r.local_at.time(),
            r.visitor_name,
            r.whatsapp,
            r.type_name,
            r.note,
            r.recorded_by_name,
        ]
        for r in rows
    ]
    notes = [f"Permohonan informasi di meja PTSP {office}, {date_span(first, last)}: {len(rows)} pemohon."]
    return excel.workbook_bytes([("Meja layanan", _COLUMNS, cells, notes)])
