"""HR closes a satker's month over HTTP (issue 20: "HR closes a month (then its figures are frozen and a change needs
a recorded correction, which the recap shows)"): closing, frozen figures, corrections, and every refusal."""

from __future__ import annotations

from datetime import date

import pytest

from tests.support import attend

NOVEMBER = "2026-11"
REASON = "Surat tugas 2 November diterima setelah rekap ditutup"


def _url(skpd, month: str = NOVEMBER, tail: str = "") -> str:
    return f"/skpd/{skpd[0]}/satker/{skpd[1]}/discipline/{month}{tail}"


@pytest.fixture
def unit(http, factory):
    """A satker with HR and two employees, Budi 12 minutes late on Monday 2 November 2026, Ani never in."""
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="Budi Atasan")
    ani = factory.employee(skpd, supervisor=boss, name="Ani")
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Hana")
    attend(boss, date(2026, 11, 2), "07:42", "16:00")
    return {"skpd": skpd, "boss": boss, "ani": ani, "hr": hr, "hr_token": http.login(hr)}


def _row(month, nip):
    return next(r for r in month["rows"] if r["nip"] == nip)


def _correction(nip: str, version: int, **changes):
    return {"nip": nip, "field": "marks.TL1", "new": 0, "reason": REASON, "version": version, **changes}


def test_hr_closes_a_past_month_and_its_figures_are_frozen(http, unit):
    skpd, token = unit["skpd"], unit["hr_token"]
    status, open_month = http.call("GET", _url(skpd), token=token)
    assert status == 200 and (open_month["status"], open_month["can_close"], open_month["version"]) == ("OPEN", True, 0)
    assert [r["name"] for r in open_month["rows"]] == ["Ani", "Budi Atasan", "Hana"]

    status, closed = http.call("POST", _url(skpd, tail="/closing"), token=token)
    assert status == 201, closed
    assert (closed["status"], closed["version"], closed["closed_by"], closed["closed_by_name"]) == (
        "CLOSED", 1, unit["hr"], "Hana",
    )  # fmt: skip
    assert closed["rows"] == open_month["rows"] and closed["can_close"] is False
    budi = _row(closed, unit["boss"])["figures"]
    assert (budi["late"]["TL1"], budi["late_minutes"], budi["days_attended"]) == (1, 12, 1)

    # a check-in synced later for the closed month changes the calendar, not the recap
    attend(unit["ani"], date(2026, 11, 3), "07:30", "16:00")
    status, again = http.call("GET", _url(skpd), token=token)
    assert status == 200 and again["rows"] == closed["rows"]
    assert _row(again, unit["ani"])["figures"]["days_attended"] == 0

    status, twice = http.call("POST", _url(skpd, tail="/closing"), token=token)
    assert (status, twice["code"]) == (409, "MONTH_CLOSED")


