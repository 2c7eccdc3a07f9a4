"""E-mailed action links: signed, single-use, expiring, bound to one report and one supervisor."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from typing import TYPE_CHECKING, Any

from ..domain import messages
from ..domain.accounts import Employee
from ..domain.errors import DomainError
from ..domain.reports import Report, ReportStatus, parse_decision
from ..security import tokens
from ..security.keys import Keyring

if TYPE_CHECKING:
    from ..store.protocols import UsedLinks

PURPOSE = tokens.EMAIL_ACTION
ACTIONS = {"approve": ReportStatus.APPROVED, "reject": ReportStatus.REJECTED}


def _utc_now() -> datetime:
    return datetime.now(UTC)


class ActionLinks:
    """Links are JWTs of the ``email-action`` purpose: report (``rid``), supervisor (``nip``), action (``act``) and
    a link id (``jti``, recorded when used)."""

    def __init__(
        self, keys: Keyring | str, app_url: str, ttl_seconds: int, *, clock: Callable[[], datetime] = _utc_now
    ) -> None:
        self._keys, self._app_url, self._ttl, self._clock = keys, app_url.rstrip("/"), ttl_seconds, clock

    def link(self, report_id: str, supervisor_nip: str, action: str) -> str:
        claims = {"rid": report_id, "nip": supervisor_nip, "act": action, "jti": uuid.uuid4().hex}
        token = tokens.sign_claims(self._keys, PURPOSE, claims, self._ttl, self._clock())
        return f"{self._app_url}/email-actions/{token}"

    def read(self, token: str) -> dict[str, Any] | None:
        claims = tokens.read_claims(self._keys, PURPOSE, token, self._clock())
        if claims is None or claims.get("act") not in ACTIONS or not isinstance(claims.get("jti"), str):
            return None
        if not isinstance(claims.get("rid"), str) or not isinstance(claims.get("nip"), str):
            return None
        return claims


@dataclass(frozen=True)
class LinkOutcome:
    """What a link page shows: ``form`` (GET of a valid link), ``done``, or a refusal."""

    state: str  # form | done | invalid | used | decided | refused
    action: str = ""
    report: Report | None = None
    employee: Employee | None = None
    message: str = ""
    status: int = 200


class EmailActionService:
    def __init__(
        self,
        links: ActionLinks,
        load_report: Callable[[str], Report],
        load_employee: Callable[[str], Employee | None],
        decide: Callable[[str, str, ReportStatus, int | None, str | None], Report],
        used: UsedLinks,
        clock: Callable[[], datetime],
    ) -> None:
        self._links, self._load_report, self._load_employee = links, load_report, load_employee
        self._decide, self._used, self._clock = decide, used, clock

    def open(self, token: str) -> LinkOutcome:
        """The confirmation page of a link; a GET never changes anything."""
        checked = self._check(token)
        if isinstance(checked, LinkOutcome):
            return checked
        payload, report = checked
        return LinkOutcome("form", payload["act"], report, self._load_employee(report.nip))

    def submit(self, token: str, form: dict[str, str]) -> LinkOutcome:
        """Carry out the link's decision once, with the rating and note from the form."""
        checked = self._check(token)
        if isinstance(checked, LinkOutcome):
            return checked
        payload, report = checked
        rating_text = (form.get("rating") or "").strip()
        try:
            rating = int(rating_text) if rating_text else None
            status, rating, note = parse_decision(ACTIONS[payload["act"]].value, rating, form.get("note"))
            decided = self._decide(payload["nip"], report.report_id, status, rating, note)
        except ValueError:
            return LinkOutcome("form", payload["act"], report, self._load_employee(report.nip), "Nilai harus 1-5.", 400)
        except DomainError as exc:
            if exc.code in ("REPORT_LOCKED", "CONFLICT"):
                return LinkOutcome(
                    "decided",
                    payload["act"],
                    self._load_report(report.report_id),
                    status=409,
                    message="Laporan ini sudah diverifikasi sebelumnya.",
                )
            if exc.status == 403:
                return LinkOutcome("refused", message=exc.message, status=403)
            return LinkOutcome("form", payload["act"], report, self._load_employee(report.nip), exc.message, 400)
        self._used.mark(payload["jti"], self._clock(), payload["exp"])
        return LinkOutcome("done", payload["act"], decided, self._load_employee(decided.nip))

    def _check(self, token: str) -> LinkOutcome | tuple[dict[str, Any], Report]:
        payload = self._links.read(token)
        if payload is None:
            return LinkOutcome("invalid", message="Tautan tidak sah atau sudah kedaluwarsa.", status=400)
        if self._used.was_used(payload["jti"]):
            return LinkOutcome("used", message="Tautan ini sudah pernah digunakan.", status=409)
        try:
            report = self._load_report(payload["rid"])
        except DomainError:
            return LinkOutcome("invalid", message="Laporan tidak ditemukan.", status=404)
        if report.supervisor_nip != payload["nip"]:
            return LinkOutcome("refused", message="Tautan ini bukan untuk atasan laporan ini.", status=403)
        if report.status is not ReportStatus.SUBMITTED:
            return LinkOutcome("decided", payload["act"], report, message="Laporan ini sudah diverifikasi.", status=409)
        return payload, report


def digest_email(
    supervisor: Employee, count: int, pending: list[Report], people: dict[str, Employee], links: ActionLinks
) -> tuple[str, str, str]:
    """Subject, text and HTML of the supervisor's digest e-mail, with approve/reject links per report."""
    subject = f"{count} laporan kegiatan menunggu verifikasi Anda"
    text_lines, rows = [], []
    for report in pending:
        person = people.get(report.nip)
        who = f"{person.name} ({report.nip})" if person else report.nip
        when = f"{messages.indonesian_date(report.content.day)} {report.content.start:%H:%M}-{report.content.end:%H:%M}"
        approve = links.link(report.report_id, supervisor.nip, "approve")
        reject = links.link(report.report_id, supervisor.nip, "reject")
        text_lines.append(f"- {who}, {when}: {report.content.title}\n  Setujui: {approve}\n  Tolak: {reject}")
        rows.append(
            f"<tr><td>{escape(who)}</td><td>{escape(when)}</td><td><b>{escape(report.content.title)}</b><br>"
            f"{escape(report.content.description)}<br><i>Hasil: {escape(report.content.output)}</i></td>"
            f'<td><a href="{escape(approve)}">Setujui</a> · <a href="{escape(reject)}">Tolak</a></td></tr>'
        )
    more = count - len(pending)
    tail = f"\nDan {more} laporan lainnya di aplikasi." if more > 0 else ""
    text = f"Yth. {supervisor.name},\n\n{subject}:\n\n" + "\n".join(text_lines) + tail
    html = (
        f"<p>Yth. {escape(supervisor.name)},</p><p>{escape(subject)}:</p>"
        '<table border="1" cellpadding="6" cellspacing="0"><tr><th>Pegawai</th><th>Waktu</th><th>Kegiatan</th>'
        f"<th>Tindakan</th></tr>{''.join(rows)}</table>"
        + (f"<p>Dan {more} laporan lainnya di aplikasi.</p>" if more > 0 else "")
        + "<p>Tautan berlaku satu kali dan akan kedaluwarsa.</p>"
    )
    return subject, text, html
