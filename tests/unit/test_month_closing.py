"""HR closes a satker's month (services/month_closing.py) over the in-memory twins: the live figures while open, the
frozen rows once closed, corrections recorded in order and in both people's history, and every refusal."""

from __future__ import annotations

from datetime import date, time

import pytest

from chalicelib.domain.accounts import Role
from chalicelib.domain.audit import AuditKind
from chalicelib.domain.discipline import MonthKey, figure_names
from chalicelib.domain.errors import BusinessRule, Conflict, Forbidden, NotFound, ValidationError
from chalicelib.domain.identity import TimeZone
from chalicelib.domain.organisation import Satker, Skpd
from tests.support import payload
from tests.unit.world import SATKER, SKPD, Clock, World, actor, at

NOVEMBER = "2026-11"
REASON = "Surat tugas 2 November diterima setelah rekap ditutup"


@pytest.fixture
def world() -> World:
    made = World(Clock(at("2026-12-03 03:00")))  # Thursday 3 December, 10.00 WIB: November is over
    made.org.save_skpd(Skpd(SKPD, "Dinas Kesehatan", TimeZone.WIB, city="Bandung"))
    made.org.save_satker(Satker(SKPD, SATKER, "Puskesmas Kota", TimeZone.WIB))
    return made


@pytest.fixture
def people(world):
    hr = world.person(name="Hana")
    budi = world.person(name="Budi")
    ani = world.person(name="ani")
    world.attendance.upsert_sync(budi.nip, date(2026, 11, 2), time(7, 42), time(16), (SKPD, SATKER))
    return {"hr": actor(hr, Role.KEPEGAWAIAN), "budi": budi, "ani": ani, "hr_nip": hr.nip}


def _fix(nip: str, field: str = "marks.TL1", new: float = 0, version: int = 1, **extra):
    return payload(
        "MonthCorrectionInput",
        {"nip": nip, "field": field, "new": new, "reason": REASON, "version": version, **extra},
    )


def test_an_open_month_shows_the_live_figures_and_whether_it_can_close(world, people):
    month = world.services.month_closing.view(people["hr"], SKPD, SATKER, NOVEMBER)
    assert (month["status"], month["can_close"], month["version"], month["month_label"]) == (
        "OPEN", True, 0, "November 2026",
    )  # fmt: skip
    assert [r["name"] for r in month["rows"]] == ["ani", "Budi", "Hana"]
    budi = month["rows"][1]["figures"]
    assert (budi["working_days"], budi["days_attended"], budi["late"]["TL1"], budi["late_minutes"]) == (21, 1, 1, 12)
    assert [f["field"] for f in month["figure_fields"]] == list(figure_names())
    december = world.services.month_closing.view(people["hr"], SKPD, SATKER, "2026-12")
    assert (december["status"], december["can_close"]) == ("OPEN", False)


def test_closing_freezes_the_figures_and_a_later_check_in_changes_nothing(world, people):
    closing = world.services.month_closing
    closed = closing.close(people["hr"], SKPD, SATKER, NOVEMBER)
    assert (closed["status"], closed["version"], closed["closed_by"], closed["closed_by_name"]) == (
        "CLOSED", 1, people["hr_nip"], "Hana",
    )  # fmt: skip
    assert closed["closed_at"] == "2026-12-03T03:00:00+00:00" and closed["can_close"] is False
    world.attendance.upsert_sync(people["ani"].nip, date(2026, 11, 3), time(7, 30), time(16), (SKPD, SATKER))
    again = closing.view(people["hr"], SKPD, SATKER, NOVEMBER)
    assert again["rows"] == closed["rows"] and again["rows"][0]["figures"]["days_attended"] == 0
    with pytest.raises(Conflict) as twice:
        closing.close(people["hr"], SKPD, SATKER, NOVEMBER)
    assert twice.value.code == "MONTH_CLOSED"
    [entry] = world.repositories.audit.history(people["hr_nip"], None, 10)[0]
    assert (entry.kind, entry.details["month"], entry.details["rows"]) == (AuditKind.MONTH_CLOSED, NOVEMBER, 3)


