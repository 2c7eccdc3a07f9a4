"""SKPD and satker storage (one partition per SKPD)."""

from __future__ import annotations

from dataclasses import replace

from pynamodb.exceptions import PutError

from ..domain.errors import Conflict
from ..domain.identity import TimeZone
from ..domain.organisation import OfficeLocation, Satker, Skpd
from .conditions import condition_failed
from .models import OrgItem

_SKPD_SK = "#SKPD"
_KIND_SKPD = "SKPD"


def _satker_sk(satker_id: str) -> str:
    return f"SATKER#{satker_id}"


#: the satker item's sort key, for a read batched with other items of its SKPD (`store.checkin_rules`)
satker_sk = _satker_sk


class DynamoOrgRepository:
    def get_skpd(self, skpd_id: str) -> Skpd | None:
        item = _get(skpd_id, _SKPD_SK)
        return _to_skpd(item) if item else None

    def list_skpd(self) -> list[Skpd]:
        return [_to_skpd(i) for i in OrgItem.by_kind.query(_KIND_SKPD)]

    def get_satker(self, skpd_id: str, satker_id: str) -> Satker | None:
        item = _get(skpd_id, _satker_sk(satker_id))
        return _to_satker(item) if item else None

    def list_satker(self, skpd_id: str) -> list[Satker]:
        return [_to_satker(i) for i in OrgItem.query(skpd_id, OrgItem.sk.startswith("SATKER#"))]

    def save_skpd(self, skpd: Skpd) -> Skpd:
        item = OrgItem(
            skpd_id=skpd.skpd_id,
            sk=_SKPD_SK,
            kind=_KIND_SKPD,
            name=skpd.name,
            city=skpd.city or None,
            rhk_required=skpd.rhk_required or None,
            timezone=skpd.timezone.value,
        )
        _save(item, skpd.version)
        return replace(skpd, version=int(item.version))

    def save_satker(self, satker: Satker) -> Satker:
        office = satker.office
        item = OrgItem(
            skpd_id=satker.skpd_id,
            sk=_satker_sk(satker.satker_id),
            name=satker.name,
            timezone=satker.timezone.value,
            office_latitude=office.latitude if office else None,
            office_longitude=office.longitude if office else None,
            office_radius_m=office.radius_m if office else None,
        )
        _save(item, satker.version)
        return replace(satker, version=int(item.version))


def _get(skpd_id: str, sk: str) -> OrgItem | None:
    try:
        return OrgItem.get(skpd_id, sk, consistent_read=True)
    except OrgItem.DoesNotExist:
        return None


def _save(item: OrgItem, version: int) -> None:
    """Create (version 0: the key must be new) or update the version that was read."""
    if version:
        item.version = version
    try:
        item.save()
    except PutError as exc:
        if condition_failed(exc):
            if item.version is None:
                raise Conflict("Kode ini sudah dipakai.", code="ALREADY_EXISTS") from None
            raise Conflict("Data telah diubah oleh pengguna lain; muat ulang lalu coba lagi.") from None
        raise


def _to_skpd(item: OrgItem) -> Skpd:
    return Skpd(
        item.skpd_id, item.name, TimeZone(item.timezone), int(item.version), item.city or "", bool(item.rhk_required)
    )


def to_satker(item: OrgItem) -> Satker:
    """A stored satker item as the domain reads it."""
    return _to_satker(item)


def _to_satker(item: OrgItem) -> Satker:
    office = None
    if item.office_latitude is not None:
        office = OfficeLocation(float(item.office_latitude), float(item.office_longitude), int(item.office_radius_m))
    return Satker(
        skpd_id=item.skpd_id,
        satker_id=item.sk.removeprefix("SATKER#"),
        name=item.name,
        timezone=TimeZone(item.timezone),
        office=office,
        version=int(item.version),
    )
