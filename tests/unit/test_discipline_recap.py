"""The monthly recap: a month of mixed attendance across a holiday gives the expected figures; the deduction sum,
the consecutive-absence rule and the cap; month boundaries in the satker's zone (a check-out after midnight); and a
closed month's corrections."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest

from chalicelib.domain.attendance import Session
from chalicelib.domain.complaints import ComplaintType
from chalicelib.domain.discipline.classification import DayOverrides, Mark
from chalicelib.domain.discipline.closing import close_month, correct
from chalicelib.domain.discipline.month import (
    MonthKey,
    attendance_day,
    month_over,
    parse_month,
    require_open,
)
from chalicelib.domain.discipline.monthly_recap import (
    DayInput,
    ReportTally,
    day_inputs,
    figure_names,
    monthly_figures,
)
from chalicelib.domain.discipline.permissions import Permission, PermissionKind, PermissionStatus
from chalicelib.domain.discipline.rules import DisciplineRules
from chalicelib.domain.discipline.working_hours import Hours, default_schedule, expected_hours
from chalicelib.domain.errors import BusinessRule, Conflict, Forbidden, NotFound, ValidationError
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.leave import LeaveType

NIP, HR = "199001152015032001", "197805202003121002"
DECEMBER = MonthKey(2026, 12)
CHRISTMAS = date(2026, 12, 25)  # a Friday
SCHEDULE = default_schedule(5)
ON_TIME = (time(7, 25), time(16, 35))  # on time on Fridays too


def d(day: int) -> date:
    return date(2026, 12, day)


def permission(day: date, kind: PermissionKind, start=None, end=None) -> Permission:
    return Permission(
        f"{day.day:032d}",
        f"IZN/2026/{day.day:06d}",
        NIP,
        "DINKES",
        "PKM",
        kind,
        day,
        "Keperluan keluarga mendesak",
        PermissionStatus.APPROVED,
        datetime(2026, 12, 1, tzinfo=UTC),
        start=start,
        end=end,
    )


def december():
    """A month of mixed attendance; every other working day is on time with one approved report."""
    special = {
        d(1): (time(7, 45), time(16, 0)),  # TL1 15
        d(2): (time(8, 15), time(15, 40)),  # TL2 45 + PSW1 20
        d(3): (None, None),  # absent without reason
        d(4): (time(7, 30), time(16, 0)),  # Friday: PSW1 30
        d(7): (None, None),  # cuti tahunan
        d(8): (None, None),  # cuti tahunan
        d(9): (None, None),  # cuti sakit
        d(10): (None, None),  # official duty (both sessions)
        d(11): (time(9, 0), time(16, 30)),  # izin terlambat
        d(14): (None, None),  # izin tidak masuk
        d(15): (time(7, 30), None),  # PSW4, no minutes
        d(16): ON_TIME,  # with a mid-day izin keluar kantor
        CHRISTMAS: (time(8, 0), time(12, 0)),  # a holiday: not counted
        d(26): (time(8, 0), time(12, 0)),  # a Saturday: not counted
    }
    overrides = {
        d(7): DayOverrides(leave=LeaveType.TAHUNAN),
        d(8): DayOverrides(leave=LeaveType.TAHUNAN),
        d(9): DayOverrides(leave=LeaveType.SAKIT),
        d(10): DayOverrides(complaints={s: ComplaintType.TUGAS_LUAR for s in Session}),
        d(11): DayOverrides(permissions=(permission(d(11), PermissionKind.IZIN_TERLAMBAT),)),
        d(14): DayOverrides(permissions=(permission(d(14), PermissionKind.IZIN_TIDAK_MASUK),)),
        d(16): DayOverrides(
            permissions=(permission(d(16), PermissionKind.IZIN_KELUAR_KANTOR, time(10, 0), time(11, 0)),)
        ),
    }
    attendance, reports = {}, {}
    for day in DECEMBER.days():
        working = expected_hours(SCHEDULE, day, {CHRISTMAS}) is not None
        if day in special:
            attendance[day] = special[day]
        elif working:
            attendance[day] = ON_TIME
        attended = any(attendance.get(day, (None, None))) or day in (d(10),)
        if working and attended:
            reports[day] = ReportTally(filed=1, approved=1)
    reports[d(1)] = ReportTally(filed=1, rejected=1)
    reports[d(2)] = ReportTally(filed=2, approved=1, auto_approved=1)
    return day_inputs(DECEMBER, SCHEDULE, {CHRISTMAS}, attendance=attendance, overrides=overrides, reports=reports)


def test_a_month_of_mixed_attendance_gives_the_expected_figures():
    row = monthly_figures(NIP, DECEMBER, december())
    assert row.working_days == 22  # 23 weekdays, less Christmas
    assert row.leave_days == {"TAHUNAN": 2, "SAKIT": 1}
    assert row.official_duty_days == 1
    assert row.permissions == {"IZIN_TERLAMBAT": 1, "IZIN_TIDAK_MASUK": 1, "IZIN_KELUAR_KANTOR": 1}
    assert row.days_absent == 1
    assert row.days_attended == 22 - 3 - 1 - 1  # less leave, izin tidak masuk, absence
    assert row.marks == {
        "TL1": 1, "TL2": 1, "TL3": 0, "TL4": 0, "PSW1": 2, "PSW2": 0, "PSW3": 0, "PSW4": 1,
    }  # fmt: skip
    assert (row.late_minutes, row.early_minutes) == (15 + 45, 20 + 30)
    assert (row.reports_filed, row.reports_approved, row.reports_rejected, row.reports_auto_approved) == (18, 16, 1, 1)
    assert row.attended_without_approved_report == 1  # 1 Desember: its only report was rejected
    # TL1 0,5 + (TL2 1 + PSW1 0,5) + absent 2,5 + PSW1 0,5 + PSW4 1,5
    assert row.deduction_percent == Decimal("6.50")
    by_day = {m.day: m for m in row.days}
    assert len(row.days) == 31 and by_day[CHRISTMAS].whole is Mark.LIBUR and by_day[d(26)].whole is Mark.LIBUR
    assert by_day[d(10)].marks == (Mark.TUGAS_LUAR, Mark.TUGAS_LUAR)


def _month_of(check_in, check_out, *, absent_days=()):
    """Every day of December with the same times, except ``absent_days`` (no record)."""
    attendance = {day: (None, None) if day in absent_days else (check_in, check_out) for day in DECEMBER.days()}
    return day_inputs(DECEMBER, SCHEDULE, {CHRISTMAS}, attendance=attendance)


WORKING = [day for day in DECEMBER.days() if expected_hours(SCHEDULE, day, {CHRISTMAS})]


@pytest.mark.parametrize(
    ("inputs", "rules", "percent"),
    [
        # every day TL4 + PSW4 adds up: 22 x 3 %
        (_month_of(time(10, 0), time(13, 0)), DisciplineRules(), "66.00"),
        # ... and stops at the cap
        (
            _month_of(time(10, 0), time(13, 0)),
            DisciplineRules(late=(Decimal(5),) * 4, early=(Decimal(5),) * 4),
            "100.00",
        ),
        (_month_of(time(10, 0), time(13, 0)), DisciplineRules(monthly_cap=Decimal(50)), "50.00"),
        # a daily cap
        (_month_of(time(10, 0), time(13, 0)), DisciplineRules(daily_cap=Decimal(2)), "44.00"),
        # 10 consecutive working days absent (1-14 Desember, weekends skipped): the whole month
        (_month_of(*ON_TIME, absent_days=WORKING[:10]), DisciplineRules(), "100.00"),
        # 9 are not
        (_month_of(*ON_TIME, absent_days=WORKING[:9]), DisciplineRules(), "22.50"),
        # 18 days absent in two runs of 9: no full month, 18 x 2,5 %
        (_month_of(*ON_TIME, absent_days=WORKING[:9] + WORKING[10:19]), DisciplineRules(), "45.00"),
        # without the streak rule every day counts on its own
        (_month_of(*ON_TIME, absent_days=WORKING), DisciplineRules(absent_full_after=None), "55.00"),
        (_month_of(*ON_TIME), DisciplineRules(), "0.00"),
    ],
)
def test_the_deduction_sum_the_streak_and_the_cap(inputs, rules, percent):
    assert monthly_figures(NIP, DECEMBER, inputs, rules=rules).deduction_percent == Decimal(percent)


def test_a_check_out_after_midnight_belongs_to_its_day_and_month():
    last = d(31)
    after_midnight = datetime(2026, 12, 31, 17, 30, tzinfo=UTC)  # 00.30 WIB on 1 Januari
    assert attendance_day(after_midnight, TimeZone.WIB, check_out=True) == last
    assert attendance_day(after_midnight, TimeZone.WIB) == date(2027, 1, 1)
    item = DayInput(last, Hours(time(7, 30), time(16, 0)), time(7, 30), after_midnight)
    row = monthly_figures(NIP, DECEMBER, [item])
    assert row.days[0].check_out.mark is Mark.TEPAT_WAKTU and row.deduction_percent == 0


def test_inputs_outside_the_month_are_a_callers_bug():
    with pytest.raises(ValueError, match="2026-12"):
        monthly_figures(NIP, DECEMBER, [DayInput(date(2027, 1, 4), None)])
    with pytest.raises(ValueError):
        monthly_figures(NIP, DECEMBER, [DayInput(d(1), None), DayInput(d(1), None)])


# -- the month -------------------------------------------------------------------------------------------------


def test_a_month_its_days_label_and_key():
    assert (DECEMBER.first, DECEMBER.last, len(DECEMBER.days())) == (d(1), d(31), 31)
    assert DECEMBER.label == "Desember 2026" and DECEMBER.key == "2026-12"
    assert len(MonthKey(2028, 2).days()) == 29 and MonthKey.of(d(9)) == DECEMBER
    assert parse_month("2026-12") == DECEMBER


@pytest.mark.parametrize("value", ["2026-13", "2026-1", "26-12", "1999-12", "", None, "2026-12-01"])
def test_a_malformed_month_is_refused(value):
    with pytest.raises(ValidationError) as refused:
        parse_month(value)
    assert refused.value.code == "INVALID_MONTH" and refused.value.details == {"field": "month"}


@pytest.mark.parametrize(
    ("now", "zone", "over"),
    [
        (datetime(2026, 12, 31, 16, 59, tzinfo=UTC), TimeZone.WIB, False),  # 23.59 WIB
        (datetime(2026, 12, 31, 17, 30, tzinfo=UTC), TimeZone.WIB, False),  # 00.30 WIB: check-outs still come
        (datetime(2026, 12, 31, 21, 0, tzinfo=UTC), TimeZone.WIB, True),  # 04.00 WIB
        (datetime(2026, 12, 31, 19, 0, tzinfo=UTC), TimeZone.WIT, True),  # 04.00 WIT ...
        (datetime(2026, 12, 31, 19, 0, tzinfo=UTC), TimeZone.WIB, False),  # ... is 02.00 WIB
    ],
)
def test_a_month_is_over_in_the_satkers_zone(now, zone, over):
    assert month_over(DECEMBER, now, zone) is over


def test_a_day_of_a_closed_month_cannot_change():
    require_open(date(2027, 1, 4), {DECEMBER})
    with pytest.raises(Conflict) as refused:
        require_open(d(9), {DECEMBER})
    assert refused.value.code == "MONTH_CLOSED" and "Desember 2026" in refused.value.message


# -- a closed month and its corrections ------------------------------------------------------------------------

CLOSED_AT = datetime(2027, 1, 2, 2, 0, tzinfo=UTC)


def closed():
    return close_month(
        "PKM", DECEMBER, [monthly_figures(NIP, DECEMBER, december())], by=HR, at=CLOSED_AT, zone=TimeZone.WIB
    )


def test_a_month_closes_only_once_it_is_over():
    with pytest.raises(BusinessRule) as refused:
        close_month("PKM", DECEMBER, [], by=HR, at=datetime(2026, 12, 31, 10, 0, tzinfo=UTC), zone=TimeZone.WIB)
    assert refused.value.code == "MONTH_NOT_OVER"
    month = closed()
    assert (month.closed_by, month.closed_at, list(month.figures)) == (HR, CLOSED_AT, [NIP])


def test_a_correction_is_recorded_with_who_when_why_and_the_recap_shows_it():
    month = closed()
    at = datetime(2027, 1, 5, 3, 0, tzinfo=UTC)
    reason = "Surat tugas 2 Desember diterima setelah rekap ditutup"
    month = correct(month, nip=NIP, field="marks.TL2", new=0, reason=reason, by=HR, at=at, day=d(2))
    month = correct(month, nip=NIP, field="deduction_percent", new=Decimal("5.50"), reason=reason, by=HR, at=at)
    month = correct(month, nip=NIP, field="official_duty_days", new=2, reason=reason, by=HR, at=at, day=d(2))
    now = month.current(NIP)
    assert (now.marks["TL2"], now.deduction_percent, now.official_duty_days) == (0, Decimal("5.50"), 2)
    frozen = month.figures[NIP]
    assert (frozen.marks["TL2"], frozen.deduction_percent, frozen.official_duty_days) == (1, Decimal("6.50"), 1)
    first = month.corrections_of(NIP)[0]
    assert (first.field, first.old, first.new, first.by, first.at, first.reason, first.day) == (
        "marks.TL2", 1, 0, HR, at, reason, d(2),
    )  # fmt: skip
    again = correct(month, nip=NIP, field="marks.TL2", new=1, reason=reason, by=HR, at=at)
    assert again.corrections[-1].old == 0 and again.current(NIP).marks["TL2"] == 1


@pytest.mark.parametrize(
    ("changes", "error", "code"),
    [
        ({"nip": "198001012005011001"}, NotFound, "NOT_IN_RECAP"),
        ({"by": NIP}, Forbidden, "SELF_DECISION"),
        ({"field": "nip"}, ValidationError, "INVALID_FIGURE"),
        ({"field": "marks.TANPA_KETERANGAN"}, ValidationError, "INVALID_FIGURE"),
        ({"new": -1}, ValidationError, "INVALID_CORRECTION"),
        ({"new": 1.5}, ValidationError, "INVALID_CORRECTION"),
        ({"field": "deduction_percent", "new": Decimal(101)}, ValidationError, "INVALID_CORRECTION"),
        ({"field": "deduction_percent", "new": 5}, ValidationError, "INVALID_CORRECTION"),
        ({"day": date(2027, 1, 4)}, ValidationError, "DAY_OUTSIDE_MONTH"),
        ({"reason": "salah"}, ValidationError, "INVALID_REASON"),
        ({"new": 1}, BusinessRule, "NOTHING_TO_CORRECT"),
    ],
)
def test_a_correction_that_cannot_stand_is_refused(changes, error, code):
    args = {"nip": NIP, "field": "marks.TL2", "new": 0, "reason": "Koreksi atas pengaduan disetujui", "by": HR}
    with pytest.raises(error) as refused:
        correct(closed(), **{**args, **changes}, at=CLOSED_AT)
    assert refused.value.code == code


def test_every_figure_of_a_row_can_be_named_and_changed():
    row = monthly_figures(NIP, DECEMBER, december())
    for name in figure_names():
        value = row.figure(name)
        assert replace(row).with_figure(name, value).figure(name) == value
    with pytest.raises(KeyError):
        row.figure("days")
