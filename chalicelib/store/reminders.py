"""Reminder settings, found by the UTC slot they fire in; and the admin's holiday overrides."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from pynamodb.exceptions import PutError, UpdateError

from ..domain.identity import TimeZone
from ..domain.reminders import SLOT_SHARDS, Frequency, ReminderSettings, shard_of, utc_slot
from .conditions import condition_failed
from .models import HolidayOverrideItem, JobStateItem, ReminderItem

#: what a page's BatchGetItem reads of each employee found in the KEYS_ONLY slot index
_PAGE_ATTRIBUTES = ["nip", "enabled", "frequency", "at", "timezone", "weekday", "day_of_month", "slot_key"]


def _to_settings(item: ReminderItem) -> ReminderSettings:
    return ReminderSettings(
        enabled=bool(item.enabled),
        frequency=Frequency(item.frequency),
        at=time.fromisoformat(item.at),
        timezone=TimeZone(item.timezone),
        weekday=int(item.weekday) if item.weekday is not None else None,
        day_of_month=int(item.day_of_month) if item.day_of_month is not None else None,
    )


class DynamoReminders:
    def get(self, nip: str) -> ReminderSettings | None:
        try:
            return _to_settings(ReminderItem.get(nip, consistent_read=True))
        except ReminderItem.DoesNotExist:
            return None

    def save(self, nip: str, settings: ReminderSettings) -> None:
        """Store the settings; an enabled reminder is listed under its UTC slot (keeps ``last_sent_day``)."""
        slot_key = f"{utc_slot(settings)}#{shard_of(nip)}" if settings.enabled else None
        actions = [
            ReminderItem.enabled.set(settings.enabled),
            ReminderItem.frequency.set(settings.frequency.value),
            ReminderItem.at.set(settings.at.strftime("%H:%M")),
            ReminderItem.timezone.set(settings.timezone.value),
            ReminderItem.weekday.set(settings.weekday) if settings.weekday else ReminderItem.weekday.remove(),
            ReminderItem.day_of_month.set(settings.day_of_month)
            if settings.day_of_month
            else ReminderItem.day_of_month.remove(),
            ReminderItem.slot_key.set(slot_key) if slot_key else ReminderItem.slot_key.remove(),
        ]
        ReminderItem(nip=nip).update(actions=actions)

    def in_slot(self, slot: str) -> list[tuple[str, ReminderSettings, str | None]]:
        """(NIP, settings, last day sent) of every enabled reminder in a UTC slot, page by page over every shard.
        For tools and tests (the shards read eight at a time): the scheduled fan-out never reads a whole slot."""
        from concurrent.futures import ThreadPoolExecutor

        def shard_rows(shard: int) -> list[tuple[str, ReminderSettings, str | None]]:
            rows, after, _ = self.slot_page(slot, shard, None, 100)
            while after is not None:
                more, after, _ = self.slot_page(slot, shard, after, 100)
                rows += more
            return rows

        with ThreadPoolExecutor(max_workers=8) as pool:
            return [row for rows in pool.map(shard_rows, range(SLOT_SHARDS)) for row in rows]

    def slot_page(
        self, slot: str, shard: int, after: str | None, limit: int
    ) -> tuple[list[tuple[str, ReminderSettings, str | None]], str | None, int]:
        """One page of a slot's shard after the NIP ``after``: (NIP, settings, last day sent) of the employees
        still listed there, the NIP the next page starts after (None at the end) and how many index keys were read.

        The index is KEYS_ONLY: one Query with Limit reads the NIPs, one consistent BatchGetItem reads the
        settings and the sent marker from the table (spread over the NIPs' partitions, not the slot's key)."""
        key = f"{slot}#{shard}"
        start = {"slot_key": {"S": key}, "nip": {"S": after}} if after else None
        result = ReminderItem.by_slot.query(key, limit=limit, last_evaluated_key=start)
        nips = [item.nip for item in result]
        following = nips[-1] if nips and result.last_evaluated_key else None
        found = {i.nip: i for i in ReminderItem.batch_get(nips, consistent_read=True)} if nips else {}
        rows = [
            (nip, _to_settings(found[nip]), found[nip].last_sent_day)
            for nip in nips
            if nip in found and found[nip].slot_key == key  # moved or switched off since the index was read
        ]
        return rows, following, len(nips)

    def checkpoint(self, name: str) -> str | None:
        """A shard's checkpoint, an item of the `job_state` table (consistent read)."""
        try:
            return JobStateItem.get(name, consistent_read=True).cursor
        except JobStateItem.DoesNotExist:
            return None

    def advance_checkpoint(self, name: str, expected: str | None, cursor: str) -> bool:
        """Move a shard's checkpoint from ``expected`` to ``cursor``; False when another worker moved it first
        (that worker carries the walk on, this one stops)."""
        condition = JobStateItem.name.does_not_exist() if expected is None else JobStateItem.cursor == expected
        try:
            JobStateItem(name=name, cursor=cursor, updated_at=datetime.now(UTC)).save(condition=condition)
        except PutError as exc:
            if condition_failed(exc):
                return False
            raise
        return True

    def mark_sent(self, nip: str, day: date) -> bool:
        """Record the day's reminder; False when it was already recorded (a second run)."""
        try:
            ReminderItem(nip=nip).update(
                actions=[ReminderItem.last_sent_day.set(day.isoformat())],
                condition=ReminderItem.nip.exists()
                & (ReminderItem.last_sent_day.does_not_exist() | (ReminderItem.last_sent_day < day.isoformat())),
            )
        except UpdateError as exc:
            if condition_failed(exc):
                return False
            raise
        return True


class DynamoHolidayOverrides:
    def for_year(self, year: int) -> dict[date, str | None]:
        return {date.fromisoformat(i.day): i.name for i in HolidayOverrideItem.query(str(year))}

    def put(self, day: date, name: str | None) -> None:
        HolidayOverrideItem(year=str(day.year), day=day.isoformat(), name=name).save()

    def delete(self, day: date) -> None:
        HolidayOverrideItem(year=str(day.year), day=day.isoformat()).delete()
