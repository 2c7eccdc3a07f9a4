"""One contract, two implementations: attendance days in memory and in DynamoDB Local."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from chalicelib.domain.attendance import AttendanceDay, Session, Source, SourceRecord
from chalicelib.domain.errors import Conflict
from tests.support import make_nip

DAY = date(2026, 4, 6)
UNIT = ("SKPD-A", "SATKER-A")
NO_REPORTS = {"SUBMITTED": 0, "APPROVED": 0, "REJECTED": 0}


@pytest.fixture(params=["memory", "dynamodb"])
def repo(request):
    if request.param == "memory":
        from chalicelib.store.memory import InMemoryAttendanceRepository

        return InMemoryAttendanceRepository()
    request.getfixturevalue("stack")
    from chalicelib.store.attendance import DynamoAttendanceRepository

    return DynamoAttendanceRepository()


class TestAttendanceRepositoryContract:
    def test_sync_upserts_and_a_repeat_changes_nothing(self, repo):
        nip = make_nip()
        assert repo.get(nip, DAY) is None
        repo.upsert_sync(nip, DAY, time(7, 31, 45), None, UNIT)
        repo.upsert_sync(nip, DAY, None, time(16, 2), UNIT)
        repo.upsert_sync(nip, DAY, None, time(16, 2), UNIT)
        expected = AttendanceDay(nip, DAY, sync_in=time(7, 31), sync_out=time(16, 2), report_counts=NO_REPORTS)
        assert repo.get(nip, DAY) == expected and expected.attended
        repo.upsert_sync(nip, DAY + timedelta(days=1), None, None, UNIT)
        assert repo.get(nip, DAY + timedelta(days=1)) is None

    def test_one_native_check_in_and_one_check_out_a_day(self, repo):
        nip = make_nip()
        repo.check_in(nip, UNIT, DAY, Session.PAGI, time(7, 10), 42.4)
        for session, code in ((Session.PAGI, "ALREADY_CHECKED_IN"), (Session.SORE, None)):
            if code is None:
                repo.check_in(nip, UNIT, DAY, session, time(16, 5), None)
                continue
            with pytest.raises(Conflict) as refused:
                repo.check_in(nip, UNIT, DAY, session, time(7, 20), None)
            assert refused.value.code == code
        with pytest.raises(Conflict) as refused:
            repo.check_in(nip, UNIT, DAY, Session.SORE, time(16, 30), None)
        assert refused.value.code == "ALREADY_CHECKED_OUT"
        day = repo.get(nip, DAY)
        assert (day.native_in, day.native_out, day.sync_in) == (time(7, 10), time(16, 5), None)

    def test_between_lists_the_days_with_an_item_in_order(self, repo):
        nip = make_nip()
        for back in (3, 0, 1):
            repo.upsert_sync(nip, DAY - timedelta(days=back), time(7), None, UNIT)
        repo.upsert_sync(make_nip(), DAY, time(7), None, UNIT)
        days = repo.between(nip, DAY - timedelta(days=2), DAY)
        assert [d.day for d in days] == [DAY - timedelta(days=1), DAY]

    def test_each_source_keeps_its_own_times_and_the_day_counts_earliest_in_latest_out(self, repo):
        """The machine's 07.27 and the app's 08.31 are both kept: neither overwrites the other."""
        nip = make_nip()
        repo.upsert_sync(nip, DAY, time(7, 27), None, UNIT)
        repo.check_in(nip, UNIT, DAY, Session.PAGI, time(8, 31), None)
        repo.check_in(nip, UNIT, DAY, Session.SORE, time(16, 5), None)
        repo.upsert_sync(nip, DAY, time(7, 27), time(16, 0), UNIT)  # the sync later re-sends the day, completed
        day = repo.get(nip, DAY)
        assert day.records == [
            SourceRecord(Source.SYNC, time(7, 27), time(16), frozenset({Session.PAGI, Session.SORE})),
            SourceRecord(Source.NATIVE, time(8, 31), time(16, 5), frozenset({Session.PAGI, Session.SORE})),
        ]
        assert (day.check_in, day.check_out) == (time(7, 27), time(16, 5))
        assert day.recorded_sessions == [Session.PAGI, Session.SORE]
        assert [d.records for d in repo.between(nip, DAY, DAY)] == [day.records]
