"""The PTSP table (`schema.py` "ptsp"): each SKPD's service catalogue and the visitors recorded at its desk.

A catalogue type is one item of the SKPD's "CAT#" partition (GetItem, or a Query of the partition for the list
and the WhatsApp menu: a few dozen items); its writes are conditional on the version read. A desk visitor is one
item of the SKPD's "DESK#" partition keyed by the desk's local time, so a day or a range of days is one Query
with ``sk BETWEEN`` (newest first); the sparse ``by_desk_type`` index serves the same list for one type.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from pynamodb.exceptions import PutError

from ..domain.errors import Conflict
from ..domain.ptsp.catalogue import InformationType, in_menu_order
from ..domain.ptsp.desk import DeskRequest
from .conditions import condition_failed, save_versioned
from .models import PtspItem
from .paging import decode_cursor, encode_cursor


def stale_type() -> Conflict:
    return Conflict("Jenis informasi ini telah diubah oleh petugas lain; muat ulang lalu coba lagi.", code="CONFLICT")


def taken_request() -> Conflict:
    return Conflict("Nomor permohonan ini sudah tercatat.", code="CONFLICT")


def catalogue_pk(skpd_id: str) -> str:
    return f"CAT#{skpd_id}"


def desk_pk(skpd_id: str) -> str:
    return f"DESK#{skpd_id}"


def desk_sk(request: DeskRequest) -> str:
    """The desk's local time to the second, then the id: ordered in time, unique per request."""
    return f"{request.local_at.replace(microsecond=0).isoformat()}#{request.request_id}"


def day_bounds(start: date, end: date) -> tuple[str, str]:
    """The sk range of the local days ``start``..``end`` inclusive ("~" sorts after every time and id)."""
    return start.isoformat(), f"{end.isoformat()}T~"


def _type_item(t: InformationType) -> PtspItem:
    item = PtspItem(
        pk=catalogue_pk(t.skpd_id),
        sk=f"TYPE#{t.type_id}",
        skpd_id=t.skpd_id,
        type_id=t.type_id,
        name=t.name,
        requirements=list(t.requirements),
        procedure=t.procedure,
        keywords=list(t.keywords),
        active=t.active,
        order=t.order,
    )
    if t.version:
        item.version = t.version
    return item


def to_type(item: PtspItem) -> InformationType:
    return InformationType(
        skpd_id=item.skpd_id,
        type_id=item.type_id or "",
        name=item.name or "",
        requirements=tuple(item.requirements or ()),
        procedure=item.procedure or "",
        keywords=tuple(item.keywords or ()),
        active=bool(item.active),
        order=int(item.order or 0),
        version=int(item.version or 0),
    )


def _desk_item(r: DeskRequest) -> PtspItem:
    return PtspItem(
        pk=desk_pk(r.skpd_id),
        sk=desk_sk(r),
        skpd_id=r.skpd_id,
        request_id=r.request_id,
        type_id=r.type_id,
        desk_type=f"{r.skpd_id}#{r.type_id}",
        recorded_at=r.recorded_at.isoformat(),
        visitor_name=r.visitor_name,
        whatsapp=r.whatsapp,
        type_name=r.type_name,
        note=r.note or None,
        recorded_by=r.recorded_by,
        recorded_by_name=r.recorded_by_name,
    )


def to_request(item: PtspItem) -> DeskRequest:
    return DeskRequest(
        skpd_id=item.skpd_id,
        request_id=item.request_id or "",
        local_at=datetime.fromisoformat(item.sk.split("#", 1)[0]),
        recorded_at=datetime.fromisoformat(item.recorded_at or ""),
        visitor_name=item.visitor_name or "",
        whatsapp=item.whatsapp or "",
        type_id=item.type_id or "",
        type_name=item.type_name or "",
        note=item.note or "",
        recorded_by=item.recorded_by or "",
        recorded_by_name=item.recorded_by_name or "",
    )


class DynamoPtspCatalogue:
    """Implements `PtspCatalogue` (see `protocols.py`)."""

    def types_of(self, skpd_id: str) -> list[InformationType]:
        items = PtspItem.query(catalogue_pk(skpd_id), PtspItem.sk.startswith("TYPE#"), consistent_read=True)
        return in_menu_order(to_type(i) for i in items)

    def get(self, skpd_id: str, type_id: str) -> InformationType | None:
        try:
            return to_type(PtspItem.get(catalogue_pk(skpd_id), f"TYPE#{type_id}", consistent_read=True))
        except PtspItem.DoesNotExist:
            return None

    def save(self, t: InformationType, expected_version: int) -> InformationType:
        return replace(t, version=save_versioned(_type_item(replace(t, version=expected_version)), stale_type))


class DynamoPtspDesk:
    """Implements `PtspDesk` (see `protocols.py`)."""

    def add(self, request: DeskRequest) -> DeskRequest:
        try:
            _desk_item(request).save(condition=PtspItem.sk.does_not_exist())
        except PutError as exc:
            if condition_failed(exc):
                raise taken_request() from None
            raise
        return request

    def between(
        self, skpd_id: str, start: date, end: date, type_id: str | None, cursor: str | None, limit: int
    ) -> tuple[list[DeskRequest], str | None]:
        low, high = day_bounds(start, end)
        if type_id is None:
            scope = f"ptsp.desk:{skpd_id}:{low}:{high}"
            result = PtspItem.query(
                desk_pk(skpd_id),
                PtspItem.sk.between(low, high),
                scan_index_forward=False,
                limit=limit,
                last_evaluated_key=decode_cursor(cursor, scope),
                consistent_read=True,
            )
        else:
            scope = f"ptsp.by_desk_type:{skpd_id}#{type_id}:{low}:{high}"
            result = PtspItem.by_desk_type.query(
                f"{skpd_id}#{type_id}",
                PtspItem.sk.between(low, high),
                scan_index_forward=False,
                limit=limit,
                last_evaluated_key=decode_cursor(cursor, scope),
            )
        items = [to_request(i) for i in result]
        return items, encode_cursor(result.last_evaluated_key, scope)
