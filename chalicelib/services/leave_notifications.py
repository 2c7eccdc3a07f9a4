"""Leave notifications from the `leaves` stream, and the e-mailed consider/decide links.

Every step tells the next person (once per event, however often the stream delivers it):
- a new request (or one moved to a new supervisor): the supervisor, by WhatsApp and by e-mail with links to
  approve, refuse or defer;
- a request the supervisor approved: the granting official, the same way;
- an approved request: the SKPD's numbering officers (``PENOMORAN``), by WhatsApp and e-mail;
- a number given: the employee, who can now download the letter;
- a refusal or deferral, or the cancellation of an approved leave: the employee, with the reason.

Links are signed JWTs (purpose ``leave-action``) bound to the request, the person, the step and the action;
they expire, are single use (`used_links`), and a GET only shows a confirmation page.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from html import escape
from typing import Any

from ..domain import messages
from ..domain.accounts import Employee, Role
from ..domain.errors import DomainError
from ..domain.leave import TYPE_LABELS, VERDICT_LABELS, LeaveRequest, LeaveStatus, Verdict, parse_verdict
from ..integrations import idempotency
from ..integrations.email import EmailSender
from ..integrations.whatsapp import WhatsAppSender
from ..security import tokens
from ..security.keys import Keyring
from ..store.protocols import EmployeeRepository, UsedLinks

ACTIONS = {"approve": Verdict.APPROVED, "reject": Verdict.REJECTED, "defer": Verdict.DEFERRED}
STAGES = {"consideration": "CONSIDERATION", "decision": "DECISION"}
_STAGE_WORDS = {"consideration": "pertimbangan", "decision": "keputusan"}
_ACTION_WORDS = {"approve": "Setujui", "reject": "Tolak", "defer": "Tangguhkan"}


def _utc_now() -> datetime:
    return datetime.now(UTC)


class LeaveLinks:
    """Signed links: request (``lid``), person (``nip``), step (``stg``), action (``act``), link id (``jti``)."""

    def __init__(
        self, keys: Keyring | str, app_url: str, ttl_seconds: int, *, clock: Callable[[], datetime] = _utc_now
    ) -> None:
        self._keys, self._app_url, self._ttl, self._clock = keys, app_url.rstrip("/"), ttl_seconds, clock

    def link(self, leave_id: str, nip: str, stage: str, action: str) -> str:
        claims = {"lid": leave_id, "nip": nip, "stg": stage, "act": action, "jti": uuid.uuid4().hex}
        token = tokens.sign_claims(self._keys, tokens.LEAVE_ACTION, claims, self._ttl, self._clock())
        return f"{self._app_url}/leave-actions/{token}"

    def read(self, token: str) -> dict[str, Any] | None:
        claims = tokens.read_claims(self._keys, tokens.LEAVE_ACTION, token, self._clock())
        if claims is None or claims.get("act") not in ACTIONS or claims.get("stg") not in STAGES:
            return None
        if not all(isinstance(claims.get(k), str) for k in ("lid", "nip", "jti")):
            return None
        return claims


@dataclass(frozen=True)
class LeaveLinkOutcome:
    """What a link page shows: ``form`` (GET of a valid link), ``done``, or a refusal."""

    state: str  # form | done | invalid | used | decided | refused
    action: str = ""
    stage: str = ""
    leave: LeaveRequest | None = None
    employee: Employee | None = None
    message: str = ""
    status: int = 200


class LeaveEmailActions:
    def __init__(
        self,
        links: LeaveLinks,
        load: Callable[[str], LeaveRequest | None],
        load_employee: Callable[[str], Employee | None],
        act: Callable[[str, str, str, Verdict, str | None], LeaveRequest],
        used: UsedLinks,
        clock: Callable[[], datetime],
    ) -> None:
        self._links, self._load, self._load_employee = links, load, load_employee
        self._act, self._used, self._clock = act, used, clock

    def open(self, token: str) -> LeaveLinkOutcome:
        """The confirmation page; a GET never changes anything."""
        checked = self._check(token)
        if isinstance(checked, LeaveLinkOutcome):
            return checked
        claims, leave = checked
        return LeaveLinkOutcome("form", claims["act"], claims["stg"], leave, self._load_employee(leave.nip))

    def submit(self, token: str, form: dict[str, str]) -> LeaveLinkOutcome:
        """Carry out the link's step once, with the note from the form."""
        checked = self._check(token)
        if isinstance(checked, LeaveLinkOutcome):
            return checked
        claims, leave = checked
        employee = self._load_employee(leave.nip)
        try:
            verdict, note = parse_verdict(ACTIONS[claims["act"]].value, form.get("note"))
            done = self._act(claims["nip"], leave.leave_id, STAGES[claims["stg"]], verdict, note)
        except DomainError as exc:
            if exc.code in ("LEAVE_NOT_PENDING", "CONFLICT"):
                current = self._load(leave.leave_id)
                message = "Permohonan cuti ini sudah diputuskan sebelumnya."
                return LeaveLinkOutcome("decided", claims["act"], claims["stg"], current, employee, message, 409)
            if exc.status == 403:
                return LeaveLinkOutcome("refused", message=exc.message, status=403)
            return LeaveLinkOutcome("form", claims["act"], claims["stg"], leave, employee, exc.message, 400)
        self._used.mark(claims["jti"], self._clock(), claims["exp"])
        return LeaveLinkOutcome("done", claims["act"], claims["stg"], done, employee)

    def _check(self, token: str) -> LeaveLinkOutcome | tuple[dict[str, Any], LeaveRequest]:
        claims = self._links.read(token)
        if claims is None:
            return LeaveLinkOutcome("invalid", message="Tautan tidak sah atau sudah kedaluwarsa.", status=400)
        if self._used.was_used(claims["jti"]):
            return LeaveLinkOutcome("used", message="Tautan ini sudah pernah digunakan.", status=409)
        leave = self._load(claims["lid"])
        if leave is None:
            return LeaveLinkOutcome("invalid", message="Permohonan cuti tidak ditemukan.", status=404)
        stage = STAGES[claims["stg"]]
        owner = leave.supervisor_nip if stage == "CONSIDERATION" else leave.official_nip
        if owner != claims["nip"]:
            return LeaveLinkOutcome("refused", message="Tautan ini bukan untuk Anda.", status=403)
        waiting = LeaveStatus.PENDING_CONSIDERATION if stage == "CONSIDERATION" else LeaveStatus.PENDING_DECISION
        if leave.status is not waiting:
            message = "Permohonan cuti ini sudah diputuskan."
            employee = self._load_employee(leave.nip)
            return LeaveLinkOutcome("decided", claims["act"], claims["stg"], leave, employee, message, 409)
        return claims, leave


