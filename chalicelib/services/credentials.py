"""Delivery of temporary passwords, driven by the employees table's stream (once per notice)."""

from __future__ import annotations

from typing import Any

from ..domain import messages
from ..integrations.email import EmailSender
from ..integrations.idempotency import once
from ..integrations.whatsapp import WhatsAppSender
from ..security import sealing
from ..store.employees import EmployeeRepository
from ..store.models import EmployeeItem
from .accounts import NOTICE_MAX_AGE_SECONDS


class CredentialDelivery:
    def __init__(
        self,
        employees: EmployeeRepository,
        whatsapp: WhatsAppSender,
        email: EmailSender,
        *,
        secret: str,
        app_url: str,
    ) -> None:
        self._employees, self._whatsapp, self._email = employees, whatsapp, email
        self._secret, self._app_url = secret, app_url
        self._deliver_once = once(
            self._deliver, key_prefix="credential-notice", key_path="notice_id", argument="notice"
        )

    def register_context(self, context: Any) -> None:
        self._deliver_once.register_context(context)

    def on_change(self, old: EmployeeItem | None, new: EmployeeItem | None) -> None:
        """React to one stream record: a notice that this change introduced is delivered."""
        if new is None or not new.credential_notice_id:
            return
        if old is not None and old.credential_notice_id == new.credential_notice_id:
            return
        self._deliver_once(
            notice={
                "notice_id": new.credential_notice_id,
                "sealed": new.credential_notice,
                "nip": new.nip,
                "name": new.name,
                "whatsapp": new.whatsapp,
                "email": new.email,
                "version": int(new.version),
            }
        )

    def _deliver(self, notice: dict[str, Any]) -> dict[str, str]:
        payload = sealing.unseal(self._secret, notice["sealed"], NOTICE_MAX_AGE_SECONDS)
        if payload is None:  # forged, or too old to be worth sending
            return {"status": "expired"}
        compose = (
            messages.account_created_whatsapp if payload["kind"] == "CREATED" else messages.password_reset_whatsapp
        )
        text = compose(notice["name"], notice["nip"], payload["password"], self._app_url)
        message_id = self._whatsapp.send(notice["whatsapp"], text)
        if payload["kind"] == "CREATED" and notice["email"]:
            subject, body = messages.account_created_email(notice["name"], notice["nip"], self._app_url)
            self._email.send(notice["email"], subject, body)
        self._employees.clear_notice(notice["nip"], notice["notice_id"], notice["version"])
        return {"status": "sent", "message_id": message_id}
