"""Account management by the SKPD operator, scope and role checks, against DynamoDB Local."""

from __future__ import annotations

from tests.support import make_nip, make_whatsapp, outbox_for


def _new_account(satker: str, **extra: object) -> dict:
    return {
        "nip": make_nip(),
        "name": "Yusuf Maulana",
        "jabatan": "Penata Kelola Sistem",
        "satker_id": satker,
        "whatsapp": "0812-3456-" + make_whatsapp()[-4:],
        "timezone": "wita",
        **extra,
    }


def test_operator_creates_an_account_in_their_skpd(http, factory):
    skpd = factory.skpd()
    operator = http.login(factory.employee(skpd, roles=("OPERATOR_SKPD",)))
    supervisor = factory.employee(skpd)
    body = _new_account(skpd[1], supervisor_nip=supervisor, email="Yusuf@Example.go.id")
    status, created = http.call("POST", "/employees", body, token=operator)
    assert status == 201, created
    assert created["skpd_id"] == skpd[0] and created["timezone"] == "WITA"
    assert created["whatsapp"].startswith("62812") and created["email"] == "yusuf@example.go.id"
    assert created["must_change_password"] is True and created["roles"] == ["PEGAWAI"]
    status, again = http.call("POST", "/employees", body, token=operator)
    assert (status, again["code"]) == (409, "EMPLOYEE_EXISTS")
    supervisor_token = http.login(supervisor)
    status, me = http.call("GET", "/me", token=supervisor_token)
    assert "ATASAN" in me["roles"]
    status, page = http.call("GET", f"/employees/{supervisor}/subordinates", token=supervisor_token)
    assert status == 200 and [e["nip"] for e in page["items"]] == [body["nip"]]


def test_operator_of_another_skpd_and_plain_employees_get_403(http, factory):
    skpd, other = factory.skpd(), factory.skpd()
    foreign_operator = http.login(factory.employee(other, roles=("OPERATOR_SKPD",)))
    pegawai = http.login(factory.employee(skpd))
    hr = http.login(factory.employee(skpd, roles=("KEPEGAWAIAN",)))
    # a foreign operator names our satker: refused because it is not in their SKPD, and nothing is written
    body = _new_account(skpd[1])
    status, error = http.call("POST", "/employees", {**body, "skpd_id": skpd[0]}, token=foreign_operator)
    assert status in (400, 403) and error["code"] in ("SATKER_NOT_FOUND", "FORBIDDEN")
    for token in (pegawai, hr):
        assert http.call("POST", "/employees", body, token=token)[0] == 403
    admin = http.login(factory.employee(skpd, roles=("ADMIN",)))
    assert http.call("GET", f"/employees/{body['nip']}", token=admin)[0] == 404
    target = factory.employee(skpd)
    for method, path, payload in (
        ("PATCH", f"/employees/{target}", {"name": "X", "version": 1}),
        ("PUT", f"/employees/{target}/supervisor", {"supervisor_nip": None}),
        ("POST", f"/employees/{target}/password-reset", None),
        ("GET", f"/employees/{target}", None),
        ("GET", f"/employees/{target}/subordinates", None),
        ("GET", f"/employees?skpd_id={skpd[0]}", None),
    ):
        status, error = http.call(method, path, payload, token=foreign_operator)
        assert status == 403, (method, path, error)
        assert error["code"] == "FORBIDDEN"


def test_profile_visibility(http, factory):
    skpd = factory.skpd()
    boss = factory.employee(skpd)
    staff = factory.employee(skpd, supervisor=boss)
    colleague = factory.employee(skpd)
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",))
    for viewer in (staff, boss, hr):
        assert http.call("GET", f"/employees/{staff}", token=http.login(viewer))[0] == 200
    assert http.call("GET", f"/employees/{staff}", token=http.login(colleague))[0] == 403
    assert http.call("GET", f"/employees/{boss}/subordinates", token=http.login(colleague))[0] == 403


