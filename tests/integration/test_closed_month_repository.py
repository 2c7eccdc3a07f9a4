"""One contract, two implementations: closed months (issue 20) in memory and DynamoDB — closing once, two officers
closing at once, a stale closing retaken, corrections in order and conditional on the version read, audit with
each write."""

from __future__ import annotations

import threading
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from chalicelib.domain.audit import AuditKind, month_closed_events, recap_correction_events
from chalicelib.domain.discipline import MonthKey, MonthlyFigures, close_month, correct
from chalicelib.domain.errors import Conflict
from chalicelib.domain.identity import TimeZone

NOVEMBER = MonthKey(2026, 11)
HR, OTHER_HR = "197001012000011001", "197001012000011002"
STAFF = ("199001012020011001", "199001012020011002")
AT = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)


@pytest.fixture(params=["memory", "dynamodb"])
def repos(request):
    if request.param == "memory":
        from chalicelib.store.memory.audit import InMemoryAuditLog
        from chalicelib.store.memory.closed_months import InMemoryClosedMonths

        log = InMemoryAuditLog()
        return InMemoryClosedMonths(log), log
    request.getfixturevalue("stack")
    from chalicelib.store.audit import DynamoAuditLog
    from chalicelib.store.closed_months import DynamoClosedMonths

    return DynamoClosedMonths(), DynamoAuditLog()


def _row(nip: str, tl2: int = 1) -> MonthlyFigures:
    return MonthlyFigures(
        nip=nip,
        month=NOVEMBER,
        working_days=21,
        days_attended=19,
        days_absent=1,
        official_duty_days=0,
        leave_days={"SAKIT": 1},
        permissions={"IZIN_TERLAMBAT": 1},
        marks={"TL1": 2, "TL2": tl2, "TL3": 0, "TL4": 0, "PSW1": 1, "PSW2": 0, "PSW3": 0, "PSW4": 0},
        late_minutes=75,
        early_minutes=10,
        reports_filed=18,
        reports_approved=17,
        reports_rejected=1,
        reports_auto_approved=3,
        attended_without_approved_report=2,
        deduction_percent=Decimal("4.25"),
    )


def _month(satker: str, by: str = HR, at: datetime = AT, rows=STAFF):
    people = {nip: (f"Pegawai {nip[-1]}", "Analis") for nip in rows}
    return close_month(satker, NOVEMBER, [_row(n) for n in rows], by=by, at=at, zone=TimeZone.WIB, people=people)


def _officer() -> str:
    """A NIP of its own, so the DynamoDB audit table (which outlives a test) holds only this test's entries."""
    return f"1970{uuid.uuid4().int % 10**14:014d}"


def _unit() -> tuple[str, str]:
    return f"T{uuid.uuid4().hex[:8].upper()}", "S1"


def _events(month, by: str = HR, at: datetime = AT):
    return month_closed_events(by, at, skpd_id="X", satker_id=month.satker_id, month=month.month.key, rows=2)


