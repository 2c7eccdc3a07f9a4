"""Tracked citizen requests (issue 22) in DynamoDB: one item per request, keyed by its tracking number.

The public status page, an officer's view and every step read one item (GetItem); every step is a Put
conditional on the version read, so two officers acting at once never both win. Each office's list is a Query of
its own index, by state (the sort keys start with the state): the first office's ``by_origin`` (every request it
recorded), the second office's ``by_target`` (sparse: its keys are set once the first office marks the request
ready, so nothing shows there before). The decision queue is ``by_target`` with the state READY.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from ..domain.citizen_requests import CitizenRequest, RequestState, Step, StepAction, UpdateKind
from ..domain.errors import Conflict
from .conditions import save_versioned
from .models import CitizenRequestItem
from .paging import decode_cursor, encode_cursor


def stale() -> Conflict:
    return Conflict("Permohonan ini telah diubah oleh petugas lain; muat ulang lalu coba lagi.", code="CONFLICT")


def origin_sort(request: CitizenRequest) -> str:
    return f"{request.state.value}#{request.created_at.isoformat()}#{request.tracking}"


def target_sort(request: CitizenRequest) -> str | None:
    """The second office's sort key once the request was first marked ready, else None (not in its index)."""
    if request.ready_at is None:
        return None
    return f"{request.state.value}#{request.ready_at.isoformat()}#{request.tracking}"


def steps_json(steps: tuple[Step, ...]) -> list[dict[str, Any]]:
    return [
        {"action": s.action.value, "skpd_id": s.skpd_id, "by": s.by, "at": s.at.isoformat(), "note": s.note}
        for s in steps
    ]


def steps_of(raw: list[dict[str, Any]] | None) -> tuple[Step, ...]:
    return tuple(
        Step(StepAction(s["action"]), s["skpd_id"], s["by"], datetime.fromisoformat(s["at"]), s.get("note"))
        for s in raw or ()
    )


def to_item(request: CitizenRequest) -> CitizenRequestItem:
    sort = target_sort(request)
    item = CitizenRequestItem(
        tracking=request.tracking,
        origin_skpd=request.origin_skpd,
        target_skpd=request.target_skpd,
        citizen_name=request.citizen_name,
        whatsapp=request.whatsapp,
        email=request.email,
        case_number=request.case_number,
        updates=[u.value for u in request.updates],
        description=request.description,
        document_ref=request.document_ref,
        state=request.state.value,
        created_by=request.created_by,
        created_at=request.created_at.isoformat(),
        ready_at=request.ready_at.isoformat() if request.ready_at else None,
        steps=steps_json(request.steps),
        origin_sort=origin_sort(request),
        target_key=request.target_skpd if sort else None,
        target_sort=sort,
    )
    if request.version:
        item.version = request.version
    return item


def to_request(item: CitizenRequestItem) -> CitizenRequest:
    return CitizenRequest(
        tracking=item.tracking,
        origin_skpd=item.origin_skpd,
        target_skpd=item.target_skpd,
        citizen_name=item.citizen_name,
        whatsapp=item.whatsapp,
        email=item.email,
        case_number=item.case_number,
        updates=tuple(UpdateKind(u) for u in item.updates or ()),
        state=RequestState(item.state),
        created_by=item.created_by,
        created_at=datetime.fromisoformat(item.created_at),
        description=item.description,
        document_ref=item.document_ref,
        ready_at=datetime.fromisoformat(item.ready_at) if item.ready_at else None,
        steps=steps_of(item.steps),
        version=int(item.version),
    )


class DynamoCitizenRequests:
    """Implements `CitizenRequestRepository` (see `protocols.py`)."""

    def get(self, tracking: str) -> CitizenRequest | None:
        try:
            return to_request(CitizenRequestItem.get(tracking, consistent_read=True))
        except CitizenRequestItem.DoesNotExist:
            return None

    def add(self, request: CitizenRequest) -> CitizenRequest:
        """Create it on its tracking number being free (a clash of 40 random bits is a 409, never an overwrite)."""
        return replace(request, version=save_versioned(to_item(replace(request, version=0)), stale))

    def save(self, request: CitizenRequest) -> CitizenRequest:
        return replace(request, version=save_versioned(to_item(request), stale))

    def of_office(
        self, skpd_id: str, *, target: bool, state: RequestState | None, cursor: str | None, limit: int
    ) -> tuple[list[CitizenRequest], str | None]:
        """One office's requests (as the first office, or as the second with ``target``), newest first, of one
        state or all."""
        index = CitizenRequestItem.by_target if target else CitizenRequestItem.by_origin
        sort = CitizenRequestItem.target_sort if target else CitizenRequestItem.origin_sort
        scope = f"citizen_requests.{'by_target' if target else 'by_origin'}:{skpd_id}:{state or ''}"
        condition = sort.startswith(f"{state.value}#") if state else None
        result = index.query(
            skpd_id,
            condition,
            scan_index_forward=False,
            limit=limit,
            last_evaluated_key=decode_cursor(cursor, scope),
        )
        items = [to_request(i) for i in result]
        return items, encode_cursor(result.last_evaluated_key, scope)

    def ready_for(self, skpd_id: str, cursor: str | None, limit: int) -> tuple[list[CitizenRequest], str | None]:
        """The second office's queue: READY, oldest ready first."""
        scope = f"citizen_requests.ready:{skpd_id}"
        result = CitizenRequestItem.by_target.query(
            skpd_id,
            CitizenRequestItem.target_sort.startswith(f"{RequestState.READY.value}#"),
            limit=limit,
            last_evaluated_key=decode_cursor(cursor, scope),
        )
        items = [to_request(i) for i in result]
        return items, encode_cursor(result.last_evaluated_key, scope)

    def count_ready(self, skpd_id: str) -> int:
        return int(
            CitizenRequestItem.by_target.count(
                skpd_id, CitizenRequestItem.target_sort.startswith(f"{RequestState.READY.value}#")
            )
        )
