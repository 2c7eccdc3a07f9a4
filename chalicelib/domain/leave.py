"""Leave (cuti) of civil servants, after Peraturan BKN 24/2017: types, limits, the annual-leave balance, the
two-level approval (pertimbangan atasan langsung, keputusan pejabat yang berwenang) and letter numbers.

Pure rules: every date, holiday calendar and earlier leave the rules need is handed in by the caller.

- **TAHUNAN**: 12 working days a year for a PNS/CPNS/PPPK with at least one year of continuous service (from
  the TMT). Counted in working days (weekends, national holidays, cuti bersama and the admin's changes are
  not). Cuti bersama days of the year reduce that year's entitlement. Unused days of the year before carry
  over, at most 6; after two (or more) years without any annual leave, the unused days of both carry over up
  to 24 available including the current year. A year in which cuti besar is taken has no annual leave. A
  request may not cross a calendar year (each year has its own balance).
- **BESAR**: after 5 years of service, at most 3 months, at most once every 5 years; annual leave already
  taken that year shortens it (by those working days).
- **SAKIT**: at most 1 year; more than one day needs a doctor's certificate (PDF).
- **MELAHIRKAN**: at most 3 months, for the 1st to the 3rd child, for women (the NIP's 15th digit is 2).
- **ALASAN_PENTING**: at most 1 month. **CLTN** (di luar tanggungan negara): after 5 years, at most 3 years.
- PPPK have TAHUNAN, SAKIT and MELAHIRKAN only; a CPNS has neither BESAR nor CLTN.
"""

from __future__ import annotations

import calendar
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from .accounts import EmploymentStatus, forbid_self_decision
from .errors import BusinessRule, Conflict, ValidationError, not_one_of
from .identity import validate_text
from .reports import HistoryEntry
from .workdays import holiday_name, is_working_day

ANNUAL_DAYS = 12
CARRY_MAX = 6  # unused days of last year, at most (so at most 18 available)
CARRY_TWO_YEARS_TOTAL = 24  # after two or more unused years, including the current year
MAX_REASON, MAX_ADDRESS, MAX_NOTE = 500, 300, 500
#: how far back a request may start (sick leave is often filed afterwards) and how far ahead
BACKDATE_DAYS, AHEAD_DAYS = 30, 366
DEFAULT_NUMBER_FORMAT = "800.1.11.4/{seq}/{skpd}/{year}"
NUMBER_PLACEHOLDERS = ("seq", "skpd", "year", "month", "month_roman")
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,22}$")


class LeaveType(StrEnum):
    TAHUNAN = "TAHUNAN"
    BESAR = "BESAR"
    SAKIT = "SAKIT"
    MELAHIRKAN = "MELAHIRKAN"
    ALASAN_PENTING = "ALASAN_PENTING"
    CLTN = "CLTN"


#: the names on the official form (section II), in its order
TYPE_LABELS = {
    LeaveType.TAHUNAN: "Cuti Tahunan",
    LeaveType.BESAR: "Cuti Besar",
    LeaveType.SAKIT: "Cuti Sakit",
    LeaveType.MELAHIRKAN: "Cuti Melahirkan",
    LeaveType.ALASAN_PENTING: "Cuti Karena Alasan Penting",
    LeaveType.CLTN: "Cuti di Luar Tanggungan Negara",
}

ALLOWED_TYPES: dict[EmploymentStatus, frozenset[LeaveType]] = {
    EmploymentStatus.PNS: frozenset(LeaveType),
    EmploymentStatus.CPNS: frozenset(LeaveType) - {LeaveType.BESAR, LeaveType.CLTN},
    EmploymentStatus.PPPK: frozenset({LeaveType.TAHUNAN, LeaveType.SAKIT, LeaveType.MELAHIRKAN}),
}


@dataclass(frozen=True)
class Limit:
    """How long one request of a type may be (``months`` of the calendar) and the service it needs."""

    months: int
    service_years: int = 0
    label: str = ""