def test_a_correction_with_a_reason_changes_one_figure_and_is_listed(http, unit):
    skpd, token, budi = unit["skpd"], unit["hr_token"], unit["boss"]
    assert http.call("POST", _url(skpd, tail="/closing"), token=token)[0] == 201
    status, fixed = http.call(
        "POST", _url(skpd, tail="/corrections"), _correction(budi, 1, day="2026-11-02"), token=token
    )
    assert status == 201, fixed
    row = _row(fixed, budi)
    assert (row["figures"]["late"]["TL1"], row["corrected"], fixed["version"]) == (0, ["marks.TL1"], 2)
    [entry] = fixed["corrections"]
    assert {k: entry[k] for k in ("nip", "name", "field", "field_label", "old", "new", "reason", "day", "by")} == {
        "nip": budi, "name": "Budi Atasan", "field": "marks.TL1", "field_label": "Terlambat (TL1)", "old": 1,
        "new": 0, "reason": REASON, "day": "2026-11-02", "by": unit["hr"],
    }  # fmt: skip
    assert entry["by_name"] == "Hana" and entry["at"]

    # a stale version: someone corrected since it was read
    status, stale = http.call(
        "POST", _url(skpd, tail="/corrections"), _correction(budi, 1, field="days_absent"), token=token
    )
    assert (status, stale["code"]) == (409, "CONFLICT")
    deduction = _correction(budi, 2, field="deduction_percent", new=1.25)
    status, fixed = http.call("POST", _url(skpd, tail="/corrections"), deduction, token=token)
    assert status == 201 and _row(fixed, budi)["figures"]["deduction_percent"] == 1.25
    assert [(c["field"], c["old"], c["new"]) for c in fixed["corrections"]] == [
        ("marks.TL1", 1, 0),
        ("deduction_percent", 100.0, 1.25),
    ]
    # the employee's history and the officer's record it
    history = http.call("GET", f"/employees/{budi}/history", token=token)[1]["items"]
    assert {e["kind"] for e in history} == {"RECAP_CORRECTED"}


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"field": "marks.TL9"}, 400, "INVALID_FIGURE"),
        ({"field": ""}, 400, "REQUIRED"),
        ({"new": 1.5}, 400, "INVALID_CORRECTION"),
        ({"new": -2}, 400, "INVALID_CORRECTION"),
        ({"new": "0"}, 400, "INVALID_TYPE"),
        ({"field": "deduction_percent", "new": 120}, 400, "INVALID_CORRECTION"),
        ({"reason": "  "}, 400, "REQUIRED"),
        ({"reason": "singkat"}, 400, "INVALID_REASON"),
        ({"day": "2026-12-01"}, 400, "DAY_OUTSIDE_MONTH"),
        ({"day": "kemarin"}, 400, "INVALID_DATE"),
        ({"nip": "12"}, 400, "INVALID_NIP"),
        ({"version": None}, 400, "VERSION_REQUIRED"),
        ({"new": 1}, 422, "NOTHING_TO_CORRECT"),
        ({"nip": "199912312020121001"}, 404, "NOT_IN_RECAP"),
    ],
)
def test_a_correction_that_cannot_stand_is_refused_and_stores_nothing(http, unit, change, status, code):
    skpd, token = unit["skpd"], unit["hr_token"]
    assert http.call("POST", _url(skpd, tail="/closing"), token=token)[0] == 201
    sent = {**_correction(unit["boss"], 1), **change}
    answer = http.call("POST", _url(skpd, tail="/corrections"), sent, token=token)
    assert (answer[0], answer[1]["code"]) == (status, code), answer
    assert {"code", "message", "details"} <= answer[1].keys()
    month = http.call("GET", _url(skpd), token=token)[1]
    assert (month["version"], month["corrections"]) == (1, [])


def test_what_cannot_be_closed_or_corrected(http, unit, factory):
    skpd, token = unit["skpd"], unit["hr_token"]
    status, body = http.call("POST", _url(skpd, "2099-01", "/closing"), token=token)
    assert (status, body["code"]) == (422, "MONTH_NOT_OVER")
    status, body = http.call("POST", _url(skpd, tail="/corrections"), _correction(unit["boss"], 1), token=token)
    assert (status, body["code"]) == (409, "MONTH_OPEN")
    for month in ("2026-13", "November", "26-11"):
        status, body = http.call("GET", _url(skpd, month), token=token)
        assert (status, body["code"]) == (400, "INVALID_MONTH"), month
    status, body = http.call("GET", f"/skpd/{skpd[0]}/satker/TIDAK-ADA/discipline/{NOVEMBER}", token=token)
    assert (status, body["code"]) == (404, "SATKER_NOT_FOUND")
    assert http.call("POST", _url(skpd, tail="/closing"), token=token)[0] == 201
    status, body = http.call("POST", _url(skpd, tail="/corrections"), _correction(unit["hr"], 1), token=token)
    assert (status, body["code"]) == (403, "SELF_DECISION")


def test_only_hr_of_the_skpd_bkd_and_the_admin_reach_a_satker_month(http, unit, factory):
    skpd = unit["skpd"]
    other_hr = http.login(factory.employee(factory.skpd(), roles=("KEPEGAWAIAN",)))
    supervisor = http.login(unit["boss"])
    for token in (other_hr, supervisor):
        for method, tail, body in (
            ("GET", "", None),
            ("POST", "/closing", None),
            ("POST", "/corrections", _correction(unit["ani"], 1)),
        ):
            status, answer = http.call(method, _url(skpd, tail=tail), body, token=token)
            assert status == 403 and {"code", "message", "details"} <= answer.keys(), (tail, answer)
    bkd = http.login(factory.employee(factory.skpd(), roles=("BKD",)))
    status, closed = http.call("POST", _url(skpd, tail="/closing"), token=bkd)
    assert status == 201 and closed["status"] == "CLOSED"
    status, fixed = http.call("POST", _url(skpd, tail="/corrections"), _correction(unit["boss"], 1), token=bkd)
    assert status == 201 and fixed["version"] == 2
