"""A quarter's predicates in bulk (issue 19): the distribution per satker (HR, BKD) and the predicates Excel."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..domain.assessment import QUARTERS, Predicate
from ..domain.errors import ValidationError
from ..domain.skp import FIRST_YEAR, LAST_YEAR
from .base import Body, Out, Query, choice, enum_literal, query_whole, whole
from .common import Code
from .skp import Year

__all__ = [
    "PredicateCounts",
    "PredicateDistribution",
    "PredicateExportRequest",
    "PredicateLabel",
    "PredicateQuery",
    "PredicateSkpd",
]


def _invalid_quarter(field: str = "quarter") -> ValidationError:
    return ValidationError("Triwulan harus 1-4.", code="INVALID_QUARTER", details={"field": field})


PredicateName = enum_literal(Predicate)
Quarter = query_whole(QUARTERS[0], QUARTERS[-1], _invalid_quarter, required=True)


class PredicateQuery(Query):
    year: Year = None  # type: ignore[valid-type]
    quarter: Quarter = None  # type: ignore[valid-type]
    skpd_id: Code | None = Field(None, description="BKD and the admin: required; HR: their own SKPD (the default)")


class PredicateExportRequest(Body):
    year: whole(FIRST_YEAR, LAST_YEAR, code="INVALID_YEAR", what="Tahun")  # type: ignore[valid-type]
    quarter: whole(QUARTERS[0], QUARTERS[-1], code="INVALID_QUARTER", what="Triwulan")  # type: ignore[valid-type]
    scope: choice(  # type: ignore[valid-type]
        "penilai",
        "skpd",
        code="INVALID_SCOPE",
        description="penilai: the caller's direct staff; skpd: an SKPD (HR of it, BKD, the admin)",
    )
    skpd_id: Code | None = Field(None, description="skpd: BKD and the admin name it; HR: their own (the default)")
    satker_id: Code | None = Field(None, description="skpd: only this satker")


class PredicateSkpd(Out):
    skpd_id: str
    name: str


class PredicateLabel(Out):
    predicate: PredicateName  # type: ignore[valid-type]
    label: str = Field(examples=["Sangat Baik"])


class PredicateCounts(Out):
    satker_id: str | None = Field(description="null on the totals")
    name: str
    counts: dict[str, int] = Field(description="each predicate (its value) → how many, all five present")
    assessed: int


class PredicateDistribution(Out):
    year: int
    quarter: Literal[1, 2, 3, 4]
    label: str = Field(examples=["Triwulan IV 2026"])
    skpd: PredicateSkpd
    predicates: list[PredicateLabel] = Field(description="the five predicates, best first")
    satker: list[PredicateCounts] = Field(description="every satker of the SKPD, with zeros")
    totals: PredicateCounts