def waiting_email(
    to: Employee, leave: _Event, employee: Employee | None, stage: str, links: LeaveLinks
) -> tuple[str, str, str]:
    """Subject, text and HTML of the e-mail asking for a consideration or a decision, with one link per action."""
    kind, who = leave.label, employee.name if employee else leave.nip
    span = messages.leave_span(leave.start, leave.end)
    subject = f"Permohonan {kind} {who} menunggu {_STAGE_WORDS[stage]} Anda"
    urls = {action: links.link(leave.leave_id, to.nip, stage, action) for action in ACTIONS}
    lines = [
        f"Yth. {to.name},",
        "",
        f"{subject}.",
        f"Pegawai: {who} (NIP {leave.nip})" + (f", {employee.jabatan}" if employee else ""),
        f"Jenis cuti: {kind}",
        f"Tanggal: {span} ({leave.working_days} hari kerja)",
        f"Alasan: {leave.reason}",
        "",
        *(f"{_ACTION_WORDS[action]}: {url}" for action, url in urls.items()),
        "",
        "Tautan berlaku satu kali dan akan kedaluwarsa.",
    ]
    html = (
        f"<p>Yth. {escape(to.name)},</p><p>{escape(subject)}.</p>"
        '<table border="1" cellpadding="6" cellspacing="0">'
        f"<tr><th>Pegawai</th><td>{escape(who)} (NIP {escape(leave.nip)})</td></tr>"
        f"<tr><th>Jenis cuti</th><td>{escape(kind)}</td></tr>"
        f"<tr><th>Tanggal</th><td>{escape(span)} ({leave.working_days} hari kerja)</td></tr>"
        f"<tr><th>Alasan</th><td>{escape(leave.reason)}</td></tr></table><p>"
        + " · ".join(f'<a href="{escape(url)}">{_ACTION_WORDS[action]}</a>' for action, url in urls.items())
        + "</p><p>Tautan berlaku satu kali dan akan kedaluwarsa.</p>"
    )
    return subject, "\n".join(lines), html


