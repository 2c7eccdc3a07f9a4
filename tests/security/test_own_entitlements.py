"""Issue 16, holes 1, 2 and 6: nobody changes the data that decides their own approvals or entitlements (their
supervisor, TMT, employment type, opening balances, roles, delegations to themselves), not even the admin; and
an HR route answers an unknown NIP as it answers another SKPD's, so nobody learns which NIPs exist."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest

from tests.support import local_runner, make_nip, make_whatsapp, today_wib

OPENING_YEAR = 2025  # before LEAVE_RECORDS_SINCE (2026)


@pytest.fixture
def office(http, factory):
    skpd = factory.skpd()
    boss = factory.employee(skpd, name="Kepala Bidang")
    junior = factory.employee(skpd, supervisor=boss, name="Staf Muda")
    operator = factory.employee(skpd, roles=("OPERATOR_SKPD",), supervisor=boss, name="Operator Satu")
    operator2 = factory.employee(skpd, roles=("OPERATOR_SKPD",), supervisor=boss, name="Operator Dua")
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), supervisor=boss, name="Kepegawaian Satu")
    hr2 = factory.employee(skpd, roles=("KEPEGAWAIAN",), supervisor=boss, name="Kepegawaian Dua")
    admin = factory.employee(skpd, roles=("ADMIN",), name="Admin Satu")
    admin2 = factory.employee(skpd, roles=("ADMIN",), name="Admin Dua")
    people = {
        "skpd": skpd,
        "boss": boss,
        "junior": junior,
        "operator": operator,
        "operator2": operator2,
        "hr": hr,
        "hr2": hr2,
        "admin": admin,
        "admin2": admin2,
    }
    tokens = {name: http.login(nip) for name, nip in people.items() if name != "skpd"}
    return {**people, "tokens": tokens}


def _refused(answer: tuple[int, dict]) -> None:
    status, body = answer
    assert (status, body.get("code")) == (403, "OWN_ENTITLEMENT"), (status, body)


def _profile(http, office, nip: str) -> dict:
    status, body = http.call("GET", f"/employees/{nip}", token=office["tokens"]["admin2"])
    assert status == 200, body
    return body


def _balance(http, token: str) -> dict:
    status, body = http.call("GET", f"/leave/balance?year={today_wib().year}", token=token)
    assert status == 200, body
    return body["annual"]


# -- hole 1: opening balances and cuti bersama worked --------------------------------------------------------


def test_hr_bkd_and_admin_cannot_raise_their_own_opening_balance(http, factory, office):
    bkd = factory.employee(office["skpd"], roles=("BKD",), supervisor=office["boss"])
    bkd_token = http.login(bkd)
    for nip, token in ((office["hr"], office["tokens"]["hr"]), (bkd, bkd_token), (office["admin"], None)):
        token = token or office["tokens"]["admin"]
        before = _balance(http, token)
        for year in (OPENING_YEAR - 1, OPENING_YEAR):
            _refused(http.call("PUT", f"/employees/{nip}/leave-opening", {"year": year, "remaining": 12}, token=token))
        _refused(
            http.call(
                "PUT", f"/employees/{nip}/leave-bersama-worked", {"year": today_wib().year, "days": 1}, token=token
            )
        )
        assert _balance(http, token) == before  # read again: nothing moved

    # another officer of the SKPD does it, and it counts
    before = _balance(http, office["tokens"]["hr"])
    body = {"year": OPENING_YEAR, "remaining": 12}
    status, answer = http.call("PUT", f"/employees/{office['hr']}/leave-opening", body, token=office["tokens"]["hr2"])
    assert status == 200, answer
    assert _balance(http, office["tokens"]["hr"])["available"] > before["available"]


# -- hole 2: supervisor, TMT, employment type, through the form and the roster ---------------------------------


def test_an_operator_cannot_rewire_her_own_supervisor_tmt_or_employment(http, office):
    me, token = office["operator"], office["tokens"]["operator"]
    before = _profile(http, office, me)
    _refused(http.call("PUT", f"/employees/{me}/supervisor", {"supervisor_nip": office["junior"]}, token=token))
    _refused(http.call("PUT", f"/employees/{me}/supervisor", {"supervisor_nip": None}, token=token))
    version = before["version"]
    _refused(http.call("PATCH", f"/employees/{me}", {"tmt": "2000-01-03", "version": version}, token=token))
    _refused(http.call("PATCH", f"/employees/{me}", {"employment_status": "PPPK", "version": version}, token=token))
    _refused(
        http.call("PATCH", f"/employees/{me}", {"supervisor_nip": office["junior"], "version": version}, token=token)
    )
    after = _profile(http, office, me)
    assert (after["supervisor_nip"], after["tmt"], after["employment_status"], after["version"]) == (
        before["supervisor_nip"],
        before["tmt"],
        before["employment_status"],
        before["version"],
    )
    # what decides nothing stays hers to edit
    status, edited = http.call(
        "PATCH", f"/employees/{me}", {"jabatan": "Pranata Komputer", "version": version}, token=token
    )
    assert status == 200 and edited["jabatan"] == "Pranata Komputer", edited

    # another operator of the SKPD, or the admin, does it
    other = office["tokens"]["operator2"]
    status, moved = http.call("PUT", f"/employees/{me}/supervisor", {"supervisor_nip": office["junior"]}, token=other)
    assert status == 200 and moved["supervisor_nip"] == office["junior"], moved
    status, moved = http.call(
        "PATCH", f"/employees/{me}", {"tmt": "2000-01-03", "version": moved["version"]}, token=office["tokens"]["admin"]
    )
    assert status == 200 and moved["tmt"] == "2000-01-03", moved
    # and the operator still sets her colleagues' supervisors
    status, moved = http.call(
        "PUT", f"/employees/{office['operator2']}/supervisor", {"supervisor_nip": office["junior"]}, token=token
    )
    assert status == 200 and moved["supervisor_nip"] == office["junior"], moved


@pytest.fixture
def runner(stack):
    return local_runner(quiet=True)


def test_a_roster_cannot_change_its_uploaders_own_supervisor_or_tmt(http, office, runner):
    me, token, skpd = office["operator"], office["tokens"]["operator"], office["skpd"]
    before = _profile(http, office, me)
    colleague = _profile(http, office, office["operator2"])
    rows = [
        "NIP;Nama;Jabatan;Kode_Satker;NIP_Atasan;WhatsApp;Email;Zona_Waktu;TMT",
        f"{me};Operator Satu;Analis;{skpd[1]};{office['junior']};{before['whatsapp']};;WIB;2000-01-03",
        f"{office['operator2']};Operator Dua;Analis;{skpd[1]};{office['junior']};{colleague['whatsapp']};;WIB;",
    ]
    body = {"filename": "pegawai.csv", "content_base64": base64.b64encode("\n".join(rows).encode()).decode()}
    status, accepted = http.call("POST", "/roster-imports", body, token=token)
    assert status == 202, accepted
    runner.tick()
    status, report = http.call("GET", f"/roster-imports/{accepted['import_id']}", token=token)
    assert status == 200 and report["status"] == "DONE", report
    by_row = {r["row"]: r for r in report["rows"]}
    assert (by_row[2]["status"], by_row[2]["code"]) == ("error", "OWN_ENTITLEMENT"), by_row[2]
    assert by_row[3]["status"] == "updated", by_row[3]
    after = _profile(http, office, me)
    assert (after["supervisor_nip"], after["tmt"], after["version"]) == (
        before["supervisor_nip"],
        before["tmt"],
        before["version"],
    )
    assert _profile(http, office, office["operator2"])["supervisor_nip"] == office["junior"]


# -- roles and delegations: the admin has no exception ----------------------------------------------------------


def test_the_admin_cannot_change_its_own_roles(http, office):
    admin = office["tokens"]["admin"]
    _refused(http.call("PUT", f"/employees/{office['admin']}/roles", {"roles": ["ADMIN", "BKD"]}, token=admin))
    _refused(http.call("PUT", f"/employees/{office['admin']}/roles", {"roles": []}, token=admin))
    assert _profile(http, office, office["admin"])["roles"] == ["PEGAWAI", "ADMIN"]
    status, body = http.call("PUT", f"/employees/{office['hr2']}/roles", {"roles": ["BKD"]}, token=admin)
    assert status == 200 and "BKD" in body["roles"], body
    status, body = http.call(
        "PUT", f"/employees/{office['admin']}/roles", {"roles": ["ADMIN", "BKD"]}, token=office["tokens"]["admin2"]
    )
    assert status == 200 and "BKD" in body["roles"], body


def test_the_admin_cannot_name_itself_a_supervisors_delegate(http, office):
    today = today_wib()
    body = {
        "delegator_nip": office["boss"],
        "delegate_nip": office["admin"],
        "start_date": str(today),
        "end_date": str(today + timedelta(days=3)),
    }
    _refused(http.call("POST", "/delegations", body, token=office["tokens"]["admin"]))
    # nothing was stored: the same dates are still free for a delegation to someone else
    status, made = http.call(
        "POST", "/delegations", {**body, "delegate_nip": office["hr"]}, token=office["tokens"]["admin"]
    )
    assert status == 201 and made["delegate_nip"] == office["hr"], made


# -- hole 6: NIP enumeration --------------------------------------------------------------------------------------


def test_unknown_and_foreign_nips_get_the_same_answer(http, factory, office):
    other = factory.skpd()
    stranger = factory.employee(other, name="Pegawai SKPD Lain")
    unknown = make_nip()
    colleague = office["junior"]
    pegawai = http.login(factory.employee(office["skpd"], supervisor=office["boss"]))
    outsider_hr = http.login(factory.employee(other, roles=("KEPEGAWAIAN",)))
    year = today_wib().year
    routes = (
        ("GET", "/archive/employees/{nip}", None),
        ("PUT", "/archive/employees/{nip}/profile", {"conditions": []}),
        ("PUT", "/employees/{nip}/leave-opening", {"year": OPENING_YEAR, "remaining": 12}),
        ("PUT", "/employees/{nip}/leave-bersama-worked", {"year": year, "days": 1}),
    )
    for method, path, payload in routes:
        # a PEGAWAI asking about a colleague or a NIP nobody has: 403 either way
        for nip in (colleague, unknown):
            status, body = http.call(method, path.format(nip=nip), payload, token=pegawai)
            assert (status, body["code"]) == (403, "FORBIDDEN"), (method, path, nip, body)
        # HR of one SKPD asking about another SKPD's employee or an unknown NIP: the same
        answers = {
            nip: http.call(method, path.format(nip=nip), payload, token=outsider_hr) for nip in (office["hr"], unknown)
        }
        assert {(s, b["code"], b["message"]) for s, b in answers.values()} == {
            (403, "FORBIDDEN", answers[unknown][1]["message"])
        }, (method, path, answers)
    # the stranger's own HR still reaches them; the admin, who serves every SKPD, is told an unknown NIP is unknown
    assert http.call("GET", f"/archive/employees/{stranger}", token=outsider_hr)[0] == 200
    status, body = http.call("GET", f"/archive/employees/{unknown}", token=office["tokens"]["admin"])
    assert (status, body["code"]) == (404, "EMPLOYEE_NOT_FOUND")


def test_roster_rows_for_new_people_still_import(http, office, runner):
    """The uploader's NIP in the import's name does not disturb the rest of the import."""
    token, skpd = office["tokens"]["operator"], office["skpd"]
    newcomer = make_nip()
    rows = [
        "NIP;Nama;Jabatan;Kode_Satker;NIP_Atasan;WhatsApp;Email;Zona_Waktu",
        f"{newcomer};Pegawai Baru;Analis;{skpd[1]};{office['operator']};{make_whatsapp()};;WIB",
    ]
    body = {"filename": "baru.csv", "content_base64": base64.b64encode("\n".join(rows).encode()).decode()}
    status, accepted = http.call("POST", "/roster-imports", body, token=token)
    assert status == 202 and len(accepted["import_id"]) == 32, accepted
    runner.tick()
    report = http.call("GET", f"/roster-imports/{accepted['import_id']}", token=token)[1]
    assert report["status"] == "DONE" and report["rows"][0]["status"] == "created", report
    assert _profile(http, office, newcomer)["supervisor_nip"] == office["operator"]
