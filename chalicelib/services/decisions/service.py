"""The shared use cases of deciding: the inbox, a kind's queue, one decision, many decisions, a decision from an
e-mailed link. Every kind goes through the same rules (`domain/decisions.py`); the kind adapters add only their
own effect and description."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ...domain.accounts import Actor, Employee
from ...domain.attendance import local_now
from ...domain.decisions import (
    MAX_BULK,
    Decision,
    Scope,
    Verifier,
    authority,
    check_decision,
    check_open,
    may_verify,
    queue_scope,
)
from ...domain.errors import DomainError, Forbidden, NotFound, ValidationError
from ...store.protocols import DelegationRepository, EmployeeRepository
from .kind import Card, QueueFilters, VerifiableKind
from .tasks import WaitingTask

if TYPE_CHECKING:
    from ...schemas.decisions import VerificationQuery


class DecisionService:
    def __init__(
        self,
        kinds: Mapping[str, VerifiableKind],
        employees: EmployeeRepository,
        delegations: DelegationRepository,
        *,
        clock: Callable[[], datetime],
        tasks: Sequence[WaitingTask] = (),
    ) -> None:
        self._kinds, self._employees, self._delegations, self._clock = dict(kinds), employees, delegations, clock
        self._tasks = tuple(tasks)

    def kind(self, name: str) -> VerifiableKind:
        found = self._kinds.get(name)
        if found is None:
            raise NotFound(
                "Jenis verifikasi tidak dikenal.", code="UNKNOWN_KIND", details={"allowed": list(self._kinds)}
            )
        return found

    # -- what waits ------------------------------------------------------------------------------------------

    def inbox(self, actor: Actor) -> dict[str, Any]:
        """Everything waiting for the caller, per kind they can decide; person kinds count their own items and those
        of each supervisor whose delegation they hold today."""
        held = self._held(actor)
        supervises: bool | None = None
        entries = []
        for kind in self._kinds.values():
            spec = kind.spec
            if not may_verify(spec, actor):
                continue
            if spec.verifier is Verifier.PERSON:
                people = (actor.nip, *sorted(held)) if spec.delegable else (actor.nip,)
                counts = {nip: kind.count(Scope(person=nip)) for nip in people}
                total = sum(counts.values())
                if not total:
                    if supervises is None:
                        supervises = bool(held) or self._employees.has_subordinates(actor.nip)
                    if not supervises:
                        continue
                delegated = [{"nip": nip, "count": n} for nip, n in counts.items() if nip != actor.nip and n]
            else:
                total = kind.count(queue_scope(spec, actor, held, for_nip=None, skpd_id=None))
                delegated = []
            entries.append({"kind": spec.kind, "label": spec.label, "count": total, "delegated": delegated})
        tasks = [(t, t.count(actor)) for t in self._tasks]
        return {
            "total": sum(e["count"] for e in entries),
            "kinds": entries,
            "tasks": [{"task": t.task, "label": t.label, "count": n} for t, n in tasks if n is not None],
        }

    def queue(self, actor: Actor, query: VerificationQuery) -> dict[str, Any]:
        """One kind's items in the caller's scope, oldest first, with the people they concern."""
        kind = self.kind(query.kind)
        held = self._held(actor, kind)
        scope = queue_scope(kind.spec, actor, held, for_nip=query.for_, skpd_id=query.skpd_id)
        count = kind.count(scope)
        if scope.person == actor.nip and not count:
            self._require_verifier(kind, actor, held)
        status = query.status.upper() if query.status else None
        filters = QueueFilters(query.satker_id, status, query.from_, query.to, query.category)
        items, cursor = kind.waiting(scope, filters, query.cursor, query.limit or 20)
        people = self._employees.many({kind.subject(i).owner_nip for i in items})
        return {
            "kind": kind.spec.kind,
            "label": kind.spec.label,
            "count": count,
            "items": [self._view(kind, i, c, people) for i, c in zip(items, kind.cards(items, people), strict=True)],
            "next_cursor": cursor,
        }

    # -- deciding --------------------------------------------------------------------------------------------

    def decide(self, actor: Actor, name: str, item_id: str, decision: Decision) -> dict[str, Any]:
        kind = self.kind(name)
        checked = check_decision(kind.spec, decision)
        return self.view(name, self._decide(kind, actor, self._held(actor, kind), item_id, checked))

    def decide_many(
        self, actor: Actor, name: str, items: list[tuple[str, int | None]], decision: Decision
    ) -> dict[str, Any]:
        """One verdict for many items; each answers its own outcome, one failure never stops the others. Someone
        who decides nothing of this kind is refused as a whole."""
        kind = self.kind(name)
        held = self._held(actor, kind)
        self._require_verifier(kind, actor, held)
        if len(items) > MAX_BULK:
            raise ValidationError(
                f"Paling banyak {MAX_BULK} sekaligus.", code="TOO_MANY_ITEMS", details={"field": "items"}
            )
        checked = check_decision(kind.spec, decision)
        results = []
        for item_id, version in _unique(items):
            try:
                one = Decision(checked.verdict, checked.note, checked.rating, version)
                saved = self._decide(kind, actor, held, item_id, one)
                subject = kind.subject(saved)
                results.append(
                    {
                        "id": item_id,
                        "outcome": "DECIDED",
                        "status": subject.status,
                        "status_label": subject.status_label,
                        "version": subject.version,
                    }
                )
            except DomainError as exc:
                results.append({"id": item_id, "outcome": "ERROR", "code": exc.code, "message": exc.message})
        decided = sum(1 for r in results if r["outcome"] == "DECIDED")
        return {"decided": decided, "failed": len(results) - decided, "results": results}

    def decide_as(self, nip: str, name: str, item_id: str, decision: Decision) -> Any:
        """A decision made through an e-mailed link by ``nip`` (who must still be the one it waits for)."""
        employee = self._employees.get(nip)
        if employee is None:
            raise Forbidden("Akun tidak ditemukan.")
        kind, actor = self.kind(name), _actor_of(employee)
        return self._decide(kind, actor, self._held(actor, kind), item_id, check_decision(kind.spec, decision))

    def _require_verifier(self, kind: VerifiableKind, actor: Actor, held: frozenset[str]) -> None:
        """Only a verifier of the kind by role, or (person kinds) someone with staff or a delegation, gets a
        queue or a batch at all."""
        if not may_verify(kind.spec, actor):
            raise Forbidden(f"Anda tidak berwenang memutuskan {kind.spec.noun}.")
        if kind.spec.verifier is Verifier.PERSON and not held and not self._employees.has_subordinates(actor.nip):
            raise Forbidden(
                "Hanya atasan langsung atau penerima delegasi yang dapat memverifikasi.", code="NOT_A_VERIFIER"
            )

    def _decide(
        self, kind: VerifiableKind, actor: Actor, held: frozenset[str], item_id: str, decision: Decision
    ) -> Any:
        if not may_verify(kind.spec, actor):
            raise Forbidden(f"Anda tidak berwenang memutuskan {kind.spec.noun}.")
        item = kind.load(item_id)
        subject = kind.subject(item)
        on_behalf = authority(kind.spec, subject, actor, held)
        check_open(kind.spec, subject, decision)
        return kind.apply(item, decision, actor, at=self._clock(), on_behalf_of=on_behalf)

    # -- views and helpers -----------------------------------------------------------------------------------

    def view(self, name: str, item: Any) -> dict[str, Any]:
        kind = self.kind(name)
        people = self._employees.many({kind.subject(item).owner_nip})
        return self._view(kind, item, kind.cards([item], people)[0], people)

    def _view(self, kind: VerifiableKind, item: Any, card: Card, people: Mapping[str, Employee]) -> dict[str, Any]:
        spec, subject = kind.spec, kind.subject(item)
        person = people.get(card.owner_nip)
        return {
            "kind": spec.kind,
            "id": card.item_id,
            "version": subject.version,
            "status": subject.status,
            "status_label": subject.status_label,
            "employee": {
                "nip": card.owner_nip,
                "name": person.name if person else None,
                "jabatan": person.jabatan if person else None,
            },
            "title": card.title,
            "date": card.day.isoformat() if card.day else None,
            "submitted_at": card.submitted_at.isoformat() if card.submitted_at else None,
            "summary": [{"label": label, "value": value} for label, value in card.summary],
            "files": card.files,
            "verdicts": [v.value for v in spec.verdicts if v in subject.open_verdicts],
            "rating": spec.rating,
            "detail": card.detail,
        }

    def _held(self, actor: Actor, kind: VerifiableKind | None = None) -> frozenset[str]:
        """The supervisors whose verification the caller holds today (read only for person kinds a delegate may
        act on: for a kind that is not delegable, nobody's)."""
        if kind is not None and (kind.spec.verifier is not Verifier.PERSON or not kind.spec.delegable):
            return frozenset()
        today = local_now(self._clock(), actor.timezone.iana).date()
        return frozenset(d.delegator_nip for d in self._delegations.held_by(actor.nip, today) if d.active_on(today))


def _unique(items: list[tuple[str, int | None]]) -> list[tuple[str, int | None]]:
    """Each id once, with the first version sent for it."""
    seen: dict[str, int | None] = {}
    for item_id, version in items:
        seen.setdefault(item_id, version)
    return list(seen.items())


def _actor_of(employee: Employee) -> Actor:
    return Actor(
        nip=employee.nip,
        skpd_id=employee.skpd_id,
        roles=frozenset(),
        satker_id=employee.satker_id,
        timezone=employee.timezone,
    )
