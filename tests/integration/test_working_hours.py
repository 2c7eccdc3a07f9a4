"""Working hours over HTTP (issue 20): HR sets an SKPD's default and a satker's own, with exceptions; refusals;
and each day's class in the employee's calendar."""

from __future__ import annotations

from datetime import date

from tests.support import attend

FIVE_DAYS = {
    **{str(d): {"check_in": "07:30", "check_out": "16:00", "break_minutes": 60} for d in range(4)},
    "4": {"check_in": "07:30", "check_out": "16:30", "break_minutes": 90},
}
RAMADAN = {
    "first": "2027-02-08",
    "last": "2027-03-09",
    "note": "Jam kerja bulan Ramadan",
    "hours": {
        **{str(d): {"check_in": "08:00", "check_out": "15:00", "break_minutes": 30} for d in range(4)},
        "4": {"check_in": "08:00", "check_out": "15:30", "break_minutes": 60},
    },
}


def _body(version: int = 0, **changes):
    return {"days_per_week": 5, "weekly": FIVE_DAYS, "exceptions": [], "version": version, **changes}


def test_hr_sets_the_skpd_default_and_a_satker_own_hours(http, factory):
    skpd = factory.skpd()
    hr = http.login(factory.employee(skpd, roles=("KEPEGAWAIAN",)))
    base = f"/skpd/{skpd[0]}"
    status, shown = http.call("GET", f"{base}/working-hours", token=hr)
    assert status == 200 and shown["source"] == "DEFAULT" and shown["version"] == 0
    assert shown["weekly"]["0"] == {
        "check_in": "07:30",
        "check_out": "16:00",
        "break_minutes": 60,
        "label": "07.30–16.00",
    }
    assert shown["weekly_net_minutes"] == 2250 and shown["weekday_labels"][0] == "Senin"

    status, saved = http.call("PUT", f"{base}/working-hours", _body(exceptions=[RAMADAN]), token=hr)
    assert status == 200 and saved["source"] == "SKPD" and saved["version"] == 1
    assert saved["exceptions"][0]["label"] == "8 Februari 2027 s.d. 9 Maret 2027"
    assert saved["exceptions"][0]["hours"]["4"]["check_out"] == "15:30"
    # a stale version loses
    assert http.call("PUT", f"{base}/working-hours", _body(), token=hr)[0] == 409

    satker = f"{base}/satker/{skpd[1]}/working-hours"
    status, inherited = http.call("GET", satker, token=hr)
    assert status == 200 and inherited["source"] == "SKPD" and inherited["version"] == 0
    assert inherited["exceptions"][0]["note"] == "Jam kerja bulan Ramadan"
    six = {
        **{str(d): {"check_in": "07:30", "check_out": "14:30", "break_minutes": 30} for d in range(5)},
        "5": {"check_in": "07:30", "check_out": "12:30"},
    }
    day_off = {"first": "2027-01-04", "last": "2027-01-04", "note": "Kerja bakti", "off": True}
    status, own = http.call("PUT", satker, _body(days_per_week=6, weekly=six, exceptions=[day_off]), token=hr)
    assert status == 200 and own["source"] == "SATKER" and own["days_per_week"] == 6 and own["version"] == 1
    assert own["weekly"]["5"]["label"] == "07.30–12.30" and own["exceptions"][0]["off"]

    # the satker's staff see their own satker's hours
    pegawai = http.login(factory.employee(skpd))
    status, mine = http.call("GET", "/me/working-hours", token=pegawai)
    assert status == 200 and mine["source"] == "SATKER" and mine["days_per_week"] == 6

    # removing the satker's own: it follows the SKPD's again
    status, back = http.call("DELETE", f"{satker}?version=1", token=hr)
    assert status == 200 and back["source"] == "SKPD" and back["days_per_week"] == 5
    assert http.call("GET", "/me/working-hours", token=pegawai)[1]["source"] == "SKPD"