def test_account_fields_are_validated_and_nothing_is_written(http, factory):
    skpd = factory.skpd()
    operator = http.login(factory.employee(skpd, roles=("OPERATOR_SKPD",)))
    admin = http.login(factory.employee(skpd, roles=("ADMIN",)))
    cases = [
        ({"nip": "12345"}, "INVALID_NIP"),
        ({"nip": "198513322010011001"}, "INVALID_NIP"),  # month 13 in the birth date
        ({"nip": "198503152010131001"}, "INVALID_NIP"),  # TMT month 13
        ({"nip": "198503152010013001"}, "INVALID_NIP"),  # sex digit 3
        ({"nip": "198503152010011000"}, "INVALID_NIP"),  # sequence 000
        ({"whatsapp": "021-555-1234"}, "INVALID_WHATSAPP"),
        ({"email": "bukan-email"}, "INVALID_EMAIL"),
        ({"timezone": "UTC"}, "INVALID_TIMEZONE"),
        ({"satker_id": "TIDAK-ADA"}, "SATKER_NOT_FOUND"),
        ({"supervisor_nip": "198503152010011999"}, "SUPERVISOR_NOT_FOUND"),
        ({"name": ""}, "REQUIRED"),
        ({"name": 42}, "INVALID_TYPE"),
    ]
    for change, code in cases:
        body = _new_account(skpd[1], **change)
        status, error = http.call("POST", "/employees", body, token=operator)
        assert (status, error["code"]) == (400, code), change
        assert set(error) == {"code", "message", "details"}
        if code not in ("INVALID_NIP",):
            assert http.call("GET", f"/employees/{body['nip']}", token=admin)[0] == 404


def test_supervisor_rules_and_stale_versions(http, factory):
    skpd = factory.skpd()
    operator = http.login(factory.employee(skpd, roles=("OPERATOR_SKPD",)))
    top = factory.employee(skpd)
    middle = factory.employee(skpd, supervisor=top)
    staff = factory.employee(skpd, supervisor=middle)
    status, error = http.call("PUT", f"/employees/{top}/supervisor", {"supervisor_nip": staff}, token=operator)
    assert (status, error["code"]) == (400, "SUPERVISOR_CYCLE")
    status, error = http.call("PUT", f"/employees/{top}/supervisor", {"supervisor_nip": top}, token=operator)
    assert (status, error["code"]) == (400, "SUPERVISOR_CYCLE")
    status, moved = http.call("PUT", f"/employees/{staff}/supervisor", {"supervisor_nip": top}, token=operator)
    assert status == 200 and moved["supervisor_nip"] == top
    status, page = http.call("GET", f"/employees/{top}/subordinates", token=operator)
    assert sorted(e["nip"] for e in page["items"]) == sorted([middle, staff])
    version = moved["version"]
    status, edited = http.call(
        "PATCH", f"/employees/{staff}", {"jabatan": "Analis Kebijakan", "version": version}, token=operator
    )
    assert status == 200 and edited["jabatan"] == "Analis Kebijakan" and edited["version"] == version + 1
    status, error = http.call("PATCH", f"/employees/{staff}", {"jabatan": "Lama", "version": version}, token=operator)
    assert (status, error["code"]) == (409, "CONFLICT")
    status, error = http.call("PATCH", f"/employees/{staff}", {"jabatan": "Tanpa versi"}, token=operator)
    assert (status, error["code"]) == (400, "VERSION_REQUIRED")
    admin = http.login(factory.employee(skpd, roles=("ADMIN",)))
    assert http.call("GET", f"/employees/{staff}", token=admin)[1]["jabatan"] == "Analis Kebijakan"


def test_operator_reset_ends_sessions_and_sends_a_new_temporary_password(http, factory, employee_stream):
    skpd = factory.skpd()
    operator = http.login(factory.employee(skpd, roles=("OPERATOR_SKPD",)))
    nip = factory.employee(skpd)
    session = http.login(nip)
    employee_stream.drain()
    status, body = http.call("POST", f"/employees/{nip}/password-reset", token=operator)
    assert status == 202, body
    assert http.call("GET", "/me", token=session)[0] == 401
    assert employee_stream.drain()["batchItemFailures"] == []
    admin = http.login(factory.employee(skpd, roles=("ADMIN",)))
    whatsapp = http.call("GET", f"/employees/{nip}", token=admin)[1]["whatsapp"]
    [message] = outbox_for(whatsapp)
    assert "diatur ulang" in message.text
    temporary = employee_stream.temporary_password(whatsapp)
    assert temporary not in message.text  # the outbox keeps it masked
    status, body = http.call("POST", "/auth/login", {"username": nip, "password": temporary})
    assert status == 200 and body["must_change_password"] is True


def test_only_admin_grants_roles(http, factory):
    skpd = factory.skpd()
    operator = http.login(factory.employee(skpd, roles=("OPERATOR_SKPD",)))
    admin = http.login(factory.employee(skpd, roles=("ADMIN",)))
    nip = factory.employee(skpd)
    assert http.call("PUT", f"/employees/{nip}/roles", {"roles": ["OPERATOR_SKPD"]}, token=operator)[0] == 403
    for bad in (["ATASAN"], ["RAJA"], "ADMIN"):
        assert http.call("PUT", f"/employees/{nip}/roles", {"roles": bad}, token=admin)[0] == 400
    status, body = http.call("PUT", f"/employees/{nip}/roles", {"roles": ["KEPEGAWAIAN", "PENOMORAN"]}, token=admin)
    assert status == 200 and body["roles"] == ["PEGAWAI", "KEPEGAWAIAN", "PENOMORAN"]
    # the role shows in new and existing sessions (the authorizer reads the account on each request)
    assert http.call("GET", "/me", token=http.login(nip))[1]["roles"] == ["PEGAWAI", "KEPEGAWAIAN", "PENOMORAN"]


