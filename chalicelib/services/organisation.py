"""Use cases of the organisation structure: SKPD and satker (admin writes, members read)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, replace
from typing import Any

from ..domain.accounts import Actor, Role, require_role
from ..domain.errors import Forbidden, NotFound
from ..domain.identity import parse_time_zone, validate_code, validate_text, validate_version
from ..domain.organisation import Satker, Skpd, parse_office
from ..store.protocols import OrgRepository


class OrganisationService:
    def __init__(self, org: OrgRepository) -> None:
        self._org = org

    def create_skpd(self, actor: Actor, data: Mapping[str, object]) -> dict[str, Any]:
        require_role(actor, Role.ADMIN)
        skpd = Skpd(
            skpd_id=validate_code(str(data.get("skpd_id") or ""), "skpd_id"),
            name=validate_text(data.get("name"), "name"),
            timezone=parse_time_zone(str(data.get("timezone") or "")),
            city=validate_text(data.get("city"), "city", max_len=80, required=False),
        )
        return skpd_view(self._org.save_skpd(skpd))

    def update_skpd(self, actor: Actor, skpd_id: str, data: Mapping[str, object]) -> dict[str, Any]:
        require_role(actor, Role.ADMIN)
        skpd = self._skpd(skpd_id)
        updated = replace(
            skpd,
            name=validate_text(data.get("name", skpd.name), "name"),
            timezone=parse_time_zone(str(data.get("timezone", skpd.timezone.value))),
            city=validate_text(data.get("city", skpd.city), "city", max_len=80, required=False),
            version=validate_version(data.get("version")),
        )
        return skpd_view(self._org.save_skpd(updated))

    def list_skpd(self, actor: Actor) -> dict[str, Any]:
        """Every SKPD: the admin, and BKD (who verifies across them; a read, never a change)."""
        require_role(actor, Role.ADMIN, Role.BKD)
        return {"items": [skpd_view(s) for s in self._org.list_skpd()]}

    def get_skpd(self, actor: Actor, skpd_id: str) -> dict[str, Any]:
        """An SKPD with its satker, for its own members, BKD and the admin."""
        if not actor.is_admin and not actor.has(Role.BKD) and actor.skpd_id != skpd_id:
            raise Forbidden("Anda hanya dapat melihat SKPD Anda sendiri.")
        skpd = self._skpd(skpd_id)
        return {**skpd_view(skpd), "satker": [satker_view(s) for s in self._org.list_satker(skpd_id)]}

    def create_satker(self, actor: Actor, skpd_id: str, data: Mapping[str, object]) -> dict[str, Any]:
        require_role(actor, Role.ADMIN)
        skpd = self._skpd(skpd_id)
        satker = Satker(
            skpd_id=skpd.skpd_id,
            satker_id=validate_code(str(data.get("satker_id") or ""), "satker_id"),
            name=validate_text(data.get("name"), "name"),
            timezone=parse_time_zone(str(data.get("timezone") or skpd.timezone.value)),
            office=parse_office(data.get("office")),
        )
        return satker_view(self._org.save_satker(satker))

    def update_satker(self, actor: Actor, skpd_id: str, satker_id: str, data: Mapping[str, object]) -> dict[str, Any]:
        require_role(actor, Role.ADMIN)
        satker = self._org.get_satker(skpd_id, satker_id)
        if satker is None:
            raise NotFound("Satker tidak ditemukan.", code="SATKER_NOT_FOUND")
        updated = replace(
            satker,
            name=validate_text(data.get("name", satker.name), "name"),
            timezone=parse_time_zone(str(data.get("timezone", satker.timezone.value))),
            office=parse_office(data["office"]) if "office" in data else satker.office,
            version=validate_version(data.get("version")),
        )
        return satker_view(self._org.save_satker(updated))

    def _skpd(self, skpd_id: str) -> Skpd:
        skpd = self._org.get_skpd(skpd_id)
        if skpd is None:
            raise NotFound("SKPD tidak ditemukan.", code="SKPD_NOT_FOUND")
        return skpd


def skpd_view(skpd: Skpd) -> dict[str, Any]:
    return {
        "skpd_id": skpd.skpd_id,
        "name": skpd.name,
        "timezone": skpd.timezone.value,
        "city": skpd.city,
        "version": skpd.version,
    }


def satker_view(satker: Satker) -> dict[str, Any]:
    return {
        "skpd_id": satker.skpd_id,
        "satker_id": satker.satker_id,
        "name": satker.name,
        "timezone": satker.timezone.value,
        "office": asdict(satker.office) if satker.office else None,
        "version": satker.version,
    }
