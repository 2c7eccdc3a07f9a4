"""In-memory twin of `DynamoCitizenRequests`: requests by tracking number, each office's lists and the queue."""

from __future__ import annotations

from dataclasses import replace

from ...domain.citizen_requests import CitizenRequest, RequestState
from ..citizen_requests import origin_sort, stale, target_sort
from .paging import page


class InMemoryCitizenRequests:
    """Behaves like `DynamoCitizenRequests`: ``add`` only creates, ``save`` replaces only the version read."""

    def __init__(self) -> None:
        self._items: dict[str, CitizenRequest] = {}

    def get(self, tracking: str) -> CitizenRequest | None:
        return self._items.get(tracking)

    def add(self, request: CitizenRequest) -> CitizenRequest:
        if request.tracking in self._items:
            raise stale()
        saved = self._items[request.tracking] = replace(request, version=1)
        return saved

    def save(self, request: CitizenRequest) -> CitizenRequest:
        stored = self._items.get(request.tracking)
        if stored is None or stored.version != request.version:
            raise stale()
        saved = self._items[request.tracking] = replace(request, version=request.version + 1)
        return saved

    def of_office(
        self, skpd_id: str, *, target: bool, state: RequestState | None, cursor: str | None, limit: int
    ) -> tuple[list[CitizenRequest], str | None]:
        scope = f"citizen_requests.{'by_target' if target else 'by_origin'}:{skpd_id}:{state or ''}"
        if target:
            found = [r for r in self._items.values() if r.target_skpd == skpd_id and target_sort(r)]
        else:
            found = [r for r in self._items.values() if r.origin_skpd == skpd_id]
        if state is not None:
            found = [r for r in found if r.state is state]
        key = (lambda r: target_sort(r) or "") if target else origin_sort
        return page(found, key, cursor, limit, scope, newest_first=True)

    def ready_for(self, skpd_id: str, cursor: str | None, limit: int) -> tuple[list[CitizenRequest], str | None]:
        scope = f"citizen_requests.ready:{skpd_id}"
        return page(self._ready(skpd_id), lambda r: target_sort(r) or "", cursor, limit, scope)

    def count_ready(self, skpd_id: str) -> int:
        return len(self._ready(skpd_id))

    def _ready(self, skpd_id: str) -> list[CitizenRequest]:
        return [r for r in self._items.values() if r.target_skpd == skpd_id and r.state is RequestState.READY]
