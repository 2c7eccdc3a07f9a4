"""Sign-in by one-time code and "Lupa password?" over HTTP, with the code read from what WhatsApp was given.

The employees stream handler delivers each code, as it delivers temporary passwords; the outbox (the local
WhatsApp provider) keeps the message with the code masked, so each test reads the clear text a real provider
would get (`EmployeeStream.one_time_code`) and checks that the outbox holds the message without it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.support import PASSWORD, make_nip, outbox_for

NEW_PASSWORD = "Sepeda-Gunung-Merapi-77"
SENT = {
    "message": "Jika akun terdaftar, kode dikirim ke WhatsApp atau e-mail yang tercatat. Kode berlaku 5 menit.",
    "channel_hint": None,
}


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def person(factory, employee_stream):
    employee_stream.drain()  # what other tests left in the stream
    nip = factory.employee(factory.skpd())
    from chalicelib.store.employees import DynamoEmployeeRepository

    return nip, DynamoEmployeeRepository().get(nip).whatsapp


def _ask(http, username, purpose=None):
    return http.call("POST", "/auth/code", {"username": username, **({"purpose": purpose} if purpose else {})})


def _code(employee_stream, whatsapp):
    assert employee_stream.drain()["batchItemFailures"] == []
    return employee_stream.one_time_code(whatsapp)


def _wrong(code):
    return f"{(int(code) + 1) % 10**6:06d}"


def test_a_code_read_from_whatsapp_signs_in_once(http, person, employee_stream):
    nip, whatsapp = person
    assert _ask(http, nip) == (202, SENT)
    code = _code(employee_stream, whatsapp)
    latest = outbox_for(whatsapp)[0]
    assert code not in latest.text and "Kode: ••••" in latest.text  # the outbox keeps no code
    status, session = http.call("POST", "/auth/code/login", {"username": nip, "code": code})
    assert status == 200 and session["must_change_password"] is False
    assert http.call("GET", "/me", token=session["token"])[1]["nip"] == nip
    status, refused = http.call("POST", "/auth/code/login", {"username": nip, "code": code})
    assert (status, refused["code"]) == (401, "INVALID_CODE")  # used once
    assert http.call("POST", "/auth/login", {"username": nip, "password": PASSWORD})[0] == 200  # password stays


def test_a_temporary_password_account_signed_in_by_code_must_still_change_it(http, factory, employee_stream):
    employee_stream.drain()
    nip = factory.employee(factory.skpd(), must_change=True)
    from chalicelib.store.employees import DynamoEmployeeRepository

    _ask(http, nip)
    code = _code(employee_stream, DynamoEmployeeRepository().get(nip).whatsapp)
    status, session = http.call("POST", "/auth/code/login", {"username": nip, "code": code})
    assert status == 200 and session["must_change_password"] is True
    assert http.call("GET", "/me", token=session["token"])[0] == 403


def test_a_code_expires_after_five_minutes(http, person, employee_stream, services_with):
    nip, whatsapp = person
    clock = Clock()
    services_with(clock=clock)
    _ask(http, nip)
    code = _code(employee_stream, whatsapp)
    clock.now += timedelta(minutes=5)
    status, refused = http.call("POST", "/auth/code/login", {"username": nip, "code": code})
    assert (status, refused["code"]) == (401, "INVALID_CODE")


def test_a_fourth_code_in_fifteen_minutes_is_refused(http, person, employee_stream, services_with):
    nip, whatsapp = person
    clock = Clock()
    services_with(clock=clock)
    assert [_ask(http, nip)[0] for _ in range(3)] == [202, 202, 202]
    status, refused = _ask(http, nip, "PASSWORD_RESET")
    assert (status, refused["code"]) == (429, "TOO_MANY_CODES")
    employee_stream.drain()
    assert len([m for m in outbox_for(whatsapp) if "Kode: " in m.text]) == 3
    clock.now += timedelta(minutes=15)
    assert _ask(http, nip)[0] == 202
    code = _code(employee_stream, whatsapp)
    assert http.call("POST", "/auth/code/login", {"username": nip, "code": code})[0] == 200


def test_five_wrong_tries_kill_the_code(http, person, employee_stream):
    nip, whatsapp = person
    _ask(http, nip)
    code = _code(employee_stream, whatsapp)
    for _ in range(5):
        assert http.call("POST", "/auth/code/login", {"username": nip, "code": _wrong(code)})[0] == 401
    status, refused = http.call("POST", "/auth/code/login", {"username": nip, "code": code})
    assert (status, refused["code"]) == (401, "INVALID_CODE")


def test_an_unknown_nip_is_answered_exactly_as_a_known_one(http, person, employee_stream):
    nip, _ = person
    unknown = make_nip()
    known_answers = [_ask(http, nip) for _ in range(4)]
    unknown_answers = [_ask(http, unknown) for _ in range(4)]
    assert known_answers == unknown_answers
    assert [a[0] for a in unknown_answers] == [202, 202, 202, 429]
    refused_unknown = http.call("POST", "/auth/code/login", {"username": unknown, "code": "123456"})
    assert refused_unknown == http.call("POST", "/auth/code/login", {"username": make_nip(), "code": "123456"})
    reset_unknown = http.call(
        "POST", "/auth/password-reset", {"username": unknown, "code": "123456", "new_password": NEW_PASSWORD}
    )
    assert refused_unknown[0] == reset_unknown[0] == 401
    assert refused_unknown[1]["code"] == reset_unknown[1]["code"] == "INVALID_CODE"


def test_a_forgotten_password_reset_by_code_ends_the_old_session(http, person, employee_stream):
    nip, whatsapp = person
    old_token = http.login(nip)
    _ask(http, nip)
    sign_in_code = _code(employee_stream, whatsapp)
    body = {"username": nip, "code": sign_in_code, "new_password": NEW_PASSWORD}
    assert http.call("POST", "/auth/password-reset", body)[0] == 401  # a sign-in code resets nothing
    assert _ask(http, nip, "PASSWORD_RESET")[0] == 202
    code = _code(employee_stream, whatsapp)
    weak = http.call("POST", "/auth/password-reset", {**body, "code": code, "new_password": "password"})
    assert (weak[0], weak[1]["code"]) == (400, "PASSWORD_TOO_COMMON")  # the code still stands
    assert http.call("POST", "/auth/password-reset", {**body, "code": code})[0] == 204
    assert http.call("GET", "/me", token=old_token)[0] == 401
    assert http.call("POST", "/auth/login", {"username": nip, "password": PASSWORD})[0] == 401
    assert http.call("GET", "/me", token=http.login(nip, NEW_PASSWORD))[0] == 200
    assert http.call("POST", "/auth/password-reset", {**body, "code": code})[0] == 401  # used
