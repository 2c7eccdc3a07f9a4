"""Who Kritis (issue 22) tells, at each step, once per event however often it is asked (idempotency by key):

- a new item: the SKPD's public-service officers (LAYANAN), by WhatsApp;
- forwarded with a summary: the SKPD's leadership (PIMPINAN), by WhatsApp;
- leadership decided the action: the officers again, to record the follow-up;
- followed up: the citizen, on each contact they left (`CitizenMessages`), with the published follow-up;
- still undecided after the configured days: leadership, once a day (`KritisService.remind_overdue`).

Every message goes the one public-service way (`CitizenMessages`): each step only queues its finished messages
(one per recipient, with its key) and the notification worker — which alone holds the WhatsApp token — sends
each once per key however often the queue delivers it. A queue that cannot be reached leaves the step standing
(the officers' inbox shows the item anyway). The SKPD's officers are `office_holders`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..domain import kritis_messages as texts
from ..domain.accounts import Employee, Role
from ..domain.kritis import Kritis, KritisState
from ..store.protocols import EmployeeRepository, OrgRepository
from .citizen_messages import CitizenMessages
from .office_holders import office_holders


class KritisNotifications:
    def __init__(
        self,
        employees: EmployeeRepository,
        org: OrgRepository,
        messages: CitizenMessages,
        *,
        app_url: str,
    ) -> None:
        self._employees, self._org, self._messages, self._app_url = employees, org, messages, app_url

    def filed(self, item: Kritis) -> None:
        skpd = self._org.get_skpd(item.skpd_id)
        name = skpd.name if skpd else item.skpd_id
        self._queue_all(
            [
                _notice(o, f"{item.tracking}:filed", texts.filed_for_officer(o.name, item, name, self._app_url))
                for o in self._holders(item.skpd_id, Role.LAYANAN)
            ]
        )

    def stepped(self, before: Kritis, after: Kritis) -> None:
        """Whom a step concerns: leadership (forwarded), the officers (decided), the citizen (followed up)."""
        if before.state is after.state:
            return
        key, url = f"{after.tracking}:{after.state.value}", self._app_url
        if after.state is KritisState.DITERUSKAN:
            summary = after.summary or ""
            notices = [
                _notice(p, key, texts.forwarded_for_leader(p.name, after, summary, url))
                for p in self._holders(after.skpd_id, Role.PIMPINAN)
            ]
        elif after.state is KritisState.DIPUTUSKAN:
            action = after.action or ""
            notices = [
                _notice(p, key, texts.decided_for_officer(p.name, after, action, url))
                for p in self._holders(after.skpd_id, Role.LAYANAN)
            ]
        elif after.state is KritisState.DITINDAKLANJUTI and after.has_contact:
            text = texts.followed_up_for_citizen(after, url)
            contact = {"whatsapp": after.whatsapp, "email": after.email}
            notices = [{"key": f"kritis:{key}", **contact, "subject": texts.CITIZEN_SUBJECT, "text": text}]
        else:
            notices = []
        self._queue_all(notices)

    def remind(self, item: Kritis, day: date, days: int) -> None:
        since = (item.forwarded_at or item.filed_at).date()
        key = f"{item.tracking}:reminder:{day.isoformat()}"
        url, unforwarded = self._app_url, item.state is KritisState.BARU  # never forwarded: leadership is told too
        self._queue_all(
            [
                _notice(
                    p,
                    key,
                    texts.unforwarded_for_leader(p.name, item, days, url)
                    if unforwarded
                    else texts.reminder_for_leader(p.name, item.tracking, since, days, url),
                )
                for p in self._holders(item.skpd_id, Role.PIMPINAN)
            ]
        )

    def _queue_all(self, notices: list[dict[str, Any]]) -> None:
        """Each notice queued on its own (a queue that cannot be reached is logged there; the step stands)."""
        for n in notices:
            self._messages.queue(
                n["key"], whatsapp=n.get("whatsapp"), email=n.get("email"), subject=n.get("subject", ""), text=n["text"]
            )

    def _holders(self, skpd_id: str, role: Role) -> list[Employee]:
        return office_holders(self._employees, skpd_id, role)


def _notice(to: Employee, key: str, text: str) -> dict[str, Any]:
    """One officer's notice (their WhatsApp, a key of its own)."""
    return {"key": f"{key}:{to.nip}", "whatsapp": to.whatsapp, "text": text}
