"""Report reminders: each employee's settings, the slot dispatcher, and the queue workers that send them.

The fan-out never grows with the number of employees in one call: the scheduled dispatcher enqueues one message
per (slot, shard); a page worker reads one bounded page of its shard, sends, moves the shard's checkpoint and
enqueues the next page (README "Reminder fan-out" has the arithmetic for 6 M ASN)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import asdict
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ..domain.accounts import Actor
from ..domain.attendance import local_now
from ..domain.reminders import (
    DONE,
    PAGE_SIZE,
    SLOT_SHARDS,
    Checkpoint,
    Frequency,
    ReminderSettings,
    checkpoint_name,
    default_time,
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
PAGE_KIND = "reminder-page"
#: a page's reminders sent at once: its time is ≈ PAGE_SIZE / SEND_WORKERS provider calls plus its CPU, so a
#: worker call (one page, `handlers.notification_jobs.BATCH_SIZE`) stays well within its 30 s with a provider
#: taking 0.3 s a message (README "Load model"); the connection pools hold at least this many connections
SEND_WORKERS = 32


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
        self.page_size = PAGE_SIZE
        self.send_workers = SEND_WORKERS
        self._turn = threading.local()  # the page-order turn of the send this thread runs (`_send_page`)

    # -- settings ----------------------------------------------------------------------------------

    def settings(self, actor: Actor) -> dict[str, Any]:
        """The saved settings; before any, reminders off at the employee's default time (16.00 plus their stable
        offset, `domain.reminders.default_time`), which the form then saves unless they pick another."""
        found = self._reminders.get(actor.nip)
        return _view(found or ReminderSettings(False, Frequency.DAILY, default_time(actor.nip), actor.timezone))

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

    def fan_out(self, queue: NotificationQueue) -> dict[str, int]:
        """The scheduled dispatcher: one page message per shard of every slot since the last run (a late run
        catches up). It reads no reminder, so its work does not grow with the employees; page workers send."""
        cursor = self._state.cursor(DISPATCH_JOB)
        slots = slots_between(datetime.fromisoformat(cursor) if cursor else None, self._clock())
        queued = 0
        for slot in slots:
            queued += queue.send_all([_page(slot, shard, None) for shard in range(SLOT_SHARDS)])
            self._state.save_cursor(DISPATCH_JOB, slot.isoformat())
        return {"slots": len(slots), "queued": queued}

    def dispatch(self, queue: NotificationQueue) -> dict[str, int]:
        """In one call, enqueue a message per employee due in every slot since the last run (a late run catches
        up), once per day. Kept for tools and small stacks: its work grows with a slot, so the schedule runs
        `fan_out` instead."""
        cursor = self._state.cursor(DISPATCH_JOB)
        slots = slots_between(datetime.fromisoformat(cursor) if cursor else None, self._clock())
        overrides: dict[int, Mapping[date, str | None]] = {}
        read = queued = 0
        for slot in slots:
            candidates = self._reminders.in_slot(slot.strftime("%H:%M"))
            read += len(candidates)
            messages = [
                {"kind": "reminder", "nip": nip, "day": day.isoformat()}
                for nip, day in self._due(slot, candidates, overrides)
            ]
            queued += queue.send_all(messages)
            self._state.save_cursor(DISPATCH_JOB, slot.isoformat())
        return {"slots": len(slots), "read": read, "queued": queued}

    def handle_page(self, message: Mapping[str, Any], queue: NotificationQueue) -> dict[str, int]:
        """One page of one shard: send the reminders due in it, move the shard's checkpoint, enqueue the next.

        Safe to run again: a page re-run after a worker died mid-page resumes from the checkpoint and skips who
        was already reminded (the sent marker, and the idempotent send); a stale or duplicate page message finds
        the checkpoint moved on and stops; of two workers on one page only the one whose checkpoint write lands
        goes on (a conditional write), so a walk never forks."""
        slot, shard, given = datetime.fromisoformat(message["slot"]), int(message["shard"]), message.get("after")
        hhmm, name = slot.strftime("%H:%M"), checkpoint_name(slot, shard)
        first = None
        if given is None:  # the dispatcher's message: an empty shard (most of them) costs one Query and no write
            first = self._reminders.slot_page(hhmm, shard, None, self.page_size)
            if first[2] == 0:
                return {"read": 0, "sent": 0}
        raw = self._reminders.checkpoint(name)
        stored = Checkpoint.decode(raw)
        if stored is not None and datetime.fromisoformat(stored.slot) > slot:
            return {"read": 0, "sent": 0}  # a later day's walk owns the checkpoint
        position = given
        if stored is not None and stored.slot == slot.isoformat():
            if given is not None and given == stored.started_after:
                # this page is done; the worker that did it may have died before enqueueing the next one
                if stored.after != DONE:
                    queue.send_all([_page(slot, shard, stored.after)])
                return {"read": 0, "sent": 0}
            if stored.after == DONE or (given is not None and given != stored.after):
                return {"read": 0, "sent": 0}
            position = stored.after or None
        if first is None or position is not None:
            first = self._reminders.slot_page(hhmm, shard, position, self.page_size)
        rows, following, read = first
        sent = self._send_page(slot, rows)
        moved = Checkpoint(slot.isoformat(), position or "", following or DONE)
        if not self._reminders.advance_checkpoint(name, raw, moved.encode()):
            return {"read": read, "sent": sent}  # another worker walked this page too and carries on
        if following:
            queue.send_all([_page(slot, shard, following)])
        return {"read": read, "sent": sent}

    def _send_page(self, slot: datetime, rows: list[tuple[str, ReminderSettings, str | None]]) -> int:
        """Send each reminder of a page that is due on the employee's local day and not yet sent that day.

        Up to `send_workers` at once (a page's time is then ≈ its sends / `send_workers` provider calls, not their
        sum), each still once per NIP and day. The calls reach the provider in page order (`_InTurn`). The page
        waits for all its sends and then raises the first failure, so the checkpoint does not move and the
        redelivered page sends what is left (those sent meanwhile are skipped: the marker, the idempotent send)."""
        due = self._due(slot, rows, {})
        if len(due) < 2 or self.send_workers < 2:
            for nip, day in due:
                self.handle({"kind": "reminder", "nip": nip, "day": day.isoformat()})
            return len(due)
        from concurrent.futures import ThreadPoolExecutor

        turns = _InTurn(len(due))

        def send(index: int, nip: str, day: date) -> None:
            self._turn.current = (turns, index)
            try:
                self.handle({"kind": "reminder", "nip": nip, "day": day.isoformat()})
            finally:
                self._turn.current = None
                turns.release(index)

        with ThreadPoolExecutor(max_workers=min(self.send_workers, len(due))) as pool:
            futures = [pool.submit(send, index, nip, day) for index, (nip, day) in enumerate(due)]
        failed = next((f.exception() for f in futures if f.exception() is not None), None)
        if failed is not None:
            raise failed
        return len(due)

    def _due(
        self,
        slot: datetime,
        rows: list[tuple[str, ReminderSettings, str | None]],
        overrides: dict[int, Mapping[date, str | None]],
    ) -> list[tuple[str, date]]:
        """(NIP, local day) of the rows whose reminder is due on their local day and not yet sent that day."""
        due = []
        for nip, settings, last_day in rows:
            day = local_now(slot, settings.timezone.iana).date()
            if last_day == day.isoformat():
                continue
            if day.year not in overrides:
                overrides[day.year] = self._overrides.for_year(day.year)
            if due_on(settings, day, is_working_day(day, overrides[day.year])):
                due.append((nip, day))
        return due

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
        turn = getattr(self._turn, "current", None)
        if turn is not None:  # one send of a page sent in parallel: the provider call waits its turn
            turn[0].begin(turn[1])
        message_id = self._whatsapp.send(employee.whatsapp, reminder_text(employee.name, self._app_url))
        self._reminders.mark_sent(nip, day)
        return {"status": "sent", "message_id": message_id}


class _InTurn:
    """Lets a page's sends run in parallel threads yet reach the provider in page order: each provider call waits
    until the send before it has begun its own (or ended without one), never for its answer. A provider that
    fails from some message on (it went down, the Lambda is ending) so fails for the messages one-by-one sending
    would have failed on."""

    def __init__(self, count: int) -> None:
        self._ready = [threading.Event() for _ in range(count)]

    def begin(self, index: int) -> None:
        if index:
            self._ready[index - 1].wait()
        self._ready[index].set()

    def release(self, index: int) -> None:
        self._ready[index].set()


def _page(slot: datetime, shard: int, after: str | None) -> dict[str, Any]:
    """A page message: the slot instant, the shard, and the NIP the page starts after (absent: the beginning)."""
    message: dict[str, Any] = {"kind": PAGE_KIND, "slot": slot.isoformat(), "shard": shard}
    if after is not None:
        message["after"] = after
    return message


def _view(settings: ReminderSettings) -> dict[str, Any]:
    view = asdict(settings)
    view.update(
        frequency=settings.frequency.value, time=settings.at.strftime("%H:%M"), timezone=settings.timezone.value
    )
    del view["at"]
    return view
