"""A satker's month of discipline, every employee at once (services/discipline_month.py), over the in-memory twins:
the same inputs as the calendar, official duty told apart by the complaint's type, auto-approved reports counted
apart, only days that are over counted."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest

from chalicelib.domain.attendance import Session
from chalicelib.domain.complaints import Complaint, ComplaintStatus, ComplaintType, Letter
from chalicelib.domain.discipline import MonthKey, Permission, PermissionKind, PermissionStatus
from chalicelib.domain.errors import NotFound
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.leave import LeaveCalendar, LeaveRequest, LeaveStatus, LeaveType
from chalicelib.domain.organisation import Satker, Skpd
from tests.unit.world import SATKER, SKPD, Clock, World, actor, at, body

NOVEMBER = MonthKey(2026, 11)  # Monday 2 November 2026
UNIT = (SKPD, SATKER)


def day(n: int) -> date:
    return date(2026, 11, n)


@pytest.fixture
def world() -> World:
    made = World(Clock(at("2026-11-02 03:00")))  # Monday 10.00 WIB
    made.org.save_skpd(Skpd(SKPD, "Dinas Kesehatan", TimeZone.WIB, city="Bandung"))
    made.org.save_satker(Satker(SKPD, SATKER, "Puskesmas Kota", TimeZone.WIB))
    return made


def _leave(world: World, nip: str, on: date, kind: LeaveType) -> None:
    leave = LeaveRequest(
        leave_id=f"L-{nip}-{on}",
        nip=nip,
        skpd_id=SKPD,
        satker_id=SATKER,
        leave_type=kind,
        reason="Sakit demam",
        start=on,
        end=on,
        working_days=1,
        address="Bandung",
        phone="081234567890",
        supervisor_nip="x",
        official_nip="y",
        status=LeaveStatus.APPROVED,
        applied_at=datetime(2026, 11, 1, tzinfo=UTC),
    )
    world.leave_store.create(leave, LeaveCalendar(nip).with_leave(leave), {})


def _permission(world: World, nip: str, on: date, kind: PermissionKind, status: PermissionStatus) -> None:
    world.repositories.permissions.add(
        Permission(f"{nip}.{on}.p", "IZN/2026/000001", nip, SKPD, SATKER, kind, on, "Mengurus KTP di kecamatan",
                   status, datetime(2026, 11, 1, tzinfo=UTC))
    )  # fmt: skip


def _complaint(world: World, nip: str, on: date, session: Session, kind: ComplaintType) -> None:
    store = world.repositories.complaints
    letter = Letter("f", "k", "surat.pdf", "application/pdf", 10)
    filed = store.create(
        Complaint(f"C-{nip}-{on}-{session}", "ADU/2026/000001", nip, SKPD, SATKER, kind, on, session,
                  "Tugas luar kantor", letter, ComplaintStatus.SUBMITTED, datetime(2026, 11, 1, tzinfo=UTC))
    )  # fmt: skip
    store.decide(filed, Complaint(**{**filed.__dict__, "status": ComplaintStatus.APPROVED, "decided_by": "hr"}))


def _sync(world: World, nip: str, on: date, check_in: time | None, check_out: time | None) -> None:
    world.attendance.upsert_sync(nip, on, check_in, check_out, UNIT)


def test_a_satker_month_gives_each_employee_s_figures_sorted_by_name(world):
    budi = world.person(name="Budi")
    ani = world.person(name="ani", supervisor=budi)
    # Budi: 12 minutes late on Monday, 60 minutes early on Tuesday, on time after
    _sync(world, budi.nip, day(2), time(7, 42), time(16, 0))
    _sync(world, budi.nip, day(3), time(7, 30), time(15, 0))
    for n in (4, 5, 9):
        _sync(world, budi.nip, day(n), time(7, 30), time(16, 0))
    _sync(world, budi.nip, day(6), time(7, 30), time(16, 30))  # Friday ends at 16.30
    # Ani: on time with a report the system approves, sick leave, an approved izin pulang cepat, official duty all
    # day, a device failure in the morning, then nothing
    _sync(world, ani.nip, day(2), time(7, 30), time(16, 0))
    world.reports.create(actor(ani), body(day(2)))
    _leave(world, ani.nip, day(3), LeaveType.SAKIT)
    _sync(world, ani.nip, day(4), time(7, 30), time(14, 0))
    _permission(world, ani.nip, day(4), PermissionKind.IZIN_PULANG_CEPAT, PermissionStatus.APPROVED)
    _permission(world, ani.nip, day(9), PermissionKind.IZIN_TIDAK_MASUK, PermissionStatus.REJECTED)
    _complaint(world, ani.nip, day(5), Session.PAGI, ComplaintType.TUGAS_LUAR)
    _complaint(world, ani.nip, day(5), Session.SORE, ComplaintType.TUGAS_LUAR)
    _complaint(world, ani.nip, day(6), Session.PAGI, ComplaintType.MESIN_ERROR)
    _sync(world, ani.nip, day(6), None, time(16, 30))
    world.clock.now = at("2026-11-09 04:00")
    assert world.verification.auto_approve(lambda *a, **k: None) == {"approved": 1, "skipped": 0}
    world.clock.now = at("2026-11-10 03:00")  # Tuesday 10.00 WIB: 1–9 November are over

    rows = world.services.discipline_month.rows(SKPD, SATKER, NOVEMBER)

    assert [r.employee.nip for r in rows] == [ani.nip, budi.nip]
    a, b = rows[0].figures, rows[1].figures
    assert (b.working_days, b.days_attended, b.days_absent) == (6, 6, 0)
    assert {k: v for k, v in b.marks.items() if v} == {"TL1": 1, "PSW2": 1}
    assert (b.late_minutes, b.early_minutes, b.deduction_percent) == (12, 60, Decimal("1.50"))
    assert (a.working_days, a.days_attended, a.days_absent, a.official_duty_days) == (6, 4, 1, 1)
    assert (a.leave_days, a.permissions) == ({"SAKIT": 1}, {"IZIN_PULANG_CEPAT": 1})
    assert {k: v for k, v in a.marks.items() if v} == {}
    assert (a.reports_filed, a.reports_approved, a.reports_rejected, a.reports_auto_approved) == (1, 1, 0, 1)
    assert a.attended_without_approved_report == 3  # 4, 5 and 6 November
    assert a.deduction_percent == Decimal("2.50")
    assert a.days == ()  # the rows keep no per-day classes


def test_official_duty_needs_the_complaint_s_type_which_the_calendar_does_not_have(world):
    ani = world.person(name="Ani")
    _complaint(world, ani.nip, day(2), Session.PAGI, ComplaintType.TUGAS_LUAR)
    world.clock.now = at("2026-12-07 03:00")
    [row] = world.services.discipline_month.rows(SKPD, SATKER, NOVEMBER)
    assert row.figures.official_duty_days == 1
    calendar = world.services.attendance.calendar(actor(ani), _calendar_query("2026-11"))
    assert calendar["figures"]["official_duty_days"] == 0
    assert calendar["figures"]["days_attended"] == row.figures.days_attended == 1


def test_a_past_month_counts_every_day_a_future_one_none(world):
    world.person(name="Ani")
    world.clock.now = at("2026-12-07 03:00")
    [past] = world.services.discipline_month.rows(SKPD, SATKER, NOVEMBER)
    assert (past.figures.working_days, past.figures.days_absent) == (21, 21)
    assert past.figures.deduction_percent == Decimal("100.00")  # ten working days in a row absent
    context, [future] = world.services.discipline_month.satker_month(SKPD, SATKER, MonthKey(2027, 1))
    assert (future.figures.working_days, context.through) == (0, None)


def test_an_empty_satker_has_no_rows_and_an_unknown_one_is_refused(world):
    assert world.services.discipline_month.rows(SKPD, SATKER, NOVEMBER) == []
    with pytest.raises(NotFound) as missing:
        world.services.discipline_month.rows(SKPD, "TIDAK-ADA", NOVEMBER)
    assert missing.value.code == "SATKER_NOT_FOUND"


def _calendar_query(first: str):
    from tests.support import payload

    return payload("CalendarQuery", {"month": first})
