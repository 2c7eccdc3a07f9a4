"""Use cases of an SKPD's check-in rules (issue 20): its HR sets how an unregistered device is treated, how many
devices an employee keeps, which satkers take a selfie and the impossible-travel speed. The rules, their defaults
and their validation are `domain.checkin_rules`'; `rules_for` is what the check-in itself reads."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..domain.accounts import Actor, require_hr
from ..domain.audit import AuditKind, skpd_rules_events
from ..domain.checkin_rules import (
    DEFAULT_CHECKIN_RULES,
    POLICY_LABELS,
    CheckInRules,
    DevicePolicy,
    check_checkin_rules,
)
from ..domain.errors import NotFound
from ..store.protocols import AuditLog, CheckInRulesRepository, OrgRepository

if TYPE_CHECKING:
    from ..schemas import CheckInRulesInput


class CheckInRulesService:
    def __init__(
        self,
        org: OrgRepository,
        rules: CheckInRulesRepository,
        audit: AuditLog,
        *,
        clock: Callable[[], datetime],
    ) -> None:
        self._org, self._rules, self._audit, self._clock = org, rules, audit, clock

    def rules_for(self, skpd_id: str) -> CheckInRules:
        """The SKPD's rules, the defaults until HR saves some (one GetItem; no permission check: the check-in
        and the device services call it for the employee's own SKPD)."""
        return self._rules.get(skpd_id) or DEFAULT_CHECKIN_RULES

    def rules(self, actor: Actor, skpd_id: str) -> dict[str, Any]:
        """The SKPD's rules as HR edits them: its HR, BKD, the admin."""
        require_hr(actor, skpd_id)
        self._skpd(skpd_id)
        own = self._rules.get(skpd_id)
        return rules_view(skpd_id, own or DEFAULT_CHECKIN_RULES, "SKPD" if own else "DEFAULT")

    def set_rules(self, actor: Actor, skpd_id: str, body: CheckInRulesInput) -> dict[str, Any]:
        """Save the SKPD's rules (version 0 creates; a stale version is 409). A selfie satker must be one of the
        SKPD's own. What changed goes into the officer's audit history (`domain.audit.skpd_rules_events`), written
        after the rules so a refused (stale) save records nothing."""
        require_hr(actor, skpd_id)
        skpd = self._skpd(skpd_id)
        satkers = {s.satker_id for s in self._org.list_satker(skpd_id)}
        unknown = sorted(set(body.selfie_satkers) - satkers)
        if unknown:
            raise NotFound(
                f"Satker {unknown[0]} tidak ada di SKPD ini.",
                code="SATKER_NOT_FOUND",
                details={"field": "selfie_satkers"},
            )
        rules = check_checkin_rules(
            CheckInRules(
                device_policy=DevicePolicy(body.device_policy),
                device_limit=body.device_limit,
                selfie_satkers=frozenset(body.selfie_satkers),
                max_speed_kmh=body.max_speed_kmh,
                version=body.version,
            )
        )
        before = (self._rules.get(skpd_id) or DEFAULT_CHECKIN_RULES).fields()
        saved = self._rules.save(skpd_id, rules, skpd.timezone)
        kind = AuditKind.CHECKIN_RULES_CHANGED
        self._audit.record(
            skpd_rules_events(kind, actor.nip, self._clock(), skpd_id=skpd_id, before=before, after=saved.fields())
        )
        return rules_view(skpd_id, saved, "SKPD")

    def _skpd(self, skpd_id: str) -> Any:
        skpd = self._org.get_skpd(skpd_id)
        if skpd is None:
            raise NotFound("SKPD tidak ditemukan.", code="SKPD_NOT_FOUND")
        return skpd


def rules_view(skpd_id: str, rules: CheckInRules, source: str) -> dict[str, Any]:
    return {
        "skpd_id": skpd_id,
        "source": source,
        "version": rules.version if source == "SKPD" else 0,
        **rules.fields(),
        "policy_label": POLICY_LABELS[rules.device_policy],
        "defaults": DEFAULT_CHECKIN_RULES.fields(),
    }
