"""A check-in that resists fraud, over HTTP (issue 20): a fix too coarse for the office radius is refused and
nothing is stored; impossible travel between two check-ins is recorded and flagged; the flagged check-in reaches
HR of the SKPD in the one inbox, who keeps it (approve) or removes it (reject) — every decision recorded."""

from __future__ import annotations

import pytest

from tests.support import decide, queue, today_wib
from tests.unit.test_checkin_guard import _declaring

JAKARTA = {"latitude": -6.2, "longitude": 106.8166}
SURABAYA = {"latitude": -7.2575, "longitude": 112.7521}  # ~660 km away: not in a few seconds


def _office(factory) -> tuple[str, str]:
    """An SKPD whose satker has an office radius of 100 m at JAKARTA."""
    from chalicelib.domain.identity import TimeZone
    from chalicelib.domain.organisation import OfficeLocation, Satker
    from chalicelib.store.organisation import DynamoOrgRepository

    skpd = factory.skpd()
    DynamoOrgRepository().save_satker(
        Satker(skpd[0], "PKM-UJI", "Puskesmas Uji", TimeZone.WIB, OfficeLocation(-6.2, 106.8166, 100))
    )
    return skpd[0], "PKM-UJI"


@pytest.fixture
def unit(http, factory):
    """An SKPD whose check-ins are not checked for devices (this test is about location), its employee and HR."""
    skpd = factory.skpd()
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Petugas Kepegawaian Uji")
    hr_token = http.login(hr)
    rules = {"device_policy": "OFF", "max_speed_kmh": 200, "version": 0}
    status, saved = http.call("PUT", f"/skpd/{skpd[0]}/check-in-rules", rules, token=hr_token)
    assert status == 200, saved
    return {"skpd": skpd, "hr": hr, "hr_token": hr_token}


def _day(http, token: str) -> dict:
    status, calendar = http.call("GET", "/attendance/calendar", token=token)
    assert status == 200, calendar
    return next(d for d in calendar["days"] if d["date"] == today_wib().isoformat())


def test_a_fix_wider_than_the_office_radius_is_refused_and_nothing_is_stored(http, factory):
    nip = factory.employee(_office(factory))
    token = http.login(nip)
    status, refused = http.call("POST", "/attendance/check-in", {"session": "PAGI", **JAKARTA}, token=token)
    assert (status, refused["code"], refused["details"]["field"]) == (400, "ACCURACY_REQUIRED", "accuracy_m")
    coarse = {"session": "PAGI", **JAKARTA, "accuracy_m": 850.5}
    status, refused = http.call("POST", "/attendance/check-in", coarse, token=token)
    assert (status, refused["code"]) == (422, "LOCATION_TOO_COARSE")
    assert refused["details"] == {"accuracy_m": 850, "radius_m": 100}
    assert "tempat terbuka" in refused["message"]
    assert _day(http, token)["attended"] is False
    for bad in (-0.5, "12", True, 100_001):
        status, error = http.call("POST", "/attendance/check-in", {**coarse, "accuracy_m": bad}, token=token)
        assert status == 400, (bad, error)

    status, done = http.call("POST", "/attendance/check-in", {**coarse, "accuracy_m": 14.2}, token=token)
    assert status == 201, done
    # recorded with its accuracy; under the default device policy (FLAG) someone who never registered a device is
    # not flagged (docs/devices.md: a flag means "not from your own registered device")
    assert (done["accuracy_m"], done["flagged"], done["reasons"]) == (14, False, [])
    assert _day(http, token)["check_in"] == done["time"]


