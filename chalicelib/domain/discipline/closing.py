"""A closed month: HR freezes a satker's recap once the month is over, so the figures the allowance is paid on no
longer move when a late decision or a sync arrives. A change after closing is a recorded correction — who, when,
why, which figure, from what to what — and the recap shows the corrected figure beside the list of corrections.

Decisions: a correction changes one figure of one employee (`monthly_recap.figure_names`); it does not recompute
the others (HR corrects the deduction too when a corrected class changes it — the screen proposes it); nobody
corrects their own figures; the frozen figures themselves never change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from ..accounts import forbid_self_decision
from ..errors import BusinessRule, NotFound, ValidationError
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
    version: int = 0

    def current(self, nip: str) -> MonthlyFigures:
        """The row as the recap shows it now: the frozen figures with every correction applied in order."""
        row = self.figures[nip]
        for correction in self.corrections_of(nip):
            row = row.with_figure(correction.field, correction.new)
        return row

    def corrections_of(self, nip: str) -> tuple[Correction, ...]:
        return tuple(c for c in self.corrections if c.nip == nip)


def close_month(
    satker_id: str, month: MonthKey, rows: Iterable[MonthlyFigures], *, by: str, at: datetime, zone: TimeZone
) -> ClosedMonth:
    """Freeze ``rows`` (every employee's figures of ``month``) once the month is over in the satker's zone."""
    require_over(month, at, zone)
    figures = {}
    for row in rows:
        if row.month != month:
            raise ValueError(f"a row of {row.month.key} in the closing of {month.key}")
        figures[row.nip] = row
    return ClosedMonth(satker_id, month, by, at, figures)


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
    forbid_self_decision(by, nip)
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
