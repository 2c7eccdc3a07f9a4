"""Use cases of the authenticator app (TOTP): enrolment in two steps, the second step of a sign-in, recovery codes,
turning it off, and the admin's reset (rules in `domain/authenticator.py`).

The secret rests sealed on the employee item (`security/totp.py`), the pending one too until a code from the app
confirms it. Every acceptance of a code writes the account conditionally on the version read, so a step (or a
recovery code) is accepted once even when two requests carry it at the same moment. Wrong codes at sign-in count in
the same guard as wrong passwords (`SignInGuards`, five then a 15-minute lock).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from ..domain.accounts import Actor, Employee, Role, forbid_own_entitlement, lock_after_failures, require_role
from ..domain.audit import entitlement_events
from ..domain.authenticator import (
    authenticator_required,
    generate_recovery_codes,
    invalid_authenticator_code,
    must_have_authenticator,
    normalise_recovery_code,
    normalise_totp,
)
from ..domain.errors import Conflict, NotFound, Unauthorized, ValidationError
from ..security import tokens, totp
from ..security.keys import Keyring
from ..store.protocols import EmployeeRepository, SignInGuards
from .accounts import AccountService, Session, locked

_WHAT = "aplikasi autentikator"


class AuthenticatorService:
    def __init__(
        self,
        accounts: AccountService,
        employees: EmployeeRepository,
        guards: SignInGuards,
        *,
        keys: Keyring | str,
        clock: Callable[[], datetime],
    ) -> None:
        self._accounts, self._employees, self._guards = accounts, employees, guards
        self._keys, self._clock = keys, clock

    # -- enrolment ----------------------------------------------------------------------------------

    def begin_enrolment(self, nip: str) -> dict[str, Any]:
        """A new secret, stored sealed as pending (it counts only once confirmed); an enrolled one stays in force
        until then, so a new phone is enrolled without a moment unprotected."""
        employee = self._require(nip)
        secret = totp.new_secret()
        self._employees.save(replace(employee, totp_pending=totp.seal_secret(self._keys, secret)))
        uri = totp.provisioning_uri(secret, f"{employee.nip} ({employee.name})")
        return {"secret": secret, "otpauth_uri": uri, "qr_svg": totp.qr_data_uri(uri)}

    def confirm_enrolment(self, nip: str, code: str) -> dict[str, Any]:
        """The pending secret becomes the account's when ``code`` comes from it; new recovery codes (shown once) and
        a full session (the code just proved the second factor)."""
        employee = self._require(nip)
        secret = totp.unseal_secret(self._keys, employee.totp_pending) if employee.totp_pending else None
        if secret is None:
            raise Conflict("Mulai pendaftaran aplikasi autentikator terlebih dahulu.", code="NO_PENDING_AUTHENTICATOR")
        step = totp.matching_step(secret, normalise_totp(code), self._clock(), None)
        if step is None:
            raise ValidationError(
                "Kode dari aplikasi autentikator salah; periksa jam ponsel lalu coba lagi.",
                code="INVALID_AUTHENTICATOR_CODE",
                details={"field": "code"},
            )
        codes = generate_recovery_codes()
        enrolled = self._employees.save(
            replace(
                employee,
                totp_secret=employee.totp_pending,
                totp_pending=None,
                totp_last_step=step,
                recovery_code_hashes=_hashes(codes),
            )
        )
        return {"recovery_codes": codes, "session": self._accounts.verified_session(enrolled)}

    def new_recovery_codes(self, nip: str, code: str) -> dict[str, Any]:
        """A new set of recovery codes (the old ones die), for a current code of the app."""
        employee = self._accept_signed_in(self._require_enrolled(nip), code)
        codes = generate_recovery_codes()
        self._employees.save(replace(employee, recovery_code_hashes=_hashes(codes)))
        return {"recovery_codes": codes}

    def turn_off(self, nip: str, code: str) -> None:
        """Someone who may go without turns the app off with a current code; an officer who must have it cannot."""
        employee = self._require_enrolled(nip)
        if must_have_authenticator(employee.granted_roles):
            raise authenticator_required()
        employee = self._accept_signed_in(employee, code)
        self._employees.save(_without_authenticator(employee))

    def reset(self, actor: Actor, nip: str) -> None:
        """The admin removes someone's authenticator (a lost phone and no recovery code), never their own; it goes
        into both people's history like every change to what decides someone's access. Sessions end: the next
        sign-in asks an officer to enrol again."""
        require_role(actor, Role.ADMIN)
        forbid_own_entitlement(actor.nip, nip, _WHAT)
        employee = self._require(nip)
        if not employee.has_authenticator and employee.totp_pending is None:
            return
        events = entitlement_events(nip, actor.nip, self._clock(), {"authenticator": (True, False)}, [_WHAT])
        changed = replace(_without_authenticator(employee), token_version=employee.token_version + 1)
        self._employees.save(changed, history=events)

    # -- sign-in ------------------------------------------------------------------------------------

    def sign_in(self, challenge: str, code: str) -> Session:
        """The second step: the session, when ``code`` is the app's (a step not used before) or an unused recovery
        code. Counted in the account's sign-in guard."""
        now = self._clock()
        claims = tokens.read_claims(self._keys, tokens.TOTP_CHALLENGE, challenge, now)
        employee = self._employees.get(str(claims["sub"])) if claims else None
        if claims is None or employee is None or employee.token_version != claims.get("tv"):
            raise Unauthorized(
                "Langkah masuk sudah kedaluwarsa; masukkan kembali NIP dan kata sandi.", code="SIGN_IN_EXPIRED"
            )
        if not employee.has_authenticator:
            return self._accounts.verified_session(employee)  # reset by the admin meanwhile: enrolment follows
        guard_key = f"NIP#{employee.nip}"
        guard = self._guards.reserve(guard_key, now)
        if guard is None:
            raise locked()
        try:
            accepted = self._accept(employee, code, recovery=True)
        except Unauthorized:
            if lock_after_failures(guard.failures, now):
                raise locked() from None
            raise
        self._guards.clear(guard_key)
        return self._accounts.verified_session(accepted)

    # -- helpers ------------------------------------------------------------------------------------

    def _accept(self, employee: Employee, code: str, *, recovery: bool) -> Employee:
        """The account with ``code`` used up (its step, or the recovery code, never accepted again); a code that is
        wrong, used, or raced by another request with the same code is refused alike."""
        typed = normalise_totp(code)
        secret = totp.unseal_secret(self._keys, employee.totp_secret) if employee.totp_secret else None
        changed = None
        if secret is not None:
            step = totp.matching_step(secret, typed, self._clock(), employee.totp_last_step)
            if step is not None:
                changed = replace(employee, totp_last_step=step)
        if changed is None and recovery:
            normalised = normalise_recovery_code(code)
            hashed = totp.hash_recovery_code(normalised) if normalised else None
            if hashed in employee.recovery_code_hashes:
                changed = replace(employee, recovery_code_hashes=employee.recovery_code_hashes - {hashed})
        if changed is None:
            raise invalid_authenticator_code()
        try:
            return self._employees.save(changed)
        except Conflict:
            raise invalid_authenticator_code() from None

    def _accept_signed_in(self, employee: Employee, code: str) -> Employee:
        """`_accept` for someone signed in: a wrong code is a mistake in a form (400), not a refused session (401,
        which a client takes for "sign in again")."""
        try:
            return self._accept(employee, code, recovery=False)
        except Unauthorized as exc:
            raise ValidationError(exc.message, code=exc.code, details={"field": "code"}) from None

    def _require(self, nip: str) -> Employee:
        employee = self._employees.get(nip)
        if employee is None:
            raise NotFound("Pegawai tidak ditemukan.", code="EMPLOYEE_NOT_FOUND")
        return employee

    def _require_enrolled(self, nip: str) -> Employee:
        employee = self._require(nip)
        if not employee.has_authenticator:
            raise Conflict("Aplikasi autentikator belum aktif.", code="AUTHENTICATOR_NOT_ACTIVE")
        return employee


def _hashes(codes: list[str]) -> frozenset[str]:
    return frozenset(totp.hash_recovery_code(normalise_recovery_code(c) or "") for c in codes)


def _without_authenticator(employee: Employee) -> Employee:
    return replace(employee, totp_secret=None, totp_pending=None, recovery_code_hashes=frozenset(), totp_last_step=None)
