"""The scheduled attendance sync against a loopback server that speaks the documented contract."""

from __future__ import annotations

from datetime import date, time

import pytest

from chalicelib.integrations.attendance_source import AttendanceSourceError, HttpAttendanceSource
from tests.support import make_nip

from .attendance_server import AttendanceServer


def _records(nips: list[str], days: list[str]) -> list[dict]:
    records = []
    for day in days:
        for n, nip in enumerate(nips):
            records.append(
                {"id": f"R-{day}-{n}", "nip": nip, "date": day, "check_in": "07:1" + str(n % 10), "check_out": None}
            )
            records.append(
                {"id": f"R-{day}-{n}-out", "nip": nip, "date": day, "check_in": None, "check_out": "16:05:30"}
            )
    return records


@pytest.fixture
def sync_parts(stack):
    from chalicelib.store.attendance import DynamoAttendanceRepository
    from chalicelib.store.job_state import DynamoJobState

    made = []

    def build(records, page_size=7):
        server = AttendanceServer(records)
        made.append(server)
        source = HttpAttendanceSource(server.url, server.api_key, page_size=page_size)
        return server, source, DynamoAttendanceRepository(), DynamoJobState()

    yield build
    for server in made:
        server.close()


def _sync(source, attendance, state):
    from chalicelib.services.attendance import AttendanceSync
    from chalicelib.store.employees import DynamoEmployeeRepository

    logged = []
    log = lambda message, **extra: logged.append((message, extra))  # noqa: E731
    return AttendanceSync(source, attendance, DynamoEmployeeRepository(), state, log), logged


def test_sync_pages_through_stores_the_cursor_and_is_idempotent(sync_parts, monkeypatch, factory):
    from chalicelib.services import attendance as attendance_service
    from chalicelib.store.exports import ExportReads

    unit = factory.skpd()
    nips = [factory.employee(unit), make_nip(), make_nip()]  # the last two have no account
    records = _records(nips, ["2026-11-19", "2026-11-20"])
    records.insert(3, {"id": "bad", "nip": "123", "date": "2026-11-19", "check_in": "07:00"})
    server, source, attendance, state = sync_parts(records)
    monkeypatch.setattr(attendance_service, "SYNC_JOB", f"sync-{nips[0]}")
    sync, logged = _sync(source, attendance, state)
    summary = sync.run()
    assert summary == {"pages": 2, "stored": 12, "skipped": 1, "unknown_nip": 8}
    assert [r["params"].get("cursor") for r in server.requests] == [None, "7"]
    assert all(r["key"] == server.api_key for r in server.requests)
    day = attendance.get(nips[1], date(2026, 11, 20))
    assert (day.sync_in, day.sync_out) == (time(7, 11), time(16, 5))
    assert logged and logged[0][1]["reason"].startswith("NIP tidak valid")
    assert logged[-1][1] == {"records": 8}
    # the account's days are in its satker's recap index; the others are stored but in no satker
    in_satker = ExportReads().attended_in_satker(*unit, date(2026, 11, 19), date(2026, 11, 20))
    assert in_satker == {nips[0]: {date(2026, 11, 19), date(2026, 11, 20)}}
    assert attendance.get(nips[2], date(2026, 11, 19)).sync_in == time(7, 12)
    # nothing new: one request from the stored cursor, nothing stored
    assert sync.run() == {"pages": 1, "stored": 0, "skipped": 0, "unknown_nip": 0}
    assert server.requests[-1]["params"]["cursor"] == "13"
    # new records are appended at the source: the next run reads only them
    server.records.append({"id": "late", "nip": nips[0], "date": "2026-11-21", "check_in": "07:45", "check_out": None})
    assert sync.run()["stored"] == 1
    assert attendance.get(nips[0], date(2026, 11, 21)).sync_in == time(7, 45)


def test_a_source_failing_half_way_loses_and_doubles_nothing(sync_parts, monkeypatch):
    from chalicelib.services import attendance as attendance_service

    nips = [make_nip() for _ in range(4)]
    records = _records(nips, ["2026-11-16", "2026-11-17", "2026-11-18"])  # 24 records, pages of 7
    server, source, attendance, state = sync_parts(records)
    monkeypatch.setattr(attendance_service, "SYNC_JOB", f"sync-{nips[0]}")
    sync, _ = _sync(source, attendance, state)
    server.fail_from_offset = 14
    with pytest.raises(AttendanceSourceError, match="503"):
        sync.run()
    failed_calls = [r for r in server.requests if r["params"].get("cursor") == "14"]
    assert len(failed_calls) == 5  # first try + 4 retries
    assert state.cursor(f"sync-{nips[0]}") == "14"
    # records 0-13 (pages 1-2) are stored: all of the 16th and the first three employees' check-ins of the 17th
    assert attendance.get(nips[0], date(2026, 11, 17)).sync_out is not None
    assert attendance.get(nips[3], date(2026, 11, 17)) is None
    assert attendance.get(nips[0], date(2026, 11, 18)) is None
    server.fail_from_offset = None
    assert sync.run() == {"pages": 2, "stored": 10, "skipped": 0, "unknown_nip": 10}
    for nip in nips:
        for day in (16, 17, 18):
            record = attendance.get(nip, date(2026, 11, day))
            assert record.sync_in is not None and record.sync_out == time(16, 5)


def test_source_answers_outside_the_contract_are_errors(sync_parts):
    server, source, _, _ = sync_parts([])
    server.api_key = "lain"
    with pytest.raises(AttendanceSourceError, match="401"):
        source.fetch(None)


def test_the_scheduled_function_uses_the_configured_source(stack, monkeypatch):
    from chalice.local import LambdaContext

    from chalicelib.config import reset_settings
    from chalicelib.handlers.attendance_routes import attendance_sync
    from chalicelib.services import container
    from chalicelib.store.attendance import DynamoAttendanceRepository
    from devtools.runner import scheduled_event

    nip = make_nip()
    server = AttendanceServer(
        [{"id": "1", "nip": nip, "date": "2026-11-20", "check_in": "07:00", "check_out": "16:00"}]
    )
    try:
        event = scheduled_event("ap-southeast-3", "attendance_sync")
        assert attendance_sync(event, LambdaContext("attendance_sync", 512)) == {
            "pages": 0,
            "stored": 0,
            "skipped": 0,
            "unknown_nip": 0,
        }
        monkeypatch.setenv("ATTENDANCE_SOURCE_URL", server.url)
        monkeypatch.setenv("ATTENDANCE_SOURCE_KEY", server.api_key)
        reset_settings()
        container.reset()  # the next call builds the services from the changed environment
        result = attendance_sync(event, LambdaContext("attendance_sync", 512))
        assert result["stored"] >= 1
        assert DynamoAttendanceRepository().get(nip, date(2026, 11, 20)).sync_out == time(16, 0)
    finally:
        server.close()
        monkeypatch.delenv("ATTENDANCE_SOURCE_URL", raising=False)
        reset_settings()
        container.reset()
