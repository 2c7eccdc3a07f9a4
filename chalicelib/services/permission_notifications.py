"""Tells the employee the supervisor's decision on their permission (izin, issue 20) by WhatsApp: one message per
decision however often the stream delivers it (the key is the permission and its version)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..domain import messages
from ..domain.discipline import KIND_LABELS, Permission, PermissionKind, PermissionStatus
from ..integrations import idempotency
from ..integrations.whatsapp import WhatsAppSender
from ..store.protocols import EmployeeRepository

_DECIDED = (PermissionStatus.APPROVED, PermissionStatus.REJECTED)


class PermissionNotifications:
    def __init__(
        self, employees: EmployeeRepository, whatsapp: WhatsAppSender, *, once: idempotency.OnceFactory
    ) -> None:
        self._employees, self._whatsapp = employees, whatsapp
        self._notify_once = once(self._notify, key_prefix="permission-decision", key_path="key", argument="event")

    def register_context(self, context: Any) -> None:
        self._notify_once.register_context(context)

    def on_change(self, old: Permission | None, new: Permission | None) -> None:
        """A change from SUBMITTED to a decision tells the employee; anything else (a request, a withdrawal) not."""
        if old is None or new is None or old.status is not PermissionStatus.SUBMITTED or new.status not in _DECIDED:
            return
        fields = {
            "nip": new.nip,
            "kind": new.kind.value,
            "reference": new.reference,
            "day": new.day.isoformat(),
            "status": new.status.value,
            "by": new.decided_by,
            "note": new.note,
        }
        self._notify_once(event={"key": f"{new.permission_id}:{new.version}", "permission": fields})

    def _notify(self, event: dict[str, Any]) -> dict[str, str]:
        fields = event["permission"]
        employee = self._employees.get(fields["nip"])
        if employee is None:
            return {"status": "no-recipient"}
        decider = self._employees.get(fields["by"]) if fields["by"] else None
        text = messages.permission_decided(
            employee.name,
            KIND_LABELS[PermissionKind(fields["kind"])].lower(),
            fields["reference"],
            date.fromisoformat(fields["day"]),
            fields["status"] == PermissionStatus.APPROVED.value,
            decider.name if decider else "atasan Anda",
            fields["note"],
        )
        return {"status": "sent", "message_id": self._whatsapp.send(employee.whatsapp, text)}
