"""Check-in that resists fraud (issue 20): the SKPD's check-in rules (its HR) and the devices an employee signs
check-ins with (their own list and registration; HR's view of an employee's). A further device is approved in the
one decision mechanism (kind ``device``), so no decision route is here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint

from ..domain.accounts import Actor
from ..services import container
from .api import endpoint

if TYPE_CHECKING:
    from ..schemas import CheckInRulesInput, DeviceInput

bp = Blueprint(__name__)
_TAG = "devices"


@endpoint(
    bp,
    "/skpd/{skpd_id}/check-in-rules",
    summary="The SKPD's check-in rules: unregistered devices, device limit, selfie satkers, impossible travel "
    "(its HR, BKD, admin; the documented defaults until saved)",
    tag="working hours",
    response="CheckInRulesOut",
    errors=(404,),
)
def skpd_check_in_rules(actor: Actor, skpd_id: str) -> dict[str, Any]:
    return container.checkin_rules().rules(actor, skpd_id)


@endpoint(
    bp,
    "/skpd/{skpd_id}/check-in-rules",
    methods=("PUT",),
    summary="Set the SKPD's check-in rules (version: 0 creates)",
    tag="working hours",
    body="CheckInRulesInput",
    response="CheckInRulesOut",
    errors=(404, 409),
)
def set_skpd_check_in_rules(actor: Actor, skpd_id: str, body: CheckInRulesInput) -> dict[str, Any]:
    return container.checkin_rules().set_rules(actor, skpd_id, body)


@endpoint(
    bp,
    "/me/devices",
    summary="My check-in devices (active and waiting for HR) and my SKPD's device limit",
    tag=_TAG,
    response="DeviceList",
)
def my_devices(actor: Actor) -> dict[str, Any]:
    return container.devices().mine(actor)


@endpoint(
    bp,
    "/me/devices",
    methods=("POST",),
    status=201,
    summary="Register this browser's device key (only the very first is active at once; a later one waits for HR)",
    tag=_TAG,
    body="DeviceInput",
    response="DeviceOut",
    errors=(409,),
)
def register_device(actor: Actor, body: DeviceInput) -> dict[str, Any]:
    return container.devices().register(actor, body)


@endpoint(
    bp,
    "/me/devices/{device_id}",
    methods=("DELETE",),
    summary="Remove one of my devices (it no longer signs check-ins)",
    tag=_TAG,
    response="DeviceOut",
    errors=(404, 409),
)
def remove_my_device(actor: Actor, device_id: str) -> dict[str, Any]:
    return container.devices().remove(actor, actor.nip, device_id)


@endpoint(
    bp,
    "/employees/{nip}/devices",
    summary="An employee's check-in devices (HR of their SKPD, BKD, admin)",
    tag=_TAG,
    response="DeviceList",
    errors=(404,),
)
def employee_devices(actor: Actor, nip: str) -> dict[str, Any]:
    return container.devices().of_employee(actor, nip)


@endpoint(
    bp,
    "/employees/{nip}/devices/{device_id}",
    methods=("DELETE",),
    summary="Remove an employee's device (HR of their SKPD, BKD, admin), e.g. a lost phone",
    tag=_TAG,
    response="DeviceOut",
    errors=(404, 409),
)
def remove_employee_device(actor: Actor, nip: str, device_id: str) -> dict[str, Any]:
    return container.devices().remove(actor, nip, device_id)
