"""In-memory twins of `DynamoPtspCatalogue` and `DynamoPtspDesk`: the same ordering, versions and refusals."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ...domain.ptsp.catalogue import InformationType, in_menu_order
from ...domain.ptsp.desk import DeskRequest
from ..ptsp import day_bounds, desk_sk, stale_type, taken_request
from .paging import page


class InMemoryPtspCatalogue:
    def __init__(self) -> None:
        self._types: dict[tuple[str, str], InformationType] = {}

    def types_of(self, skpd_id: str) -> list[InformationType]:
        return in_menu_order(t for (s, _), t in self._types.items() if s == skpd_id)

    def get(self, skpd_id: str, type_id: str) -> InformationType | None:
        return self._types.get((skpd_id, type_id))

    def save(self, t: InformationType, expected_version: int) -> InformationType:
        stored = self._types.get((t.skpd_id, t.type_id))
        if (stored.version if stored else 0) != expected_version:
            raise stale_type()
        saved = self._types[(t.skpd_id, t.type_id)] = replace(t, version=expected_version + 1)
        return saved


class InMemoryPtspDesk:
    def __init__(self) -> None:
        self._requests: dict[tuple[str, str], DeskRequest] = {}

    def add(self, request: DeskRequest) -> DeskRequest:
        key = (request.skpd_id, desk_sk(request))
        if key in self._requests:
            raise taken_request()
        self._requests[key] = request
        return request

    def between(
        self, skpd_id: str, start: date, end: date, type_id: str | None, cursor: str | None, limit: int
    ) -> tuple[list[DeskRequest], str | None]:
        low, high = day_bounds(start, end)
        chosen = [
            r
            for (s, sk), r in self._requests.items()
            if s == skpd_id and low <= sk <= high and (type_id is None or r.type_id == type_id)
        ]
        scope = f"ptsp.desk:{skpd_id}:{type_id or ''}:{low}:{high}"
        return page(chosen, desk_sk, cursor, limit, scope, newest_first=True)
