"""A quarter's predicates in bulk (issue 19): the distribution of predicates per satker that HR of an SKPD and BKD
read, and the rows of the predicates Excel of a supervisor's staff or of an SKPD.

The predicate itself is `assessment.predicate` (PermenPANRB 6/2022, Lampiran: kuadran rating hasil kerja × rating
perilaku kerja); here it is only counted and labelled, never recomputed or chosen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from .assessment import PREDICATE_LABELS, RATING_LABELS, Predicate, Rating
from .quarter_assessment import Assessment, AssessmentStatus

#: written in the Excel's "Dibaca pegawai" column while the employee has not acknowledged the assessment
NOT_ACKNOWLEDGED = "Belum"


@dataclass(frozen=True)
class PredicateLine:
    """What a bulk read needs of one quarter's assessment (all that `skp.by_skpd_predicate` projects)."""

    nip: str
    satker_id: str
    penilai_nip: str
    results: Rating
    behaviour: Rating
    predicate: Predicate
    acknowledged_at: datetime | None = None

    @property
    def results_label(self) -> str:
        return RATING_LABELS[self.results]

    @property
    def behaviour_label(self) -> str:
        return RATING_LABELS[self.behaviour]

    @property
    def predicate_label(self) -> str:
        return PREDICATE_LABELS[self.predicate]


def line_of(assessment: Assessment) -> PredicateLine:
    """The bulk view of a whole assessment (as a BatchGetItem of a supervisor's staff reads it)."""
    return PredicateLine(
        nip=assessment.nip,
        satker_id=assessment.satker_id,
        penilai_nip=assessment.penilai_nip,
        results=assessment.results,
        behaviour=assessment.behaviour,
        predicate=assessment.predicate,
        acknowledged_at=assessment.acknowledged_at if assessment.status is AssessmentStatus.ACKNOWLEDGED else None,
    )


def zero_counts() -> dict[Predicate, int]:
    """Every predicate, best first, at 0: a satker nobody in it got a predicate still shows five zeros."""
    return {p: 0 for p in Predicate}


@dataclass(frozen=True)
class SatkerCounts:
    """One satker's count of each predicate in the quarter."""

    satker_id: str
    counts: dict[Predicate, int] = field(default_factory=zero_counts)

    @property
    def assessed(self) -> int:
        return sum(self.counts.values())


def distribution(lines: Iterable[PredicateLine], satker_ids: Sequence[str]) -> tuple[list[SatkerCounts], SatkerCounts]:
    """Each satker's counts (every satker of ``satker_ids`` in that order, with zeros; a satker an assessment names
    but the SKPD no longer lists comes after them, by code, so nothing assessed drops out of the totals) and the
    SKPD's totals (``satker_id`` empty)."""
    per: dict[str, dict[Predicate, int]] = {s: zero_counts() for s in satker_ids}
    for line in lines:
        per.setdefault(line.satker_id, zero_counts())[line.predicate] += 1
    known = [s for s in satker_ids if s in per]
    extra = sorted(s for s in per if s not in set(satker_ids))
    rows = [SatkerCounts(s, per[s]) for s in (*dict.fromkeys(known), *extra)]
    totals = zero_counts()
    for row in rows:
        for predicate, count in row.counts.items():
            totals[predicate] += count
    return rows, SatkerCounts("", totals)
