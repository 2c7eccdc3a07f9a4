"""Excel workbooks (.xlsx) written straight as SpreadsheetML (ECMA-376), row by row into the zip.

openpyxl's write-only mode took 2.4-2.6 s for the 11,000-row recap sheet alone on the 2-core
benchmark machine, which left nothing of the 3 s budget for reading the month from DynamoDB; this
writer takes a fraction of that and keeps memory flat (rows are compressed as they come).
Everything a recap needs and nothing more: inline strings, numbers, dates and times as serial
numbers with a number format, a bold shaded header row that stays frozen, an auto-filter, column
widths, and notes below a table. openpyxl reads every file back in the tests.

Numbers stay numbers: a number format (``0.00``) is stored in Excel's neutral notation and shown by
Excel with the reader's own separators ("4,50" on an Indonesian system).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time
from typing import Any, BinaryIO
from xml.sax.saxutils import escape, quoteattr

#: dates stay date cells (sortable, filterable) shown as the screens write them, "7 Desember 2026": ``[$-421]`` is
#: Excel's locale tag for Indonesian, so the month is named in Bahasa Indonesia whatever the reader's own locale
DATE_FORMAT = "[$-421]d mmmm yyyy"
#: "08.00", the Indonesian way of writing a time (the quoted dot is a literal, not a decimal point)
TIME_FORMAT = 'hh"."mm'

#: (header, width, number format or None)
Column = tuple[str, float, str | None]
Rows = Iterable[Sequence[Any]]
#: (title, columns, rows) or (title, columns, rows, notes): notes are lines of text below the table
Sheet = (
    tuple[str, Sequence[Column], Rows | Callable[[], Rows]]
    | tuple[str, Sequence[Column], Rows | Callable[[], Rows], Sequence[str]]
)

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_EPOCH = date(1899, 12, 30)
#: characters XML 1.0 cannot carry (control characters other than tab and newlines)
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_HEADER_STYLE = 1  # cellXfs index of the bold shaded header; number formats follow from 2
_MAX_CELL_TEXT = 32_767  # Excel's limit per cell


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The workbook of `write_workbook`, as bytes (for files small enough to hold whole)."""
    buffer = io.BytesIO()
    write_workbook(buffer, sheets)
    return buffer.getvalue()


def write_workbook(out: BinaryIO, sheets: Sequence[Sheet]) -> None:
    """One sheet per (title, columns, rows[, notes]), in that order, written into ``out`` as rows come.

    ``out`` may be a stream that cannot seek (`integrations.upload_stream.MultipartUpload`): the zip's
    entries then carry data descriptors, and only compressed bytes pass through, so memory stays flat
    whatever the number of rows. Rows given as a function are asked for after the other sheets are
    written, so a summary sheet can come first in the workbook yet be computed from the rows streamed
    into the sheets after it. Notes follow the table after an empty row, outside its filter.
    """
    formats = sorted({fmt for sheet in sheets for _, _, fmt in sheet[1] if fmt})
    style_of = {fmt: _HEADER_STYLE + 1 + n for n, fmt in enumerate(formats)}
    # level 1: a third of an 11,000-row recap's build went to deflating at 5; at 1 that is ≈8× faster (0.43 → 0.05 s
    # under the profiler) for a file ≈35 % larger (1.1 → 1.5 MB; `python -m benchmarks.exports`)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        ranges = {}
        order = sorted(range(len(sheets)), key=lambda n: callable(sheets[n][2]))
        for n in order:
            columns, rows, notes = sheets[n][1], sheets[n][2], sheets[n][3] if len(sheets[n]) > 3 else ()
            with package.open(f"xl/worksheets/sheet{n + 1}.xml", "w") as out:
                ranges[n] = _write_sheet(out, columns, rows() if callable(rows) else rows, style_of, notes)
        titles = [sheet[0][:31] for sheet in sheets]
        package.writestr("[Content_Types].xml", _content_types(len(sheets)))
        package.writestr("_rels/.rels", _package_rels())
        package.writestr("xl/workbook.xml", _workbook(titles, [ranges[n] for n in range(len(sheets))]))
        package.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets)))
        package.writestr("xl/styles.xml", _styles(formats))