LIMITS = {
    LeaveType.BESAR: Limit(3, 5, "3 bulan"),
    LeaveType.SAKIT: Limit(12, 0, "1 tahun"),
    LeaveType.MELAHIRKAN: Limit(3, 0, "3 bulan"),
    LeaveType.ALASAN_PENTING: Limit(1, 0, "1 bulan"),
    LeaveType.CLTN: Limit(36, 5, "3 tahun"),
}
MAX_CHILD_ORDER = 3
BESAR_EVERY_YEARS = 5


class LeaveStatus(StrEnum):
    PENDING_CONSIDERATION = "PENDING_CONSIDERATION"
    PENDING_DECISION = "PENDING_DECISION"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    DEFERRED = "DEFERRED"
    CANCELLED = "CANCELLED"


STATUS_LABELS = {
    LeaveStatus.PENDING_CONSIDERATION: "Menunggu pertimbangan atasan",
    LeaveStatus.PENDING_DECISION: "Menunggu keputusan pejabat",
    LeaveStatus.APPROVED: "Disetujui",
    LeaveStatus.REJECTED: "Tidak disetujui",
    LeaveStatus.DEFERRED: "Ditangguhkan",
    LeaveStatus.CANCELLED: "Dibatalkan",
}
PENDING = (LeaveStatus.PENDING_CONSIDERATION, LeaveStatus.PENDING_DECISION)
#: statuses whose days are taken: no other leave, and no report, on them
HOLDS_DAYS = (*PENDING, LeaveStatus.APPROVED)


class Verdict(StrEnum):
    """What the supervisor considers and the official decides (the form's columns VII and VIII)."""

    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    DEFERRED = "DEFERRED"


VERDICT_LABELS = {Verdict.APPROVED: "Disetujui", Verdict.REJECTED: "Tidak disetujui", Verdict.DEFERRED: "Ditangguhkan"}


@dataclass(frozen=True)
class Step:
    """One decision on a request: by whom (and for whom, when a delegate acts), when, and the note."""

    verdict: Verdict
    by: str
    at: datetime
    note: str | None = None
    on_behalf_of: str | None = None


@dataclass(frozen=True)
class Attachment:
    """The doctor's certificate of a sick leave (a checked PDF in S3)."""

    file_id: str
    key: str
    filename: str
    size: int


