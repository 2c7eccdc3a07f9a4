"""Report storage. Every change is one transaction of the report (version-checked) and its day item.

The day item (attendance table) holds the day's time slots and status tally; writes that rely on
the slots (create, edit) are conditional on the day's ``report_rev`` they read, so two overlapping
reports can never both be stored.
"""

from __future__ import annotations

import time as time_module
import zlib
from collections.abc import Sequence
from dataclasses import asdict, replace
from datetime import date, datetime, time
from typing import Any

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from ..domain.attendance import AttendanceDay
from ..domain.errors import Conflict
from ..domain.leave import day_on_leave
from ..domain.reports import SYSTEM, Evidence, Report, ReportContent, ReportStatus
from .conditions import save_versioned
from .history import history_json, history_of
from .models import AttendanceItem, LeaveDaysItem, ReportItem, transaction_connection
from .paging import bounded_page, decode_cursor, encode_cursor
from .protocols import DayChanged
from .raw import reader

#: Shards of `by_pending_shard` (keys only), read by the paged auto-approval sweep (`services/auto_approval.py`):
#: 6 M reports a day, ≈75 % of them (4.5 M) filed 16.00-17.00 WIB, 2,500/s in the busiest minutes, each a key row
#: written in a transaction (2 units) = ≈110 WCU/s on the fullest shard (limit 1,000). Width is for the drain: at
#: 10 % left undecided, one 15-minute schedule finds ≈112 k overdue reports = ≈1,760 a shard (25 pages of 100 on
#: the fullest) one after another, each ≈6.4 s on the export worker's CPU: ≈160 s with every shard's chain in
#: parallel (16 shards: 4× that). Figures: README "Load model" (benchmarks/load_model.py). Items written with
#: fewer shards keep their keys, which stay inside the range read.
PENDING_SHARDS = 64
MAX_LIST_REQUESTS = 4
OVERDUE_PAGE = 100  # reports a page of `overdue_page` when `overdue` reads a whole shard
#: Shards of `by_ekinerja_due`. Every approval writes a key row there; the auto-approval drain (64 chains of
#: 100-report pages, ≈3,450 approvals/s at the local run's speed, each a transaction: 2 write units) would put
#: ≈1,700 WCU/s on each of 4 keys, over the limit; 64 keys take ≈110. The handoff (`services/ekinerja/handoff.py`)
#: pages each shard in its own chain of worker calls: 64 chains hand a peak period's 250 k approvals on in half the
#: time 32 took (README "Load model", benchmarks/load_model.py). Items written with fewer shards keep their keys,
#: which stay inside the range read.
EKINERJA_SHARDS = 64
TRANSACTION_ATTEMPTS = 3
_COUNT_ATTR = {
    ReportStatus.SUBMITTED: AttendanceItem.count_submitted,
    ReportStatus.APPROVED: AttendanceItem.count_approved,
    ReportStatus.REJECTED: AttendanceItem.count_rejected,
}
_OWNER_KEYS = ("report_id", "owner_nip", "owner_sort")
_PENDING_KEYS = ("report_id", "pending_supervisor", "pending_since")
_read_report = reader(ReportItem)  # a page of raw items → what `to_report` reads (`store/raw.py`)


def pending_shard(report_id: str) -> str:
    return f"P#{zlib.crc32(report_id.encode()) % PENDING_SHARDS}"


def ekinerja_shard(report_id: str) -> str:
    return f"E#{zlib.crc32(report_id.encode()) % EKINERJA_SHARDS}"


def auto_approved(report: Report) -> bool:
    """Approved by the sweep (`services.verification.auto_approve`): the day's tally counts it apart too."""
    return report.status is ReportStatus.APPROVED and report.decided_by == SYSTEM


def _span(content: ReportContent) -> str:
    return f"{content.start:%H:%M}-{content.end:%H:%M}"


def _stale() -> Conflict:
    return Conflict("Laporan telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")