class TestClosedMonthContract:
    def test_closing_freezes_the_rows_once_and_is_audited(self, repos):
        store, log = repos
        skpd, satker = _unit()
        assert store.get(skpd, satker, NOVEMBER) is None
        hr = _officer()
        month = _month(satker, by=hr)
        saved = store.close(skpd, month, _events(month, by=hr))
        assert saved.version == 1
        found = store.get(skpd, satker, NOVEMBER)
        assert found == replace(month, version=1)
        assert found.people[STAFF[0]] == ("Pegawai 1", "Analis") and found.current(STAFF[1]) == _row(STAFF[1])
        with pytest.raises(Conflict) as again:
            store.close(skpd, _month(satker, by=OTHER_HR), [])
        assert again.value.code == "MONTH_CLOSED"
        assert store.get(skpd, satker, NOVEMBER).closed_by == hr
        assert store.get(skpd, "S2", NOVEMBER) is None and store.get(skpd, satker, MonthKey(2026, 10)) is None
        [entry] = log.history(hr, None, 10)[0]
        assert (entry.kind, entry.details["month"], entry.at) == (AuditKind.MONTH_CLOSED, "2026-11", AT)

    def test_a_closing_under_way_refuses_another_until_it_is_stale(self, repos):
        store, _ = repos
        skpd, satker = _unit()
        store.begin(skpd, satker, NOVEMBER, OTHER_HR, AT)  # a closer that never finishes
        assert store.get(skpd, satker, NOVEMBER) is None  # readers wait for CLOSED
        with pytest.raises(Conflict) as busy:
            store.close(skpd, _month(satker, at=AT + timedelta(minutes=1)), [])
        assert busy.value.code == "MONTH_CLOSING"
        later = _month(satker, at=AT + timedelta(minutes=6), rows=STAFF[:1])
        store.close(skpd, later, [])
        found = store.get(skpd, satker, NOVEMBER)
        assert (found.closed_by, list(found.figures)) == (HR, [STAFF[0]])

    def test_of_two_officers_closing_at_once_one_wins(self, repos):
        store, _ = repos
        skpd, satker = _unit()
        outcomes: dict[str, str] = {}
        start = threading.Barrier(2)

        def close(by: str, rows) -> None:
            start.wait()
            try:
                store.close(skpd, _month(satker, by=by, rows=rows), [])
                outcomes[by] = "won"
            except Conflict as exc:
                outcomes[by] = exc.code

        threads = [
            threading.Thread(target=close, args=(HR, STAFF)),
            threading.Thread(target=close, args=(OTHER_HR, STAFF[:1])),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes.values())[-1] == "won" and list(outcomes.values()).count("won") == 1, outcomes
        assert set(outcomes.values()) - {"won"} <= {"MONTH_CLOSED", "MONTH_CLOSING"}
        winner = next(by for by, outcome in outcomes.items() if outcome == "won")
        found = store.get(skpd, satker, NOVEMBER)
        assert found.closed_by == winner and len(found.figures) == (2 if winner == HR else 1)

    def test_corrections_in_order_conditional_on_the_version_read(self, repos):
        store, log = repos
        skpd, satker = _unit()
        hr = _officer()  # this test's own officer
        store.close(skpd, _month(satker, by=hr), [])
        read = store.get(skpd, satker, NOVEMBER)
        at = AT + timedelta(days=2)
        reason = "Surat tugas 3 November diterima setelah rekap ditutup"
        first = correct(
            read, nip=STAFF[0], field="marks.TL2", new=0, reason=reason, by=hr, at=at, day=date(2026, 11, 3)
        )
        details = {"field": "marks.TL2", "old": 1, "new": 0, "month": "2026-11"}
        assert store.correct(skpd, first, recap_correction_events(STAFF[0], hr, at, details)).version == 2
        with pytest.raises(Conflict) as stale:  # made on version 1, which has moved on
            store.correct(
                skpd, correct(read, nip=STAFF[1], field="days_absent", new=0, reason=reason, by=hr, at=at), []
            )
        assert stale.value.code == "CONFLICT"
        now = store.get(skpd, satker, NOVEMBER)
        second = correct(now, nip=STAFF[0], field="deduction_percent", new=Decimal("3.75"), reason=reason, by=hr, at=at)
        store.correct(skpd, second, [])
        found = store.get(skpd, satker, NOVEMBER)
        assert found.version == 3 and found.corrections == second.corrections
        assert [(c.field, c.old, c.new, c.day) for c in found.corrections] == [
            ("marks.TL2", 1, 0, date(2026, 11, 3)),
            ("deduction_percent", Decimal("4.25"), Decimal("3.75"), None),
        ]
        row = found.current(STAFF[0])
        assert (row.marks["TL2"], row.deduction_percent) == (0, Decimal("3.75"))
        assert found.figures[STAFF[0]] == _row(STAFF[0])  # the frozen figures never change
        [mine] = log.history(hr, None, 10)[0]
        theirs = log.history(STAFF[0], None, 1)[0][0]
        assert (theirs.kind, theirs.by, theirs.details["field"]) == (AuditKind.RECAP_CORRECTED, hr, "marks.TL2")
        assert (mine.kind, mine.details["employee_nip"]) == (AuditKind.RECAP_CORRECTION_MADE, STAFF[0])


def test_rows_of_a_closing_that_lost_are_not_read(stack):
    """A closer that died after writing some rows: the closing that retakes the month shows only its own."""
    from chalicelib.store.closed_months import DynamoClosedMonths, month_key
    from chalicelib.store.models import ClosedMonthItem

    store = DynamoClosedMonths()
    skpd, satker = _unit()
    token = store.begin(skpd, satker, NOVEMBER, OTHER_HR, AT)
    ClosedMonthItem(month_key=month_key(skpd, satker, NOVEMBER), sk=f"ROW#{STAFF[1]}", token=token, nip=STAFF[1]).save()
    store.close(skpd, _month(satker, at=AT + timedelta(minutes=10), rows=STAFF[:1]), [])
    assert list(store.get(skpd, satker, NOVEMBER).figures) == [STAFF[0]]
