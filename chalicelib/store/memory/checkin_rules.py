"""In-memory twin of `DynamoCheckInRules`: each SKPD's check-in rules, versioned the same way."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ...domain.checkin_rules import CheckInRules
from ...domain.errors import Conflict
from ...domain.identity import TimeZone
from ...domain.organisation import Satker

_STALE = "Aturan presensi telah diubah oleh pengguna lain; muat ulang lalu coba lagi."


class InMemoryCheckInRules:
    """Behaves like `DynamoCheckInRules`: version 0 creates, else only the version read is replaced."""

    def __init__(self, org: Any = None) -> None:
        self._rules: dict[str, CheckInRules] = {}
        #: the organisation twin (the satker of `with_satker`: DynamoDB's same ``org`` partition)
        self.org = org

    def get(self, skpd_id: str) -> CheckInRules | None:
        return self._rules.get(skpd_id)

    def with_satker(self, skpd_id: str, satker_id: str) -> tuple[Satker | None, CheckInRules | None]:
        return (self.org.get_satker(skpd_id, satker_id) if self.org else None), self._rules.get(skpd_id)

    def save(self, skpd_id: str, rules: CheckInRules, zone: TimeZone) -> CheckInRules:
        stored = self._rules.get(skpd_id)
        if (stored.version if stored else 0) != rules.version:
            raise Conflict(
                "Aturan presensi telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT"
            )
        saved = self._rules[skpd_id] = replace(rules, version=rules.version + 1)
        return saved
