"""One contract, two implementations: reminder settings by UTC slot, holiday overrides, job cursors."""

from __future__ import annotations

from datetime import date, time

import pytest

from chalicelib.domain.identity import TimeZone
from chalicelib.domain.reminders import Frequency, ReminderSettings, utc_slot
from tests.support import make_nip, unique

DAY = date(2026, 6, 1)


@pytest.fixture(params=["memory", "dynamodb"])
def stores(request):
    """(reminders, holiday overrides, job state)."""
    if request.param == "memory":
        from chalicelib.store.memory import InMemoryHolidayOverrides, InMemoryJobState, InMemoryReminders

        return InMemoryReminders(), InMemoryHolidayOverrides(), InMemoryJobState()
    request.getfixturevalue("stack")
    from chalicelib.store.job_state import DynamoJobState
    from chalicelib.store.reminders import DynamoHolidayOverrides, DynamoReminders

    return DynamoReminders(), DynamoHolidayOverrides(), DynamoJobState()


def _settings(zone: TimeZone, at: time = time(16, 0), enabled: bool = True, **extra) -> ReminderSettings:
    frequency = Frequency.WEEKLY if "weekday" in extra else Frequency.MONTHLY if extra else Frequency.DAILY
    return ReminderSettings(enabled, frequency, at, zone, **extra)


def _in(reminders, slot: str, nips: set[str]) -> list[tuple]:
    return sorted(row for row in reminders.in_slot(slot) if row[0] in nips)


class TestReminderRepositoryContract:
    def test_settings_are_listed_under_their_utc_slot_while_enabled(self, stores):
        reminders, _, _ = stores
        # a minute no other test uses, so the shared slot index holds only these
        at = time(5, 5 * (unique() % 12))
        wib, wit, off = make_nip(), make_nip(), make_nip()
        reminders.save(wib, _settings(TimeZone.WIB, at, weekday=3))
        reminders.save(wit, _settings(TimeZone.WIT, time(at.hour + 2, at.minute)))
        reminders.save(off, _settings(TimeZone.WIB, at, enabled=False))
        mine = {wib, wit, off}
        slot = utc_slot(_settings(TimeZone.WIB, at))  # 22:xx UTC: the same instant as 07:xx WIT
        assert _in(reminders, slot, mine) == sorted(
            [(wib, _settings(TimeZone.WIB, at, weekday=3), None), (wit, reminders.get(wit), None)]
        )
        assert reminders.get(off) == _settings(TimeZone.WIB, at, enabled=False)
        reminders.save(wib, _settings(TimeZone.WIB, at, enabled=False))
        assert [row[0] for row in _in(reminders, slot, mine)] == [wit]
        assert reminders.get(make_nip()) is None

    def test_mark_sent_once_a_day_and_kept_across_saves(self, stores):
        reminders, _, _ = stores
        nip = make_nip()
        assert reminders.mark_sent(nip, DAY) is False  # no settings, nothing to mark
        reminders.save(nip, _settings(TimeZone.WITA, day_of_month=31))
        assert reminders.mark_sent(nip, DAY) is True
        assert reminders.mark_sent(nip, DAY) is False
        reminders.save(nip, _settings(TimeZone.WITA, time(15, 0), day_of_month=31))
        assert [row[2] for row in reminders.in_slot("07:00") if row[0] == nip] == [DAY.isoformat()]
        assert reminders.mark_sent(nip, date(2026, 6, 2)) is True

    def test_holiday_overrides_by_year(self, stores):
        _, overrides, _ = stores
        year = 2090 + unique() % 9
        added, removed = date(year, 8, 19), date(year, 12, 25)
        overrides.put(added, "Hari jadi kota")
        overrides.put(removed, None)
        overrides.put(date(year + 1, 1, 2), "Tahun berikutnya")
        assert overrides.for_year(year) == {added: "Hari jadi kota", removed: None}
        overrides.delete(added)
        overrides.delete(added)
        assert overrides.for_year(year) == {removed: None}
        for day in (removed, date(year + 1, 1, 2)):
            overrides.delete(day)

    def test_job_cursors(self, stores):
        _, _, state = stores
        name = f"job-{unique()}"
        assert state.cursor(name) is None
        state.save_cursor(name, "2026-06-01T09:00:00+00:00")
        assert state.cursor(name) == "2026-06-01T09:00:00+00:00"
        state.save_cursor(name, None)
        assert state.cursor(name) is None
