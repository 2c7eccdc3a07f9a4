"""What the hand-laid PDF tables take from fpdf2 beyond its documented API, in one class.

`pdf.py` writes table rows as content-stream operators: fpdf2's `cell()`/`text()` cost a call, an
encoding and an output line per line of text, too slow for 11,000 rows. For that it needs what
fpdf2 does not document:

- appending operators to the current page's content stream (`FPDF._out`), and making an earlier page
  the current one (`FPDF.page`, `FPDF.pages`) to draw its footer once the page count is known;
- declaring a font as used on a page (`FPDF._resource_catalog.add` with `fpdf.enums.PDFResourceType`);
- a loaded font by its key (`FPDF.fonts`), and of that `TTFFont` its resource number (`i`), glyph
  widths (`cw`), character map (`cmap`) and subset (`subset.pick`, which also marks the glyph for
  embedding);
- fpdf2's escaping of PDF strings (`fpdf.util.escape_parens`).

Nothing else in the code touches them. `check_fpdf()` verifies they are all there, and
`tests/unit/test_fpdf_internals.py` runs it and writes a page through `RawPdf`: when an fpdf2
upgrade breaks either, the failure names the installed version and this file.
"""

from __future__ import annotations

from typing import Any

import fpdf
from fpdf import FPDF

from .fonts import FONT_DIR

#: the fpdf2 version this module was written against (requirements.txt pins it)
TESTED_WITH = "2.8.9"


class FpdfChanged(RuntimeError):
    """The installed fpdf2 no longer has what `RawPdf` relies on."""


def _changed(what: str) -> FpdfChanged:
    return FpdfChanged(
        f"fpdf2 {fpdf.FPDF_VERSION} (this code was written against {TESTED_WITH}) changed what "
        f"chalicelib/documents/fpdf_raw.py relies on: {what}. Adapt RawPdf/RawFont to it, or pin fpdf2 back."
    )


try:
    from fpdf.enums import PDFResourceType
    from fpdf.util import escape_parens
except ImportError as exc:  # pragma: no cover - only on an fpdf2 upgrade
    raise _changed(f"cannot import {exc.name or exc}") from exc


class _GlyphMap(dict):
    """Code point → its glyph of the font subset as it stands in a PDF string (two bytes, UTF-16BE, escaped
    like fpdf2's `escape_parens`), picked on first use: a `str.translate` table, so encoding a line is one
    translate."""

    def __init__(self, subset: Any) -> None:
        super().__init__()
        self._pick = subset.pick

    def __missing__(self, code: int) -> str:
        mapped = self._pick(code)
        glyph = chr(mapped).encode("utf-16-be").decode("latin-1") if mapped is not None else ""
        self[code] = value = escape_parens(glyph)
        return value


class RawFont:
    """One font added with `FPDF.add_font`, at one size, as a content stream uses it."""

    def __init__(self, font: Any, size_pt: float, k: float) -> None:
        self.number: int = font.i
        #: the text state operator selecting this font and size
        self.select = f"/F{font.i} {size_pt:.2f} Tf"
        self._cmap: dict[int, Any] = font.cmap
        self._cw: dict[int, float] = font.cw
        self._scale = size_pt / 1000 / k
        self._glyphs = _GlyphMap(font.subset)

    def covers(self, code: int) -> bool:
        """Whether the font has a glyph for the code point."""
        return code in self._cmap

    def code_points(self) -> frozenset[int]:
        return frozenset(self._cmap)

    def char_width(self, ch: str) -> float:
        """The advance of one character, in the document's unit."""
        return self._cw[ord(ch)] * self._scale

    def encode(self, text: str) -> str:
        """The PDF string operand of ``text`` in the font's subset (as fpdf2's own text() writes it)."""
        return f"({text.translate(self._glyphs)})"


class RawPdf:
    """Content-stream access to one fpdf2 document."""

    def __init__(self, pdf: FPDF) -> None:
        self._pdf = pdf

    def font(self, family: str, style: str, size_pt: float) -> RawFont:
        """A font added as ``family``/``style`` (``""`` or ``"B"``), at ``size_pt``."""
        try:
            font = self._pdf.fonts[f"{family.lower()}{style}"]
        except KeyError:
            raise KeyError(f"font {family!r} style {style!r} was not added") from None
        return RawFont(font, size_pt, self._pdf.k)

    def use_fonts(self, *fonts: RawFont) -> None:
        """Declare the fonts in the current page's resources (fpdf2 does that only for text it writes itself)."""
        catalog, page = self._pdf._resource_catalog, self._pdf.page
        for font in fonts:
            catalog.add(PDFResourceType.FONT, font.number, page)

    def on_page(self, number: int) -> None:
        """Make page ``number`` (from 1) the one `write` and `use_fonts` add to (fpdf2's ``page``)."""
        if not 1 <= number <= len(self._pdf.pages):
            raise ValueError(f"no page {number}")
        self._pdf.page = number

    def write(self, operators: str) -> None:
        """Append operators (latin-1 text) to the current page's content stream."""
        self._pdf._out(operators)


def check_fpdf() -> None:
    """Raise `FpdfChanged`, naming the installed fpdf2 version, when something `RawPdf` relies on is gone."""
    missing = []
    if not callable(getattr(FPDF, "_out", None)):
        missing.append("FPDF._out (append to the page's content stream)")
    pdf = FPDF()
    if not callable(getattr(getattr(pdf, "_resource_catalog", None), "add", None)):
        missing.append("FPDF._resource_catalog.add (declare a resource used on a page)")
    if not hasattr(PDFResourceType, "FONT"):
        missing.append("fpdf.enums.PDFResourceType.FONT")
    if not isinstance(getattr(pdf, "fonts", None), dict):
        missing.append("FPDF.fonts (the added fonts by key)")
    else:
        pdf.add_font("Probe", "", str(FONT_DIR / "DejaVuSans.ttf"))
        font = pdf.fonts.get("probe")
        if font is None:
            missing.append('FPDF.fonts keys ("<family lower-cased><style>")')
        else:
            for name, kind in (("i", int), ("cw", dict), ("cmap", dict)):
                if not isinstance(getattr(font, name, None), kind):
                    missing.append(f"TTFFont.{name} ({kind.__name__})")
            if not callable(getattr(getattr(font, "subset", None), "pick", None)):
                missing.append("TTFFont.subset.pick (code point → subset character)")
    if escape_parens("a(b)\\") != "a\\(b\\)\\\\":
        missing.append("fpdf.util.escape_parens (escaping of PDF strings)")
    if missing:
        raise _changed("; ".join(missing))
