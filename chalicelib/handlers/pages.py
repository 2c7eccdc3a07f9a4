"""Small HTML pages for the e-mailed action links (Bahasa Indonesia)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from chalice import Response

from ..domain import messages

if TYPE_CHECKING:
    from ..services.email_actions import LinkOutcome

_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#222}"
    "h1{font-size:1.3rem}.box{border:1px solid #ccc;border-radius:8px;padding:1rem;margin:1rem 0}"
    "label{display:block;margin-top:.8rem}textarea,select{width:100%;padding:.4rem}"
    "button{margin-top:1rem;padding:.6rem 1.2rem;font-size:1rem}.err{color:#b00020}"
)
_TITLES = {
    "done": "Verifikasi tersimpan",
    "invalid": "Tautan tidak dapat digunakan",
    "used": "Tautan sudah digunakan",
    "decided": "Laporan sudah diverifikasi",
    "refused": "Tidak diizinkan",
}


def render(outcome: LinkOutcome) -> Response:
    """The page for a link outcome, with the matching HTTP status."""
    if outcome.state == "form":
        body = _form(outcome)
        title = "Setujui laporan" if outcome.action == "approve" else "Tolak laporan"
    else:
        title = _TITLES[outcome.state]
        body = f"<p>{escape(outcome.message)}</p>" if outcome.message else ""
        if outcome.state == "done" and outcome.report:
            verdict = "disetujui" if outcome.report.status.value == "APPROVED" else "ditolak"
            body = f"<p>Laporan berikut telah <b>{verdict}</b>. Pegawai akan diberi tahu.</p>{_report(outcome)}"
        elif outcome.state == "decided" and outcome.report:
            body += _report(outcome)
    return page(title, body, outcome.status)


def page(title: str, body: str, status: int) -> Response:
    """A small, uncached HTML page (the pages behind e-mailed links; ``body`` is already escaped HTML)."""
    html = (
        '<!doctype html><html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)} · Kinerja</title><style>{_STYLE}</style></head>"
        f"<body><h1>{escape(title)}</h1>{body}</body></html>"
    )
    return Response(
        body=html,
        status_code=status,
        headers={
            "Content-Type": "text/html; charset=utf-8",
            "Cache-Control": "no-store",
            "Referrer-Policy": "no-referrer",
        },
    )


def _report(outcome: LinkOutcome) -> str:
    report, person = outcome.report, outcome.employee
    assert report is not None
    who = f"NIP {escape(report.nip)}"
    if person:
        who = f"{escape(person.name)} — {who}<br>{escape(person.jabatan)}"
    c = report.content
    return (
        f'<div class="box"><p>{who}</p>'
        f"<p>{escape(messages.indonesian_date(c.day))}, {c.start:%H:%M}-{c.end:%H:%M}</p>"
        f"<p><b>{escape(c.title)}</b></p><p>{escape(c.description)}</p><p>Hasil: {escape(c.output)}</p></div>"
    )


def _form(outcome: LinkOutcome) -> str:
    error = f'<p class="err">{escape(outcome.message)}</p>' if outcome.message else ""
    note_label = "Catatan (wajib untuk penolakan)" if outcome.action == "reject" else "Catatan (opsional)"
    options = "".join(f'<option value="{n}">{n}</option>' for n in range(1, 6))
    button = "Setujui" if outcome.action == "approve" else "Tolak"
    return (
        f'{error}{_report(outcome)}<form method="post">'
        f'<label>Nilai (opsional)<select name="rating"><option value="">—</option>{options}</select></label>'
        f'<label>{note_label}<textarea name="note" rows="3" maxlength="1000"></textarea></label>'
        f'<button type="submit">{button}</button></form>'
    )
