"""SKP and quarterly-assessment notifications from the `skp` stream (issue 19; SPEC §4: every step notifies the next
person). Which change tells whom is `domain/skp_notices.py`; here they are sent, each once per event.

- an SKP submitted → the pejabat penilai by WhatsApp, and by e-mail when they have an address (as supervisors hear
  of leave), with the link to their inbox of SKP;
- approved or returned → the employee by WhatsApp (who decided, the note);
- a quarter assessed → the employee by WhatsApp (the predicate, the link to acknowledge it);
- an assessment acknowledged → the penilai by WhatsApp (the fourth quarter's: the SKP of the year is closed).

As in `leave_notifications.py`, the e-mail is only queued here (kind ``skp-email`` on the notifications queue,
`handlers/notification_jobs.py`), so an e-mail that keeps failing rests whole in the queue's dead-letter queue
instead of failing the stream batch.
"""

from __future__ import annotations

from dataclasses import asdict
from html import escape
from typing import Any

from ..domain import messages
from ..domain.accounts import Employee
from ..domain.skp_notices import ACKNOWLEDGED, APPROVED, ASSESSED, RETURNED, SUBMITTED, Notice, SkpEntry, notices
from ..integrations import idempotency
from ..integrations.email import EmailSender
from ..integrations.queue import NotificationQueue
from ..integrations.whatsapp import WhatsAppSender
from ..store.protocols import EmployeeRepository

#: the queue message of one e-mail (`handlers/notification_jobs.py` routes it to `SkpNotifications.send_email`)
EMAIL_KIND = "skp-email"
#: where each message sends its reader in the web app: the penilai's inbox of SKP, the employee's SKP, the
#: employee's inbox of assessments to acknowledge, the penilai's staff SKP
PATHS = {
    SUBMITTED: "/persetujuan?jenis=skp",
    APPROVED: "/skp",
    RETURNED: "/skp",
    ASSESSED: "/persetujuan?jenis=penilaian-triwulan",
    ACKNOWLEDGED: "/skp/staf",
}


class SkpNotifications:
    """Reacts to one change of the `skp` table (a stream record); every message goes out once per event.

    Each message is an idempotent step of its own (keyed by the event, the channel and the recipient) inside the
    event's (`Notice.key`: the item, its version and the kind): when WhatsApp or the queue fails, the event fails,
    the stream retries it, and the retry does only what was not done; a redelivered record sends nothing.
    """

    def __init__(
        self,
        employees: EmployeeRepository,
        whatsapp: WhatsAppSender,
        email: EmailSender,
        queue: NotificationQueue,
        *,
        app_url: str,
        once: idempotency.OnceFactory,
    ) -> None:
        self._employees, self._whatsapp, self._email, self._queue = employees, whatsapp, email, queue
        self._app_url = app_url.rstrip("/")
        self._notify_once = once(self._notify, key_prefix="skp", key_path="key", argument="notice")
        self._whatsapp_once = once(self._send_whatsapp, key_prefix="skp:whatsapp", key_path="key", argument="message")
        self._queue_once = once(self._enqueue, key_prefix="skp:email-queued", key_path="key", argument="message")
        self._email_once = once(self._send_email, key_prefix="skp:email", key_path="key", argument="message")

    def register_context(self, context: Any) -> None:
        for step in (self._notify_once, self._whatsapp_once, self._queue_once, self._email_once):
            step.register_context(context)

    def on_change(self, old: SkpEntry | None, new: SkpEntry | None) -> list[str]:
        """The notices this change makes (each sent once), by kind."""
        found = notices(old, new)
        for notice in found:
            self._notify_once(notice=asdict(notice))
        return [n.kind for n in found]

    def _notify(self, notice: dict[str, Any]) -> dict[str, Any]:
        event = Notice(**notice)
        to = self._employees.get(event.to)
        if to is None:
            return {"status": "no-recipient"}
        employee = self._employees.get(event.nip)
        who = employee.name if employee else event.nip
        link = self._app_url + PATHS[event.kind]
        if event.kind == SUBMITTED:
            text = messages.skp_submitted(to.name, who, event.year, event.revision, link)
        elif event.kind == APPROVED:
            text = messages.skp_approved(to.name, event.year, self._actor(event), link)
        elif event.kind == RETURNED:
            text = messages.skp_returned(to.name, event.year, self._actor(event), event.note or "", link)
        elif event.kind == ASSESSED:
            text = messages.assessment_recorded(
                to.name, event.year, int(event.quarter or 0), self._actor(event), event.predicate or "", link
            )
        else:
            closed = event.closes_year
            text = messages.assessment_acknowledged(to.name, who, event.year, int(event.quarter or 0), closed, link)
        self._whatsapp_once(message={"key": f"{event.key}:whatsapp:{to.nip}", "to": to.whatsapp, "text": text})
        sent = 1
        if event.kind == SUBMITTED and to.email:
            self._email_to(event, to, messages.skp_submitted_subject(who, event.year, event.revision), text)
            sent += 1
        return {"status": "sent", "messages": sent}

    def _actor(self, event: Notice) -> str:
        """Who decided or assessed, a delegate named with the penilai they acted for; "atasan" when unknown."""
        if not event.by:
            return "atasan"
        return messages.acting_for(self._name(event.by), self._name(event.on_behalf_of) if event.on_behalf_of else None)

    def _name(self, nip: str) -> str:
        person = self._employees.get(nip)
        return person.name if person else nip

    def _email_to(self, event: Notice, to: Employee, subject: str, text: str) -> None:
        """The event's e-mail to ``to``, queued once; the worker sends it (`send_email`)."""
        body = f"Yth. {to.name},\n\n{text}"
        html = f"<p>Yth. {escape(to.name)},</p><p>{escape(text)}</p>"
        message = {"key": f"{event.key}:email:{to.nip}", "to": to.email, "subject": subject, "text": body, "html": html}
        self._queue_once(message=message)

    def send_email(self, message: dict[str, Any]) -> dict[str, str]:
        """A queued e-mail (the notification worker), sent once per key: a failure raises, so the message returns
        to the queue (and at last rests in its dead-letter queue, from which a replay sends it once)."""
        return self._email_once(message={k: message[k] for k in ("key", "to", "subject", "text", "html")})

    def _enqueue(self, message: dict[str, Any]) -> dict[str, int]:
        return {"queued": self._queue.send_all([{"kind": EMAIL_KIND, **message}])}

    def _send_whatsapp(self, message: dict[str, Any]) -> dict[str, str]:
        return {"message_id": self._whatsapp.send(message["to"], message["text"])}

    def _send_email(self, message: dict[str, Any]) -> dict[str, str]:
        return {"message_id": self._email.send(message["to"], message["subject"], message["text"], message["html"])}
