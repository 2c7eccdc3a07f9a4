"""Device binding over HTTP (issue 20, "device binding refuses an unknown device and accepts a registered one"):
the SKPD's HR sets the check-in rules; under REFUSE an unknown device is refused and nothing is recorded, a check-in
signed by the registered device is accepted; a second device waits for HR, who approves it through the one
decision mechanism, and the SKPD's limit retires the oldest; a replacement after removing one's own waits for HR
too; under FLAG a check-in not from the employee's registered device is recorded and flagged for HR (someone who
never registered is not flagged); HR removes a lost device; a rules change is in the officer's history.
Keys are made here as the browser makes them (ECDSA P-256) and sign as WebCrypto does (r||s)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.support import decide, queue, today_wib
from tests.unit.test_device_keys import key_pair, p1363


@pytest.fixture
def office(http, factory):
    skpd = factory.skpd()
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), name="Hana Kepegawaian")
    staff = factory.employee(skpd, name="Dewi Uji")
    return {"skpd": skpd, "hr": hr, "staff": staff, "tokens": {"hr": http.login(hr), "staff": http.login(staff)}}


def rules(http, office, **fields):
    skpd = office["skpd"][0]
    status, current = http.call("GET", f"/skpd/{skpd}/check-in-rules", token=office["tokens"]["hr"])
    assert status == 200, current
    body = {"device_policy": "FLAG", **fields, "version": current["version"]}
    return http.call("PUT", f"/skpd/{skpd}/check-in-rules", body, token=office["tokens"]["hr"])


def register(http, token, label):
    private, jwk = key_pair()
    status, device = http.call("POST", "/me/devices", {"label": label, "public_key": jwk}, token=token)
    assert status == 201, device
    return device, private


def signed(nip, device, private, session="PAGI"):
    when = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    text = f"kinerja-presensi|{nip}|{session}|||{when}"
    return {"session": session, "device_id": device["device_id"], "signed_at": when, "signature": p1363(private, text)}


def check_in(http, tokens, body):
    return http.call("POST", "/attendance/check-in", body, token=tokens["staff"])


def recorded(http, token) -> bool:
    today = today_wib()
    days = http.call("GET", f"/attendance/calendar?month={today:%Y-%m}", token=token)[1]["days"]
    return bool(next(d for d in days if d["date"] == today.isoformat())["recorded_sessions"])


def test_refuse_takes_only_the_registered_device_and_hr_approves_a_change(http, office):
    tokens, staff = office["tokens"], office["staff"]
    status, saved = rules(http, office, device_policy="REFUSE", device_limit=1)
    assert status == 200 and (saved["device_policy"], saved["device_limit"], saved["source"]) == ("REFUSE", 1, "SKPD")

    # an unknown device: refused, and nothing is recorded
    status, error = check_in(http, tokens, {"session": "PAGI"})
    assert (status, error["code"]) == (403, "UNKNOWN_DEVICE") and "terdaftar" in error["message"]
    assert not recorded(http, tokens["staff"])

    # the first device is active at once; a forged signature is refused, its own is accepted
    first, first_key = register(http, tokens["staff"], "Ponsel lama")
    assert (first["status"], first["status_label"]) == ("ACTIVE", "Aktif")
    status, error = http.call(
        "POST", "/attendance/check-in", signed(staff, first, key_pair()[0]), token=tokens["staff"]
    )
    assert (status, error["code"]) == (422, "INVALID_SIGNATURE")
    assert not recorded(http, tokens["staff"])
    status, done = check_in(http, tokens, signed(staff, first, first_key))
    assert status == 201, done
    assert recorded(http, tokens["staff"])
    assert http.call("GET", "/me/devices", token=tokens["staff"])[1]["items"][0]["last_used_at"]

    # a second device waits for HR, is not accepted meanwhile, and nobody decides on their own device
    second, second_key = register(http, tokens["staff"], "Ponsel baru")
    assert (second["status"], second["status_label"]) == ("PENDING", "Menunggu persetujuan kepegawaian")
    status, error = http.call(
        "POST", "/attendance/check-in", signed(staff, second, second_key, "SORE"), token=tokens["staff"]
    )
    assert (status, error["code"]) == (403, "UNKNOWN_DEVICE") and "menunggu" in error["message"]
    item_id = f"{staff}.{second['device_id']}"
    status, waiting = queue(http, tokens["hr"], "device")
    assert status == 200 and [i["id"] for i in waiting["items"]] == [item_id]
    assert waiting["items"][0]["employee"]["name"] == "Dewi Uji"
    assert decide(http, tokens["staff"], "device", item_id, "APPROVE")[0] == 403
    status, decided = decide(http, tokens["hr"], "device", item_id, "APPROVE", version=1)
    assert status == 200 and decided["status"] == "ACTIVE", decided

    # the limit (1) retired the oldest: the old phone no longer signs, the new one does
    listed = http.call("GET", f"/employees/{staff}/devices", token=tokens["hr"])[1]
    assert [(d["label"], d["status"]) for d in listed["items"]] == [("Ponsel baru", "ACTIVE")]
    status, error = http.call(
        "POST", "/attendance/check-in", signed(staff, first, first_key, "SORE"), token=tokens["staff"]
    )
    assert (status, error["code"]) == (403, "UNKNOWN_DEVICE")
    status, done = http.call(
        "POST", "/attendance/check-in", signed(staff, second, second_key, "SORE"), token=tokens["staff"]
    )
    assert status == 201, done


def test_a_rejected_device_is_discarded_and_the_owner_removes_one(http, office):
    tokens, staff = office["tokens"], office["staff"]
    first, _ = register(http, tokens["staff"], "Ponsel lama")
    second, _ = register(http, tokens["staff"], "Laptop rumah")
    item_id = f"{staff}.{second['device_id']}"
    assert decide(http, tokens["hr"], "device", item_id, "REJECT")[1]["code"] == "NOTE_REQUIRED"
    status, decided = decide(http, tokens["hr"], "device", item_id, "REJECT", note="Bukan perangkat kerja", version=1)
    assert status == 200 and decided["status"] == "REJECTED"
    assert [d["label"] for d in http.call("GET", "/me/devices", token=tokens["staff"])[1]["items"]] == ["Ponsel lama"]
    status, removed = http.call("DELETE", f"/me/devices/{first['device_id']}", token=tokens["staff"])
    assert status == 200 and removed["status"] == "REMOVED"
    assert http.call("GET", "/me/devices", token=tokens["staff"])[1]["items"] == []
    assert http.call("DELETE", f"/me/devices/{first['device_id']}", token=tokens["staff"])[0] == 404


def test_flag_records_an_unknown_device_for_hr_only_once_the_employee_has_one(http, office, factory):
    tokens = office["tokens"]
    assert rules(http, office, device_policy="FLAG")[0] == 200
    # someone who never registered a device is recorded and not flagged (on rollout that is everyone)
    newcomer = factory.employee(office["skpd"], name="Budi Baru")
    status, done = http.call("POST", "/attendance/check-in", {"session": "PAGI"}, token=http.login(newcomer))
    assert status == 201 and done["flagged"] is False, done
    # with a registered device, a check-in not signed by it is recorded and flagged
    register(http, tokens["staff"], "Ponsel kantor")
    status, done = check_in(http, tokens, {"session": "PAGI"})
    assert status == 201, done
    assert recorded(http, tokens["staff"])
    assert done["flagged"] is True and done["reasons"] == ["Perangkat tidak terdaftar"]
    # it reaches HR of the SKPD as a flagged check-in (kind `checkin_flag`, the location checks' part)
    status, waiting = queue(http, tokens["hr"], "checkin_flag")
    assert status == 200 and waiting["count"] == 1, waiting
    assert "Perangkat tidak terdaftar" in str(waiting["items"][0]["summary"])


def test_removing_ones_own_device_and_registering_another_waits_for_hr(http, office):
    tokens = office["tokens"]
    first, _ = register(http, tokens["staff"], "Ponsel lama")
    assert first["status"] == "ACTIVE"  # the very first registration
    assert http.call("DELETE", f"/me/devices/{first['device_id']}", token=tokens["staff"])[0] == 200
    again, _ = register(http, tokens["staff"], "Ponsel baru")
    assert (again["status"], again["status_label"]) == ("PENDING", "Menunggu persetujuan kepegawaian")
    status, waiting = queue(http, tokens["hr"], "device")
    assert status == 200 and [i["id"] for i in waiting["items"]] == [f"{office['staff']}.{again['device_id']}"]


def test_hr_of_the_skpd_removes_an_employees_lost_device_and_another_skpds_hr_may_not(http, office, factory):
    tokens, staff = office["tokens"], office["staff"]
    device, _ = register(http, tokens["staff"], "Ponsel hilang")
    path = f"/employees/{staff}/devices/{device['device_id']}"
    stranger = http.login(factory.employee(factory.skpd(), roles=("KEPEGAWAIAN",)))
    status, error = http.call("DELETE", path, token=stranger)
    assert status == 403 and error["code"] and error["message"], error
    assert [d["status"] for d in http.call("GET", "/me/devices", token=tokens["staff"])[1]["items"]] == ["ACTIVE"]
    status, removed = http.call("DELETE", path, token=tokens["hr"])
    assert status == 200 and (removed["status"], removed["nip"]) == ("REMOVED", staff), removed
    assert http.call("GET", f"/employees/{staff}/devices", token=tokens["hr"])[1]["items"] == []
    assert http.call("DELETE", path, token=tokens["hr"])[0] == 404


def test_switching_device_binding_off_is_in_the_officers_history(http, office):
    tokens, hr = office["tokens"], office["hr"]
    assert rules(http, office, device_policy="OFF")[0] == 200
    status, trail = http.call("GET", f"/employees/{hr}/history", token=tokens["hr"])
    assert status == 200, trail
    (event,) = [e for e in trail["items"] if e["kind"] == "CHECKIN_RULES_CHANGED"]
    assert event["by"] == hr and event["kind_label"] == "Mengubah aturan presensi SKPD"
    assert event["details"]["changes"]["device_policy"] == ["FLAG", "OFF"]


@pytest.mark.parametrize(
    "jwk",
    [
        {"kty": "RSA", "n": "AQAB", "e": "AQAB"},
        {"kty": "EC", "crv": "P-256", "x": "AAAA", "y": "AAAA"},
        "not a key",
    ],
)
def test_a_bad_public_key_is_a_400_in_the_error_shape(http, office, jwk):
    status, error = http.call(
        "POST", "/me/devices", {"label": "Ponsel", "public_key": jwk}, token=office["tokens"]["staff"]
    )
    assert status == 400 and error["code"] in ("INVALID_PUBLIC_KEY", "INVALID_TYPE") and error["message"]


def test_only_hr_of_the_skpd_sets_the_rules_and_sees_devices(http, office, factory):
    other = factory.employee(factory.skpd(), roles=("KEPEGAWAIAN",))
    token = http.login(other)
    skpd = office["skpd"][0]
    assert http.call("GET", f"/skpd/{skpd}/check-in-rules", token=token)[0] == 403
    assert http.call("GET", f"/skpd/{skpd}/check-in-rules", token=office["tokens"]["staff"])[0] == 403
    assert http.call("GET", f"/employees/{office['staff']}/devices", token=token)[0] == 403
    status, error = rules(http, office, device_limit=9)
    assert (status, error["code"]) == (400, "INVALID_DEVICE_LIMIT")
