"""The annual-leave balance (cuti tahunan) of a year, as the official form shows it: what is left of N-2,
N-1 and N, after carry-over, cuti bersama worked by duty, cuti besar and the leave already taken.

Apart because it is the one calculation that spans years and changes with each year's Keppres on cuti bersama;
the checks of a request (`rules`), the balance screen and the letter all read it from here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from .days import cuti_bersama_days, eligible_from
from .kinds import LeaveRequest, LeaveType

ANNUAL_DAYS = 12
CARRY_MAX = 6  # unused days of last year, at most (so at most 18 available)
CARRY_TWO_YEARS_TOTAL = 24  # after two or more unused years, including the current year


@dataclass(frozen=True)
class AnnualBalance:
    """Annual leave of year N as the official form shows it: what is left of N-2, N-1 and N, and in total."""

    year: int
    entitlement: int  # N's own days: 12 plus cuti bersama worked by duty (0 when not yet entitled or cuti besar)
    cuti_bersama: int  # cuti bersama days of N: days off, never taken from the balance
    carried: int  # days brought from N-1 and N-2
    used: int  # working days of annual leave in N (approved and pending)
    remaining: tuple[tuple[int, int], ...]  # ((N-2, left), (N-1, left), (N, left))
    bersama_worked: int = 0  # cuti bersama days of N worked by duty (HR's record), included in the entitlement

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
    year: int,
    entitled_from: date,
    history: LeaveHistory,
    overrides: Mapping[date, str | None] | None = None,
    bersama_worked: int = 0,
) -> tuple[int, int]:
    """(days of ``year``'s own annual leave, cuti bersama days worked by duty that were added to them).

    Cuti bersama does not reduce the annual leave of ASN, and an ASN who by their position was not given
    cuti bersama has those days added to their annual leave: Keputusan Presiden Nomor 2 Tahun 2025 tentang
    Cuti Bersama Pegawai Aparatur Sipil Negara Tahun 2025, diktum kedua and ketiga (the same in each year's
    Keppres since Keppres 7/2021; it replaces the deduction of Peraturan BKN 24/2017). So the entitlement is
    12 working days plus ``bersama_worked`` (HR's record, at most the year's cuti bersama days); cuti bersama
    days stay non-working days, so leave never spends them either.
    """
    if entitled_from > date(year, 12, 31) or year in history.besar_years:
        return 0, 0
    added = min(max(0, bersama_worked), cuti_bersama_days(year, overrides)) if bersama_worked > 0 else 0
    return ANNUAL_DAYS + added, added


def annual_balance(
    year: int,
    *,
    tmt: date,
    history: LeaveHistory,
    overrides: Mapping[date, str | None] | None = None,
    records_since: int,
    opening: Mapping[int, int] | None = None,
    bersama_worked: Mapping[int, int] | None = None,
) -> AnnualBalance:
    """The annual-leave balance of ``year``.

    Years from ``records_since`` on are counted from the leave recorded here; for the years before, what was
    left is the HR officer's ``opening`` figure (year → days left of that year's own leave; none said: 0).
    Each year's leave is taken from the oldest days first: those carried from N-2, then from N-1, then N's own.
    ``bersama_worked`` (year → cuti bersama days worked by duty, HR's record) adds to that year's own days
    (see `annual_entitlement`).
    """
    opening = opening or {}
    worked = bersama_worked or {}
    entitled = eligible_from(tmt)
    first = min(year, records_since) - 2
    left: dict[int, int] = {}  # of each year's own days, what was not used in that year
    unused: dict[int, bool] = {}
    result = AnnualBalance(year, 0, 0, 0, 0, ((year - 2, 0), (year - 1, 0), (year, 0)))
    for y in range(first, year + 1):
        own, added = annual_entitlement(y, entitled, history, overrides, int(worked.get(y, 0)))
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
            bersama = cuti_bersama_days(y, overrides)
            result = AnnualBalance(y, own, bersama, from_two + from_one, used, remaining, added)
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
