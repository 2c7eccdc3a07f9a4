"""Leave (cuti) of civil servants, after Peraturan BKN 24/2017: types, limits, the annual-leave balance, the
two-level approval (pertimbangan atasan langsung, keputusan pejabat yang berwenang) and letter numbers.

Pure rules: every date, holiday calendar and earlier leave the rules need is handed in by the caller.

- **TAHUNAN**: 12 working days a year for a PNS/CPNS/PPPK with at least one year of continuous service (from
  the TMT). Counted in working days (weekends, national holidays, cuti bersama and the admin's changes are
  not). Cuti bersama does not reduce them (each year's Keppres on cuti bersama ASN since Keppres 7/2021,
  e.g. Keppres 2/2025 diktum kedua); cuti bersama days an employee worked by duty, as HR records them, are
  added to that year's days (diktum ketiga). Unused days of the year before carry over, at most 6; after two
  (or more) years without any annual leave, the unused days of both carry over up to 24 available including
  the current year. A year in which cuti besar is taken has no annual leave. A
  request may not cross a calendar year (each year has its own balance).
- **BESAR**: after 5 years of service, at most 3 months, at most once every 5 years; annual leave already
  taken that year shortens it (by those working days).
- **SAKIT**: at most 1 year; more than one day needs a doctor's certificate (PDF).
- **MELAHIRKAN**: at most 3 months, for the 1st to the 3rd child, for women (the NIP's 15th digit is 2).
- **ALASAN_PENTING**: at most 1 month. **CLTN** (di luar tanggungan negara): after 5 years, at most 3 years.
- PPPK have TAHUNAN, SAKIT and MELAHIRKAN only; a CPNS has neither BESAR nor CLTN.

The rules live in modules by what they do, so a change to one (a new Keppres on cuti bersama, a new number
format) is read and reviewed without the rest. This package re-exports their public names: callers import from
``domain.leave`` and need not know the layout.

- `kinds`: the types, statuses and verdicts with their labels, each type's limits, the request itself;
- `days`: calendar arithmetic: working days, months, length of service, cuti bersama days;
- `fields`: a request's own fields (the limits and the phone's form the request model checks) and the two rules
  across them;
- `balance`: the annual-leave balance across years (carry-over, cuti bersama, cuti besar);
- `rules`: what a request must satisfy before it is stored (window, type, length, balance, overlaps);
- `flow`: who decides, and every change of a request's status with its history entry;
- `numbering`: the letter number's format and series;
- `state`: what the store keeps per employee (the held days) and per SKPD (the settings).
"""

from __future__ import annotations

from .balance import (
    ANNUAL_DAYS,
    CARRY_MAX,
    CARRY_TWO_YEARS_TOTAL,
    AnnualBalance,
    LeaveHistory,
    annual_balance,
    annual_entitlement,
    history_of,
)
from .days import (
    add_months,
    cuti_bersama_days,
    dates,
    eligible_from,
    is_cuti_bersama,
    last_allowed_day,
    service_length,
    working_days,
    years_of_service,
)
from .fields import CERTIFICATE, MAX_ADDRESS, MAX_PHONE, MAX_REASON, check_phone, new_application
from .flow import approvers, cancel, consider, decide, give_number, move_to_supervisor, require_unnumbered
from .kinds import (
    ALLOWED_TYPES,
    BESAR_EVERY_YEARS,
    HOLDS_DAYS,
    LIMITS,
    MAX_CHILD_ORDER,
    PENDING,
    STATUS_LABELS,
    TYPE_LABELS,
    VERDICT_LABELS,
    Application,
    Attachment,
    LeaveRequest,
    LeaveStatus,
    LeaveType,
    Limit,
    Step,
    Verdict,
)
from .numbering import DEFAULT_NUMBER_FORMAT, NUMBER_PLACEHOLDERS, check_number_format, letter_number, series_name
from .rules import (
    AHEAD_DAYS,
    BACKDATE_DAYS,
    check_application,
    check_overlap,
    check_report_days,
    check_window,
    day_on_leave,
)
from .state import LeaveCalendar, LeaveSettings

__all__ = [
    "AHEAD_DAYS",
    "ALLOWED_TYPES",
    "ANNUAL_DAYS",
    "BACKDATE_DAYS",
    "BESAR_EVERY_YEARS",
    "CARRY_MAX",
    "CARRY_TWO_YEARS_TOTAL",
    "CERTIFICATE",
    "DEFAULT_NUMBER_FORMAT",
    "HOLDS_DAYS",
    "LIMITS",
    "MAX_ADDRESS",
    "MAX_CHILD_ORDER",
    "MAX_PHONE",
    "MAX_REASON",
    "NUMBER_PLACEHOLDERS",
    "PENDING",
    "STATUS_LABELS",
    "TYPE_LABELS",
    "VERDICT_LABELS",
    "AnnualBalance",
    "Application",
    "Attachment",
    "LeaveCalendar",
    "LeaveHistory",
    "LeaveRequest",
    "LeaveSettings",
    "LeaveStatus",
    "LeaveType",
    "Limit",
    "Step",
    "Verdict",
    "add_months",
    "annual_balance",
    "annual_entitlement",
    "approvers",
    "cancel",
    "check_application",
    "check_number_format",
    "check_overlap",
    "check_phone",
    "check_report_days",
    "check_window",
    "consider",
    "cuti_bersama_days",
    "dates",
    "day_on_leave",
    "decide",
    "eligible_from",
    "give_number",
    "history_of",
    "is_cuti_bersama",
    "last_allowed_day",
    "letter_number",
    "move_to_supervisor",
    "new_application",
    "require_unnumbered",
    "series_name",
    "service_length",
    "working_days",
    "years_of_service",
]
