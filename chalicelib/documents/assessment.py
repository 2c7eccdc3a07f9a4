"""The quarter's assessment of an SKP as one A4 document (issue 19; PermenPANRB 6/2022): the employee and the
pejabat penilai, each approved RHK with its indicators, targets and the realisation, the ratings of work results
and work behaviour (with notes on the BerAKHLAK core values), the feedback, the predicate, and the two signature
blocks. Written with fpdf2's public API and the shipped DejaVu Sans; imported only when the PDF is asked for."""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from ..domain.accounts import Employee
from ..domain.assessment import BERAKHLAK, PREDICATE_LABELS, RATING_LABELS, quarter_label
from ..domain.messages import indonesian_date
from ..domain.quarter_assessment import STATUS_LABELS, Sheet
from .fonts import FONT, FONT_DIR

PAGE_W, MARGIN = 210, 14
WIDTH = PAGE_W - 2 * MARGIN
ROW = 5.2
SMALL, BODY, TITLE = 7.5, 8.5, 11


class _Sheet(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_auto_page_break(True, margin=12)
        self.set_margins(MARGIN, 12, MARGIN)
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_title("Penilaian Kinerja Pegawai")
        self.set_creator("Kinerja")

    def font(self, size: float = BODY, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", size)

    def line_of(self, text: str, *, size: float = BODY, bold: bool = False, align: str = "L", h: float = ROW) -> None:
        self.font(size, bold)
        self.multi_cell(WIDTH, h, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, text: str) -> None:
        self.ln(2)
        self.line_of(text, bold=True)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}".replace(".", ",")


def assessment_pdf(sheet: Sheet) -> bytes:
    a = sheet.assessment
    pdf = _Sheet()
    pdf.add_page()
    pdf.line_of("PENILAIAN KINERJA PEGAWAI", size=TITLE, bold=True, align="C")
    pdf.line_of(quarter_label(a.year, a.quarter).upper(), bold=True, align="C")
    pdf.line_of(sheet.skpd_name, align="C")
    pdf.ln(2)

    _people(pdf, sheet)

    pdf.heading("HASIL KERJA")
    realised = {(r.rhk_id, r.indicator): r.value for r in a.realisations}
    pdf.font(SMALL)
    with pdf.table(col_widths=(8, 60, 56, 24, 34), text_align="LEFT", line_height=4.2) as table:
        header = table.row()
        for title in ("No", "Rencana Hasil Kerja", "Indikator", "Target", "Realisasi"):
            header.cell(title)
        for number, target in enumerate(sheet.targets, start=1):
            for index, indicator in enumerate(target.indicators):
                row = table.row()
                row.cell(str(number) if index == 0 else "")
                row.cell(target.text if index == 0 else "")
                row.cell(indicator.text)
                row.cell(f"{_number(indicator.target)} {indicator.unit}")
                row.cell(realised.get((target.rhk_id, index), "-"))

    pdf.heading("RATING")
    pdf.font(BODY)
    for label, value in (
        ("Rating hasil kerja", RATING_LABELS[a.results]),
        ("Rating perilaku kerja", RATING_LABELS[a.behaviour]),
    ):
        pdf.cell(55, ROW, label)
        pdf.cell(WIDTH - 55, ROW, f": {value}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    notes = a.value_notes or {}
    if any(notes.get(v) for v in BERAKHLAK):
        pdf.line_of("Perilaku kerja (BerAKHLAK):", size=SMALL, bold=True, h=4.2)
        for value in BERAKHLAK:
            if notes.get(value):
                pdf.line_of(f"- {value}: {notes[value]}", size=SMALL, h=4.2)

    pdf.heading("UMPAN BALIK")
    pdf.line_of(a.feedback or "-", size=SMALL, h=4.2)

    pdf.heading("PREDIKAT KINERJA PEGAWAI")
    pdf.line_of(PREDICATE_LABELS[a.predicate].upper(), size=TITLE, bold=True)
    pdf.line_of(f"Status: {STATUS_LABELS[a.status]}", size=SMALL, h=4.2)

    _signatures(pdf, sheet)
    return bytes(pdf.output())


def _people(pdf: _Sheet, sheet: Sheet) -> None:
    """The employee assessed and the pejabat penilai, side by side."""
    half = WIDTH / 2
    rows = [("PEGAWAI YANG DINILAI", "PEJABAT PENILAI KINERJA")]
    for label, pick in (("Nama", "name"), ("NIP", "nip"), ("Jabatan", "jabatan")):
        rows.append(
            (
                f"{label}: {_of(sheet.employee, pick, sheet.assessment.nip)}",
                f"{label}: {_of(sheet.penilai, pick, sheet.assessment.penilai_nip)}",
            )
        )
    pdf.font(SMALL)
    with pdf.table(col_widths=(half, half), text_align="LEFT", line_height=4.4, first_row_as_headings=True) as table:
        for left, right in rows:
            row = table.row()
            row.cell(left)
            row.cell(right)


def _of(person: Employee | None, field: str, nip: str) -> str:
    if person is None:
        return nip if field in ("name", "nip") else "-"
    return str(getattr(person, field) or "-")


def _signatures(pdf: _Sheet, sheet: Sheet) -> None:
    """The employee signs that they have read it (the acknowledgement's date), the penilai that they assessed."""
    a = sheet.assessment
    if pdf.get_y() > 240:
        pdf.add_page()
    pdf.ln(6)
    top, half = pdf.get_y(), WIDTH / 2
    place = f"{sheet.city}, " if sheet.city else ""
    blocks = (
        (MARGIN, "Pegawai yang dinilai,", sheet.employee, a.nip, a.acknowledged_at),
        (MARGIN + half, "Pejabat penilai kinerja,", sheet.penilai, a.penilai_nip, a.assessed_at),
    )
    for x, opening, person, nip, when in blocks:
        pdf.set_xy(x, top)
        pdf.font(SMALL)
        dated = f"{place}{indonesian_date(when.date())}" if when else ""
        pdf.cell(half, 4, dated, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.cell(half, 4, opening, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_xy(x, pdf.get_y() + 14)
        pdf.font(BODY, True)
        pdf.cell(half, 4.4, person.name if person else nip, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.font(SMALL)
        pdf.cell(half, 4, f"NIP {nip}", align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
