"""Use cases of attendance complaints: the employee files one (letter upload, then the form), HR of the
employee's SKPD (or BKD, or the admin) verifies them one by one or in bulk, and the stream notifies both sides.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..domain import messages
from ..domain.accounts import Actor, Role, require_hr
from ..domain.attendance import Session, local_now
from ..domain.complaints import (
    LETTER_RULE,
    SESSION_LABELS,
    STATUS_LABELS,
    TYPE_LABELS,
    Complaint,
    ComplaintStatus,
    ComplaintType,
    Letter,
    check_not_attended,
    check_window,
    duplicate,
    reference,
    reference_series,
)
from ..domain.errors import DomainError, Forbidden, NotFound
from ..domain.history import history_view
from ..domain.identity import is_id
from ..integrations import idempotency
from ..integrations.whatsapp import WhatsAppSender
from ..store.protocols import ComplaintRepository, DigestRepository, EmployeeRepository, OrgRepository, Sequences
from .uploads import UploadService

if TYPE_CHECKING:
    from ..schemas import ComplaintInput, ComplaintLetterRequest, ComplaintQuery

#: the key of an SKPD's complaint digest in the digests table (see `notifications.digest_message`)
DIGEST_PREFIX = "COMPLAINTS#"
DIGEST_LINES = 10
_STAFF_PAGE = 200


def _context(nip: str) -> dict[str, str]:
    """What an upload slip of a complaint letter is bound to: only its uploader can use it."""
    return {"kind": "complaint", "nip": nip}


class ComplaintService:
    def __init__(
        self,
        complaints: ComplaintRepository,
        sequences: Sequences,
        employees: EmployeeRepository,
        uploads: UploadService,
        *,
        clock: Callable[[], datetime],
        window_days: int,
        link_ttl: int,
    ) -> None:
        self._complaints, self._sequences, self._employees, self._uploads = complaints, sequences, employees, uploads
        self._clock, self._window_days, self._link_ttl = clock, window_days, link_ttl

    # -- the employee ------------------------------------------------------------------------------------

    def offer_letter(self, actor: Actor, body: ComplaintLetterRequest) -> dict[str, Any]:
        """An upload form for the surat tugas (PDF, at most 300 KB) and the slip to submit the complaint with."""
        return self._uploads.offer(LETTER_RULE, f"complaints/{actor.nip}", _context(actor.nip), body)

    def submit(self, actor: Actor, body: ComplaintInput) -> dict[str, Any]:
        """File a complaint: the rules first (nothing read twice), then the uploaded letter, then one transaction.

        The model has checked each field (type and session arrive as their enums, the date as a `date`); what is
        left are the rules that need today or stored state. A refusal stores nothing: a letter that passed its
        check is deleted again unless it belongs to an earlier complaint (the same slip sent twice)."""
        kind, session, day, reason = body.type, body.session, body.date, body.reason
        today = self._today(actor)
        check_window(day, today=today, window_days=self._window_days)
        record, claims = self._complaints.claims(actor.nip, day)
        if session in claims:
            raise duplicate(day, session)
        check_not_attended(record, session)
        stored = self._uploads.accept(LETTER_RULE, _context(actor.nip), body.upload_token)
        number = self._sequences.next(reference_series(today.year))
        complaint = Complaint(
            complaint_id=stored.file_id,
            reference=reference(today.year, number),
            nip=actor.nip,
            skpd_id=actor.skpd_id,
            satker_id=actor.satker_id,
            kind=kind,
            day=day,
            session=session,
            reason=reason,
            letter=Letter(stored.file_id, stored.key, stored.filename, stored.content_type, stored.size),
            status=ComplaintStatus.SUBMITTED,
            submitted_at=self._clock(),
        )
        try:
            saved = self._complaints.create(complaint)
        except DomainError as exc:
            if exc.code != "UPLOAD_ALREADY_USED":
                self._uploads.discard(stored.key)
            raise
        return self.view(saved)

    def list_own(self, actor: Actor, params: ComplaintQuery) -> dict[str, Any]:
        """Own complaints, newest date first (the model checked the filters, ``from`` not after ``to``)."""
        items, cursor = self._complaints.list_own(
            actor.nip,
            first=params.from_,
            last=params.to,
            status=params.status,
            cursor=params.cursor,
            limit=params.limit or 20,
        )
        return {"items": [self.view(c) for c in items], "next_cursor": cursor}

    def get(self, actor: Actor, complaint_id: str) -> dict[str, Any]:
        """The owner, HR of the owner's SKPD, BKD and the admin may read a complaint (with its letter)."""
        complaint = self.complaint(complaint_id)
        if complaint.nip != actor.nip:
            try:
                require_hr(actor, complaint.skpd_id)
            except Forbidden:
                raise Forbidden("Anda tidak berhak melihat pengaduan ini.") from None
        return self.view(complaint)

    # -- views and helpers -------------------------------------------------------------------------------

    def view(self, complaint: Complaint) -> dict[str, Any]:
        """The complaint as clients see it; the letter comes with a short-lived download link."""
        letter = complaint.letter
        return {
            "complaint_id": complaint.complaint_id,
            "reference": complaint.reference,
            "nip": complaint.nip,
            "skpd_id": complaint.skpd_id,
            "satker_id": complaint.satker_id,
            "type": complaint.kind.value,
            "type_label": TYPE_LABELS[complaint.kind],
            "date": complaint.day.isoformat(),
            "session": complaint.session.value,
            "session_label": SESSION_LABELS[complaint.session],
            "reason": complaint.reason,
            "status": complaint.status.value,
            "status_label": STATUS_LABELS[complaint.status],
            "submitted_at": complaint.submitted_at.isoformat(),
            "decided_by": complaint.decided_by,
            "decided_at": complaint.decided_at.isoformat() if complaint.decided_at else None,
            "note": complaint.note,
            "letter": {
                "filename": letter.filename,
                "content_type": letter.content_type,
                "size": letter.size,
                "url": self._uploads.link(letter.key, letter.filename, self._link_ttl),
            },
            "history": history_view(complaint.history),
            "version": complaint.version,
        }

    def complaint(self, complaint_id: str) -> Complaint:
        found = self._complaints.get(complaint_id) if is_id(complaint_id) else None
        if found is None:
            raise NotFound("Pengaduan tidak ditemukan.", code="COMPLAINT_NOT_FOUND")
        return found

    def _today(self, actor: Actor) -> date:
        return local_now(self._clock(), actor.timezone.iana).date()