class LeaveNotifications:
    """Reacts to one leave change (a stream record); every message goes out once per event."""

    def __init__(
        self,
        employees: EmployeeRepository,
        whatsapp: WhatsAppSender,
        email: EmailSender,
        links: LeaveLinks,
        *,
        app_url: str,
        once: idempotency.OnceFactory = idempotency.once,
    ) -> None:
        self._employees, self._whatsapp, self._email, self._links = employees, whatsapp, email, links
        self._app_url = app_url
        self._notify_once = once(self._notify, key_prefix="leave", key_path="key", argument="event")
        self._load: Callable[[str], LeaveRequest | None] | None = None

    def register_context(self, context: Any) -> None:
        self._notify_once.register_context(context)

    def on_change(self, old: LeaveRequest | None, new: LeaveRequest | None) -> list[str]:
        """The events this change makes (each notified once), by kind."""
        if new is None:
            return []
        kinds = events(old, new)
        for kind in kinds:
            key = f"{new.leave_id}:{new.version}:{kind}"
            self._notify_once(event={"key": key, "kind": kind, "leave": _Event.of(new).as_dict()})
        return kinds

    def _notify(self, event: dict[str, Any]) -> dict[str, Any]:
        leave = _Event.from_dict(event["leave"])
        kind = event["kind"]
        employee = self._employees.get(leave.nip)
        label = leave.label
        sent = 0
        if kind in ("consideration", "decision"):
            to = self._employees.get(leave.supervisor_nip if kind == "consideration" else leave.official_nip)
            if to is None:
                return {"status": "no-recipient"}
            who = employee.name if employee else leave.nip
            text = messages.leave_waiting(
                to.name, who, label, leave.start, leave.end, leave.working_days, _STAGE_WORDS[kind], self._app_url
            )
            self._whatsapp.send(to.whatsapp, text)
            sent += 1
            if to.email:
                self._email.send(to.email, *waiting_email(to, leave, employee, kind, self._links))
                sent += 1
        elif kind == "number":
            who = employee.name if employee else leave.nip
            for officer in self._numbering_officers(leave.skpd_id, leave.nip):
                text = messages.leave_to_number(officer.name, who, label, leave.start, leave.end, self._app_url)
                self._whatsapp.send(officer.whatsapp, text)
                if officer.email:
                    self._email.send(
                        officer.email, f"Surat {label} {who} menunggu nomor", text, f"<p>{escape(text)}</p>"
                    )
                sent += 1
        elif employee is not None:
            text = self._employee_text(kind, leave, employee, label)
            self._whatsapp.send(employee.whatsapp, text)
            if employee.email and kind == "numbered":
                self._email.send(employee.email, f"{label} Anda telah disetujui", text, f"<p>{escape(text)}</p>")
            sent += 1
        return {"status": "sent" if sent else "no-recipient", "messages": sent}

    def _employee_text(self, kind: str, leave: _Event, employee: Employee, label: str) -> str:
        if kind == "numbered":
            return messages.leave_numbered(
                employee.name, label, leave.start, leave.end, leave.letter_number or "", self._app_url
            )
        if kind == "refused":
            verdict = VERDICT_LABELS[Verdict(leave.verdict)] if leave.verdict else "Tidak disetujui"
            by = self._name(leave.decided_by) if leave.decided_by else "atasan"
            return messages.leave_refused(employee.name, label, leave.start, leave.end, verdict, by, leave.note or "")
        return messages.leave_cancelled(
            employee.name,
            label,
            leave.start,
            leave.end,
            self._name(leave.cancelled_by or ""),
            leave.cancel_reason or "",
            leave.letter_number,
        )

    def _name(self, nip: str) -> str:
        person = self._employees.get(nip)
        return person.name if person else nip

    def _numbering_officers(self, skpd_id: str, except_nip: str) -> list[Employee]:
        """The SKPD's ``PENOMORAN`` holders (its staff read page by page: an approval is rare enough)."""
        found, cursor = [], None
        while True:
            page, cursor = self._employees.in_skpd(skpd_id, None, cursor, 100)
            found += [e for e in page if Role.PENOMORAN in e.granted_roles and e.nip != except_nip]
            if not cursor:
                return found