def test_listing_an_skpd_pages_with_a_cursor(http, factory):
    skpd = factory.skpd()
    hr = http.login(factory.employee(skpd, roles=("KEPEGAWAIAN",)))
    for _ in range(4):
        factory.employee(skpd)
    seen, cursor = [], None
    while True:
        path = "/employees?limit=2" + (f"&cursor={cursor}" if cursor else "")
        status, page = http.call("GET", path, token=hr)
        assert status == 200
        seen += [e["nip"] for e in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 5
    assert http.call("GET", "/employees?limit=0", token=hr)[0] == 400
    assert http.call("GET", "/employees?cursor=bm90LWpzb24", token=hr)[1]["code"] == "INVALID_CURSOR"
    status, page = http.call("GET", f"/employees?satker_id={skpd[1]}", token=hr)
    assert len(page["items"]) == 5


def test_unknown_routes_and_methods_are_4xx(http, factory):
    token = http.login(factory.employee(factory.skpd()))
    assert 400 <= http.call("GET", "/tidak-ada", token=token)[0] < 500
    assert 400 <= http.call("DELETE", "/me", token=token)[0] < 500
    status, _body = http.call("POST", "/employees", raw=b"x", token=token, headers={"Content-Type": "text/plain"})
    assert 400 <= status < 500


def test_changes_to_what_decides_entitlements_go_into_both_peoples_history(http, factory):
    """Issue 16, hole 2: another officer of the SKPD or the admin changes it, and it goes into both histories."""
    skpd = factory.skpd()
    boss, deputy = factory.employee(skpd, name="Kepala Bidang"), factory.employee(skpd, name="Sekretaris")
    staff = factory.employee(skpd, supervisor=boss, name="Staf")
    operator = factory.employee(skpd, roles=("OPERATOR_SKPD",), supervisor=boss, name="Operator")
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), supervisor=boss, name="Kepegawaian")
    admin = factory.employee(skpd, roles=("ADMIN",), name="Admin")
    tokens = {nip: http.login(nip) for nip in (staff, operator, hr, admin)}

    def trail(nip: str) -> list[dict]:
        status, page = http.call("GET", f"/employees/{nip}/history", token=tokens[nip])
        assert status == 200, page
        return page["items"]

    status, moved = http.call(
        "PUT", f"/employees/{staff}/supervisor", {"supervisor_nip": deputy}, token=tokens[operator]
    )
    assert status == 200, moved
    status, edited = http.call(
        "PATCH", f"/employees/{staff}", {"tmt": "2012-03-01", "version": moved["version"]}, token=tokens[operator]
    )
    assert status == 200 and edited["tmt"] == "2012-03-01", edited
    status, _ = http.call(
        "PATCH", f"/employees/{staff}", {"jabatan": "Analis Muda", "version": 3}, token=tokens[operator]
    )
    assert status == 200  # a jabatan decides nothing: no history
    assert http.call("PUT", f"/employees/{staff}/roles", {"roles": ["PENOMORAN"]}, token=tokens[admin])[0] == 200
    payload = {"year": 2025, "remaining": 5}
    assert http.call("PUT", f"/employees/{staff}/leave-opening", payload, token=tokens[hr])[0] == 200, payload

    mine = {(e["kind"], e["by"], tuple(e["details"]["what"])) for e in trail(staff)}
    assert mine == {
        ("ENTITLEMENT_CHANGED", operator, ("atasan",)),
        ("ENTITLEMENT_CHANGED", operator, ("TMT",)),
        ("ENTITLEMENT_CHANGED", admin, ("peran",)),
        ("ENTITLEMENT_CHANGED", hr, ("saldo awal cuti",)),
    }, trail(staff)
    supervisor_change = next(e for e in trail(staff) if e["details"]["what"] == ["atasan"])
    assert supervisor_change["details"]["changes"] == {"supervisor_nip": [boss, deputy]}
    assert [(e["kind"], e["details"]["what"]) for e in trail(operator)] == [
        ("ENTITLEMENT_CHANGE_MADE", ["TMT"]),
        ("ENTITLEMENT_CHANGE_MADE", ["atasan"]),
    ]
    assert [(e["kind"], e["details"]["employee_nip"]) for e in trail(admin)] == [("ENTITLEMENT_CHANGE_MADE", staff)]
    assert [(e["kind"], e["details"]["employee_nip"]) for e in trail(hr)] == [("ENTITLEMENT_CHANGE_MADE", staff)]
    # the employee's supervisor (and the operator, HR of the SKPD) read it too; a colleague does not
    assert http.call("GET", f"/employees/{staff}/history", token=http.login(deputy))[0] == 200
    assert http.call("GET", f"/employees/{staff}/history", token=http.login(boss))[0] == 403


