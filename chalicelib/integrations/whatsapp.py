"""WhatsApp delivery behind one small interface: Fonnte, WhatsApp Cloud API, or the outbox table."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Protocol

from .http import http_session

if TYPE_CHECKING:
    import requests

    from ..store.outbox import DynamoOutbox

CONNECT_TIMEOUT = 3.05
READ_TIMEOUT = 15
MASK = "••••••••"


class WhatsAppError(Exception):
    """The provider refused or could not be reached after retries (the caller may retry later)."""


class WhatsAppSender(Protocol):
    def send(self, to: str, text: str, secrets: Iterable[str] = ()) -> str:
        """Deliver ``text`` to the ``62…`` number ``to``; return the provider's message id.

        ``secrets`` are the parts of ``text`` (passwords, one-time codes) that nothing may keep: real
        providers send the whole text; the outbox records them masked.
        """
        ...


def mask(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every non-empty secret replaced by `MASK` (longest first, so none shows through another)."""
    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


def _post(session: requests.Session, url: str, **kwargs: Any) -> dict[str, Any]:
    import requests

    try:
        response = session.post(url, timeout=(CONNECT_TIMEOUT, READ_TIMEOUT), **kwargs)
    except requests.RequestException as exc:
        raise WhatsAppError(f"provider unreachable: {type(exc).__name__}") from exc
    try:
        body = response.json()
    except ValueError:
        body = {}
    if response.status_code >= 400:
        raise WhatsAppError(f"provider answered HTTP {response.status_code}")
    return body if isinstance(body, dict) else {}


class FonnteSender:
    """Fonnte: ``POST /send`` with the device token in ``Authorization`` and form fields."""

    def __init__(self, token: str, url: str, session: requests.Session | None = None) -> None:
        self._token, self._url = token, url
        self._session = session or http_session()

    def send(self, to: str, text: str, secrets: Iterable[str] = ()) -> str:
        body = _post(
            self._session,
            self._url,
            headers={"Authorization": self._token},
            data={"target": to, "message": text, "countryCode": "62"},
        )
        if body.get("status") is not True:
            raise WhatsAppError(f"fonnte refused: {body.get('reason', 'unknown reason')}")
        ids = body.get("id") or [""]
        return str(ids[0] if isinstance(ids, list) else ids)


class CloudApiSender:
    """WhatsApp Cloud API: ``POST /<phone-number-id>/messages`` with a Bearer token.

    Free-form text reaches a user only inside the 24-hour service window; production
    notifications outside it need approved templates (see README).
    """

    def __init__(self, token: str, phone_number_id: str, base_url: str, session: requests.Session | None = None):
        self._token = token
        self._url = f"{base_url.rstrip('/')}/{phone_number_id}/messages"
        self._session = session or http_session()

    def send(self, to: str, text: str, secrets: Iterable[str] = ()) -> str:
        body = _post(
            self._session,
            self._url,
            headers={"Authorization": f"Bearer {self._token}"},
            json={
                "messaging_product": "whatsapp",
                "recipient_type": "individual",
                "to": to,
                "type": "text",
                "text": {"preview_url": False, "body": text},
            },
        )
        messages = body.get("messages") or []
        if not messages:
            raise WhatsAppError("cloud api answered without a message id")
        return str(messages[0].get("id", ""))


class OutboxSender:
    """Records messages in the outbox table instead of sending them (local default, readable by admins).

    The stored text has its secrets masked. ``echo``, when set (the local runner's terminal, tests),
    receives the clear text at send time; it is process output, never stored.
    """

    def __init__(self, outbox: DynamoOutbox, echo: Callable[[str, str], None] | None = None) -> None:
        self._outbox, self.echo = outbox, echo

    def send(self, to: str, text: str, secrets: Iterable[str] = ()) -> str:
        message_id = self._outbox.add(to, mask(text, secrets)).message_id
        if self.echo is not None:
            self.echo(to, text)
        return "outbox:" + message_id
