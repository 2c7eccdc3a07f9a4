"""The authenticator app (TOTP): the rules in the domain, the RFC 6238 arithmetic and sealing, then the service over
the twins with a clock the test moves."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from chalicelib.domain.accounts import Role
from chalicelib.domain.authenticator import (
    RECOVERY_CODE_COUNT,
    SECOND_FACTOR_ROLES,
    acceptable_steps,
    generate_recovery_codes,
    is_totp_shaped,
    must_have_authenticator,
    normalise_recovery_code,
    step_of,
)
from chalicelib.domain.errors import Conflict, Forbidden, Throttled, Unauthorized, ValidationError
from chalicelib.security import totp
from chalicelib.services.accounts import SecondFactor, Session
from tests.unit.world import SECRET, Clock, World, actor, at

#: RFC 6238 appendix B's SHA-1 seed, "12345678901234567890", in base32
RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
NOW = at("2026-12-07 02:00")


# -- the rules ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", sorted(SECOND_FACTOR_ROLES))
def test_officers_with_power_over_others_data_must_have_one(role):
    assert must_have_authenticator({role}) and must_have_authenticator({Role.PEGAWAI, role})


def test_staff_and_supervisors_may_go_without():
    assert not must_have_authenticator(set()) and not must_have_authenticator({Role.PEGAWAI, Role.ATASAN})


@pytest.mark.parametrize(
    ("last", "expected"),
    [(None, [99, 100, 101]), (98, [99, 100, 101]), (99, [100, 101]), (100, [101]), (101, []), (150, [])],
    ids=["never used", "an older step used", "the previous used", "the current used", "the next used", "later"],
)
def test_a_step_is_accepted_once_within_one_step_either_side(last, expected):
    assert acceptable_steps(100, last) == expected


def test_steps_are_thirty_seconds_from_the_epoch():
    assert [step_of(0), step_of(29.9), step_of(30), step_of(59)] == [0, 0, 1, 1]


def test_recovery_codes_are_ten_distinct_and_read_however_they_are_typed():
    codes = generate_recovery_codes()
    assert len(codes) == RECOVERY_CODE_COUNT == len(set(codes))
    assert all(len(c) == 11 and c[5] == "-" for c in codes)
    code = codes[0]
    for typed in (code, code.upper(), code.replace("-", ""), f" {code[:5]} {code[6:]} "):
        assert normalise_recovery_code(typed) == code.replace("-", "")
    assert [normalise_recovery_code(t) for t in ("", "abc", "k7m2p-x9d4", "k7m2p-x9d4o", "k7m2p-x9d4q1")] == [None] * 5


def test_only_six_ascii_digits_are_a_code():
    assert [is_totp_shaped(c) for c in ("012345", "12345", "1234567", "12a456", "１２３４５６")] == [
        True,
        False,
        False,
        False,
        False,
    ]


# -- the arithmetic and the sealing --------------------------------------------------------------------


@pytest.mark.parametrize(("unix", "code"), [(59, "287082"), (1111111109, "081804"), (1234567890, "005924")])
def test_codes_are_rfc_6238s(unix, code):
    """Appendix B's SHA-1 values, last six digits (authenticator apps show six)."""
    assert totp.code_at(RFC_SECRET, step_of(unix)) == code


def test_a_code_matches_its_step_once_and_only_within_the_window():
    now = at("2026-12-07 02:00")
    current = step_of(now.timestamp())
    for step in (current - 1, current, current + 1):
        assert totp.matching_step(RFC_SECRET, totp.code_at(RFC_SECRET, step), now, None) == step
        assert totp.matching_step(RFC_SECRET, totp.code_at(RFC_SECRET, step), now, step) is None
    assert totp.matching_step(RFC_SECRET, totp.code_at(RFC_SECRET, current + 2), now, None) is None
    assert totp.matching_step(RFC_SECRET, totp.code_at(RFC_SECRET, current - 2), now, None) is None


