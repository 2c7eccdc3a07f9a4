"""Use cases of an SKPD's discipline rules (issue 20): its HR sets the TL/PSW minute bands and the deduction of each
class and of a day absent without reason; the employee's month figures use them. The rules and their documented
defaults are `domain.discipline.rules`'; validation is `check_rules`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..domain.accounts import Actor, require_hr
from ..domain.audit import AuditKind, skpd_rules_events
from ..domain.discipline import DEFAULT_RULES, Bands, DisciplineRules, check_rules
from ..domain.errors import NotFound, ValidationError
from ..store.protocols import AuditLog, OrgRepository, WorkHoursRepository

if TYPE_CHECKING:
    from ..schemas import DisciplineRulesInput


class DisciplineRulesService:
    def __init__(
        self, org: OrgRepository, hours: WorkHoursRepository, audit: AuditLog, *, clock: Callable[[], datetime]
    ) -> None:
        self._org, self._hours, self._audit, self._clock = org, hours, audit, clock

    def rules(self, actor: Actor, skpd_id: str) -> dict[str, Any]:
        """The SKPD's rules (the defaults until HR saves some): its HR, BKD, the admin."""
        require_hr(actor, skpd_id)
        self._skpd(skpd_id)
        own = self._hours.rules(skpd_id)
        return rules_view(skpd_id, own or DEFAULT_RULES, "SKPD" if own else "DEFAULT")

    def set_rules(self, actor: Actor, skpd_id: str, body: DisciplineRulesInput) -> dict[str, Any]:
        """Save the SKPD's rules (version 0 creates; a stale version is 409). Caps and permission rates already
        stored are kept: the body sets only what the screen shows. What changed goes into the officer's audit
        history (`domain.audit.skpd_rules_events`), written after the rules so a refused save records nothing."""
        require_hr(actor, skpd_id)
        skpd = self._skpd(skpd_id)
        kept = self._hours.rules(skpd_id) or DEFAULT_RULES
        rules = replace(
            kept,
            bands=Bands(tuple(body.bands)),  # type: ignore[arg-type]
            late=_percents(body.late),
            early=_percents(body.early),
            absent_per_day=_percent(body.absent_per_day),
            absent_full_after=body.absent_full_after,
            version=body.version,
        )
        saved = self._hours.save_rules(skpd_id, _checked(rules), skpd.timezone)
        before, after = _fields(kept), _fields(saved)
        kind = AuditKind.DISCIPLINE_RULES_CHANGED
        events = skpd_rules_events(kind, actor.nip, self._clock(), skpd_id=skpd_id, before=before, after=after)
        self._audit.record(events)
        return rules_view(skpd_id, saved, "SKPD")

    def _skpd(self, skpd_id: str) -> Any:
        skpd = self._org.get_skpd(skpd_id)
        if skpd is None:
            raise NotFound("SKPD tidak ditemukan.", code="SKPD_NOT_FOUND")
        return skpd


def _checked(rules: DisciplineRules) -> DisciplineRules:
    """`check_rules`, its field named as the body sends it: level n of ``late``/``early`` is the list's n-1."""
    try:
        return check_rules(rules)
    except ValidationError as exc:
        field = str((exc.details or {}).get("field", ""))
        group, _, level = field.partition(".")
        if group in ("late", "early") and level.isdigit():
            exc.details = {**exc.details, "field": f"{group}.{int(level) - 1}"}
        raise


def _percent(value: float) -> Decimal:
    """As written (1.25 stays 1.25), not the float's binary expansion."""
    return Decimal(str(value))


def _percents(values: list[float]) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    return tuple(_percent(v) for v in values)  # type: ignore[return-value]


def _number(value: Decimal) -> float:
    return float(value)


def rules_view(skpd_id: str, rules: DisciplineRules, source: str) -> dict[str, Any]:
    return {
        "skpd_id": skpd_id,
        "source": source,
        "version": rules.version if source == "SKPD" else 0,
        **_fields(rules),
        "defaults": _fields(DEFAULT_RULES),
    }


def _fields(rules: DisciplineRules) -> dict[str, Any]:
    return {
        "bands": list(rules.bands.limits),
        "late": [_number(v) for v in rules.late],
        "early": [_number(v) for v in rules.early],
        "absent_per_day": _number(rules.absent_per_day),
        "absent_full_after": rules.absent_full_after,
        "daily_cap": None if rules.daily_cap is None else _number(rules.daily_cap),
        "monthly_cap": _number(rules.monthly_cap),
    }
