"""Tracked citizen requests across two offices (issue 22, seed 003 §4 "SIRAMASAKAN"): the use cases.

The first office's public-service officer (``LAYANAN`` of that SKPD) records a request, marks it ready or cancels
it; the second office's LAYANAN officers decide it in the one inbox (kind ``citizen_request``,
`decisions/kinds/citizen_requests.py`, which calls `process`). Only the two offices' LAYANAN officers and the admin
see a request; the second office only once it was first marked ready. The public status page answers by
tracking number alone, rate-limited per IP, with nothing personal.

Notifications are queued right after the step's conditional write, the one public-service way
(`CitizenMessages.queue`; the notification worker, which alone holds the WhatsApp token and SES, sends each once
per step and recipient). A queue that cannot be reached is logged and does not undo the recorded step (the public
page and the inbox still show it). Each step is also handed to the population registry's one integration point
(`integrations/population_registry.py`), which by default calls nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..domain import citizen_request_messages as texts
from ..domain.accounts import Actor, Employee, Role, require_role
from ..domain.attendance import local_now
from ..domain.citizen_requests import (
    ORIGIN_HOLDS,
    PREFIX,
    STATE_LABELS,
    STEP_LABELS,
    UPDATE_LABELS,
    CitizenRequest,
    RequestState,
    cancel,
    mark_ready,
    new_request,
    process,
    public_steps,
)
from ..domain.errors import Conflict, Forbidden, NotFound, ValidationError
from ..domain.rate_limits import RateLimit
from ..domain.tracking import new_tracking_number, read_tracking_number
from ..integrations.population_registry import PopulationRegistry
from ..store.protocols import CitizenRequestRepository, EmployeeRepository, OrgRepository
from .citizen_messages import CitizenMessages
from .office_holders import office_holders
from .public_lookup import look_up
from .rate_limits import RateLimits

if TYPE_CHECKING:
    from ..schemas.citizen_requests import (
        CitizenRequestCancel,
        CitizenRequestInput,
        CitizenRequestQuery,
        CitizenRequestReady,
    )

_NOT_FOUND = "Permohonan tidak ditemukan."


def not_found() -> NotFound:
    return NotFound(_NOT_FOUND, code="REQUEST_NOT_FOUND")


class CitizenRequestService:
    def __init__(
        self,
        requests: CitizenRequestRepository,
        org: OrgRepository,
        employees: EmployeeRepository,
        citizens: CitizenMessages,
        registry: PopulationRegistry,
        rate_limits: RateLimits,
        *,
        clock: Callable[[], datetime],
        app_url: str,
        status_per_ip: int,
    ) -> None:
        self._requests, self._org, self._employees = requests, org, employees
        self._citizens, self._registry, self._rate_limits = citizens, registry, rate_limits
        self._clock, self._app_url = clock, app_url
        self._status_limit = RateLimit("request-status", status_per_ip, 60)

    # -- the offices' side -----------------------------------------------------------------------------------

    def offices(self, actor: Actor) -> dict[str, Any]:
        """The SKPDs a request can be handed to (every one but the caller's), for the record form."""
        require_role(actor, Role.LAYANAN)
        items = [{"skpd_id": s.skpd_id, "name": s.name} for s in self._org.list_skpd() if s.skpd_id != actor.skpd_id]
        return {"items": sorted(items, key=lambda o: o["name"])}

    def record(self, actor: Actor, body: CitizenRequestInput) -> dict[str, Any]:
        require_role(actor, Role.LAYANAN)
        target = self._org.get_skpd(body.target_skpd_id)
        if target is None:
            raise ValidationError(
                "Kantor tujuan tidak dikenal.", code="UNKNOWN_OFFICE", details={"field": "target_skpd_id"}
            )
        now = self._clock()
        saved: CitizenRequest | None = None
        for _ in range(3):  # 40 random bits: a clash is all but impossible, and then simply drawn again
            request = new_request(
                new_tracking_number(PREFIX, local_now(now, "Asia/Jakarta").year),
                origin_skpd=actor.skpd_id,
                target_skpd=target.skpd_id,
                citizen_name=body.citizen_name,
                whatsapp=body.whatsapp,
                email=body.email,
                case_number=body.case_number,
                updates=tuple(body.updates),
                description=body.description,
                by=actor.nip,
                at=now,
            )
            try:
                saved = self._requests.add(request)
                break
            except Conflict:
                continue
        if saved is None:
            raise Conflict("Nomor permohonan bentrok; coba lagi.", code="CONFLICT")
        names = self._office_names(saved)
        text = texts.recorded(
            saved.citizen_name, names[saved.origin_skpd], names[saved.target_skpd], saved.tracking, self._link(saved)
        )
        self._tell_citizen(saved, "recorded", text)
        return self._view(saved, actor, names)

    def get(self, actor: Actor, tracking: str) -> dict[str, Any]:
        request = self._load_for(actor, tracking)
        return self._view(request, actor)

    def list(self, actor: Actor, query: CitizenRequestQuery) -> dict[str, Any]:
        """One state of one office's requests, newest first. Without ``state`` the state waiting for that side
        (RECORDED for the first office, READY for the second): each index is sorted by state first, so a list of
        every state would come grouped by state, not newest first (the web always names the state)."""
        require_role(actor, Role.LAYANAN)
        skpd_id = query.skpd_id or actor.skpd_id
        if skpd_id != actor.skpd_id and not actor.is_admin:
            raise Forbidden("Anda hanya dapat melihat permohonan kantor Anda sendiri.")
        target = query.side == "target"
        waiting = RequestState.READY if target else RequestState.RECORDED
        state = RequestState(query.state) if query.state else waiting
        items, cursor = self._requests.of_office(
            skpd_id, target=target, state=state, cursor=query.cursor, limit=query.limit or 20
        )
        names = self._names_of(items)
        return {"items": [self._view(r, actor, names) for r in items], "next_cursor": cursor}

    def mark_ready(self, actor: Actor, tracking: str, body: CitizenRequestReady) -> dict[str, Any]:
        request = self._load_for(actor, tracking, origin_only=True)
        _same_version(request, body.version)
        saved = self._requests.save(
            mark_ready(request, by=actor.nip, at=self._clock(), note=body.note, document_ref=body.document_ref)
        )
        self._registry.notify_ready(saved)
        names = self._office_names(saved)
        step = len(saved.steps)
        self._tell_citizen(
            saved,
            f"ready:{step}",
            texts.ready(saved.citizen_name, names[saved.target_skpd], saved.tracking, self._link(saved)),
        )
        for officer in self._officers(saved.target_skpd, saved.created_by):
            text = texts.to_target(
                officer.name, names[saved.origin_skpd], saved.tracking, f"{self._app_url}/persetujuan"
            )
            self._tell_officer(saved, f"ready:{step}", officer, text)
        return self._view(saved, actor, names)

    def cancel(self, actor: Actor, tracking: str, body: CitizenRequestCancel) -> dict[str, Any]:
        request = self._load_for(actor, tracking, origin_only=True)
        _same_version(request, body.version)
        saved = self._requests.save(cancel(request, by=actor.nip, at=self._clock(), reason=body.reason))
        names = self._office_names(saved)
        text = texts.cancelled(saved.citizen_name, names[saved.origin_skpd], saved.tracking, self._link(saved))
        self._tell_citizen(saved, "cancelled", text)
        return self._view(saved, actor, names)

    # -- the second office's decision (kind ``citizen_request``) --------------------------------------------

    def request(self, tracking: str) -> CitizenRequest:
        found = self._requests.get(tracking)
        if found is None:
            raise not_found()
        return found

    def process(
        self, request: CitizenRequest, *, done: bool, by: str, at: datetime, note: str | None
    ) -> CitizenRequest:
        """Mark it done (the citizen is told to collect the new KTP/KK) or return it to the first office, whose
        officers are told why."""
        saved = self._requests.save(process(request, done=done, by=by, at=at, note=note))
        names = self._office_names(saved)
        step = len(saved.steps)
        if done:
            self._registry.notify_done(saved)
            day = local_now(at, "Asia/Jakarta").date()
            target, link = names[saved.target_skpd], self._link(saved)
            text = texts.done(saved.citizen_name, target, saved.tracking, day, link, [u.value for u in saved.updates])
            self._tell_citizen(saved, "done", text)
        else:
            link = f"{self._app_url}/permohonan-warga"
            for officer in self._officers(saved.origin_skpd, by):
                reason = saved.steps[-1].note or ""
                text = texts.returned(officer.name, names[saved.target_skpd], saved.tracking, reason, link)
                self._tell_officer(saved, f"returned:{step}", officer, text)
        return saved

    def view(self, request: CitizenRequest) -> dict[str, Any]:
        """The request as the inbox shows it in ``detail`` (the decider is one of the second office's)."""
        return self._view(request, None)

    # -- the public status page ------------------------------------------------------------------------------

    def public_status(self, ip: str, number: str) -> dict[str, Any]:
        """State and steps by office and date, nothing personal; a malformed number is 404 like an unknown one
        (counted against the caller's IP either way, so guessing costs the same)."""
        request = look_up(self._rate_limits, self._status_limit, ip, number, PREFIX, self._requests.get, not_found)
        names = self._office_names(request)
        return {
            "tracking": request.tracking,
            "state": request.state.value,
            "state_label": STATE_LABELS[request.state],
            "origin_office": names[request.origin_skpd],
            "target_office": names[request.target_skpd],
            "steps": public_steps(request, names),
        }

    # -- helpers ---------------------------------------------------------------------------------------------

    def _load_for(self, actor: Actor, tracking: str, *, origin_only: bool = False) -> CitizenRequest:
        """The request if the caller is a LAYANAN officer of one of its two offices (the second office only once
        it was marked ready; only the first when ``origin_only``) or the admin. A number that is not one is 404 —
        and so is one the caller's office may not see (not involved, or the second office before "ready"): an
        existing number answers like an unknown one, so nobody learns which numbers exist."""
        require_role(actor, Role.LAYANAN)
        number = read_tracking_number(tracking, PREFIX)
        request = self._requests.get(number) if number else None
        if request is None:
            raise not_found()
        if actor.is_admin:
            return request
        if actor.skpd_id == request.origin_skpd:
            return request
        if origin_only:
            if actor.skpd_id == request.target_skpd and request.ready_at is not None:
                raise Forbidden("Hanya kantor asal yang dapat melakukan tindakan ini atas permohonan.")
        elif actor.skpd_id == request.target_skpd and request.ready_at is not None:
            return request
        raise not_found()

    def _view(
        self, request: CitizenRequest, actor: Actor | None, names: dict[str, str] | None = None
    ) -> dict[str, Any]:
        names = names or self._office_names(request)
        people = self._employees.many({s.by for s in request.steps})
        origin_side = actor is not None and (actor.is_admin or actor.skpd_id == request.origin_skpd)
        actions = ["ready", "cancel"] if origin_side and request.state in ORIGIN_HOLDS else []
        return {
            "tracking": request.tracking,
            "origin": {"skpd_id": request.origin_skpd, "name": names.get(request.origin_skpd, request.origin_skpd)},
            "target": {"skpd_id": request.target_skpd, "name": names.get(request.target_skpd, request.target_skpd)},
            "citizen_name": request.citizen_name,
            "whatsapp": request.whatsapp,
            "email": request.email,
            "case_number": request.case_number,
            "updates": [u.value for u in request.updates],
            "update_labels": [UPDATE_LABELS[u] for u in request.updates],
            "description": request.description,
            "document_ref": request.document_ref,
            "state": request.state.value,
            "state_label": STATE_LABELS[request.state],
            "created_by": request.created_by,
            "created_at": request.created_at.isoformat(),
            "ready_at": request.ready_at.isoformat() if request.ready_at else None,
            "status_url": self._link(request),
            "actions": actions,
            "steps": [
                {
                    "action": s.action.value,
                    "label": STEP_LABELS[s.action],
                    "skpd_id": s.skpd_id,
                    "office": names.get(s.skpd_id, s.skpd_id),
                    "by": s.by,
                    "by_name": people[s.by].name if s.by in people else None,
                    "at": s.at.isoformat(),
                    "note": s.note,
                }
                for s in request.steps
            ],
            "version": request.version,
        }

    def _office_names(self, request: CitizenRequest) -> dict[str, str]:
        return self._names_of([request])

    def _names_of(self, requests: list[CitizenRequest]) -> dict[str, str]:
        names: dict[str, str] = {}
        for skpd_id in {s for r in requests for s in (r.origin_skpd, r.target_skpd)}:
            skpd = self._org.get_skpd(skpd_id)
            names[skpd_id] = skpd.name if skpd else skpd_id
        return names

    def _link(self, request: CitizenRequest) -> str:
        return f"{self._app_url}/status-permohonan/{request.tracking}"

    def _officers(self, skpd_id: str, except_nip: str) -> list[Employee]:
        """The office's LAYANAN officers but the one who took the step."""
        return [e for e in office_holders(self._employees, skpd_id, Role.LAYANAN) if e.nip != except_nip]

    def _tell_citizen(self, request: CitizenRequest, step: str, text: str) -> None:
        """Queued; the step is recorded whatever the queue did (the status page still shows it)."""
        self._citizens.queue(
            f"citizen-request:{request.tracking}:{step}",
            whatsapp=request.whatsapp,
            email=request.email,
            subject=texts.subject(request.tracking),
            text=text,
        )

    def _tell_officer(self, request: CitizenRequest, step: str, officer: Employee, text: str) -> None:
        key = f"citizen-request:{request.tracking}:{step}:officer:{officer.nip}"
        self._citizens.queue(key, whatsapp=officer.whatsapp, subject=texts.subject(request.tracking), text=text)


def _same_version(request: CitizenRequest, version: int | None) -> None:
    if version is not None and version != request.version:
        raise Conflict("Permohonan ini telah diubah oleh petugas lain; muat ulang lalu coba lagi.", code="CONFLICT")
