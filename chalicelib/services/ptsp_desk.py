"""Use cases of the PTSP information desk (issue 22, seed 003 §3): the SKPD's officers keep the service catalogue,
record visitors at the desk (each greeted at once by WhatsApp with the type's requirements and next steps), list
the desk's days and take an Excel of a range. The rules are `domain.ptsp`'s; who may is `require_ptsp_officer`.

The greeting goes the one public-service way (`CitizenMessages.queue`): the request stores the visitor and
enqueues the finished text, and the notification worker — the function that holds the WhatsApp provider's token,
which the API does not — sends it within seconds, once per request id however often the queue delivers it. A
message that keeps failing rests whole in the queue's dead-letter queue for a replay.

The Excel is built in the request: a range is at most 31 days of one desk (a few thousand rows at the busiest),
read page by page and written as it comes, well inside the request's time — no export job is needed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ..domain.accounts import Actor
from ..domain.attendance import local_now
from ..domain.errors import BusinessRule, Conflict, NotFound
from ..domain.organisation import Skpd
from ..domain.ptsp.catalogue import InformationType, check_room, duplicate_name, information_type
from ..domain.ptsp.desk import DeskRequest, check_range, clean_note, clean_visitor_name, greeting
from ..domain.ptsp.officers import require_ptsp_officer
from ..store.protocols import EmployeeRepository, OrgRepository, PtspCatalogue, PtspDesk
from .citizen_messages import CitizenMessages

if TYPE_CHECKING:
    from ..integrations.storage import ObjectStore
    from ..schemas import (
        DeskExportRequest,
        DeskListQuery,
        DeskRequestInput,
        InformationTypeEdit,
        InformationTypeInput,
    )

#: rows one Excel holds at most (31 days of a very busy desk); the list pages, the Excel stops here
EXPORT_ROWS_MAX = 10_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GREETING_SUBJECT = "Permohonan informasi PTSP diterima"


def greeting_key(request_id: str) -> str:
    """The greeting's once-key: one greeting per desk request, however often the queue delivers it."""
    return f"ptsp-desk:{request_id}"


