"""Every sentence the server writes names a date as "14 Desember 2026" and a time as "08.00 WIB" (issue 18, item 7):
an ISO date or a 24-hour "08:00" stays in ``details`` and the JSON fields, for machines, never in a message."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

import pytest

from chalicelib.domain.accounts import Employee, EmploymentStatus
from chalicelib.domain.attendance import AttendanceDay
from chalicelib.domain.delegation import Delegation, check_no_overlap
from chalicelib.domain.errors import DomainError
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.leave import check_overlap as check_leave_overlap
from chalicelib.domain.leave import check_report_days, day_on_leave
from chalicelib.domain.leave.balance import LeaveHistory
from chalicelib.domain.leave.kinds import Application, LeaveType
from chalicelib.domain.leave.rules import check_application
from chalicelib.domain.messages import clock_time, date_span, indonesian_date, leave_span, time_span
from chalicelib.domain.reports import Report, ReportContent, ReportStatus
from chalicelib.domain.reports import check_overlap as check_report_overlap
from chalicelib.services.decisions.links import DecisionLinks
from chalicelib.services.notifications import digest_email

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
COLON_TIME = re.compile(r"\b\d{2}:\d{2}\b")
DEC_14 = date(2026, 12, 14)
MAN = "199001152015031001"


def test_the_formatter_writes_dates_and_times_as_the_screens_do():
    assert indonesian_date(date(2026, 12, 7)) == "7 Desember 2026"
    assert indonesian_date(date(2027, 1, 1)) == "1 Januari 2027"
    assert date_span(DEC_14, DEC_14) == "14 Desember 2026"
    assert date_span(date(2026, 12, 1), DEC_14) == "1 Desember 2026 s.d. 14 Desember 2026"
    assert leave_span(date(2026, 12, 1), DEC_14) == date_span(date(2026, 12, 1), DEC_14)
    assert clock_time(time(8, 0), "WIB") == "08.00 WIB" and clock_time(time(13, 5)) == "13.05"
    assert time_span(time(8, 0), time(10, 0), "WITA") == "08.00–10.00 WITA"
    assert time_span(time(8, 0), time(10, 30)) == "08.00–10.30"


def _refusal(call) -> DomainError:
    with pytest.raises(DomainError) as refused:
        call()
    return refused.value


def _check(kind: LeaveType, start: date, end: date, *, tmt: date, history: LeaveHistory | None = None) -> None:
    check_application(
        Application(kind, "Keperluan keluarga", start, end, "Jl. Merdeka 1", "081234567890"),
        nip=MAN,
        employment=EmploymentStatus.PNS,
        tmt=tmt,
        today=date(2026, 11, 25),
        overrides={},
        history=history or LeaveHistory(),
        records_since=2026,
        has_certificate=False,
    )


def _day_with(start: time, end: time) -> AttendanceDay:
    return AttendanceDay(nip=MAN, day=DEC_14, sync_in=time(7, 27), report_slots={"r1": (start, end)})


def _content(start: time, end: time) -> ReportContent:
    return ReportContent(DEC_14, start, end, "Rapat", "Rapat koordinasi", "Notulen")


#: a few representative refusals that name a date or a time, with the exact text a person reads
REFUSALS = [
    (
        lambda: check_leave_overlap({DEC_14: "other"}, date(2026, 12, 14), date(2026, 12, 15)),
        "LEAVE_OVERLAP",
        "Tanggal 14 Desember 2026 sudah termasuk cuti lain yang diajukan atau disetujui.",
        {"leave_id": "other", "dates": ["2026-12-14"]},
    ),
    (
        lambda: check_report_days([date(2026, 11, 24)]),
        "LEAVE_OVERLAPS_REPORT",
        "Anda sudah memiliki laporan kegiatan pada 24 November 2026; tarik laporan itu atau pilih tanggal lain.",
        {"dates": ["2026-11-24"]},
    ),
    (
        lambda: (_ for _ in ()).throw(day_on_leave(DEC_14)),
        "DAY_ON_LEAVE",
        "Tanggal 14 Desember 2026 termasuk cuti Anda (diajukan atau disetujui); laporan tidak diperlukan.",
        {"field": "date"},
    ),
    (
        lambda: _check(LeaveType.TAHUNAN, date(2026, 12, 1), date(2026, 12, 1), tmt=date(2026, 1, 5)),
        "SERVICE_TOO_SHORT",
        "Cuti tahunan dapat diberikan setelah bekerja paling sedikit 1 tahun secara terus-menerus "
        "(mulai 5 Januari 2027).",
        {"field": "start_date", "service_years": 1},
    ),
    (
        lambda: _check(
            LeaveType.BESAR,
            date(2026, 12, 1),
            date(2026, 12, 31),
            tmt=date(2010, 1, 1),
            history=LeaveHistory({}, frozenset({2023}), (date(2023, 1, 2),)),
        ),
        "BESAR_TOO_SOON",
        "Cuti besar hanya dapat diberikan sekali setiap 5 tahun (cuti besar terakhir mulai 2 Januari 2023).",
        {"field": "start_date"},
    ),
    (
        lambda: check_no_overlap(
            [Delegation("d1", "boss", "198203142006042001", date(2026, 12, 1), date(2026, 12, 5))],
            date(2026, 12, 5),
            date(2026, 12, 9),
        ),
        "DELEGATION_OVERLAP",
        "Sudah ada delegasi kepada 198203142006042001 untuk 1 Desember 2026 s.d. 5 Desember 2026; "
        "akhiri delegasi itu terlebih dahulu.",
        {"delegation_id": "d1", "start_date": "2026-12-01", "end_date": "2026-12-05"},
    ),
    (
        lambda: check_report_overlap(
            _content(time(9, 30), time(11, 0)), _day_with(time(8, 0), time(10, 0)), zone="WIB"
        ),
        "REPORT_OVERLAP",
        "Waktu kegiatan bertabrakan dengan laporan lain pada 08.00–10.00 WIB.",
        {"report_id": "r1", "start_time": "08:00", "end_time": "10:00"},
    ),
]


@pytest.mark.parametrize(("call", "code", "message", "details"), REFUSALS, ids=[r[1] for r in REFUSALS])
def test_each_refusal_names_the_date_in_words_and_keeps_iso_in_details(call, code, message, details):
    refused = _refusal(call)
    assert (refused.code, refused.message, refused.details) == (code, message, details)


def test_no_refusal_names_an_iso_date_or_a_colon_time():
    messages = [_refusal(call).message for call, *_ in REFUSALS]
    assert [m for m in messages if ISO_DATE.search(m) or COLON_TIME.search(m)] == []


def test_a_refusal_for_an_employee_in_another_zone_names_that_zone():
    refused = _refusal(
        lambda: check_report_overlap(
            _content(time(8, 0), time(9, 0)), _day_with(time(8, 30), time(9, 30)), "other", "WITA"
        )
    )
    assert refused.message == "Waktu kegiatan bertabrakan dengan laporan lain pada 08.30–09.30 WITA."


def test_the_supervisor_digest_writes_the_day_and_the_employee_s_times():
    boss = Employee("197512102000031003", "dr. Andi", "Kepala", "DINKES", "PKM", "6281234567891", TimeZone.WIB)
    dewi = Employee(MAN, "Dewi Lestari", "Perawat", "DINKES", "PKM", "6281234567890", TimeZone.WITA)
    report = Report(
        "r1",
        MAN,
        "DINKES",
        "PKM",
        boss.nip,
        _content(time(8, 0), time(10, 0)),
        ReportStatus.SUBMITTED,
        datetime(2026, 12, 14, 3, 0, tzinfo=UTC),
    )
    links = DecisionLinks("k" * 32, "https://api.contoh.go.id", 3600, clock=lambda: datetime(2026, 12, 14, tzinfo=UTC))
    _, text, html = digest_email(boss, 1, [report], {MAN: dewi}, links)
    assert f"- Dewi Lestari ({MAN}), 14 Desember 2026 08.00–10.00 WITA: Rapat" in text
    assert "<td>14 Desember 2026 08.00–10.00 WITA</td>" in html
    assert not ISO_DATE.search(text) and not COLON_TIME.search(text)
