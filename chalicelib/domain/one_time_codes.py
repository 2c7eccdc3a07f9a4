"""One-time codes sent by WhatsApp (or e-mail) to sign in or to reset a forgotten password.

As e-Kinerja BKN does (SPEC §1; "Lupa password?", seed 003): six digits, valid five minutes, used once, dead
after five wrong tries, at most three codes per account in fifteen minutes. A code is bound to what it was
asked for (its purpose), so a sign-in code never resets a password and a reset code never signs in. These are
the rules alone; the service keeps only a keyed hash of the code (`services/one_time_codes.py`).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from .errors import Throttled, Unauthorized

CODE_DIGITS = 6
CODE_TTL = timedelta(minutes=5)
MAX_TRIES = 5
MAX_CODES_PER_WINDOW = 3
CODE_WINDOW = timedelta(minutes=15)

#: what a request for a code answers whether or not the NIP exists (nothing tells which)
CODE_SENT_MESSAGE = "Jika akun terdaftar, kode dikirim ke WhatsApp atau e-mail yang tercatat. Kode berlaku 5 menit."


class CodePurpose(StrEnum):
    SIGN_IN = "SIGN_IN"
    PASSWORD_RESET = "PASSWORD_RESET"  # noqa: S105 (a purpose, not a password)


@dataclass(frozen=True)
class CodeState:
    """The one live code of an account (or of an unknown username) and the window that limits new ones.

    ``code_id`` is random per code, so a try or a use is conditional on the very code that was read.
    """

    code_id: str
    purpose: CodePurpose
    code_hash: str
    issued_at: datetime
    window_start: datetime
    window_count: int
    tries: int = 0
    used: bool = False

    @property
    def expires_at(self) -> datetime:
        return self.issued_at + CODE_TTL

    @property
    def forget_after(self) -> datetime:
        """When nothing of the item matters any more (the storage's TTL)."""
        return max(self.expires_at, self.window_start + CODE_WINDOW)


def generate_code() -> str:
    """Six random digits (leading zeros kept)."""
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def is_code_shaped(code: str) -> bool:
    return len(code) == CODE_DIGITS and code.isascii() and code.isdigit()


def open_window(previous: CodeState | None, now: datetime) -> tuple[datetime, int]:
    """The window a new code counts in and its count with that code; a fourth code within fifteen minutes of
    the first is refused (the same for an unknown NIP, counted on its own key)."""
    if previous is None or now >= previous.window_start + CODE_WINDOW:
        return now, 1
    if previous.window_count >= MAX_CODES_PER_WINDOW:
        raise too_many_codes(previous.window_start + CODE_WINDOW, now)
    return previous.window_start, previous.window_count + 1


def too_many_codes(retry_at: datetime, now: datetime) -> Throttled:
    minutes = max(1, -(-int((retry_at - now).total_seconds()) // 60))
    return Throttled(
        f"Terlalu banyak permintaan kode. Coba lagi dalam {minutes} menit.",
        code="TOO_MANY_CODES",
        details={"retry_after_seconds": max(1, int((retry_at - now).total_seconds()))},
    )


def can_try(state: CodeState | None, purpose: CodePurpose, now: datetime) -> bool:
    """A code may still be tried: it exists for this purpose, is unused, unexpired and has tries left."""
    return (
        state is not None
        and state.purpose == purpose
        and not state.used
        and now < state.expires_at
        and state.tries < MAX_TRIES
    )


def invalid_code() -> Unauthorized:
    """One refusal for a wrong, expired, used, dead or never-sent code, and for an unknown NIP."""
    return Unauthorized("Kode salah atau sudah tidak berlaku. Minta kode baru bila perlu.", code="INVALID_CODE")
