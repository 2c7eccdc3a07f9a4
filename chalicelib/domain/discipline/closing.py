"""A closed month: HR freezes a satker's recap once the month is over, so the figures the allowance is paid on no
longer move when a late decision or a sync arrives. A change after closing is a recorded correction — who, when,
why, which figure, from what to what — and the recap shows the corrected figure beside the list of corrections.

Decisions: a correction changes one figure of one employee (`monthly_recap.figure_names`); it does not recompute
the others (HR corrects the deduction too when a corrected class changes it — the screen proposes it); nobody
corrects their own figures; the frozen figures themselves never change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal

from ..errors import BusinessRule, Conflict, Forbidden, NotFound, ValidationError
from ..identity import TimeZone
from ..messages import indonesian_number
from .month import MonthKey, require_over
from .monthly_recap import MonthlyFigures, figure_names
from .rules import HUNDRED

MIN_REASON, MAX_REASON = 10, 500


@dataclass(frozen=True)
class Correction:
    nip: str
    field: str
    old: int | Decimal
    new: int | Decimal
    reason: str
    by: str
    at: datetime
    #: the day the correction is about, when it is about one
    day: date | None = None


@dataclass(frozen=True)
class ClosedMonth:
    """A satker's month as HR closed it: the frozen rows by NIP and the corrections since, in order."""

    satker_id: str
    month: MonthKey
    closed_by: str
    closed_at: datetime
    figures: Mapping[str, MonthlyFigures]
    corrections: tuple[Correction, ...] = ()
    #: 1 once closed, one more for each correction: a correction names the version it was made on (optimistic)
    version: int = 0
    #: NIP → (name, jabatan) as at closing, so the frozen recap names who was in the satker then, even after a move
    people: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def current(self, nip: str) -> MonthlyFigures:
        """The row as the recap shows it now: the frozen figures with every correction applied in order."""
        row = self.figures[nip]
        for correction in self.corrections_of(nip):
            row = row.with_figure(correction.field, correction.new)
        return row

    def corrections_of(self, nip: str) -> tuple[Correction, ...]:
        return tuple(c for c in self.corrections if c.nip == nip)


def already_closed(month: MonthKey) -> Conflict:
    """Closing a month that is closed already."""
    return Conflict(
        f"Rekap bulan {month.label} sudah ditutup; perubahan memerlukan koreksi.",
        code="MONTH_CLOSED",
        details={"month": month.key},
    )


def being_closed(month: MonthKey) -> Conflict:
    """Closing a month another officer is closing right now."""
    return Conflict(
        f"Rekap bulan {month.label} sedang ditutup oleh petugas lain; muat ulang sebentar lagi.",
        code="MONTH_CLOSING",
        details={"month": month.key},
    )


def not_closed(month: MonthKey) -> Conflict:
    """A correction of a month that is still open: its figures still follow the records, nothing is frozen."""
    return Conflict(
        f"Rekap bulan {month.label} belum ditutup; angkanya masih mengikuti data presensi, tidak perlu dikoreksi.",
        code="MONTH_OPEN",
        details={"month": month.key},
    )


def stale_version(month: MonthKey) -> Conflict:
    """A correction made on a version someone else's correction moved on from."""
    return Conflict(
        f"Rekap bulan {month.label} telah dikoreksi oleh pengguna lain; muat ulang lalu coba lagi.",
        code="CONFLICT",
        details={"month": month.key},
    )


def close_month(
    satker_id: str,
    month: MonthKey,
    rows: Iterable[MonthlyFigures],
    *,
    by: str,
    at: datetime,
    zone: TimeZone,
    people: Mapping[str, tuple[str, str]] | None = None,
) -> ClosedMonth:
    """Freeze ``rows`` (every employee's figures of ``month``) once the month is over in the satker's zone; the
    per-day classes (``days``) are not kept: the frozen row is the figures."""
    require_over(month, at, zone)
    figures = {}
    for row in rows:
        if row.month != month:
            raise ValueError(f"a row of {row.month.key} in the closing of {month.key}")
        figures[row.nip] = replace(row, days=())
    return ClosedMonth(satker_id, month, by, at, figures, people=dict(people or {}))


def correct(
    closed: ClosedMonth,
    *,
    nip: str,
    field: str,
    new: int | Decimal,
    reason: str,
    by: str,
    at: datetime,
    day: date | None = None,
) -> ClosedMonth:
    """The closed month with one more correction; refuses an unknown employee or figure, a value a figure cannot
    take, a day outside the month, a missing reason, a correction of one's own figures and one that changes
    nothing."""
    if nip not in closed.figures:
        raise NotFound(
            f"Pegawai tidak ada dalam rekap bulan {closed.month.label}.", code="NOT_IN_RECAP", details={"nip": nip}
        )
    if by == nip:
        raise Forbidden("Anda tidak dapat mengoreksi rekap Anda sendiri.", code="SELF_DECISION")
    if field not in figure_names():
        raise ValidationError(
            "Angka rekap yang dikoreksi tidak dikenal.", code="INVALID_FIGURE", details={"field": "field"}
        )
    _check_value(field, new)
    if day is not None and not closed.month.contains(day):
        raise ValidationError(
            f"Tanggal koreksi harus di bulan {closed.month.label}.", code="DAY_OUTSIDE_MONTH", details={"field": "day"}
        )
    text = reason.strip()
    if not MIN_REASON <= len(text) <= MAX_REASON:
        raise ValidationError(
            f"Alasan koreksi wajib diisi, {MIN_REASON}-{MAX_REASON} karakter.",
            code="INVALID_REASON",
            details={"field": "reason"},
        )
    old = closed.current(nip).figure(field)
    if old == new:
        raise BusinessRule(
            f"Nilai baru sama dengan nilai sekarang ({indonesian_number(float(old))}); tidak ada yang dikoreksi.",
            code="NOTHING_TO_CORRECT",
            details={"field": "new"},
        )
    entry = Correction(nip, field, old, new, text, by, at, day)
    return replace(closed, corrections=(*closed.corrections, entry))


def _check_value(field: str, value: int | Decimal) -> None:
    if field == "deduction_percent":
        ok = isinstance(value, Decimal) and value.is_finite() and 0 <= value <= HUNDRED
        message = "Potongan harus angka 0 sampai 100."
    else:
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        message = "Nilai koreksi harus bilangan bulat 0 atau lebih."
    if not ok:
        raise ValidationError(message, code="INVALID_CORRECTION", details={"field": "new"})
