"""The leave letter: the official "Formulir Permintaan dan Pemberian Cuti" (the annex of Peraturan BKN 24/2017),
filled in, on one A4 page: I data pegawai, II jenis cuti, III alasan, IV lamanya, V catatan cuti, VI alamat
selama cuti, VII pertimbangan atasan langsung, VIII keputusan pejabat yang berwenang; the letter number at the
top. Written with fpdf2's public API and the shipped DejaVu Sans; imported only when a letter is asked for.

Also the HR list of an SKPD's leave as an Excel workbook.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from ..domain.accounts import Employee
from ..domain.leave import STATUS_LABELS, TYPE_LABELS, LeaveRequest, LeaveStatus, LeaveType, Step, Verdict
from ..domain.leave_letter import Letter
from ..domain.messages import indonesian_date
from . import excel
from .fonts import FONT, FONT_DIR

PAGE_W, MARGIN = 210, 14
WIDTH = PAGE_W - 2 * MARGIN
ROW = 5.2
SMALL, BODY, TITLE = 7.5, 8.5, 10.5
CHECK = "\u221a"  # √, as the form marks the chosen box
_FORM_ORDER = [
    (LeaveType.TAHUNAN, LeaveType.BESAR),
    (LeaveType.SAKIT, LeaveType.MELAHIRKAN),
    (LeaveType.ALASAN_PENTING, LeaveType.CLTN),
]
_COLUMNS = [
    (Verdict.APPROVED, "DISETUJUI"),
    (None, "PERUBAHAN****"),
    (Verdict.DEFERRED, "DITANGGUHKAN****"),
    (Verdict.REJECTED, "TIDAK DISETUJUI****"),
]


class _Form(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_auto_page_break(False)
        self.set_margins(MARGIN, 10, MARGIN)
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_title("Formulir Permintaan dan Pemberian Cuti")
        self.set_creator("Kinerja")

    def font(self, size: float = BODY, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", size)

    def box(
        self, w: float, text: str, *, h: float = ROW, bold: bool = False, align: str = "L", size: float = BODY
    ) -> None:
        """One bordered cell of a table row, the cursor moving right."""
        self.font(size, bold)
        self.cell(w, h, text, border=1, align=align, new_x=XPos.RIGHT, new_y=YPos.TOP)

    def heading(self, text: str) -> None:
        self.font(BODY, True)
        self.cell(WIDTH, ROW, text, border=1, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def newline(self, h: float = ROW) -> None:
        self.set_xy(self.l_margin, self.get_y() + h)


def letter_pdf(letter: Letter) -> bytes:
    leave, employee = letter.leave, letter.employee
    pdf = _Form()
    pdf.add_page()
    _addressee(pdf, letter)
    pdf.font(TITLE, True)
    pdf.cell(WIDTH, 6, "FORMULIR PERMINTAAN DAN PEMBERIAN CUTI", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.font(BODY)
    pdf.cell(WIDTH, 5, f"Nomor: {leave.letter_number or '-'}", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.newline(2)

    # I. data pegawai
    pdf.heading("I. DATA PEGAWAI")
    years, months = letter.service
    for label, value, label2, value2 in (
        ("Nama", employee.name, "NIP", employee.nip),
        ("Jabatan", employee.jabatan, "Masa Kerja", f"{years} tahun {months} bulan"),
    ):
        pdf.box(24, label)
        pdf.box(WIDTH / 2 - 24, value)
        pdf.box(24, label2)
        pdf.box(WIDTH / 2 - 24, value2)
        pdf.newline()
    pdf.box(24, "Unit Kerja")
    pdf.box(WIDTH - 24, f"{letter.satker_name}, {letter.skpd_name}")
    pdf.newline()
    pdf.newline(1.5)

    # II. jenis cuti
    pdf.heading("II. JENIS CUTI YANG DIAMBIL**")
    n = 0
    for pair in _FORM_ORDER:
        for kind in pair:
            n += 1
            pdf.box(WIDTH / 2 - 12, f"{n}. {TYPE_LABELS[kind]}")
            pdf.box(12, CHECK if leave.leave_type is kind else "", align="C", bold=True)
        pdf.newline()
    pdf.newline(1.5)

    # III. alasan
    pdf.heading("III. ALASAN CUTI")
    reason = leave.reason + (f" (anak ke-{leave.child_order})" if leave.child_order else "")
    pdf.font(BODY)
    pdf.multi_cell(WIDTH, ROW - 0.8, reason, border=1, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.newline(1.5)

    # IV. lamanya
    pdf.heading("IV. LAMANYA CUTI")
    amount = (
        f"{leave.working_days} hari kerja"
        if leave.leave_type is LeaveType.TAHUNAN
        else f"{leave.calendar_days} hari ({leave.working_days} hari kerja)"
    )
    pdf.box(18, "Selama")
    pdf.box(52, amount)
    pdf.box(26, "mulai tanggal")
    pdf.box(37, indonesian_date(leave.start), align="C")
    pdf.box(10, "s/d", align="C")
    pdf.box(WIDTH - 143, indonesian_date(leave.end), align="C")
    pdf.newline()
    pdf.newline(1.5)

    # V. catatan cuti
    _notes(pdf, letter)
    pdf.newline(1.5)

    # VI. alamat selama cuti
    pdf.heading("VI. ALAMAT SELAMA MENJALANKAN CUTI")
    top = pdf.get_y()
    address_w, phone_w = WIDTH * 0.62, WIDTH * 0.38
    pdf.font(BODY)
    pdf.multi_cell(address_w, ROW - 0.8, leave.address, border="LTR", new_x=XPos.RIGHT, new_y=YPos.TOP)
    pdf.set_xy(MARGIN + address_w, top)
    pdf.box(12, "TELP")
    pdf.box(phone_w - 12, leave.phone)
    pdf.set_xy(MARGIN + address_w, top + ROW)
    _signature(pdf, phone_w, "Hormat saya,", employee.name, employee.nip, leave.applied_at.date(), letter.city)
    bottom = pdf.get_y()
    pdf.rect(MARGIN, top, address_w, bottom - top)
    pdf.set_xy(MARGIN, bottom)
    pdf.newline(1.5)

    # VII and VIII
    _verdict_table(pdf, "VII. PERTIMBANGAN ATASAN LANGSUNG**", leave.consideration, letter.supervisor, letter.city)
    pdf.newline(1.5)
    title = "VIII. KEPUTUSAN PEJABAT YANG BERWENANG MEMBERIKAN CUTI**"
    _verdict_table(pdf, title, leave.decision, letter.official, letter.city)

    # footnotes
    pdf.newline(1.5)
    pdf.font(SMALL)
    for line in (
        "Catatan:",
        "*     Coret yang tidak perlu",
        "**    Pilih salah satu dengan memberi tanda centang (\u221a)",
        "***   Diisi oleh pejabat yang menangani bidang kepegawaian sebelum PNS mengajukan cuti",
        "****  Diberi tanda centang dan alasannya",
    ):
        pdf.cell(WIDTH, 3.4, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if leave.status is LeaveStatus.CANCELLED:
        _cancelled_stamp(pdf, leave)
    return bytes(pdf.output())


def _addressee(pdf: _Form, letter: Letter) -> None:
    """The place and date, and "Kepada Yth." the granting official, top right as on the form."""
    leave, official = letter.leave, letter.official
    x = MARGIN + WIDTH * 0.55
    pdf.font(BODY)
    when = leave.numbered_at.date() if leave.numbered_at else leave.applied_at.date()
    place = f"{letter.city}, " if letter.city else ""
    for line in (
        f"{place}{indonesian_date(when)}",
        "Kepada Yth.",
        official.jabatan if official else "Pejabat yang berwenang memberikan cuti",
        f"di {letter.city or letter.skpd_name}",
    ):
        pdf.set_x(x)
        pdf.cell(WIDTH * 0.45, 4.4, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.newline(2)


def _notes(pdf: _Form, letter: Letter) -> None:
    """V. catatan cuti: annual leave of N-2, N-1 and N on the left, the other types on the right."""
    leave = letter.leave
    pdf.heading("V. CATATAN CUTI***")
    left = WIDTH / 2
    top = pdf.get_y()
    pdf.box(left, "1. CUTI TAHUNAN", bold=True)
    pdf.newline()
    pdf.box(left * 0.25, "Tahun", align="C", bold=True)
    pdf.box(left * 0.2, "Sisa", align="C", bold=True)
    pdf.box(left * 0.55, "Keterangan", align="C", bold=True)
    pdf.newline()
    rows = list(leave.balance) or [(leave.start.year - 2, 0), (leave.start.year - 1, 0), (leave.start.year, 0)]
    for n, (year, remaining) in enumerate(rows):
        note = ["N-2", "N-1", "N"][n] if n < 3 else ""
        if leave.leave_type is LeaveType.TAHUNAN and year == leave.start.year:
            note += f"; diambil {leave.working_days} hari kerja"
        pdf.box(left * 0.25, str(year), align="C")
        pdf.box(left * 0.2, f"{remaining} hari", align="C")
        pdf.box(left * 0.55, note, size=SMALL)
        pdf.newline()
    bottom = pdf.get_y()
    pdf.set_xy(MARGIN + left, top)
    row_h = (bottom - top) / 5
    for number, kind in enumerate(
        (LeaveType.BESAR, LeaveType.SAKIT, LeaveType.MELAHIRKAN, LeaveType.ALASAN_PENTING, LeaveType.CLTN), start=2
    ):
        taken = letter.other_taken.get(kind, 0)
        pdf.set_x(MARGIN + left)
        pdf.box(left * 0.66, f"{number}. {TYPE_LABELS[kind].upper()}", h=row_h, size=SMALL)
        pdf.box(left * 0.34, f"{taken} hari kerja" if taken else "-", h=row_h, align="C", size=SMALL)
        pdf.set_xy(MARGIN + left, pdf.get_y() + row_h)
    pdf.set_xy(MARGIN, bottom)


def _verdict_table(pdf: _Form, title: str, step: Step | None, person: Employee | None, city: str) -> None:
    """The four columns with the chosen one ticked, the reason, and the signature block."""
    pdf.heading(title)
    width = WIDTH / 4
    for _, label in _COLUMNS:
        pdf.box(width, label, align="C", size=SMALL, bold=True)
    pdf.newline()
    for verdict, _ in _COLUMNS:
        chosen = step is not None and verdict is step.verdict
        pdf.box(width, CHECK if chosen else "", align="C", bold=True, h=6)
    pdf.newline(6)
    note = step.note if step and step.note else ""
    if step and step.on_behalf_of:
        note = (note + " " if note else "") + f"(diputuskan oleh {step.by} atas nama {step.on_behalf_of})"
    top = pdf.get_y()
    note_w = WIDTH * 0.55
    pdf.font(SMALL)
    pdf.multi_cell(note_w, 3.6, f"Catatan: {note}" if note else "", border=0, new_x=XPos.RIGHT, new_y=YPos.TOP)
    pdf.set_xy(MARGIN + note_w, top)
    name = person.name if person else (step.by if step else "")
    nip = person.nip if person else (step.by if step else "")
    _signature(pdf, WIDTH - note_w, "", name, nip, step.at.date() if step else None, city)
    pdf.rect(MARGIN, top, WIDTH, pdf.get_y() - top)
    pdf.set_xy(MARGIN, pdf.get_y())


def _signature(pdf: _Form, width: float, opening: str, name: str, nip: str, day: object, city: str) -> None:
    """A signature block: the date (of the step), room to sign, the name underlined and the NIP."""
    x = pdf.get_x()
    pdf.font(SMALL)
    dated = f"{city + ', ' if city else ''}{indonesian_date(day)}" if day else ""  # type: ignore[arg-type]
    for line in (dated, opening):
        if line:
            pdf.set_x(x)
            pdf.cell(width, 3.8, line, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(pdf.get_y() + 8)
    pdf.set_x(x)
    pdf.font(BODY, True)
    pdf.cell(width, 4.2, name, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_x(x)
    pdf.font(SMALL)
    pdf.cell(width, 3.8, f"NIP {nip}" if nip else "", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _cancelled_stamp(pdf: _Form, leave: LeaveRequest) -> None:
    """A cancelled leave keeps its number, marked cancelled across the page, the reason under the footnotes."""
    below = pdf.get_y()
    pdf.set_text_color(180, 0, 0)
    pdf.set_draw_color(180, 0, 0)
    pdf.font(30, True)
    width, height, centre_y = pdf.get_string_width("DIBATALKAN") + 12, 15, 150
    pdf.set_line_width(0.8)
    with pdf.rotation(25, x=PAGE_W / 2, y=centre_y):
        pdf.set_xy(PAGE_W / 2 - width / 2, centre_y - height / 2)
        pdf.cell(width, height, "DIBATALKAN", border=1, align="C")
    pdf.set_line_width(0.2)
    pdf.font(BODY)
    pdf.set_xy(MARGIN, below + 1.5)  # under the footnotes
    pdf.cell(WIDTH, 4, f"Dibatalkan: {leave.cancel_reason or '-'}", align="C")
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)


# -- HR's list as a workbook ---------------------------------------------------------------------------------------

_SHEET_COLUMNS = [
    ("NIP", 21.0, None),
    ("Nama", 28.0, None),
    ("Satker", 16.0, None),
    ("Jenis cuti", 26.0, None),
    ("Mulai", 12.0, excel.DATE_FORMAT),
    ("Selesai", 12.0, excel.DATE_FORMAT),
    ("Hari kerja", 10.0, "0"),
    ("Status", 24.0, None),
    ("Nomor surat", 26.0, None),
    ("Alasan", 40.0, None),
]


def leave_workbook(rows: Sequence[LeaveRequest], people: Mapping[str, Employee], title: str) -> bytes:
    cells = [
        [
            leave.nip,
            people[leave.nip].name if leave.nip in people else "",
            leave.satker_id,
            TYPE_LABELS[leave.leave_type],
            leave.start,
            leave.end,
            leave.working_days,
            STATUS_LABELS[leave.status],
            leave.letter_number or "",
            leave.reason,
        ]
        for leave in rows
    ]
    return excel.workbook_bytes([("Cuti", _SHEET_COLUMNS, cells, [f"Daftar cuti {title}"])])
