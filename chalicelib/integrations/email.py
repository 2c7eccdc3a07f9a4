"""E-mail through Amazon SES (moto's SES server locally)."""

from __future__ import annotations

from typing import Any, Protocol


class EmailSender(Protocol):
    def send(self, to: str, subject: str, text: str, html: str | None = None) -> str: ...


class SesEmailSender:
    def __init__(self, ses_client: Any, sender: str) -> None:
        self._ses, self._sender = ses_client, sender

    def send(self, to: str, subject: str, text: str, html: str | None = None) -> str:
        body: dict[str, Any] = {"Text": {"Data": text, "Charset": "UTF-8"}}
        if html:
            body["Html"] = {"Data": html, "Charset": "UTF-8"}
        response = self._ses.send_email(
            Source=self._sender,
            Destination={"ToAddresses": [to]},
            Message={"Subject": {"Data": subject, "Charset": "UTF-8"}, "Body": body},
        )
        return str(response["MessageId"])
