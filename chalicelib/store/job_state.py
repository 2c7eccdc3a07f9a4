"""Where a scheduled job left off (e.g. the attendance sync cursor)."""

from __future__ import annotations

from datetime import UTC, datetime

from .models import JobStateItem


class DynamoJobState:
    def cursor(self, name: str) -> str | None:
        try:
            return JobStateItem.get(name, consistent_read=True).cursor
        except JobStateItem.DoesNotExist:
            return None

    def save_cursor(self, name: str, cursor: str | None) -> None:
        JobStateItem(name=name, cursor=cursor, updated_at=datetime.now(UTC)).save()
