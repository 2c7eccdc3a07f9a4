"""Leave notifications from the `leaves` stream.

Every step tells the next person (once per event, however often the stream delivers it):
- a new request (or one moved to a new supervisor): the supervisor, by WhatsApp and by e-mail with links to
  approve, refuse or defer;
- a request the supervisor approved: the granting official, the same way;
- an approved request: the SKPD's numbering officers (``PENOMORAN``), by WhatsApp and e-mail;
- a number given: the employee, who can now download the letter;
- a refusal or deferral, or the cancellation of an approved leave: the employee, with the reason.

The e-mails carry decision links of the kinds ``leave_consideration`` and ``leave_decision``
(`services/decisions/links.py`). The stream handler sends the WhatsApp messages itself but only queues the
e-mails (kind ``leave-email`` on the notifications queue, `handlers/notification_jobs.py`): an e-mail that keeps
failing then rests in the queue's dead-letter queue, whole, and can be replayed, instead of failing the stream
batch, which keeps only shard and sequence numbers (`StreamFailures`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from html import escape
from typing import Any

from ..domain import messages
from ..domain.accounts import Employee, Role
from ..domain.decision_kinds import LEAVE_CONSIDERATION, LEAVE_DECISION
from ..domain.decisions import Verdict
from ..domain.leave import TYPE_LABELS, VERDICT_LABELS, LeaveRequest, LeaveStatus
from ..domain.leave import Verdict as LeaveVerdict
from ..integrations import idempotency
from ..integrations.email import EmailSender
from ..integrations.queue import NotificationQueue
from ..integrations.whatsapp import WhatsAppSender
from ..store.protocols import EmployeeRepository
from .decisions.links import DecisionLinks

ACTIONS = {"approve": Verdict.APPROVE, "reject": Verdict.REJECT, "defer": Verdict.DEFER}
STAGES = {"consideration": "CONSIDERATION", "decision": "DECISION"}
_STAGE_WORDS = {"consideration": "pertimbangan", "decision": "keputusan"}
_ACTION_WORDS = {"approve": "Setujui", "reject": "Tolak", "defer": "Tangguhkan"}
#: the queue message of one e-mail (`handlers/notification_jobs.py` routes it to `LeaveNotifications.send_email`)
EMAIL_KIND = "leave-email"


def waiting_email(
    to: Employee, leave: _Event, employee: Employee | None, stage: str, links: DecisionLinks
) -> tuple[str, str, str]:
    """Subject, text and HTML of the e-mail asking for a consideration or a decision, with one link per action."""
    kind, who = leave.label, employee.name if employee else leave.nip
    span = messages.leave_span(leave.start, leave.end)
    subject = f"Permohonan {kind} {who} menunggu {_STAGE_WORDS[stage]} Anda"
    decided_as = LEAVE_CONSIDERATION.kind if stage == "consideration" else LEAVE_DECISION.kind
    urls = {action: links.link(decided_as, leave.leave_id, to.nip, verdict) for action, verdict in ACTIONS.items()}
    lines = [
        f"Yth. {to.name},",
        "",
        f"{subject}.",
        f"Pegawai: {who} (NIP {leave.nip})" + (f", {employee.jabatan}" if employee else ""),
        f"Jenis cuti: {kind}",
        f"Tanggal: {span} ({leave.working_days} hari kerja)",
        f"Alasan: {leave.reason}",
        "",
        *(f"{_ACTION_WORDS[action]}: {url}" for action, url in urls.items()),
        "",
        "Tautan berlaku satu kali dan akan kedaluwarsa.",
    ]
    html = (
        f"<p>Yth. {escape(to.name)},</p><p>{escape(subject)}.</p>"
        '<table border="1" cellpadding="6" cellspacing="0">'
        f"<tr><th>Pegawai</th><td>{escape(who)} (NIP {escape(leave.nip)})</td></tr>"
        f"<tr><th>Jenis cuti</th><td>{escape(kind)}</td></tr>"
        f"<tr><th>Tanggal</th><td>{escape(span)} ({leave.working_days} hari kerja)</td></tr>"
        f"<tr><th>Alasan</th><td>{escape(leave.reason)}</td></tr></table><p>"
        + " · ".join(f'<a href="{escape(url)}">{_ACTION_WORDS[action]}</a>' for action, url in urls.items())
        + "</p><p>Tautan berlaku satu kali dan akan kedaluwarsa.</p>"
    )
    return subject, "\n".join(lines), html


class LeaveNotifications:
    """Reacts to one leave change (a stream record); every message goes out once per event.

    Each message is an idempotent step of its own (keyed by the event, the channel and the recipient) inside
    the event's, which is itself idempotent: when a WhatsApp message or the queue fails, the event fails (the
    stream retries it) and the retry does only what was not done. An e-mail is queued once per message key
    (``leave:email-queued``) and sent by the queue's worker once per the same key (``leave:email``), so neither a
    redelivered stream record nor a redelivered, retried or replayed queue message sends it twice.
    """

    def __init__(
        self,
        employees: EmployeeRepository,
        whatsapp: WhatsAppSender,
        email: EmailSender,
        queue: NotificationQueue,
        links: DecisionLinks,
        *,
        app_url: str,
        once: idempotency.OnceFactory,
    ) -> None:
        self._employees, self._whatsapp, self._email, self._links = employees, whatsapp, email, links
        self._queue = queue
        self._app_url = app_url
        self._notify_once = once(self._notify, key_prefix="leave", key_path="key", argument="event")
        self._whatsapp_once = once(self._send_whatsapp, key_prefix="leave:whatsapp", key_path="key", argument="message")
        self._queue_once = once(self._enqueue, key_prefix="leave:email-queued", key_path="key", argument="message")
        self._email_once = once(self._send_email, key_prefix="leave:email", key_path="key", argument="message")
        self._load: Callable[[str], LeaveRequest | None] | None = None

    def register_context(self, context: Any) -> None:
        for step in (self._notify_once, self._whatsapp_once, self._queue_once, self._email_once):
            step.register_context(context)

    def on_change(self, old: LeaveRequest | None, new: LeaveRequest | None) -> list[str]:
        """The events this change makes (each notified once), by kind."""
        if new is None:
            return []
        kinds = events(old, new)
        for kind in kinds:
            key = f"{new.leave_id}:{new.version}:{kind}"
            self._notify_once(event={"key": key, "kind": kind, "leave": _Event.of(new).as_dict()})
        return kinds

    def _notify(self, event: dict[str, Any]) -> dict[str, Any]:
        leave = _Event.from_dict(event["leave"])
        kind, key = event["kind"], event["key"]
        employee = self._employees.get(leave.nip)
        label = leave.label
        sent = 0
        if kind in ("consideration", "decision"):
            to = self._employees.get(leave.supervisor_nip if kind == "consideration" else leave.official_nip)
            if to is None:
                return {"status": "no-recipient"}
            who = employee.name if employee else leave.nip
            text = messages.leave_waiting(
                to.name, who, label, leave.start, leave.end, leave.working_days, _STAGE_WORDS[kind], self._app_url
            )
            self._whatsapp_to(key, to, text)
            sent += 1
            if to.email:
                self._email_to(key, to, *waiting_email(to, leave, employee, kind, self._links))
                sent += 1
        elif kind == "number":
            who = employee.name if employee else leave.nip
            for officer in self._numbering_officers(leave.skpd_id, leave.nip):
                text = messages.leave_to_number(officer.name, who, label, leave.start, leave.end, self._app_url)
                self._whatsapp_to(key, officer, text)
                if officer.email:
                    self._email_to(key, officer, f"Surat {label} {who} menunggu nomor", text, f"<p>{escape(text)}</p>")
                sent += 1
        elif employee is not None:
            text = self._employee_text(kind, leave, employee, label)
            self._whatsapp_to(key, employee, text)
            if employee.email and kind == "numbered":
                self._email_to(key, employee, f"{label} Anda telah disetujui", text, f"<p>{escape(text)}</p>")
            sent += 1
        return {"status": "sent" if sent else "no-recipient", "messages": sent}

    def _whatsapp_to(self, event_key: str, to: Employee, text: str) -> None:
        """The event's WhatsApp message to ``to``, once (a retry of the event after a failed e-mail skips it)."""
        self._whatsapp_once(message={"key": f"{event_key}:whatsapp:{to.nip}", "to": to.whatsapp, "text": text})

    def _email_to(self, event_key: str, to: Employee, subject: str, text: str, html: str) -> None:
        """The event's e-mail to ``to``, queued once (a retry of the event, or a redelivered record, queues
        nothing more); the worker sends it (`send_email`)."""
        message = {"key": f"{event_key}:email:{to.nip}", "to": to.email, "subject": subject, "text": text, "html": html}
        self._queue_once(message=message)

    def send_email(self, message: dict[str, Any]) -> dict[str, str]:
        """A queued e-mail (the notification worker), sent once per key: a failure raises, so the message returns
        to the queue and, after the queue's receives, rests in its dead-letter queue, from which a replay sends it
        once; a copy received again after it went out sends nothing."""
        return self._email_once(message={k: message[k] for k in ("key", "to", "subject", "text", "html")})

    def _enqueue(self, message: dict[str, Any]) -> dict[str, int]:
        return {"queued": self._queue.send_all([{"kind": EMAIL_KIND, **message}])}

    def _send_whatsapp(self, message: dict[str, Any]) -> dict[str, str]:
        return {"message_id": self._whatsapp.send(message["to"], message["text"])}

    def _send_email(self, message: dict[str, Any]) -> dict[str, str]:
        return {"message_id": self._email.send(message["to"], message["subject"], message["text"], message["html"])}

    def _employee_text(self, kind: str, leave: _Event, employee: Employee, label: str) -> str:
        if kind == "numbered":
            return messages.leave_numbered(
                employee.name, label, leave.start, leave.end, leave.letter_number or "", self._app_url
            )
        if kind == "refused":
            verdict = VERDICT_LABELS[LeaveVerdict(leave.verdict)] if leave.verdict else "Tidak disetujui"
            by = self._name(leave.decided_by) if leave.decided_by else "atasan"
            return messages.leave_refused(employee.name, label, leave.start, leave.end, verdict, by, leave.note or "")
        return messages.leave_cancelled(
            employee.name,
            label,
            leave.start,
            leave.end,
            self._name(leave.cancelled_by or ""),
            leave.cancel_reason or "",
            leave.letter_number,
        )

    def _name(self, nip: str) -> str:
        person = self._employees.get(nip)
        return person.name if person else nip

    def _numbering_officers(self, skpd_id: str, except_nip: str) -> list[Employee]:
        """The SKPD's ``PENOMORAN`` holders (its staff read page by page: an approval is rare enough)."""
        found, cursor = [], None
        while True:
            page, cursor = self._employees.in_skpd(skpd_id, None, cursor, 100)
            found += [e for e in page if Role.PENOMORAN in e.granted_roles and e.nip != except_nip]
            if not cursor:
                return found