def test_the_secret_is_sealed_and_the_link_names_kinerja():
    secret = totp.new_secret()
    sealed = totp.seal_secret(SECRET, secret)
    assert secret not in sealed and totp.unseal_secret(SECRET, sealed) == secret
    assert totp.unseal_secret("another-secret-" * 3, sealed) is None
    uri = totp.provisioning_uri(secret, "199001152015032001 (Dewi)")
    assert uri.startswith("otpauth://totp/Kinerja:") and f"secret={secret}" in uri and "issuer=Kinerja" in uri
    assert totp.qr_data_uri(uri).startswith("data:image/svg+xml")


# -- the service ---------------------------------------------------------------------------------------


@pytest.fixture
def world():
    return World(Clock(NOW))


def _officer(world, *roles):
    person = world.person()
    person = world.employees.save(replace(person, granted_roles=frozenset(roles or {Role.KEPEGAWAIAN})))
    return person


def _code(world, secret, steps_ahead=0):
    return totp.code_at(secret, step_of(world.clock().timestamp()) + steps_ahead)


def _enrolled(world, person):
    """Enrol with the current step's code; the next sign-in's code is the next step's."""
    service = world.services.authenticator
    secret = service.begin_enrolment(person.nip)["secret"]
    confirmed = service.confirm_enrolment(person.nip, _code(world, secret))
    return secret, confirmed["recovery_codes"], confirmed["session"]


def test_an_officer_without_one_gets_only_an_enrolment_session(world):
    person = _officer(world)
    session = world.services.accounts.verified_session(person)
    assert isinstance(session, Session) and session.must_enrol_authenticator


def test_enrolment_is_pending_until_a_code_confirms_it(world):
    person = _officer(world)
    service = world.services.authenticator
    with pytest.raises(Conflict):
        service.confirm_enrolment(person.nip, "123456")
    secret = service.begin_enrolment(person.nip)["secret"]
    pending = world.employees.get(person.nip)
    assert pending.totp_secret is None and secret not in (pending.totp_pending or "")
    with pytest.raises(ValidationError):
        service.confirm_enrolment(person.nip, _code(world, secret, 2))
    confirmed = service.confirm_enrolment(person.nip, _code(world, secret))
    stored = world.employees.get(person.nip)
    assert stored.has_authenticator and stored.totp_pending is None
    assert len(stored.recovery_code_hashes) == RECOVERY_CODE_COUNT
    assert not set(confirmed["recovery_codes"]) & stored.recovery_code_hashes
    assert not confirmed["session"].must_enrol_authenticator


def test_sign_in_asks_for_the_code_and_accepts_a_step_once(world):
    person = _officer(world)
    secret, _, _ = _enrolled(world, person)
    accounts, service = world.services.accounts, world.services.authenticator
    challenge = accounts.session_for(world.employees.get(person.nip))
    assert isinstance(challenge, SecondFactor)
    with pytest.raises(Unauthorized):
        service.sign_in(challenge.challenge, _code(world, secret))  # the enrolment used this step
    session = service.sign_in(challenge.challenge, _code(world, secret, 1))
    assert isinstance(session, Session) and not session.must_enrol_authenticator
    with pytest.raises(Unauthorized):
        service.sign_in(challenge.challenge, _code(world, secret, 1))
    world.clock.advance(seconds=60)  # two steps later the window has the next one again
    assert service.sign_in(challenge.challenge, _code(world, secret, 1))


def test_a_recovery_code_works_once(world):
    person = _officer(world)
    _, recovery, _ = _enrolled(world, person)
    challenge = world.services.accounts.session_for(world.employees.get(person.nip)).challenge
    assert world.services.authenticator.sign_in(challenge, recovery[3].upper())
    assert len(world.employees.get(person.nip).recovery_code_hashes) == RECOVERY_CODE_COUNT - 1
    with pytest.raises(Unauthorized):
        world.services.authenticator.sign_in(challenge, recovery[3])


