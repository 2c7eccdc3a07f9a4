"""HR closes a satker's month (issue 20, "the monthly recap"): the figures the allowance is paid on are frozen, and a
change afterwards is a recorded correction that the recap shows (who, when, why, which figure, from what to what).

The rules are `domain.discipline.closing`'s (`close_month`, `correct`); the live rows come from the one bulk reader
of a satker's month (`SatkerMonthReader.rows`), the frozen ones from `ClosedMonthRepository`.

Decisions where the issue is silent:

- **Who**: HR (KEPEGAWAIAN) of the satker's SKPD, BKD and the admin read, close and correct (`require_hr`); nobody
  corrects their own row (`correct` refuses it).
- **When**: a month closes only once it is over in the satker's zone (`require_over`), however late: nothing
  closes a month by itself, so HR decides when the disputes of the month are settled.
- **A closed month stays closed**: there is no reopening; a wrong figure is corrected, and the correction is
  listed beside the frozen one forever. A check-in or a decision recorded later for that month changes the
  calendar, not the recap.
- **Versions**: 0 while open, 1 once closed, one more per correction; a correction names the version it was made
  on, so two officers correcting at once cannot overwrite each other (409, read again).
- **Frozen people**: a row keeps the name and jabatan the employee had at closing, so the recap of a past month
  still names who was there even after a move.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from ..domain.accounts import Actor, require_hr
from ..domain.audit import month_closed_events, recap_correction_events
from ..domain.discipline import (
    ClosedMonth,
    MonthKey,
    MonthlyFigures,
    close_month,
    correct,
    figure_label,
    figure_names,
    month_over,
    parse_month,
    require_over,
)
from ..domain.discipline.closing import already_closed, not_closed, stale_version
from ..domain.errors import NotFound
from ..domain.organisation import Satker
from ..store.protocols import ClosedMonthRepository, EmployeeRepository, OrgRepository
from .month_figures import figures_json

if TYPE_CHECKING:
    from ..schemas import MonthCorrectionInput
    from .discipline_month import StaffMonth


class MonthRows(Protocol):
    """The bulk reader of a satker's month (`services/discipline_month.SatkerMonthReader`)."""

    def rows(self, skpd_id: str, satker_id: str, month: MonthKey) -> list[StaffMonth]: ...


