"""The admin's changes to the holiday calendar (regional holidays added, national ones removed)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ..domain.accounts import Actor, Role, require_role
from ..domain.errors import NotFound
from ..domain.reports import parse_day
from ..domain.workdays import HolidayAction, holiday_name
from ..store.protocols import HolidayOverrides

if TYPE_CHECKING:
    from ..schemas import HolidayChange, HolidayQuery


class HolidayService:
    def __init__(self, overrides: HolidayOverrides) -> None:
        self._overrides = overrides

    def year(self, actor: Actor, params: HolidayQuery) -> dict[str, Any]:
        """National holidays of a year merged with the admin's changes."""
        require_role(actor, Role.ADMIN)
        number = params.year
        overrides = self._overrides.for_year(number)
        days = []
        current = date(number, 1, 1)
        while current.year == number:
            national = holiday_name(current)
            effective = holiday_name(current, overrides)
            if national or current in overrides:
                days.append(
                    {
                        "date": current.isoformat(),
                        "national": national,
                        "holiday": effective,
                        "override": current in overrides,
                    }
                )
            current = date.fromordinal(current.toordinal() + 1)
        return {"year": number, "days": days}

    def change(self, actor: Actor, day_text: str, body: HolidayChange) -> dict[str, Any]:
        """``{"action": "ADD", "name": …}`` makes a date a holiday; ``{"action": "REMOVE"}`` a working day."""
        require_role(actor, Role.ADMIN)
        day = parse_day(day_text)  # the path's date (checked at the edge, still text)
        name = body.name if body.action is HolidayAction.ADD else None
        self._overrides.put(day, name)
        return {"date": day.isoformat(), "holiday": name, "override": True}

    def reset(self, actor: Actor, day_text: str) -> None:
        require_role(actor, Role.ADMIN)
        day = parse_day(day_text)
        if day not in self._overrides.for_year(day.year):
            raise NotFound("Tanggal ini tidak diubah oleh admin.", code="OVERRIDE_NOT_FOUND")
        self._overrides.delete(day)
