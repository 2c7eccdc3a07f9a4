"""A quarter's assessment of one SKP: what the pejabat penilai records for a triwulan, and the employee's
acknowledgement (issue 19; PermenPANRB 6/2022, Peraturan BKN 2/2026 and seed 004 for the quarters).

The ratings, the predicate matrix, BerAKHLAK and the quarter boundaries are `assessment.py`'s; here are the
assessment itself (realisation per indicator, feedback, the two ratings, notes per core value), who may write it
and when (the penilai or their delegate, never the employee; until the employee acknowledges it), the summary of
a quarter's reports per RHK, and the rule that the fourth quarter's acknowledgement closes the year's SKP.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from .accounts import Employee, forbid_self_decision
from .assessment import BERAKHLAK, QUARTERS, Predicate, Rating, predicate
from .errors import BusinessRule, Conflict, Forbidden, ValidationError
from .history import HistoryEntry, decision_entry
from .skp import Skp, SkpStatus, Target

MAX_REALISATION, MAX_FEEDBACK, MAX_VALUE_NOTE = 300, 2000, 500
#: the item of a quarter's assessment in the SKP's partition: ``Q#1`` … ``Q#4``
ITEM_PREFIX = "Q#"


class AssessmentStatus(StrEnum):
    """Written by the penilai (editable), then acknowledged by the employee (final)."""

    ASSESSED = "ASSESSED"
    ACKNOWLEDGED = "ACKNOWLEDGED"


STATUS_LABELS = {
    AssessmentStatus.ASSESSED: "Menunggu dibaca pegawai",
    AssessmentStatus.ACKNOWLEDGED: "Sudah dibaca pegawai",
}


@dataclass(frozen=True)
class Realisation:
    """What was achieved on one indicator (``indicator``: its position in the RHK, from 0), as the penilai writes
    it: a number or a short text ("12 dokumen", "Selesai tepat waktu")."""

    rhk_id: str
    indicator: int
    value: str


@dataclass(frozen=True)
class Assessment:
    """One quarter's assessment; ``skp_id`` + ``quarter`` is its key (``<nip>.<year>``, ``Q#<q>``)."""

    skp_id: str
    quarter: int
    nip: str
    year: int
    skpd_id: str
    #: the SKP's pejabat penilai when assessed: the item's 'owner' in the decision mechanism (see the kind)
    penilai_nip: str
    results: Rating
    behaviour: Rating
    predicate: Predicate
    realisations: tuple[Realisation, ...] = ()
    feedback: str | None = None
    #: a note per BerAKHLAK core value (its name → the note), optional
    value_notes: Mapping[str, str] | None = None
    status: AssessmentStatus = AssessmentStatus.ASSESSED
    assessed_by: str = ""
    assessed_for: str | None = None
    assessed_at: datetime | None = None
    acknowledged_at: datetime | None = None
    history: tuple[HistoryEntry, ...] = ()
    version: int = 0
    #: the SKP's satker: the per-satker predicate distribution and the SKPD's predicates Excel read by it
    satker_id: str = ""

    @property
    def item_id(self) -> str:
        """The id the decision mechanism knows it by: ``<nip>.<year>.Q<q>``."""
        return f"{self.skp_id}.Q{self.quarter}"


def item_key(quarter: int) -> str:
    return f"{ITEM_PREFIX}{quarter}"


def parse_item_id(item_id: str) -> tuple[str, int] | None:
    """(skp_id, quarter) of ``<nip>.<year>.Q<q>``, else None."""
    skp_id, _, tail = item_id.rpartition(".")
    if len(tail) != 2 or tail[0] != "Q" or not tail[1].isdigit() or int(tail[1]) not in QUARTERS:
        return None
    return skp_id, int(tail[1])


@dataclass(frozen=True)
class Draft:
    """The penilai's input, as the request carried it."""

    results: Rating
    behaviour: Rating
    realisations: tuple[Realisation, ...]
    feedback: str | None
    value_notes: Mapping[str, str]


def parse_quarter(value: str) -> int:
    """The quarter of a path (``/quarters/3``): 1-4, else INVALID_QUARTER."""
    if len(value) != 1 or not value.isdigit():
        return check_quarter(0)
    return check_quarter(int(value))


def check_quarter(quarter: int) -> int:
    if quarter not in QUARTERS:
        raise ValidationError("Triwulan harus 1-4.", code="INVALID_QUARTER", details={"field": "q"})
    return quarter


def require_assessable(skp: Skp) -> None:
    """Only an SKP with approved targets is assessed, and not once it is closed."""
    if skp.status is SkpStatus.CLOSED:
        raise Conflict("SKP tahun ini sudah selesai dinilai.", code="SKP_CLOSED")
    if not skp.approved_targets:
        raise BusinessRule("SKP belum pernah disetujui; belum ada RHK untuk dinilai.", code="SKP_NOT_APPROVED")


def require_penilai(skp: Skp, by: str, held: Iterable[str]) -> str | None:
    """The SKP's pejabat penilai assesses, or whoever holds their delegation today (then their NIP is returned:
    the assessment is written for them). Never the employee themself (PermenPANRB 6/2022: the penilai assesses)."""
    forbid_self_decision(by, skp.nip)
    if skp.penilai_nip and by == skp.penilai_nip:
        return None
    if skp.penilai_nip and skp.penilai_nip in set(held):
        return skp.penilai_nip
    raise Forbidden("Hanya pejabat penilai SKP ini (atau penerima delegasinya) yang dapat menilai.")


