"""Excel exports in openpyxl's write-only mode (streams rows, low memory): real types, bold header,
auto-filter, frozen header, sensible widths."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

DATE_FORMAT = "DD/MM/YYYY"
TIME_FORMAT = "HH:MM"

#: (header, width, number format or None)
Column = tuple[str, float, str | None]
Rows = Iterable[Sequence[Any]]


def workbook_bytes(sheets: Sequence[tuple[str, Sequence[Column], Rows | Callable[[], Rows]]]) -> bytes:
    """One sheet per (title, columns, rows), in that order.

    Rows given as a function are asked for after the other sheets are written, so a summary sheet can
    come first in the workbook yet be computed from the rows streamed into the sheets after it.
    """
    book = Workbook(write_only=True)
    created = [(book.create_sheet(title=title[:31]), columns, rows) for title, columns, rows in sheets]
    for sheet, columns, rows in sorted(created, key=lambda s: callable(s[2])):
        _fill(sheet, columns, rows() if callable(rows) else rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill(sheet: Any, columns: Sequence[Column], rows: Rows) -> None:
    bold, fill = Font(bold=True), PatternFill("solid", start_color="E1E6F0")
    for index, (_, width, _) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    header = []
    for name, _, _ in columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font, cell.fill = bold, fill
        header.append(cell)
    sheet.append(header)
    # one formatted cell per column, given each row's value: openpyxl writes a row as it is appended
    formatted: dict[int, WriteOnlyCell] = {}
    for index, (_, _, number_format) in enumerate(columns):
        if number_format:
            formatted[index] = WriteOnlyCell(sheet)
            formatted[index].number_format = number_format
    count = 0
    for row in rows:
        out = list(row)
        for index, cell in formatted.items():
            cell.value = out[index]
            out[index] = cell
        sheet.append(out)
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
