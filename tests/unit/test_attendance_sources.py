"""Each source of a day keeps its own times; the day's check-in is the earliest, its check-out the latest."""

from __future__ import annotations

from datetime import date, time

from chalicelib.domain.attendance import AttendanceDay, Session, Source, SourceRecord

NIP = "198001012006041001"
DAY = date(2026, 12, 7)


def test_nothing_recorded_offers_both_sessions():
    day = AttendanceDay(NIP, DAY)
    assert day.records == [] and day.sources == [] and not day.attended
    assert (day.check_in, day.check_out) == (None, None)
    assert not day.recorded(Session.PAGI) and not day.recorded(Session.SORE) and day.recorded_sessions == []


def test_the_machine_and_the_app_each_keep_their_time_and_the_earliest_check_in_counts():
    """Dewi's machine recorded 07.27, then she checked in by the app at 08.31: both show, 07.27 counts."""
    day = AttendanceDay(NIP, DAY, sync_in=time(7, 27), native_in=time(8, 31))
    assert day.records == [
        SourceRecord(Source.SYNC, check_in=time(7, 27), sessions=frozenset({Session.PAGI})),
        SourceRecord(Source.NATIVE, check_in=time(8, 31), sessions=frozenset({Session.PAGI})),
    ]
    assert day.sources == [Source.SYNC, Source.NATIVE]
    assert day.check_in == time(7, 27) and day.check_out is None
    assert day.recorded(Session.PAGI) and not day.recorded(Session.SORE)
    assert day.recorded_sessions == [Session.PAGI]


def test_the_app_earlier_than_the_machine_still_counts_the_earliest():
    day = AttendanceDay(NIP, DAY, sync_in=time(8, 5), native_in=time(7, 45))
    assert day.check_in == time(7, 45)


def test_the_latest_check_out_of_every_source_counts():
    day = AttendanceDay(NIP, DAY, sync_in=time(7, 27), sync_out=time(12, 0), native_out=time(16, 10))
    assert day.check_out == time(16, 10)
    assert day.records[0] == SourceRecord(
        Source.SYNC, time(7, 27), time(12, 0), frozenset({Session.PAGI, Session.SORE})
    )
    assert day.records[1] == SourceRecord(Source.NATIVE, check_out=time(16, 10), sessions=frozenset({Session.SORE}))
    assert day.recorded_sessions == [Session.PAGI, Session.SORE]


def test_a_machine_check_out_alone_leaves_the_check_in_due():
    day = AttendanceDay(NIP, DAY, sync_out=time(16, 2))
    assert day.attended and day.check_in is None and day.check_out == time(16, 2)
    assert not day.recorded(Session.PAGI) and day.recorded(Session.SORE)


def test_an_approved_complaint_covers_its_session_without_a_time():
    day = AttendanceDay(NIP, DAY, native_out=time(16, 0), complaint_sessions=frozenset({Session.PAGI}))
    assert day.records == [
        SourceRecord(Source.NATIVE, check_out=time(16, 0), sessions=frozenset({Session.SORE})),
        SourceRecord(Source.PENGADUAN, sessions=frozenset({Session.PAGI})),
    ]
    assert day.sources == [Source.NATIVE, Source.PENGADUAN] and day.attended
    assert day.check_in is None  # a complaint has no clock time
    assert day.recorded(Session.PAGI) and day.recorded(Session.SORE)