def test_refusals_name_the_field_and_the_scope(http, factory):
    skpd = factory.skpd()
    hr = http.login(factory.employee(skpd, roles=("KEPEGAWAIAN",)))
    url = f"/skpd/{skpd[0]}/working-hours"
    backwards = {**FIVE_DAYS, "2": {"check_in": "16:00", "check_out": "07:30"}}
    status, body = http.call("PUT", url, _body(weekly=backwards), token=hr)
    assert status == 400 and body["code"] == "CHECK_OUT_NOT_AFTER_IN"
    assert body["details"]["field"] == "weekly.2.check_out" and "Rabu" in body["message"]
    missing = {k: v for k, v in FIVE_DAYS.items() if k != "4"}
    status, body = http.call("PUT", url, _body(weekly=missing), token=hr)
    assert status == 400 and (body["code"], body["details"]["field"]) == ("WORK_HOURS_MISSING", "weekly.4")
    overlapping = [RAMADAN, {**RAMADAN, "first": "2027-03-01", "last": "2027-03-02", "note": "Lagi"}]
    status, body = http.call("PUT", url, _body(exceptions=overlapping), token=hr)
    assert status == 400 and (body["code"], body["details"]["field"]) == ("EXCEPTION_OVERLAP", "exceptions.1.first")
    status, body = http.call("PUT", url, _body(days_per_week=7), token=hr)
    assert status == 400 and body["code"] == "INVALID_WORK_PATTERN" and body["details"]["field"] == "days_per_week"
    status, body = http.call("PUT", url, {k: v for k, v in _body().items() if k != "version"}, token=hr)
    assert status == 400 and body["code"] == "VERSION_REQUIRED"

    # another SKPD's HR, and an employee of this one, may not write (nor HR of another SKPD read)
    other = factory.skpd()
    stranger = http.login(factory.employee(other, roles=("KEPEGAWAIAN",)))
    assert http.call("PUT", url, _body(), token=stranger)[0] == 403
    assert http.call("GET", url, token=stranger)[0] == 403
    pegawai = http.login(factory.employee(skpd))
    assert http.call("PUT", url, _body(), token=pegawai)[0] == 403
    assert http.call("PUT", f"/skpd/{skpd[0]}/satker/{skpd[1]}/working-hours", _body(), token=pegawai)[0] == 403
    # BKD serves every SKPD
    bkd = http.login(factory.employee(other, roles=("BKD",)))
    assert http.call("PUT", url, _body(), token=bkd)[0] == 200
    assert http.call("GET", f"/skpd/{skpd[0]}/satker/NOPE/working-hours", token=hr)[0] == 404


