"""The authenticator app (TOTP) over HTTP: an officer enrols (the code computed with pyotp from the secret the API
showed once), cannot sign in without its code afterwards, a code is accepted once, a recovery code works once, an
officer not enrolled reaches only the enrolment, and the one-time-code sign-in asks for the second factor too."""

from __future__ import annotations

import time

import pyotp
import pytest

from tests.support import AUTHENTICATORS, PASSWORD, Authenticator, authenticator_code

ENROLMENT_ONLY = "AUTHENTICATOR_ENROLMENT_REQUIRED"


def _login(http, nip, password=PASSWORD):
    status, body = http.call("POST", "/auth/login", {"username": nip, "password": password})
    assert status == 200, body
    return body


def _second(http, challenge, code):
    return http.call("POST", "/auth/totp/login", {"challenge": challenge, "code": code})


def _enrol(http, token, nip):
    """Enrol as a person does: scan (here: read the secret), type the app's code, keep the recovery codes. The code
    is the previous step's (a phone whose clock lags a little), which leaves two steps for the next sign-ins."""
    status, started = http.call("POST", "/auth/totp/enrolment", token=token)
    assert status == 201, started
    assert started["otpauth_uri"].startswith("otpauth://totp/Kinerja:") and started["secret"] in started["otpauth_uri"]
    assert started["qr_svg"].startswith("data:image/svg+xml")
    secret = started["secret"]
    now = time.time()
    if now % 30 > 25:  # the code must still be the current one when it arrives
        time.sleep(30 - now % 30 + 0.1)
        now = time.time()
    status, confirmed = http.call(
        "POST", "/auth/totp/enrolment/confirm", {"code": pyotp.TOTP(secret).at(now - 30)}, token=token
    )
    assert status == 200, confirmed
    AUTHENTICATORS[nip] = Authenticator(secret, last_step=int(now // 30) - 1)
    return secret, confirmed


@pytest.fixture
def skpd(factory):
    return factory.skpd()


def test_an_hr_officer_cannot_sign_in_without_the_authenticator_code_after_enrolment(http, factory, skpd):
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",), authenticator=False)
    first = _login(http, hr)
    assert first["must_enrol_authenticator"] is True and "second_factor" not in first
    gate = first["token"]
    status, refused = http.call("GET", f"/employees?skpd_id={skpd[0]}", token=gate)
    assert (status, refused["code"]) == (403, ENROLMENT_ONLY)
    assert "autentikator" in refused["message"]
    status, me = http.call("GET", "/me", token=gate)
    assert status == 200 and (me["authenticator_active"], me["authenticator_required"]) == (False, True)

    wrong = http.call("POST", "/auth/totp/enrolment/confirm", {"code": "000000"}, token=gate)
    assert wrong[0] == 409  # nothing started yet
    _, confirmed = _enrol(http, gate, hr)
    assert len(confirmed["recovery_codes"]) == 10 and len(set(confirmed["recovery_codes"])) == 10
    full = confirmed["session"]
    assert full["must_enrol_authenticator"] is False
    assert http.call("GET", f"/employees?skpd_id={skpd[0]}", token=full["token"])[0] == 200

    # from now on the password alone gives no session
    challenge = _login(http, hr)
    assert challenge["second_factor"] == "TOTP" and "token" not in challenge
    status, refused = _second(http, challenge["challenge"], "123456")
    assert (status, refused["code"]) == (401, "INVALID_AUTHENTICATOR_CODE")
    code = authenticator_code(hr)
    status, session = _second(http, challenge["challenge"], code)
    assert status == 200 and http.call("GET", "/me", token=session["token"])[1]["authenticator_active"] is True
    again = _login(http, hr)
    assert _second(http, again["challenge"], code)[0] == 401  # the same code is never accepted twice


def test_the_secret_rests_sealed_and_the_recovery_codes_hashed(http, factory, skpd):
    from chalicelib.security import totp
    from chalicelib.services import container
    from chalicelib.store.models import EmployeeItem

    nip = factory.employee(skpd, roles=("BKD",), authenticator=False)
    gate = _login(http, nip)["token"]
    http.call("POST", "/auth/totp/enrolment", token=gate)
    pending = EmployeeItem.get(nip, consistent_read=True)
    assert pending.totp_secret is None and pending.totp_pending  # pending until confirmed: it does not count
    assert "second_factor" not in _login(http, nip)
    gate = _login(http, nip)["token"]
    secret, confirmed = _enrol(http, gate, nip)
    item = EmployeeItem.get(nip, consistent_read=True)
    assert secret not in item.totp_secret and item.totp_pending is None
    assert totp.unseal_secret(container.root().keys, item.totp_secret) == secret
    assert not set(confirmed["recovery_codes"]) & set(item.recovery_codes) and len(item.recovery_codes) == 10


def test_a_recovery_code_works_once(http, factory, skpd):
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",))
    recovery = AUTHENTICATORS[hr].recovery_codes.pop()
    status, session = _second(http, _login(http, hr)["challenge"], recovery.upper().replace("-", " "))
    assert status == 200, session  # typed in capitals, with a space: still the code
    assert http.call("GET", "/me", token=session["token"])[1]["recovery_codes_left"] == 9
    status, refused = _second(http, _login(http, hr)["challenge"], recovery)
    assert (status, refused["code"]) == (401, "INVALID_AUTHENTICATOR_CODE")


def test_wrong_codes_count_in_the_sign_in_guard(http, factory, skpd):
    nip = factory.employee(skpd, roles=("OPERATOR_SKPD",))
    challenge = _login(http, nip)["challenge"]  # the right password counts until the code is right
    statuses = [_second(http, challenge, f"{n:06d}")[0] for n in range(4)]
    assert statuses == [401, 401, 401, 429]
    status, body = http.call("POST", "/auth/login", {"username": nip, "password": PASSWORD})
    assert (status, body["code"]) == (429, "ACCOUNT_LOCKED")  # nor does the password reset the count


def test_a_one_time_code_sign_in_also_asks_for_the_authenticator(http, factory, skpd, employee_stream):
    from chalicelib.store.employees import DynamoEmployeeRepository

    employee_stream.drain()
    nip = factory.employee(skpd, roles=("PENOMORAN",))
    assert http.call("POST", "/auth/code", {"username": nip})[0] == 202
    assert employee_stream.drain()["batchItemFailures"] == []
    code = employee_stream.one_time_code(DynamoEmployeeRepository().get(nip).whatsapp)
    status, body = http.call("POST", "/auth/code/login", {"username": nip, "code": code})
    assert status == 200 and body["second_factor"] == "TOTP" and "token" not in body
    token = http.second_step(nip, body)
    assert http.call("GET", "/me", token=token)[1]["nip"] == nip


def test_an_officer_cannot_turn_it_off_and_anyone_else_may(http, factory, skpd):
    officer = factory.employee(skpd, roles=("ADMIN",))
    token = http.login(officer)
    status, refused = http.call("DELETE", "/auth/totp", {"code": authenticator_code(officer)}, token=token)
    assert (status, refused["code"]) == (403, "AUTHENTICATOR_REQUIRED")

    person = factory.employee(skpd)
    token = http.login(person)
    assert http.call("GET", "/me", token=token)[1]["authenticator_required"] is False
    _, confirmed = _enrol(http, token, person)
    challenge = _login(http, person)["challenge"]  # now with the second step
    status, session = _second(http, challenge, confirmed["recovery_codes"][0])
    token = session["token"]
    status, codes = http.call("POST", "/auth/totp/recovery-codes", {"code": authenticator_code(person)}, token=token)
    assert status == 200 and len(codes["recovery_codes"]) == 10
    status, refused = http.call("DELETE", "/auth/totp", {"code": "000000"}, token=token)
    assert (status, refused["details"]) == (400, {"field": "code"})  # a slip in a form, not a lost session
    assert http.call("DELETE", "/auth/totp", {"code": authenticator_code(person)}, token=token)[0] == 204
    assert "token" in _login(http, person)  # the password alone again
    del AUTHENTICATORS[person]


def test_the_admin_resets_someone_elses_authenticator_never_their_own(http, factory, skpd):
    from chalicelib.store.employees import DynamoEmployeeRepository

    admin = factory.employee(skpd, roles=("ADMIN",))
    operator = factory.employee(skpd, roles=("OPERATOR_SKPD",))
    hr = factory.employee(skpd, roles=("KEPEGAWAIAN",))
    admin_token, operator_token = http.login(admin), http.login(operator)
    hr_token = http.login(hr)

    # an operator's password reset leaves the authenticator in place
    assert http.call("POST", f"/employees/{hr}/password-reset", token=operator_token)[0] == 202
    assert DynamoEmployeeRepository().get(hr).has_authenticator

    assert http.call("DELETE", f"/employees/{hr}/authenticator", token=operator_token)[0] == 403
    status, refused = http.call("DELETE", f"/employees/{admin}/authenticator", token=admin_token)
    assert (status, refused["code"]) == (403, "OWN_ENTITLEMENT")
    assert http.call("DELETE", f"/employees/{hr}/authenticator", token=admin_token)[0] == 204
    assert http.call("GET", "/me", token=hr_token)[0] == 401  # sessions end
    assert not DynamoEmployeeRepository().get(hr).has_authenticator
    status, history = http.call("GET", f"/employees/{hr}/history", token=admin_token)
    assert status == 200 and history["items"][0]["details"]["what"] == ["aplikasi autentikator"]
    del AUTHENTICATORS[hr]


def test_an_officer_not_enrolled_may_sign_out_and_nothing_else(http, factory, skpd):
    nip = factory.employee(skpd, roles=("OPERATOR_SKPD",), authenticator=False)
    gate = _login(http, nip)["token"]
    for method, path in (("GET", "/me/reminder"), ("GET", "/reports"), ("POST", "/auth/totp/recovery-codes")):
        status, refused = http.call(method, path, {"code": "123456"} if method == "POST" else None, token=gate)
        assert (status, refused["code"]) == (403, ENROLMENT_ONLY), path
    assert http.call("POST", "/auth/logout", token=gate)[0] == 204
    assert http.call("GET", "/me", token=gate)[0] == 401
