"""A calendar day's class in words (`services/day_class.py`) over `domain.discipline.classify_day`."""

from __future__ import annotations

from datetime import date, time

from chalicelib.domain.discipline import DayOverrides, Hours, classify_day
from chalicelib.domain.leave import LeaveType
from chalicelib.services.day_class import day_discipline

MONDAY = date(2026, 11, 2)
HOURS = Hours(time(7, 30), time(16, 0), 60)


def _view(**kwargs):
    return day_discipline(classify_day(MONDAY, HOURS, **kwargs), HOURS)


def test_late_and_early_give_both_codes_and_minutes():
    view = _view(check_in=time(7, 42), check_out=time(15, 15))
    assert (view["mark"], view["short"]) == ("TL1", "TL1 · PSW2")
    assert (view["minutes_late"], view["minutes_early"]) == (12, 45)
    assert view["mark_label"] == (
        "Masuk: Terlambat 1–30 menit (TL1) · 12 menit; Pulang: Pulang sebelum waktunya 31–60 menit (PSW2) · 45 menit"
    )
    assert view["expected"] == "07.30–16.00"


def test_on_time_missing_side_and_whole_days():
    on_time = _view(check_in=time(7, 30), check_out=time(16, 0))
    assert (on_time["mark"], on_time["short"], on_time["minutes_late"]) == ("TEPAT_WAKTU", "Tepat", None)
    no_out = _view(check_in=time(7, 0))
    assert no_out["mark"] == "PSW4" and no_out["minutes_early"] is None
    assert no_out["mark_label"].endswith("(PSW4) · tidak ada presensi pulang")
    assert _view()["short"] == "TK"
    leave = _view(overrides=DayOverrides(leave=LeaveType.TAHUNAN))
    assert (leave["mark"], leave["short"], leave["check_in_mark"]) == ("CUTI", "Cuti", None)
    off = day_discipline(classify_day(date(2026, 11, 7), None), None)
    assert (off["mark"], off["short"], off["expected"]) == ("LIBUR", "Libur", None)
