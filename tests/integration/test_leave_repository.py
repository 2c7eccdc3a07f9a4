"""One contract, two implementations: leave requests and each employee's held days, in memory and in DynamoDB
Local — the conditions the services rely on (version, held-days revision, a day's report revision), a report
against a held day, the gap-free number transaction, and the reads (own list, queues, numbering, an SKPD's)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest

from chalicelib.domain.errors import BusinessRule, Conflict
from chalicelib.domain.leave import (
    LeaveCalendar,
    LeaveRequest,
    LeaveSettings,
    LeaveStatus,
    LeaveType,
    Verdict,
    consider,
    give_number,
)
from chalicelib.domain.reports import HistoryEntry, Report, ReportContent, ReportStatus
from chalicelib.store.protocols import DayChanged
from tests.support import make_nip

AT = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
BOSS, HEAD, NUMBERER = "197512102000031003", "197001011995031001", "198203142006042001"


@pytest.fixture(params=["memory", "dynamodb"])
def store(request):
    """(leave, reports, attendance, settings) sharing one day table."""
    if request.param == "memory":
        from chalicelib.store.memory import (
            InMemoryAttendanceRepository,
            InMemoryLeaveRepository,
            InMemoryLeaveSettings,
            InMemoryReportRepository,
        )

        attendance = InMemoryAttendanceRepository()
        leave = InMemoryLeaveRepository(attendance)
        return leave, InMemoryReportRepository(attendance, leave), attendance, InMemoryLeaveSettings()
    request.getfixturevalue("stack")
    from chalicelib.store.attendance import DynamoAttendanceRepository
    from chalicelib.store.leave import DynamoLeaveRepository, DynamoLeaveSettings
    from chalicelib.store.reports import DynamoReportRepository

    return DynamoLeaveRepository(), DynamoReportRepository(), DynamoAttendanceRepository(), DynamoLeaveSettings()


def _leave(
    nip: str, start: date, end: date, *, skpd: str = "SKPD-L", kind: LeaveType = LeaveType.ALASAN_PENTING, boss=BOSS
):
    return LeaveRequest(
        leave_id=uuid.uuid4().hex,
        nip=nip,
        skpd_id=skpd,
        satker_id="SATKER-L",
        leave_type=kind,
        reason="Keperluan keluarga",
        start=start,
        end=end,
        working_days=(end - start).days + 1,
        address="Jl. Merdeka 1",
        phone="081234567890",
        supervisor_nip=boss,
        official_nip=HEAD,
        status=LeaveStatus.PENDING_CONSIDERATION,
        applied_at=AT,
        balance=((2024, 0), (2025, 6), (2026, 4)),
        history=(HistoryEntry(AT, nip, "APPLIED", {"status": [None, "PENDING_CONSIDERATION"]}),),
    )


def _report(nip: str, day: date) -> Report:
    content = ReportContent(day, time(8), time(9), "Kegiatan", "Uraian", "Hasil")
    return Report(uuid.uuid4().hex, nip, "SKPD-L", "SATKER-L", BOSS, content, ReportStatus.SUBMITTED, AT)


def test_create_holds_the_days_and_reads_back(store):
    leave_store, _, _, _ = store
    nip = make_nip()
    leave = _leave(nip, date(2026, 12, 1), date(2026, 12, 3))
    saved = leave_store.create(leave, leave_store.calendar(nip), {})
    assert saved.version == 1 and leave_store.get(leave.leave_id) == saved
    calendar = leave_store.calendar(nip)
    assert calendar.days == {date(2026, 12, d): leave.leave_id for d in (1, 2, 3)}
    assert calendar.on(date(2026, 12, 2)) == (
        leave.leave_id,
        LeaveType.ALASAN_PENTING,
        LeaveStatus.PENDING_CONSIDERATION,
    )
    assert not calendar.approved_on(date(2026, 12, 2)) and calendar.revision == 1
    assert leave_store.of_employee(nip) == [saved]
    assert leave_store.calendars({nip, make_nip()})[nip] == calendar


def test_two_requests_read_at_the_same_revision_cannot_both_land(store):
    leave_store, _, _, _ = store
    nip = make_nip()
    seen = leave_store.calendar(nip)
    leave_store.create(_leave(nip, date(2026, 12, 1), date(2026, 12, 1)), seen, {})
    with pytest.raises(DayChanged):
        leave_store.create(_leave(nip, date(2026, 12, 8), date(2026, 12, 8)), seen, {})
    assert len(leave_store.of_employee(nip)) == 1


def test_a_report_revision_read_must_still_hold(store):
    leave_store, reports, attendance, _ = store
    nip, day = make_nip(), date(2026, 11, 24)
    attendance.upsert_sync(nip, day, time(7, 30), time(16), ("SKPD-L", "SATKER-L"))
    read = attendance.get(nip, day)
    reports.create(_report(nip, day), read)  # a report lands after the leave read the day
    with pytest.raises(DayChanged):
        leave_store.create(_leave(nip, day, day), leave_store.calendar(nip), {day: read.report_rev})
    assert leave_store.of_employee(nip) == []


def test_no_report_lands_on_a_held_day(store):
    leave_store, reports, attendance, _ = store
    nip, day = make_nip(), date(2026, 11, 24)
    attendance.upsert_sync(nip, day, time(7, 30), time(16), ("SKPD-L", "SATKER-L"))
    read = attendance.get(nip, day)
    leave_store.create(_leave(nip, day, day), leave_store.calendar(nip), {day: read.report_rev})
    with pytest.raises(BusinessRule) as refused:
        reports.create(_report(nip, day), read)
    assert refused.value.code == "DAY_ON_LEAVE"
    assert attendance.get(nip, day).report_slots == {}


def test_changes_are_version_and_revision_checked_and_free_days(store):
    leave_store, _, _, _ = store
    nip = make_nip()
    saved = leave_store.create(_leave(nip, date(2026, 12, 1), date(2026, 12, 2)), leave_store.calendar(nip), {})
    approved = consider(
        replace(saved, official_nip=BOSS), Verdict.APPROVED, by=BOSS, at=AT, note=None
    )  # one step: approved
    stale_calendar = leave_store.calendar(nip)
    done = leave_store.change(saved, approved, stale_calendar)
    assert done.version == 2 and leave_store.calendar(nip).approved_on(date(2026, 12, 1))
    with pytest.raises(Conflict):
        leave_store.change(saved, approved, leave_store.calendar(nip))  # the version read is gone
    cancelled = replace(done, status=LeaveStatus.CANCELLED)
    with pytest.raises(DayChanged):
        leave_store.change(done, cancelled, stale_calendar)  # the held days moved on since
    leave_store.change(done, cancelled, leave_store.calendar(nip))
    assert leave_store.calendar(nip).days == {} and leave_store.get(saved.leave_id).status is LeaveStatus.CANCELLED


def test_queues_numbering_and_the_skpd_list(store):
    leave_store, _, _, settings = store
    skpd = f"SKPD-{uuid.uuid4().hex[:6].upper()}"
    nips, boss = [make_nip() for _ in range(3)], make_nip()
    saved = [
        leave_store.create(
            _leave(n, date(2026, 12, d), date(2026, 12, d), skpd=skpd, boss=boss), leave_store.calendar(n), {}
        )
        for n, d in zip(nips, (1, 2, 3), strict=True)
    ]
    assert leave_store.count_waiting(boss, "CONSIDERATION") == 3 and leave_store.count_waiting(boss, "DECISION") == 0
    page, cursor = leave_store.waiting(boss, "CONSIDERATION", None, 2)
    rest, _ = leave_store.waiting(boss, "CONSIDERATION", cursor, 2)
    assert [i.leave_id for i in page + rest] == sorted(s.leave_id for s in saved)  # oldest first, then by id
    for s in saved[:2]:
        approved = consider(replace(s, official_nip=boss), Verdict.APPROVED, by=boss, at=AT, note=None)
        leave_store.change(s, approved, leave_store.calendar(s.nip))
    assert leave_store.count_numbering(skpd) == 2
    series = f"LEAVE#{skpd}#2026"
    first = leave_store.number(
        saved[0].leave_id, series, lambda cur, seq: give_number(cur, f"{seq}/{skpd}", seq, by=NUMBERER, at=AT)
    )
    assert first.letter_number == f"1/{skpd}" and leave_store.counter(series) == 1
    with pytest.raises(Conflict):  # the rules refuse inside the transaction's read: nothing is taken
        leave_store.number(
            saved[2].leave_id, series, lambda cur, seq: give_number(cur, f"{seq}/{skpd}", seq, by=NUMBERER, at=AT)
        )
    assert leave_store.counter(series) == 1 and leave_store.count_numbering(skpd) == 1
    items, _ = leave_store.of_skpd(
        skpd, date(2026, 12, 2), date(2026, 12, 31), satker_id=None, leave_type=None, status=None, cursor=None, limit=10
    )
    assert sorted(i.leave_id for i in items) == sorted(s.leave_id for s in saved[1:])
    approved_only, _ = leave_store.of_skpd(
        skpd,
        date(2026, 12, 1),
        date(2026, 12, 31),
        satker_id="SATKER-L",
        leave_type=LeaveType.ALASAN_PENTING,
        status=LeaveStatus.APPROVED,
        cursor=None,
        limit=10,
    )
    assert sorted(i.leave_id for i in approved_only) == sorted(s.leave_id for s in saved[:2])  # numbered or not
    own, _ = leave_store.list_own(nips[0], status=LeaveStatus.APPROVED, year=2026, cursor=None, limit=5)
    assert [i.letter_number for i in own] == [f"1/{skpd}"]
    assert settings.get(skpd) == LeaveSettings(skpd)
    stored = settings.save(LeaveSettings(skpd, HEAD, "{seq}/X/{year}"))
    assert settings.get(skpd) == stored and stored.version == 1
    with pytest.raises(Conflict):
        settings.save(LeaveSettings(skpd, HEAD, "{seq}/Y/{year}"))


def test_opening_balances_are_kept_with_the_held_days(store):
    leave_store, _, _, _ = store
    nip = make_nip()
    leave_store.create(_leave(nip, date(2026, 12, 1), date(2026, 12, 1)), leave_store.calendar(nip), {})
    calendar = leave_store.set_opening(nip, 2025, 6)
    assert leave_store.calendar(nip).opening == {2025: 6} == calendar.opening
    assert date(2026, 12, 1) in leave_store.calendar(nip).days
    assert isinstance(leave_store.calendar(make_nip()), LeaveCalendar)


def test_cuti_bersama_worked_by_duty_are_kept_beside_the_opening_balances(store):
    leave_store, _, _, _ = store
    nip = make_nip()
    leave_store.create(_leave(nip, date(2026, 12, 1), date(2026, 12, 1)), leave_store.calendar(nip), {})
    leave_store.set_opening(nip, 2025, 6)
    calendar = leave_store.set_bersama_worked(nip, 2026, 2)
    leave_store.set_bersama_worked(nip, 2025, 1)
    stored = leave_store.calendar(nip)
    assert stored.bersama_worked == {2026: 2, 2025: 1} and calendar.bersama_worked == {2026: 2}
    assert stored.opening == {2025: 6} and date(2026, 12, 1) in stored.days  # the other figures stay
    assert leave_store.set_bersama_worked(nip, 2026, 0).bersama_worked == {2026: 0, 2025: 1}
    assert leave_store.calendar(make_nip()).bersama_worked == {}