def _write_sheet(
    out: Any, columns: Sequence[Column], rows: Rows, style_of: dict[str, int], notes: Sequence[str] = ()
) -> str:
    """Write one worksheet part; return its table range ("A1:K11001")."""
    last_column = _column_name(len(columns))
    widths = "".join(
        f'<col min="{n}" max="{n}" width="{width}" customWidth="1"/>'
        for n, (_, width, _) in enumerate(columns, start=1)
    )
    head = "".join(
        f'<c r="{_column_name(n)}1" s="{_HEADER_STYLE}" t="inlineStr"><is><t>{escape(title)}</t></is></c>'
        for n, (title, _, _) in enumerate(columns, start=1)
    )
    out.write(
        (
            f'{_XML}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{widths}</cols><sheetData><row r="1">{head}</row>'
        ).encode()
    )
    styles = [f' s="{style_of[fmt]}"' if fmt else "" for _, _, fmt in columns]
    names = [_column_name(n) for n in range(1, len(columns) + 1)]
    number = 1
    chunk: list[str] = []
    for number, row in enumerate(rows, start=2):
        cells = "".join(
            _cell(f"{name}{number}", value, style) for name, value, style in zip(names, row, styles, strict=True)
        )
        chunk.append(f'<row r="{number}">{cells}</row>')
        if len(chunk) == 500:
            out.write("".join(chunk).encode())
            chunk.clear()
    table = f"A1:{last_column}{number}"
    for line, text in enumerate(notes, start=number + 2):
        chunk.append(f'<row r="{line}">{_cell(f"A{line}", text, "")}</row>')
    out.write("".join(chunk).encode())
    out.write(f'</sheetData><autoFilter ref="{table}"/></worksheet>'.encode())
    return table


def _cell(ref: str, value: Any, style: str) -> str:
    if value is None:
        return f'<c r="{ref}"{style}/>' if style else ""
    if isinstance(value, str):
        text = escape(_ILLEGAL.sub("", value[:_MAX_CELL_TEXT]))
        return f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}"{style} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"{style}><v>{value!r}</v></c>'
    if isinstance(value, datetime):
        serial = (value - datetime(1899, 12, 30)).total_seconds() / 86_400
        return f'<c r="{ref}"{style}><v>{serial!r}</v></c>'
    if isinstance(value, date):
        return f'<c r="{ref}"{style}><v>{(value - _EPOCH).days}</v></c>'
    if isinstance(value, time):
        fraction = (value.hour * 3600 + value.minute * 60 + value.second) / 86_400
        return f'<c r="{ref}"{style}><v>{fraction!r}</v></c>'
    raise TypeError(f"no Excel cell for {type(value).__name__}")


def _column_name(n: int) -> str:
    name = ""
    while n:
        n, rest = divmod(n - 1, 26)
        name = chr(65 + rest) + name
    return name


def _absolute(table: str) -> str:
    first, last = table.split(":")
    return ":".join("$" + re.sub(r"(\d+)", r"$\1", ref) for ref in (first, last))


def _workbook(titles: list[str], tables: list[str]) -> str:
    sheets = "".join(
        f'<sheet name={quoteattr(title)} sheetId="{n}" r:id="rId{n}"/>' for n, title in enumerate(titles, start=1)
    )
    filters = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
        f"{escape(_quoted(title))}!{_absolute(table)}</definedName>"
        for n, (title, table) in enumerate(zip(titles, tables, strict=True))
    )
    return (
        f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView/></bookViews>'
        f"<sheets>{sheets}</sheets><definedNames>{filters}</definedNames></workbook>"
    )


def _quoted(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def _styles(formats: list[str]) -> str:
    """Fonts: regular, bold. Fills: the two Excel reserves, then the header shade. Cell formats: plain,
    header, then one per number format (custom formats are numbered from 164)."""
    num_fmts = "".join(f'<numFmt numFmtId="{164 + n}" formatCode={quoteattr(fmt)}/>' for n, fmt in enumerate(formats))
    if num_fmts:
        num_fmts = f'<numFmts count="{len(formats)}">{num_fmts}</numFmts>'
    formatted = "".join(
        f'<xf numFmtId="{164 + n}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        for n in range(len(formats))
    )
    font = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
    return (
        f'{_XML}<styleSheet xmlns="{_MAIN}">'
        f"{num_fmts}"
        f'<fonts count="2"><font>{font}</font><font><b/>{font}</font></fonts>'
        '<fills count="3"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill>'
        '<fill><patternFill patternType="solid"><fgColor rgb="FFE1E6F0"/><bgColor indexed="64"/></patternFill></fill>'
        "</fills>"
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{2 + len(formats)}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>'
        f"{formatted}</cellXfs>"
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )


def _content_types(sheets: int) -> str:
    kinds = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{kinds}.worksheet+xml"/>'
        for n in range(1, sheets + 1)
    )
    return (
        f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{kinds}.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{kinds}.styles+xml"/>{overrides}</Types>'
    )


def _package_rels() -> str:
    return (
        f'{_XML}<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
        f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )


def _workbook_rels(sheets: int) -> str:
    links = "".join(
        f'<Relationship Id="rId{n}" Type="{_REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, sheets + 1)
    )
    styles = f'<Relationship Id="rId{sheets + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
    return f'{_XML}<Relationships xmlns="{_PKG_REL}">{links}{styles}</Relationships>'