@dataclass(frozen=True)
class LeaveRequest:
    leave_id: str
    nip: str
    skpd_id: str
    satker_id: str
    leave_type: LeaveType
    reason: str
    start: date
    end: date
    working_days: int
    address: str
    phone: str
    supervisor_nip: str
    official_nip: str
    status: LeaveStatus
    applied_at: datetime
    child_order: int | None = None
    attachment: Attachment | None = None
    consideration: Step | None = None
    decision: Step | None = None
    letter_number: str | None = None
    letter_seq: int | None = None
    numbered_at: datetime | None = None
    numbered_by: str | None = None
    cancelled_by: str | None = None
    cancel_reason: str | None = None
    #: the annual-leave balance when the request was made, as the form shows it: ((year, remaining), …) N-2..N
    balance: tuple[tuple[int, int], ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    version: int = 0

    @property
    def calendar_days(self) -> int:
        return (self.end - self.start).days + 1

    def days(self) -> list[date]:
        return dates(self.start, self.end)

    @property
    def holds_days(self) -> bool:
        return self.status in HOLDS_DAYS


@dataclass(frozen=True)
class Application:
    """A validated request body (before the rules that need the calendar and earlier leave)."""

    leave_type: LeaveType
    reason: str
    start: date
    end: date
    address: str
    phone: str
    child_order: int | None = None


# -- dates -----------------------------------------------------------------------------------------------


def dates(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it has no such day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def last_allowed_day(start: date, months: int) -> date:
    """The last day of a leave of at most ``months`` months that starts on ``start``."""
    return add_months(start, months) - timedelta(days=1)


def working_days(first: date, last: date, overrides: Mapping[date, str | None] | None = None) -> list[date]:
    return [d for d in dates(first, last) if is_working_day(d, overrides)]


def service_length(tmt: date, on: date) -> tuple[int, int]:
    """Whole years and months of service from the TMT to ``on`` (masa kerja)."""
    months = (on.year - tmt.year) * 12 + on.month - tmt.month - (1 if on.day < tmt.day else 0)
    months = max(months, 0)
    return months // 12, months % 12


def years_of_service(tmt: date, on: date) -> int:
    return service_length(tmt, on)[0]


def eligible_from(tmt: date, years: int = 1) -> date:
    """The first day with ``years`` of continuous service."""
    return add_months(tmt, 12 * years)


def is_cuti_bersama(day: date, overrides: Mapping[date, str | None] | None = None) -> bool:
    """A weekday the calendar names "Cuti Bersama …" (the ``holidays`` library's name, or the admin's)."""
    name = holiday_name(day, overrides)
    return day.weekday() < 5 and name is not None and name.lower().startswith("cuti bersama")


def cuti_bersama_days(year: int, overrides: Mapping[date, str | None] | None = None, since: date | None = None) -> int:
    """Cuti bersama days of ``year`` (from ``since`` on, when the right to annual leave began that year)."""
    first = max(date(year, 1, 1), since) if since else date(year, 1, 1)
    return sum(1 for d in dates(first, date(year, 12, 31)) if is_cuti_bersama(d, overrides))


# -- parsing ---------------------------------------------------------------------------------------------


def parse_type(value: object) -> LeaveType:
    try:
        return LeaveType(str(value).upper())
    except ValueError:
        raise not_one_of("type", [t.value for t in LeaveType], "Jenis cuti", "INVALID_LEAVE_TYPE") from None


def parse_verdict(decision: object, note: object) -> tuple[Verdict, str | None]:
    """APPROVED, REJECTED or DEFERRED; a refusal or a deferral needs its reason."""
    try:
        verdict = Verdict(str(decision).upper())
    except ValueError:
        raise not_one_of("decision", [v.value for v in Verdict], "Keputusan", "INVALID_DECISION") from None
    text = validate_text(note, "note", max_len=MAX_NOTE, required=False) or None
    if verdict is not Verdict.APPROVED and not text:
        raise ValidationError(
            "Penolakan atau penangguhan wajib disertai alasan.", code="NOTE_REQUIRED", details={"field": "note"}
        )
    return verdict, text


def parse_phone(value: object) -> str:
    text = validate_text(value, "phone", max_len=24)
    if not _PHONE.match(text):
        raise ValidationError(
            "Nomor telepon selama cuti tidak valid.", code="INVALID_PHONE", details={"field": "phone"}
        )
    return text


def parse_application(data: Mapping[str, object]) -> Application:
    """The request's fields: type, reason, dates, address and phone during the leave, child order (melahirkan)."""
    from .reports import parse_day

    leave_type = parse_type(data.get("type"))
    start, end = parse_day(data.get("start_date"), "start_date"), parse_day(data.get("end_date"), "end_date")
    if end < start:
        raise ValidationError(
            "Tanggal selesai cuti harus sama dengan atau setelah tanggal mulai.",
            code="INVALID_DATE_RANGE",
            details={"field": "end_date"},
        )
    child = data.get("child_order")
    bad_child = not isinstance(child, int) or isinstance(child, bool) or not 1 <= child <= 20
    if leave_type is LeaveType.MELAHIRKAN and bad_child:
        raise ValidationError(
            "Cuti melahirkan memerlukan urutan kelahiran anak (anak ke-).",
            code="CHILD_ORDER_REQUIRED",
            details={"field": "child_order"},
        )
    return Application(
        leave_type=leave_type,
        reason=validate_text(data.get("reason"), "reason", max_len=MAX_REASON),
        start=start,
        end=end,
        address=validate_text(data.get("address"), "address", max_len=MAX_ADDRESS),
        phone=parse_phone(data.get("phone")),
        child_order=child if leave_type is LeaveType.MELAHIRKAN else None,  # type: ignore[arg-type]
    )


# -- the annual-leave balance ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnnualBalance:
    """Annual leave of year N as the official form shows it: what is left of N-2, N-1 and N, and in total."""

    year: int
    entitlement: int  # N's own days (12 less cuti bersama; 0 when not yet entitled or in a year of cuti besar)
    cuti_bersama: int
    carried: int  # days brought from N-1 and N-2
    used: int  # working days of annual leave in N (approved and pending)
    remaining: tuple[tuple[int, int], ...]  # ((N-2, left), (N-1, left), (N, left))

    @property
    def available(self) -> int:
        return sum(left for _, left in self.remaining)


@dataclass(frozen=True)
class LeaveHistory:
    """What an employee's earlier leave says for the balance (approved and pending requests)."""

    annual_used: Mapping[int, int] = field(default_factory=dict)  # year → working days of TAHUNAN
    besar_years: frozenset[int] = frozenset()  # years touched by cuti besar
    besar_starts: tuple[date, ...] = ()


def history_of(requests: Iterable[LeaveRequest], *, excluding: str | None = None) -> LeaveHistory:
    """Sum the leave that holds days (approved and pending), except ``excluding`` (the one being checked)."""
    used: dict[int, int] = {}
    besar: set[int] = set()
    starts: list[date] = []
    for leave in requests:
        if leave.leave_id == excluding or not leave.holds_days:
            continue
        if leave.leave_type is LeaveType.TAHUNAN:
            used[leave.start.year] = used.get(leave.start.year, 0) + leave.working_days
        elif leave.leave_type is LeaveType.BESAR:
            besar.update(range(leave.start.year, leave.end.year + 1))
            starts.append(leave.start)
    return LeaveHistory(used, frozenset(besar), tuple(sorted(starts)))


def annual_entitlement(
    year: int, entitled_from: date, history: LeaveHistory, overrides: Mapping[date, str | None] | None = None
) -> tuple[int, int]:
    """(days of ``year``'s own annual leave, cuti bersama days that reduced them)."""
    if entitled_from > date(year, 12, 31) or year in history.besar_years:
        return 0, 0
    bersama = cuti_bersama_days(year, overrides, since=entitled_from)
    return max(0, ANNUAL_DAYS - bersama), bersama


def annual_balance(
    year: int,
    *,
    tmt: date,
    history: LeaveHistory,
    overrides: Mapping[date, str | None] | None = None,
    records_since: int,
    opening: Mapping[int, int] | None = None,
) -> AnnualBalance:
    """The annual-leave balance of ``year``.

    Years from ``records_since`` on are counted from the leave recorded here; for the years before, what was
    left is the HR officer's ``opening`` figure (year → days left of that year's own leave; none said: 0).
    Each year's leave is taken from the oldest days first: those carried from N-2, then from N-1, then N's own.
    """
    opening = opening or {}
    entitled = eligible_from(tmt)
    first = min(year, records_since) - 2
    left: dict[int, int] = {}  # of each year's own days, what was not used in that year
    unused: dict[int, bool] = {}
    result = AnnualBalance(year, 0, 0, 0, 0, ((year - 2, 0), (year - 1, 0), (year, 0)))
    for y in range(first, year + 1):
        own, bersama = annual_entitlement(y, entitled, history, overrides)
        if y < records_since:
            left[y] = min(own, max(0, int(opening.get(y, 0))))
            unused[y] = own > 0 and left[y] >= own
            continue
        from_two, from_one = _carried(y, own, left, unused)
        if y in history.besar_years:
            from_two = from_one = 0
        used = history.annual_used.get(y, 0)
        pools = [from_two, from_one, own]
        rest = used
        for n, pool in enumerate(pools):
            take = min(pool, rest)
            pools[n], rest = pool - take, rest - take
        left[y] = pools[2]
        unused[y] = own > 0 and used == 0
        if y == year:
            remaining = ((y - 2, pools[0]), (y - 1, pools[1]), (y, pools[2]))
            result = AnnualBalance(y, own, bersama, from_two + from_one, used, remaining)
    return result


def _carried(year: int, own: int, left: Mapping[int, int], unused: Mapping[int, bool]) -> tuple[int, int]:
    """Days brought into ``year`` from N-2 and from N-1."""
    one, two = left.get(year - 1, 0), left.get(year - 2, 0)
    if unused.get(year - 1) and unused.get(year - 2):
        total = min(max(0, CARRY_TWO_YEARS_TOTAL - own), one + two)
        from_one = min(one, CARRY_MAX)
        from_two = min(two, total - from_one)
        return from_two, from_one + (total - from_one - from_two)
    return 0, min(one, CARRY_MAX)


# -- the rules of a request ---------------------------------------------------------------------------------


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
        _check_annual(start, end, len(days), tmt, overrides, history, records_since, opening)
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
) -> None:
    if start < eligible_from(tmt):
        raise BusinessRule(
            "Cuti tahunan dapat diberikan setelah bekerja paling sedikit 1 tahun secara terus-menerus "
            f"(mulai {eligible_from(tmt).isoformat()}).",
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
        start.year, tmt=tmt, history=history, overrides=overrides, records_since=records_since, opening=opening
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
            f"(cuti besar terakhir mulai {last.isoformat()}).",
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
            f"Tanggal {clash[0].isoformat()} sudah termasuk cuti lain yang diajukan atau disetujui.",
            code="LEAVE_OVERLAP",
            details={"leave_id": days_held[clash[0]], "dates": [d.isoformat() for d in clash[:31]]},
        )


def check_report_days(report_days: Iterable[date]) -> None:
    """A request may not cover a day on which the employee has a report that is not rejected."""
    found = sorted(report_days)
    if found:
        raise BusinessRule(
            f"Anda sudah memiliki laporan kegiatan pada {found[0].isoformat()}; tarik laporan itu "
            "atau pilih tanggal lain.",
            code="LEAVE_OVERLAPS_REPORT",
            details={"dates": [d.isoformat() for d in found[:31]]},
        )


def day_on_leave(day: date) -> BusinessRule:
    """A report for a day that a pending or approved leave of the employee holds (no report is expected on it)."""
    return BusinessRule(
        f"Tanggal {day.isoformat()} termasuk cuti Anda (diajukan atau disetujui); laporan tidak diperlukan.",
        code="DAY_ON_LEAVE",
        details={"field": "date"},
    )


# -- who decides ---------------------------------------------------------------------------------------------


def approvers(
    nip: str, supervisor_nip: str | None, supervisors_supervisor: str | None, configured: str | None
) -> tuple[str, str]:
    """(the direct supervisor, the official who grants the leave).

    The official is the SKPD's configured one, else the supervisor's own supervisor, else the supervisor
    (who then decides both steps at once). Nobody is the official of their own leave.
    """
    if not supervisor_nip:
        raise BusinessRule(
            "Anda belum memiliki atasan langsung; hubungi operator SKPD untuk menetapkannya.",
            code="NO_SUPERVISOR",
        )
    official = configured if configured and configured != nip else None
    return supervisor_nip, official or supervisors_supervisor or supervisor_nip


# -- the flow ------------------------------------------------------------------------------------------------


def _require(leave: LeaveRequest, *statuses: LeaveStatus) -> None:
    if leave.status not in statuses:
        raise Conflict(
            f"Permohonan cuti berstatus {STATUS_LABELS[leave.status]}; tindakan ini tidak dapat dilakukan.",
            code="LEAVE_NOT_PENDING" if statuses != (LeaveStatus.APPROVED,) else "LEAVE_NOT_APPROVED",
            details={"status": leave.status.value},
        )


def _with(leave: LeaveRequest, entry: HistoryEntry, **changes: Any) -> LeaveRequest:
    return replace(leave, history=(*leave.history, entry), **changes)


_FINAL = {
    Verdict.APPROVED: LeaveStatus.APPROVED,
    Verdict.REJECTED: LeaveStatus.REJECTED,
    Verdict.DEFERRED: LeaveStatus.DEFERRED,
}


def consider(
    leave: LeaveRequest, verdict: Verdict, *, by: str, at: datetime, note: str | None, on_behalf_of: str | None = None
) -> LeaveRequest:
    """The direct supervisor's consideration. Approval goes on to the official, or is final when the supervisor
    is the official; a refusal or deferral ends the request."""
    forbid_self_decision(by, leave.nip)
    _require(leave, LeaveStatus.PENDING_CONSIDERATION)
    step = Step(verdict, by, at, note, on_behalf_of)
    both = verdict is Verdict.APPROVED and leave.official_nip == leave.supervisor_nip
    status = _FINAL[verdict] if verdict is not Verdict.APPROVED or both else LeaveStatus.PENDING_DECISION
    entry = HistoryEntry(at, by, f"CONSIDERED_{verdict.value}", _status_change(leave.status, status, on_behalf_of))
    return _with(leave, entry, status=status, consideration=step, decision=step if both else None)


def decide(
    leave: LeaveRequest, verdict: Verdict, *, by: str, at: datetime, note: str | None, on_behalf_of: str | None = None
) -> LeaveRequest:
    """The granting official's decision."""
    forbid_self_decision(by, leave.nip)
    _require(leave, LeaveStatus.PENDING_DECISION)
    status = _FINAL[verdict]
    entry = HistoryEntry(at, by, f"DECIDED_{verdict.value}", _status_change(leave.status, status, on_behalf_of))
    return _with(leave, entry, status=status, decision=Step(verdict, by, at, note, on_behalf_of))


def cancel(leave: LeaveRequest, *, by: str, at: datetime, reason: str | None, by_owner: bool) -> LeaveRequest:
    """The employee withdraws a pending request; HR or the official cancels an approved one (with a reason).
    A number once given stays on the request, marked cancelled."""
    if by_owner:
        _require(leave, *PENDING)
    else:
        _require(leave, LeaveStatus.APPROVED)
        if not reason:
            raise ValidationError(
                "Pembatalan cuti yang sudah disetujui wajib disertai alasan.",
                code="NOTE_REQUIRED",
                details={"field": "reason"},
            )
    entry = HistoryEntry(at, by, "CANCELLED", {"status": [leave.status.value, LeaveStatus.CANCELLED.value]})
    return _with(leave, entry, status=LeaveStatus.CANCELLED, cancelled_by=by, cancel_reason=reason)


def give_number(leave: LeaveRequest, number: str, seq: int, *, by: str, at: datetime) -> LeaveRequest:
    """The numbering officer's number on an approved request (never twice, never on one's own)."""
    forbid_self_decision(by, leave.nip)
    _require(leave, LeaveStatus.APPROVED)
    require_unnumbered(leave)
    entry = HistoryEntry(at, by, "NUMBERED", {"letter_number": [None, number]})
    return _with(leave, entry, letter_number=number, letter_seq=seq, numbered_at=at, numbered_by=by)


def require_unnumbered(leave: LeaveRequest) -> None:
    if leave.letter_number:
        raise Conflict(
            f"Surat cuti ini sudah bernomor {leave.letter_number}.",
            code="LEAVE_ALREADY_NUMBERED",
            details={"letter_number": leave.letter_number},
        )


def move_to_supervisor(
    leave: LeaveRequest, supervisor_nip: str, official_nip: str, *, by: str, at: datetime
) -> LeaveRequest:
    """A request waiting for consideration follows the employee to their new supervisor."""
    _require(leave, LeaveStatus.PENDING_CONSIDERATION)
    changes: dict[str, list[Any]] = {"supervisor_nip": [leave.supervisor_nip, supervisor_nip]}
    if official_nip != leave.official_nip:
        changes["official_nip"] = [leave.official_nip, official_nip]
    entry = HistoryEntry(at, by, "SUPERVISOR_CHANGED", changes)
    return _with(leave, entry, supervisor_nip=supervisor_nip, official_nip=official_nip)


def _status_change(old: LeaveStatus, new: LeaveStatus, on_behalf_of: str | None) -> dict[str, list[Any]]:
    changes: dict[str, list[Any]] = {"status": [old.value, new.value]}
    if on_behalf_of:
        changes["on_behalf_of"] = [None, on_behalf_of]
    return changes


# -- letter numbers ------------------------------------------------------------------------------------------


def check_number_format(value: object) -> str:
    """A series format with ``{seq}`` and only the known placeholders."""
    text = validate_text(value, "number_format", max_len=100)
    try:
        names = [name for _, name, spec, conv in string.Formatter().parse(text) if name is not None]
        bad = [n for n in names if n not in NUMBER_PLACEHOLDERS]
        specs_ok = all(not spec and not conv for _, name, spec, conv in string.Formatter().parse(text) if name)
    except ValueError:
        names, bad, specs_ok = [], ["?"], False
    if "seq" not in names or bad or not specs_ok:
        raise ValidationError(
            "Format nomor harus memuat {seq} dan hanya {seq}, {skpd}, {year}, {month}, {month_roman}.",
            code="INVALID_NUMBER_FORMAT",
            details={"field": "number_format", "allowed": [f"{{{n}}}" for n in NUMBER_PLACEHOLDERS]},
        )
    return text


def letter_number(number_format: str, seq: int, skpd_id: str, day: date) -> str:
    """``800.1.11.4/{seq}/{skpd}/{year}`` → ``800.1.11.4/7/DINKES/2026``."""
    return number_format.format(
        seq=seq, skpd=skpd_id, year=day.year, month=f"{day.month:02d}", month_roman=_ROMAN[day.month - 1]
    )


def series_name(skpd_id: str, year: int) -> str:
    """The numbered series of an SKPD's leave letters of one year."""
    return f"LEAVE#{skpd_id}#{year}"


# -- what the store keeps per employee and per SKPD -------------------------------------------------------------


@dataclass(frozen=True)
class LeaveCalendar:
    """An employee's held days: every day of their pending and approved leave, with that leave's type and status;
    HR's opening balances; and the revision every leave write of the employee is conditional on."""

    nip: str
    days: Mapping[date, str] = field(default_factory=dict)  # day → leave id
    leaves: Mapping[str, tuple[LeaveType, LeaveStatus]] = field(default_factory=dict)
    opening: Mapping[int, int] = field(default_factory=dict)
    revision: int = 0

    def on(self, day: date) -> tuple[str, LeaveType, LeaveStatus] | None:
        leave_id = self.days.get(day)
        if leave_id is None or leave_id not in self.leaves:
            return None
        kind, status = self.leaves[leave_id]
        return leave_id, kind, status

    def approved_on(self, day: date) -> bool:
        found = self.on(day)
        return found is not None and found[2] is LeaveStatus.APPROVED

    def approved_days(self, first: date, last: date) -> set[date]:
        return {d for d in dates(first, last) if self.approved_on(d)}

    def with_leave(self, leave: LeaveRequest) -> LeaveCalendar:
        """The calendar after ``leave``'s change: its days held while it is pending or approved, freed otherwise."""
        days = {d: i for d, i in self.days.items() if i != leave.leave_id}
        leaves = {i: v for i, v in self.leaves.items() if i != leave.leave_id}
        if leave.holds_days:
            days.update(dict.fromkeys(leave.days(), leave.leave_id))
            leaves[leave.leave_id] = (leave.leave_type, leave.status)
        return replace(self, days=days, leaves=leaves)


@dataclass(frozen=True)
class LeaveSettings:
    """Per SKPD: who grants leave (``None``: each employee's supervisor's supervisor) and the number format."""

    skpd_id: str
    official_nip: str | None = None
    number_format: str = DEFAULT_NUMBER_FORMAT
    version: int = 0
