"""What `chalicelib/documents/fpdf_raw.py` takes from fpdf2 beyond its documented API still works.

When an fpdf2 upgrade breaks it, these tests fail with the installed version in the message, before a
PDF comes out garbled.
"""

from __future__ import annotations

import io

import fpdf
import pytest
from fpdf import FPDF
from pypdf import PdfReader

from chalicelib.documents import fpdf_raw
from chalicelib.documents.fonts import EMOJI_FONT, FONT, FONT_DIR

#: parentheses and a backslash: the string escaping is exercised too
SAMPLE = "Rapat (évaluasi) \\ selesai"
VERSION = f"fpdf2 {fpdf.FPDF_VERSION} (fpdf_raw.py was written against {fpdf_raw.TESTED_WITH})"


def _expect(condition: bool, what: str) -> None:
    if not condition:
        pytest.fail(f"{VERSION}: {what} — adapt chalicelib/documents/fpdf_raw.py", pytrace=False)


def test_fpdf2_still_has_what_the_wrapper_uses():
    try:
        fpdf_raw.check_fpdf()
    except fpdf_raw.FpdfChanged as exc:
        pytest.fail(str(exc), pytrace=False)


def test_text_written_through_the_wrapper_reads_back_with_its_fonts():
    try:
        pdf = FPDF(unit="mm", format="A4")
        pdf.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        pdf.add_font(EMOJI_FONT, "", str(FONT_DIR / "NotoEmoji.ttf"))
        pdf.add_page()
        raw = fpdf_raw.RawPdf(pdf)
        text, emoji = raw.font(FONT, "", 10), raw.font(EMOJI_FONT, "", 10)
        raw.use_fonts(text, emoji)
        words, smile = text.encode(SAMPLE), emoji.encode("🙂")
        raw.write(f"BT {text.select} 1 0 0 1 50 700 Tm {words} Tj {emoji.select} {smile} Tj ET")
        data = bytes(pdf.output())
        page = PdfReader(io.BytesIO(data)).pages[0]
        extracted = page.extract_text()
        fonts = page["/Resources"]["/Font"]
    except Exception as exc:  # any failure here is the upgrade's
        pytest.fail(f"{VERSION}: writing a page through RawPdf failed: {exc!r}", pytrace=False)
    _expect(SAMPLE + "🙂" in extracted, f"text written through RawPdf reads back as {extracted!r}")
    _expect({f"/F{text.number}", f"/F{emoji.number}"} <= set(fonts), f"page fonts are {sorted(fonts)}")
    _expect(text.covers(ord("é")) and not text.covers(0x1F642) and emoji.covers(0x1F642), "font coverage changed")
    _expect(0 < text.char_width("i") < text.char_width("W") < 10, "glyph widths are no longer per 1000 em")
    _expect(abs(text.char_width("W") - _advance_mm("W", 10)) < 0.01, "glyph widths differ from the font's own")


def _advance_mm(ch: str, size_pt: float) -> float:
    """The advance width of ``ch`` in DejaVu Sans, read with fontTools."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(FONT_DIR / "DejaVuSans.ttf"), lazy=True)
    advance = font["hmtx"][font.getBestCmap()[ord(ch)]][0]
    return advance / font["head"].unitsPerEm * size_pt * 25.4 / 72
