"""A person's authority trail (see `domain/audit.py`): written inside the transactions that change it."""

from __future__ import annotations

from datetime import datetime

from ..domain.audit import AuditEvent, AuditKind
from ..domain.audit import event_view as event_view  # re-exported: its old home
from .models import AuditItem
from .paging import decode_cursor, encode_cursor


def to_item(event: AuditEvent) -> AuditItem:
    return AuditItem(
        nip=event.nip,
        event_key=f"{event.at.isoformat()}#{event.event_id}",
        kind=event.kind.value,
        by=event.by,
        details=dict(event.details),
    )


def _to_event(item: AuditItem) -> AuditEvent:
    at, _, event_id = item.event_key.partition("#")
    return AuditEvent(item.nip, datetime.fromisoformat(at), AuditKind(item.kind), item.by, item.details or {}, event_id)


class DynamoAuditLog:
    """Implements `AuditLog` (see `protocols.py`)."""

    def record(self, events: list[AuditEvent]) -> None:
        with AuditItem.batch_write() as batch:
            for event in events:
                batch.save(to_item(event))

    def history(self, nip: str, cursor: str | None, limit: int) -> tuple[list[AuditEvent], str | None]:
        """One person's events, newest first."""
        scope = f"audit:{nip}"
        result = AuditItem.query(
            nip, scan_index_forward=False, limit=limit, last_evaluated_key=decode_cursor(cursor, scope)
        )
        events = [_to_event(i) for i in result]
        return events, encode_cursor(result.last_evaluated_key, scope)
