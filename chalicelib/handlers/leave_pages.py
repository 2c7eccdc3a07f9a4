"""Small HTML pages behind the e-mailed leave links (Bahasa Indonesia), like those of the report links."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from chalice import Response

from ..domain import messages
from ..domain.leave import STATUS_LABELS, TYPE_LABELS
from .pages import page

if TYPE_CHECKING:
    from ..services.leave_notifications import LeaveLinkOutcome

_TITLES = {
    "done": "Tersimpan",
    "invalid": "Tautan tidak dapat digunakan",
    "used": "Tautan sudah digunakan",
    "decided": "Permohonan sudah diputuskan",
    "refused": "Tidak diizinkan",
}
_FORM_TITLES = {"approve": "Setujui permohonan cuti", "reject": "Tolak permohonan cuti", "defer": "Tangguhkan cuti"}
_BUTTONS = {"approve": "Setujui", "reject": "Tolak", "defer": "Tangguhkan"}


def render(outcome: LeaveLinkOutcome) -> Response:
    """The page for a link outcome, with the matching HTTP status."""
    if outcome.state == "form":
        title, body = _FORM_TITLES[outcome.action], _form(outcome)
    else:
        title = _TITLES[outcome.state]
        body = f"<p>{escape(outcome.message)}</p>" if outcome.message else ""
        if outcome.state == "done" and outcome.leave:
            status = STATUS_LABELS[outcome.leave.status].lower()
            body = f"<p>Permohonan cuti berikut kini <b>{escape(status)}</b>. Pegawai akan diberi tahu.</p>"
            body += _leave(outcome)
        elif outcome.state == "decided" and outcome.leave:
            body += _leave(outcome)
    return page(title, body, outcome.status)


def _leave(outcome: LeaveLinkOutcome) -> str:
    leave, person = outcome.leave, outcome.employee
    assert leave is not None
    who = f"NIP {escape(leave.nip)}"
    if person:
        who = f"{escape(person.name)} — {who}<br>{escape(person.jabatan)}"
    span = messages.leave_span(leave.start, leave.end)
    return (
        f'<div class="box"><p>{who}</p><p><b>{escape(TYPE_LABELS[leave.leave_type])}</b>: {escape(span)} '
        f"({leave.working_days} hari kerja)</p><p>Alasan: {escape(leave.reason)}</p>"
        f"<p>Alamat selama cuti: {escape(leave.address)}, telepon {escape(leave.phone)}</p></div>"
    )


def _form(outcome: LeaveLinkOutcome) -> str:
    error = f'<p class="err">{escape(outcome.message)}</p>' if outcome.message else ""
    label = "Alasan (wajib)" if outcome.action in ("reject", "defer") else "Catatan (opsional)"
    return (
        f'{error}{_leave(outcome)}<form method="post">'
        f'<label>{label}<textarea name="note" rows="3" maxlength="500"></textarea></label>'
        f'<button type="submit">{_BUTTONS[outcome.action]}</button></form>'
    )
