"""The WhatsApp webhook's side (issue 22): verify the provider's call, find the SKPD, queue one reply job each.

The webhook answers fast and does no more than that: a provider retries a call that is slow or fails, so the
reply (catalogue reads, the conversation, the provider's send) runs in the notification worker
(`services/whatsapp_replies.py`, kind ``whatsapp-inbound``), once per message id however often it is queued.

A call is verified before anything is parsed, counted or stored: an unsigned or mis-signed call (or a wrong
Fonnte token) is refused with nothing written, not even a rate-limit counter — floods of forged calls are the
gateway's and the WAF's to stop (README "Public endpoints": the WAF's ``webhook-per-address`` budget,
infra/template.py). Verified calls are not counted per IP either: Meta and Fonnte deliver from a small pool of
addresses, so a per-IP count would throttle the real provider on a busy stage (and a 429 only makes it retry). What
bounds a verified flood is the per-sender limit below and the queue: a citizen who writes more than
``per_sender_hour`` messages in an hour to one SKPD gets no more replies that hour (a loop between two bots, or
someone flooding a number, costs neither a provider's fee nor the officers' time); the provider still gets 200.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from ..domain.errors import Forbidden, Throttled, Unauthorized
from ..domain.rate_limits import RateLimit
from ..integrations import whatsapp_inbound as wa
from ..integrations.queue import NotificationQueue
from .rate_limits import RateLimits

if TYPE_CHECKING:
    from ..schemas.whatsapp import CloudHandshakeQuery, CloudWebhook, FonnteWebhook

_REFUSED = "Panggilan webhook tidak dikenali."

_log = logging.getLogger("kinerja.whatsapp")


class WhatsAppInbox:
    def __init__(
        self,
        secrets: wa.WebhookSecrets,
        accounts: Mapping[tuple[str, str], str],
        queue: NotificationQueue,
        limits: RateLimits,
        *,
        per_sender_hour: int,
        clock: Callable[[], datetime],
    ) -> None:
        self._secrets, self._accounts, self._queue, self._limits = secrets, accounts, queue, limits
        self._per_sender = RateLimit("whatsapp-sender", per_sender_hour, 3600)
        self._clock = clock

    # -- verification (nothing stored before it passes) ---------------------------------------------------

    def handshake(self, query: CloudHandshakeQuery) -> str:
        """Meta's subscription check: the challenge when the verify token is ours, else 403."""
        challenge = wa.handshake(query.mode, query.verify_token, query.challenge, self._secrets.cloud_verify_token)
        if challenge is None:
            raise Forbidden(_REFUSED, code="WEBHOOK_REFUSED")
        return challenge

    def verify_cloud(self, raw: bytes, signature: str | None) -> None:
        """The Cloud API's signature over the exact bytes: missing → 401, wrong → 403."""
        if not signature:
            raise Unauthorized(_REFUSED, code="WEBHOOK_UNSIGNED")
        if not wa.signature_valid(raw, signature, self._secrets.cloud_app_secret):
            raise Forbidden(_REFUSED, code="WEBHOOK_REFUSED")

    def verify_fonnte(self, token: str) -> None:
        if not wa.token_valid(token, self._secrets.fonnte_token):
            raise Forbidden(_REFUSED, code="WEBHOOK_REFUSED")

    # -- what was received ------------------------------------------------------------------------------

    def accept_cloud(self, body: CloudWebhook) -> dict[str, int]:
        """Queue each text of a citizen to a number we answer; status updates and unknown numbers are skipped."""
        found: list[wa.Inbound] = []
        for entry in body.entry:
            for change in entry.changes:
                value = change.value
                if value is None or value.metadata is None or not value.messages:
                    continue
                skpd_id = self._skpd("cloud", value.metadata.phone_number_id)
                for message in value.messages if skpd_id else []:
                    sender = wa.citizen_number(message.from_)
                    text = message.text.body if message.text else message.button.text if message.button else ""
                    if sender:
                        found.append(wa.Inbound("cloud", message.id, skpd_id, sender, wa.short_text(text)))
        return self._enqueue(found)

    def accept_fonnte(self, body: FonnteWebhook) -> dict[str, int]:
        """Queue a Fonnte message of a citizen (a group's or a non-number sender is skipped)."""
        skpd_id = self._skpd("fonnte", body.device)
        sender = wa.citizen_number(body.sender)
        if not skpd_id or not sender:
            return self._enqueue([])
        text = wa.short_text(body.message)
        return self._enqueue([wa.Inbound("fonnte", self._fonnte_id(body, sender, text), skpd_id, sender, text)])

    def _skpd(self, provider: str, account: str | None) -> str:
        skpd_id = self._accounts.get((provider, wa.account_of(account)), "")
        if not skpd_id:
            _log.warning("webhook for an account no SKPD answers", extra={"provider": provider})
        return skpd_id

    def _fonnte_id(self, body: FonnteWebhook, sender: str, text: str) -> str:
        """Fonnte's ``inboxid`` (or ``id``); without one, a digest of what identifies the message — with its
        timestamp, or else the minute it arrived (a retry comes within it; the same words later are new)."""
        given = body.inboxid if body.inboxid not in (None, "") else body.id
        if given not in (None, ""):
            return str(given)
        when = body.timestamp if body.timestamp not in (None, "") else int(self._clock().timestamp()) // 60
        parts = "\x1f".join((str(body.device), sender, str(when), text))
        return "h" + hashlib.sha256(parts.encode()).hexdigest()[:32]

    def _enqueue(self, found: list[wa.Inbound]) -> dict[str, int]:
        found = [inbound for inbound in found if self._within_sender_limit(inbound)]
        if found:
            self._queue.send_all([inbound.to_message() for inbound in found])
        return {"accepted": len(found)}

    def _within_sender_limit(self, inbound: wa.Inbound) -> bool:
        try:
            self._limits.check(self._per_sender, f"{inbound.skpd_id}:{inbound.sender}")
        except Throttled:
            _log.warning("a citizen over the hourly limit: not answered", extra={"skpd_id": inbound.skpd_id})
            return False
        return True
