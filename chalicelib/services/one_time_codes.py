"""Sign-in by NIP and a one-time code, and "Lupa password?" by the same kind of code (SPEC §1, seed 003).

A code is six random digits; only an HMAC-SHA256 of it is stored, keyed with a key derived from the
application secret (`KINERJA_SECRET`) and bound to the account key, the purpose and the code's random id.
Why not argon2 as for passwords: a six-digit code has a million values, so no hash, however slow, keeps a
stolen table from giving up a live code offline; a keyed hash does, unless the secret leaks too. What
protects a code online is that it lives five minutes and dies after five tries.

Nothing in the answers tells whether a NIP exists. A username without an account is counted on its own key
(the hash of the username, as the failed sign-in counters do), gets a code item of its own (a code nobody
receives) and writes once more where an account's notice is written, so both paths do the same reads and
writes and answer the same, limits included. The code itself travels as a sealed notice on the account,
which the employees stream handler delivers (`services/credentials.py`), as it does temporary passwords.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from collections.abc import Callable
from datetime import datetime

from ..domain.accounts import Employee
from ..domain.errors import Conflict, Throttled
from ..domain.one_time_codes import (
    CODE_SENT_MESSAGE,
    CodePurpose,
    CodeState,
    can_try,
    generate_code,
    invalid_code,
    is_code_shaped,
    open_window,
)
from ..security import sealing
from ..security.keys import Keyring, derive_key, keyring
from ..store.protocols import EmployeeRepository, OneTimeCodes
from .accounts import AccountService, CredentialNotice, SecondFactor, Session

_RACES = 3


class OneTimeCodeService:
    def __init__(
        self,
        accounts: AccountService,
        employees: EmployeeRepository,
        codes: OneTimeCodes,
        *,
        keys: Keyring | str,
        clock: Callable[[], datetime],
    ) -> None:
        self._accounts, self._employees, self._codes = accounts, employees, codes
        self._keys, self._clock = keyring(keys), clock

    def request(self, username: str, purpose: CodePurpose) -> dict[str, object]:
        """Send a new code to the account's WhatsApp (or e-mail); the same answer for any username."""
        now = self._clock()
        employee = self._accounts.find_login(username)
        key = _key(employee, username)
        code = generate_code()
        self._issue(key, code, purpose, now)
        notice_id = uuid.uuid4().hex
        sealed = sealing.seal(self._keys, {"kind": "CODE", "purpose": purpose.value, "code": code, "id": notice_id})
        if employee is not None:
            self._post(employee, CredentialNotice(notice_id, sealed))
        else:
            self._codes.note_undeliverable(key, notice_id)
        return {"message": CODE_SENT_MESSAGE, "channel_hint": None}

    def sign_in(self, username: str, code: str) -> Session | SecondFactor:
        """A session as `/auth/login` gives one (a temporary password still has to be changed first)."""
        employee = self._redeem(username, code, CodePurpose.SIGN_IN)
        return self._accounts.session_for(employee)

    def reset_password(self, username: str, code: str, new_password: str) -> None:
        """A new password by the policy; every earlier session ends (the account's token version moves on)."""
        employee = self._redeem(username, code, CodePurpose.PASSWORD_RESET, before_use=new_password)
        self._accounts.set_forgotten_password(employee, new_password)

    # -- helpers ----------------------------------------------------------------------------------

    def _post(self, employee: Employee, notice: CredentialNotice) -> None:
        """Put the sealed code on the account for the stream handler; an account changed meanwhile is read again
        (the code is counted already, so it must not be lost to an operator's edit)."""
        try:
            self._employees.save(employee, notice)
        except Conflict:
            fresh = self._employees.get(employee.nip)
            if fresh is not None:
                self._employees.save(fresh, notice)

    def _issue(self, key: str, code: str, purpose: CodePurpose, now: datetime) -> CodeState:
        for _ in range(_RACES):
            previous = self._codes.get(key)
            window_start, count = open_window(previous, now)
            code_id = uuid.uuid4().hex
            state = CodeState(
                code_id=code_id,
                purpose=purpose,
                code_hash=self._hash(self._keys.current(), key, purpose, code_id, code),
                issued_at=now,
                window_start=window_start,
                window_count=count,
            )
            if self._codes.issue(key, state, previous):
                return state
        raise Throttled("Terlalu banyak permintaan kode bersamaan; coba lagi.", code="TOO_MANY_CODES")

    def _redeem(self, username: str, code: str, purpose: CodePurpose, before_use: str | None = None) -> Employee:
        """The account whose live code for ``purpose`` this is; the code is used up. Each try is counted before
        the code is compared, so a burst of guesses gets five comparisons at most."""
        now = self._clock()
        employee = self._accounts.find_login(username)
        key = _key(employee, username)
        state = self._codes.get(key)
        if not can_try(state, purpose, now) or not is_code_shaped(code):
            raise invalid_code()
        assert state is not None
        if not self._codes.reserve_try(key, state.code_id):
            raise invalid_code()
        if not self._matches(state, key, code) or employee is None:
            raise invalid_code()
        if before_use is not None:  # the new password is checked while the code still stands
            self._accounts.check_forgotten_password(employee, before_use)
        if not self._codes.consume(key, state.code_id, now):
            raise invalid_code()
        return employee

    def _matches(self, state: CodeState, key: str, code: str) -> bool:
        """Compared in constant time, with the current secret and the previous ones (a rotation mid-code)."""
        return any(
            hmac.compare_digest(state.code_hash, self._hash(secret, key, state.purpose, state.code_id, code))
            for secret in self._keys.verifying()
        )

    @staticmethod
    def _hash(secret: str, key: str, purpose: CodePurpose, code_id: str, code: str) -> str:
        message = f"{key}|{purpose.value}|{code_id}|{code}".encode()
        return hmac.new(derive_key(secret, "one-time-code"), message, hashlib.sha256).hexdigest()


def _key(employee: Employee | None, username: str) -> str:
    """The account's NIP, or a hash of a username without an account (never stored in clear)."""
    if employee is not None:
        return f"NIP#{employee.nip}"
    return "USER#" + hashlib.sha256(username.strip().lower().encode()).hexdigest()
