"""Report reminders: settings, the UTC slot they fall in, and whether one is due on a local day."""

from __future__ import annotations

import calendar
import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from .errors import ValidationError
from .identity import TimeZone

SLOT_MINUTES = 5

#: How many partition keys one UTC slot is spread over in the `reminders.by_slot` index, and how many SQS workers
#: walk a slot in parallel. The 16:00 WIB slot holds ≈4.5 M of 6 M ASN; 256 shards keep a key at ≈17.6 k items,
#: 176 pages of `PAGE_SIZE` (the arithmetic: `store/schema.py` "reminders" and the README's "Reminder fan-out").
SLOT_SHARDS = 256

#: Reminders one worker call reads and sends: one Query page of the index and one BatchGetItem (at most 100 keys).
PAGE_SIZE = 100

#: The checkpoint of a shard whose slot is walked to its end.
DONE = "~"

#: The time the reminder form offers before an employee saved one: 16.00 in their zone plus a stable per-employee
#: offset on the 5-minute grid inside `DEFAULT_SPREAD_MINUTES` (`default_time`). Whoever keeps it saves that time,
#: so the ≈4.5 M in WIB who keep the default fall in 6 slots (16.00-16.25 WIB) of ≈750 k, not one of 4.5 M — a
#: slot is not one instant for the sender and the provider (issue 21). A time someone chose stays as chosen.
DEFAULT_TIME = time(16, 0)
DEFAULT_SPREAD_MINUTES = 30


class Frequency(StrEnum):
    DAILY = "DAILY"
    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"


@dataclass(frozen=True)
class ReminderSettings:
    enabled: bool
    frequency: Frequency
    at: time
    timezone: TimeZone
    weekday: int | None = None  # 1 = Monday … 7 = Sunday
    day_of_month: int | None = None  # 1-31; beyond the month's end means its last day


def parse_reminder_time(value: str, field: str = "time") -> time:
    """``HH:MM`` on the 5-minute grid of the dispatcher (the request's model calls it)."""
    try:
        at = time.fromisoformat(value)
    except ValueError:
        at = None
    if at is None or len(value) != 5 or at.minute % SLOT_MINUTES:
        raise ValidationError(
            f"Jam pengingat harus HH:MM dengan menit kelipatan {SLOT_MINUTES}.",
            code="INVALID_TIME",
            details={"field": field},
        )
    return at


def reminder_settings(
    enabled: bool,
    frequency: Frequency,
    at: time,
    timezone: TimeZone,
    *,
    weekday: int | None = None,
    day_of_month: int | None = None,
) -> ReminderSettings:
    """The settings, with the day their frequency needs (a weekday for WEEKLY, a day of the month for MONTHLY);
    the day another frequency does not use is dropped."""
    if frequency is Frequency.WEEKLY and not _int_in(weekday, 1, 7):
        raise ValidationError(
            "Hari pengingat mingguan harus 1 (Senin) sampai 7 (Minggu).",
            code="INVALID_WEEKDAY",
            details={"field": "weekday"},
        )
    if frequency is Frequency.MONTHLY and not _int_in(day_of_month, 1, 31):
        raise ValidationError(
            "Tanggal pengingat bulanan harus 1-31.", code="INVALID_DAY_OF_MONTH", details={"field": "day_of_month"}
        )
    return ReminderSettings(
        enabled=enabled,
        frequency=frequency,
        at=at,
        timezone=timezone,
        weekday=weekday if frequency is Frequency.WEEKLY else None,
        day_of_month=day_of_month if frequency is Frequency.MONTHLY else None,
    )


def utc_slot(settings: ReminderSettings) -> str:
    """The UTC time of day (``HH:MM``) at which the reminder fires, e.g. 16:00 WIT → ``07:00``."""
    from zoneinfo import ZoneInfo

    local = datetime.combine(date(2026, 1, 5), settings.at, tzinfo=ZoneInfo(settings.timezone.iana))
    return local.astimezone(UTC).strftime("%H:%M")


def slot_of(instant: datetime) -> datetime:
    """The slot an instant belongs to (floored to the grid)."""
    instant = instant.astimezone(UTC).replace(second=0, microsecond=0)
    return instant - timedelta(minutes=instant.minute % SLOT_MINUTES)


def slots_between(after: datetime | None, until: datetime, max_back: timedelta = timedelta(hours=6)) -> list[datetime]:
    """Slots later than ``after`` up to the one ``until`` is in (a late run catches up, at most ``max_back``)."""
    last = slot_of(until)
    first = last if after is None else max(slot_of(after) + timedelta(minutes=SLOT_MINUTES), last - max_back)
    slots = []
    while first <= last:
        slots.append(first)
        first += timedelta(minutes=SLOT_MINUTES)
    return slots


def shard_of(nip: str) -> int:
    """The employee's shard of a slot: a stable hash of the NIP, so a slot's employees spread evenly."""
    return zlib.crc32(nip.encode()) % SLOT_SHARDS


def default_time(nip: str) -> time:
    """The employee's default reminder time: `DEFAULT_TIME` plus their offset, a multiple of `SLOT_MINUTES` below
    `DEFAULT_SPREAD_MINUTES` taken from the CRC-32 of the NIP above the bits that choose the shard, so every offset
    still spreads over all `SLOT_SHARDS` shards. Stable: the same NIP always gets the same time."""
    steps = DEFAULT_SPREAD_MINUTES // SLOT_MINUTES
    offset = zlib.crc32(nip.encode()) // SLOT_SHARDS % steps * SLOT_MINUTES
    return (datetime.combine(date(2026, 1, 5), DEFAULT_TIME) + timedelta(minutes=offset)).time()


@dataclass(frozen=True)
class Checkpoint:
    """Where the walk of one (slot, shard) stands: the slot instant, the NIP the finished page started after
    (``""``: the beginning) and the NIP the next page starts after (``""``: the beginning, `DONE`: the end)."""

    slot: str
    started_after: str
    after: str

    def encode(self) -> str:
        return f"{self.slot}|{self.started_after}|{self.after}"

    @classmethod
    def decode(cls, value: str | None) -> Checkpoint | None:
        parts = (value or "").split("|")
        return cls(*parts) if len(parts) == 3 else None


def checkpoint_name(slot: datetime, shard: int) -> str:
    """The job-state name of a shard's checkpoint: one per UTC time of day and shard (reused every day, so the
    names stay bounded at 288 × `SLOT_SHARDS`), the slot's date being in the value."""
    return f"reminder-page#{slot.astimezone(UTC):%H:%M}#{shard}"


def due_on(settings: ReminderSettings, day: date, working_day: bool) -> bool:
    """Whether the reminder is due on the employee's local ``day`` (only ever on working days)."""
    if not settings.enabled or not working_day:
        return False
    if settings.frequency is Frequency.WEEKLY:
        return day.isoweekday() == settings.weekday
    if settings.frequency is Frequency.MONTHLY:
        last = calendar.monthrange(day.year, day.month)[1]
        return day.day == min(settings.day_of_month or 1, last)
    return True


def reminder_text(name: str, app_url: str) -> str:
    """The message of SPEC §5."""
    return (
        f"Halo {name}, ini adalah pengingat untuk mengisi laporan kegiatan Anda hari ini. "
        f"Silakan akses {app_url} untuk membuat laporan. Terima kasih! 📝"
    )


def _int_in(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
