"""Working hours (issue 20): an SKPD's default and a satker's own, kept by HR; everyone's own."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint

if TYPE_CHECKING:
    from ..schemas import WorkingHoursDelete, WorkingHoursInput

bp = Blueprint(__name__)
_TAG = "working hours"


@endpoint(
    bp,
    "/skpd/{skpd_id}/working-hours",
    summary="The SKPD's default working hours (its HR, BKD, admin; the built-in default until saved)",
    tag=_TAG,
    response="WorkingHours",
    errors=(404,),
)
def skpd_working_hours(actor: Actor, skpd_id: str) -> dict[str, Any]:
    return container.working_hours().skpd_hours(actor, skpd_id)


@endpoint(
    bp,
    "/skpd/{skpd_id}/working-hours",
    methods=("PUT",),
    summary="Set the SKPD's default working hours: pattern, hours per weekday, exceptions (version: 0 creates)",
    tag=_TAG,
    body="WorkingHoursInput",
    response="WorkingHours",
    errors=(404, 409),
)
def set_skpd_working_hours(actor: Actor, skpd_id: str, body: WorkingHoursInput) -> dict[str, Any]:
    return container.working_hours().set_skpd_hours(actor, skpd_id, body)


@endpoint(
    bp,
    "/skpd/{skpd_id}/satker/{satker_id}/working-hours",
    summary="The working hours that apply to a satker: its own, else its SKPD's, else the default (source says)",
    tag=_TAG,
    response="WorkingHours",
    errors=(404,),
)
def satker_working_hours(actor: Actor, skpd_id: str, satker_id: str) -> dict[str, Any]:
    return container.working_hours().satker_hours(actor, skpd_id, satker_id)


@endpoint(
    bp,
    "/skpd/{skpd_id}/satker/{satker_id}/working-hours",
    methods=("PUT",),
    summary="Set a satker's own working hours (version: 0 creates)",
    tag=_TAG,
    body="WorkingHoursInput",
    response="WorkingHours",
    errors=(404, 409),
)
def set_satker_working_hours(actor: Actor, skpd_id: str, satker_id: str, body: WorkingHoursInput) -> dict[str, Any]:
    return container.working_hours().set_satker_hours(actor, skpd_id, satker_id, body)


@endpoint(
    bp,
    "/skpd/{skpd_id}/satker/{satker_id}/working-hours",
    methods=("DELETE",),
    summary="Remove a satker's own working hours (?version=): it follows its SKPD's again (answers those hours)",
    tag=_TAG,
    query="WorkingHoursDelete",
    response="WorkingHours",
    errors=(404, 409),
)
def clear_satker_working_hours(
    actor: Actor, skpd_id: str, satker_id: str, params: WorkingHoursDelete
) -> dict[str, Any]:
    return container.working_hours().clear_satker_hours(actor, skpd_id, satker_id, params)


@endpoint(
    bp, "/me/working-hours", summary="The working hours of the caller's satker", tag=_TAG, response="WorkingHours"
)
def my_working_hours(actor: Actor) -> dict[str, Any]:
    return container.working_hours().my_hours(actor)
