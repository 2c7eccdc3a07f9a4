"""The quarterly assessment of an SKP (triwulan; issue 19): the quarter's summary, the penilai's assessment, its PDF.

The employee's acknowledgement is the one verification mechanism (kind ``assessment_ack``:
`POST /verifications/assessment_ack/{nip}.{year}.Q{q}`, verdict APPROVE "Saya sudah membaca"). A quarter's
predicates in bulk: HR's and BKD's distribution per satker, and the predicates Excel (built by the exports worker).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint

if TYPE_CHECKING:
    from ..schemas import AssessmentInput, PredicateExportRequest, PredicateQuery

bp = Blueprint(__name__)


def parse_quarter(value: str) -> int:
    """`domain.quarter_assessment.parse_quarter`, imported at the first call: the SKP domain is no part of every
    function's cold start."""
    from ..domain.quarter_assessment import parse_quarter as parse

    return parse(value)


@endpoint(
    bp,
    "/skp/{skp_id}/quarters/{q}",
    summary="A quarter of an SKP: per approved RHK its reports, reports without one, attendance and leave days, "
    "and the assessment (the SKP's readers)",
    tag="skp",
    response="QuarterSummary",
    errors=(400, 404),
)
def skp_quarter(actor: Actor, skp_id: str, q: str) -> dict[str, Any]:
    return container.assessments().quarter(actor, skp_id, parse_quarter(q))


@endpoint(
    bp,
    "/skp/{skp_id}/quarters/{q}/assessment",
    methods=("PUT",),
    summary="Assess a quarter: realisations, feedback, the two ratings (the predicate follows); the penilai or "
    "their delegate, until the employee has acknowledged it",
    tag="skp",
    body="AssessmentInput",
    response="Assessment",
    errors=(400, 404, 409, 422),
)
def assess_quarter(actor: Actor, skp_id: str, q: str, body: AssessmentInput) -> dict[str, Any]:
    return container.assessments().assess(actor, skp_id, parse_quarter(q), body)


@endpoint(
    bp,
    "/skp/{skp_id}/quarters/{q}/assessment/pdf",
    summary="The quarter's assessment as a PDF (a short-lived link), with its signature blocks (the SKP's readers)",
    tag="skp",
    response="AssessmentFile",
    errors=(400, 404),
)
def assessment_pdf(actor: Actor, skp_id: str, q: str) -> dict[str, Any]:
    return container.assessments().pdf(actor, skp_id, parse_quarter(q))


# -- a quarter's predicates in bulk -------------------------------------------------------------------------


@endpoint(
    bp,
    "/skp/predicates",
    summary="A quarter's distribution of predicates per satker of an SKPD (HR of the SKPD; BKD and the admin name "
    "the SKPD)",
    tag="skp",
    query="PredicateQuery",
    response="PredicateDistribution",
    errors=(400, 404),
)
def predicate_distribution(actor: Actor, params: PredicateQuery) -> dict[str, Any]:
    return container.predicates().distribution(actor, params)


@endpoint(
    bp,
    "/skp/predicates/exports",
    methods=("POST",),
    status=202,
    summary="Ask for a quarter's predicates as Excel: the caller's direct staff (any supervisor) or an SKPD (HR of "
    "it, BKD, the admin); poll GET /exports/{job_id}",
    tag="skp",
    body="PredicateExportRequest",
    response="ExportJob",
    errors=(400, 404),
)
def request_predicates_export(actor: Actor, body: PredicateExportRequest) -> dict[str, Any]:
    return container.predicates().request_export(actor, body)
