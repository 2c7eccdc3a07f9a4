"""Excel exports in openpyxl's write-only mode (streams rows, low memory): real types, bold header,
auto-filter, frozen header, sensible widths."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

DATE_FORMAT = "DD/MM/YYYY"
TIME_FORMAT = "HH:MM"


def workbook_bytes(
    sheets: Iterable[tuple[str, Sequence[tuple[str, float, str | None]], Iterable[Sequence[Any]]]],
) -> bytes:
    """One sheet per (title, columns, rows); a column is (header, width, number format or None)."""
    book = Workbook(write_only=True)
    bold, fill = Font(bold=True), PatternFill("solid", start_color="E1E6F0")
    for title, columns, rows in sheets:
        sheet = book.create_sheet(title=title[:31])
        for index, (_, width, _) in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        header = []
        for name, _, _ in columns:
            cell = WriteOnlyCell(sheet, value=name)
            cell.font, cell.fill = bold, fill
            header.append(cell)
        sheet.append(header)
        count = 0
        for row in rows:
            out = []
            for value, (_, _, number_format) in zip(row, columns, strict=True):
                if number_format is None:
                    out.append(value)
                    continue
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = number_format
                out.append(cell)
            sheet.append(out)
            count += 1
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
