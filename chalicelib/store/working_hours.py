"""Working hours (issue 20) in the ``org`` table, beside the SKPD and satker items they belong to: the SKPD's
default (``sk`` = "HOURS") and a satker's own (``sk`` = "HOURS#<satker>"). A separate item, not an attribute of
the satker's, so the admin's edit of a satker and HR's edit of its hours never overwrite each other."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from typing import Any

from pynamodb.exceptions import DeleteError

from ..domain.discipline import DisciplineRules, Hours, ScheduleException, WorkSchedule
from ..domain.errors import Conflict
from ..domain.identity import TimeZone
from .conditions import condition_failed, save_versioned
from .discipline_rules import RULES_SK, rules_json, rules_of
from .models import OrgItem

_STALE = "Jam kerja telah diubah oleh pengguna lain; muat ulang lalu coba lagi."
_STALE_RULES = "Aturan potongan telah diubah oleh pengguna lain; muat ulang lalu coba lagi."


def hours_sk(satker_id: str | None) -> str:
    """The SKPD's default without a satker, else the satker's own."""
    return f"HOURS#{satker_id}" if satker_id else "HOURS"


class DynamoWorkHours:
    """Implements `WorkHoursRepository`."""

    def get(self, skpd_id: str, satker_id: str | None) -> WorkSchedule | None:
        """One GetItem."""
        try:
            return _schedule(OrgItem.get(skpd_id, hours_sk(satker_id), consistent_read=True))
        except OrgItem.DoesNotExist:
            return None

    def both(self, skpd_id: str, satker_id: str) -> tuple[WorkSchedule | None, WorkSchedule | None]:
        """The satker's own and the SKPD's default in one BatchGetItem (the calendar's read)."""
        found = {i.sk: _schedule(i) for i in OrgItem.batch_get([(skpd_id, hours_sk(satker_id)), (skpd_id, "HOURS")])}
        return found.get(hours_sk(satker_id)), found.get("HOURS")

    def for_calendar(
        self, skpd_id: str, satker_id: str | None
    ) -> tuple[WorkSchedule | None, WorkSchedule | None, DisciplineRules | None]:
        """The satker's own hours, the SKPD's default and the SKPD's discipline rules in one BatchGetItem (what the
        calendar's classes and the month's figures need)."""
        keys = [(skpd_id, "HOURS"), (skpd_id, RULES_SK)] + ([(skpd_id, hours_sk(satker_id))] if satker_id else [])
        found = {i.sk: i for i in OrgItem.batch_get(keys)}
        own = found.get(hours_sk(satker_id)) if satker_id else None
        skpd, rules = found.get("HOURS"), found.get(RULES_SK)
        return (
            _schedule(own) if own else None,
            _schedule(skpd) if skpd else None,
            rules_of(rules.discipline_rules, int(rules.version)) if rules else None,
        )

    def rules(self, skpd_id: str) -> DisciplineRules | None:
        """The SKPD's own discipline rules (one GetItem); ``None``: it follows the defaults."""
        try:
            item = OrgItem.get(skpd_id, RULES_SK, consistent_read=True)
        except OrgItem.DoesNotExist:
            return None
        return rules_of(item.discipline_rules, int(item.version))

    def save_rules(self, skpd_id: str, rules: DisciplineRules, zone: TimeZone) -> DisciplineRules:
        """Create (version 0) or replace the version that was read (409 ``CONFLICT`` when stale)."""
        item = OrgItem(skpd_id=skpd_id, sk=RULES_SK, timezone=zone.value, discipline_rules=rules_json(rules))
        if rules.version:
            item.version = rules.version
        return replace(rules, version=save_versioned(item, lambda: Conflict(_STALE_RULES, code="CONFLICT")))

    def save(self, skpd_id: str, satker_id: str | None, schedule: WorkSchedule) -> WorkSchedule:
        """Create (version 0: none stored) or replace the version that was read."""
        item = OrgItem(
            skpd_id=skpd_id, sk=hours_sk(satker_id), timezone=schedule.zone.value, work_schedule=to_json(schedule)
        )
        if schedule.version:
            item.version = schedule.version
        return replace(schedule, version=save_versioned(item, lambda: Conflict(_STALE, code="CONFLICT")))

    def delete(self, skpd_id: str, satker_id: str, version: int) -> None:
        """Remove a satker's own hours (it falls back to its SKPD's), only the version that was read."""
        item = OrgItem(skpd_id=skpd_id, sk=hours_sk(satker_id), timezone="WIB")
        item.version = version
        try:
            item.delete()
        except DeleteError as exc:
            if condition_failed(exc):
                raise Conflict(_STALE, code="CONFLICT") from None
            raise


# -- the stored shape -----------------------------------------------------------------------------------------


def to_json(schedule: WorkSchedule) -> dict[str, Any]:
    return {
        "days_per_week": schedule.days_per_week,
        "weekly": _hours_json(schedule.weekly),
        "exceptions": [
            {"first": e.first.isoformat(), "last": e.last.isoformat(), "note": e.note, "off": e.off}
            | ({"hours": _hours_json(e.hours)} if e.hours else {})
            for e in schedule.exceptions
        ],
    }


def from_json(data: dict[str, Any], zone: TimeZone, version: int) -> WorkSchedule:
    return WorkSchedule(
        int(data["days_per_week"]),
        _hours_of(data["weekly"]),
        tuple(
            ScheduleException(
                date.fromisoformat(e["first"]),
                date.fromisoformat(e["last"]),
                e["note"],
                off=bool(e.get("off")),
                hours=_hours_of(e.get("hours") or {}),
            )
            for e in data.get("exceptions", [])
        ),
        zone,
        version,
    )


def _hours_json(hours: Any) -> dict[str, list[Any]]:
    return {str(d): [f"{h.check_in:%H:%M}", f"{h.check_out:%H:%M}", h.break_minutes] for d, h in sorted(hours.items())}


def _hours_of(data: dict[str, list[Any]]) -> dict[int, Hours]:
    return {int(d): Hours(time.fromisoformat(i), time.fromisoformat(o), int(b)) for d, (i, o, b) in data.items()}


def _schedule(item: OrgItem) -> WorkSchedule:
    return from_json(item.work_schedule, TimeZone(item.timezone), int(item.version))