def check_draft(skp: Skp, draft: Draft) -> None:
    """Each realisation names an indicator of an approved RHK, once; notes only on the seven BerAKHLAK values."""
    targets = {t.rhk_id: t for t in skp.approved_targets}
    seen: set[tuple[str, int]] = set()
    for index, item in enumerate(draft.realisations):
        field = f"realisations.{index}"
        target = targets.get(item.rhk_id)
        if target is None:
            raise BusinessRule(
                "RHK tidak ada di SKP yang disetujui.", code="RHK_UNKNOWN", details={"field": f"{field}.rhk_id"}
            )
        if not 0 <= item.indicator < len(target.indicators):
            raise ValidationError(
                "Indikator tidak ada pada RHK ini.", code="INDICATOR_UNKNOWN", details={"field": f"{field}.indicator"}
            )
        if (item.rhk_id, item.indicator) in seen:
            raise ValidationError(
                "Satu indikator diisi dua kali.", code="DUPLICATE_REALISATION", details={"field": field}
            )
        seen.add((item.rhk_id, item.indicator))
    for name in draft.value_notes:
        if name not in BERAKHLAK:
            raise ValidationError(
                f"Catatan perilaku hanya untuk nilai BerAKHLAK: {', '.join(BERAKHLAK)}.",
                code="UNKNOWN_CORE_VALUE",
                details={"field": f"value_notes.{name}"},
            )


def assess(
    skp: Skp,
    quarter: int,
    draft: Draft,
    existing: Assessment | None,
    *,
    by: str,
    for_nip: str | None,
    now: datetime,
) -> Assessment:
    """A new assessment of the quarter, or the penilai's change of one the employee has not acknowledged yet. The
    predicate is never chosen: it follows from the two ratings (`assessment.predicate`)."""
    check_quarter(quarter)
    if existing is not None and existing.status is AssessmentStatus.ACKNOWLEDGED:
        raise Conflict(
            "Penilaian triwulan ini sudah dibaca pegawai dan tidak dapat diubah.", code="ASSESSMENT_ACKNOWLEDGED"
        )
    require_assessable(skp)
    check_draft(skp, draft)
    found = predicate(draft.results, draft.behaviour)
    changes = {
        "results": [existing.results.value if existing else None, draft.results.value],
        "behaviour": [existing.behaviour.value if existing else None, draft.behaviour.value],
        "predicate": [existing.predicate.value if existing else None, found.value],
    }
    entry = HistoryEntry(now, by, "UPDATED" if existing else "ASSESSED", changes)
    if for_nip:
        entry = replace(entry, changes={**entry.changes, "on_behalf_of": [None, for_nip]})
    return Assessment(
        skp_id=skp.skp_id,
        quarter=quarter,
        nip=skp.nip,
        year=skp.year,
        skpd_id=skp.skpd_id,
        satker_id=skp.satker_id,
        penilai_nip=for_nip or by,
        results=draft.results,
        behaviour=draft.behaviour,
        predicate=found,
        realisations=draft.realisations,
        feedback=draft.feedback,
        value_notes=dict(draft.value_notes),
        status=AssessmentStatus.ASSESSED,
        assessed_by=by,
        assessed_for=for_nip,
        assessed_at=now,
        history=(*(existing.history if existing else ()), entry),
        version=existing.version if existing else 0,
    )


def acknowledge(assessment: Assessment, *, by: str, now: datetime) -> Assessment:
    """The employee has read it ("Saya sudah membaca"); from now on it is final."""
    if assessment.status is not AssessmentStatus.ASSESSED:
        raise Conflict("Penilaian ini sudah dibaca.", code="ALREADY_DECIDED")
    entry = decision_entry(now, by, assessment.status.value, AssessmentStatus.ACKNOWLEDGED.value)
    return replace(
        assessment,
        status=AssessmentStatus.ACKNOWLEDGED,
        acknowledged_at=now,
        history=(*assessment.history, entry),
    )


def closes_year(assessment: Assessment) -> bool:
    """The fourth quarter's acknowledged assessment is the year's: it closes the SKP (issue 19)."""
    return assessment.quarter == 4 and assessment.status is AssessmentStatus.ACKNOWLEDGED


# -- the quarter's reports, per RHK ---------------------------------------------------------------------


@dataclass(frozen=True)
class ReportLine:
    """What the summary needs of one report (the service reads them from the employee's own index)."""

    rhk_id: str | None
    approved: bool
    with_evidence: bool
    minutes: int


@dataclass(frozen=True)
class Tally:
    count: int = 0
    approved: int = 0
    with_evidence: int = 0
    minutes: int = 0

    def add(self, line: ReportLine) -> Tally:
        return Tally(
            self.count + 1,
            self.approved + int(line.approved),
            self.with_evidence + int(line.with_evidence),
            self.minutes + line.minutes,
        )


def tally(targets: Iterable[Target], lines: Iterable[ReportLine]) -> tuple[list[tuple[Target, Tally]], Tally]:
    """Each approved RHK with its quarter's reports, and the reports that name none (or an RHK no longer approved:
    they count there, so nothing filed disappears from the sum)."""
    ordered = list(targets)
    per = {t.rhk_id: Tally() for t in ordered}
    other = Tally()
    for line in lines:
        if line.rhk_id in per:
            per[line.rhk_id] = per[line.rhk_id].add(line)
        else:
            other = other.add(line)
    return [(t, per[t.rhk_id]) for t in ordered], other


def minutes_between(start: object, end: object) -> int:
    """Minutes from ``start`` to ``end`` (two ``time`` values of one day)."""
    s, e = start, end
    return max(0, (e.hour * 60 + e.minute) - (s.hour * 60 + s.minute))  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Sheet:
    """What the quarter's assessment PDF shows besides the assessment (the service gathers it, the document renders
    it: a value of the domain, so neither imports the other — as the leave letter's `Letter`)."""

    assessment: Assessment
    targets: tuple[Target, ...]
    employee: Employee | None
    penilai: Employee | None
    skpd_name: str
    city: str
