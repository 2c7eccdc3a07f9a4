"""One contract, two implementations: working hours (the SKPD's default, a satker's own) in memory and DynamoDB."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

import pytest

from chalicelib.domain.discipline import day_off, default_schedule, ramadan
from chalicelib.domain.errors import Conflict
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.organisation import Satker, Skpd


@pytest.fixture(params=["memory", "dynamodb"])
def repos(request):
    if request.param == "memory":
        from chalicelib.store.memory import InMemoryOrgRepository
        from chalicelib.store.memory.working_hours import InMemoryWorkHours

        return InMemoryOrgRepository(), InMemoryWorkHours()
    request.getfixturevalue("stack")
    from chalicelib.store.organisation import DynamoOrgRepository
    from chalicelib.store.working_hours import DynamoWorkHours

    return DynamoOrgRepository(), DynamoWorkHours()


def _skpd(org) -> str:
    code = f"T{uuid.uuid4().hex[:10].upper()}"
    org.save_skpd(Skpd(code, "Dinas Uji", TimeZone.WITA))
    org.save_satker(Satker(code, "S1", "Satker Uji", TimeZone.WITA))
    return code


class TestWorkHoursContract:
    def test_save_read_both_and_round_trip(self, repos):
        org, hours = repos
        skpd = _skpd(org)
        assert hours.get(skpd, None) is None and hours.both(skpd, "S1") == (None, None)
        six = replace(
            default_schedule(6, TimeZone.WITA),
            exceptions=(ramadan(date(2027, 2, 8), date(2027, 3, 9)), day_off(date(2027, 4, 2), "Kerja bakti")),
        )
        saved = hours.save(skpd, None, six)
        assert saved.version == 1 and saved == replace(six, version=1)
        assert hours.get(skpd, None) == saved and hours.get(skpd, "S1") is None
        assert hours.both(skpd, "S1") == (None, saved)
        own = hours.save(skpd, "S1", default_schedule(5, TimeZone.WITA))
        assert hours.both(skpd, "S1") == (own, saved)
        # the satker and SKPD items are untouched, and hours items are not listed as satker
        assert [s.satker_id for s in org.list_satker(skpd)] == ["S1"] and org.get_skpd(skpd).name == "Dinas Uji"

    def test_a_stale_version_is_refused_and_delete_falls_back(self, repos):
        org, hours = repos
        skpd = _skpd(org)
        first = hours.save(skpd, "S1", default_schedule(5, TimeZone.WITA))
        with pytest.raises(Conflict):
            hours.save(skpd, "S1", default_schedule(6, TimeZone.WITA))  # version 0: one exists already
        second = hours.save(skpd, "S1", replace(first, days_per_week=6, weekly=default_schedule(6).weekly))
        assert second.version == 2
        with pytest.raises(Conflict):
            hours.save(skpd, "S1", first)  # the version read is stale
        with pytest.raises(Conflict):
            hours.delete(skpd, "S1", 1)
        hours.delete(skpd, "S1", 2)
        assert hours.get(skpd, "S1") is None
        with pytest.raises(Conflict):
            hours.delete(skpd, "S1", 2)

    def test_discipline_rules_beside_the_hours(self, repos):
        from decimal import Decimal

        from chalicelib.domain.discipline import DEFAULT_RULES, Bands

        org, hours = repos
        skpd = _skpd(org)
        assert hours.rules(skpd) is None and hours.for_calendar(skpd, "S1") == (None, None, None)
        mine = replace(DEFAULT_RULES, bands=Bands((15, 45, 90)), late=(Decimal("0.25"), *DEFAULT_RULES.late[1:]))
        saved = hours.save_rules(skpd, mine, TimeZone.WITA)
        assert saved == replace(mine, version=1) and hours.rules(skpd) == saved
        with pytest.raises(Conflict):
            hours.save_rules(skpd, mine, TimeZone.WITA)  # version 0: they exist already
        own = hours.save(skpd, "S1", default_schedule(5, TimeZone.WITA))
        assert hours.for_calendar(skpd, "S1") == (own, None, saved)
        assert hours.for_calendar(skpd, None) == (None, None, saved)
        assert [s.satker_id for s in org.list_satker(skpd)] == ["S1"]
