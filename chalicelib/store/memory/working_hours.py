"""In-memory twin of `DynamoWorkHours`: the SKPD's default and each satker's own working hours."""

from __future__ import annotations

from dataclasses import replace

from ...domain.discipline import DisciplineRules, WorkSchedule
from ...domain.errors import Conflict
from ...domain.identity import TimeZone

_STALE = "Jam kerja telah diubah oleh pengguna lain; muat ulang lalu coba lagi."
_STALE_RULES = "Aturan potongan telah diubah oleh pengguna lain; muat ulang lalu coba lagi."


class InMemoryWorkHours:
    """Behaves like `DynamoWorkHours`: version 0 creates, else only the version read is replaced or deleted."""

    def __init__(self) -> None:
        self._items: dict[tuple[str, str | None], WorkSchedule] = {}
        self._rules: dict[str, DisciplineRules] = {}

    def get(self, skpd_id: str, satker_id: str | None) -> WorkSchedule | None:
        return self._items.get((skpd_id, satker_id or None))

    def both(self, skpd_id: str, satker_id: str) -> tuple[WorkSchedule | None, WorkSchedule | None]:
        return self.get(skpd_id, satker_id), self.get(skpd_id, None)

    def for_calendar(
        self, skpd_id: str, satker_id: str | None
    ) -> tuple[WorkSchedule | None, WorkSchedule | None, DisciplineRules | None]:
        own = self.get(skpd_id, satker_id) if satker_id else None
        return own, self.get(skpd_id, None), self.rules(skpd_id)

    def rules(self, skpd_id: str) -> DisciplineRules | None:
        return self._rules.get(skpd_id)

    def save_rules(self, skpd_id: str, rules: DisciplineRules, zone: TimeZone) -> DisciplineRules:
        stored = self._rules.get(skpd_id)
        if (stored.version if stored else 0) != rules.version:
            raise Conflict(_STALE_RULES, code="CONFLICT")
        saved = self._rules[skpd_id] = replace(rules, version=rules.version + 1)
        return saved

    def save(self, skpd_id: str, satker_id: str | None, schedule: WorkSchedule) -> WorkSchedule:
        stored = self.get(skpd_id, satker_id)
        if (stored.version if stored else 0) != schedule.version:
            raise Conflict(_STALE, code="CONFLICT")
        saved = self._items[(skpd_id, satker_id or None)] = replace(schedule, version=schedule.version + 1)
        return saved

    def delete(self, skpd_id: str, satker_id: str, version: int) -> None:
        stored = self.get(skpd_id, satker_id)
        if stored is None or stored.version != version:
            raise Conflict(_STALE, code="CONFLICT")
        del self._items[(skpd_id, satker_id)]
