"""An SKPD's discipline rules (issue 20): TL/PSW bands and deductions, kept by HR beside its working hours."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint

if TYPE_CHECKING:
    from ..schemas import DisciplineRulesInput

bp = Blueprint(__name__)
_TAG = "working hours"


@endpoint(
    bp,
    "/skpd/{skpd_id}/discipline-rules",
    summary="The SKPD's TL/PSW bands and TPP deductions (its HR, BKD, admin; the documented defaults until saved)",
    tag=_TAG,
    response="DisciplineRulesOut",
    errors=(404,),
)
def skpd_discipline_rules(actor: Actor, skpd_id: str) -> dict[str, Any]:
    return container.discipline_rules().rules(actor, skpd_id)


@endpoint(
    bp,
    "/skpd/{skpd_id}/discipline-rules",
    methods=("PUT",),
    summary="Set the SKPD's TL/PSW bands and TPP deductions (version: 0 creates)",
    tag=_TAG,
    body="DisciplineRulesInput",
    response="DisciplineRulesOut",
    errors=(404, 409),
)
def set_skpd_discipline_rules(actor: Actor, skpd_id: str, body: DisciplineRulesInput) -> dict[str, Any]:
    return container.discipline_rules().set_rules(actor, skpd_id, body)