class MonthClosingService:
    def __init__(
        self,
        org: OrgRepository,
        employees: EmployeeRepository,
        closed: ClosedMonthRepository,
        reader: MonthRows,
        *,
        clock: Callable[[], datetime],
    ) -> None:
        self._org, self._employees, self._closed, self._reader, self._clock = org, employees, closed, reader, clock

    def view(self, actor: Actor, skpd_id: str, satker_id: str, month: str) -> dict[str, Any]:
        """The month as the recap shows it: live figures so far while open, frozen ones with corrections after."""
        key, satker = self._scope(actor, skpd_id, satker_id, month)
        return self._view(skpd_id, satker, key, self._closed.get(skpd_id, satker_id, key))

    def close(self, actor: Actor, skpd_id: str, satker_id: str, month: str) -> dict[str, Any]:
        """Freeze every employee's figures of the month (422 before it is over, 409 when closed already)."""
        key, satker = self._scope(actor, skpd_id, satker_id, month)
        now = self._clock()
        require_over(key, now, satker.timezone)
        if self._closed.get(skpd_id, satker_id, key) is not None:  # before reading 500 employees' month
            raise already_closed(key)
        staff = self._reader.rows(skpd_id, satker_id, key)
        closed = close_month(
            satker_id,
            key,
            [s.figures for s in staff],
            by=actor.nip,
            at=now,
            zone=satker.timezone,
            people={s.employee.nip: (s.employee.name, s.employee.jabatan) for s in staff},
        )
        events = month_closed_events(
            actor.nip, now, skpd_id=skpd_id, satker_id=satker_id, month=key.key, rows=len(closed.figures)
        )
        return self._view(skpd_id, satker, key, self._closed.close(skpd_id, closed, events))

    def correct(
        self, actor: Actor, skpd_id: str, satker_id: str, month: str, body: MonthCorrectionInput
    ) -> dict[str, Any]:
        """Change one frozen figure of one employee, with why; recorded in order and in both people's history."""
        key, satker = self._scope(actor, skpd_id, satker_id, month)
        closed = self._closed.get(skpd_id, satker_id, key)
        if closed is None:
            raise not_closed(key)
        if body.version != closed.version:
            raise stale_version(key)
        now = self._clock()
        changed = correct(
            closed,
            nip=body.nip,
            field=body.field,
            new=_value(body.field, body.new),
            reason=body.reason,
            by=actor.nip,
            at=now,
            day=body.day,
        )
        fix = changed.corrections[-1]
        details = {
            "skpd_id": skpd_id,
            "satker_id": satker_id,
            "month": key.key,
            "field": fix.field,
            "old": _number(fix.old),
            "new": _number(fix.new),
            "reason": fix.reason,
            "day": fix.day,
        }
        saved = self._closed.correct(skpd_id, changed, recap_correction_events(fix.nip, actor.nip, now, details))
        return self._view(skpd_id, satker, key, saved)

    # -- helpers -----------------------------------------------------------------------------------------------

    def _scope(self, actor: Actor, skpd_id: str, satker_id: str, month: str) -> tuple[MonthKey, Satker]:
        """Role and scope first, then the month and the satker (so an outsider learns nothing of either)."""
        require_hr(actor, skpd_id)
        key = parse_month(month)
        satker = self._org.get_satker(skpd_id, satker_id)
        if satker is None:
            raise NotFound("Satker tidak ditemukan.", code="SATKER_NOT_FOUND")
        return key, satker

    def _view(self, skpd_id: str, satker: Satker, month: MonthKey, closed: ClosedMonth | None) -> dict[str, Any]:
        if closed is None:
            rows = [
                _row(s.employee.nip, s.employee.name, s.employee.jabatan, s.figures, ())
                for s in self._reader.rows(skpd_id, satker.satker_id, month)
            ]
            return {
                **_head(skpd_id, satker, month),
                "status": "OPEN",
                "can_close": month_over(month, self._clock(), satker.timezone),
                "version": 0,
                "closed_at": None,
                "closed_by": None,
                "closed_by_name": None,
                "rows": rows,
                "corrections": [],
                "figure_fields": _figure_fields(),
            }
        names = self._names({closed.closed_by, *(c.by for c in closed.corrections)})
        person = {nip: closed.people.get(nip, ("", "")) for nip in closed.figures}
        order = sorted(closed.figures, key=lambda nip: (person[nip][0].lower(), nip))
        return {
            **_head(skpd_id, satker, month),
            "status": "CLOSED",
            "can_close": False,
            "version": closed.version,
            "closed_at": closed.closed_at.isoformat(),
            "closed_by": closed.closed_by,
            "closed_by_name": names.get(closed.closed_by),
            "rows": [
                _row(nip, *person[nip], closed.current(nip), (c.field for c in closed.corrections_of(nip)))
                for nip in order
            ],
            "corrections": [
                {
                    "nip": c.nip,
                    "name": person.get(c.nip, ("", ""))[0],
                    "field": c.field,
                    "field_label": figure_label(c.field),
                    "old": _number(c.old),
                    "new": _number(c.new),
                    "reason": c.reason,
                    "day": c.day.isoformat() if c.day else None,
                    "by": c.by,
                    "by_name": names.get(c.by, c.by),
                    "at": c.at.isoformat(),
                }
                for c in closed.corrections
            ],
            "figure_fields": _figure_fields(),
        }

    def _names(self, nips: set[str]) -> dict[str, str]:
        return {nip: e.name for nip, e in self._employees.many(nips).items()}


def _value(field: str, sent: float | int) -> int | Decimal | float:
    """What the body sent as the domain's value: the deduction a `Decimal` as written (1.25 stays 1.25), a count a
    whole number (2.0 is 2); anything else is left for `correct` to refuse."""
    if field == "deduction_percent":
        return Decimal(str(sent))
    if isinstance(sent, float) and sent.is_integer():
        return int(sent)
    return sent


def _number(value: int | Decimal) -> int | float:
    return float(value) if isinstance(value, Decimal) else value


def _head(skpd_id: str, satker: Satker, month: MonthKey) -> dict[str, Any]:
    return {
        "skpd_id": skpd_id,
        "satker_id": satker.satker_id,
        "satker_name": satker.name,
        "month": month.key,
        "month_label": month.label,
    }


def _row(nip: str, name: str, jabatan: str, found: MonthlyFigures, corrected: Iterable[str]) -> dict[str, Any]:
    return {
        "nip": nip,
        "name": name,
        "jabatan": jabatan,
        "corrected": sorted(set(corrected)),
        "figures": figures_json(found),
    }


def _figure_fields() -> list[dict[str, str]]:
    return [{"field": name, "label": figure_label(name)} for name in figure_names()]
