"""Closed months (issue 20) in the ``closed_months`` table: one partition per satker month
(``month_key`` = "<skpd>#<satker>#<YYYY-MM>"), holding its head ("HEAD"), the frozen rows ("ROW#<nip>") and the
corrections in order ("FIX#<nnnnn>").

Why a table of its own: a satker's frozen month is hundreds of items written once and read together (one Query
of the partition), unlike anything the ``org`` table keeps, and it grows by a month per satker.

Closing is race-safe without one item holding 500 rows:

1. the head is put as CLOSING with the closer and a fresh token, only if there is none — or the one there is a
   CLOSING older than `STALE_CLOSING` (a closer that died half-way is retaken);
2. the rows are batch-written, each tagged with that token;
3. one transaction sets the head CLOSED, only while it is still this closing's, with the closer's audit entry.

So of two officers closing at once one gets 409 and the frozen rows are the winner's alone: readers take only a
CLOSED head and only the rows carrying its token. A correction is one transaction: the head's revision moves on
from the one the officer read (else 409 ``CONFLICT``), the FIX item lands beside it, and the audit entries with
them.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from pynamodb.exceptions import PutError, TransactWriteError
from pynamodb.transactions import TransactWrite

from ..domain.audit import AuditEvent
from ..domain.discipline import ClosedMonth, Correction, MonthKey, MonthlyFigures
from ..domain.discipline.closing import already_closed, being_closed, stale_version
from . import audit
from .conditions import condition_failed
from .models import ClosedMonthItem, transaction_connection

HEAD, ROW, FIX = "HEAD", "ROW#", "FIX#"
CLOSING, CLOSED = "CLOSING", "CLOSED"
#: a closing whose closer has not finished after this long is taken to have died and may be retaken
STALE_CLOSING = timedelta(minutes=5)


def month_key(skpd_id: str, satker_id: str, month: MonthKey) -> str:
    return f"{skpd_id}#{satker_id}#{month.key}"


class DynamoClosedMonths:
    """Implements `ClosedMonthRepository`."""

    def get(self, skpd_id: str, satker_id: str, month: MonthKey) -> ClosedMonth | None:
        """The closed month with its corrections (one consistent Query of the partition); ``None`` while it is open
        or still being closed."""
        head, rows, fixes = None, [], []
        for item in ClosedMonthItem.query(month_key(skpd_id, satker_id, month), consistent_read=True):
            if item.sk == HEAD:
                head = item
            elif item.sk.startswith(ROW):
                rows.append(item)
            else:
                fixes.append(item)
        if head is None or head.state != CLOSED:
            return None
        revision = int(head.revision or 1)
        mine = [r for r in rows if r.token == head.token]
        return ClosedMonth(
            satker_id,
            month,
            head.closed_by,
            datetime.fromisoformat(head.closed_at),
            {r.nip: figures_of(r.nip, month, r.figures) for r in mine},
            tuple(correction_of(f.correction) for f in fixes if int(f.sk[len(FIX) :]) < revision),
            version=revision,
            people={r.nip: (r.name or "", r.jabatan or "") for r in mine},
        )

    def close(
        self, skpd_id: str, closed: ClosedMonth, events: list[AuditEvent], *, stale_after: timedelta = STALE_CLOSING
    ) -> ClosedMonth:
        """Freeze ``closed`` (see the module's docstring); 409 ``MONTH_CLOSED`` or ``MONTH_CLOSING`` when another
        officer closed it or is closing it."""
        key = month_key(skpd_id, closed.satker_id, closed.month)
        token = self.begin(skpd_id, closed.satker_id, closed.month, closed.closed_by, closed.closed_at, stale_after)
        with ClosedMonthItem.batch_write() as batch:
            for nip, row in closed.figures.items():
                name, jabatan = closed.people.get(nip, ("", ""))
                batch.save(
                    ClosedMonthItem(
                        month_key=key,
                        sk=f"{ROW}{nip}",
                        token=token,
                        nip=nip,
                        name=name or None,
                        jabatan=jabatan or None,
                        figures=figures_json(row),
                    )
                )
        head = ClosedMonthItem(month_key=key, sk=HEAD)
        try:
            with TransactWrite(connection=transaction_connection()) as transaction:
                transaction.update(
                    head,
                    actions=[
                        ClosedMonthItem.state.set(CLOSED),
                        ClosedMonthItem.closed_at.set(closed.closed_at.isoformat()),
                        ClosedMonthItem.revision.set(1),
                        ClosedMonthItem.rows.set(len(closed.figures)),
                    ],
                    condition=(ClosedMonthItem.state == CLOSING) & (ClosedMonthItem.token == token),
                )
                for event in events:
                    transaction.save(audit.to_item(event))
        except TransactWriteError as exc:
            if _lost(exc):  # too slow: another officer retook the closing meanwhile
                raise being_closed(closed.month) from None
            raise
        return replace(closed, version=1)

    def begin(
        self,
        skpd_id: str,
        satker_id: str,
        month: MonthKey,
        by: str,
        at: datetime,
        stale_after: timedelta = STALE_CLOSING,
    ) -> str:
        """Step 1 of closing: claim the month (its token), else 409 saying whether it is closed or being closed."""
        token = uuid.uuid4().hex
        head = ClosedMonthItem(
            month_key=month_key(skpd_id, satker_id, month),
            sk=HEAD,
            state=CLOSING,
            token=token,
            closed_by=by,
            started_at=at.isoformat(),
        )
        retake = (ClosedMonthItem.state == CLOSING) & (ClosedMonthItem.started_at < (at - stale_after).isoformat())
        try:
            head.save(condition=ClosedMonthItem.sk.does_not_exist() | retake)
        except PutError as exc:
            if not condition_failed(exc):
                raise
            try:
                found = ClosedMonthItem.get(head.month_key, HEAD, consistent_read=True)
            except ClosedMonthItem.DoesNotExist:
                raise being_closed(month) from None
            raise (already_closed(month) if found.state == CLOSED else being_closed(month)) from None
        return token

    def correct(self, skpd_id: str, closed: ClosedMonth, events: list[AuditEvent]) -> ClosedMonth:
        """Record ``closed``'s last correction, made on ``closed.version`` (stale: 409 ``CONFLICT``)."""
        key = month_key(skpd_id, closed.satker_id, closed.month)
        fix = ClosedMonthItem(
            month_key=key, sk=f"{FIX}{closed.version:05d}", correction=correction_json(closed.corrections[-1])
        )
        try:
            with TransactWrite(connection=transaction_connection()) as transaction:
                transaction.update(
                    ClosedMonthItem(month_key=key, sk=HEAD),
                    actions=[ClosedMonthItem.revision.set(closed.version + 1)],
                    condition=(ClosedMonthItem.state == CLOSED) & (ClosedMonthItem.revision == closed.version),
                )
                transaction.save(fix, condition=ClosedMonthItem.sk.does_not_exist())
                for event in events:
                    transaction.save(audit.to_item(event))
        except TransactWriteError as exc:
            if _lost(exc):
                raise stale_version(closed.month) from None
            raise
        return replace(closed, version=closed.version + 1)


def _lost(exc: TransactWriteError) -> bool:
    reasons = {getattr(r, "code", None) for r in (exc.cancellation_reasons or []) if r is not None}
    return bool(reasons & {"ConditionalCheckFailed", "TransactionConflict"})


# -- the stored shape -----------------------------------------------------------------------------------------

#: figures kept as a whole number (the rest: the counts by key, and the deduction as text so 1,25 stays 1,25)
_WHOLE = (
    "working_days",
    "days_attended",
    "days_absent",
    "official_duty_days",
    "late_minutes",
    "early_minutes",
    "reports_filed",
    "reports_approved",
    "reports_rejected",
    "reports_auto_approved",
    "attended_without_approved_report",
)


def figures_json(row: MonthlyFigures) -> dict[str, Any]:
    return {
        **{name: getattr(row, name) for name in _WHOLE},
        "leave_days": dict(row.leave_days),
        "permissions": dict(row.permissions),
        "marks": dict(row.marks),
        "deduction_percent": str(row.deduction_percent),
    }


def figures_of(nip: str, month: MonthKey, data: dict[str, Any]) -> MonthlyFigures:
    return MonthlyFigures(
        nip=nip,
        month=month,
        **{name: int(data[name]) for name in _WHOLE},
        leave_days={k: int(v) for k, v in data["leave_days"].items()},
        permissions={k: int(v) for k, v in data["permissions"].items()},
        marks={k: int(v) for k, v in data["marks"].items()},
        deduction_percent=Decimal(data["deduction_percent"]),
    )


def correction_json(fix: Correction) -> dict[str, Any]:
    return {
        "nip": fix.nip,
        "field": fix.field,
        "old": str(fix.old),
        "new": str(fix.new),
        "reason": fix.reason,
        "by": fix.by,
        "at": fix.at.isoformat(),
        "day": fix.day.isoformat() if fix.day else None,
    }


def correction_of(data: dict[str, Any]) -> Correction:
    number = Decimal if data["field"] == "deduction_percent" else int
    return Correction(
        data["nip"],
        data["field"],
        number(data["old"]),
        number(data["new"]),
        data["reason"],
        data["by"],
        datetime.fromisoformat(data["at"]),
        date.fromisoformat(data["day"]) if data.get("day") else None,
    )
