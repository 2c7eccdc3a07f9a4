"""An SKPD's check-in rules (issue 20) as the ``org`` table stores them: the item ``sk`` = "CHECKIN" beside the
SKPD's working hours and discipline rules, a JSON ``checkin_rules`` and a ``version`` (GetItem; a versioned
PutItem, so two HR officers' edits never overwrite each other silently)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..domain.checkin_rules import CheckInRules, DevicePolicy
from ..domain.errors import Conflict
from ..domain.identity import TimeZone
from ..domain.organisation import Satker
from .conditions import save_versioned
from .models import OrgItem
from .organisation import satker_sk, to_satker

CHECKIN_SK = "CHECKIN"


def _stale() -> Conflict:
    return Conflict("Aturan presensi telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")


def rules_of(data: dict[str, Any], version: int) -> CheckInRules:
    defaults = CheckInRules()
    return CheckInRules(
        device_policy=DevicePolicy(data.get("device_policy", defaults.device_policy.value)),
        device_limit=int(data.get("device_limit", defaults.device_limit)),
        selfie_satkers=frozenset(data.get("selfie_satkers") or ()),
        max_speed_kmh=int(data.get("max_speed_kmh", defaults.max_speed_kmh)),
        version=version,
    )


class DynamoCheckInRules:
    """Implements `CheckInRulesRepository`."""

    def get(self, skpd_id: str) -> CheckInRules | None:
        """The SKPD's own rules (one GetItem); ``None``: it follows the defaults."""
        try:
            item = OrgItem.get(skpd_id, CHECKIN_SK, consistent_read=True)
        except OrgItem.DoesNotExist:
            return None
        return rules_of(item.checkin_rules or {}, int(item.version))

    def with_satker(self, skpd_id: str, satker_id: str) -> tuple[Satker | None, CheckInRules | None]:
        """The satker (its office) and the SKPD's own rules in one consistent BatchGetItem of the ``org``
        partition: what a check-in reads before anything else."""
        wanted = satker_sk(satker_id)
        found = {i.sk: i for i in OrgItem.batch_get([(skpd_id, wanted), (skpd_id, CHECKIN_SK)], consistent_read=True)}
        satker, rules = found.get(wanted), found.get(CHECKIN_SK)
        return (
            to_satker(satker) if satker else None,
            rules_of(rules.checkin_rules or {}, int(rules.version)) if rules else None,
        )

    def save(self, skpd_id: str, rules: CheckInRules, zone: TimeZone) -> CheckInRules:
        """Create (version 0) or replace the version that was read (409 ``CONFLICT`` when stale)."""
        item = OrgItem(skpd_id=skpd_id, sk=CHECKIN_SK, timezone=zone.value, checkin_rules=rules.fields())
        if rules.version:
            item.version = rules.version
        return replace(rules, version=save_versioned(item, _stale))