def to_item(report: Report) -> ReportItem:
    c = report.content
    live = report.status is not ReportStatus.WITHDRAWN
    pending = report.status is ReportStatus.SUBMITTED
    approved = report.status is ReportStatus.APPROVED
    submitted = report.submitted_at.isoformat()
    item = ReportItem(
        report_id=report.report_id,
        nip=report.nip,
        skpd_id=report.skpd_id,
        satker_id=report.satker_id,
        supervisor_nip=report.supervisor_nip,
        day=c.day.isoformat(),
        start_time=f"{c.start:%H:%M}",
        end_time=f"{c.end:%H:%M}",
        title=c.title,
        description=c.description,
        output=c.output,
        search_text=f"{c.title}\n{c.description}".lower(),
        status=report.status.value,
        template_id=c.template_id,
        rhk_id=c.rhk_id,
        submitted_at=submitted,
        decided_by=report.decided_by,
        decided_for=report.decided_for,
        decided_at=report.decided_at.isoformat() if report.decided_at else None,
        rating=report.rating,
        note=report.note,
        copied_from=report.copied_from,
        evidence=[asdict(e) for e in report.evidence],
        history=history_json(report.history),
        hints=list(report.hints) or None,
        owner_nip=report.nip if live else None,
        owner_sort=f"{c.day.isoformat()}#{c.start:%H:%M}#{report.report_id}" if live else None,
        pending_supervisor=(report.supervisor_nip or None) if pending else None,
        pending_since=f"{submitted}#{report.report_id}" if pending and report.supervisor_nip else None,
        pending_shard=pending_shard(report.report_id) if pending else None,
        satker_key=f"{report.skpd_id}#{report.satker_id}" if live else None,
        satker_sort=f"{c.day.isoformat()}#{report.nip}#{report.report_id}" if live else None,
        # the e-Kinerja work list, set by the approving write itself (so no approval is missed), due at once; the
        # handoff job moves `ekinerja_due` to a failure's retry time and removes both once sent or given up
        # (`store.ekinerja`). An approved report is written again only by that decision.
        ekinerja_pending=ekinerja_shard(report.report_id) if approved else None,
        ekinerja_due=(report.decided_at or report.submitted_at).isoformat() if approved else None,
    )
    if report.version:
        item.version = report.version
    return item


def to_report(item: ReportItem) -> Report:
    return Report(
        report_id=item.report_id,
        nip=item.nip,
        skpd_id=item.skpd_id,
        satker_id=item.satker_id,
        supervisor_nip=item.supervisor_nip,
        content=ReportContent(
            day=date.fromisoformat(item.day),
            start=time.fromisoformat(item.start_time),
            end=time.fromisoformat(item.end_time),
            title=item.title,
            description=item.description,
            output=item.output,
            template_id=item.template_id,
            rhk_id=item.rhk_id,
        ),
        status=ReportStatus(item.status),
        submitted_at=datetime.fromisoformat(item.submitted_at),
        evidence=tuple(Evidence(**e) for e in item.evidence or ()),
        decided_by=item.decided_by,
        decided_for=item.decided_for,
        decided_at=datetime.fromisoformat(item.decided_at) if item.decided_at else None,
        rating=int(item.rating) if item.rating is not None else None,
        note=item.note,
        copied_from=item.copied_from,
        history=history_of(item.history),
        version=int(item.version),
        hints=tuple(item.hints or ()),
    )


