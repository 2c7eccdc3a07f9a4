"""The handoffs of approved reports to e-Kinerja on DynamoDB (`EkinerjaHandoffs` in `protocols.py`).

The work list is the reports' sparse index `by_ekinerja_due` (`ekinerja_pending` = "E#<n>", `ekinerja_due` = the
time of the next attempt), which the approving write sets, read a page of one shard at a time and only what is due
(Query with Limit, keys only: no Scan). Each report's handoff is one item of `ekinerja_handoffs`, read a page at a
time (BatchGetItem), claimed and settled with conditional writes: two runs at once never both claim a report, and
only the run that claimed an attempt settles it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pynamodb.exceptions import UpdateError

from ..domain.ekinerja import Handoff, HandoffState
from .conditions import condition_failed
from .models import EkinerjaHandoffItem, ReportItem
from .reports import EKINERJA_SHARDS


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _to_handoff(item: EkinerjaHandoffItem) -> Handoff:
    return Handoff(
        report_id=item.report_id,
        nip=item.nip,
        state=HandoffState(item.state),
        attempts=int(item.attempts or 0),
        last_error=item.last_error,
        sent_at=_time(item.sent_at),
        external_id=item.external_id,
        next_attempt_at=_time(item.next_attempt_at),
        claimed_until=_time(item.claimed_until),
    )


class DynamoEkinerjaHandoffs:
    shards = EKINERJA_SHARDS

    def due_page(
        self, shard: int, now: datetime, after: dict[str, Any] | None, limit: int
    ) -> tuple[list[str], dict[str, Any] | None]:
        """Ids of at most ``limit`` reports of one shard whose next attempt is due by ``now``, soonest first, and
        where the next page starts (one Query with Limit of the keys-only index)."""
        result = ReportItem.by_ekinerja_due.query(
            f"E#{shard}", ReportItem.ekinerja_due <= now.isoformat(), limit=limit, last_evaluated_key=after
        )
        return [item.report_id for item in result], result.last_evaluated_key

    def many(self, report_ids: Sequence[str]) -> dict[str, Handoff]:
        """The handoffs of up to 100 reports in one consistent BatchGetItem (reports never tried are left out)."""
        if not report_ids:
            return {}
        items = EkinerjaHandoffItem.batch_get(list(report_ids), consistent_read=True)
        return {item.report_id: _to_handoff(item) for item in items}

    def later(self, report_id: str, at: datetime) -> None:
        """Move a report on the work list to its next attempt (it is not read again before)."""
        self._work_list(report_id, [ReportItem.ekinerja_due.set(at.isoformat())], ReportItem.ekinerja_pending.exists())

    def done(self, report_id: str) -> None:
        """Take a report off the work list (sent, or given up)."""
        remove = [ReportItem.ekinerja_pending.remove(), ReportItem.ekinerja_due.remove()]
        self._work_list(report_id, remove, ReportItem.report_id.exists())

    def _work_list(self, report_id: str, actions: list, condition: Any) -> None:
        """Change only the report's work-list keys, leaving its version alone, and only while ``condition``
        holds (the report still there, or still on the list)."""
        try:
            ReportItem._get_connection().update_item(report_id, actions=actions, condition=condition)
        except UpdateError as exc:
            if not condition_failed(exc):
                raise

    def get(self, report_id: str) -> Handoff | None:
        try:
            return _to_handoff(EkinerjaHandoffItem.get(report_id, consistent_read=True))
        except EkinerjaHandoffItem.DoesNotExist:
            return None

    def claim(self, report_id: str, nip: str, token: str, now: datetime, until: datetime) -> Handoff | None:
        """Claim the next attempt (``None``: another run holds it, or it was sent). The first claim creates the
        item; later ones require it unsent and its claim expired."""
        item = EkinerjaHandoffItem(report_id=report_id)
        try:
            item.update(
                actions=[
                    EkinerjaHandoffItem.nip.set(nip),
                    EkinerjaHandoffItem.state.set(
                        EkinerjaHandoffItem.state | HandoffState.PENDING.value  # type: ignore[operator]
                    ),
                    EkinerjaHandoffItem.attempts.add(1),
                    EkinerjaHandoffItem.claim.set(token),
                    EkinerjaHandoffItem.claimed_until.set(until.isoformat()),
                ],
                condition=(
                    EkinerjaHandoffItem.report_id.does_not_exist()
                    | (
                        (EkinerjaHandoffItem.state != HandoffState.SENT.value)
                        & (
                            EkinerjaHandoffItem.claimed_until.does_not_exist()
                            | (EkinerjaHandoffItem.claimed_until < now.isoformat())
                        )
                    )
                ),
            )
        except UpdateError as exc:
            if condition_failed(exc):
                return None
            raise
        return _to_handoff(item)

    def sent(self, report_id: str, token: str, external_id: str, at: datetime) -> None:
        self._settle(
            report_id,
            token,
            [
                EkinerjaHandoffItem.state.set(HandoffState.SENT.value),
                EkinerjaHandoffItem.sent_at.set(at.isoformat()),
                EkinerjaHandoffItem.external_id.set(external_id),
                EkinerjaHandoffItem.last_error.remove(),
                EkinerjaHandoffItem.next_attempt_at.remove(),
            ],
        )

    def failed(self, report_id: str, token: str, error: str, retry_at: datetime | None) -> None:
        actions = [EkinerjaHandoffItem.state.set(HandoffState.FAILED.value), EkinerjaHandoffItem.last_error.set(error)]
        if retry_at is None:
            actions.append(EkinerjaHandoffItem.next_attempt_at.remove())
        else:
            actions.append(EkinerjaHandoffItem.next_attempt_at.set(retry_at.isoformat()))
        self._settle(report_id, token, actions)

    def _settle(self, report_id: str, token: str, actions: list) -> None:
        """Settle the attempt this run claimed (and release the claim); a lost claim changes nothing."""
        actions = [*actions, EkinerjaHandoffItem.claim.remove(), EkinerjaHandoffItem.claimed_until.remove()]
        try:
            EkinerjaHandoffItem(report_id=report_id).update(
                actions=actions, condition=EkinerjaHandoffItem.claim == token
            )
        except UpdateError as exc:
            if not condition_failed(exc):
                raise
