"""Kritis (issue 22): one kind per step of an item, decided inside the item's SKPD through the one mechanism.

- ``kritis_forward`` (LAYANAN): a new item is forwarded to leadership (APPROVE, the note is the summary) or closed
  (REJECT, with the reason);
- ``kritis_decision`` (PIMPINAN): leadership decides the action (APPROVE, the note is the action);
- ``kritis_follow_up`` (LAYANAN): the officer records the follow-up (APPROVE, the note is published).

The item's id is its tracking number; its "owner" in the shared rules is that number too (a citizen has no NIP),
except at leadership's decision, whose owner is the NIP of the officer who forwarded it: `forbid_self_decision`
then keeps one person holding both LAYANAN and PIMPINAN from deciding what they forwarded themselves, so every
item passes through two people before the office acts. Each queue is the ``by_skpd_state`` index of the
state that step waits in; COUNT of it feeds the inbox.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from ....domain.accounts import Actor
from ....domain.decision_kinds import KRITIS_DECISION, KRITIS_FOLLOW_UP, KRITIS_FORWARD
from ....domain.decisions import Decision, KindSpec, Scope, Subject, Verdict
from ....domain.kritis import (
    KIND_LABELS,
    STATE_LABELS,
    Kritis,
    KritisState,
    close,
    decide_action,
    forward,
    record_follow_up,
)
from ....store.protocols import KritisRepository
from ...kritis import KritisService
from ..kind import Adapter, Card, QueueFilters


class _KritisStep(Adapter[KritisService, KritisRepository]):
    """What the three steps share; each names the state it waits in and its effect."""

    spec: KindSpec
    waits_in: KritisState

    def load(self, item_id: str) -> Kritis:
        return self._service.item(item_id)

    def subject(self, item: Kritis) -> Subject:
        open_verdicts = frozenset(self.spec.verdicts) if item.state is self.waits_in else frozenset()
        return Subject(
            self._owner(item), item.skpd_id, item.version, item.state.value, STATE_LABELS[item.state], open_verdicts
        )

    def _owner(self, item: Kritis) -> str:
        return item.tracking

    def apply(
        self, item: Kritis, decision: Decision, actor: Actor, *, at: datetime, on_behalf_of: str | None
    ) -> Kritis:
        step = self._effect(decision.verdict)
        return self._service.save_step(
            item, step(item, decision.note or "", by=actor.nip, at=at, on_behalf_of=on_behalf_of)
        )

    def _effect(self, verdict: Verdict) -> Callable[..., Kritis]:
        raise NotImplementedError

    def waiting(
        self, scope: Scope, filters: QueueFilters, cursor: str | None, limit: int
    ) -> tuple[list[Kritis], str | None]:
        """What waits in the SKPD at this step, oldest filing first."""
        if scope.skpd_id is None:
            return [], None
        return self._repository.in_state(scope.skpd_id, self.waits_in, cursor, limit)

    def count(self, scope: Scope) -> int:
        return self._repository.count_in_state(scope.skpd_id, self.waits_in) if scope.skpd_id else 0

    def _card(self, item: Kritis) -> Card:
        summary: list[tuple[str, str]] = []  # the title is the kind
        if item.summary:
            summary.append(("Ringkasan petugas", item.summary))
        if item.action:
            summary.append(("Tindakan pimpinan", item.action))
        summary.append(("Uraian masyarakat", item.description))
        url = self._photo(item)
        name = "foto." + (item.photo_key or "").rsplit(".", 1)[-1]  # its type by the extension the key was given
        files = [{"label": "Foto", "filename": name, "url": url}] if url else []
        title = KIND_LABELS[item.kind]  # the number shows as the owner line ("Nomor KR-…")
        return Card(item.tracking, item.tracking, title, None, item.filed_at, summary, self._service.card(item), files)

    def _photo(self, item: Kritis) -> str | None:
        return self._service.photo_url(item)


class KritisForwardKind(_KritisStep):
    spec = KRITIS_FORWARD
    waits_in = KritisState.BARU

    def _effect(self, verdict: Verdict) -> Callable[..., Kritis]:
        return forward if verdict is Verdict.APPROVE else close


class KritisDecisionKind(_KritisStep):
    spec = KRITIS_DECISION
    waits_in = KritisState.DITERUSKAN

    def _owner(self, item: Kritis) -> str:
        """Whoever forwarded it (the last forwarding in its history): they may not decide it too."""
        forwarded = [h.by for h in item.history if h.action == KritisState.DITERUSKAN.value]
        return forwarded[-1] if forwarded else item.tracking

    def _effect(self, verdict: Verdict) -> Callable[..., Kritis]:
        return decide_action


class KritisFollowUpKind(_KritisStep):
    spec = KRITIS_FOLLOW_UP
    waits_in = KritisState.DIPUTUSKAN

    def _effect(self, verdict: Verdict) -> Callable[..., Kritis]:
        return record_follow_up


def kritis_kinds(service: KritisService, repository: KritisRepository) -> list[_KritisStep]:
    return [
        KritisForwardKind(service, repository),
        KritisDecisionKind(service, repository),
        KritisFollowUpKind(service, repository),
    ]
