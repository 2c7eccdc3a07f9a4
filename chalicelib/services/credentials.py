"""Delivery of temporary passwords and one-time codes, driven by the employees table's stream (once per notice and
channel)."""

from __future__ import annotations

from typing import Any

from ..domain import messages
from ..domain.one_time_codes import CODE_TTL
from ..integrations import idempotency
from ..integrations.email import EmailSender
from ..integrations.whatsapp import WhatsAppSender
from ..security import sealing
from ..security.keys import Keyring
from ..store.protocols import EmployeeImage, EmployeeRepository
from .accounts import NOTICE_MAX_AGE_SECONDS


class CredentialDelivery:
    """Sends a notice's WhatsApp message (with the password) and e-mail (without), each at most once.

    A retry after one channel failed sends only what did not go out: the channels are idempotent
    steps of their own inside the delivery, which is itself idempotent on the notice id.
    """

    def __init__(
        self,
        employees: EmployeeRepository,
        whatsapp: WhatsAppSender,
        email: EmailSender,
        *,
        keys: Keyring | str,
        app_url: str,
        once: idempotency.OnceFactory,
    ) -> None:
        self._employees, self._whatsapp, self._email = employees, whatsapp, email
        self._keys, self._app_url = keys, app_url
        self._deliver_once = once(
            self._deliver, key_prefix="credential-notice", key_path="notice_id", argument="notice"
        )
        self._whatsapp_once = once(
            self._send_whatsapp, key_prefix="credential-notice:whatsapp", key_path="notice_id", argument="notice"
        )
        self._email_once = once(
            self._send_email, key_prefix="credential-notice:email", key_path="notice_id", argument="notice"
        )

    def register_context(self, context: Any) -> None:
        for step in (self._deliver_once, self._whatsapp_once, self._email_once):
            step.register_context(context)

    def on_change(self, old: EmployeeImage | None, new: EmployeeImage | None) -> None:
        """React to one stream record: a notice that this change introduced is delivered."""
        if new is None or new.notice is None:
            return
        if old is not None and old.notice is not None and old.notice.notice_id == new.notice.notice_id:
            return
        employee = new.employee
        self._deliver_once(
            notice={
                "notice_id": new.notice.notice_id,
                "sealed": new.notice.sealed,
                "nip": employee.nip,
                "name": employee.name,
                "whatsapp": employee.whatsapp,
                "email": employee.email,
                "version": employee.version,
            }
        )

    def _deliver(self, notice: dict[str, Any]) -> dict[str, str]:
        payload = sealing.unseal(self._keys, notice["sealed"], NOTICE_MAX_AGE_SECONDS)
        if payload is None:  # forged, or too old to be worth sending
            return {"status": "expired"}
        if payload["kind"] == "CODE":
            return self._deliver_code(notice, payload)
        sent = self._whatsapp_once(notice=notice, kind=payload["kind"], password=payload["password"])
        if payload["kind"] == "CREATED" and notice["email"]:
            self._email_once(notice=notice)
        self._employees.clear_notice(notice["nip"], notice["notice_id"], notice["version"])
        return {"status": "sent", "message_id": sent["message_id"]}

    def _deliver_code(self, notice: dict[str, Any], payload: dict[str, Any]) -> dict[str, str]:
        """A one-time code goes by WhatsApp, or by e-mail to an account without a number; one that has
        outlived its five minutes (a stream retried for long) is not sent at all."""
        if sealing.unseal(self._keys, notice["sealed"], int(CODE_TTL.total_seconds())) is None:
            self._employees.clear_notice(notice["nip"], notice["notice_id"], notice["version"])
            return {"status": "expired"}
        text = messages.one_time_code_text(notice["name"], payload["purpose"], payload["code"])
        if notice["whatsapp"]:
            sent = self._whatsapp_once(notice=notice, kind="CODE", password=payload["code"], text=text)
        elif notice["email"]:
            subject = messages.one_time_code_subject(payload["purpose"])
            sent = self._email_once(notice=notice, subject=subject, body=text)
        else:
            sent = {"message_id": ""}
        self._employees.clear_notice(notice["nip"], notice["notice_id"], notice["version"])
        return {"status": "sent", "message_id": sent["message_id"]}

    def _send_whatsapp(
        self, notice: dict[str, Any], kind: str, password: str, text: str | None = None
    ) -> dict[str, str]:
        if text is None:
            compose = messages.account_created_whatsapp if kind == "CREATED" else messages.password_reset_whatsapp
            text = compose(notice["name"], notice["nip"], password, self._app_url)
        return {"message_id": self._whatsapp.send(notice["whatsapp"], text, secrets=(password,))}

    def _send_email(
        self, notice: dict[str, Any], subject: str | None = None, body: str | None = None
    ) -> dict[str, str]:
        if subject is None or body is None:
            subject, body = messages.account_created_email(notice["name"], notice["nip"], self._app_url)
        return {"message_id": self._email.send(notice["email"], subject, body)}
