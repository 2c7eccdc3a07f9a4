"""Use cases of the supervisor: the queue, decisions (also by delegates and in bulk), delegation, auto-approval."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from ..domain.accounts import Actor, Role, require_role
from ..domain.attendance import local_now
from ..domain.audit import delegation_events
from ..domain.delegation import (
    Delegation,
    check_delegate_scope,
    check_delegation,
    check_delegator,
    check_no_overlap,
)
from ..domain.errors import Conflict, DomainError, Forbidden, NotFound, ValidationError
from ..domain.identity import validate_nip, validate_text, validate_version
from ..domain.reports import (
    AUTO_APPROVE_AFTER,
    SYSTEM,
    Report,
    ReportStatus,
    decide,
    overdue,
    parse_day,
    parse_decision,
)
from ..store.protocols import DelegationRepository, EmployeeRepository, ReportRepository
from .reports import ReportService

MAX_BULK = 50
_DELEGATION_RACES = 3


class VerificationService:
    def __init__(
        self,
        reports: ReportService,
        repository: ReportRepository,
        employees: EmployeeRepository,
        delegations: DelegationRepository,
        *,
        clock: Callable[[], datetime],
    ) -> None:
        self._reports, self._repository = reports, repository
        self._employees, self._delegations, self._clock = employees, delegations, clock

    # -- the queue ---------------------------------------------------------------------------------

    def queue(self, actor: Actor, for_nip: str | None, cursor: str | None, limit: int) -> dict[str, Any]:
        """What waits for the caller (or, with ``for_nip``, for a supervisor who delegated to them), oldest first."""
        if not for_nip or for_nip == actor.nip:
            self._require_verifier(actor)
            supervisor = actor.nip
        else:
            supervisor = self._delegator(actor, for_nip)
        reports, next_cursor = self._repository.pending_for(supervisor, cursor, limit)
        people = self._employees.many({r.nip for r in reports})
        items = []
        for report in reports:
            person = people.get(report.nip)
            employee = {
                "nip": report.nip,
                "name": person.name if person else None,
                "jabatan": person.jabatan if person else None,
            }
            items.append({**self._reports.view(report, with_history=False), "employee": employee})
        return {
            "supervisor_nip": supervisor,
            "count": self._repository.count_pending(supervisor),
            "items": items,
            "next_cursor": next_cursor,
        }

    def summary(self, actor: Actor) -> dict[str, Any]:
        """How many wait for the caller and for each supervisor whose verification they hold now."""
        today = self._today(actor)
        held = {d.delegator_nip for d in self._delegations.held_by(actor.nip, today) if d.active_on(today)}
        sources = [actor.nip, *sorted(held)]
        return {
            "queues": [
                {"supervisor_nip": s, "count": self._repository.count_pending(s), "delegated": s != actor.nip}
                for s in sources
            ]
        }

    # -- decisions -------------------------------------------------------------------------------

    def decide(self, actor: Actor, report_id: str, body: Mapping[str, object]) -> dict[str, Any]:
        """Approve or reject one report (the supervisor, or a delegate on their behalf)."""
        status, rating, note = parse_decision(body.get("decision"), body.get("rating"), body.get("note"))
        report = self._reports.report(report_id)
        on_behalf = self._authority(actor, report)
        if validate_version(body.get("version")) != report.version:
            raise Conflict("Laporan telah diubah oleh pengguna lain; muat ulang lalu coba lagi.", code="CONFLICT")
        decided = decide(
            report, status, by=actor.nip, at=self._clock(), rating=rating, note=note, on_behalf_of=on_behalf
        )
        return self._reports.view(self._repository.change_status(report, decided))

    def decide_as(self, nip: str, report_id: str, status: ReportStatus, rating: int | None, note: str | None) -> Report:
        """A decision made through an e-mailed link by the supervisor ``nip``."""
        employee = self._employees.get(nip)
        if employee is None:
            raise Forbidden("Akun atasan tidak ditemukan.")
        actor = Actor(nip=nip, skpd_id=employee.skpd_id, roles=frozenset(), timezone=employee.timezone)
        report = self._reports.report(report_id)
        on_behalf = self._authority(actor, report)
        decided = decide(report, status, by=nip, at=self._clock(), rating=rating, note=note, on_behalf_of=on_behalf)
        return self._repository.change_status(report, decided)

    def bulk_approve(self, actor: Actor, body: Mapping[str, object]) -> dict[str, Any]:
        """Approve each listed report or say why not; one failure never stops the others."""
        self._require_verifier(actor)
        ids = body.get("report_ids")
        if not isinstance(ids, list) or not ids:
            raise ValidationError(
                "Kolom 'report_ids' harus daftar id laporan.", code="INVALID_TYPE", details={"field": "report_ids"}
            )
        if len(ids) > MAX_BULK:
            raise ValidationError(
                f"Paling banyak {MAX_BULK} laporan sekaligus.", code="TOO_MANY_ITEMS", details={"field": "report_ids"}
            )
        _, rating, note = parse_decision("APPROVED", body.get("rating"), body.get("note"))
        results = []
        for report_id in dict.fromkeys(i if isinstance(i, str) else str(i) for i in ids):
            try:
                report = self._reports.report(report_id)
                on_behalf = self._authority(actor, report)
                decided = decide(
                    report,
                    ReportStatus.APPROVED,
                    by=actor.nip,
                    at=self._clock(),
                    rating=rating,
                    note=note,
                    on_behalf_of=on_behalf,
                )
                saved = self._repository.change_status(report, decided)
                results.append({"report_id": report_id, "status": "APPROVED", "version": saved.version})
            except DomainError as exc:
                results.append({"report_id": report_id, "status": "ERROR", "code": exc.code, "message": exc.message})
        approved = sum(1 for r in results if r["status"] == "APPROVED")
        return {"approved": approved, "failed": len(results) - approved, "results": results}

    def auto_approve(self, log: Callable[..., None]) -> dict[str, int]:
        """Approve, as SYSTEM, every report still SUBMITTED 7 days after submission."""
        now = self._clock()
        approved = skipped = 0
        for report in self._repository.overdue(now - AUTO_APPROVE_AFTER):
            if not overdue(report, now):
                continue
            try:
                self._repository.change_status(report, decide(report, ReportStatus.APPROVED, by=SYSTEM, at=now))
                approved += 1
            except Conflict:  # decided or edited meanwhile: that write wins
                skipped += 1
                log("auto-approval skipped a report changed meanwhile", report_id=report.report_id)
        return {"approved": approved, "skipped": skipped}

    # -- delegation ------------------------------------------------------------------------------

    def delegate(self, actor: Actor, body: Mapping[str, object]) -> dict[str, Any]:
        """A supervisor delegates their verification (the admin may do it for them, also across SKPD)."""
        delegator_nip = actor.nip
        if body.get("delegator_nip") not in (None, "", actor.nip):
            require_role(actor, Role.ADMIN)
            delegator_nip = validate_nip(str(body.get("delegator_nip")), "delegator_nip")
        delegate_nip = validate_nip(str(body.get("delegate_nip") or ""), "delegate_nip")
        start, end = parse_day(body.get("start_date"), "start_date"), parse_day(body.get("end_date"), "end_date")
        reason = validate_text(body.get("reason"), "reason", max_len=500, required=False)
        check_delegation(delegator_nip, delegate_nip, start, end, self._today(actor))
        delegator, delegate = self._employees.get(delegator_nip), self._employees.get(delegate_nip)
        if delegator is None or delegate is None:
            raise NotFound("Pegawai pemberi atau penerima delegasi tidak terdaftar.", code="EMPLOYEE_NOT_FOUND")
        check_delegator(has_subordinates=self._employees.has_subordinates(delegator_nip))
        check_delegate_scope(delegator.skpd_id, delegate.skpd_id, by_admin=actor.is_admin)
        delegation = Delegation(uuid.uuid4().hex, delegator_nip, delegate_nip, start, end, reason, actor.nip)
        for _ in range(_DELEGATION_RACES):
            existing, revision = self._delegations.snapshot(delegator_nip)
            check_no_overlap(existing, start, end)
            try:
                events = delegation_events(delegation, actor.nip, self._clock())
                return _delegation_view(self._delegations.add(delegation, revision, events))
            except Conflict:  # another delegation of this supervisor landed meanwhile: check again
                continue
        raise Conflict("Delegasi sedang diubah bersamaan; coba lagi.", code="CONFLICT")

    def delegations(self, actor: Actor) -> dict[str, Any]:
        today = self._today(actor)
        return {
            "given": [_delegation_view(d) for d in self._delegations.given_by(actor.nip)],
            "held": [_delegation_view(d) for d in self._delegations.held_by(actor.nip, today)],
        }

    def revoke(self, actor: Actor, delegation_id: str) -> None:
        """End a delegation now; both people's history records it."""
        delegation = self._delegations.get(actor.nip, delegation_id)
        if delegation is None:
            raise NotFound("Delegasi tidak ditemukan.", code="DELEGATION_NOT_FOUND")
        self._delegations.delete(delegation, delegation_events(delegation, actor.nip, self._clock(), ended=True))

    # -- helpers ---------------------------------------------------------------------------------

    def _authority(self, actor: Actor, report: Report) -> str | None:
        """None when the caller is the report's supervisor; the supervisor's NIP when they act as delegate."""
        if report.supervisor_nip == actor.nip:
            return None
        if report.supervisor_nip and self._holds(actor, report.supervisor_nip):
            return report.supervisor_nip
        raise Forbidden("Hanya atasan langsung (atau penerima delegasinya) yang dapat memverifikasi laporan ini.")

    def _require_verifier(self, actor: Actor) -> None:
        """Only a supervisor (someone with subordinates) or the holder of a delegation verifies anything."""
        if self._employees.has_subordinates(actor.nip):
            return
        today = self._today(actor)
        if not any(d.active_on(today) for d in self._delegations.held_by(actor.nip, today)):
            raise Forbidden(
                "Hanya atasan langsung atau penerima delegasi yang dapat memverifikasi laporan.",
                code="NOT_A_VERIFIER",
            )

    def _delegator(self, actor: Actor, delegator_nip: str) -> str:
        if not self._holds(actor, delegator_nip):
            raise Forbidden("Anda tidak memegang delegasi verifikasi dari pegawai ini.")
        return delegator_nip

    def _holds(self, actor: Actor, delegator_nip: str) -> bool:
        today = self._today(actor)
        return any(
            d.delegator_nip == delegator_nip and d.active_on(today) for d in self._delegations.held_by(actor.nip, today)
        )

    def _today(self, actor: Actor) -> date:
        return local_now(self._clock(), actor.timezone.iana).date()


def _delegation_view(delegation: Delegation) -> dict[str, Any]:
    return {
        "delegation_id": delegation.delegation_id,
        "delegator_nip": delegation.delegator_nip,
        "delegate_nip": delegation.delegate_nip,
        "start_date": delegation.start.isoformat(),
        "end_date": delegation.end.isoformat(),
        "reason": delegation.reason,
        "created_by": delegation.created_by,
    }
