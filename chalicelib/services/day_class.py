"""A calendar day's class (issue 20) in words: what `domain.discipline.classify_day` decided, with the minutes, as
the employee's calendar shows it (a short text for the cell, a sentence for the day's detail)."""

from __future__ import annotations

from typing import Any

from ..domain.discipline import DayMark, Hours, Mark, SessionMark, mark_label
from ..domain.discipline.rules import Bands
from ..domain.messages import time_span

#: what a calendar cell shows for a mark (a phone's cell is ~44 px wide: the codes TL1… HR and the recap use, and
#: short words; the day's detail and the button's name say it in full)
_SHORT = {
    Mark.TEPAT_WAKTU: "Tepat",  # "Tepat waktu" does not fit a phone's cell; the legend says it
    Mark.IZIN: "Izin",
    Mark.TUGAS_LUAR: "Tugas luar",
    Mark.PENGADUAN: "Aduan",
    Mark.CUTI: "Cuti",
    Mark.TANPA_KETERANGAN: "TK",  # "tanpa keterangan", as attendance sheets abbreviate it (the legend says it)
    Mark.LIBUR: "Libur",
}
_SIDE = {"PAGI": "Masuk", "SORE": "Pulang"}


def day_discipline(mark: DayMark, expected: Hours | None, bands: Bands | None = None) -> dict[str, Any]:
    """``{mark, mark_label, short, check_in_mark, check_out_mark, minutes_late, minutes_early, expected}``: the
    day's mark is the whole-day one, else the first side that is not on time, else on time."""
    sides = mark.sides
    if mark.whole is not None:
        main, label = mark.whole, mark_label(mark.whole, bands)
        short = _SHORT[mark.whole]
    else:
        off = [s.mark for s in sides if s.mark is not Mark.TEPAT_WAKTU]
        main = off[0] if off else Mark.TEPAT_WAKTU
        short = " · ".join(_short(m) for m in off) if off else _SHORT[Mark.TEPAT_WAKTU]
        label = "; ".join(f"{_SIDE[s.session.value]}: {_side_label(s, bands)}" for s in sides)
    late = _measured(mark.check_in)
    early = _measured(mark.check_out)
    return {
        "mark": main.value,
        "mark_label": label,
        "short": short,
        "check_in_mark": mark.check_in.mark.value if mark.check_in else None,
        "check_out_mark": mark.check_out.mark.value if mark.check_out else None,
        "minutes_late": late,
        "minutes_early": early,
        "expected": time_span(expected.check_in, expected.check_out) if expected else None,
    }


def _short(mark: Mark) -> str:
    return _SHORT.get(mark, mark.value)


def _side_label(side: SessionMark, bands: Bands | None) -> str:
    """``Terlambat 1–30 menit (TL1) · 12 menit``; ``… (TL4) · tidak ada presensi masuk`` when nothing was recorded."""
    label = mark_label(side.mark, bands)
    if not side.recorded:
        return f"{label} · tidak ada presensi {_SIDE[side.session.value].lower()}"
    if side.minutes:
        return f"{label} · {side.minutes} menit"
    return label


def _measured(side: SessionMark | None) -> int | None:
    return side.minutes if side is not None and side.minutes else None
