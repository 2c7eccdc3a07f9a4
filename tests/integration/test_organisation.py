"""SKPD and satker administration."""

from __future__ import annotations

from tests.support import unique


def test_admin_manages_skpd_and_satker(http, factory):
    admin = http.login(factory.employee(factory.skpd(), roles=("ADMIN",)))
    code = f"DISDIK-{unique()}"
    status, skpd = http.call(
        "POST", "/skpd", {"skpd_id": code.lower(), "name": "Dinas Pendidikan", "timezone": "WITA"}, token=admin
    )
    assert status == 201 and skpd == {
        "skpd_id": code,
        "name": "Dinas Pendidikan",
        "timezone": "WITA",
        "city": "",
        "rhk_required": False,
        "version": 1,
    }
    assert http.call("POST", "/skpd", {"skpd_id": code, "name": "Lagi", "timezone": "WITA"}, token=admin)[0] == 409
    office = {"latitude": -8.65, "longitude": 115.2167, "radius_m": 200}
    status, satker = http.call(
        "POST", f"/skpd/{code}/satker", {"satker_id": "SDN-1", "name": "SD Negeri 1", "office": office}, token=admin
    )
    assert status == 201 and satker["timezone"] == "WITA" and satker["office"] == office
    status, satker = http.call("PATCH", f"/skpd/{code}/satker/SDN-1", {"office": None, "version": 1}, token=admin)
    assert status == 200 and satker["office"] is None and satker["version"] == 2
    assert http.call("PATCH", f"/skpd/{code}/satker/SDN-1", {"name": "Basi", "version": 1}, token=admin)[0] == 409
    status, renamed = http.call(
        "PATCH", f"/skpd/{code}", {"name": "Dinas Pendidikan dan Kebudayaan", "version": 1}, token=admin
    )
    assert status == 200 and renamed["version"] == 2
    status, detail = http.call("GET", f"/skpd/{code}", token=admin)
    assert detail["name"] == "Dinas Pendidikan dan Kebudayaan" and [s["satker_id"] for s in detail["satker"]] == [
        "SDN-1"
    ]
    assert code in [s["skpd_id"] for s in http.call("GET", "/skpd", token=admin)[1]["items"]]


def test_organisation_input_is_validated(http, factory):
    admin = http.login(factory.employee(factory.skpd(), roles=("ADMIN",)))
    for body, code in (
        ({"skpd_id": "a", "name": "X", "timezone": "WIB"}, "INVALID_CODE"),
        ({"skpd_id": "ABC", "name": "", "timezone": "WIB"}, "REQUIRED"),
        ({"skpd_id": "ABC", "name": "X", "timezone": "GMT"}, "INVALID_TIMEZONE"),
        ({"skpd_id": "ABC", "name": "X", "timezone": "WIB", "office": "di sini"}, "INVALID_TYPE"),
    ):
        status, error = http.call("POST", "/skpd", body, token=admin)
        assert (status, error["code"]) == (400, code)
    skpd = factory.skpd()
    for office in (
        {"latitude": 91, "longitude": 0, "radius_m": 100},
        {"latitude": 0, "longitude": 0, "radius_m": 1},
        {"x": 1},
    ):
        status, error = http.call(
            "POST", f"/skpd/{skpd[0]}/satker", {"satker_id": "S-1", "name": "X", "office": office}, token=admin
        )
        assert (status, error["code"]) == (400, "INVALID_OFFICE")
    assert http.call("POST", "/skpd/TIDAK-ADA/satker", {"satker_id": "S-1", "name": "X"}, token=admin)[0] == 404


def test_only_admin_writes_members_read_their_own(http, factory):
    skpd, other = factory.skpd(), factory.skpd()
    operator = http.login(factory.employee(skpd, roles=("OPERATOR_SKPD",)))
    member = http.login(factory.employee(skpd))
    assert http.call("POST", "/skpd", {"skpd_id": "BARU", "name": "X", "timezone": "WIB"}, token=operator)[0] == 403
    assert http.call("GET", "/skpd", token=operator)[0] == 403
    assert http.call("PATCH", f"/skpd/{skpd[0]}", {"name": "X", "version": 1}, token=operator)[0] == 403
    assert http.call("GET", f"/skpd/{skpd[0]}", token=member)[0] == 200
    assert http.call("GET", f"/skpd/{other[0]}", token=member)[0] == 403


def test_outbox_is_for_admins(http, factory):
    skpd = factory.skpd()
    admin = http.login(factory.employee(skpd, roles=("ADMIN",)))
    assert (
        http.call("GET", "/admin/outbox", token=http.login(factory.employee(skpd, roles=("OPERATOR_SKPD",))))[0] == 403
    )
    assert http.call("GET", "/admin/outbox", token=admin)[0] == 200
    assert http.call("GET", "/admin/outbox?day=kemarin", token=admin)[1]["code"] == "INVALID_DATE"
    assert http.call("GET", "/admin/outbox?recipient=123", token=admin)[1]["code"] == "INVALID_WHATSAPP"
