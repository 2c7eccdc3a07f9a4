"""The handoffs of approved reports to e-Kinerja on DynamoDB (`EkinerjaHandoffs` in `protocols.py`).

The work list is the reports' sparse index `by_ekinerja_pending`, which the approving write sets, read shard by
shard (Query, keys only: no Scan). Each report's handoff is one item of `ekinerja_handoffs`, claimed and settled
with conditional writes: two runs at once never both claim a report, and only the run that claimed an attempt
settles it.
"""

from __future__ import annotations

from datetime import datetime

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
    def pending_reports(self, limit: int) -> list[str]:
        """Ids of approved reports not handed on yet, oldest decision first within each shard, at most ``limit``."""
        found: list[str] = []
        for shard in range(EKINERJA_SHARDS):
            if len(found) >= limit:
                break
            query = ReportItem.by_ekinerja_pending.query(f"E#{shard}", limit=limit - len(found))
            found += [item.report_id for item in query]
        return found

    def done(self, report_id: str) -> None:
        """Take a report off the work list (sent, or given up). Leaves the report's version alone: only its index
        key goes, and only if the report is still there."""
        connection = ReportItem._get_connection()
        try:
            connection.update_item(
                report_id,
                actions=[ReportItem.ekinerja_pending.remove()],
                condition=ReportItem.report_id.exists(),
            )
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
