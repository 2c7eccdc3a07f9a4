"""Report reminders: each employee's settings, the slot dispatcher, and the queue worker that sends them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from ..domain.accounts import Actor
from ..domain.attendance import local_now
from ..domain.reminders import (
    Frequency,
    ReminderSettings,
    due_on,
    reminder_settings,
    reminder_text,
    slots_between,
)
from ..domain.workdays import is_working_day
from ..integrations import idempotency
from ..integrations.queue import NotificationQueue
from ..integrations.whatsapp import WhatsAppSender
from ..store.protocols import (
    AttendanceRepository,
    EmployeeRepository,
    HolidayOverrides,
    JobState,
    LeaveRepository,
    ReminderRepository,
)

if TYPE_CHECKING:
    from ..schemas import ReminderInput

DISPATCH_JOB = "reminder-dispatch"


class ReminderService:
    def __init__(
        self,
        reminders: ReminderRepository,
        overrides: HolidayOverrides,
        attendance: AttendanceRepository,
        employees: EmployeeRepository,
        state: JobState,
        whatsapp: WhatsAppSender,
        *,
        clock: Callable[[], datetime],
        app_url: str,
        once: idempotency.OnceFactory,
        leave: LeaveRepository,
    ) -> None:
        self._reminders, self._overrides, self._attendance = reminders, overrides, attendance
        self._leave = leave  # no reminder on an approved leave day
        self._employees, self._state, self._whatsapp = employees, state, whatsapp
        self._clock, self._app_url = clock, app_url
        self._send_once = once(self._send, key_prefix="reminder", key_path="key", argument="message")

    # -- settings ----------------------------------------------------------------------------------

    def settings(self, actor: Actor) -> dict[str, Any]:
        found = self._reminders.get(actor.nip)
        return _view(found or ReminderSettings(False, Frequency.DAILY, time(16, 0), actor.timezone))

    def update(self, actor: Actor, body: ReminderInput) -> dict[str, Any]:
        """The caller's settings, in their own zone (a move to another zone moves the reminder with them)."""
        settings = reminder_settings(
            body.enabled,
            body.frequency,
            body.time,
            actor.timezone,
            weekday=body.weekday,
            day_of_month=body.day_of_month,
        )
        self._reminders.save(actor.nip, settings)
        return _view(settings)

    # -- dispatcher and worker -----------------------------------------------------------------------

    def register_context(self, context: Any) -> None:
        self._send_once.register_context(context)

    def dispatch(self, queue: NotificationQueue) -> dict[str, int]:
        """Enqueue the reminders of every slot since the last run (a late run catches up), once per day."""
        cursor = self._state.cursor(DISPATCH_JOB)
        slots = slots_between(datetime.fromisoformat(cursor) if cursor else None, self._clock())
        overrides: dict[int, Mapping[date, str | None]] = {}
        read = queued = 0
        for slot in slots:
            candidates = self._reminders.in_slot(slot.strftime("%H:%M"))
            read += len(candidates)
            messages = []
            for nip, settings, last_day in candidates:
                day = local_now(slot, settings.timezone.iana).date()
                if last_day == day.isoformat():
                    continue
                if day.year not in overrides:
                    overrides[day.year] = self._overrides.for_year(day.year)
                if due_on(settings, day, is_working_day(day, overrides[day.year])):
                    messages.append({"kind": "reminder", "nip": nip, "day": day.isoformat()})
            queued += queue.send_all(messages)
            self._state.save_cursor(DISPATCH_JOB, slot.isoformat())
        return {"slots": len(slots), "read": read, "queued": queued}

    def handle(self, message: Mapping[str, Any]) -> None:
        self._send_once(message={**message, "key": f"{message['nip']}:{message['day']}"})

    def _send(self, message: dict[str, Any]) -> dict[str, str]:
        nip, day = message["nip"], date.fromisoformat(message["day"])
        filed = self._attendance.get(nip, day)
        if filed is not None and sum(filed.report_counts.values()) > 0:
            self._reminders.mark_sent(nip, day)
            return {"status": "already-filed"}
        if self._leave.calendar(nip).approved_on(day):
            self._reminders.mark_sent(nip, day)
            return {"status": "on-leave"}
        employee = self._employees.get(nip)
        if employee is None:
            return {"status": "no-recipient"}
        message_id = self._whatsapp.send(employee.whatsapp, reminder_text(employee.name, self._app_url))
        self._reminders.mark_sent(nip, day)
        return {"status": "sent", "message_id": message_id}


def _view(settings: ReminderSettings) -> dict[str, Any]:
    view = asdict(settings)
    view.update(
        frequency=settings.frequency.value, time=settings.at.strftime("%H:%M"), timezone=settings.timezone.value
    )
    del view["at"]
    return view
