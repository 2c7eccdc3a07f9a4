"""The authenticator app (TOTP, RFC 6238) as a second factor: who must have one, which steps a code may come from,
and the one-time recovery codes.

Officers with power over other people's data (the SKPD's operator, HR, BKD, the numbering officer and the admin)
must enrol an authenticator and give its code at every sign-in (issue 19); everyone else may. A code is accepted
from the current 30-second step or the one either side (clocks of phones drift), and a step once accepted is never
accepted again (RFC 6238 §5.2: "the verifier MUST NOT accept the second attempt of the OTP after the successful
validation has been issued for the first OTP"), so a code read over someone's shoulder is worth nothing after use.

The arithmetic of the codes (HMAC-SHA1 over the step) lives in `security/totp.py`; this module is stdlib only.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from .accounts import Role
from .errors import Forbidden, Unauthorized

#: roles whose holders must sign in with an authenticator (issue 19: "officers with power over others' data")
SECOND_FACTOR_ROLES = frozenset(
    {Role.OPERATOR_SKPD, Role.KEPEGAWAIAN, Role.BKD, Role.PENOMORAN, Role.ADMIN, Role.LAYANAN, Role.PIMPINAN}
)
STEP_SECONDS = 30
DIGITS = 6
#: steps either side of the current one whose code is still accepted (RFC 6238 §5.2 recommends at most one)
WINDOW = 1
ISSUER = "Kinerja"

RECOVERY_CODE_COUNT = 10
#: recovery codes use lowercase letters and digits without the look-alikes (0/o, 1/l/i): 10 characters,
#: about 50 bits each, written in two groups of five ("k7m2p-x9d4q")
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_LENGTH = 10


def must_have_authenticator(roles: Iterable[Role]) -> bool:
    """Whether someone holding ``roles`` must sign in with an authenticator."""
    return not SECOND_FACTOR_ROLES.isdisjoint(roles)


def step_of(unix_seconds: float) -> int:
    """The TOTP step (T in RFC 6238 §4.2, T0 = 0) a moment falls in."""
    return int(unix_seconds // STEP_SECONDS)


def acceptable_steps(current: int, last_accepted: int | None) -> list[int]:
    """The steps whose code is accepted now, oldest first: the current one and ``WINDOW`` either side, less every
    step at or before the last one accepted (a code is never accepted twice, nor one older than a used one)."""
    steps = range(current - WINDOW, current + WINDOW + 1)
    return [s for s in steps if last_accepted is None or s > last_accepted]


def is_totp_shaped(code: str) -> bool:
    """Six digits (spaces a person typed between groups are ignored by `normalise_totp`)."""
    return len(code) == DIGITS and code.isascii() and code.isdigit()


def normalise_totp(text: str) -> str:
    return "".join(text.split())


def generate_recovery_codes(count: int = RECOVERY_CODE_COUNT) -> list[str]:
    """New recovery codes as a person writes them down ("k7m2p-x9d4q")."""
    codes = []
    for _ in range(count):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    return codes


def normalise_recovery_code(text: str) -> str | None:
    """The code as stored (lowercase, no dash or spaces), or ``None`` when it cannot be one: people copy codes with
    capitals, spaces or without the dash."""
    raw = "".join(ch for ch in text.strip().lower() if ch not in "- ")
    if len(raw) != RECOVERY_LENGTH or any(ch not in RECOVERY_ALPHABET for ch in raw):
        return None
    return raw


def invalid_authenticator_code() -> Unauthorized:
    return Unauthorized(
        "Kode autentikator atau kode pemulihan salah, atau sudah pernah dipakai.", code="INVALID_AUTHENTICATOR_CODE"
    )


def enrolment_required() -> Forbidden:
    return Forbidden(
        "Anda harus mengaktifkan aplikasi autentikator sebelum dapat menggunakan aplikasi.",
        code="AUTHENTICATOR_ENROLMENT_REQUIRED",
    )


def authenticator_required() -> Forbidden:
    return Forbidden(
        "Peran Anda mewajibkan aplikasi autentikator; aplikasi autentikator tidak dapat dinonaktifkan.",
        code="AUTHENTICATOR_REQUIRED",
    )
