"""Inbound WhatsApp: telling a provider's webhook call from anyone else's, and which SKPD's number it reached.

Pure (stdlib only) so every check is unit-tested with real HMACs:

- WhatsApp Cloud API (Meta): the subscription handshake (``GET ?hub.mode=subscribe&hub.verify_token=…&
  hub.challenge=…`` → the challenge, as text) and ``X-Hub-Signature-256: sha256=<hex>``, the HMAC-SHA256 of the
  request's exact bytes with the app secret, compared in constant time before anything is parsed.
- Fonnte has no signature: its webhook URL carries a long random token (``/webhooks/whatsapp/fonnte/<token>``),
  compared in constant time. The API's access log records the route template, never the path (infra/template.py
  ``ACCESS_LOG_FORMAT``), as for e-mailed links' tokens.

An empty secret or token never verifies anything: a stage with nothing configured refuses every call. Nor does a
configured one shorter than `SECRET_MIN` characters (`WebhookSecrets` treats it as unset): a short Fonnte token
sits in a URL and could be guessed, a short app secret or verify token is a typo or a placeholder, not a secret.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

SIGNATURE_HEADER = "X-Hub-Signature-256"
_SIGNATURE = re.compile(r"sha256=([0-9a-fA-F]{64})")
#: what a challenge may be (Meta sends digits): it is echoed, so nothing else is
_CHALLENGE = re.compile(r"[A-Za-z0-9_.\-]{1,128}")
_NUMBER = re.compile(r"\+?(\d{8,15})")
#: the shortest configured secret or token honoured (shorter ones are treated as unset: every call is refused)
SECRET_MIN = 32
#: the longest text the bot reads of one message (WhatsApp allows 4,096 characters; a question is short)
TEXT_MAX = 1000


@dataclass(frozen=True)
class Inbound:
    """One citizen's message as the reply worker needs it: who wrote (``62…``), to which SKPD, what."""

    provider: str  # "cloud" or "fonnte"
    message_id: str
    skpd_id: str
    sender: str
    text: str

    @property
    def key(self) -> str:
        """The message's identity across the provider's retries: the reply is sent once per key."""
        return f"{self.provider}:{self.message_id}"

    def to_message(self) -> dict[str, str]:
        """The queue message of the notification worker (kind ``whatsapp-inbound``)."""
        return {
            "kind": "whatsapp-inbound",
            "provider": self.provider,
            "message_id": self.message_id,
            "skpd_id": self.skpd_id,
            "sender": self.sender,
            "text": self.text,
        }

    @classmethod
    def from_message(cls, message: Mapping[str, object]) -> Inbound:
        return cls(*(str(message[name]) for name in ("provider", "message_id", "skpd_id", "sender", "text")))


def handshake(mode: str | None, token: str | None, challenge: str | None, verify_token: str) -> str | None:
    """The challenge to answer when Meta subscribes with our verify token, else ``None`` (answer 403)."""
    if mode != "subscribe" or not verify_token or token is None or challenge is None:
        return None
    if not hmac.compare_digest(token.encode(), verify_token.encode()):
        return None
    return challenge if _CHALLENGE.fullmatch(challenge) else None


def signature(raw: bytes, app_secret: str) -> str:
    """The ``X-Hub-Signature-256`` value Meta sends with ``raw`` (tests sign payloads with it)."""
    return "sha256=" + hmac.new(app_secret.encode(), raw, hashlib.sha256).hexdigest()


def signature_valid(raw: bytes, header: str | None, app_secret: str) -> bool:
    """True when ``header`` is the HMAC-SHA256 of exactly ``raw`` with ``app_secret`` (constant-time compare)."""
    if not app_secret or not header:
        return False
    found = _SIGNATURE.fullmatch(header.strip())
    if found is None:
        return False
    return hmac.compare_digest(signature(raw, app_secret)[7:], found.group(1).lower())


def token_valid(given: str | None, expected: str) -> bool:
    """Fonnte's URL token, compared in constant time; an unset token matches nothing."""
    if not expected or not given:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


def inbound_accounts(mapping: str) -> dict[tuple[str, str], str]:
    """``cloud:<phone_number_id>=<skpd>,fonnte:<device>=<skpd>`` → {(provider, account): skpd}; malformed parts
    are skipped (Settings stays a leaf; a typo shows as an unanswered number, logged by the webhook)."""
    found: dict[tuple[str, str], str] = {}
    for part in mapping.split(","):
        target, _, skpd = part.strip().partition("=")
        provider, _, account = target.strip().partition(":")
        if provider.strip() in ("cloud", "fonnte") and account.strip() and skpd.strip():
            found[(provider.strip(), account_of(account))] = skpd.strip()
    return found


def citizen_number(value: str | None) -> str | None:
    """A sender's number as the providers write it (``6281…``, maybe ``+``); anything else is no citizen."""
    found = _NUMBER.fullmatch((value or "").strip())
    return found.group(1) if found else None


def account_of(value: str | None) -> str:
    """A receiving account as the mapping keys it: a device number's digits, a phone-number id as sent."""
    text = (value or "").strip()
    digits = re.sub(r"[\s+\-]", "", text)
    return digits if digits.isdigit() else text


def short_text(value: str | None) -> str:
    """The part of a message the bot reads (`TEXT_MAX` characters)."""
    return (value or "")[:TEXT_MAX]


class WebhookSecrets:
    """The webhooks' secrets: on AWS fields of the webhook secret in Secrets Manager (``wa_cloud_app_secret``,
    ``wa_cloud_verify_token``, ``fonnte_webhook_token``; read once per container, when a webhook is first
    called), else the settings' (the environment's). Never logged, never answered. One shorter than `SECRET_MIN`
    characters reads as unset, so it verifies nothing."""

    def __init__(self, app_secret: str, verify_token: str, fonnte_token: str, load: Loader | None = None) -> None:
        self._given = {
            "wa_cloud_app_secret": app_secret,
            "wa_cloud_verify_token": verify_token,
            "fonnte_webhook_token": fonnte_token,
        }
        self._load, self._loaded = load, None

    def _field(self, name: str) -> str:
        if self._load is not None and self._loaded is None:
            self._loaded = dict(self._load())
        value = (self._loaded or {}).get(name) or self._given[name]
        return value if len(value) >= SECRET_MIN else ""

    @property
    def cloud_app_secret(self) -> str:
        return self._field("wa_cloud_app_secret")

    @property
    def cloud_verify_token(self) -> str:
        return self._field("wa_cloud_verify_token")

    @property
    def fonnte_token(self) -> str:
        return self._field("fonnte_webhook_token")


Loader = Callable[[], Mapping[str, str]]
