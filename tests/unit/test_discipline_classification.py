"""The class of an employee-day: the TL/PSW bands at their edges, missing check-in/out, absence, Friday and Ramadan
hours, a check-out after midnight, every override (leave, complaint, each permission kind) and the day's deduction;
and the rules' own validation."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest

from chalicelib.domain.attendance import Session
from chalicelib.domain.complaints import ComplaintType
from chalicelib.domain.discipline.classification import (
    DayOverrides,
    Mark,
    classify_day,
    day_deduction,
    mark_label,
)
from chalicelib.domain.discipline.permissions import Permission, PermissionKind, PermissionStatus
from chalicelib.domain.discipline.rules import Bands, DisciplineRules, check_rules
from chalicelib.domain.discipline.working_hours import RAMADAN_HOURS, default_schedule, expected_hours
from chalicelib.domain.errors import ValidationError
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.leave import LeaveType

MONDAY, FRIDAY = date(2026, 12, 7), date(2026, 12, 11)
SCHEDULE = default_schedule(5)
HOURS = expected_hours(SCHEDULE, MONDAY)  # 07.30-16.00
NIP = "199001152015032001"


def at(minutes_from_midnight: int) -> time:
    return time(minutes_from_midnight // 60, minutes_from_midnight % 60)


IN, OUT = 7 * 60 + 30, 16 * 60


def permission(kind: PermissionKind, status=PermissionStatus.APPROVED, start=None, end=None) -> Permission:
    return Permission(
        "p" * 32,
        "IZN/2026/000001",
        NIP,
        "DINKES",
        "PKM",
        kind,
        MONDAY,
        "Keperluan keluarga mendesak",
        status,
        datetime(2026, 12, 1, tzinfo=UTC),
        start=start,
        end=end,
    )


# -- the bands at their edges ----------------------------------------------------------------------------------

EDGES = [(0, None), (1, 1), (30, 1), (31, 2), (60, 2), (61, 3), (90, 3), (91, 4), (300, 4)]


@pytest.mark.parametrize(("late", "level"), EDGES)
def test_late_arrival_falls_in_its_band(late, level):
    day = classify_day(MONDAY, HOURS, check_in=at(IN + late), check_out=at(OUT))
    assert day.check_in.mark is (Mark(f"TL{level}") if level else Mark.TEPAT_WAKTU)
    assert day.check_in.minutes == (late if level else 0)
    assert day.check_out.mark is Mark.TEPAT_WAKTU and day.whole is None and day.attended


@pytest.mark.parametrize(("early", "level"), EDGES[:-1])
def test_early_leave_falls_in_its_band(early, level):
    day = classify_day(MONDAY, HOURS, check_in=at(IN), check_out=at(OUT - early))
    assert day.check_out.mark is (Mark(f"PSW{level}") if level else Mark.TEPAT_WAKTU)
    assert day.check_out.minutes == (early if level else 0)
    assert day.check_in.mark is Mark.TEPAT_WAKTU


def test_arriving_early_and_leaving_late_are_on_time_and_seconds_are_dropped():
    day = classify_day(MONDAY, HOURS, check_in=time(7, 30, 59), check_out=time(17, 45))
    assert day.marks == (Mark.TEPAT_WAKTU, Mark.TEPAT_WAKTU)
    assert classify_day(MONDAY, HOURS, check_in=time(6, 55), check_out=at(OUT)).check_in.mark is Mark.TEPAT_WAKTU
    assert classify_day(MONDAY, HOURS, check_in=time(7, 31, 0), check_out=at(OUT)).check_in.mark is Mark.TL1


def test_configured_bands_move_the_edges():
    rules = DisciplineRules(bands=Bands((15, 45, 120)))
    marks = [
        classify_day(MONDAY, HOURS, check_in=at(IN + m), check_out=at(OUT), rules=rules).check_in.mark
        for m in (15, 16, 45, 46, 120, 121)
    ]
    assert marks == [Mark.TL1, Mark.TL2, Mark.TL2, Mark.TL3, Mark.TL3, Mark.TL4]


# -- missing times, absence, days off --------------------------------------------------------------------------


def test_a_missing_check_in_is_tl4_and_a_missing_check_out_psw4_without_minutes():
    no_in = classify_day(MONDAY, HOURS, check_out=at(OUT))
    assert no_in.check_in.mark is Mark.TL4 and not no_in.check_in.recorded and no_in.check_in.minutes == 0
    no_out = classify_day(MONDAY, HOURS, check_in=at(IN))
    assert no_out.check_out.mark is Mark.PSW4 and not no_out.check_out.recorded


def test_a_working_day_with_no_record_at_all_is_one_day_absent_without_reason():
    day = classify_day(MONDAY, HOURS)
    assert day.whole is Mark.TANPA_KETERANGAN and day.marks == (Mark.TANPA_KETERANGAN,) and not day.attended
    assert day.check_in is None and day.check_out is None


def test_a_day_off_is_never_classed_even_with_a_check_in():
    saturday = date(2026, 12, 12)
    day = classify_day(saturday, expected_hours(SCHEDULE, saturday), check_in=time(9, 0))
    assert day.whole is Mark.LIBUR and not day.working_day and day.attended


# -- Friday, Ramadan, zones and midnight -----------------------------------------------------------------------


def test_friday_ends_later_so_the_same_check_out_is_early_on_friday_only():
    thursday = classify_day(FRIDAY - timedelta(days=1), HOURS, check_in=at(IN), check_out=time(16, 0))
    friday = classify_day(FRIDAY, expected_hours(SCHEDULE, FRIDAY), check_in=at(IN), check_out=time(16, 0))
    assert thursday.check_out.mark is Mark.TEPAT_WAKTU
    assert (friday.check_out.mark, friday.check_out.minutes) == (Mark.PSW1, 30)


def test_a_six_day_pattern_classes_saturday_on_its_short_hours():
    saturday, six = date(2026, 12, 12), default_schedule(6)
    day = classify_day(saturday, expected_hours(six, saturday), check_in=time(7, 30), check_out=time(12, 0))
    assert (day.check_out.mark, day.check_out.minutes) == (Mark.PSW1, 30)
    weekday = classify_day(MONDAY, expected_hours(six, MONDAY), check_in=time(7, 30), check_out=time(14, 30))
    assert weekday.marks == (Mark.TEPAT_WAKTU, Mark.TEPAT_WAKTU)


@pytest.mark.parametrize(
    ("check_in", "mark", "minutes"),
    [(time(7, 59), Mark.TEPAT_WAKTU, 0), (time(8, 0), Mark.TEPAT_WAKTU, 0), (time(8, 31), Mark.TL2, 31)],
)
def test_ramadan_hours_start_at_eight(check_in, mark, minutes):
    thursday = date(2026, 2, 19)
    day = classify_day(thursday, RAMADAN_HOURS[3], check_in=check_in, check_out=time(15, 0))
    assert (day.check_in.mark, day.check_in.minutes) == (mark, minutes)
    assert day.check_out.mark is Mark.TEPAT_WAKTU


def test_aware_times_are_read_in_the_satkers_zone_and_a_check_out_after_midnight_is_not_early():
    check_in = datetime(2026, 12, 7, 0, 0, tzinfo=UTC)  # 08.00 WITA, 07.00 WIB
    check_out = datetime(2026, 12, 7, 16, 30, tzinfo=UTC)  # 00.30 WITA the next day
    wita = classify_day(MONDAY, HOURS, check_in=check_in, check_out=check_out, zone=TimeZone.WITA)
    assert (wita.check_in.mark, wita.check_in.minutes) == (Mark.TL1, 30)
    assert wita.check_out.mark is Mark.TEPAT_WAKTU
    wib = classify_day(MONDAY, HOURS, check_in=check_in, check_out=check_out, zone=TimeZone.WIB)
    assert wib.check_in.mark is Mark.TEPAT_WAKTU and wib.check_out.mark is Mark.TEPAT_WAKTU
    naive = classify_day(MONDAY, HOURS, check_in=datetime(2026, 12, 7, 9, 5), check_out=at(OUT))
    assert (naive.check_in.mark, naive.check_in.minutes) == (Mark.TL4, 95)


# -- overrides -------------------------------------------------------------------------------------------------

LATE_IN, EARLY_OUT = time(9, 45), time(14, 0)  # TL4 (135) and PSW4 (120) without an override


@pytest.mark.parametrize(
    ("overrides", "times", "expected"),
    [
        # leave: the whole day, whatever the clock says
        (DayOverrides(leave=LeaveType.TAHUNAN), (LATE_IN, EARLY_OUT), (Mark.CUTI, "TAHUNAN")),
        (DayOverrides(leave=LeaveType.SAKIT), (None, None), (Mark.CUTI, "SAKIT")),
        # izin tidak masuk: the whole day
        (
            DayOverrides(permissions=(permission(PermissionKind.IZIN_TIDAK_MASUK),)),
            (None, None),
            (Mark.IZIN, "IZIN_TIDAK_MASUK"),
        ),
        # leave wins over a permission on the same day
        (
            DayOverrides(leave=LeaveType.TAHUNAN, permissions=(permission(PermissionKind.IZIN_TIDAK_MASUK),)),
            (None, None),
            (Mark.CUTI, "TAHUNAN"),
        ),
    ],
)
def test_whole_day_overrides(overrides, times, expected):
    day = classify_day(MONDAY, HOURS, check_in=times[0], check_out=times[1], overrides=overrides)
    assert (day.whole, day.by) == expected and day.sides == ()


def _sides(overrides, check_in=LATE_IN, check_out=EARLY_OUT):
    day = classify_day(MONDAY, HOURS, check_in=check_in, check_out=check_out, overrides=overrides)
    return [(s.mark, s.minutes, s.by) for s in day.sides]


KELUAR = PermissionKind.IZIN_KELUAR_KANTOR


@pytest.mark.parametrize(
    ("overrides", "times", "expected"),
    [
        # an approved complaint: PAGI replaces the check-in side, SORE the check-out side
        (
            DayOverrides(complaints={Session.PAGI: ComplaintType.TUGAS_LUAR}),
            (None, at(OUT)),
            [(Mark.TUGAS_LUAR, 0, "TUGAS_LUAR"), (Mark.TEPAT_WAKTU, 0, None)],
        ),
        (
            DayOverrides(complaints={Session.SORE: ComplaintType.MESIN_ERROR}),
            (time(8, 10), None),
            [(Mark.TL2, 40, None), (Mark.PENGADUAN, 0, "MESIN_ERROR")],
        ),
        (
            DayOverrides(complaints={Session.PAGI: ComplaintType.TUGAS_LUAR}),
            (None, None),
            [(Mark.TUGAS_LUAR, 0, "TUGAS_LUAR"), (Mark.PSW4, 0, None)],
        ),
        # izin terlambat: the check-in side; izin pulang cepat: the check-out side
        (
            DayOverrides(permissions=(permission(PermissionKind.IZIN_TERLAMBAT),)),
            (LATE_IN, at(OUT)),
            [(Mark.IZIN, 0, "IZIN_TERLAMBAT"), (Mark.TEPAT_WAKTU, 0, None)],
        ),
        (
            DayOverrides(permissions=(permission(PermissionKind.IZIN_PULANG_CEPAT),)),
            (LATE_IN, EARLY_OUT),
            [(Mark.TL4, 135, None), (Mark.IZIN, 0, "IZIN_PULANG_CEPAT")],
        ),
        # an approved izin terlambat keeps a day with no record from being "absent without reason"
        (
            DayOverrides(permissions=(permission(PermissionKind.IZIN_TERLAMBAT),)),
            (None, None),
            [(Mark.IZIN, 0, "IZIN_TERLAMBAT"), (Mark.PSW4, 0, None)],
        ),
        # only approved permissions count
        (
            DayOverrides(permissions=(permission(PermissionKind.IZIN_TERLAMBAT, PermissionStatus.SUBMITTED),)),
            (LATE_IN, at(OUT)),
            [(Mark.TL4, 135, None), (Mark.TEPAT_WAKTU, 0, None)],
        ),
        (
            DayOverrides(permissions=(permission(PermissionKind.IZIN_PULANG_CEPAT, PermissionStatus.REJECTED),)),
            (at(IN), EARLY_OUT),
            [(Mark.TEPAT_WAKTU, 0, None), (Mark.PSW4, 120, None)],
        ),
        # izin keluar kantor from the day's start excuses arriving until its end ...
        (
            DayOverrides(permissions=(permission(KELUAR, start=time(7, 30), end=time(9, 0)),)),
            (time(8, 45), at(OUT)),
            [(Mark.IZIN, 0, "IZIN_KELUAR_KANTOR"), (Mark.TEPAT_WAKTU, 0, None)],
        ),
        (
            DayOverrides(permissions=(permission(KELUAR, start=time(7, 30), end=time(9, 0)),)),
            (time(9, 20), at(OUT)),
            [(Mark.TL1, 20, None), (Mark.TEPAT_WAKTU, 0, None)],
        ),
        (
            DayOverrides(permissions=(permission(KELUAR, start=time(7, 30), end=time(9, 0)),)),
            (None, at(OUT)),
            [(Mark.TL4, 0, None), (Mark.TEPAT_WAKTU, 0, None)],
        ),
        # ... up to the day's end excuses leaving from its start
        (
            DayOverrides(permissions=(permission(KELUAR, start=time(14, 0), end=time(16, 0)),)),
            (at(IN), time(14, 30)),
            [(Mark.TEPAT_WAKTU, 0, None), (Mark.IZIN, 0, "IZIN_KELUAR_KANTOR")],
        ),
        (
            DayOverrides(permissions=(permission(KELUAR, start=time(14, 0), end=time(16, 0)),)),
            (at(IN), time(13, 0)),
            [(Mark.TEPAT_WAKTU, 0, None), (Mark.PSW2, 60, None)],
        ),
        # ... and in the middle of the day changes no class
        (
            DayOverrides(permissions=(permission(KELUAR, start=time(10, 0), end=time(11, 0)),)),
            (time(7, 40), at(OUT)),
            [(Mark.TL1, 10, None), (Mark.TEPAT_WAKTU, 0, None)],
        ),
        # a complaint wins over a permission on the same side
        (
            DayOverrides(
                complaints={Session.PAGI: ComplaintType.TUGAS_LUAR},
                permissions=(permission(PermissionKind.IZIN_TERLAMBAT),),
            ),
            (None, at(OUT)),
            [(Mark.TUGAS_LUAR, 0, "TUGAS_LUAR"), (Mark.TEPAT_WAKTU, 0, None)],
        ),
    ],
)
def test_session_overrides_replace_the_class_of_their_side_only(overrides, times, expected):
    assert _sides(overrides, *times) == expected


def test_a_mid_day_izin_keluar_kantor_does_not_excuse_a_day_with_no_record():
    overrides = DayOverrides(permissions=(permission(KELUAR, start=time(10, 0), end=time(11, 0)),))
    assert classify_day(MONDAY, HOURS, overrides=overrides).whole is Mark.TANPA_KETERANGAN


# -- the day's deduction ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("check_in", "check_out", "overrides", "rules", "percent"),
    [
        (at(IN), at(OUT), DayOverrides(), DisciplineRules(), "0"),
        (at(IN + 1), at(OUT), DayOverrides(), DisciplineRules(), "0.5"),
        (at(IN + 45), at(OUT - 75), DayOverrides(), DisciplineRules(), "2.25"),  # TL2 + PSW3 add up
        (None, None, DayOverrides(), DisciplineRules(), "2.5"),  # absent without reason
        (None, at(OUT - 5), DayOverrides(), DisciplineRules(), "2.0"),  # TL4 + PSW1
        (at(IN + 200), at(OUT - 200), DayOverrides(), DisciplineRules(daily_cap=Decimal(2)), "2"),
        (None, None, DayOverrides(leave=LeaveType.TAHUNAN), DisciplineRules(), "0"),
        (
            None,
            None,
            DayOverrides(permissions=(permission(PermissionKind.IZIN_TIDAK_MASUK),)),
            DisciplineRules(permission_rates={"IZIN_TIDAK_MASUK": Decimal(2)}),
            "2",
        ),
        (
            LATE_IN,
            at(OUT),
            DayOverrides(permissions=(permission(PermissionKind.IZIN_TERLAMBAT),)),
            DisciplineRules(),
            "0",
        ),
    ],
)
def test_the_days_deduction(check_in, check_out, overrides, rules, percent):
    day = classify_day(MONDAY, HOURS, check_in=check_in, check_out=check_out, overrides=overrides, rules=rules)
    assert day_deduction(day, rules) == Decimal(percent)


def test_labels_name_the_band_in_bahasa_indonesia():
    assert mark_label(Mark.TL1) == "Terlambat 1–30 menit (TL1)"
    assert mark_label(Mark.PSW3) == "Pulang sebelum waktunya 61–90 menit (PSW3)"
    assert mark_label(Mark.TL4) == "Terlambat lebih dari 90 menit (TL4)"
    assert mark_label(Mark.TL2, Bands((15, 45, 120))) == "Terlambat 16–45 menit (TL2)"
    assert mark_label(Mark.TANPA_KETERANGAN) == "Tidak masuk tanpa keterangan"
    assert all(mark_label(m) for m in Mark)


# -- the rules' validation -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rules", "field", "code"),
    [
        (DisciplineRules(bands=Bands((30, 30, 90))), "bands", "INVALID_BANDS"),
        (DisciplineRules(bands=Bands((0, 60, 90))), "bands", "INVALID_BANDS"),
        (DisciplineRules(bands=Bands((30, 60))), "bands", "INVALID_BANDS"),
        (DisciplineRules(late=(Decimal(1), Decimal(1), Decimal(1), Decimal(101))), "late.4", "INVALID_PERCENT"),
        (DisciplineRules(early=(Decimal(-1), Decimal(1), Decimal(1), Decimal(1))), "early.1", "INVALID_PERCENT"),
        (DisciplineRules(absent_per_day=2.5), "absent_per_day", "INVALID_PERCENT"),
        (DisciplineRules(daily_cap=Decimal("NaN")), "daily_cap", "INVALID_PERCENT"),
        (
            DisciplineRules(permission_rates={"IZIN_TIDAK_MASUK": Decimal(200)}),
            "permission_rates.IZIN_TIDAK_MASUK",
            "INVALID_PERCENT",
        ),
        (DisciplineRules(absent_full_after=0), "absent_full_after", "INVALID_STREAK"),
    ],
)
def test_rules_an_skpd_cannot_mean_are_refused(rules, field, code):
    with pytest.raises(ValidationError) as refused:
        check_rules(rules)
    assert (refused.value.code, refused.value.details) == (code, {"field": field})


def test_the_default_rules_are_valid_and_documented():
    rules = check_rules(DisciplineRules(absent_full_after=None))
    assert rules.late == rules.early == (Decimal("0.5"), Decimal(1), Decimal("1.25"), Decimal("1.5"))
    assert rules.absent_per_day == Decimal("2.5") and DisciplineRules().absent_full_after == 10
