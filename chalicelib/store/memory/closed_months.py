"""In-memory twin of `DynamoClosedMonths`: the same head states (CLOSING, CLOSED), retaking a stale closing, the
rows of the winning closing only, and corrections conditional on the revision read."""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from ...domain.audit import AuditEvent
from ...domain.discipline import ClosedMonth, MonthKey
from ...domain.discipline.closing import already_closed, being_closed, stale_version
from ..closed_months import CLOSED, CLOSING, STALE_CLOSING, month_key
from .audit import InMemoryAuditLog


@dataclass
class _Head:
    state: str
    token: str
    started_at: datetime
    closed: ClosedMonth | None = None
    fixes: list = field(default_factory=list)


class InMemoryClosedMonths:
    """Behaves like `DynamoClosedMonths` (its audit entries land in the twin audit log with the write)."""

    def __init__(self, audit: InMemoryAuditLog | None = None) -> None:
        self._heads: dict[str, _Head] = {}
        self._audit = audit or InMemoryAuditLog()
        self._lock = threading.Lock()

    def get(self, skpd_id: str, satker_id: str, month: MonthKey) -> ClosedMonth | None:
        head = self._heads.get(month_key(skpd_id, satker_id, month))
        if head is None or head.state != CLOSED or head.closed is None:
            return None
        return replace(head.closed, corrections=tuple(head.fixes), version=1 + len(head.fixes))

    def begin(
        self,
        skpd_id: str,
        satker_id: str,
        month: MonthKey,
        by: str,
        at: datetime,
        stale_after: timedelta = STALE_CLOSING,
    ) -> str:
        key = month_key(skpd_id, satker_id, month)
        with self._lock:
            head = self._heads.get(key)
            if head is not None and not (head.state == CLOSING and head.started_at < at - stale_after):
                raise already_closed(month) if head.state == CLOSED else being_closed(month)
            token = uuid.uuid4().hex
            self._heads[key] = _Head(CLOSING, token, at)
            return token

    def close(
        self, skpd_id: str, closed: ClosedMonth, events: list[AuditEvent], *, stale_after: timedelta = STALE_CLOSING
    ) -> ClosedMonth:
        token = self.begin(skpd_id, closed.satker_id, closed.month, closed.closed_by, closed.closed_at, stale_after)
        key = month_key(skpd_id, closed.satker_id, closed.month)
        with self._lock:
            head = self._heads.get(key)
            if head is None or head.state != CLOSING or head.token != token:
                raise being_closed(closed.month)
            stored = replace(closed, corrections=(), version=1)
            self._heads[key] = _Head(CLOSED, token, head.started_at, stored)
            self._audit.record(list(events))
        return stored

    def correct(self, skpd_id: str, closed: ClosedMonth, events: list[AuditEvent]) -> ClosedMonth:
        key = month_key(skpd_id, closed.satker_id, closed.month)
        with self._lock:
            head = self._heads.get(key)
            if head is None or head.state != CLOSED or 1 + len(head.fixes) != closed.version:
                raise stale_version(closed.month)
            head.fixes.append(closed.corrections[-1])
            self._audit.record(list(events))
        return replace(closed, version=closed.version + 1)
