"""The pages behind e-mailed decision links, one for every kind: the item as the queue shows it, and a form with
the link's verdict (a note, and a rating where the kind takes one)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from chalice import Response

from .pages import page

if TYPE_CHECKING:
    from ..services.decisions.links import LinkOutcome

_TITLES = {
    "done": "Keputusan tersimpan",
    "invalid": "Tautan tidak dapat digunakan",
    "used": "Tautan sudah digunakan",
    "decided": "Sudah diputuskan",
    "refused": "Tidak diizinkan",
}


def render(outcome: LinkOutcome) -> Response:
    """The page for a link outcome, with the matching HTTP status."""
    if outcome.state == "form":
        from ..domain.decisions import VERDICT_LABELS  # at the first page, not in every function's cold start

        assert outcome.spec is not None and outcome.verdict is not None
        title = f"{VERDICT_LABELS[outcome.verdict]} {outcome.spec.noun}"
        return page(title, _form(outcome), outcome.status)
    body = f"<p>{escape(outcome.message)}</p>" if outcome.message else ""
    if outcome.state == "done" and outcome.spec:
        status = escape(outcome.item["status_label"].lower())
        body = (
            f"<p>{escape(outcome.spec.noun.capitalize())} berikut kini <b>{status}</b>. Pegawai akan diberi tahu.</p>"
        )
    if outcome.item:
        body += _item(outcome.item)
    return page(_TITLES[outcome.state], body, outcome.status)


def _item(item: dict) -> str:
    person = item["employee"]
    who = f"NIP {escape(person['nip'])}"
    if person.get("name"):
        who = f"{escape(person['name'])} — {who}<br>{escape(person.get('jabatan') or '')}"
    lines = "".join(f"<p>{escape(line['label'])}: {escape(line['value'])}</p>" for line in item["summary"])
    return f'<div class="box"><p>{who}</p><p><b>{escape(item["title"])}</b></p>{lines}</div>'


def _form(outcome: LinkOutcome) -> str:
    from ..domain.decisions import VERDICT_LABELS

    spec, verdict = outcome.spec, outcome.verdict
    assert spec is not None and verdict is not None
    error = f'<p class="err">{escape(outcome.message)}</p>' if outcome.message else ""
    rating = ""
    if spec.rating and verdict.value == "APPROVE":
        options = "".join(f'<option value="{n}">{n}</option>' for n in range(1, 6))
        rating = f'<label>Nilai (opsional)<select name="rating"><option value="">—</option>{options}</select></label>'
    note = "Catatan (wajib)" if verdict in spec.note_required else "Catatan (opsional)"
    return (
        f'{error}{_item(outcome.item)}<form method="post">{rating}'
        f'<label>{note}<textarea name="note" rows="3" maxlength="1000"></textarea></label>'
        f'<button type="submit">{escape(VERDICT_LABELS[verdict])}</button></form>'
    )
