"""Roles, scope, password policy and the lockout rule (pure)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.accounts import (
    Actor,
    Employee,
    Role,
    SignInGuard,
    can_view_employee,
    check_new_password,
    generate_temporary_password,
    lock_after_failures,
    require_role,
    require_skpd_staff,
)
from chalicelib.domain.errors import Forbidden, ValidationError
from chalicelib.domain.identity import TimeZone

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def employee(nip="198503152010011001", skpd="DINKES", supervisor=None, roles=()):
    return Employee(
        nip,
        "Dewi Lestari",
        "Perawat",
        skpd,
        "PKM",
        "6281234567890",
        TimeZone.WIB,
        supervisor,
        granted_roles=frozenset(roles),
    )


def actor(nip="199001152015032001", skpd="DINKES", *roles):
    return Actor(nip, skpd, frozenset({Role.PEGAWAI, *roles}))


def test_roles_imply_pegawai_and_atasan_follows_subordinates():
    assert employee().roles(has_subordinates=False) == [Role.PEGAWAI]
    assert employee(roles={Role.KEPEGAWAIAN}).roles(has_subordinates=True) == [
        Role.PEGAWAI,
        Role.ATASAN,
        Role.KEPEGAWAIAN,
    ]


def test_scope_rules():
    operator = actor("1", "DINKES", Role.OPERATOR_SKPD)
    require_skpd_staff(operator, "DINKES", Role.OPERATOR_SKPD)
    with pytest.raises(Forbidden):
        require_skpd_staff(operator, "DISDIK", Role.OPERATOR_SKPD)
    with pytest.raises(Forbidden):
        require_role(actor(), Role.OPERATOR_SKPD)
    require_skpd_staff(actor("9", "LAIN", Role.ADMIN), "DINKES", Role.OPERATOR_SKPD)
    target = employee(supervisor="777")
    assert can_view_employee(actor("777", "LAIN"), target)
    assert can_view_employee(actor(target.nip), target)
    assert can_view_employee(actor("2", "DINKES", Role.KEPEGAWAIAN), target)
    assert not can_view_employee(actor("2", "DINKES"), target)
    assert not can_view_employee(actor("2", "DISDIK", Role.KEPEGAWAIAN), target)


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("1234567", "PASSWORD_TOO_SHORT"),
        ("x" * 129, "PASSWORD_TOO_LONG"),
        ("Password", "PASSWORD_TOO_COMMON"),
        ("zzzzzzzzzz", "PASSWORD_TOO_COMMON"),
        ("198503152010011001", "PASSWORD_CONTAINS_IDENTITY"),
        ("lestari-bahagia", "PASSWORD_CONTAINS_IDENTITY"),
    ],
)
def test_password_policy_refusals(password, code):
    with pytest.raises(ValidationError) as error:
        check_new_password(password, nip="198503152010011001", name="Dewi Lestari", common={"password"})
    assert error.value.code == code


def test_password_policy_has_no_composition_rules():
    for password in ("kuda makan rumput hijau", "semuahurufkecil", "abcd" * 32, "sandi dengan spasi 🙂"):
        check_new_password(password, nip="198503152010011001", name="Dewi Lestari", common=set())


def test_fifth_failure_locks_for_fifteen_minutes():
    assert [lock_after_failures(n, NOW) for n in range(1, 5)] == [None] * 4
    assert lock_after_failures(5, NOW) == NOW + timedelta(minutes=15)
    guard = SignInGuard(0, NOW + timedelta(minutes=15))
    assert guard.is_locked(NOW + timedelta(minutes=14, seconds=59))
    assert not guard.is_locked(NOW + timedelta(minutes=15))


def test_temporary_passwords_are_random_and_unambiguous():
    passwords = {generate_temporary_password() for _ in range(200)}
    assert len(passwords) == 200
    assert all(len(p) == 12 and not set(p) & set("0O1lI") for p in passwords)