def test_impossible_travel_is_flagged_reaches_hr_and_a_rejection_removes_the_check_in(http, factory, unit):
    nip = factory.employee(unit["skpd"], name="Dewi Uji")
    token = http.login(nip)
    status, morning = http.call("POST", "/attendance/check-in", {"session": "PAGI", **JAKARTA}, token=token)
    assert status == 201 and morning["flagged"] is False
    status, evening = http.call(
        "POST", "/attendance/check-in", {"session": "SORE", **SURABAYA, "accuracy_m": 20}, token=token
    )
    assert status == 201, evening
    assert evening["flagged"] is True
    assert evening["reasons"] == ["Perpindahan lokasi yang mustahil sejak presensi sebelumnya"]
    assert _day(http, token)["check_out"] == evening["time"]  # recorded, waiting for HR

    # HR of the SKPD sees it in the one inbox, with the reasons and what was measured in words
    status, inbox = http.call("GET", "/me/inbox", token=unit["hr_token"])
    assert status == 200
    assert {k["kind"]: k["count"] for k in inbox["kinds"]}["checkin_flag"] == 1
    status, waiting = queue(http, unit["hr_token"], "checkin_flag")
    assert status == 200 and waiting["label"] == "Presensi ditandai", waiting
    (item,) = waiting["items"]
    flag_id = f"{nip}.{today_wib().isoformat()}.SORE"
    assert (item["id"], item["employee"]["name"], item["status"]) == (flag_id, "Dewi Uji", "FLAGGED")
    lines = {line["label"]: line["value"] for line in item["summary"]}
    assert lines["Alasan"] == "Perpindahan lokasi yang mustahil sejak presensi sebelumnya"
    assert " km dalam kurang dari 1 menit sejak presensi pagi (masuk) " in lines["Perpindahan"]
    assert lines["Akurasi GPS"] == "20 m" and lines["Sesi"].startswith("sore (pulang), ")
    assert item["detail"]["travel"]["distance_km"] > 600 and item["detail"]["reasons"] == ["IMPOSSIBLE_TRAVEL"]
    assert item["verdicts"] == ["APPROVE", "REJECT"]

    # the employee does not decide it; a rejection needs a note
    status, own = decide(http, token, "checkin_flag", flag_id, "APPROVE")
    assert (status, own["code"]) == (403, "FORBIDDEN")
    status, error = decide(http, unit["hr_token"], "checkin_flag", flag_id, "REJECT")
    assert (status, error["code"]) == (400, "NOTE_REQUIRED")
    status, rejected = decide(http, unit["hr_token"], "checkin_flag", flag_id, "REJECT", note="Lokasi tidak wajar")
    assert status == 200, rejected
    assert (rejected["status"], rejected["detail"]["decided_by"]) == ("REJECTED", unit["hr"])
    history = rejected["detail"]["history"]
    assert history[-1]["by"] == unit["hr"] and history[-1]["changes"]["status"] == ["FLAGGED", "REJECTED"]
    assert history[-1]["changes"]["note"] == [None, "Lokasi tidak wajar"]

    # the session's record is gone (the morning stays), it cannot be checked in again, and the queue is empty
    day = _day(http, token)
    assert (day["check_in"], day["check_out"]) == (morning["time"], None)
    status, again = http.call("POST", "/attendance/check-in", {"session": "SORE", **JAKARTA}, token=token)
    assert (status, again["code"]) == (409, "CHECK_IN_REJECTED")
    status, decided_twice = decide(http, unit["hr_token"], "checkin_flag", flag_id, "APPROVE")
    assert (status, decided_twice["code"]) == (409, "ALREADY_DECIDED")
    assert queue(http, unit["hr_token"], "checkin_flag")[1]["count"] == 0


def test_an_approved_flag_keeps_the_check_in(http, factory, unit):
    nip = factory.employee(unit["skpd"])
    token = http.login(nip)
    assert http.call("POST", "/attendance/check-in", {"session": "PAGI", **SURABAYA}, token=token)[0] == 201
    status, evening = http.call("POST", "/attendance/check-in", {"session": "SORE", **JAKARTA}, token=token)
    assert status == 201 and evening["flagged"] is True
    flag_id = f"{nip}.{today_wib().isoformat()}.SORE"
    status, approved = decide(http, unit["hr_token"], "checkin_flag", flag_id, "APPROVE", note="Dinas luar")
    assert status == 200 and approved["status"] == "APPROVED"
    assert _day(http, token)["check_out"] == evening["time"]
    # another SKPD's HR neither sees nor decides it; an unknown id is not found
    other_hr = http.login(factory.employee(factory.skpd(), roles=("KEPEGAWAIAN",)))
    assert decide(http, other_hr, "checkin_flag", flag_id, "REJECT", note="x")[0] == 403
    assert decide(http, unit["hr_token"], "checkin_flag", f"{nip}.2026-13-01.SORE", "APPROVE")[0] == 404


