"""One contract, two implementations: flagged check-ins in memory and in DynamoDB Local — one flag a session a day,
the version check, HR's queue per SKPD and across SKPDs (only what is FLAGGED, oldest check-in first, paged,
counted), a rejection that takes the session's check-in off its day and out of the satker's recap index; and the
attendance days keeping where each check-in was made, read back newest first."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from chalicelib.domain.attendance import Fix, Session
from chalicelib.domain.checkin_guard import CheckInFlag, FlagStatus, Travel, decide
from chalicelib.domain.errors import Conflict
from tests.support import make_nip, unique

AT = datetime(2026, 12, 7, 0, 30, tzinfo=UTC)
DAY = date(2026, 12, 7)
HR = "199001012015011001"


@pytest.fixture(params=["memory", "dynamodb"])
def repos(request):
    if request.param == "memory":
        from chalicelib.store.memory.attendance import InMemoryAttendanceRepository
        from chalicelib.store.memory.checkin_flags import InMemoryCheckInFlags

        attendance = InMemoryAttendanceRepository()

        def units(unit, day):
            return sorted(n for (n, d), u in attendance.units.items() if u == unit and d == day)

        return attendance, InMemoryCheckInFlags(attendance), units
    request.getfixturevalue("stack")
    from chalicelib.store.attendance import DynamoAttendanceRepository
    from chalicelib.store.checkin_flags import DynamoCheckInFlags
    from chalicelib.store.exports import ExportReads

    def indexed(unit, day):
        return sorted(ExportReads().attended_in_satker(*unit, day, day))

    return DynamoAttendanceRepository(), DynamoCheckInFlags(), indexed


def flag(nip: str, skpd: str, *, minutes: int = 0, session: Session = Session.SORE, day: date = DAY) -> CheckInFlag:
    move = Travel(day, Session.PAGI, 663_000.0, 1800.0, 1326.0)
    return CheckInFlag(
        nip,
        skpd,
        "SAT",
        day,
        session,
        AT + timedelta(minutes=minutes),
        ("IMPOSSIBLE_TRAVEL",),
        accuracy_m=12,
        travel=move,
    )


def test_one_flag_a_session_a_day_read_back_whole_and_version_checked(repos):
    _, flags, _ = repos
    nip, skpd = make_nip(), f"SKPD-F{unique()}"
    saved = flags.add(flag(nip, skpd))
    assert saved.version == 1 and flags.get(nip, DAY, Session.SORE) == saved
    assert saved.travel == Travel(DAY, Session.PAGI, 663_000.0, 1800.0, 1326.0)
    assert flags.get(nip, DAY, Session.PAGI) is None
    with pytest.raises(Conflict) as twice:
        flags.add(flag(nip, skpd))
    assert twice.value.code == "ALREADY_FLAGGED"
    approved = flags.decide(saved, decide(saved, FlagStatus.APPROVED, by=HR, at=AT))
    assert approved.version == 2 and flags.get(nip, DAY, Session.SORE) == approved
    assert approved.history[-1].changes["status"] == ["FLAGGED", "APPROVED"]
    with pytest.raises(Conflict) as stale:
        flags.decide(saved, decide(saved, FlagStatus.REJECTED, by=HR, at=AT, note="lama"))
    assert stale.value.code == "CONFLICT"


def test_hr_queue_holds_only_what_is_flagged_oldest_first_per_skpd_and_across(repos):
    _, flags, _ = repos
    skpd, other = f"SKPD-F{unique()}", f"SKPD-F{unique()}"
    made = [flags.add(flag(make_nip(), skpd, minutes=10 - n)) for n in range(3)]
    flags.add(flag(make_nip(), other, minutes=-500))
    assert flags.count_pending(skpd) == 3
    page, cursor = flags.pending(skpd, None, 2)
    assert [f.nip for f in page] == [made[2].nip, made[1].nip] and cursor
    rest, _ = flags.pending(skpd, cursor, 2)
    assert [f.nip for f in rest] == [made[0].nip]
    flags.decide(made[1], decide(made[1], FlagStatus.APPROVED, by=HR, at=AT))
    assert flags.count_pending(skpd) == 2
    assert [f.nip for f in flags.pending(skpd, None, 10)[0]] == [made[2].nip, made[0].nip]
    everywhere = flags.pending(None, None, 100)[0]
    assert {made[2].nip, made[0].nip} <= {f.nip for f in everywhere} and made[1].nip not in {f.nip for f in everywhere}
    assert flags.count_pending(None) >= 3


def test_a_rejection_removes_the_sessions_check_in_and_an_unattended_day_leaves_the_recap_index(repos):
    attendance, flags, indexed = repos
    unit = (f"SKPD-F{unique()}", "SAT")
    nip, other = make_nip(), make_nip()
    here = Fix(-6.2, 106.8166, AT, 12.0)
    attendance.check_in(nip, unit, DAY, Session.PAGI, time(7, 30), 20.0, fix=here)
    attendance.check_in(nip, unit, DAY, Session.SORE, time(16, 5), None, fix=replace(here, latitude=-7.25))
    day = attendance.get(nip, DAY)
    assert day.native_fixes == {Session.PAGI: here, Session.SORE: replace(here, latitude=-7.25)}
    evening = flags.add(flag(nip, unit[0]))
    flags.decide(evening, decide(evening, FlagStatus.REJECTED, by=HR, at=AT, note="Lokasi tidak wajar"))
    day = attendance.get(nip, DAY)
    assert (day.native_in, day.native_out, list(day.native_fixes)) == (time(7, 30), None, [Session.PAGI])
    assert nip in indexed(unit, DAY)  # the morning still stands

    attendance.check_in(other, unit, DAY, Session.PAGI, time(7, 40), None, fix=here)
    morning = flags.add(flag(other, unit[0], session=Session.PAGI))
    flags.decide(morning, decide(morning, FlagStatus.REJECTED, by=HR, at=AT, note="Bukan di kantor"))
    assert attendance.get(other, DAY).attended is False
    assert other not in indexed(unit, DAY)
    marked = attendance.get(other, DAY)
    assert marked.native_rejected == frozenset({Session.PAGI})  # read on the day by the next check-in
    with pytest.raises(Conflict) as again:  # the write's own condition refuses it too (a racing check-in)
        attendance.check_in(other, unit, DAY, Session.PAGI, time(8), None)
    assert again.value.code == "ALREADY_CHECKED_IN"


def test_a_flagged_check_in_and_its_flag_are_written_together_or_not_at_all(repos):
    attendance, flags, indexed = repos
    unit = (f"SKPD-F{unique()}", "SAT")
    nip = make_nip()
    here = Fix(-6.2, 106.8166, AT, 12.0)
    first = replace(flag(nip, unit[0], session=Session.PAGI), selfie_key="selfies/x/pagi.jpg")
    saved = flags.check_in(first, time(7, 30), 20.0, here)
    assert saved.version == 1 and flags.get(nip, DAY, Session.PAGI) == saved
    day = attendance.get(nip, DAY)
    assert (day.native_in, day.native_fixes, day.native_selfies) == (
        time(7, 30),
        {Session.PAGI: here},
        {Session.PAGI: "selfies/x/pagi.jpg"},
    )
    assert nip in indexed(unit, DAY)

    # both conditions fail (checked in, flagged): the attendance's is the one told, nothing changes
    with pytest.raises(Conflict) as twice:
        flags.check_in(replace(first, reasons=("UNKNOWN_DEVICE",)), time(7, 45), 5.0, None)
    assert twice.value.code == "ALREADY_CHECKED_IN"
    assert flags.get(nip, DAY, Session.PAGI) == saved and attendance.get(nip, DAY).native_in == time(7, 30)

    # … and a flag already there (its condition fails): the check-out is not recorded either
    evening = flags.add(flag(nip, unit[0]))
    with pytest.raises(Conflict) as flagged:
        flags.check_in(replace(flag(nip, unit[0]), selfie_key="selfies/x/sore.jpg"), time(16, 5), None, here)
    assert flagged.value.code == "ALREADY_FLAGGED"
    day = attendance.get(nip, DAY)
    assert (day.native_out, Session.SORE in day.native_fixes, day.native_selfies) == (
        None,
        False,
        {Session.PAGI: "selfies/x/pagi.jpg"},
    )
    assert flags.get(nip, DAY, Session.SORE) == evening

    # an unflagged check-out keeps its selfie on the day as well (one UpdateItem)
    attendance.check_in(nip, unit, DAY, Session.SORE, time(16, 10), None, selfie_key="selfies/x/sore2.jpg")
    assert attendance.get(nip, DAY).native_selfies[Session.SORE] == "selfies/x/sore2.jpg"


def test_a_failing_attendance_condition_writes_no_flag(repos):
    attendance, flags, _ = repos
    unit = (f"SKPD-F{unique()}", "SAT")
    nip = make_nip()
    attendance.check_in(nip, unit, DAY, Session.PAGI, time(7, 30), None)
    with pytest.raises(Conflict) as twice:
        flags.check_in(flag(nip, unit[0], session=Session.PAGI), time(7, 45), 5.0, None)
    assert twice.value.code == "ALREADY_CHECKED_IN"
    assert flags.get(nip, DAY, Session.PAGI) is None
    assert flags.count_pending(unit[0]) == 0


def test_the_latest_days_newest_first_for_the_previous_check_in(repos):
    attendance, _, _ = repos
    nip, unit = make_nip(), ("SKPD-F", "SAT")
    for back in (9, 3, 1, 0):
        day = DAY - timedelta(days=back)
        attendance.check_in(nip, unit, day, Session.PAGI, time(7), None, fix=Fix(-6.2, 106.8, AT - timedelta(back)))
    attendance.upsert_sync(nip, DAY + timedelta(days=1), time(7), None, unit)
    recent = attendance.recent(nip, DAY, 3)
    assert [d.day for d in recent] == [DAY, DAY - timedelta(days=1), DAY - timedelta(days=3)]
    assert recent[1].native_fixes[Session.PAGI].at == AT - timedelta(days=1)
