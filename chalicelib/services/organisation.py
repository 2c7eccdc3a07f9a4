"""Use cases of the organisation structure: SKPD and satker (admin writes, members read)."""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import TYPE_CHECKING, Any

from ..domain.accounts import Actor, Role, require_role
from ..domain.errors import Forbidden, NotFound
from ..domain.organisation import Satker, Skpd
from ..store.protocols import OrgRepository

if TYPE_CHECKING:
    from ..schemas import OrgPatch, SatkerInput, SkpdInput


class OrganisationService:
    def __init__(self, org: OrgRepository) -> None:
        self._org = org

    def create_skpd(self, actor: Actor, body: SkpdInput) -> dict[str, Any]:
        require_role(actor, Role.ADMIN)
        skpd = Skpd(skpd_id=body.skpd_id, name=body.name, timezone=body.timezone, city=body.city or "")
        return skpd_view(self._org.save_skpd(skpd))

    def update_skpd(self, actor: Actor, skpd_id: str, body: OrgPatch) -> dict[str, Any]:
        """Only the fields sent change (an SKPD has no office: `Satker` has); ``version`` must be the stored one."""
        require_role(actor, Role.ADMIN)
        skpd = self._skpd(skpd_id)
        sent = _sent(body, "name", "timezone", "city", "rhk_required")
        if "city" in sent:
            sent["city"] = sent["city"] or ""
        if "rhk_required" in sent:
            sent["rhk_required"] = bool(sent["rhk_required"])
        return skpd_view(self._org.save_skpd(replace(skpd, **sent, version=body.version)))

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

    def create_satker(self, actor: Actor, skpd_id: str, body: SatkerInput) -> dict[str, Any]:
        require_role(actor, Role.ADMIN)
        skpd = self._skpd(skpd_id)
        satker = Satker(
            skpd_id=skpd.skpd_id,
            satker_id=body.satker_id,
            name=body.name,
            timezone=body.timezone or skpd.timezone,
            office=body.office,
        )
        return satker_view(self._org.save_satker(satker))

    def update_satker(self, actor: Actor, skpd_id: str, satker_id: str, body: OrgPatch) -> dict[str, Any]:
        """Only the fields sent change (``office: null`` clears it; a satker has no city); ``version`` must match."""
        require_role(actor, Role.ADMIN)
        satker = self._org.get_satker(skpd_id, satker_id)
        if satker is None:
            raise NotFound("Satker tidak ditemukan.", code="SATKER_NOT_FOUND")
        sent = _sent(body, "name", "timezone", "office")
        return satker_view(self._org.save_satker(replace(satker, **sent, version=body.version)))

    def _skpd(self, skpd_id: str) -> Skpd:
        skpd = self._org.get_skpd(skpd_id)
        if skpd is None:
            raise NotFound("SKPD tidak ditemukan.", code="SKPD_NOT_FOUND")
        return skpd


def _sent(body: OrgPatch, *names: str) -> dict[str, Any]:
    """The fields of ``names`` the request sent (an edit changes only those)."""
    return {name: getattr(body, name) for name in names if name in body.model_fields_set}


def skpd_view(skpd: Skpd) -> dict[str, Any]:
    return {
        "skpd_id": skpd.skpd_id,
        "name": skpd.name,
        "timezone": skpd.timezone.value,
        "city": skpd.city,
        "rhk_required": skpd.rhk_required,
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
