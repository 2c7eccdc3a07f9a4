"""Over HTTP: HR records the cuti bersama days an employee worked by duty, which add to that year's annual leave
(Keppres 2/2025 diktum ketiga); cuti bersama itself never comes off the balance."""

from __future__ import annotations

from tests.support import today_wib


def test_hr_records_cuti_bersama_worked_by_duty_and_the_employee_sees_the_days_added(http, factory):
    skpd = factory.skpd()
    staff = factory.employee(skpd, name="Perawat Jaga")
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Petugas Kepegawaian")
    staff_token, hr_token = http.login(staff), http.login(hr)
    year = today_wib().year
    status, before = http.call("GET", f"/leave/balance?year={year}", token=staff_token)
    assert status == 200 and before["annual"]["bersama_worked"] == 0
    assert before["annual"]["entitlement"] == 12  # whatever the year's cuti bersama (TMT in the NIP: long ago)

    path = f"/employees/{staff}/leave-bersama-worked"
    status, answer = http.call("PUT", path, {"year": year, "days": 1}, token=hr_token)
    assert status == 200 and answer["year"] == year and answer["annual"]["bersama_worked"] == 1
    status, after = http.call("GET", f"/leave/balance?year={year}", token=staff_token)
    assert after["annual"]["bersama_worked"] == 1
    assert after["annual"]["entitlement"] == 13 and after["annual"]["available"] == before["annual"]["available"] + 1

    assert http.call("PUT", path, {"year": year, "days": 1}, token=staff_token)[0] == 403  # not HR
    own = f"/employees/{hr}/leave-bersama-worked"
    assert http.call("PUT", own, {"year": year, "days": 1}, token=hr_token)[0] == 403  # never one's own record
    status, refused = http.call("PUT", path, {"year": year, "days": 40}, token=hr_token)
    assert (status, refused["code"]) == (400, "OUT_OF_RANGE")
    status, refused = http.call("PUT", path, {"year": year + 1, "days": 1}, token=hr_token)
    assert (status, refused["code"]) == (400, "INVALID_YEAR")
    assert http.call("GET", f"/leave/balance?year={year}", token=staff_token)[1]["annual"]["bersama_worked"] == 1
