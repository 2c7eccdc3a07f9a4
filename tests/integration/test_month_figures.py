"""The employee's month in figures over HTTP (issue 20, "the monthly recap"): the calendar's ``figures``."""

from __future__ import annotations

from datetime import date, timedelta

from tests.support import attend

NOVEMBER = [date(2026, 11, 1) + timedelta(days=n) for n in range(30)]


def _month_of_mixed_attendance(factory) -> tuple[tuple[str, str], str]:
    """November 2026 (over): every working day on time but Monday the 2nd 12 minutes late (TL1), Tuesday the 3rd
    nothing at all (TK) and Wednesday the 4th on approved leave."""
    from chalicelib.domain.leave import Verdict, consider
    from chalicelib.store.leave import DynamoLeaveRepository
    from tests.integration.test_leave import _request

    skpd = factory.skpd()
    boss = factory.employee(skpd)
    nip = factory.employee(skpd, supervisor=boss)
    for day in NOVEMBER:
        if day.weekday() < 5 and day not in (date(2026, 11, 3), date(2026, 11, 4)):
            attend(nip, day, "07:42" if day == date(2026, 11, 2) else "07:25", "16:35")
    store = DynamoLeaveRepository()
    created = store.create(_request(nip, skpd, boss, date(2026, 11, 4)), store.calendar(nip), {})
    store.change(
        created, consider(created, Verdict.APPROVED, by=boss, at=created.applied_at, note=None), store.calendar(nip)
    )
    return skpd, nip


def test_the_employee_sees_the_month_figures(http, factory):
    _, nip = _month_of_mixed_attendance(factory)
    status, month = http.call("GET", "/attendance/calendar?month=2026-11", token=http.login(nip))
    assert status == 200
    figures = month["figures"]
    working = sum(1 for d in month["days"] if d["discipline"] and d["discipline"]["mark"] != "LIBUR")
    assert (figures["month"], figures["month_label"], figures["through"]) == ("2026-11", "November 2026", "2026-11-30")
    assert figures["working_days"] == working
    assert figures["days_attended"] == working - 2
    assert figures["days_absent"] == 1
    assert figures["late"] == {"TL1": 1, "TL2": 0, "TL3": 0, "TL4": 0}
    assert figures["early"] == {"PSW1": 0, "PSW2": 0, "PSW3": 0, "PSW4": 0}
    assert (figures["late_minutes"], figures["early_minutes"]) == (12, 0)
    assert figures["leave_days"] == [{"type": "ALASAN_PENTING", "label": "Cuti Karena Alasan Penting", "days": 1}]
    assert figures["permissions"] == [] and figures["official_duty_days"] == 0
    assert (figures["reports_filed"], figures["reports_approved"], figures["reports_rejected"]) == (0, 0, 0)
    assert figures["attended_without_approved_report"] == working - 2
    # the documented defaults: TL1 0,5 % + one day absent without reason 2,5 %
    assert (figures["deduction_percent"], figures["rules_source"]) == (3.0, "DEFAULT")


def test_a_month_not_begun_has_no_figures_yet(http, factory):
    skpd = factory.skpd()
    nip = factory.employee(skpd)
    figures = http.call("GET", "/attendance/calendar?month=2099-01", token=http.login(nip))[1]["figures"]
    assert (figures["through"], figures["working_days"], figures["deduction_percent"]) == (None, 0, 0.0)


def _rules(version: int = 0, **changes):
    return {
        "bands": [30, 60, 90],
        "late": [1, 1.5, 2, 3],
        "early": [0.5, 1, 1.25, 1.5],
        "absent_per_day": 3,
        "absent_full_after": 10,
        "version": version,
        **changes,
    }


def test_hr_sets_the_skpd_rules_and_the_figures_follow_them(http, factory):
    skpd, nip = _month_of_mixed_attendance(factory)
    url = f"/skpd/{skpd[0]}/discipline-rules"
    hr = http.login(factory.employee(skpd, roles=("KEPEGAWAIAN",)))
    status, found = http.call("GET", url, token=hr)
    assert status == 200 and (found["source"], found["version"]) == ("DEFAULT", 0)
    assert (found["late"], found["absent_per_day"], found["bands"]) == ([0.5, 1, 1.25, 1.5], 2.5, [30, 60, 90])
    assert found["defaults"]["late"] == [0.5, 1, 1.25, 1.5]

    status, saved = http.call("PUT", url, _rules(), token=hr)
    assert status == 200, saved
    assert (saved["source"], saved["version"], saved["late"], saved["absent_per_day"]) == ("SKPD", 1, [1, 1.5, 2, 3], 3)
    assert http.call("GET", url, token=hr)[1]["version"] == 1
    # stale: version 0 once they exist
    assert http.call("PUT", url, _rules(), token=hr)[0] == 409

    figures = http.call("GET", "/attendance/calendar?month=2026-11", token=http.login(nip))[1]["figures"]
    # TL1 1 % + one day absent without reason 3 %
    assert (figures["deduction_percent"], figures["rules_source"]) == (4.0, "SKPD")

    # narrower bands move the 12 minutes late to TL2 in the calendar and the figures
    assert http.call("PUT", url, _rules(1, bands=[10, 60, 90]), token=hr)[0] == 200
    month = http.call("GET", "/attendance/calendar?month=2026-11", token=http.login(nip))[1]
    assert {d["date"]: d["discipline"] for d in month["days"]}["2026-11-02"]["mark"] == "TL2"
    assert month["figures"]["late"]["TL2"] == 1 and month["figures"]["deduction_percent"] == 4.5


def test_rules_refusals_name_the_field_and_the_scope(http, factory):
    skpd = factory.skpd()
    url = f"/skpd/{skpd[0]}/discipline-rules"
    hr = http.login(factory.employee(skpd, roles=("KEPEGAWAIAN",)))
    for body, field, code in (
        (_rules(late=[0.5, 1, 101, 1.5]), "late.2", "INVALID_PERCENT"),
        (_rules(early=[0.5, -1, 1.25, 1.5]), "early.1", "INVALID_PERCENT"),
        (_rules(bands=[30, 20, 90]), "bands", "INVALID_BANDS"),
        (_rules(absent_per_day=250), "absent_per_day", "INVALID_PERCENT"),
        (_rules(absent_full_after=0), "absent_full_after", "INVALID_STREAK"),
    ):
        status, refused = http.call("PUT", url, body, token=hr)
        assert (status, refused["code"], refused["details"]["field"]) == (400, code, field), refused
    status, refused = http.call("PUT", url, _rules(late=[1, 2]), token=hr)
    assert status == 400 and refused["details"]["field"].startswith("late")
    status, refused = http.call("PUT", url, {k: v for k, v in _rules().items() if k != "version"}, token=hr)
    assert (status, refused["code"]) == (400, "VERSION_REQUIRED")

    # the employee, another SKPD's HR: 403; BKD serves every SKPD; an unknown SKPD is 404 to it
    pegawai = http.login(factory.employee(skpd))
    assert http.call("GET", url, token=pegawai)[0] == 403
    assert http.call("PUT", url, _rules(), token=pegawai)[0] == 403
    other = factory.skpd()
    other_hr = http.login(factory.employee(other, roles=("KEPEGAWAIAN",)))
    assert http.call("GET", url, token=other_hr)[0] == 403
    assert http.call("PUT", url, _rules(), token=other_hr)[0] == 403
    bkd = http.login(factory.employee(other, roles=("BKD",)))
    assert http.call("PUT", url, _rules(), token=bkd)[0] == 200
    assert http.call("GET", "/skpd/NOPE/discipline-rules", token=bkd)[0] == 404