def test_nobody_decides_their_own_flagged_check_in(http, unit):
    hr = unit["hr_token"]
    assert http.call("POST", "/attendance/check-in", {"session": "PAGI", **JAKARTA}, token=hr)[0] == 201
    status, evening = http.call("POST", "/attendance/check-in", {"session": "SORE", **SURABAYA}, token=hr)
    assert status == 201 and evening["flagged"] is True
    status, refused = decide(http, hr, "checkin_flag", f"{unit['hr']}.{today_wib().isoformat()}.SORE", "APPROVE")
    assert (status, refused["code"]) == (403, "SELF_DECISION")


def _photo(size: tuple[int, int] = (120, 160)) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (190, 140, 110)).save(out, "JPEG", quality=80)
    return out.getvalue()


def test_a_satker_that_requires_a_selfie_refuses_a_missing_or_bad_one_and_hr_sees_a_good_one(http, factory, unit):
    import base64

    import requests

    skpd_id, satker_id = unit["skpd"]
    rules = {"device_policy": "OFF", "selfie_satkers": [satker_id], "max_speed_kmh": 200, "version": 1}
    assert http.call("PUT", f"/skpd/{skpd_id}/check-in-rules", rules, token=unit["hr_token"])[0] == 200
    nip = factory.employee(unit["skpd"])
    token = http.login(nip)
    # the page knows before the first tap (the camera shows at once): the employee's own rules only
    status, needs = http.call("GET", "/me/check-in-rules", token=token)
    assert (status, needs) == (
        200,
        {"selfie_required": True, "location_required": False, "max_accuracy_m": None, "max_selfie_kb": 300},
    )
    photo = _photo()
    for selfie, code in (
        (None, "SELFIE_REQUIRED"),
        (base64.b64encode(b"ini bukan foto, hanya teks bernama foto.jpg").decode(), "SELFIE_INVALID"),
        (base64.b64encode(photo[: len(photo) // 3]).decode(), "SELFIE_INVALID"),  # starts as a JPEG, is not one
        (base64.b64encode(_declaring(photo, 65_535, 65_535)).decode(), "SELFIE_INVALID"),  # a decompression bomb
    ):
        body = {"session": "PAGI", **JAKARTA, **({"selfie": selfie} if selfie else {})}
        status, refused = http.call("POST", "/attendance/check-in", body, token=token)
        assert (status, refused["code"], refused["details"]) == (422, code, {"field": "selfie"}), refused
    assert _day(http, token)["attended"] is False  # nothing stored

    as_url = "data:image/jpeg;base64," + base64.b64encode(photo).decode()
    morning = {"session": "PAGI", **JAKARTA, "selfie": as_url}
    assert http.call("POST", "/attendance/check-in", morning, token=token)[0] == 201
    evening = {"session": "SORE", **SURABAYA, "selfie": as_url}
    status, flagged = http.call("POST", "/attendance/check-in", evening, token=token)
    assert status == 201 and flagged["flagged"] is True
    (item,) = queue(http, unit["hr_token"], "checkin_flag")[1]["items"]
    (selfie_file,) = item["files"]
    assert selfie_file["label"] == "Swafoto" and selfie_file["url"] == item["detail"]["selfie_url"]
    fetched = requests.get(selfie_file["url"], timeout=10)
    assert fetched.status_code == 200 and fetched.content == photo

    # every selfie taken is referenced by its check-in: the unflagged morning's and the flagged evening's
    from chalicelib.domain.attendance import Session
    from chalicelib.store.attendance import DynamoAttendanceRepository
    from chalicelib.store.checkin_flags import DynamoCheckInFlags

    selfies = DynamoAttendanceRepository().get(nip, today_wib()).native_selfies
    assert set(selfies) == {Session.PAGI, Session.SORE}
    assert all(key.startswith(f"selfies/{nip}/") for key in selfies.values())
    assert DynamoCheckInFlags().get(nip, today_wib(), Session.SORE).selfie_key == selfies[Session.SORE]


def test_the_check_in_rules_an_employee_reads_are_their_own_satkers(http, factory):
    skpd_id, satker_id = _office(factory)
    nip = factory.employee((skpd_id, satker_id))
    status, needs = http.call("GET", "/me/check-in-rules", token=http.login(nip))
    assert (status, needs) == (
        200,
        {"selfie_required": False, "location_required": True, "max_accuracy_m": 100, "max_selfie_kb": 300},
    )