def test_the_calendar_shows_each_day_class(http, factory):
    """November 2026 (over): Monday the 2nd late 12 minutes, Tuesday nothing at all, Wednesday on leave, Friday
    left at 16.00 (expected 16.30), Saturday a day off."""
    from chalicelib.domain.leave import Verdict, consider
    from chalicelib.store.leave import DynamoLeaveRepository
    from tests.integration.test_leave import _request

    skpd = factory.skpd()
    boss = factory.employee(skpd)
    nip = factory.employee(skpd, supervisor=boss)
    attend(nip, date(2026, 11, 2), "07:42", "16:05")
    attend(nip, date(2026, 11, 6), "07:20", "16:00")
    attend(nip, date(2026, 11, 9), "07:29", "16:31")
    store = DynamoLeaveRepository()
    created = store.create(_request(nip, skpd, boss, date(2026, 11, 4)), store.calendar(nip), {})
    store.change(
        created, consider(created, Verdict.APPROVED, by=boss, at=created.applied_at, note=None), store.calendar(nip)
    )

    token = http.login(nip)
    status, month = http.call("GET", "/attendance/calendar?month=2026-11", token=token)
    assert status == 200
    days = {d["date"]: d["discipline"] for d in month["days"]}
    late = days["2026-11-02"]
    assert (late["mark"], late["check_in_mark"], late["minutes_late"]) == ("TL1", "TL1", 12)
    assert late["short"] == "TL1" and late["expected"] == "07.30–16.00"
    assert late["mark_label"] == "Masuk: Terlambat 1–30 menit (TL1) · 12 menit; Pulang: Tepat waktu"
    assert days["2026-11-03"]["mark"] == "TANPA_KETERANGAN"
    assert days["2026-11-03"]["mark_label"] == "Tidak masuk tanpa keterangan"
    assert days["2026-11-04"]["mark"] == "CUTI" and days["2026-11-04"]["short"] == "Cuti"
    early = days["2026-11-06"]
    assert (early["mark"], early["minutes_early"], early["short"]) == ("PSW1", 30, "PSW1")
    assert days["2026-11-07"]["mark"] == "LIBUR" and days["2026-11-08"]["short"] == "Libur"
    assert days["2026-11-09"]["mark"] == "TEPAT_WAKTU" and days["2026-11-09"]["short"] == "Tepat"

    # HR moves the satker's check-in to 08.00: the 2nd is on time now
    hr = http.login(factory.employee(skpd, roles=("KEPEGAWAIAN",)))
    later = {**FIVE_DAYS, "0": {"check_in": "08:00", "check_out": "16:00"}}
    url = f"/skpd/{skpd[0]}/satker/{skpd[1]}/working-hours"
    assert http.call("PUT", url, _body(weekly=later), token=hr)[0] == 200
    month = http.call("GET", "/attendance/calendar?month=2026-11", token=token)[1]
    assert {d["date"]: d["discipline"] for d in month["days"]}["2026-11-02"]["mark"] == "TEPAT_WAKTU"


def test_an_approved_permission_overrides_its_session_in_the_calendar(http, factory):
    """November 2026: an approved izin pulang cepat excuses leaving at 14.00 on Tuesday the 10th; a submitted
    (undecided) izin terlambat on Wednesday the 11th excuses nothing."""
    from datetime import UTC, datetime

    from chalicelib.domain.discipline import Permission, PermissionKind, PermissionStatus
    from chalicelib.domain.discipline.permissions import permission_id
    from chalicelib.store.permissions import DynamoPermissionRepository

    skpd = factory.skpd()
    boss = factory.employee(skpd)
    nip = factory.employee(skpd, supervisor=boss)
    attend(nip, date(2026, 11, 10), "07:25", "14:00")
    attend(nip, date(2026, 11, 11), "08:15", "16:00")
    store = DynamoPermissionRepository()
    for n, (day, kind, status) in enumerate(
        (
            (date(2026, 11, 10), PermissionKind.IZIN_PULANG_CEPAT, PermissionStatus.APPROVED),
            (date(2026, 11, 11), PermissionKind.IZIN_TERLAMBAT, PermissionStatus.SUBMITTED),
        )
    ):
        store.add(
            Permission(
                permission_id(nip, day, f"t{n}ab"),
                f"IZN/2026/99{n:04d}",
                nip,
                skpd[0],
                skpd[1],
                kind,
                day,
                "Keperluan keluarga yang mendesak",
                status,
                datetime(2026, 11, 9, 1, tzinfo=UTC),
                supervisor_nip=boss,
            )
        )
    days = {
        d["date"]: d["discipline"]
        for d in http.call("GET", "/attendance/calendar?month=2026-11", token=http.login(nip))[1]["days"]
    }
    assert (days["2026-11-10"]["check_in_mark"], days["2026-11-10"]["check_out_mark"]) == ("TEPAT_WAKTU", "IZIN")
    assert days["2026-11-10"]["short"] == "Izin" and days["2026-11-10"]["mark_label"].endswith("Pulang: Izin")
    assert (days["2026-11-11"]["mark"], days["2026-11-11"]["minutes_late"]) == ("TL2", 45)