class DynamoReportRepository:
    """Implements `ReportRepository` (see `protocols.py`)."""

    overdue_shards = PENDING_SHARDS

    def get(self, report_id: str) -> Report | None:
        try:
            return to_report(ReportItem.get(report_id, consistent_read=True))
        except ReportItem.DoesNotExist:
            return None

    def many(self, report_ids: Sequence[str]) -> dict[str, Report]:
        """The reports of up to 100 ids in one consistent BatchGetItem (missing ones left out)."""
        if not report_ids:
            return {}
        return {i.report_id: to_report(i) for i in ReportItem.batch_get(list(report_ids), consistent_read=True)}

    def create(self, report: Report, day: AttendanceDay) -> Report:
        slots = {**_slot_map(day), report.report_id: _span(report.content)}
        return self._write(report, [_claim(day, slots, report.status, +1)], not_on_leave=report.content.day)

    def update(self, old: Report, new: Report, old_day: AttendanceDay, new_day: AttendanceDay) -> Report:
        """An edit: the slot moves within the day, or from one day to another."""
        if old.content.day == new.content.day:
            slots = {**_slot_map(old_day), new.report_id: _span(new.content)}
            return self._write(new, [_claim(old_day, slots, new.status, 0)], not_on_leave=new.content.day)
        old_slots = {k: v for k, v in _slot_map(old_day).items() if k != old.report_id}
        new_slots = {**_slot_map(new_day), new.report_id: _span(new.content)}
        return self._write(
            new,
            [_claim(old_day, old_slots, old.status, -1), _claim(new_day, new_slots, new.status, +1)],
            not_on_leave=new.content.day,
        )

    def change_status(self, old: Report, new: Report) -> Report:
        """Withdraw or decide: move the day's tally; a withdrawn or rejected report frees its slot."""
        actions = [AttendanceItem.report_rev.add(1), _COUNT_ATTR[old.status].add(-1)]
        if new.status in _COUNT_ATTR:
            actions.append(_COUNT_ATTR[new.status].add(1))
        if auto_approved(new):
            actions.append(AttendanceItem.count_auto.add(1))
        if new.status in (ReportStatus.WITHDRAWN, ReportStatus.REJECTED):
            actions.append(AttendanceItem.report_slots[new.report_id].remove())
        update = (AttendanceItem(nip=new.nip, day=new.content.day.isoformat()), actions, AttendanceItem.nip.exists())
        return self._write(new, [update])

    def save(self, report: Report) -> Report:
        """Changes that touch only the report (evidence): version-checked."""
        return replace(report, version=save_versioned(to_item(report), _stale))

    def list_own(
        self,
        nip: str,
        *,
        first: date | None,
        last: date | None,
        status: ReportStatus | None,
        text: str | None,
        cursor: str | None,
        limit: int,
        rhk_id: str | None = None,
    ) -> tuple[list[Report], str | None]:
        """Newest first; status, text and RHK are filters, so a page may hold fewer than ``limit``."""
        low, high = (first or date.min).isoformat(), f"{(last or date.max).isoformat()}#~"
        condition = None
        if status is not None:
            condition = ReportItem.status == status.value
        if text:
            contains = ReportItem.search_text.contains(text.lower())
            condition = contains if condition is None else condition & contains
        if rhk_id:
            same_rhk = ReportItem.rhk_id == rhk_id
            condition = same_rhk if condition is None else condition & same_rhk
        scope = f"reports.by_owner:{nip}:{low}:{high}"
        result = ReportItem.by_owner.query(
            nip,
            ReportItem.owner_sort.between(low, high),
            filter_condition=condition,
            scan_index_forward=False,
            page_size=limit,
            last_evaluated_key=decode_cursor(cursor, scope),
        )
        raw, next_cursor = bounded_page(result, limit, _OWNER_KEYS, MAX_LIST_REQUESTS, scope)
        return [to_report(_read_report(r)) for r in raw], next_cursor  # type: ignore[arg-type]

    def latest_descriptions(self, nip: str, *, first: date, last: date, limit: int) -> list[tuple[date, str]]:
        """One Query of ``by_owner`` (as `list_own` with no filter) asking only for the two attributes: the
        coach runs on every report filed, and whole reports cost DynamoDB, botocore and us to read. The page is read
        raw (its two strings), not as a model per item: that was ≈0.25 ms of every create
        (`python -m benchmarks.api_latency`). With no filter the first page holds all ``limit`` items there are."""
        found = ReportItem.by_owner.query(
            nip,
            ReportItem.owner_sort.between(first.isoformat(), f"{last.isoformat()}#~"),
            scan_index_forward=False,
            limit=limit,
            page_size=limit,
            attributes_to_get=[ReportItem.day, ReportItem.description],
        )
        page = next(found.page_iter, {})
        return [(date.fromisoformat(raw["day"]["S"]), raw["description"]["S"]) for raw in page.get("Items", [])]

    def pending_for(
        self,
        supervisor_nip: str,
        cursor: str | None,
        limit: int,
        *,
        first: date | None = None,
        last: date | None = None,
    ) -> tuple[list[Report], str | None]:
        """A supervisor's SUBMITTED reports, oldest submission first; ``first``/``last`` keep those of the dates
        from ``first`` to ``last`` (a filter on the report's date: the index is ordered by submission, so a page
        may hold fewer than ``limit``)."""
        if first is None and last is None:
            scope = f"reports.by_supervisor_pending:{supervisor_nip}"
            result = ReportItem.by_supervisor_pending.query(
                supervisor_nip, limit=limit, last_evaluated_key=decode_cursor(cursor, scope)
            )
            items = [to_report(i) for i in result]
            return items, encode_cursor(result.last_evaluated_key, scope)
        low, high = (first or date.min).isoformat(), (last or date.max).isoformat()
        scope = f"reports.by_supervisor_pending:{supervisor_nip}:{low}:{high}"
        result = ReportItem.by_supervisor_pending.query(
            supervisor_nip,
            filter_condition=ReportItem.day.between(low, high),
            page_size=limit,
            last_evaluated_key=decode_cursor(cursor, scope),
        )
        raw, next_cursor = bounded_page(result, limit, _PENDING_KEYS, MAX_LIST_REQUESTS, scope)
        return [to_report(ReportItem.from_raw_data(r)) for r in raw], next_cursor

    def count_pending(self, supervisor_nip: str) -> int:
        """How many wait for ``supervisor_nip`` (a COUNT query: reads grow with what waits, nothing else)."""
        return ReportItem.by_supervisor_pending.count(supervisor_nip)

    def overdue(self, submitted_by: datetime) -> list[Report]:
        """SUBMITTED reports submitted at or before the instant, from every shard of the sparse index (all pages:
        for a one-call drain; the scheduled sweep reads `overdue_page` instead)."""
        found: list[Report] = []
        for shard in range(PENDING_SHARDS):
            after: dict[str, Any] | None = None
            while True:
                page, after = self.overdue_page(shard, submitted_by, after, OVERDUE_PAGE)
                found += page
                if after is None:
                    break
        return found

    def overdue_page(
        self, shard: int, submitted_by: datetime, after: dict[str, Any] | None, limit: int
    ) -> tuple[list[Report], dict[str, Any] | None]:
        """At most ``limit`` reports of one shard submitted by the instant, oldest first, read consistently (the
        index holds only keys: one Query with Limit, then one BatchGetItem), and where the next page starts."""
        result = ReportItem.by_pending_shard.query(
            f"P#{shard}", ReportItem.submitted_at <= submitted_by.isoformat(), limit=limit, last_evaluated_key=after
        )
        ids = [item.report_id for item in result]
        found = self.many(ids)
        return [found[i] for i in ids if i in found], result.last_evaluated_key

    def _write(
        self, report: Report, day_updates: list[tuple[AttendanceItem, list, Any]], not_on_leave: date | None = None
    ) -> Report:
        """One transaction; retried when DynamoDB cancels it for a concurrent transaction (its conditions hold).

        ``not_on_leave``: the report's date, which no pending or approved leave of the employee may hold (checked
        on the employee's `leave_days` item in the same transaction, so a leave written meanwhile wins cleanly).
        PynamoDB sends condition checks first, then puts, then updates: the cancellation reasons come in that order.
        """
        checks = 0 if not_on_leave is None else 1
        for attempt in range(TRANSACTION_ATTEMPTS):
            item = to_item(report)
            try:
                with TransactWrite(connection=transaction_connection()) as transaction:
                    transaction.save(item)
                    for day_item, actions, condition in day_updates:
                        transaction.update(day_item, actions=actions, condition=condition)
                    if not_on_leave is not None:
                        free = LeaveDaysItem.days[not_on_leave.isoformat()].does_not_exist()
                        transaction.condition_check(LeaveDaysItem, report.nip, condition=free)
            except TransactWriteError as exc:
                reasons = [getattr(r, "code", None) for r in (exc.cancellation_reasons or [])]
                if not_on_leave is not None and reasons[:1] == ["ConditionalCheckFailed"]:
                    raise day_on_leave(not_on_leave) from None
                if reasons[checks : checks + 1] == ["ConditionalCheckFailed"]:
                    raise _stale() from None
                if "ConditionalCheckFailed" in reasons[checks + 1 :]:
                    raise DayChanged from None
                if "TransactionConflict" in reasons and attempt + 1 < TRANSACTION_ATTEMPTS:
                    time_module.sleep(0.05 * (attempt + 1))
                    continue
                raise
            return replace(report, version=int(item.version))
        raise AssertionError("unreachable")


def _slot_map(day: AttendanceDay) -> dict[str, str]:
    return {rid: f"{s:%H:%M}-{e:%H:%M}" for rid, (s, e) in day.report_slots.items()}


def _claim(day: AttendanceDay, slots: dict[str, str], status: ReportStatus, delta: int) -> tuple[Any, list, Any]:
    """Set the day's slots if its ``report_rev`` is still the one read; adjust the tally by ``delta``."""
    item = AttendanceItem(nip=day.nip, day=day.day.isoformat())
    actions = [AttendanceItem.report_slots.set(slots), AttendanceItem.report_rev.set(day.report_rev + 1)]
    if delta:
        actions.append(_COUNT_ATTR[status].add(delta))
    seen = AttendanceItem.report_rev == day.report_rev if day.report_rev else AttendanceItem.report_rev.does_not_exist()
    return item, actions, AttendanceItem.nip.exists() & seen
