"""Use cases of working hours (issue 20): HR sets an SKPD's default and a satker's own hours; everyone reads the
hours that apply to them. The rules (patterns, validation, which schedule applies) are `domain.discipline`'s."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..domain.accounts import Actor, require_hr
from ..domain.discipline import (
    WEEKDAY_LABELS,
    Hours,
    ScheduleException,
    WorkSchedule,
    check_schedule,
    schedule_for,
    weekly_net_minutes,
)
from ..domain.errors import Forbidden, NotFound
from ..domain.identity import TimeZone
from ..domain.messages import date_span, time_span
from ..store.protocols import OrgRepository, WorkHoursRepository

if TYPE_CHECKING:
    from ..schemas import HoursInput, WorkingHoursDelete, WorkingHoursInput


class WorkingHoursService:
    def __init__(self, org: OrgRepository, hours: WorkHoursRepository) -> None:
        self._org, self._hours = org, hours

    # -- the SKPD's default ------------------------------------------------------------------------------------

    def skpd_hours(self, actor: Actor, skpd_id: str) -> dict[str, Any]:
        """The SKPD's default (the built-in one until HR saves one): its HR, BKD, the admin."""
        require_hr(actor, skpd_id)
        zone = self._skpd_zone(skpd_id)
        own = self._hours.get(skpd_id, None)
        return hours_view(skpd_id, None, schedule_for(zone, None, own), "SKPD" if own else "DEFAULT", own)

    def set_skpd_hours(self, actor: Actor, skpd_id: str, body: WorkingHoursInput) -> dict[str, Any]:
        require_hr(actor, skpd_id)
        schedule = _in_order(check_schedule(_schedule(body, self._skpd_zone(skpd_id))))
        saved = self._hours.save(skpd_id, None, schedule)
        return hours_view(skpd_id, None, saved, "SKPD", saved)

    # -- a satker's own ----------------------------------------------------------------------------------------

    def satker_hours(self, actor: Actor, skpd_id: str, satker_id: str) -> dict[str, Any]:
        """The hours that apply to the satker, saying whose they are (``version`` is its own's, 0 when none)."""
        require_hr(actor, skpd_id)
        return self._effective_view(skpd_id, satker_id, self._satker_zone(skpd_id, satker_id))

    def set_satker_hours(self, actor: Actor, skpd_id: str, satker_id: str, body: WorkingHoursInput) -> dict[str, Any]:
        require_hr(actor, skpd_id)
        schedule = _in_order(check_schedule(_schedule(body, self._satker_zone(skpd_id, satker_id))))
        saved = self._hours.save(skpd_id, satker_id, schedule)
        return hours_view(skpd_id, satker_id, saved, "SATKER", saved)

    def clear_satker_hours(
        self, actor: Actor, skpd_id: str, satker_id: str, body: WorkingHoursDelete
    ) -> dict[str, Any]:
        """Remove the satker's own hours: it follows its SKPD's default again (answered)."""
        require_hr(actor, skpd_id)
        zone = self._satker_zone(skpd_id, satker_id)
        self._hours.delete(skpd_id, satker_id, body.version)
        return self._effective_view(skpd_id, satker_id, zone)

    # -- everyone's own ----------------------------------------------------------------------------------------

    def my_hours(self, actor: Actor) -> dict[str, Any]:
        """The hours of the caller's satker, as their calendar classes their days."""
        if not actor.satker_id:
            raise Forbidden("Akun Anda belum terdaftar pada satker.", code="NO_SATKER")
        return self._effective_view(actor.skpd_id, actor.satker_id, actor.timezone)

    def effective(self, skpd_id: str, satker_id: str, zone: TimeZone) -> WorkSchedule:
        """The satker's own, else its SKPD's, else the default (`schedule_for`): one read of both."""
        own, skpd = self._hours.both(skpd_id, satker_id) if satker_id else (None, self._hours.get(skpd_id, None))
        return schedule_for(zone, own, skpd)

    def _effective_view(self, skpd_id: str, satker_id: str, zone: TimeZone) -> dict[str, Any]:
        own, skpd = self._hours.both(skpd_id, satker_id)
        source = "SATKER" if own else "SKPD" if skpd else "DEFAULT"
        return hours_view(skpd_id, satker_id, schedule_for(zone, own, skpd), source, own)

    def _skpd_zone(self, skpd_id: str) -> TimeZone:
        skpd = self._org.get_skpd(skpd_id)
        if skpd is None:
            raise NotFound("SKPD tidak ditemukan.", code="SKPD_NOT_FOUND")
        return skpd.timezone

    def _satker_zone(self, skpd_id: str, satker_id: str) -> TimeZone:
        satker = self._org.get_satker(skpd_id, satker_id)
        if satker is None:
            raise NotFound("Satker tidak ditemukan.", code="SATKER_NOT_FOUND")
        return satker.timezone


def _schedule(body: WorkingHoursInput, zone: TimeZone) -> WorkSchedule:
    """The request as the domain's schedule (`check_schedule` then refuses what HR cannot mean)."""
    return WorkSchedule(
        body.days_per_week,
        _hours_of(body.weekly),
        tuple(
            ScheduleException(e.first, e.last, e.note or "", off=e.off, hours=_hours_of(e.hours))
            for e in body.exceptions
        ),
        zone,
        body.version,
    )


def _in_order(schedule: WorkSchedule) -> WorkSchedule:
    """Kept by date, as the screen lists them (checked first, so a refusal names the exception as it was sent)."""
    return replace(schedule, exceptions=tuple(sorted(schedule.exceptions, key=lambda e: e.first)))


def _hours_of(sent: dict[str, HoursInput]) -> dict[int, Hours]:
    return {int(day): Hours(h.check_in, h.check_out, h.break_minutes) for day, h in sent.items()}


def hours_view(
    skpd_id: str, satker_id: str | None, schedule: WorkSchedule, source: str, own: WorkSchedule | None
) -> dict[str, Any]:
    return {
        "skpd_id": skpd_id,
        "satker_id": satker_id,
        "source": source,
        "version": own.version if own else 0,
        "days_per_week": schedule.days_per_week,
        "zone": schedule.zone.value,
        "weekly": _hours_view(schedule.weekly),
        "weekday_labels": list(WEEKDAY_LABELS),
        "exceptions": [
            {
                "first": e.first.isoformat(),
                "last": e.last.isoformat(),
                "note": e.note,
                "off": e.off,
                "hours": _hours_view(e.hours),
                "label": date_span(e.first, e.last),
            }
            for e in schedule.exceptions
        ],
        "weekly_net_minutes": weekly_net_minutes(schedule),
    }


def _hours_view(hours: Any) -> dict[str, dict[str, Any]]:
    return {
        str(day): {
            "check_in": f"{h.check_in:%H:%M}",
            "check_out": f"{h.check_out:%H:%M}",
            "break_minutes": h.break_minutes,
            "label": time_span(h.check_in, h.check_out),
        }
        for day, h in sorted(hours.items())
    }