def test_the_operator_sees_who_has_no_supervisor_and_the_count_drops_when_one_is_set(http, factory):
    skpd, elsewhere = factory.skpd(), factory.skpd()
    head = factory.employee(skpd, supervisor=factory.employee(elsewhere))  # e.g. the regional secretary
    operator = http.login(factory.employee(skpd, roles=("OPERATOR_SKPD",), supervisor=head))
    hr = http.login(factory.employee(skpd, roles=("KEPEGAWAIAN",), supervisor=head))
    waiting = [factory.employee(skpd) for _ in range(3)]
    factory.employee(elsewhere)  # another SKPD's: not this operator's work
    tasks = http.call("GET", "/me/inbox", token=operator)[1]["tasks"]
    assert tasks == [{"task": "no_supervisor", "label": "Pegawai tanpa atasan langsung", "count": 3}]
    assert http.call("GET", "/me/inbox", token=hr)[1]["tasks"] == []  # the operator's task, not HR's
    status, page = http.call("GET", "/employees?without_supervisor=true", token=operator)
    assert status == 200 and sorted(e["nip"] for e in page["items"]) == sorted(waiting)
    assert http.call("GET", "/employees?without_supervisor=ya", token=operator)[1]["code"] == "INVALID_FLAG"
    assert http.call("PUT", f"/employees/{waiting[0]}/supervisor", {"supervisor_nip": head}, operator)[0] == 200
    assert http.call("GET", "/me/inbox", token=operator)[1]["tasks"][0]["count"] == 2
    listed = http.call("GET", "/employees?without_supervisor=true", token=operator)[1]["items"]
    assert sorted(e["nip"] for e in listed) == sorted(waiting[1:])


def test_the_supervisor_is_found_by_name_or_nip_within_the_scope_of_the_list(http, factory):
    """Issue 18: a search over the SKPD's employees shows who someone is before they become a supervisor; it
    answers only those who may list the SKPD, and the profile names the supervisor (name and jabatan)."""
    skpd, other = factory.skpd(), factory.skpd()
    operator = http.login(factory.employee(skpd, roles=("OPERATOR_SKPD",)))
    boss = factory.employee(skpd, name="Ratna Kusumawati")
    factory.employee(other, name="Ratna Kusumawati")  # another SKPD's namesake stays out
    for _ in range(3):
        factory.employee(skpd)
    status, page = http.call("GET", "/employees?q=kusuma%20RATNA", token=operator)
    assert status == 200, page
    assert [(e["nip"], e["name"], e["satker_id"]) for e in page["items"]] == [(boss, "Ratna Kusumawati", skpd[1])]
    status, page = http.call("GET", f"/employees?q={boss[:17]}&satker_id={skpd[1]}", token=operator)
    assert boss in [e["nip"] for e in page["items"]]
    status, error = http.call("GET", "/employees?q=%20ra%20", token=operator)
    assert (status, error["code"], error["details"]["field"]) == (400, "SEARCH_TOO_SHORT", "q")
    assert http.call("GET", "/employees?q=" + "a" * 61, token=operator)[1]["code"] == "TOO_LONG"
    for token in (http.login(factory.employee(skpd)), http.login(factory.employee(other, roles=("OPERATOR_SKPD",)))):
        assert http.call("GET", f"/employees?q=ratna&skpd_id={skpd[0]}", token=token)[0] == 403
    bkd = http.login(factory.employee(other, roles=("BKD",)))
    assert [e["nip"] for e in http.call("GET", f"/employees?q=ratna&skpd_id={skpd[0]}", token=bkd)[1]["items"]] == [
        boss
    ]
    # a cursor of the search continues only that search
    factory.employee(skpd, name="Ratna Dewi")
    status, first = http.call("GET", "/employees?q=ratna&limit=1", token=operator)
    assert status == 200 and first["next_cursor"]
    assert http.call("GET", f"/employees?q=dewi&cursor={first['next_cursor']}", token=operator)[0] == 400
    staff = factory.employee(skpd, supervisor=boss)
    status, me = http.call("GET", "/me", token=http.login(staff))
    assert me["supervisor"] == {"nip": boss, "name": "Ratna Kusumawati", "jabatan": me["supervisor"]["jabatan"]}
    assert me["supervisor"]["jabatan"]
    assert http.call("GET", "/me", token=http.login(boss))[1]["supervisor"] is None