def test_a_correction_changes_one_figure_and_is_listed(world, people):
    closing, budi = world.services.month_closing, people["budi"]
    closing.close(people["hr"], SKPD, SATKER, NOVEMBER)
    world.clock.advance(hours=2)
    fixed = closing.correct(people["hr"], SKPD, SATKER, NOVEMBER, _fix(budi.nip, day="2026-11-02"))
    row = next(r for r in fixed["rows"] if r["nip"] == budi.nip)
    assert (row["figures"]["late"]["TL1"], row["corrected"], fixed["version"]) == (0, ["marks.TL1"], 2)
    assert row["figures"]["late_minutes"] == 12  # one figure at a time: HR corrects the others if they should
    assert fixed["corrections"] == [
        {"nip": budi.nip, "name": "Budi", "field": "marks.TL1", "field_label": "Terlambat (TL1)", "old": 1, "new": 0,
         "reason": REASON, "day": "2026-11-02", "by": people["hr_nip"], "by_name": "Hana",
         "at": "2026-12-03T05:00:00+00:00"},
    ]  # fmt: skip
    deduction = closing.correct(people["hr"], SKPD, SATKER, NOVEMBER, _fix(budi.nip, "deduction_percent", 1.25, 2))
    assert next(r for r in deduction["rows"] if r["nip"] == budi.nip)["figures"]["deduction_percent"] == 1.25
    assert deduction["corrections"][1]["old"] == 100.0 and deduction["corrections"][1]["new"] == 1.25
    theirs = world.repositories.audit.history(budi.nip, None, 10)[0]
    assert [e.kind for e in theirs] == [AuditKind.RECAP_CORRECTED] * 2
    first = next(e for e in theirs if e.details["field"] == "marks.TL1")
    assert (first.details["old"], first.details["new"], first.details["day"], first.by) == (
        1, 0, "2026-11-02", people["hr_nip"],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("change", "error", "code"),
    [
        ({"version": 2}, Conflict, "CONFLICT"),
        ({"field": "marks.TL9"}, ValidationError, "INVALID_FIGURE"),
        ({"new": 1.5}, ValidationError, "INVALID_CORRECTION"),
        ({"new": -1}, ValidationError, "INVALID_CORRECTION"),
        ({"field": "deduction_percent", "new": 101}, ValidationError, "INVALID_CORRECTION"),
        ({"day": "2026-12-01"}, ValidationError, "DAY_OUTSIDE_MONTH"),
        ({"new": 1}, BusinessRule, "NOTHING_TO_CORRECT"),
        ({"reason": "salah"}, ValidationError, "INVALID_REASON"),
    ],
)
def test_a_correction_that_cannot_stand_stores_nothing(world, people, change, error, code):
    closing = world.services.month_closing
    closing.close(people["hr"], SKPD, SATKER, NOVEMBER)
    sent = {"nip": people["budi"].nip, "field": "marks.TL1", "new": 0, "reason": REASON, "version": 1, **change}
    with pytest.raises(error) as refused:
        closing.correct(people["hr"], SKPD, SATKER, NOVEMBER, payload("MonthCorrectionInput", sent))
    assert refused.value.code == code
    month = closing.view(people["hr"], SKPD, SATKER, NOVEMBER)
    assert (month["version"], month["corrections"]) == (1, [])


def test_who_may_close_and_correct(world, people):
    closing, hr = world.services.month_closing, people["hr"]
    with pytest.raises(Conflict) as open_month:
        closing.correct(hr, SKPD, SATKER, NOVEMBER, _fix(people["budi"].nip))
    assert open_month.value.code == "MONTH_OPEN"
    with pytest.raises(BusinessRule) as early:
        closing.close(hr, SKPD, SATKER, "2026-12")
    assert early.value.code == "MONTH_NOT_OVER"
    for outsider in (actor(people["budi"]), actor(world.person(skpd="DISDIK"), Role.KEPEGAWAIAN)):
        for attempt in (
            lambda who: closing.view(who, SKPD, SATKER, NOVEMBER),
            lambda who: closing.close(who, SKPD, SATKER, NOVEMBER),
        ):
            with pytest.raises(Forbidden):
                attempt(outsider)
    bkd = actor(world.person(skpd="BKD"), Role.BKD)
    closing.close(bkd, SKPD, SATKER, NOVEMBER)
    with pytest.raises(Forbidden) as own:
        closing.correct(hr, SKPD, SATKER, NOVEMBER, _fix(people["hr_nip"]))
    assert own.value.code == "SELF_DECISION"
    with pytest.raises(NotFound):
        closing.view(hr, SKPD, "TIDAK-ADA", NOVEMBER)
    with pytest.raises(ValidationError) as month:
        closing.view(hr, SKPD, SATKER, "2026-13")
    assert month.value.code == "INVALID_MONTH"


def test_the_frozen_rows_keep_who_was_there(world, people):
    closing = world.services.month_closing
    closing.close(people["hr"], SKPD, SATKER, NOVEMBER)
    moved = people["ani"]
    world.employees.save(type(moved)(**{**moved.__dict__, "satker_id": "LAIN", "name": "Ani Pindah"}))
    rows = closing.view(people["hr"], SKPD, SATKER, NOVEMBER)["rows"]
    assert [r["name"] for r in rows] == ["ani", "Budi", "Hana"]
    assert world.repositories.closed_months.get(SKPD, SATKER, MonthKey(2026, 11)).people[moved.nip][0] == "ani"


def test_every_figure_a_correction_may_change_has_an_indonesian_label():
    from chalicelib.domain.discipline import figure_label

    labels = {name: figure_label(name) for name in figure_names()}
    assert labels["days_absent"] == "Tidak masuk tanpa keterangan (TK)"
    assert (labels["leave_days.SAKIT"], labels["permissions.IZIN_TERLAMBAT"]) == ("Cuti Sakit", "Izin terlambat")
    assert (labels["marks.TL2"], labels["marks.PSW4"]) == ("Terlambat (TL2)", "Pulang sebelum waktunya (PSW4)")
    assert len(set(labels.values())) == len(labels)
    with pytest.raises(KeyError):
        figure_label("nip")
