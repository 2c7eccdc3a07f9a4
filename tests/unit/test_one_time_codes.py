"""One-time codes (sign-in by code, "Lupa password?"): the rules in the domain, then the service over the twins.

The code is read from the sealed notice the service leaves on the account, as the employees stream handler
reads it before sending it by WhatsApp (or e-mail when the account has no number).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.errors import Throttled, Unauthorized, ValidationError
from chalicelib.domain.one_time_codes import (
    CODE_SENT_MESSAGE,
    CODE_WINDOW,
    MAX_CODES_PER_WINDOW,
    MAX_TRIES,
    CodePurpose,
    CodeState,
    can_try,
    generate_code,
    is_code_shaped,
    open_window,
)
from chalicelib.security import sealing
from chalicelib.store.protocols import EmployeeImage, SealedNotice
from tests.support import make_nip
from tests.unit.world import SECRET, Clock, World, at

NOW = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)
NEW_PASSWORD = "Sepeda-Gunung-Merapi-77"


def _state(**changes: object) -> CodeState:
    base = CodeState("c1", CodePurpose.SIGN_IN, "h", NOW, NOW, 1)
    return replace(base, **changes)


# -- the rules ----------------------------------------------------------------------------------------


def test_a_code_is_six_digits_and_only_six_digits_are_tried():
    codes = {generate_code() for _ in range(200)}
    assert all(is_code_shaped(c) for c in codes) and len(codes) > 150
    assert [is_code_shaped(c) for c in ("012345", "12345", "1234567", "12a456", "１２３４５６", "")] == [
        True,
        False,
        False,
        False,
        False,
        False,
    ]


@pytest.mark.parametrize(
    ("seconds", "usable"),
    [(0, True), (299, True), (300, False), (3600, False)],
    ids=["just sent", "a second before five minutes", "at five minutes", "an hour later"],
)
def test_a_code_lives_five_minutes(seconds, usable):
    assert can_try(_state(), CodePurpose.SIGN_IN, NOW + timedelta(seconds=seconds)) is usable


def test_a_code_is_tried_only_for_its_purpose_unused_and_with_tries_left():
    assert can_try(_state(), CodePurpose.PASSWORD_RESET, NOW) is False
    assert can_try(_state(purpose=CodePurpose.PASSWORD_RESET), CodePurpose.SIGN_IN, NOW) is False
    assert can_try(_state(used=True), CodePurpose.SIGN_IN, NOW) is False
    assert can_try(_state(tries=MAX_TRIES - 1), CodePurpose.SIGN_IN, NOW) is True
    assert can_try(_state(tries=MAX_TRIES), CodePurpose.SIGN_IN, NOW) is False
    assert can_try(None, CodePurpose.SIGN_IN, NOW) is False


def test_three_codes_in_fifteen_minutes_then_refused_until_the_window_ends():
    assert open_window(None, NOW) == (NOW, 1)
    assert open_window(_state(window_count=1), NOW + timedelta(minutes=1)) == (NOW, 2)
    assert open_window(_state(window_count=2), NOW + timedelta(minutes=2)) == (NOW, 3)
    with pytest.raises(Throttled) as refused:
        open_window(_state(window_count=MAX_CODES_PER_WINDOW), NOW + timedelta(minutes=10))
    assert refused.value.code == "TOO_MANY_CODES" and "5 menit" in refused.value.message
    assert refused.value.details == {"retry_after_seconds": 300}
    later = NOW + CODE_WINDOW
    assert open_window(_state(window_count=MAX_CODES_PER_WINDOW), later) == (later, 1)


def test_the_item_is_forgotten_after_both_the_code_and_its_window_end():
    assert _state().forget_after == NOW + CODE_WINDOW
    assert _state(issued_at=NOW + timedelta(minutes=14)).forget_after == NOW + timedelta(minutes=19)


# -- the service over the twins -----------------------------------------------------------------------


@pytest.fixture
def world() -> World:
    return World(Clock(at("2026-12-07 08:00")))


def _code(world: World, nip: str) -> str:
    notice = world.employees.notices[nip]
    return sealing.unseal(SECRET, notice.sealed, 300)["code"]


def test_a_code_signs_in_once_and_the_account_keeps_its_password(world):
    person = world.person()
    codes = world.services.one_time_codes
    assert codes.request(person.nip, CodePurpose.SIGN_IN) == {"message": CODE_SENT_MESSAGE, "channel_hint": None}
    code = _code(world, person.nip)
    session = codes.sign_in(person.nip, code)
    assert session.token and session.must_change_password is False
    with pytest.raises(Unauthorized):
        codes.sign_in(person.nip, code)  # used
    stored = world.repositories.one_time_codes.get(f"NIP#{person.nip}")
    assert code not in repr(stored) and stored.used


def test_a_temporary_password_account_still_has_to_change_it(world):
    person = world.employees.save(replace(world.person(), must_change_password=True))
    codes = world.services.one_time_codes
    codes.request(person.nip, CodePurpose.SIGN_IN)
    assert codes.sign_in(person.nip, _code(world, person.nip)).must_change_password is True


def test_a_code_dies_after_five_minutes(world):
    person = world.person()
    codes = world.services.one_time_codes
    codes.request(person.nip, CodePurpose.SIGN_IN)
    code = _code(world, person.nip)
    world.clock.advance(minutes=5)
    with pytest.raises(Unauthorized):
        codes.sign_in(person.nip, code)


def test_five_wrong_tries_kill_the_code(world):
    person = world.person()
    codes = world.services.one_time_codes
    codes.request(person.nip, CodePurpose.SIGN_IN)
    code = _code(world, person.nip)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(MAX_TRIES):
        with pytest.raises(Unauthorized):
            codes.sign_in(person.nip, wrong)
    with pytest.raises(Unauthorized):
        codes.sign_in(person.nip, code)


def test_a_new_code_replaces_the_last_and_a_fourth_in_fifteen_minutes_is_refused(world):
    person = world.person()
    codes = world.services.one_time_codes
    codes.request(person.nip, CodePurpose.SIGN_IN)
    first = _code(world, person.nip)
    codes.request(person.nip, CodePurpose.SIGN_IN)
    codes.request(person.nip, CodePurpose.SIGN_IN)
    with pytest.raises(Throttled):
        codes.request(person.nip, CodePurpose.SIGN_IN)
    latest = _code(world, person.nip)
    if latest != first:
        with pytest.raises(Unauthorized):
            codes.sign_in(person.nip, first)
    world.clock.advance(minutes=15)
    codes.request(person.nip, CodePurpose.SIGN_IN)
    assert codes.sign_in(person.nip, _code(world, person.nip)).token


def test_an_unknown_nip_is_answered_and_limited_alike_and_nothing_is_sent(world):
    codes = world.services.one_time_codes
    nip = make_nip()
    answers = [codes.request(nip, CodePurpose.SIGN_IN) for _ in range(MAX_CODES_PER_WINDOW)]
    assert answers == [{"message": CODE_SENT_MESSAGE, "channel_hint": None}] * MAX_CODES_PER_WINDOW
    with pytest.raises(Throttled):
        codes.request(nip, CodePurpose.SIGN_IN)
    assert world.employees.notices == {}
    with pytest.raises(Unauthorized) as refused:
        codes.sign_in(nip, "123456")
    assert refused.value.code == "INVALID_CODE"


def test_a_sign_in_code_resets_no_password_and_a_reset_code_signs_nobody_in(world):
    person = world.person()
    codes = world.services.one_time_codes
    codes.request(person.nip, CodePurpose.SIGN_IN)
    with pytest.raises(Unauthorized):
        codes.reset_password(person.nip, _code(world, person.nip), NEW_PASSWORD)
    codes.request(person.nip, CodePurpose.PASSWORD_RESET)
    with pytest.raises(Unauthorized):
        codes.sign_in(person.nip, _code(world, person.nip))


def test_a_reset_by_code_checks_the_policy_ends_every_session_and_sets_the_password(world):
    person = world.person()
    codes, accounts = world.services.one_time_codes, world.services.accounts
    old = accounts.session_for(person).token
    codes.request(person.nip, CodePurpose.PASSWORD_RESET)
    code = _code(world, person.nip)
    with pytest.raises(ValidationError):
        codes.reset_password(person.nip, code, "password")  # too common: the code still stands
    codes.reset_password(person.nip, code, NEW_PASSWORD)
    with pytest.raises(Unauthorized):
        accounts.authenticate(old)
    assert accounts.sign_in(person.nip, NEW_PASSWORD).token
    with pytest.raises(Unauthorized):
        codes.reset_password(person.nip, code, NEW_PASSWORD + "x")


def test_the_code_goes_by_whatsapp_with_what_it_is_for_and_how_long_it_lasts(world):
    person = world.person()
    world.services.one_time_codes.request(person.nip, CodePurpose.SIGN_IN)
    code = _code(world, person.nip)
    _deliver(world, person, world.employees.notices[person.nip])
    to, text = world.whatsapp.sent[-1]
    assert to == person.whatsapp and f"Kode: {code}" in text and "5 menit" in text


def test_an_account_without_whatsapp_gets_the_code_by_e_mail(world):
    person = world.employees.save(replace(world.person(), whatsapp="", email="dewi@example.go.id"))
    world.services.one_time_codes.request(person.nip, CodePurpose.PASSWORD_RESET)
    code = _code(world, person.nip)
    _deliver(world, person, world.employees.notices[person.nip])
    assert world.whatsapp.sent == []
    to, subject, text, _ = world.mail.sent[-1]
    assert to == "dewi@example.go.id" and "kata sandi" in subject and f"Kode: {code}" in text


def _deliver(world: World, person, notice) -> None:
    from chalice.local import LambdaContext

    delivery = world.services.credential_delivery
    delivery.register_context(LambdaContext("employee_changes", 512))
    employee = world.employees.get(person.nip)
    delivery.on_change(
        EmployeeImage(employee, None), EmployeeImage(employee, SealedNotice(notice.notice_id, notice.sealed))
    )


def test_a_code_is_not_lost_to_an_edit_of_the_account_at_the_same_moment():
    from chalicelib.domain.errors import Conflict
    from chalicelib.store.memory import InMemoryEmployeeRepository, InMemoryRepositories

    class EditedMeanwhile(InMemoryEmployeeRepository):
        """The first save with a notice meets an operator's edit that landed after the account was read."""

        def save(self, employee, notice=None, history=()):
            if notice is not None and not getattr(self, "raced", False):
                self.raced = True
                raise Conflict("Data telah diubah.")
            return super().save(employee, notice, history)

    world = World(Clock(at("2026-12-07 08:00")), repositories=InMemoryRepositories(employees=EditedMeanwhile()))
    person = world.person()
    world.services.one_time_codes.request(person.nip, CodePurpose.SIGN_IN)
    assert world.services.one_time_codes.sign_in(person.nip, _code(world, person.nip)).token