class PtspDeskService:
    def __init__(
        self,
        org: OrgRepository,
        employees: EmployeeRepository,
        catalogue: PtspCatalogue,
        desk: PtspDesk,
        citizens: CitizenMessages,
        *,
        objects: ObjectStore,
        url_ttl: int,
        clock: Callable[[], datetime],
    ) -> None:
        self._org, self._employees, self._catalogue, self._desk = org, employees, catalogue, desk
        self._citizens, self._objects = citizens, objects
        self._url_ttl, self._clock = url_ttl, clock

    # -- the catalogue ---------------------------------------------------------------------------------

    def types(self, actor: Actor, skpd_id: str) -> dict[str, Any]:
        """Every type of the catalogue, inactive ones too, in menu order (the desk form offers the active ones)."""
        require_ptsp_officer(actor, skpd_id)
        self._skpd(skpd_id)
        return {"skpd_id": skpd_id, "items": [type_view(t) for t in self._catalogue.types_of(skpd_id)]}

    def create_type(self, actor: Actor, skpd_id: str, body: InformationTypeInput) -> dict[str, Any]:
        require_ptsp_officer(actor, skpd_id)
        self._skpd(skpd_id)
        existing = self._catalogue.types_of(skpd_id)
        info = self._checked(skpd_id, uuid.uuid4().hex, body, 0)
        check_room(existing, info)  # active types only count toward the menu's 50 (a type cannot be deleted)
        self._refuse_duplicate(info, existing)
        return type_view(self._catalogue.save(info, 0))

    def update_type(self, actor: Actor, skpd_id: str, type_id: str, body: InformationTypeEdit) -> dict[str, Any]:
        """The whole type as edited, over the version last read (a stale one is 409 ``CONFLICT``)."""
        require_ptsp_officer(actor, skpd_id)
        self._skpd(skpd_id)
        if self._catalogue.get(skpd_id, type_id) is None:
            raise _type_not_found()
        info = self._checked(skpd_id, type_id, body, body.version)
        existing = self._catalogue.types_of(skpd_id)
        check_room(existing, info)  # re-activating one must fit among the active ones
        self._refuse_duplicate(info, existing)
        return type_view(self._catalogue.save(info, body.version))

    # -- the desk --------------------------------------------------------------------------------------

    def record(self, actor: Actor, skpd_id: str, body: DeskRequestInput) -> dict[str, Any]:
        """Record a visitor (who recorded it and when, at the desk's local time) and greet them by WhatsApp."""
        require_ptsp_officer(actor, skpd_id)
        skpd = self._skpd(skpd_id)
        info = self._catalogue.get(skpd_id, body.type_id)
        if info is None:
            raise _type_not_found(field="type_id")
        if not info.active:
            raise BusinessRule(
                "Jenis informasi ini sudah tidak aktif; pilih jenis lain.",
                code="INFORMATION_TYPE_INACTIVE",
                details={"field": "type_id"},
            )
        now = self._clock()
        officer = self._employees.get(actor.nip)
        request = DeskRequest(
            skpd_id=skpd_id,
            request_id=uuid.uuid4().hex,
            local_at=local_now(now, skpd.timezone.iana).replace(tzinfo=None, microsecond=0),
            recorded_at=now,
            visitor_name=clean_visitor_name(body.name),
            whatsapp=body.whatsapp,
            type_id=info.type_id,
            type_name=info.name,
            note=clean_note(body.note),
            recorded_by=actor.nip,
            recorded_by_name=officer.name if officer else actor.nip,
        )
        self._desk.add(request)
        return {**request_view(request), "greeting_queued": self._queue_greeting(request, skpd, info)}

    def requests(self, actor: Actor, skpd_id: str, params: DeskListQuery) -> dict[str, Any]:
        """A page of the desk's requests of ``from``..``to`` (default: today at the desk), newest first."""
        require_ptsp_officer(actor, skpd_id)
        skpd = self._skpd(skpd_id)
        first, last = self._range(skpd, params.from_, params.to)
        items, cursor = self._desk.between(skpd_id, first, last, params.type_id, params.cursor, params.limit or 50)
        return {
            "items": [request_view(r) for r in items],
            "next_cursor": cursor,
            "from": first.isoformat(),
            "to": last.isoformat(),
        }

    def export(self, actor: Actor, skpd_id: str, body: DeskExportRequest) -> dict[str, Any]:
        """The range as an Excel workbook in S3, handed out as a short-lived link."""
        require_ptsp_officer(actor, skpd_id)
        skpd = self._skpd(skpd_id)
        first, last = self._range(skpd, body.from_, body.to)
        rows: list[DeskRequest] = []
        cursor = None
        while len(rows) < EXPORT_ROWS_MAX:
            items, cursor = self._desk.between(skpd_id, first, last, body.type_id, cursor, 500)
            rows += items
            if not cursor:
                break
        rows = sorted(rows[:EXPORT_ROWS_MAX], key=lambda r: (r.local_at, r.request_id))
        from ..documents.ptsp_desk import desk_workbook

        data = desk_workbook(rows, skpd.name, first, last)
        name = f"ptsp-{skpd_id}-{first:%Y%m%d}-{last:%Y%m%d}.xlsx"
        key = f"exports/ptsp-{skpd_id}-{uuid.uuid4().hex}.xlsx"
        self._objects.put_bytes(key, data, XLSX)
        return {
            "url": self._objects.presigned_get(key, self._url_ttl, name),
            "filename": name,
            "expires_in": self._url_ttl,
            "rows": len(rows),
        }

    # -- helpers ---------------------------------------------------------------------------------------

    def _queue_greeting(self, request: DeskRequest, skpd: Skpd, info: InformationType) -> bool:
        """Queue the greeting as the type reads now; a queue that cannot be reached leaves the record standing and
        the officer told that the greeting did not go out."""
        return self._citizens.queue(
            greeting_key(request.request_id),
            whatsapp=request.whatsapp,
            subject=GREETING_SUBJECT,
            text=greeting(request.visitor_name, skpd.name, info),
        )

    def _range(self, skpd: Skpd, first: date | None, last: date | None) -> tuple[date, date]:
        """``from``..``to``; one of them alone is that one day; neither is today at the desk."""
        if first is None and last is None:
            first = last = local_now(self._clock(), skpd.timezone.iana).date()
        first, last = first or last, last or first
        assert first is not None and last is not None
        check_range(first, last)
        return first, last

    def _checked(self, skpd_id: str, type_id: str, body: InformationTypeInput, version: int) -> InformationType:
        return information_type(
            skpd_id,
            type_id,
            name=body.name,
            requirements=body.requirements,
            procedure=body.procedure,
            keywords=body.keywords,
            active=body.active,
            order=body.order,
            version=version,
        )

    @staticmethod
    def _refuse_duplicate(info: InformationType, existing: list[InformationType]) -> None:
        if duplicate_name(info.name, existing, info.type_id):
            raise Conflict(
                "Jenis informasi dengan nama ini sudah ada di katalog.",
                code="DUPLICATE_INFORMATION_TYPE",
                details={"field": "name"},
            )

    def _skpd(self, skpd_id: str) -> Skpd:
        skpd = self._org.get_skpd(skpd_id)
        if skpd is None:
            raise NotFound("SKPD tidak ditemukan.", code="SKPD_NOT_FOUND")
        return skpd


def _type_not_found(field: str | None = None) -> NotFound:
    details = {"field": field} if field else None
    return NotFound("Jenis informasi tidak ditemukan.", code="INFORMATION_TYPE_NOT_FOUND", details=details)


def type_view(t: InformationType) -> dict[str, Any]:
    return {
        "skpd_id": t.skpd_id,
        "type_id": t.type_id,
        "name": t.name,
        "requirements": list(t.requirements),
        "procedure": t.procedure,
        "keywords": list(t.keywords),
        "order": t.order,
        "active": t.active,
        "version": t.version,
    }


def request_view(r: DeskRequest) -> dict[str, Any]:
    return {
        "request_id": r.request_id,
        "skpd_id": r.skpd_id,
        "at": r.local_at.isoformat(),
        "recorded_at": r.recorded_at.isoformat(),
        "name": r.visitor_name,
        "whatsapp": r.whatsapp,
        "type_id": r.type_id,
        "type_name": r.type_name,
        "note": r.note,
        "recorded_by": r.recorded_by,
        "recorded_by_name": r.recorded_by_name,
    }
