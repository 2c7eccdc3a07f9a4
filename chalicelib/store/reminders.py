"""Reminder settings, found by the UTC slot they fire in; and the admin's holiday overrides."""

from __future__ import annotations

import zlib
from datetime import date, time

from pynamodb.exceptions import UpdateError

from ..domain.identity import TimeZone
from ..domain.reminders import Frequency, ReminderSettings, utc_slot
from .conditions import condition_failed
from .models import HolidayOverrideItem, ReminderItem

SLOT_SHARDS = 4


def slot_keys(slot: str) -> list[str]:
    return [f"{slot}#{shard}" for shard in range(SLOT_SHARDS)]


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
        shard = zlib.crc32(nip.encode()) % SLOT_SHARDS
        slot_key = f"{utc_slot(settings)}#{shard}" if settings.enabled else None
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
        """(NIP, settings, last day sent) of every enabled reminder in a UTC slot — one Query per shard."""
        found = []
        for key in slot_keys(slot):
            for item in ReminderItem.by_slot.query(key):
                found.append((item.nip, _to_settings(item), item.last_sent_day))
        return found

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
