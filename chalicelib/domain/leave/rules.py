"""What a leave request must satisfy before it is stored: when it may start, whether the employee's status
allows the type, each type's length and service, the balance, cuti besar's spacing, the certificate, and that
no other leave or report holds its days.

Apart from the flow because these rules judge a new request against the calendar and earlier leave, while the
flow only moves a stored request from one status to the next."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from ..accounts import EmploymentStatus
from ..errors import BusinessRule
from ..messages import indonesian_date
from .balance import LeaveHistory, annual_balance
from .days import add_months, dates, eligible_from, last_allowed_day, working_days, years_of_service
from .kinds import (
    ALLOWED_TYPES,
    BESAR_EVERY_YEARS,
    LIMITS,
    MAX_CHILD_ORDER,
    TYPE_LABELS,
    Application,
    LeaveType,
)

#: how far back a request may start (sick leave is often filed afterwards) and how far ahead
BACKDATE_DAYS, AHEAD_DAYS = 30, 366


def check_window(start: date, today: date) -> None:
    """A request starts at most 30 days back (sick leave is often filed afterwards) and at most a year ahead."""
    if start < today - timedelta(days=BACKDATE_DAYS):
        raise BusinessRule(
            f"Cuti hanya dapat diajukan paling lama {BACKDATE_DAYS} hari setelah tanggal mulainya.",
            code="LEAVE_TOO_OLD",
            details={"field": "start_date", "backdate_days": BACKDATE_DAYS},
        )
    if start > today + timedelta(days=AHEAD_DAYS):
        raise BusinessRule(
            "Cuti paling cepat diajukan satu tahun sebelum tanggal mulainya.",
            code="LEAVE_TOO_FAR",
            details={"field": "start_date"},
        )


def check_application(
    application: Application,
    *,
    nip: str,
    employment: EmploymentStatus,
    tmt: date,
    today: date,
    overrides: Mapping[date, str | None],
    history: LeaveHistory,
    records_since: int,
    opening: Mapping[int, int] | None = None,
    bersama_worked: Mapping[int, int] | None = None,
    has_certificate: bool,
) -> int:
    """Refuse what the regulation does not allow; return the working days the leave takes."""
    kind, start, end = application.leave_type, application.start, application.end
    label = TYPE_LABELS[kind]
    check_window(start, today)
    if kind not in ALLOWED_TYPES[employment]:
        allowed = sorted(t.value for t in ALLOWED_TYPES[employment])
        raise BusinessRule(
            f"{label} tidak berlaku bagi pegawai berstatus {employment.value}.",
            code="LEAVE_TYPE_NOT_ALLOWED",
            details={"field": "type", "employment_status": employment.value, "allowed": allowed},
        )
    days = working_days(start, end, overrides)
    if not days:
        raise BusinessRule(
            "Rentang cuti tidak memuat satu pun hari kerja.",
            code="LEAVE_NO_WORKING_DAYS",
            details={"field": "end_date"},
        )
    limit = LIMITS.get(kind)
    if limit and limit.service_years and years_of_service(tmt, start) < limit.service_years:
        raise BusinessRule(
            f"{label} hanya dapat diberikan setelah bekerja paling sedikit {limit.service_years} tahun "
            "secara terus-menerus.",
            code="SERVICE_TOO_SHORT",
            details={"field": "start_date", "service_years": limit.service_years},
        )
    if limit and end > last_allowed_day(start, limit.months):
        raise BusinessRule(
            f"{label} paling lama {limit.label}.",
            code="LEAVE_TOO_LONG",
            details={"field": "end_date", "last_date": last_allowed_day(start, limit.months).isoformat()},
        )
    if kind is LeaveType.TAHUNAN:
        _check_annual(start, end, len(days), tmt, overrides, history, records_since, opening, bersama_worked)
    elif kind is LeaveType.BESAR:
        _check_besar(start, len(days), history)
    elif kind is LeaveType.SAKIT and (end - start).days >= 1 and not has_certificate:
        raise BusinessRule(
            "Cuti sakit lebih dari satu hari wajib melampirkan surat keterangan dokter (PDF).",
            code="CERTIFICATE_REQUIRED",
            details={"field": "attachment_token"},
        )
    elif kind is LeaveType.MELAHIRKAN:
        if nip[14:15] != "2":
            raise BusinessRule(
                "Cuti melahirkan diberikan kepada pegawai perempuan; suami menggunakan cuti karena alasan penting.",
                code="LEAVE_TYPE_NOT_ALLOWED",
                details={"field": "type"},
            )
        if (application.child_order or 0) > MAX_CHILD_ORDER:
            raise BusinessRule(
                f"Cuti melahirkan diberikan untuk kelahiran anak pertama sampai ke-{MAX_CHILD_ORDER}; "
                "untuk anak berikutnya gunakan cuti di luar tanggungan negara.",
                code="CHILD_ORDER_LIMIT",
                details={"field": "child_order"},
            )
    return len(days)


def _check_annual(
    start: date,
    end: date,
    days: int,
    tmt: date,
    overrides: Mapping[date, str | None],
    history: LeaveHistory,
    records_since: int,
    opening: Mapping[int, int] | None,
    bersama_worked: Mapping[int, int] | None = None,
) -> None:
    if start < eligible_from(tmt):
        raise BusinessRule(
            "Cuti tahunan dapat diberikan setelah bekerja paling sedikit 1 tahun secara terus-menerus "
            f"(mulai {indonesian_date(eligible_from(tmt))}).",
            code="SERVICE_TOO_SHORT",
            details={"field": "start_date", "service_years": 1},
        )
    if end.year != start.year:
        raise BusinessRule(
            "Cuti tahunan tidak dapat melewati pergantian tahun; ajukan satu permohonan untuk setiap tahun.",
            code="LEAVE_CROSSES_YEAR",
            details={"field": "end_date"},
        )
    if start.year in history.besar_years:
        raise BusinessRule(
            "Pegawai yang mengambil cuti besar tidak berhak atas cuti tahunan pada tahun yang sama.",
            code="ANNUAL_AFTER_BESAR",
            details={"field": "type"},
        )
    balance = annual_balance(
        start.year,
        tmt=tmt,
        history=history,
        overrides=overrides,
        records_since=records_since,
        opening=opening,
        bersama_worked=bersama_worked,
    )
    if days > balance.available:
        raise BusinessRule(
            f"Sisa cuti tahunan {start.year} tinggal {balance.available} hari kerja; permohonan ini {days} hari kerja.",
            code="INSUFFICIENT_BALANCE",
            details={"available": balance.available, "requested": days, "year": start.year},
        )


def _check_besar(start: date, days: int, history: LeaveHistory) -> None:
    last = next((s for s in reversed(history.besar_starts) if s <= start), None)
    if last is not None and start < add_months(last, 12 * BESAR_EVERY_YEARS):
        raise BusinessRule(
            f"Cuti besar hanya dapat diberikan sekali setiap {BESAR_EVERY_YEARS} tahun "
            f"(cuti besar terakhir mulai {indonesian_date(last)}).",
            code="BESAR_TOO_SOON",
            details={"field": "start_date"},
        )
    if any(s > start and s < add_months(start, 12 * BESAR_EVERY_YEARS) for s in history.besar_starts):
        raise BusinessRule(
            f"Cuti besar hanya dapat diberikan sekali setiap {BESAR_EVERY_YEARS} tahun.",
            code="BESAR_TOO_SOON",
            details={"field": "start_date"},
        )
    taken = history.annual_used.get(start.year, 0)
    if taken:
        # annual leave already taken that year shortens cuti besar by as many working days
        months_days = len(working_days(start, last_allowed_day(start, 3)))
        if days > months_days - taken:
            raise BusinessRule(
                f"Cuti tahunan {start.year} yang sudah diambil ({taken} hari kerja) mengurangi cuti besar; "
                f"paling lama {months_days - taken} hari kerja.",
                code="LEAVE_TOO_LONG",
                details={"field": "end_date", "annual_taken": taken},
            )


def check_overlap(days_held: Mapping[date, str], start: date, end: date, leave_id: str | None = None) -> None:
    """A request may not touch a day another pending or approved leave of the employee holds."""
    clash = sorted(d for d in dates(start, end) if d in days_held and days_held[d] != leave_id)
    if clash:
        raise BusinessRule(
            f"Tanggal {indonesian_date(clash[0])} sudah termasuk cuti lain yang diajukan atau disetujui.",
            code="LEAVE_OVERLAP",
            details={"leave_id": days_held[clash[0]], "dates": [d.isoformat() for d in clash[:31]]},
        )


def check_report_days(report_days: Iterable[date]) -> None:
    """A request may not cover a day on which the employee has a report that is not rejected."""
    found = sorted(report_days)
    if found:
        raise BusinessRule(
            f"Anda sudah memiliki laporan kegiatan pada {indonesian_date(found[0])}; tarik laporan itu "
            "atau pilih tanggal lain.",
            code="LEAVE_OVERLAPS_REPORT",
            details={"dates": [d.isoformat() for d in found[:31]]},
        )


def day_on_leave(day: date) -> BusinessRule:
    """A report for a day that a pending or approved leave of the employee holds (no report is expected on it)."""
    return BusinessRule(
        f"Tanggal {indonesian_date(day)} termasuk cuti Anda (diajukan atau disetujui); laporan tidak diperlukan.",
        code="DAY_ON_LEAVE",
        details={"field": "date"},
    )
