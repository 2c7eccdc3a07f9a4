"""A satker's month of discipline figures (issue 20): HR reads it, closes it once it is over (the figures are then
frozen) and records corrections. HR (KEPEGAWAIAN) of that SKPD, BKD and the admin; nobody corrects their own row."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint

if TYPE_CHECKING:
    from ..schemas import MonthClosingInput, MonthCorrectionInput

bp = Blueprint(__name__)
_TAG = "working hours"
_MONTH = "/skpd/{skpd_id}/satker/{satker_id}/discipline/{month}"


@endpoint(
    bp,
    _MONTH,
    summary="A satker's month (YYYY-MM): each employee's figures, live while open, frozen with corrections once closed",
    tag=_TAG,
    response="SatkerMonth",
    errors=(404,),
)
def satker_month(actor: Actor, skpd_id: str, satker_id: str, month: str) -> dict[str, Any]:
    return container.month_closing().view(actor, skpd_id, satker_id, month)


@endpoint(
    bp,
    f"{_MONTH}/closing",
    methods=("POST",),
    status=201,
    summary="Close the month once it is over in the satker's zone: its figures are frozen (409 when closed already)",
    tag=_TAG,
    body="MonthClosingInput",
    empty_body=True,
    response="SatkerMonth",
    errors=(404, 409, 422),
)
def close_satker_month(
    actor: Actor, skpd_id: str, satker_id: str, month: str, body: MonthClosingInput
) -> dict[str, Any]:
    return container.month_closing().close(actor, skpd_id, satker_id, month)


@endpoint(
    bp,
    f"{_MONTH}/corrections",
    methods=("POST",),
    status=201,
    summary="Correct one frozen figure of one employee in a closed month, with why (version: the month's, as read)",
    tag=_TAG,
    body="MonthCorrectionInput",
    response="SatkerMonth",
    errors=(404, 409, 422),
)
def correct_satker_month(
    actor: Actor, skpd_id: str, satker_id: str, month: str, body: MonthCorrectionInput
) -> dict[str, Any]:
    return container.month_closing().correct(actor, skpd_id, satker_id, month, body)
