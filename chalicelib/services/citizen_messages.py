"""The one way the public-service flows (issue 22) send a WhatsApp message or an e-mail: the PTSP desk's greeting,
Kritis's notices, the tracked requests' messages — to citizens, who have no account, and to the officers and
leadership those flows concern — and the WhatsApp auto-reply's answers.

Two halves, because only the notification worker holds the WhatsApp provider's token, the idempotency table and
SES (`infra/template.py`); the API holds none of them:

- the API side, `queue`: ONE finished message (kind ``service-message``, with its key and contacts) put on the
  notifications queue. A queue that cannot be reached is logged and answered ``False``: the recorded step stands
  (the status page and the inbox show it whatever the queue did).
- the worker side, `deliver` (and `send` for the worker's own answers): each contact once per key however often
  the queue delivers it — WhatsApp and e-mail independently, so one failing never skips the other; a failure is
  raised afterwards, the message returns to the queue and the once-keys keep the sent half from going twice. A
  message that keeps failing rests whole in the queue's dead-letter queue for a replay.

The senders are built lazily, on the first send: only the worker ever builds them (building the WhatsApp sender
reads its secret on AWS). A recipient who left no contact is simply not told; the public status page is a
citizen's way to follow.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING, Any

from ..integrations import idempotency

if TYPE_CHECKING:
    from ..integrations.email import EmailSender
    from ..integrations.queue import NotificationQueue
    from ..integrations.whatsapp import WhatsAppSender

#: the queue message of one public-service message (`handlers/notification_jobs.py` routes it to `deliver`)
MESSAGE_KIND = "service-message"
_log = logging.getLogger("kinerja.citizen_messages")


class CitizenMessages:
    def __init__(
        self,
        whatsapp: Callable[[], WhatsAppSender],
        email: Callable[[], EmailSender],
        *,
        queue: Callable[[], NotificationQueue],
        once: idempotency.OnceFactory,
    ) -> None:
        self._whatsapp, self._email, self._queue = whatsapp, email, queue
        self._whatsapp_once = once(
            self._send_whatsapp, key_prefix="citizen:whatsapp", key_path="key", argument="message"
        )
        self._email_once = once(self._send_email, key_prefix="citizen:email", key_path="key", argument="message")

    def register_context(self, context: Any) -> None:
        for step in (self._whatsapp_once, self._email_once):
            step.register_context(context)

    # -- the API side ------------------------------------------------------------------------------------------

    def queue(self, key: str, *, whatsapp: str | None, email: str | None = None, subject: str = "", text: str) -> bool:
        """Queue ``text`` for the contacts given (``key`` names the event and the recipient); whether it was
        queued (``False`` with no contact, or when the queue cannot be reached — logged, the caller's step stands)."""
        if not (whatsapp or email):
            return False
        message = {"kind": MESSAGE_KIND, "key": key, "whatsapp": whatsapp, "email": email}
        try:
            self._queue().send_all([{**message, "subject": subject, "text": text}])
        except Exception:
            _log.warning("public-service message not queued (%s)", key, exc_info=True)
            return False
        return True

    # -- the worker side ---------------------------------------------------------------------------------------

    def deliver(self, message: dict[str, Any]) -> None:
        """Send one queued message (kind ``service-message``), each contact once per key."""
        self.send(
            message["key"],
            whatsapp=message.get("whatsapp"),
            email=message.get("email"),
            subject=message.get("subject") or "",
            text=message["text"],
        )

    def send(self, key: str, *, whatsapp: str | None, email: str | None = None, subject: str = "", text: str) -> int:
        """Send ``text`` now on each contact given, each once per ``key``; how many were sent. Each contact is
        tried whatever the other did; the first failure is raised once both were tried."""
        sent, failed = 0, None
        if whatsapp:
            try:
                self._whatsapp_once(message={"key": f"{key}:whatsapp", "to": whatsapp, "text": text})
                sent += 1
            except Exception as error:
                failed = error
        if email:
            try:
                self._email_once(message={"key": f"{key}:email", "to": email, "subject": subject, "text": text})
                sent += 1
            except Exception as error:
                failed = failed or error
        if failed is not None:
            raise failed
        return sent

    def _send_whatsapp(self, message: dict[str, Any]) -> dict[str, str]:
        return {"message_id": self._whatsapp().send(message["to"], message["text"])}

    def _send_email(self, message: dict[str, Any]) -> dict[str, str]:
        html = "".join(f"<p>{escape(line)}</p>" for line in message["text"].split("\n") if line)
        return {"message_id": self._email().send(message["to"], message["subject"], message["text"], html)}
