"""Who hears of an SKP or assessment step (SPEC §4: "every step notifies the next person automatically").

Pure: given the old and new image of one item of the `skp` table's partition (the head ``SKP``, an approved
version ``V#<n>`` or a quarter's assessment ``Q#<q>``), the notices that change calls for. The service
(`services/skp_notifications.py`) sends each one once, keyed by `Notice.key`.

- the head becomes SUBMITTED (or a submitted SKP follows the employee to a new supervisor, `skp.change_penilai`)
  → the pejabat penilai, who must approve or return it;
- the head goes SUBMITTED → APPROVED or RETURNED → the employee, naming who decided (and for whom, when a delegate
  did) and, when returned, the note;
- a quarter's assessment is first recorded → the employee, who must read and acknowledge it. A correction the
  penilai makes before the acknowledgement sends nothing more: the employee's inbox always shows the current
  ratings, and one message per quarter keeps WhatsApp quiet while the penilai is still typing;
- an assessment is acknowledged → the penilai; the fourth quarter's closes the year's SKP
  (`quarter_assessment.closes_year`), and that message says so (the head's own APPROVED → CLOSED write in the
  same transaction sends nothing, so the penilai hears it once).

Everything else sends nothing: edits of a draft, an approved version's snapshot (``V#<n>``), an item removed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .assessment import PREDICATE_LABELS
from .quarter_assessment import Assessment, AssessmentStatus, closes_year
from .skp import ApprovedVersion, Skp, SkpStatus

#: what one item of the `skp` table decodes to (`store.streams.skp_image`)
SkpEntry = Skp | Assessment | ApprovedVersion

SUBMITTED, APPROVED, RETURNED = "submitted", "approved", "returned"
ASSESSED, ACKNOWLEDGED = "assessed", "acknowledged"


@dataclass(frozen=True)
class Notice:
    """One message to send: ``to`` is the recipient's NIP, ``nip`` the employee whose SKP it is. Plain values
    only: the idempotency record keeps it as JSON."""

    kind: str
    to: str
    skp_id: str
    nip: str
    year: int
    #: ``<skp_id>:<item>:<version>:<kind>``: one event of one item, however often the stream delivers it
    key: str
    #: who decided or assessed, and the penilai they acted for when a delegate did
    by: str | None = None
    on_behalf_of: str | None = None
    note: str | None = None
    quarter: int | None = None
    predicate: str | None = None
    #: a submission changing an approved SKP ("perubahan SKP")
    revision: bool = False
    #: the fourth quarter's acknowledgement, which closed the year's SKP
    closes_year: bool = False


def notices(old: SkpEntry | None, new: SkpEntry | None) -> list[Notice]:
    """The notices one change of one item calls for (often none)."""
    if isinstance(new, Skp):
        return _head(old if isinstance(old, Skp) else None, new)
    if isinstance(new, Assessment):
        return _assessment(old if isinstance(old, Assessment) else None, new)
    return []  # an approved version's snapshot, or an item removed


def _key(new: Skp | Assessment, item: str, kind: str) -> str:
    return f"{new.skp_id}:{item}:{new.version}:{kind}"


def _head(old: Skp | None, new: Skp) -> list[Notice]:
    was = old.status if old else None
    if new.status is SkpStatus.SUBMITTED and new.penilai_nip:
        moved = old is not None and was is SkpStatus.SUBMITTED and old.penilai_nip != new.penilai_nip
        if was is not SkpStatus.SUBMITTED or moved:
            return [
                Notice(
                    SUBMITTED,
                    new.penilai_nip,
                    new.skp_id,
                    new.nip,
                    new.year,
                    _key(new, "SKP", SUBMITTED),
                    revision=new.approved_version > 0,
                )
            ]
    if was is SkpStatus.SUBMITTED and new.status in (SkpStatus.APPROVED, SkpStatus.RETURNED):
        kind = APPROVED if new.status is SkpStatus.APPROVED else RETURNED
        by, for_nip = _decided_by(new)
        note = new.note if kind == RETURNED else None
        return [Notice(kind, new.nip, new.skp_id, new.nip, new.year, _key(new, "SKP", kind), by, for_nip, note)]
    return []


def _decided_by(skp: Skp) -> tuple[str | None, str | None]:
    """Who decided (the history's last entry of the decision) and, when a delegate did, for whom."""
    for entry in reversed(skp.history):
        if entry.action == skp.status.value:
            on_behalf_of = entry.changes.get("on_behalf_of")
            return entry.by, on_behalf_of[1] if on_behalf_of else None
    return None, None


def _assessment(old: Assessment | None, new: Assessment) -> list[Notice]:
    item = f"Q#{new.quarter}"
    common = {"skp_id": new.skp_id, "nip": new.nip, "year": new.year, "quarter": new.quarter}
    if old is None and new.status is AssessmentStatus.ASSESSED:
        return [
            Notice(
                ASSESSED,
                new.nip,
                key=_key(new, item, ASSESSED),
                by=new.assessed_by or new.penilai_nip,
                on_behalf_of=new.assessed_for,
                predicate=PREDICATE_LABELS[new.predicate],
                **common,
            )
        ]
    if new.status is AssessmentStatus.ACKNOWLEDGED and (old is None or old.status is not AssessmentStatus.ACKNOWLEDGED):
        if not new.penilai_nip:
            return []
        return [
            Notice(
                ACKNOWLEDGED,
                new.penilai_nip,
                key=_key(new, item, ACKNOWLEDGED),
                by=new.nip,
                predicate=PREDICATE_LABELS[new.predicate],
                closes_year=closes_year(new),
                **common,
            )
        ]
    return []
