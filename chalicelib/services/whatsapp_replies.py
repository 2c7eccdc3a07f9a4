"""The WhatsApp auto-reply (issue 22, seed 003 §3): the notification worker answers each queued inbound message.

Once per message id (``<provider>:<id>``), however often the provider retried or the queue redelivered: the
whole answer runs once, and inside it each send (the citizen's reply, each officer's notice) is once per key of
its own, so a run that failed half-way and is retried never sends a part twice. The conversation is saved last,
so such a retry answers from the same state as the first try. The sends go the one public-service way
(`CitizenMessages.send`, its worker side: this already runs in the notification worker) and the officers are
`office_holders`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from ..domain.accounts import Role
from ..domain.ptsp import bot
from ..integrations import idempotency
from ..integrations.whatsapp_inbound import Inbound
from ..store.protocols import ChatStates, EmployeeRepository, OrgRepository, PtspCatalogue
from .citizen_messages import CitizenMessages
from .office_holders import office_holders

_log = logging.getLogger("kinerja.whatsapp")


class WhatsAppReplies:
    def __init__(
        self,
        catalogue: PtspCatalogue,
        chats: ChatStates,
        org: OrgRepository,
        employees: EmployeeRepository,
        messages: CitizenMessages,
        *,
        once: idempotency.OnceFactory,
        clock: Callable[[], datetime],
        digest: Callable[[str], str],
    ) -> None:
        self._catalogue, self._chats, self._org, self._employees = catalogue, chats, org, employees
        self._messages, self._clock, self._digest = messages, clock, digest
        self._answer_once = once(self._answer, key_prefix="whatsapp:inbound", key_path="key", argument="message")

    def register_context(self, context: Any) -> None:
        self._answer_once.register_context(context)
        self._messages.register_context(context)

    def chat_key(self, skpd_id: str, sender: str) -> str:
        """The conversation's key (a keyed digest of the number, `bot.chat_key`)."""
        return bot.chat_key(skpd_id, sender, self._digest)

    def handle(self, message: dict[str, Any]) -> None:
        """Answer one queued message (kind ``whatsapp-inbound``), once per message id."""
        inbound = Inbound.from_message(message)
        self._answer_once(message={**inbound.to_message(), "key": inbound.key})

    def _answer(self, message: dict[str, Any]) -> dict[str, Any]:
        inbound = Inbound.from_message(message)
        now = int(self._clock().timestamp())
        key = self.chat_key(inbound.skpd_id, inbound.sender)
        types = self._catalogue.types_of(inbound.skpd_id)
        skpd = self._org.get_skpd(inbound.skpd_id)
        office = skpd.name if skpd is not None else inbound.skpd_id
        reply = bot.answer(inbound.text, self._chats.get(key, now), types, office=office)
        officers = self._officers(inbound.skpd_id) if reply.call_officer else []
        if reply.call_officer and not officers:  # the citizen is told it could not be passed on, not that it was
            _log.warning(
                "a citizen asked for an officer; the SKPD has no LAYANAN officer", extra={"skpd_id": inbound.skpd_id}
            )
            reply = bot.no_officer(reply, office)
        self._messages.send(f"{inbound.key}:reply", whatsapp=inbound.sender, text=reply.text)
        told = 0
        if reply.call_officer:
            shown = next((t for t in types if t.type_id == reply.type_id), None)
            notice = bot.officer_notice(office, inbound.sender, shown)
            for officer in officers:
                self._messages.send(f"{inbound.key}:officer:{officer.nip}", whatsapp=officer.whatsapp, text=notice)
                told += 1
        self._chats.put(key, reply.state, now + bot.CHAT_TTL_SECONDS)
        return {"status": "answered", "officers": told}

    def _officers(self, skpd_id: str) -> list[Any]:
        """The SKPD's public-service officers (`Role.LAYANAN`) with a WhatsApp number."""
        return [e for e in office_holders(self._employees, skpd_id, Role.LAYANAN) if e.whatsapp]
