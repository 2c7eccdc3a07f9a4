"""Check-in/out, the month calendar, report templates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tests.support import attend, decide, report_body, today_wib


def _satker_with_office(factory, stack):
    from chalicelib.domain.identity import TimeZone
    from chalicelib.domain.organisation import OfficeLocation, Satker
    from chalicelib.store.organisation import DynamoOrgRepository

    skpd = factory.skpd()
    DynamoOrgRepository().save_satker(
        Satker(skpd[0], "PKM-BARU", "Puskesmas Baru", TimeZone.WIB, OfficeLocation(-6.2, 106.8166, 100))
    )
    return skpd[0], "PKM-BARU"


def test_check_in_inside_the_radius_once_a_day(http, factory, stack):
    nip = factory.employee(_satker_with_office(factory, stack))
    token = http.login(nip)
    status, error = http.call(
        "POST", "/attendance/check-in", {"session": "PAGI", "latitude": -6.21, "longitude": 106.8166}, token=token
    )
    assert (status, error["code"]) == (422, "OUTSIDE_OFFICE_RADIUS") and error["details"]["distance_m"] > 1000
    assert http.call("POST", "/attendance/check-in", {"session": "PAGI"}, token=token)[1]["code"] == "LOCATION_REQUIRED"
    assert (
        http.call("POST", "/attendance/check-in", {"session": "SIANG", "latitude": 0, "longitude": 0}, token=token)[0]
        == 400
    )
    assert (
        http.call("POST", "/attendance/check-in", {"session": "PAGI", "latitude": 91, "longitude": 0}, token=token)[0]
        == 400
    )
    status, body = http.call(
        "POST",
        "/attendance/check-in",
        {"session": "PAGI", "latitude": -6.2003, "longitude": 106.8168, "accuracy_m": 15},
        token=token,
    )
    assert status == 201 and body["session"] == "PAGI" and body["distance_m"] < 100 and body["timezone"] == "WIB"
    status, error = http.call(
        "POST", "/attendance/check-in", {"session": "pagi", "latitude": -6.2, "longitude": 106.8166}, token=token
    )
    assert (status, error["code"]) == (409, "ALREADY_CHECKED_IN")
    assert (
        http.call(
            "POST",
            "/attendance/check-in",
            {"session": "SORE", "latitude": -6.2, "longitude": 106.8166, "accuracy_m": 15},
            token=token,
        )[0]
        == 201
    )
    # the check-in is attendance: a report can now be filed for today
    assert http.call("POST", "/reports", report_body(body["date"]), token=token)[0] == 201


def test_check_in_without_office_needs_no_location(http, factory):
    from chalicelib.store.exports import ExportReads

    unit = factory.skpd()
    nip = factory.employee(unit)
    token = http.login(nip)
    status, body = http.call("POST", "/attendance/check-in", {"session": "PAGI"}, token=token)
    assert status == 201 and body["distance_m"] is None
    # a check-in puts the day in the satker's recap index
    today = today_wib()
    assert ExportReads().attended_in_satker(*unit, today, today) == {nip: {today}}


def test_calendar_shows_attendance_holidays_and_report_counts(http, factory):
    skpd = factory.skpd()
    boss = factory.employee(skpd)
    nip = factory.employee(skpd, supervisor=boss)
    token = http.login(nip)
    today = today_wib()
    attend(nip, today)
    attend(nip, today - timedelta(days=1))
    http.call("POST", "/reports", report_body(today, "08:00", "09:00"), token=token)
    _, second = http.call("POST", "/reports", report_body(today, "09:00", "10:00"), token=token)
    assert decide(http, http.login(boss), "report", second["report_id"], "APPROVE", version=1)[0] == 200
    status, month = http.call("GET", f"/attendance/calendar?month={today:%Y-%m}", token=token)
    assert status == 200 and month["month"] == f"{today:%Y-%m}"
    by_date = {d["date"]: d for d in month["days"]}
    day = by_date[str(today)]
    assert day["attended"] and day["sources"] == ["SYNC"] and day["check_in"] == "07:30"
    assert day["reports"] == {"SUBMITTED": 1, "APPROVED": 1, "REJECTED": 0}
    assert by_date[str(today - timedelta(days=1))]["reports"]["SUBMITTED"] == 0
    december = {d["date"]: d for d in http.call("GET", "/attendance/calendar?month=2026-12", token=token)[1]["days"]}
    assert december["2026-12-25"]["holiday"] == "Hari Raya Natal" and not december["2026-12-25"]["working_day"]
    assert december["2026-12-24"]["holiday"].startswith("Cuti Bersama")
    assert december["2026-12-26"]["weekend"] and not december["2026-12-23"]["attended"]
    assert len(december) == 31
    assert http.call("GET", "/attendance/calendar?month=2026-13", token=token)[1]["code"] == "INVALID_MONTH"


def test_calendar_shows_every_source_with_its_own_time(http, factory):
    """The machine's check-in and the app's check-out both show with their times; the day counts the earliest
    check-in and the latest check-out, and says which sessions are recorded."""
    skpd = factory.skpd()
    nip = factory.employee(skpd, supervisor=factory.employee(skpd))
    token = http.login(nip)
    today = today_wib()
    attend(nip, today, "07:27", None)
    status, out = http.call("POST", "/attendance/check-in", {"session": "SORE"}, token=token)
    assert status == 201, out
    month = http.call("GET", f"/attendance/calendar?month={today:%Y-%m}", token=token)[1]
    day = next(d for d in month["days"] if d["date"] == str(today))
    assert day["sources"] == ["SYNC", "NATIVE"] and day["recorded_sessions"] == ["PAGI", "SORE"]
    assert day["source_times"] == [
        {"source": "SYNC", "check_in": "07:27", "check_out": None, "sessions": ["PAGI"]},
        {"source": "NATIVE", "check_in": None, "check_out": out["time"], "sessions": ["SORE"]},
    ]
    assert (day["check_in"], day["check_out"]) == ("07:27", out["time"])
    other = next(d for d in month["days"] if d["date"] != str(today))
    assert other["source_times"] == [] and other["recorded_sessions"] == []


def test_today_is_the_employees_own_day(http, factory):
    """16:30 UTC is already tomorrow in WIT (UTC+9) but still today in WIB (UTC+7)."""
    from chalicelib.domain.accounts import Actor, Role
    from chalicelib.domain.identity import TimeZone
    from chalicelib.domain.reports import compose_content
    from chalicelib.services import container
    from tests.support import payload

    service = container.production(clock=lambda: datetime(2026, 11, 23, 16, 30, tzinfo=UTC)).reports
    content = compose_content(payload("ReportInput", report_body(date(2026, 11, 24))).sent())
    wit = Actor("1", "X", frozenset({Role.PEGAWAI}), timezone=TimeZone.WIT)
    wib = Actor("1", "X", frozenset({Role.PEGAWAI}), timezone=TimeZone.WIB)
    service._check_dates(wit, content)
    try:
        service._check_dates(wib, content)
    except Exception as exc:
        assert getattr(exc, "code", "") == "DATE_IN_FUTURE"
    else:
        raise AssertionError("24 November is still the future in WIB")


def test_templates_crud_and_use(http, factory):
    skpd = factory.skpd()
    nip = factory.employee(skpd)
    other = http.login(factory.employee(skpd))
    token = http.login(nip)
    attend(nip, today_wib())
    body = {
        "name": "Rapat koordinasi",
        "title": "Rapat koordinasi mingguan",
        "description": "Membahas capaian minggu ini.",
        "output": "Notulen rapat",
        "duration_minutes": 90,
    }
    status, template = http.call("POST", "/templates", body, token=token)
    assert status == 201 and template["version"] == 1
    tid = template["template_id"]
    assert http.call("GET", f"/templates/{tid}", token=other)[0] == 404
    assert [t["template_id"] for t in http.call("GET", "/templates", token=token)[1]["items"]] == [tid]
    for bad, code in (({**body, "duration_minutes": 0}, "INVALID_DURATION"), ({**body, "name": ""}, "REQUIRED")):
        assert http.call("POST", "/templates", bad, token=token)[1]["code"] == code
    status, report = http.call(
        "POST", "/reports", {"date": str(today_wib()), "start_time": "13:00", "template_id": tid}, token=token
    )
    assert status == 201, report
    assert (report["title"], report["end_time"], report["template_id"]) == ("Rapat koordinasi mingguan", "14:30", tid)
    status, report = http.call(
        "POST",
        "/reports",
        {
            "date": str(today_wib()),
            "start_time": "15:00",
            "end_time": "15:30",
            "title": "Rapat khusus",
            "template_id": tid,
        },
        token=token,
    )
    assert status == 201 and (report["title"], report["end_time"], report["output"]) == (
        "Rapat khusus",
        "15:30",
        "Notulen rapat",
    )
    late = {"date": str(today_wib()), "start_time": "23:00", "template_id": tid}
    assert http.call("POST", "/reports", late, token=token)[1]["code"] == "INVALID_TIME_RANGE"
    missing = {"date": str(today_wib()), "start_time": "08:00", "template_id": "tidakada"}
    assert http.call("POST", "/reports", missing, token=token)[1]["code"] == "TEMPLATE_NOT_FOUND"
    status, updated = http.call("PATCH", f"/templates/{tid}", {"duration_minutes": 60, "version": 1}, token=token)
    assert status == 200 and updated["duration_minutes"] == 60 and updated["version"] == 2
    assert http.call("PATCH", f"/templates/{tid}", {"name": "x", "version": 1}, token=token)[0] == 409
    assert http.call("DELETE", f"/templates/{tid}?version=1", token=token)[0] == 409
    assert http.call("DELETE", f"/templates/{tid}?version=2", token=token)[0] == 204
    assert http.call("GET", f"/templates/{tid}", token=token)[0] == 404