@dataclass(frozen=True)
class _Event:
    """What a notification needs of a request, as plain values (the idempotency record keeps it as JSON)."""

    leave_id: str
    nip: str
    skpd_id: str
    label: str
    reason: str
    start: date
    end: date
    working_days: int
    supervisor_nip: str
    official_nip: str
    letter_number: str | None
    verdict: str | None  # of the last step
    decided_by: str | None
    note: str | None
    cancelled_by: str | None
    cancel_reason: str | None

    @classmethod
    def of(cls, leave: LeaveRequest) -> _Event:
        step = leave.decision or leave.consideration
        return cls(
            leave.leave_id,
            leave.nip,
            leave.skpd_id,
            TYPE_LABELS[leave.leave_type],
            leave.reason,
            leave.start,
            leave.end,
            leave.working_days,
            leave.supervisor_nip,
            leave.official_nip,
            leave.letter_number,
            step.verdict.value if step else None,
            step.by if step else None,
            step.note if step else None,
            leave.cancelled_by,
            leave.cancel_reason,
        )

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "start": self.start.isoformat(), "end": self.end.isoformat()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> _Event:
        return cls(**{**data, "start": date.fromisoformat(data["start"]), "end": date.fromisoformat(data["end"])})


def events(old: LeaveRequest | None, new: LeaveRequest) -> list[str]:
    """What a change means for whom: ``consideration``/``decision`` (someone must act), ``number`` (numbering
    officers), ``numbered``/``refused``/``cancelled`` (the employee)."""
    was = old.status if old else None
    found = []
    if new.status is LeaveStatus.PENDING_CONSIDERATION and (
        was is not LeaveStatus.PENDING_CONSIDERATION or (old is not None and old.supervisor_nip != new.supervisor_nip)
    ):
        found.append("consideration")
    if new.status is LeaveStatus.PENDING_DECISION and was is not LeaveStatus.PENDING_DECISION:
        found.append("decision")
    if new.status is LeaveStatus.APPROVED and not new.letter_number and was is not LeaveStatus.APPROVED:
        found.append("number")
    if new.status is LeaveStatus.APPROVED and new.letter_number and not (old and old.letter_number):
        found.append("numbered")
    if new.status in (LeaveStatus.REJECTED, LeaveStatus.DEFERRED) and was is not new.status:
        found.append("refused")
    if new.status is LeaveStatus.CANCELLED and was is LeaveStatus.APPROVED and new.cancelled_by != new.nip:
        found.append("cancelled")
    return found
