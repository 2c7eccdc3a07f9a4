"""An SKPD's discipline rules (issue 20) as the ``org`` table stores them: the item ``sk`` = "RULES" beside the
SKPD's working hours, a JSON ``discipline_rules`` (percentages as text, so 1.25 stays 1.25) and a ``version``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..domain.discipline import Bands, DisciplineRules

RULES_SK = "RULES"


def rules_json(rules: DisciplineRules) -> dict[str, Any]:
    return {
        "bands": list(rules.bands.limits),
        "late": [str(v) for v in rules.late],
        "early": [str(v) for v in rules.early],
        "absent_per_day": str(rules.absent_per_day),
        "absent_full_after": rules.absent_full_after,
        "daily_cap": None if rules.daily_cap is None else str(rules.daily_cap),
        "monthly_cap": str(rules.monthly_cap),
        "permission_rates": {k: str(v) for k, v in sorted(rules.permission_rates.items())},
    }


def rules_of(data: dict[str, Any], version: int) -> DisciplineRules:
    return DisciplineRules(
        bands=Bands(tuple(int(n) for n in data["bands"])),  # type: ignore[arg-type]
        late=tuple(Decimal(v) for v in data["late"]),  # type: ignore[arg-type]
        early=tuple(Decimal(v) for v in data["early"]),  # type: ignore[arg-type]
        absent_per_day=Decimal(data["absent_per_day"]),
        absent_full_after=data.get("absent_full_after"),
        daily_cap=None if data.get("daily_cap") is None else Decimal(data["daily_cap"]),
        monthly_cap=Decimal(data.get("monthly_cap", "100")),
        permission_rates={k: Decimal(v) for k, v in (data.get("permission_rates") or {}).items()},
        version=version,
    )
