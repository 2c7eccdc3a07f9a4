"""One contract, two implementations: the report coach's read of earlier descriptions (`latest_descriptions`).

It reads only a report's date and description (a projected Query in DynamoDB), and must find what the own list
finds with no filter: live reports, newest first, within the dates, at most ``limit``.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from chalicelib.domain.reports import HistoryEntry, Report, ReportContent, ReportStatus
from tests.support import make_nip

DAY = date(2026, 3, 2)
AT = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


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


def _filed(reports, attendance, nip: str, day: date, start: str, description: str) -> Report:
    end = f"{int(start[:2]) + 1:02d}:00"
    content = ReportContent(day, time.fromisoformat(start), time.fromisoformat(end), "Kegiatan", description, "Hasil")
    report = Report(
        uuid.uuid4().hex,
        nip,
        "SKPD-R",
        "SATKER-R",
        "197512102000031003",
        content,
        ReportStatus.SUBMITTED,
        AT,
        history=(HistoryEntry(AT, nip, "CREATED", {}),),
    )
    return reports.create(report, attendance.get(nip, day))


class TestLatestDescriptionsContract:
    def test_newest_first_live_only_within_the_dates_and_the_limit(self, store):
        reports, attendance = store
        nip, other = make_nip(), make_nip()
        days = [DAY + timedelta(days=n) for n in range(4)]
        for who in (nip, other):
            for day in days:
                attendance.upsert_sync(who, day, time(7, 30), time(16, 0), ("SKPD-R", "SATKER-R"))
        for day in days:
            for start in ("08:00", "13:00"):
                _filed(reports, attendance, nip, day, start, f"Uraian {day} {start}")
        _filed(reports, attendance, other, days[1], "10:00", "Uraian pegawai lain")
        gone = _filed(reports, attendance, nip, days[2], "10:00", "Uraian ditarik")
        reports.change_status(gone, replace(gone, status=ReportStatus.WITHDRAWN))

        found = reports.latest_descriptions(nip, first=days[1], last=days[2], limit=25)

        assert found == [
            (days[2], f"Uraian {days[2]} 13:00"),
            (days[2], f"Uraian {days[2]} 08:00"),
            (days[1], f"Uraian {days[1]} 13:00"),
            (days[1], f"Uraian {days[1]} 08:00"),
        ]
        assert reports.latest_descriptions(nip, first=days[0], last=days[3], limit=3) == [
            (days[3], f"Uraian {days[3]} 13:00"),
            (days[3], f"Uraian {days[3]} 08:00"),
            (days[2], f"Uraian {days[2]} 13:00"),
        ]
        assert reports.latest_descriptions(make_nip(), first=days[0], last=days[3], limit=25) == []
