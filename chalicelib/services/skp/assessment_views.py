"""How a quarter's assessment and its report counts read in answers: labels for the ratings, the predicate and the
status, people named (not only by NIP), hours rather than minutes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...domain.accounts import Employee
from ...domain.assessment import BERAKHLAK, PREDICATE_LABELS, RATING_LABELS, quarter_label
from ...domain.history import history_view
from ...domain.quarter_assessment import STATUS_LABELS, Assessment, Tally
from .views import person


def tally_view(tally: Tally) -> dict[str, Any]:
    return {
        "count": tally.count,
        "approved": tally.approved,
        "with_evidence": tally.with_evidence,
        "hours": round(tally.minutes / 60, 2),
    }


def assessment_view(a: Assessment, people: Mapping[str, Employee]) -> dict[str, Any]:
    """The `Assessment` answer."""
    notes = a.value_notes or {}
    return {
        "id": a.item_id,
        "skp_id": a.skp_id,
        "quarter": a.quarter,
        "label": quarter_label(a.year, a.quarter),
        "employee": person(a.nip, people),
        "penilai": person(a.penilai_nip, people),
        "assessed_by": person(a.assessed_by, people) if a.assessed_by else None,
        "results": a.results.value,
        "results_label": RATING_LABELS[a.results],
        "behaviour": a.behaviour.value,
        "behaviour_label": RATING_LABELS[a.behaviour],
        "predicate": a.predicate.value,
        "predicate_label": PREDICATE_LABELS[a.predicate],
        "realisations": [{"rhk_id": r.rhk_id, "indicator": r.indicator, "value": r.value} for r in a.realisations],
        "feedback": a.feedback,
        "value_notes": [{"value": v, "note": notes[v]} for v in BERAKHLAK if notes.get(v)],
        "status": a.status.value,
        "status_label": STATUS_LABELS[a.status],
        "assessed_at": a.assessed_at.isoformat() if a.assessed_at else None,
        "acknowledged_at": a.acknowledged_at.isoformat() if a.acknowledged_at else None,
        "history": history_view(a.history),
        "version": a.version,
    }
