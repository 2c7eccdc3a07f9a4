"""The fonts shipped under `chalicelib/fonts/` (Chalice packages only `chalicelib/`) and their family names.

A module of its own so the PDF writers (`pdf.py`, `leave_letter.py`) and fpdf2's wrapper (`fpdf_raw.py`)
share them without importing each other.
"""

from __future__ import annotations

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FONT = "DejaVu"
#: fallback for what DejaVu Sans lacks (emoji); text fpdf2 writes itself falls back to it too
EMOJI_FONT = "NotoEmoji"