def test_a_challenge_lives_five_minutes_and_dies_with_a_sign_out(world):
    person = _officer(world)
    secret, _, _ = _enrolled(world, person)
    accounts, service = world.services.accounts, world.services.authenticator
    challenge = accounts.session_for(world.employees.get(person.nip)).challenge
    world.clock.advance(minutes=5)
    with pytest.raises(Unauthorized, match="kedaluwarsa"):
        service.sign_in(challenge, _code(world, secret, 1))
    challenge = accounts.session_for(world.employees.get(person.nip)).challenge
    accounts.sign_out(person.nip)
    with pytest.raises(Unauthorized, match="kedaluwarsa"):
        service.sign_in(challenge, _code(world, secret, 1))


def test_five_counted_attempts_lock_the_account(world):
    person = _officer(world)
    secret, _, _ = _enrolled(world, person)
    challenge = world.services.accounts.session_for(world.employees.get(person.nip)).challenge
    for _ in range(4):
        with pytest.raises(Unauthorized):
            world.services.authenticator.sign_in(challenge, _wrong(world, secret))
    with pytest.raises(Throttled):
        world.services.authenticator.sign_in(challenge, _wrong(world, secret))
    with pytest.raises(Throttled):  # the right code too, while locked
        world.services.authenticator.sign_in(challenge, _code(world, secret, 1))
    world.clock.advance(minutes=15, seconds=1)
    assert world.services.authenticator.sign_in(_fresh(world, person), _code(world, secret, 1))


def _wrong(world, secret):
    """Six digits no step of the window gives."""
    window = {_code(world, secret, n) for n in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in window)


def _fresh(world, person):
    return world.services.accounts.session_for(world.employees.get(person.nip)).challenge


def test_turning_off_is_for_those_who_may_go_without(world):
    officer = _officer(world, Role.OPERATOR_SKPD)
    secret, _, _ = _enrolled(world, officer)
    with pytest.raises(Forbidden):
        world.services.authenticator.turn_off(officer.nip, _code(world, secret, 1))
    person = world.person()
    secret, _, _ = _enrolled(world, person)
    with pytest.raises(ValidationError):
        world.services.authenticator.turn_off(person.nip, _code(world, secret))  # used by the enrolment
    world.services.authenticator.turn_off(person.nip, _code(world, secret, 1))
    assert not world.employees.get(person.nip).has_authenticator
    assert isinstance(world.services.accounts.session_for(world.employees.get(person.nip)), Session)


def test_the_admin_resets_anyone_elses_and_it_is_recorded(world):
    admin, hr = _officer(world, Role.ADMIN), _officer(world)
    _enrolled(world, hr)
    with pytest.raises(Forbidden):
        world.services.authenticator.reset(actor(hr, Role.KEPEGAWAIAN), admin.nip)
    with pytest.raises(Forbidden):
        world.services.authenticator.reset(actor(admin, Role.ADMIN), admin.nip)
    before = world.employees.get(hr.nip).token_version
    world.services.authenticator.reset(actor(admin, Role.ADMIN), hr.nip)
    after = world.employees.get(hr.nip)
    assert not after.has_authenticator and after.token_version == before + 1
    events, _ = world.repositories.audit.history(hr.nip, None, 10)
    assert events[0].details["what"] == ["aplikasi autentikator"] and events[0].by == admin.nip


def test_a_new_set_of_recovery_codes_replaces_the_old(world):
    person = _officer(world)
    secret, old, _ = _enrolled(world, person)
    new = world.services.authenticator.new_recovery_codes(person.nip, _code(world, secret, 1))["recovery_codes"]
    assert not set(new) & set(old)
    challenge = _fresh(world, person)
    with pytest.raises(Unauthorized):
        world.services.authenticator.sign_in(challenge, old[0])
    assert world.services.authenticator.sign_in(challenge, new[0])


def test_sign_in_after_a_reset_meanwhile_leads_to_enrolment(world):
    hr = _officer(world)
    _enrolled(world, hr)
    challenge = _fresh(world, hr)
    stored = world.employees.get(hr.nip)
    world.employees.save(replace(stored, totp_secret=None, recovery_code_hashes=frozenset()))
    session = world.services.authenticator.sign_in(challenge, "anything")
    assert session.must_enrol_authenticator
    assert timedelta(seconds=session.expires_in) <= timedelta(minutes=30)
