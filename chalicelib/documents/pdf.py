"""Official-looking PDF with a table laid out by hand: fpdf2's table() is too slow for 11,000 wrapped rows.

Lines are wrapped with the font's own glyph widths (cached per character), written as content-stream
operators (`fpdf_raw.RawPdf`, the one place that touches fpdf2's internals), and a row taller than
what is left of a page continues on the next one under a repeated header.
Emoji the shipped DejaVu Sans lacks are drawn with Noto Emoji (monochrome, also shipped); characters
neither font has become "?" in the table instead of failing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import groupby

from fpdf import FPDF
from fpdf.syntax import PDFContentStream

from ..domain.messages import indonesian_date
from .document import Column, Document, LaidOutRow
from .fonts import EMOJI_FONT, FONT, FONT_DIR
from .fpdf_raw import RawFont, RawPdf

BODY_PT, TABLE_PT, HEADER_PT, FOOTER_PT = 9, 7.5, 12, 7
LINE_MM = 3.4
HEADER_ROW_MM = 6
HEADER_FILL = "0.882 0.902 0.941"  # RGB 225, 230, 240
PAD_MM = 1.2
MARGIN_MM = 10
#: short wrapped texts each table measure remembers (a NIP and name, a title, a result repeat from row to row)
WRAPPED_CACHE = 20_000


#: fpdf2 deflates each page's content stream at zlib's default level (6); level 1 deflates the text-only pages of
#: an 11,000-row recap ≈2× as fast (0.22 → 0.10 s under the profiler; `python -m benchmarks.exports`), for a somewhat
#: larger file. A class setting of fpdf2's (pinned in requirements.txt), not a per-document option.
PDFContentStream._COMPRESSION_LEVEL = 1


class _Pdf(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.set_auto_page_break(False)
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.add_font(EMOJI_FONT, "", str(FONT_DIR / "NotoEmoji.ttf"))
        self.set_fallback_fonts([EMOJI_FONT], exact_match=False)
        self.raw = RawPdf(self)
        self.footer_text = ""

    def finish(self) -> bytes:
        """The document's bytes, each page with its footer "<title>  ·  Halaman n/N" at the bottom right.

        The footers are drawn once the page count is known, as operators like the rows (fpdf2's footer()
        with a cell and a page-count alias took a sixth of a 1,400-page recap's time); they look as that
        cell did: 7 pt, right-aligned within the margins, on the baseline of a 4 mm cell 8 mm above the bottom."""
        measure = _Measure(self.raw.font(FONT, "", FOOTER_PT), self.raw.font(EMOJI_FONT, "", FOOTER_PT))
        k, total, last = self.k, self.page, self.page
        right = self.w - self.r_margin - self.c_margin
        baseline = (self.h - (self.h - 8 + 2 + 0.3 * FOOTER_PT / k)) * k
        for page in range(1, total + 1):
            text = measure.clean(f"{self.footer_text}  ·  Halaman {page}/{total}")
            self.raw.on_page(page)
            self.raw.use_fonts(measure.font, measure.fallback)
            x = (right - measure.width(text)) * k
            self.raw.write(f"q 0 g BT {measure.select} 1 0 0 1 {x:.2f} {baseline:.2f} Tm {measure.show(text)} ET Q")
        self.raw.on_page(last)
        return bytes(self.output())


class _Measure:
    """Glyph widths of one font size, cached per character and per word; text as operators in that font."""

    def __init__(self, font: RawFont, fallback: RawFont) -> None:
        self.font, self.fallback = font, fallback
        #: the text state operator selecting this font and size
        self.select = font.select
        self._chars: dict[str, float] = {}
        self._words: dict[str, float] = {}
        # short texts wrapped, least recently used dropped first: the table measure lives as long as the
        # process (a warm Lambda builds many documents), so what it remembers is bounded, yet keeps up to date
        self._wrapped = lru_cache(maxsize=WRAPPED_CACHE)(self._wrap_clean)
        #: characters the font lacks and the fallback has: written in the fallback font
        self.in_fallback = frozenset(chr(code) for code in fallback.code_points() - font.code_points())
        self._missing = _missing_pattern(font.code_points() | fallback.code_points())

    def clean(self, text: str) -> str:
        """The text with characters neither font has replaced by "?"."""
        if text.isascii() or not self._missing.search(text):
            return text
        return self._missing.sub("?", text)

    def show(self, text: str) -> str:
        """The operators showing ``text`` at the current text position, runs of emoji in the fallback font."""
        if text.isascii() or self.in_fallback.isdisjoint(text):
            return f"{self.font.encode(text)} Tj"
        ops = []
        for fallback, run in groupby(text, key=self.in_fallback.__contains__):
            if fallback:
                ops.append(f"{self.fallback.select} {self.fallback.encode(''.join(run))} Tj {self.select}")
            else:
                ops.append(f"{self.font.encode(''.join(run))} Tj")
        return " ".join(ops)

    def width(self, text: str) -> float:
        found = self._words.get(text)
        if found is None:
            chars = self._chars
            found = 0.0
            for ch in text:
                w = chars.get(ch)
                if w is None:
                    w = chars[ch] = (self.fallback if ch in self.in_fallback else self.font).char_width(ch)
                found += w
            if len(self._words) < 200_000:
                self._words[text] = found
        return found

    def wrapped(self, text: str, width: float) -> list[str]:
        """`wrap` of the cleaned text, remembered for short texts (a NIP and name, a title, a result repeat
        from row to row; the lines are shared, never changed)."""
        if len(text) > 80:
            return self._wrap_clean(text, width)
        return self._wrapped(text, width)

    def _wrap_clean(self, text: str, width: float) -> list[str]:
        return self.wrap(self.clean(text), width)

    def wrap(self, text: str, width: float) -> list[str]:
        """Lines of at most ``width`` mm; words longer than a line are cut."""
        lines: list[str] = []
        space, known = self.width(" "), self._words
        for paragraph in text.split("\n"):
            line, line_w = "", 0.0
            for word in paragraph.split(" "):
                word_w = known.get(word)
                if word_w is None:
                    word_w = self.width(word)
                if word_w > width:  # a long word without spaces: cut it into pieces
                    if line:
                        lines.append(line)
                        line, line_w = "", 0.0
                    piece, piece_w = "", 0.0
                    for ch in word:
                        ch_w = self.width(ch)
                        if piece_w + ch_w > width:
                            lines.append(piece)
                            piece, piece_w = "", 0.0
                        piece += ch
                        piece_w += ch_w
                    line, line_w = piece, piece_w
                elif not line:
                    line, line_w = word, word_w
                elif line_w + space + word_w <= width:
                    line, line_w = f"{line} {word}", line_w + space + word_w
                else:
                    lines.append(line)
                    line, line_w = word, word_w
            lines.append(line)
        return lines or [""]


def _missing_pattern(covered: frozenset[int]) -> re.Pattern[str]:
    """A character neither font has (ASCII always passes): one class of the covered ranges, searched in C."""
    codes = sorted(covered | set(range(128)))
    ranges, start, previous = [], codes[0], codes[0]
    for code in [*codes[1:], -2]:
        if code != previous + 1:
            ranges.append(re.escape(chr(start)) + ("" if start == previous else "-" + re.escape(chr(previous))))
            start = code
        previous = code
    return re.compile(f"[^{''.join(ranges)}]")


@lru_cache(maxsize=1)
def _table_measure() -> _Measure:
    """Glyph widths of the table font, for laying rows out before (or without) a document."""
    pdf = _Pdf()
    return _Measure(pdf.raw.font(FONT, "", TABLE_PT), pdf.raw.font(EMOJI_FONT, "", TABLE_PT))


def lay_out(columns: list[Column], rows: Iterable[list[str]]) -> list[LaidOutRow]:
    """Each row as the lines of its cells: text neither font has replaced, wrapping columns wrapped.

    The costly part of a table; done apart from drawing so it can run while rows still stream in.
    """
    measure = _table_measure()
    return [
        [
            measure.wrapped(value, column.width_mm - 2 * PAD_MM) if column.wrap else [measure.clean(value)]
            for value, column in zip(row, columns, strict=True)
        ]
        for row in rows
    ]


def render(doc: Document) -> bytes:
    pdf = _Pdf()
    pdf.footer_text = f"{doc.title} · {doc.period_label}"
    pdf.add_page()
    _heading(pdf, doc)
    _table(pdf, doc.columns, lay_out(doc.columns, doc.rows), doc.empty_text)
    _notes(pdf, doc.notes)
    for title, columns, rows in doc.under_table:
        if pdf.get_y() + 6 + HEADER_ROW_MM + 2 * LINE_MM > pdf.h - MARGIN_MM - 6:
            pdf.add_page()
        pdf.ln(3)
        pdf.set_font(FONT, "B", BODY_PT)
        pdf.cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")
        _table(pdf, columns, rows, "Tidak ada data.")
    _closing(pdf, doc)
    for title, columns, rows in doc.sections:
        pdf.add_page()
        pdf.set_font(FONT, "B", BODY_PT + 1)
        pdf.cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")
        _table(pdf, columns, rows, "Tidak ada data.")
    return pdf.finish()


def render_table(doc: Document, title: str, columns: list[Column], rows: list[LaidOutRow]) -> bytes:
    """The heading of ``doc``, then one table of rows already laid out (a part of a large recap's details)."""
    pdf = _Pdf()
    pdf.footer_text = f"{doc.title} · {doc.period_label}"
    pdf.add_page()
    _heading(pdf, doc)
    pdf.set_font(FONT, "B", BODY_PT + 1)
    pdf.cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")
    _table(pdf, columns, rows, "Tidak ada data.")
    return pdf.finish()


def _heading(pdf: _Pdf, doc: Document) -> None:
    pdf.set_font(FONT, "B", HEADER_PT)
    pdf.cell(0, 6, doc.instansi.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", BODY_PT)
    pdf.cell(0, 5, doc.satker, align="C", new_x="LMARGIN", new_y="NEXT")
    y = pdf.get_y() + 1
    pdf.set_line_width(0.6)
    pdf.line(MARGIN_MM, y, pdf.w - MARGIN_MM, y)
    pdf.set_line_width(0.2)
    pdf.set_y(y + 3)
    pdf.set_font(FONT, "B", HEADER_PT - 1)
    pdf.cell(0, 6, doc.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", BODY_PT)
    pdf.cell(0, 5, f"Periode: {doc.period_label}", align="C", new_x="LMARGIN", new_y="NEXT")
    if doc.as_of is not None:
        pdf.cell(0, 5, f"Posisi per {indonesian_date(doc.as_of)}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for label, value in doc.identity:
        pdf.cell(30, 5, label)
        pdf.cell(0, 5, f": {value}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


class _Fonts:
    """Measures of the table's regular and bold fonts (emoji in both: the one fallback), and their resources."""

    def __init__(self, pdf: _Pdf) -> None:
        emoji = pdf.raw.font(EMOJI_FONT, "", TABLE_PT)
        self.bold = _Measure(pdf.raw.font(FONT, "B", TABLE_PT), emoji)
        self.regular = _Measure(pdf.raw.font(FONT, "", TABLE_PT), emoji)
        self.all = (self.bold.font, self.regular.font, emoji)
        pdf.set_font(FONT, "", TABLE_PT)  # for the empty table's cell


def _header_row(pdf: _Pdf, columns: list[Column], fonts: _Fonts, total_w: float) -> None:
    """Column titles, bold and centred on a shaded band, drawn into the page like the rows."""
    pdf.raw.use_fonts(*fonts.all)
    k, page_h, top = pdf.k, pdf.h, pdf.get_y()
    y0, y1 = (page_h - top) * k, (page_h - top - HEADER_ROW_MM) * k
    baseline = (page_h - top - HEADER_ROW_MM / 2 - 0.35 * TABLE_PT / k) * k
    ops = [f"q {HEADER_FILL} rg {MARGIN_MM * k:.2f} {y1:.2f} {total_w * k:.2f} {HEADER_ROW_MM * k:.2f} re B"]
    texts = [f"0 g BT {fonts.bold.select}"]
    x = MARGIN_MM
    for column in columns:
        ops.append(f"{x * k:.2f} {y0:.2f} m {x * k:.2f} {y1:.2f} l S")
        offset = (column.width_mm - fonts.bold.width(column.title)) / 2
        texts.append(f"1 0 0 1 {(x + offset) * k:.2f} {baseline:.2f} Tm {fonts.bold.show(column.title)}")
        x += column.width_mm
    pdf.raw.write(" ".join([*ops, *texts, "ET Q"]))
    pdf.set_y(top + HEADER_ROW_MM)


def _table(pdf: _Pdf, columns: list[Column], rows: list[LaidOutRow], empty_text: str) -> None:
    fonts = _Fonts(pdf)
    bottom = pdf.h - MARGIN_MM - 6
    total_w = sum(c.width_mm for c in columns)
    _header_row(pdf, columns, fonts, total_w)
    if not rows:
        pdf.cell(total_w, 8, empty_text, border=1, align="C", new_x="LMARGIN", new_y="NEXT")
        return
    measure, grid = fonts.regular, _Grid(pdf, columns, total_w)
    for cells in rows:
        start = 0
        height_lines = max(len(c) for c in cells)
        while start < height_lines:
            room = int((bottom - pdf.get_y() - PAD_MM) // LINE_MM)
            if room < 1 or (start == 0 and height_lines <= _lines_per_page(pdf, bottom) and height_lines > room):
                pdf.add_page()
                _header_row(pdf, columns, fonts, total_w)
                continue
            chunk = min(room, height_lines - start)
            _draw_row(pdf, columns, measure, cells, start, chunk, grid)
            start += chunk


def _lines_per_page(pdf: _Pdf, bottom: float) -> int:
    return int((bottom - MARGIN_MM - HEADER_ROW_MM - PAD_MM) // LINE_MM)


class _Grid:
    """What every row of a table repeats, worked out once per table: each column's left edge and, for left-aligned
    text, its position as written in the content stream."""

    def __init__(self, pdf: _Pdf, columns: list[Column], total_w: float) -> None:
        k = pdf.k
        self.lefts: list[float] = []
        x = MARGIN_MM
        for column in columns:
            self.lefts.append(x)
            x += column.width_mm
        self.text_x = [
            f"{(left + PAD_MM) * k:.2f}" if c.align == "L" else "" for left, c in zip(self.lefts, columns, strict=True)
        ]
        self.rule_x = [f"{x * k:.2f}" for x in [*self.lefts, x]]
        self.span = f"{MARGIN_MM * k:.2f} {{0}} m {(MARGIN_MM + total_w) * k:.2f} {{0}} l S"


def _draw_row(
    pdf: _Pdf, columns: list[Column], measure: _Measure, cells: list[list[str]], start: int, count: int, grid: _Grid
) -> None:
    """One row (or the part of it that fits): all its text in one text object, its rules in one path.

    Writing the content stream directly is what makes 11,000 rows take seconds: fpdf2's text()
    costs a call, an encoding and an output line per line of text.
    """
    k, page_h = pdf.k, pdf.h
    top = pdf.get_y()
    height = count * LINE_MM + PAD_MM
    ys = [f"{(page_h - (top + PAD_MM + (n + 0.75) * LINE_MM)) * k:.2f}" for n in range(count)]
    ops = [f"q 0 g BT {measure.select}"]
    encode, in_fallback = measure.font.encode, measure.in_fallback  # the common case without a call to show()
    for lines, column, x, text_x in zip(cells, columns, grid.lefts, grid.text_x, strict=True):
        for n, line in enumerate(lines[start : start + count] if start or len(lines) > count else lines):
            if not line:
                continue
            shown = f"{encode(line)} Tj" if line.isascii() or in_fallback.isdisjoint(line) else measure.show(line)
            if text_x:
                ops.append(f"1 0 0 1 {text_x} {ys[n]} Tm {shown}")
                continue
            if column.align == "C":
                offset = (column.width_mm - measure.width(line)) / 2
            else:
                offset = column.width_mm - PAD_MM - measure.width(line)
            ops.append(f"1 0 0 1 {(x + offset) * k:.2f} {ys[n]} Tm {shown}")
    y_top, y_bottom = f"{(page_h - top) * k:.2f}", f"{(page_h - top - height) * k:.2f}"
    rules = [f"{x} {y_top} m {x} {y_bottom} l" for x in grid.rule_x]
    rules.append(grid.span.format(y_bottom))
    ops.append("ET Q")
    pdf.raw.write(" ".join(ops))
    pdf.raw.write(" ".join(rules))
    pdf.set_y(top + height)


def _notes(pdf: _Pdf, notes: list[str]) -> None:
    """Lines under a table, wrapped to the page's width."""
    if not notes:
        return
    pdf.ln(1)
    pdf.set_font(FONT, "", TABLE_PT)
    for note in notes:
        if pdf.get_y() + LINE_MM > pdf.h - MARGIN_MM - 6:
            pdf.add_page()
        pdf.multi_cell(0, LINE_MM, note, new_x="LMARGIN", new_y="NEXT")


def _closing(pdf: _Pdf, doc: Document) -> None:
    needed = 8 + 5 * len(doc.totals) + 40
    if pdf.get_y() + needed > pdf.h - MARGIN_MM:
        pdf.add_page()
    pdf.ln(4)
    pdf.set_font(FONT, "B", BODY_PT)
    if doc.totals:
        pdf.cell(0, 5, "Jumlah", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", BODY_PT)
        for label, value in doc.totals:
            pdf.cell(60, 5, label)
            pdf.cell(0, 5, f": {value}", new_x="LMARGIN", new_y="NEXT")
    if doc.signer_name is None and doc.printed_on is None:
        return
    x = pdf.w - MARGIN_MM - 80
    pdf.set_font(FONT, "", BODY_PT)
    pdf.ln(4)
    place = f"{doc.place}, " if doc.place else ""
    when = indonesian_date(doc.printed_on) if doc.printed_on else ""
    for text in (f"{place}{when}", "Mengetahui," if doc.signer_title == "Atasan Langsung" else "", doc.signer_title):
        pdf.set_x(x)
        pdf.cell(80, 5, text, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(18)
    pdf.set_x(x)
    pdf.set_font(FONT, "B", BODY_PT)
    pdf.cell(80, 5, doc.signer_name or "(belum ditetapkan)", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", BODY_PT)
    pdf.set_x(x)
    pdf.cell(80, 5, f"NIP {doc.signer_nip}" if doc.signer_nip else "NIP -", align="C", new_x="LMARGIN", new_y="NEXT")
