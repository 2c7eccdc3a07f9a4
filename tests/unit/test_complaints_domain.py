"""The rules of attendance complaints: window, sessions already attended, references, letter, decisions; and what
the request model checks of a complaint (its type, session and reason) before any rule runs."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from chalicelib.domain.attendance import AttendanceDay, Session, Source
from chalicelib.domain.complaints import (
    LETTER_RULE,
    STATUS_LABELS,
    Complaint,
    ComplaintStatus,
    ComplaintType,
    Letter,
    check_not_attended,
    check_window,
    decide,
    parse_status,
    reference,
    reference_series,
    session_attended,
)
from chalicelib.domain.errors import BusinessRule, Conflict, Forbidden, PayloadTooLarge, ValidationError
from chalicelib.domain.uploads import check_request, check_stored
from tests.support import payload

TODAY = date(2026, 11, 25)
NIP, HR = "199001152015032001", "197805202003121002"


def complaint(**changes) -> Complaint:
    base = Complaint(
        complaint_id="a" * 32,
        reference="ADU/2026/000001",
        nip=NIP,
        skpd_id="DINKES",
        satker_id="PKM-KOTA",
        kind=ComplaintType.TUGAS_LUAR,
        day=date(2026, 11, 20),
        session=Session.PAGI,
        reason="Rapat koordinasi di dinas provinsi",
        letter=Letter("a" * 32, "complaints/x/a.pdf", "surat.pdf", "application/pdf", 1000),
        status=ComplaintStatus.SUBMITTED,
        submitted_at=datetime(2026, 11, 21, 2, 0, tzinfo=UTC),
        version=1,
    )
    return Complaint(**{**base.__dict__, **changes})


# -- the date window ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("days_back", [0, 1, 29, 30])
def test_dates_inside_the_window_are_accepted(days_back):
    check_window(date.fromordinal(TODAY.toordinal() - days_back), today=TODAY, window_days=30)


def test_a_future_date_is_refused_with_its_own_code():
    with pytest.raises(BusinessRule) as refused:
        check_window(date(2026, 11, 26), today=TODAY, window_days=30)
    assert refused.value.code == "DATE_IN_FUTURE" and refused.value.status == 422


def test_a_date_older_than_the_window_is_refused_and_says_the_earliest_date():
    with pytest.raises(BusinessRule) as refused:
        check_window(date(2026, 10, 25), today=TODAY, window_days=30)
    assert refused.value.code == "DATE_TOO_OLD"
    assert refused.value.details == {"window_days": 30}
    assert "30 hari" in refused.value.message and "26 Oktober 2026" in refused.value.message


def test_the_window_is_configurable():
    check_window(date(2026, 11, 18), today=TODAY, window_days=7)
    with pytest.raises(BusinessRule, match="7 hari"):
        check_window(date(2026, 11, 17), today=TODAY, window_days=7)


# -- a session already attended ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("recorded", "attended", "free"),
    [
        ({"sync_in": time(7, 30)}, Session.PAGI, Session.SORE),
        ({"native_in": time(7, 30)}, Session.PAGI, Session.SORE),
        ({"sync_out": time(16, 0)}, Session.SORE, Session.PAGI),
        ({"native_out": time(16, 0)}, Session.SORE, Session.PAGI),
        ({"complaint_sessions": frozenset({Session.SORE})}, Session.SORE, Session.PAGI),
    ],
)
def test_each_source_attends_its_own_session(recorded, attended, free):
    day = AttendanceDay(NIP, TODAY, **recorded)
    assert session_attended(day, attended) and not session_attended(day, free)
    check_not_attended(day, free)
    with pytest.raises(BusinessRule) as refused:
        check_not_attended(day, attended)
    assert refused.value.code == "SESSION_ALREADY_ATTENDED"


def test_no_record_means_nothing_attended():
    assert not session_attended(None, Session.PAGI)
    check_not_attended(AttendanceDay(NIP, TODAY), Session.SORE)


def test_an_approved_complaint_is_the_pengaduan_source_of_the_calendar():
    day = AttendanceDay(NIP, TODAY, complaint_sessions=frozenset({Session.PAGI}))
    assert day.attended and day.sources == [Source.PENGADUAN] and Source.PENGADUAN.value == "PENGADUAN"
    both = AttendanceDay(NIP, TODAY, sync_out=time(16, 0), complaint_sessions=frozenset({Session.PAGI}))
    assert both.sources == [Source.SYNC, Source.PENGADUAN]


# -- what the employee sends -------------------------------------------------------------------------------


FORM = {"type": "TUGAS_LUAR", "date": "2026-11-25", "session": "PAGI", "reason": "Rapat", "upload_token": "slip"}


def test_types_sessions_and_statuses_are_read_in_any_case_and_refused_with_their_codes():
    filed = payload("ComplaintInput", FORM, type="tugas_luar", session="sore")
    assert filed.type is ComplaintType.TUGAS_LUAR and filed.session is Session.SORE and filed.date == TODAY
    assert payload("ComplaintQuery", status="approved").status is ComplaintStatus.APPROVED
    assert parse_status("approved") is ComplaintStatus.APPROVED  # HR's queue filter, read by the decision kind
    for model, data, code, allowed in (
        ("ComplaintInput", {**FORM, "type": "CUTI"}, "INVALID_COMPLAINT_TYPE", ["TUGAS_LUAR", "MESIN_ERROR"]),
        ("ComplaintInput", {**FORM, "session": "CUTI"}, "INVALID_SESSION", ["PAGI", "SORE"]),
        ("ComplaintQuery", {"status": "CUTI"}, "INVALID_STATUS", ["SUBMITTED", "APPROVED", "REJECTED"]),
    ):
        with pytest.raises(ValidationError) as refused:
            payload(model, data)
        assert refused.value.code == code and refused.value.details["allowed"] == allowed
    with pytest.raises(ValidationError) as refused:
        parse_status("CUTI")
    assert refused.value.code == "INVALID_STATUS"


def test_a_reason_is_required_and_bounded():
    assert payload("ComplaintInput", FORM, reason="  Dinas luar  ").reason == "Dinas luar"
    with pytest.raises(ValidationError, match="wajib") as blank:
        payload("ComplaintInput", FORM, reason=" ")
    assert (blank.value.code, blank.value.details["field"]) == ("REQUIRED", "reason")
    with pytest.raises(ValidationError) as refused:
        payload("ComplaintInput", FORM, reason="x" * 1001)
    assert refused.value.code == "TOO_LONG"


def test_references_are_readable_and_numbered_per_year():
    assert reference(2026, 123) == "ADU/2026/000123"
    assert reference(2027, 1) == "ADU/2027/000001"
    assert reference_series(2026) == "complaint:2026" != reference_series(2027)


def test_the_letter_is_a_pdf_of_at_most_300_kb():
    assert LETTER_RULE.max_bytes == 300 * 1024 and LETTER_RULE.size_label == "300 KB"
    assert check_request(LETTER_RULE, "Surat Tugas.PDF", "application/pdf", 300 * 1024) == "Surat Tugas.pdf"
    with pytest.raises(PayloadTooLarge) as too_big:
        check_request(LETTER_RULE, "surat.pdf", "application/pdf", 300 * 1024 + 1)
    assert too_big.value.code == "FILE_TOO_LARGE" and "300 KB" in too_big.value.message
    with pytest.raises(ValidationError) as wrong:
        check_request(LETTER_RULE, "foto.png", "image/png", 100)
    assert wrong.value.code == "UNSUPPORTED_FILE_TYPE" and wrong.value.details["allowed"] == ["application/pdf"]
    check_stored(LETTER_RULE, "application/pdf", 1000, b"%PDF-1.7\n")
    with pytest.raises(ValidationError) as disguised:
        check_stored(LETTER_RULE, "application/pdf", 1000, b"\x89PNG\r\n\x1a\n")
    assert disguised.value.code == "FILE_CONTENT_MISMATCH"
    with pytest.raises(PayloadTooLarge):
        check_stored(LETTER_RULE, "application/pdf", 300 * 1024 + 1, b"%PDF-1.7\n")


# -- verification ------------------------------------------------------------------------------------------


def test_statuses_and_their_labels():
    assert [s.value for s in ComplaintStatus] == ["SUBMITTED", "APPROVED", "REJECTED"]
    assert [STATUS_LABELS[s] for s in ComplaintStatus] == ["Diajukan", "Disetujui", "Ditolak"]


def test_hr_decides_a_submitted_complaint_once():
    at = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)
    approved = decide(complaint(), ComplaintStatus.APPROVED, by=HR, at=at, note=None)
    assert (approved.status, approved.decided_by, approved.decided_at) == (ComplaintStatus.APPROVED, HR, at)
    rejected = decide(complaint(), ComplaintStatus.REJECTED, by=HR, at=at, note="Salah tanggal")
    assert rejected.note == "Salah tanggal" and rejected.version == 1  # the store moves the version
    for done in (approved, rejected):
        with pytest.raises(Conflict) as again:
            decide(done, ComplaintStatus.APPROVED, by=HR, at=at, note=None)
        assert again.value.code == "COMPLAINT_DECIDED" and again.value.details["status"] == done.status.value


def test_nobody_verifies_their_own_complaint():
    with pytest.raises(Forbidden) as refused:
        decide(complaint(), ComplaintStatus.APPROVED, by=NIP, at=datetime.now(UTC), note=None)
    assert refused.value.code == "SELF_DECISION"
