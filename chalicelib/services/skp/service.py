"""Use cases of the SKP: read (the employee and those above or beside them), start, edit and submit (the owner
only), the approved versions. Approving and returning are the decision mechanism's (`decisions/kinds/skp.py`)."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ...domain import skp as rules
from ...domain.accounts import Actor, Employee, Role
from ...domain.attendance import local_now
from ...domain.errors import Conflict, Forbidden, NotFound
from ...domain.skp import Indicator, Skp, TargetDraft, parse_skp_id, skp_id_of
from ...store.protocols import DelegationRepository, EmployeeRepository, SkpRepository
from .access import require_read
from .views import skp_view, version_view

if TYPE_CHECKING:
    from ...schemas import SkpTargetsInput


def new_rhk_id() -> str:
    """12 lowercase hex characters: unguessable enough, short enough to sit in every report."""
    return secrets.token_hex(6)


def not_found() -> NotFound:
    return NotFound("SKP tidak ditemukan.", code="SKP_NOT_FOUND")


class SkpService:
    def __init__(
        self,
        skp: SkpRepository,
        employees: EmployeeRepository,
        delegations: DelegationRepository,
        *,
        clock: Callable[[], datetime],
        new_id: Callable[[], str] = new_rhk_id,
    ) -> None:
        self._skp, self._employees, self._delegations = skp, employees, delegations
        self._clock, self._new_id = clock, new_id

    # -- reads ------------------------------------------------------------------------------------------

    def get(self, actor: Actor, year: int, nip: str | None = None) -> dict[str, Any]:
        """The SKP of ``nip`` (default: the caller) for ``year``; another's only for those who may read it."""
        nip = nip or actor.nip
        if nip != actor.nip:
            employee = self._employees.get(nip)
            if employee is None:
                if actor.is_admin or actor.has(Role.BKD):
                    raise NotFound("Pegawai tidak ditemukan.", code="EMPLOYEE_NOT_FOUND")
                raise Forbidden("Anda tidak berhak melihat SKP pegawai ini.")
            found = self._skp.get(skp_id_of(nip, year))
            require_read(actor, employee, found.penilai_nip if found else None, lambda: self._held(actor))
        else:
            found = self._skp.get(skp_id_of(nip, year))
        if found is None:
            raise not_found()
        return self.view(found)

    def versions(self, actor: Actor, skp_id: str) -> dict[str, Any]:
        """Every approved version, newest first."""
        self.readable(actor, skp_id)
        return {"items": [version_view(v) for v in self._skp.versions(skp_id)]}

    def readable(self, actor: Actor, skp_id: str) -> Skp:
        skp = self.skp(skp_id)
        if skp.nip != actor.nip:
            employee = self._employees.get(skp.nip)
            if employee is None:
                raise not_found()
            require_read(actor, employee, skp.penilai_nip, lambda: self._held(actor))
        return skp

    def skp(self, skp_id: str) -> Skp:
        """An SKP by id (404 when absent; a malformed id is simply not found)."""
        found = self._skp.get(skp_id) if parse_skp_id(skp_id) else None
        if found is None:
            raise not_found()
        return found

    # -- the owner's writes -------------------------------------------------------------------------------

    def create(self, actor: Actor, year: int) -> dict[str, Any]:
        """A draft for ``year`` with no targets (409 SKP_EXISTS when there is one)."""
        skp = rules.create(actor.nip, year, actor.skpd_id, actor.satker_id, self._clock())
        return self.view(self._skp.add(skp))

    def edit(self, actor: Actor, skp_id: str, body: SkpTargetsInput) -> dict[str, Any]:
        """Replace the working targets (the whole list); a known ``rhk_id`` keeps its RHK."""
        skp = self.skp(skp_id)
        rules.require_owner(skp, actor.nip)
        rules.check_version(skp, body.version)
        drafts = [
            TargetDraft(
                text=t.text,
                kind=t.kind,
                indicators=tuple(Indicator(i.text, float(i.target), i.unit) for i in t.indicators),
                parent_rhk_id=t.parent_rhk_id,
                rhk_id=t.rhk_id,
            )
            for t in body.targets
        ]
        parents = {t.rhk_id for t in self._parent_targets(actor, skp.year)}
        edited = rules.edit(skp, drafts, by=actor.nip, now=self._clock(), parents=parents, new_id=self._new_id)
        return self.view(self._skp.save(edited))

    def submit(self, actor: Actor, skp_id: str, version: int) -> dict[str, Any]:
        """Hand it to the direct supervisor as it stands now (pejabat penilai, taken at this moment)."""
        skp = self.skp(skp_id)
        rules.require_owner(skp, actor.nip)
        rules.check_version(skp, version)
        submitted = rules.submit(skp, by=actor.nip, penilai_nip=actor.supervisor_nip, now=self._clock())
        return self.view(self._skp.save(submitted))

    def move_pending(self, nip: str, supervisor_nip: str, *, by: str) -> int:
        """The employee's SUBMITTED SKP (last, this and next year) move to their new supervisor's queue, as their
        reports and leave do (`supervisor_moves.py`); one decided meanwhile keeps its decision."""
        year = self._clock().year
        moved = 0
        for skp in self._skp.many([skp_id_of(nip, y) for y in (year - 1, year, year + 1)]).values():
            for _ in range(3):
                changed = rules.change_penilai(skp, supervisor_nip, by=by, now=self._clock())
                if changed is None:
                    break
                try:
                    self._skp.save(changed)
                    moved += 1
                    break
                except Conflict:
                    skp = self.skp(skp.skp_id)  # changed meanwhile: read again
        return moved

    # -- the supervisor's side ----------------------------------------------------------------------------

    def parents(self, actor: Actor, year: int) -> dict[str, Any]:
        """What a staff RHK may cascade from: the direct supervisor's approved targets of the year."""
        from .views import targets_view

        return {"targets": targets_view(self._parent_targets(actor, year))}

    def _parent_targets(self, actor: Actor, year: int) -> tuple[rules.Target, ...]:
        if not actor.supervisor_nip:
            return ()
        found = self._skp.get(skp_id_of(actor.supervisor_nip, year))
        return found.approved_targets if found else ()

    # -- helpers ------------------------------------------------------------------------------------------

    def view(self, skp: Skp) -> dict[str, Any]:
        people = self._employees.many({n for n in (skp.nip, skp.penilai_nip) if n})
        return skp_view(skp, people)

    def people(self, nips: set[str]) -> dict[str, Employee]:
        return self._employees.many(nips) if nips else {}

    def _held(self, actor: Actor) -> frozenset[str]:
        """The supervisors whose verification the caller holds today."""
        today = local_now(self._clock(), actor.timezone.iana).date()
        return frozenset(d.delegator_nip for d in self._delegations.held_by(actor.nip, today) if d.active_on(today))
