"""One contract, two implementations: reports and their day items, in memory and in DynamoDB Local.

The services rely on these behaviours: version conflicts, the per-day slot lock (`DayChanged`), the
tally and slots each status change leaves on the day, and the three reads (own list, a supervisor's
queue oldest first, overdue reports).
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from chalicelib.domain.attendance import AttendanceDay
from chalicelib.domain.errors import Conflict, ValidationError
from chalicelib.domain.reports import Evidence, HistoryEntry, Report, ReportContent, ReportStatus
from chalicelib.store.protocols import DayChanged
from tests.support import make_nip

DAY = date(2026, 3, 2)
SUBMITTED_AT = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


@pytest.fixture(params=["memory", "dynamodb"])
def store(request):
    """(reports, attendance) sharing one day table."""
    if request.param == "memory":
        from chalicelib.store.memory import InMemoryAttendanceRepository, InMemoryReportRepository

        attendance = InMemoryAttendanceRepository()
        return InMemoryReportRepository(attendance), attendance
    request.getfixturevalue("stack")
    from chalicelib.store.attendance import DynamoAttendanceRepository
    from chalicelib.store.reports import DynamoReportRepository

    return DynamoReportRepository(), DynamoAttendanceRepository()


def _report(
    nip: str,
    start: str = "08:00",
    end: str = "09:00",
    *,
    day: date = DAY,
    supervisor: str | None = "197512102000031003",
    at: datetime = SUBMITTED_AT,
    title: str = "Menyusun laporan",
) -> Report:
    """A new SUBMITTED report of ``nip`` (``at``: when it was submitted)."""
    content = ReportContent(day, time.fromisoformat(start), time.fromisoformat(end), title, "Uraian kegiatan", "Hasil")
    return Report(
        uuid.uuid4().hex,
        nip,
        "SKPD-R",
        "SATKER-R",
        supervisor,
        content,
        ReportStatus.SUBMITTED,
        at,
        history=(HistoryEntry(at, nip, "CREATED", {}),),
    )


def _attended(attendance, nip: str, *days: date) -> None:
    for day in days or (DAY,):
        attendance.upsert_sync(nip, day, time(7, 30), time(16, 0), ("SKPD-R", "SATKER-R"))


def _file(reports, attendance, report: Report) -> Report:
    """Create as the service does: read the day, then write against that read."""
    return reports.create(report, attendance.get(report.nip, report.content.day))


def _decided(report: Report, status: ReportStatus) -> Report:
    return replace(report, status=status, decided_by="197512102000031003", decided_at=SUBMITTED_AT)


def _all_pages(read, limit: int) -> list[Report]:
    seen, cursor = [], None
    while True:
        page, cursor = read(cursor, limit)
        assert len(page) <= limit
        seen += page
        if not cursor:
            return seen


class TestReportRepositoryContract:
    def test_create_stores_the_report_and_claims_its_slot(self, store):
        reports, attendance = store
        nip = make_nip()
        _attended(attendance, nip)
        stored = _file(reports, attendance, _report(nip))
        assert stored.version == 1 and reports.get(stored.report_id) == stored
        day = attendance.get(nip, DAY)
        assert day.report_slots == {stored.report_id: (time(8), time(9))}
        assert day.report_counts == {"SUBMITTED": 1, "APPROVED": 0, "REJECTED": 0} and day.report_rev == 1
        assert reports.get(uuid.uuid4().hex) is None

    def test_a_write_against_a_stale_day_is_refused_and_stores_nothing(self, store):
        reports, attendance = store
        nip = make_nip()
        _attended(attendance, nip)
        seen = attendance.get(nip, DAY)
        _file(reports, attendance, _report(nip, start="08:00", end="09:00"))
        late = _report(nip, start="08:30", end="10:00")
        with pytest.raises(DayChanged):
            reports.create(late, seen)
        assert reports.get(late.report_id) is None
        assert list(attendance.get(nip, DAY).report_slots.values()) == [(time(8), time(9))]

    def test_no_day_item_no_report(self, store):
        reports, attendance = store
        report = _report(make_nip())
        assert attendance.get(report.nip, DAY) is None
        with pytest.raises(DayChanged):
            reports.create(report, AttendanceDay(nip=report.nip, day=DAY))
        assert reports.get(report.report_id) is None

    def test_racing_writes_of_one_day_land_once(self, store):
        reports, attendance = store
        nip = make_nip()
        _attended(attendance, nip)
        seen = attendance.get(nip, DAY)
        barrier, outcomes = threading.Barrier(3), []

        def create() -> None:
            barrier.wait()
            try:
                reports.create(_report(nip, start="14:00", end="15:00"), seen)
                outcomes.append("stored")
            except DayChanged:
                outcomes.append("day changed")

        threads = [threading.Thread(target=create) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes) == ["day changed", "day changed", "stored"]
        assert len(attendance.get(nip, DAY).report_slots) == 1

    def test_every_write_needs_the_version_it_read(self, store):
        reports, attendance = store
        nip = make_nip()
        _attended(attendance, nip)
        stored = _file(reports, attendance, _report(nip))
        edited = reports.save(replace(stored, content=replace(stored.content, title="Judul baru")))
        assert edited.version == 2
        day = attendance.get(nip, DAY)
        for write in (
            lambda: reports.save(stored),
            lambda: reports.update(stored, stored, day, day),
            lambda: reports.change_status(stored, _decided(stored, ReportStatus.APPROVED)),
            lambda: reports.create(replace(edited, version=0), day),
        ):
            with pytest.raises(Conflict) as refused:
                write()
            assert refused.value.code == "CONFLICT"
        assert reports.get(stored.report_id) == edited
        assert attendance.get(nip, DAY) == day

    def test_a_stale_version_wins_over_a_stale_day(self, store):
        reports, attendance = store
        nip = make_nip()
        _attended(attendance, nip)
        stale_day = attendance.get(nip, DAY)
        stored = _file(reports, attendance, _report(nip))
        reports.save(stored)
        with pytest.raises(Conflict):
            reports.update(stored, stored, stale_day, stale_day)

    def test_edits_move_the_slot_within_a_day_and_across_days(self, store):
        reports, attendance = store
        nip, other_day = make_nip(), DAY + timedelta(days=1)
        _attended(attendance, nip, DAY, other_day)
        stored = _file(reports, attendance, _report(nip))
        day = attendance.get(nip, DAY)
        later = replace(stored, content=replace(stored.content, start=time(10), end=time(11)))
        moved = reports.update(stored, later, day, day)
        assert moved.version == 2 and attendance.get(nip, DAY).report_slots == {stored.report_id: (time(10), time(11))}
        tomorrow = replace(moved, content=replace(moved.content, day=other_day))
        reports.update(moved, tomorrow, attendance.get(nip, DAY), attendance.get(nip, other_day))
        left, arrived = attendance.get(nip, DAY), attendance.get(nip, other_day)
        assert left.report_slots == {} and left.report_counts["SUBMITTED"] == 0 and left.report_rev == 3
        assert arrived.report_slots == {stored.report_id: (time(10), time(11))}
        assert arrived.report_counts["SUBMITTED"] == 1 and arrived.report_rev == 1
        assert reports.get(stored.report_id).content.day == other_day

    def test_status_changes_move_the_tally_and_free_the_slot_unless_approved(self, store):
        reports, attendance = store
        nip = make_nip()
        _attended(attendance, nip)
        made = [_file(reports, attendance, _report(nip, f"{h:02d}:00", f"{h:02d}:30")) for h in (8, 9, 10)]
        before = attendance.get(nip, DAY)
        for report, status in zip(
            made, (ReportStatus.APPROVED, ReportStatus.REJECTED, ReportStatus.WITHDRAWN), strict=True
        ):
            saved = reports.change_status(report, _decided(report, status))
            assert saved.version == 2 and reports.get(report.report_id) == saved
        day = attendance.get(nip, DAY)
        assert day.report_slots == {made[0].report_id: (time(8), time(8, 30))}
        assert day.report_counts == {"SUBMITTED": 0, "APPROVED": 1, "REJECTED": 1}
        assert day.report_rev == before.report_rev + 3
        with pytest.raises(DayChanged):  # a create holding the day read before the decisions
            reports.create(_report(nip, start="09:00", end="09:30"), before)
        assert day.auto_approved == 0

    def test_an_approval_by_the_sweep_is_counted_apart_on_the_day(self, store):
        """The monthly recap counts auto-approved reports (issue 20) from the day's tally, without reading them."""
        from chalicelib.domain.reports import SYSTEM

        reports, attendance = store
        nip = make_nip()
        _attended(attendance, nip)
        by_sweep, by_supervisor = (
            _file(reports, attendance, _report(nip, f"{h:02d}:00", f"{h:02d}:30")) for h in (8, 9)
        )
        reports.change_status(by_sweep, replace(_decided(by_sweep, ReportStatus.APPROVED), decided_by=SYSTEM))
        reports.change_status(by_supervisor, _decided(by_supervisor, ReportStatus.APPROVED))
        day = attendance.get(nip, DAY)
        assert (day.report_counts["APPROVED"], day.auto_approved) == (2, 1)
        assert attendance.between(nip, DAY, DAY)[0].auto_approved == 1

    def test_own_list_newest_first_with_filters_and_pages(self, store):
        reports, attendance = store
        nip = make_nip()
        days = [DAY + timedelta(days=n) for n in range(3)]
        _attended(attendance, nip, *days)
        made = {}
        for day in days:
            for start, end in (("08:00", "09:00"), ("13:00", "14:00")):
                title = f"Kegiatan {day} {start}"
                made[title] = _file(reports, attendance, _report(nip, start, end, day=day, title=title))
        withdrawn = made.pop(f"Kegiatan {days[0]} 08:00")
        reports.change_status(withdrawn, _decided(withdrawn, ReportStatus.WITHDRAWN))
        approved = made[f"Kegiatan {days[0]} 13:00"]
        reports.change_status(approved, _decided(approved, ReportStatus.APPROVED))

        def listed(cursor=None, limit=10, **filters):
            query = {"first": None, "last": None, "status": None, "text": None, **filters}
            return reports.list_own(nip, cursor=cursor, limit=limit, **query)

        everything = _all_pages(lambda c, n: listed(c, n), 2)
        assert [r.content.title for r in everything] == sorted(made, reverse=True)
        assert [r.report_id for r in listed(status=ReportStatus.APPROVED)[0]] == [approved.report_id]
        middle = listed(first=days[1], last=days[1])[0]
        assert {r.content.day for r in middle} == {days[1]} and len(middle) == 2
        found = listed(text=f"KEGIATAN {days[2]} 13")[0]
        assert [r.content.title for r in found] == [f"Kegiatan {days[2]} 13:00"]
        _, cursor = listed(limit=1)
        with pytest.raises(ValidationError) as refused:
            reports.list_own(make_nip(), first=None, last=None, status=None, text=None, cursor=cursor, limit=1)
        assert refused.value.code == "INVALID_CURSOR"

    def test_a_supervisor_s_queue_is_oldest_first_and_only_submitted(self, store):
        reports, attendance = store
        boss, nip = make_nip(), make_nip()
        _attended(attendance, nip)
        times = [SUBMITTED_AT + timedelta(minutes=m) for m in (30, 10, 20)]
        made = [
            _file(reports, attendance, _report(nip, f"{8 + n:02d}:00", f"{8 + n:02d}:30", supervisor=boss, at=at))
            for n, at in enumerate(times)
        ]
        decided = made[2]
        reports.change_status(decided, _decided(decided, ReportStatus.APPROVED))
        queue = _all_pages(lambda c, n: reports.pending_for(boss, c, n), 1)
        assert [r.report_id for r in queue] == [made[1].report_id, made[0].report_id]
        assert reports.count_pending(boss) == 2
        assert reports.pending_for(make_nip(), None, 10) == ([], None) and reports.count_pending(make_nip()) == 0

    def test_overdue_lists_submitted_reports_up_to_the_instant(self, store):
        reports, attendance = store
        nip = make_nip()
        _attended(attendance, nip)
        old = datetime(2001, 1, 1, tzinfo=UTC)
        waiting = _file(reports, attendance, _report(nip, "08:00", "09:00", at=old))
        unsupervised = _file(reports, attendance, _report(nip, "09:00", "10:00", supervisor=None, at=old + HOUR))
        decided = _file(reports, attendance, _report(nip, "10:00", "11:00", at=old))
        reports.change_status(decided, _decided(decided, ReportStatus.APPROVED))
        fresh = _file(reports, attendance, _report(nip, "11:00", "12:00", at=old + timedelta(days=9)))
        mine = {waiting.report_id, unsupervised.report_id, decided.report_id, fresh.report_id}
        cut = old + HOUR  # the instant the second one was submitted: it counts
        before = {r.report_id for r in reports.overdue(cut - timedelta(seconds=1)) if r.report_id in mine}
        assert before == {waiting.report_id}
        at_cut = {r.report_id for r in reports.overdue(cut) if r.report_id in mine}
        assert at_cut == {waiting.report_id, unsupervised.report_id}

    def test_save_keeps_evidence_and_history(self, store):
        reports, attendance = store
        nip = make_nip()
        _attended(attendance, nip)
        stored = _file(reports, attendance, _report(nip))
        evidence = Evidence("e" * 32, "foto.png", "image/png", 120, f"evidence/{nip}/x.png")
        entry = HistoryEntry(SUBMITTED_AT, nip, "EVIDENCE_ADDED", {"evidence": [None, "foto.png"]})
        saved = reports.save(replace(stored, evidence=(evidence,), history=(*stored.history, entry)))
        assert reports.get(stored.report_id) == saved and saved.version == 2