@dataclass(frozen=True)
class _Event:
    """What a notification needs of a request, as plain values (the idempotency record keeps it as JSON)."""

    leave_id: str
    nip: str
    skpd_id: str
    label: str
    reason: str
    start: date
    end: date
    working_days: int
    supervisor_nip: str
    official_nip: str
    letter_number: str | None
    verdict: str | None  # of the last step
    decided_by: str | None
    note: str | None
    cancelled_by: str | None
    cancel_reason: str | None

    @classmethod
    def of(cls, leave: LeaveRequest) -> _Event:
        step = leave.decision or leave.consideration
        return cls(
            leave.leave_id,
            leave.nip,
            leave.skpd_id,
            TYPE_LABELS[leave.leave_type],
            leave.reason,
            leave.start,
            leave.end,
            leave.working_days,
            leave.supervisor_nip,
            leave.official_nip,
            leave.letter_number,
            step.verdict.value if step else None,
            step.by if step else None,
            step.note if step else None,
            leave.cancelled_by,
            leave.cancel_reason,
        )

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "start": self.start.isoformat(), "end": self.end.isoformat()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> _Event:
        return cls(**{**data, "start": date.fromisoformat(data["start"]), "end": date.fromisoformat(data["end"])})


def events(old: LeaveRequest | None, new: LeaveRequest) -> list[str]:
    """What a change means for whom: ``consideration``/``decision`` (someone must act), ``number`` (numbering
    officers), ``numbered``/``refused``/``cancelled`` (the employee)."""
    was = old.status if old else None
    found = []
    if new.status is LeaveStatus.PENDING_CONSIDERATION and (
        was is not LeaveStatus.PENDING_CONSIDERATION or (old is not None and old.supervisor_nip != new.supervisor_nip)
    ):
        found.append("consideration")
    if new.status is LeaveStatus.PENDING_DECISION and was is not LeaveStatus.PENDING_DECISION:
        found.append("decision")
    if new.status is LeaveStatus.APPROVED and not new.letter_number and was is not LeaveStatus.APPROVED:
        found.append("number")
    if new.status is LeaveStatus.APPROVED and new.letter_number and not (old and old.letter_number):
        found.append("numbered")
    if new.status in (LeaveStatus.REJECTED, LeaveStatus.DEFERRED) and was is not new.status:
        found.append("refused")
    if new.status is LeaveStatus.CANCELLED and was is LeaveStatus.APPROVED and new.cancelled_by != new.nip:
        found.append("cancelled")
    return found
