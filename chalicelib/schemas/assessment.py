"""The quarterly assessment of an SKP (issue 19): the quarter's summary, the penilai's assessment, its PDF."""

from __future__ import annotations

from pydantic import Field

from ..domain.assessment import BERAKHLAK, Predicate, Rating
from ..domain.quarter_assessment import MAX_FEEDBACK, MAX_REALISATION, MAX_VALUE_NOTE, AssessmentStatus
from ..domain.skp import MAX_INDICATORS, MAX_TARGETS, SkpStatus
from .base import Body, Out, Version, enum_choice, enum_literal, text, whole, written
from .skp import RhkId, RhkKindName, SkpIndicator, SkpPerson
from .work import HistoryEntry

__all__ = [
    "Assessment",
    "AssessmentFile",
    "AssessmentInput",
    "AssessmentRealisation",
    "AssessmentRealisationInput",
    "AssessmentValueNote",
    "QuarterReports",
    "QuarterSummary",
    "QuarterTarget",
]

RatingChoice = enum_choice(Rating, code="INVALID_RATING")
RatingName = enum_literal(Rating)


# -- requests -----------------------------------------------------------------------------------------


class AssessmentRealisationInput(Body):
    rhk_id: RhkId  # type: ignore[valid-type]
    indicator: whole(0, MAX_INDICATORS - 1, code="INDICATOR_UNKNOWN", what="Indikator") = Field(  # type: ignore[valid-type]
        description="the indicator's position in the RHK, from 0"
    )
    value: written(MAX_REALISATION) = Field(description='a number or a short text: "12 dokumen"')  # type: ignore[valid-type]


class AssessmentInput(Body):
    """The penilai's assessment of a quarter; the predicate follows from the two ratings (PermenPANRB 6/2022)."""

    results: RatingChoice = Field(description="rating hasil kerja")  # type: ignore[valid-type]
    behaviour: RatingChoice = Field(description="rating perilaku kerja (BerAKHLAK)")  # type: ignore[valid-type]
    realisations: list[AssessmentRealisationInput] = Field(
        default_factory=list, max_length=MAX_TARGETS * MAX_INDICATORS
    )
    feedback: written(MAX_FEEDBACK, required=False) = None  # type: ignore[valid-type]
    value_notes: dict[text(40), written(MAX_VALUE_NOTE)] | None = Field(  # type: ignore[valid-type]
        None, max_length=len(BERAKHLAK), description=f"a note per BerAKHLAK core value: {', '.join(BERAKHLAK)}"
    )
    version: Version | None = Field(None, description="absent for the quarter's first assessment")


# -- answers ------------------------------------------------------------------------------------------


class QuarterReports(Out):
    count: int
    approved: int
    with_evidence: int
    hours: float


class QuarterTarget(Out):
    rhk_id: str
    text: str
    kind: RhkKindName
    kind_label: str
    parent_rhk_id: str | None
    indicators: list[SkpIndicator]
    reports: QuarterReports


class AssessmentRealisation(Out):
    rhk_id: str
    indicator: int
    value: str


class AssessmentValueNote(Out):
    value: str = Field(examples=["Berorientasi Pelayanan"])
    note: str


class Assessment(Out):
    id: str = Field(description="<nip>.<year>.Q<q>: its id in the decision mechanism (kind assessment_ack)")
    skp_id: str
    quarter: int
    label: str = Field(examples=["Triwulan I 2026"])
    employee: SkpPerson
    penilai: SkpPerson
    assessed_by: SkpPerson | None = Field(description="a delegate, when one assessed for the penilai")
    results: RatingName
    results_label: str = Field(examples=["Sesuai Ekspektasi"])
    behaviour: RatingName
    behaviour_label: str
    predicate: enum_literal(Predicate)  # type: ignore[valid-type]
    predicate_label: str = Field(examples=["Baik"])
    realisations: list[AssessmentRealisation]
    feedback: str | None
    value_notes: list[AssessmentValueNote]
    status: enum_literal(AssessmentStatus)  # type: ignore[valid-type]
    status_label: str
    assessed_at: str | None
    acknowledged_at: str | None
    history: list[HistoryEntry]
    version: int


class QuarterSummary(Out):
    skp_id: str
    year: int
    quarter: int
    label: str = Field(examples=["Triwulan I 2026"])
    first: str
    last: str
    employee: SkpPerson
    penilai: SkpPerson | None
    skp_status: enum_literal(SkpStatus)  # type: ignore[valid-type]
    targets: list[QuarterTarget] = Field(description="the approved RHK, each with the quarter's reports")
    without_rhk: QuarterReports = Field(description="reports naming no approved RHK")
    attendance_days: int = Field(description="days with any attendance record in the quarter")
    leave_days: int = Field(description="days of approved leave in the quarter")
    assessment: Assessment | None


class AssessmentFile(Out):
    url: str = Field(description="presigned GET, short-lived")
    filename: str
    expires_in: int
