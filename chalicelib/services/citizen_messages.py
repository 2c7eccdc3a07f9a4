"""Messages to citizens, who have no account: to the WhatsApp number or e-mail address they left.

Every public-service flow (PTSP desk, Kritis, tracked requests) tells citizens through this one sender, each
message once per key however often a stream or a retry asks (the same idempotency as employees' notices).
A citizen who left no contact is simply not told; the public status page is their way to follow.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ..integrations import idempotency
from ..integrations.email import EmailSender
from ..integrations.whatsapp import WhatsAppSender


class CitizenMessages:
    def __init__(self, whatsapp: WhatsAppSender, email: EmailSender, *, once: idempotency.OnceFactory) -> None:
        self._whatsapp, self._email = whatsapp, email
        self._whatsapp_once = once(
            self._send_whatsapp, key_prefix="citizen:whatsapp", key_path="key", argument="message"
        )
        self._email_once = once(self._send_email, key_prefix="citizen:email", key_path="key", argument="message")

    def register_context(self, context: Any) -> None:
        for step in (self._whatsapp_once, self._email_once):
            step.register_context(context)

    def send(self, key: str, *, whatsapp: str | None, email: str | None, subject: str, text: str) -> int:
        """Tell the citizen ``text`` on each contact they left (``key`` names the event); how many were sent."""
        sent = 0
        if whatsapp:
            self._whatsapp_once(message={"key": f"{key}:whatsapp", "to": whatsapp, "text": text})
            sent += 1
        if email:
            self._email_once(message={"key": f"{key}:email", "to": email, "subject": subject, "text": text})
            sent += 1
        return sent

    def _send_whatsapp(self, message: dict[str, Any]) -> dict[str, str]:
        return {"message_id": self._whatsapp.send(message["to"], message["text"])}

    def _send_email(self, message: dict[str, Any]) -> dict[str, str]:
        html = "".join(f"<p>{escape(line)}</p>" for line in message["text"].split("\n") if line)
        return {"message_id": self._email.send(message["to"], message["subject"], message["text"], html)}
