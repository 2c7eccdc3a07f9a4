"""Permission requests (izin): the rules of a request, the sessions an approved one overrides, duplicates, the
supervisor's decision, withdrawal, labels and references."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from chalicelib.domain.attendance import Session
from chalicelib.domain.discipline.permissions import (
    KIND_LABELS,
    STATUS_LABELS,
    Permission,
    PermissionKind,
    PermissionRequest,
    PermissionStatus,
    check_no_duplicate,
    check_request,
    decide,
    parse_kind,
    parse_status,
    reference,
    reference_series,
    sessions_overridden,
    withdraw,
)
from chalicelib.domain.discipline.working_hours import Hours
from chalicelib.domain.errors import BusinessRule, Conflict, Forbidden, ValidationError

TODAY = date(2026, 12, 9)
HOURS = Hours(time(7, 30), time(16, 0), 60)
NIP, BOSS = "199001152015032001", "197805202003121002"
REASON = "Mengantar anak ke rumah sakit"
KELUAR = PermissionKind.IZIN_KELUAR_KANTOR


def request(kind=PermissionKind.IZIN_TERLAMBAT, day=TODAY, reason=REASON, start=None, end=None) -> PermissionRequest:
    return PermissionRequest(kind, day, reason, start, end)


def stored(kind=PermissionKind.IZIN_TERLAMBAT, status=PermissionStatus.SUBMITTED, day=TODAY) -> Permission:
    return Permission(
        "a" * 32,
        "IZN/2026/000007",
        NIP,
        "DINKES",
        "PKM",
        kind,
        day,
        REASON,
        status,
        datetime(2026, 12, 8, 1, 0, tzinfo=UTC),
        version=1,
    )


# -- a request -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("offset", [-7, -1, 0, 1, 30])
def test_dates_inside_the_window_are_accepted(offset):
    check_request(request(day=TODAY + timedelta(days=offset)), today=TODAY, expected=HOURS)


@pytest.mark.parametrize(
    ("offset", "code", "words"), [(-8, "DATE_TOO_OLD", "paling awal 2 Desember 2026"), (31, "DATE_TOO_FAR", "30")]
)
def test_dates_outside_the_window_are_refused(offset, code, words):
    with pytest.raises(BusinessRule) as refused:
        check_request(request(day=TODAY + timedelta(days=offset)), today=TODAY, expected=HOURS)
    assert refused.value.code == code and words in refused.value.message
    assert refused.value.details["field"] == "day"


def test_the_window_is_configurable():
    check_request(request(day=TODAY - timedelta(days=20)), today=TODAY, expected=HOURS, window_days=30)
    with pytest.raises(BusinessRule, match="3 hari"):
        check_request(request(day=TODAY - timedelta(days=4)), today=TODAY, expected=HOURS, window_days=3)


def test_a_day_that_is_not_a_working_day_needs_no_permission():
    with pytest.raises(BusinessRule) as refused:
        check_request(request(day=date(2026, 12, 12)), today=TODAY, expected=None)
    assert refused.value.code == "NOT_A_WORKING_DAY" and "12 Desember 2026" in refused.value.message


@pytest.mark.parametrize("reason", ["", "   ", "sakit", "x" * 501])
def test_every_kind_needs_a_reason_of_10_to_500_characters(reason):
    for kind in (PermissionKind.IZIN_TIDAK_MASUK, PermissionKind.IZIN_TERLAMBAT):
        with pytest.raises(ValidationError) as refused:
            check_request(request(kind=kind, reason=reason), today=TODAY, expected=HOURS)
        assert (refused.value.code, refused.value.details) == ("INVALID_REASON", {"field": "reason"})


def test_the_reason_is_trimmed():
    checked = check_request(request(reason=f"  {REASON}  "), today=TODAY, expected=HOURS)
    assert checked.reason == REASON


@pytest.mark.parametrize(
    ("kind", "start", "end", "error", "code", "field"),
    [
        (KELUAR, None, time(11, 0), ValidationError, "RANGE_REQUIRED", "start"),
        (KELUAR, time(10, 0), None, ValidationError, "RANGE_REQUIRED", "end"),
        (KELUAR, time(10, 0, 30), time(11, 0), ValidationError, "TIME_NOT_ON_MINUTE", "start"),
        (KELUAR, time(11, 0), time(11, 0), ValidationError, "INVALID_TIME_RANGE", "end"),
        (KELUAR, time(11, 0), time(10, 0), ValidationError, "INVALID_TIME_RANGE", "end"),
        (KELUAR, time(7, 0), time(9, 0), BusinessRule, "OUTSIDE_WORKING_HOURS", "start"),
        (KELUAR, time(15, 0), time(16, 30), BusinessRule, "OUTSIDE_WORKING_HOURS", "end"),
        (KELUAR, time(7, 30), time(16, 0), BusinessRule, "RANGE_IS_WHOLE_DAY", "kind"),
        (PermissionKind.IZIN_TERLAMBAT, time(7, 30), time(9, 0), ValidationError, "RANGE_NOT_ALLOWED", "start"),
        (PermissionKind.IZIN_TIDAK_MASUK, None, time(9, 0), ValidationError, "RANGE_NOT_ALLOWED", "start"),
    ],
)
def test_time_ranges_belong_to_izin_keluar_kantor_inside_the_days_hours(kind, start, end, error, code, field):
    with pytest.raises(error) as refused:
        check_request(request(kind=kind, start=start, end=end), today=TODAY, expected=HOURS)
    assert refused.value.code == code and refused.value.details["field"] == field


@pytest.mark.parametrize(
    ("start", "end"), [(time(7, 30), time(9, 0)), (time(10, 0), time(11, 0)), (time(14, 0), time(16, 0))]
)
def test_a_range_inside_the_days_hours_is_accepted(start, end):
    checked = check_request(request(kind=KELUAR, start=start, end=end), today=TODAY, expected=HOURS)
    assert (checked.start, checked.end) == (start, end)


# -- the sessions it overrides ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "start", "end", "sessions"),
    [
        (PermissionKind.IZIN_TERLAMBAT, None, None, {Session.PAGI}),
        (PermissionKind.IZIN_PULANG_CEPAT, None, None, {Session.SORE}),
        (PermissionKind.IZIN_TIDAK_MASUK, None, None, {Session.PAGI, Session.SORE}),
        (KELUAR, time(7, 30), time(9, 0), {Session.PAGI}),
        (KELUAR, time(14, 0), time(16, 0), {Session.SORE}),
        (KELUAR, time(7, 30), time(16, 0), {Session.PAGI, Session.SORE}),
        (KELUAR, time(10, 0), time(11, 0), set()),
        (KELUAR, None, None, set()),
    ],
)
def test_which_sessions_an_approved_permission_overrides(kind, start, end, sessions):
    assert sessions_overridden(kind, HOURS, start, end) == sessions


# -- duplicates ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("existing", "asked", "refused"),
    [
        (stored(), PermissionKind.IZIN_TERLAMBAT, True),
        (stored(status=PermissionStatus.APPROVED), PermissionKind.IZIN_TERLAMBAT, True),
        (stored(status=PermissionStatus.REJECTED), PermissionKind.IZIN_TERLAMBAT, False),
        (stored(status=PermissionStatus.WITHDRAWN), PermissionKind.IZIN_TERLAMBAT, False),
        (stored(day=TODAY - timedelta(days=1)), PermissionKind.IZIN_TERLAMBAT, False),
        (stored(), PermissionKind.IZIN_PULANG_CEPAT, False),
        (stored(kind=PermissionKind.IZIN_TIDAK_MASUK), PermissionKind.IZIN_PULANG_CEPAT, True),
        (stored(), PermissionKind.IZIN_TIDAK_MASUK, True),
    ],
)
def test_one_live_permission_per_day_and_kind_and_nothing_beside_a_whole_day(existing, asked, refused):
    if not refused:
        check_no_duplicate(request(kind=asked), [existing])
        return
    with pytest.raises(Conflict) as conflict:
        check_no_duplicate(request(kind=asked), [existing])
    assert conflict.value.code == "PERMISSION_DUPLICATE" and "IZN/2026/000007" in conflict.value.message


# -- decisions and withdrawal ----------------------------------------------------------------------------------

AT = datetime(2026, 12, 9, 3, 0, tzinfo=UTC)


@pytest.mark.parametrize("status", [PermissionStatus.APPROVED, PermissionStatus.REJECTED])
def test_the_supervisor_decides_once_and_the_history_says_so(status):
    decided = decide(stored(), status, by=BOSS, at=AT, note="Silakan")
    assert (decided.status, decided.decided_by, decided.decided_at, decided.note) == (status, BOSS, AT, "Silakan")
    assert decided.history[-1].changes["status"] == ["SUBMITTED", status.value]
    with pytest.raises(Conflict) as again:
        decide(decided, PermissionStatus.APPROVED, by=BOSS, at=AT)
    assert again.value.code == "PERMISSION_DECIDED"


def test_a_delegate_decision_records_for_whom():
    decided = decide(stored(), PermissionStatus.APPROVED, by=BOSS, at=AT, on_behalf_of="196501011990031001")
    assert decided.history[-1].changes["on_behalf_of"] == [None, "196501011990031001"]


def test_nobody_decides_their_own_permission_and_only_approve_or_reject_are_decisions():
    with pytest.raises(Forbidden):
        decide(stored(), PermissionStatus.APPROVED, by=NIP, at=AT)
    with pytest.raises(ValidationError) as refused:
        decide(stored(), PermissionStatus.WITHDRAWN, by=BOSS, at=AT)
    assert refused.value.code == "INVALID_DECISION"


def test_the_employee_withdraws_an_undecided_request_only():
    withdrawn = withdraw(stored(), by=NIP, at=AT)
    assert withdrawn.status is PermissionStatus.WITHDRAWN and withdrawn.history[-1].action == "WITHDRAWN"
    with pytest.raises(Forbidden):
        withdraw(stored(), by=BOSS, at=AT)
    with pytest.raises(Conflict):
        withdraw(replace(stored(), status=PermissionStatus.APPROVED), by=NIP, at=AT)


# -- labels, parsing, references -------------------------------------------------------------------------------


def test_every_kind_and_status_has_an_indonesian_label():
    assert set(KIND_LABELS) == set(PermissionKind) and set(STATUS_LABELS) == set(PermissionStatus)
    assert KIND_LABELS[KELUAR] == "Izin keluar kantor" and STATUS_LABELS[PermissionStatus.WITHDRAWN] == "Ditarik"


def test_parsing_kinds_and_statuses():
    assert parse_kind("izin_terlambat") is PermissionKind.IZIN_TERLAMBAT
    assert parse_status("approved") is PermissionStatus.APPROVED
    with pytest.raises(ValidationError) as refused:
        parse_kind("IZIN_MUDIK")
    assert refused.value.details["allowed"] == [k.value for k in PermissionKind]


def test_references_are_numbered_per_year():
    assert reference(2026, 123) == "IZN/2026/000123" and reference_series(2026) == "permission:2026"
