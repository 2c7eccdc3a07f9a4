"""In-memory twin of `DynamoAuditLog`."""

from __future__ import annotations

from ...domain.audit import AuditEvent
from .paging import page


def _event_key(event: AuditEvent) -> str:
    return f"{event.at.isoformat()}#{event.event_id}"


class InMemoryAuditLog:
    """Each person's authority trail, newest first."""

    def __init__(self) -> None:
        self._events: dict[str, dict[str, AuditEvent]] = {}

    def record(self, events: list[AuditEvent]) -> None:
        for event in events:
            self._events.setdefault(event.nip, {})[_event_key(event)] = event

    def history(self, nip: str, cursor: str | None, limit: int) -> tuple[list[AuditEvent], str | None]:
        own = self._events.get(nip, {}).values()
        return page(own, _event_key, cursor, limit, f"audit:{nip}", newest_first=True)
