"""The admin's changes to the holiday calendar (regional holidays added, national ones removed)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ..domain.accounts import Actor, Role, require_role
from ..domain.errors import NotFound, ValidationError, not_one_of
from ..domain.identity import parse_whole, validate_text
from ..domain.reports import parse_day
from ..domain.workdays import holiday_name
from ..store.protocols import HolidayOverrides


class HolidayService:
    def __init__(self, overrides: HolidayOverrides) -> None:
        self._overrides = overrides

    def year(self, actor: Actor, year: str | None) -> dict[str, Any]:
        """National holidays of a year merged with the admin's changes."""
        require_role(actor, Role.ADMIN)
        number = parse_whole(year, 2000, 2100)
        if number is None:
            raise ValidationError(
                "Parameter year harus tahun 2000-2100.", code="INVALID_YEAR", details={"field": "year"}
            )
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

    def change(self, actor: Actor, day_text: str, body: Mapping[str, object]) -> dict[str, Any]:
        """``{"action": "ADD", "name": …}`` makes a date a holiday; ``{"action": "REMOVE"}`` a working day."""
        require_role(actor, Role.ADMIN)
        day = parse_day(day_text)
        action = str(body.get("action") or "").upper()
        if action == "ADD":
            name = validate_text(body.get("name"), "name", max_len=120)
        elif action == "REMOVE":
            name = None
        else:
            raise not_one_of("action", ["ADD", "REMOVE"], "Tindakan", "INVALID_ACTION")
        self._overrides.put(day, name)
        return {"date": day.isoformat(), "holiday": name, "override": True}

    def reset(self, actor: Actor, day_text: str) -> None:
        require_role(actor, Role.ADMIN)
        day = parse_day(day_text)
        if day not in self._overrides.for_year(day.year):
            raise NotFound("Tanggal ini tidak diubah oleh admin.", code="OVERRIDE_NOT_FOUND")
        self._overrides.delete(day)