class ComplaintNotifications:
    """Reacts to complaint changes (stream records): the employee hears of each decision once; HR of the SKPD
    gets a digest of what waits (one per SKPD per interval, through the digests table and the queue)."""

    def __init__(
        self,
        employees: EmployeeRepository,
        complaints: ComplaintRepository,
        org: OrgRepository,
        digests: DigestRepository,
        whatsapp: WhatsAppSender,
        *,
        clock: Callable[[], datetime],
        digest_delay: timedelta,
        digest_interval: timedelta,
        app_url: str,
        once: idempotency.OnceFactory,
    ) -> None:
        self._employees, self._complaints, self._org, self._digests = employees, complaints, org, digests
        self._whatsapp, self._clock, self._app_url = whatsapp, clock, app_url
        self._delay, self._interval = digest_delay, digest_interval
        self._notify_once = once(self._notify, key_prefix="complaint-decision", key_path="key", argument="event")
        self._digest_once = once(self._send_digest, key_prefix="complaint-digest", key_path="key", argument="digest")

    def register_context(self, context: Any) -> None:
        self._notify_once.register_context(context)
        self._digest_once.register_context(context)

    def on_change(self, old: Complaint | None, new: Complaint | None) -> None:
        if new is None:
            return
        if new.status is ComplaintStatus.SUBMITTED and (old is None or old.status is not ComplaintStatus.SUBMITTED):
            self._digests.schedule(DIGEST_PREFIX + new.skpd_id, self._clock() + self._delay, self._interval)
        decided = old is not None and old.status is ComplaintStatus.SUBMITTED and new.status is not old.status
        if decided:
            self._notify_once(event={"key": f"{new.complaint_id}:{new.version}", "complaint": _event_fields(new)})

    def _notify(self, event: dict[str, Any]) -> dict[str, str]:
        fields = event["complaint"]
        employee = self._employees.get(fields["nip"])
        if employee is None:
            return {"status": "no-recipient"}
        decider = self._employees.get(fields["decided_by"])
        by = decider.name if decider else "petugas kepegawaian"
        what = (
            fields["reference"],
            TYPE_LABELS[ComplaintType(fields["type"])],
            date.fromisoformat(fields["date"]),
            SESSION_LABELS[Session(fields["session"])],
        )
        if fields["status"] == ComplaintStatus.APPROVED.value:
            text = messages.complaint_approved(employee.name, *what, by)
        else:
            text = messages.complaint_rejected(employee.name, *what, by, fields["note"] or "")
        return {"status": "sent", "message_id": self._whatsapp.send(employee.whatsapp, text)}

    def handle_digest(self, message: dict[str, Any]) -> None:
        """Send one due SKPD digest (a queue message); each officer gets it once, however often it arrives."""
        key = str(message["digest_key"])
        skpd_id = key.removeprefix(DIGEST_PREFIX)
        now = self._clock()
        count = self._complaints.count(skpd_id, ComplaintStatus.SUBMITTED)
        if count:
            waiting, _ = self._complaints.queue(
                skpd_id, ComplaintStatus.SUBMITTED, satker_id=None, first=None, last=None, cursor=None, limit=10
            )
            people = self._employees.many({c.nip for c in waiting})
            lines = [
                f"{c.reference} {people[c.nip].name if c.nip in people else c.nip}: {TYPE_LABELS[c.kind]}, "
                f"{messages.indonesian_date(c.day)} ({c.session.value.lower()})"
                for c in waiting[:DIGEST_LINES]
            ]
            skpd = self._org.get_skpd(skpd_id)
            for officer in self._officers(skpd_id):
                self._digest_once(
                    digest={
                        "key": f"{key}:{message['due_at']}:{officer.nip}",
                        "to": officer.whatsapp,
                        "text": messages.complaint_digest_whatsapp(
                            officer.name, skpd.name if skpd else skpd_id, count, lines, self._app_url
                        ),
                    }
                )
        self._digests.sent(key, int(message["generation"]), now, now + self._interval)

    def _send_digest(self, digest: dict[str, Any]) -> dict[str, str]:
        return {"status": "sent", "message_id": self._whatsapp.send(digest["to"], digest["text"])}

    def _officers(self, skpd_id: str) -> list[Any]:
        """The KEPEGAWAIAN officers of the SKPD (the SKPD's staff read once per digest, a page at a time)."""
        found, cursor = [], None
        while True:
            staff, cursor = self._employees.in_skpd(skpd_id, None, cursor, _STAFF_PAGE)
            found += [e for e in staff if Role.KEPEGAWAIAN in e.granted_roles]
            if cursor is None:
                return found


def _event_fields(complaint: Complaint) -> dict[str, Any]:
    return {
        "complaint_id": complaint.complaint_id,
        "reference": complaint.reference,
        "nip": complaint.nip,
        "type": complaint.kind.value,
        "date": complaint.day.isoformat(),
        "session": complaint.session.value,
        "status": complaint.status.value,
        "decided_by": complaint.decided_by,
        "note": complaint.note,
    }
