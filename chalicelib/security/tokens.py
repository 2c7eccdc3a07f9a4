"""Every token the API hands out is a JWT (PyJWT, HS256 only), signed with a key derived from the current secret
and verified with the current and previous ones (`keys.Keyring`, so a rotation ends nothing early):

- session tokens: audience ``kinerja-api``, type ``access``, ``password_change`` or ``authenticator_enrolment``,
  and a revocation counter;
- signed capabilities (`sign_claims`/`read_claims`), one purpose each with its own derived key, audience
  ``kinerja-<purpose>`` and type ``<purpose>``: e-mailed decision links (`DECISION_LINK`), evidence upload
  slips (`EVIDENCE_UPLOAD`), list cursors (`CURSOR`) and the second step of a sign-in (`TOTP_CHALLENGE`).
  Their expiry is checked against the caller's clock.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ..domain.errors import Unauthorized
from .keys import Keyring, derive_key, keyring

ALGORITHM = "HS256"
AUDIENCE = "kinerja-api"
ISSUER = "kinerja"
ACCESS = "access"
#: a session that may only change its temporary password
PASSWORD_CHANGE = "password_change"  # noqa: S105 - a token type
PASSWORD_CHANGE_TTL = timedelta(minutes=30)
#: a session of an officer who must enrol an authenticator first: it may only reach the enrolment routes
AUTHENTICATOR_ENROLMENT = "authenticator_enrolment"
AUTHENTICATOR_ENROLMENT_TTL = timedelta(minutes=30)


@dataclass(frozen=True)
class TokenClaims:
    nip: str
    token_type: str
    token_version: int
    expires_at: datetime


def issue_token(keys: Keyring | str, nip: str, token_version: int, token_type: str, ttl: timedelta) -> tuple[str, int]:
    """Return the token, signed with the current secret, and its lifetime in seconds."""
    import jwt

    now = datetime.now(UTC)
    claims = {
        "sub": nip,
        "aud": AUDIENCE,
        "iss": ISSUER,
        "iat": now,
        "nbf": now,
        "exp": now + ttl,
        "jti": uuid.uuid4().hex,
        "typ": token_type,
        "tv": token_version,
    }
    signing_key = derive_key(keyring(keys).current(), "jwt")
    return jwt.encode(claims, signing_key, algorithm=ALGORITHM), int(ttl.total_seconds())


def read_token(keys: Keyring | str, token: str) -> TokenClaims:
    """Verify signature (HS256 only, current or previous secret), expiry, audience, issuer and type.

    Raise `Unauthorized` otherwise.
    """
    import jwt

    for secret in keyring(keys).verifying():
        try:
            claims = jwt.decode(
                token,
                derive_key(secret, "jwt"),
                algorithms=[ALGORITHM],
                audience=AUDIENCE,
                issuer=ISSUER,
                options={"require": ["exp", "iat", "sub", "aud", "iss", "typ", "tv"]},
            )
        except jwt.InvalidSignatureError:
            continue  # signed with another secret (or forged)
        except jwt.PyJWTError:
            break
        if claims["typ"] in (ACCESS, PASSWORD_CHANGE, AUTHENTICATOR_ENROLMENT) and isinstance(claims["tv"], int):
            return TokenClaims(
                nip=str(claims["sub"]),
                token_type=claims["typ"],
                token_version=claims["tv"],
                expires_at=datetime.fromtimestamp(claims["exp"], UTC),
            )
        break
    raise Unauthorized("Sesi tidak valid atau telah berakhir; silakan masuk kembali.")


DECISION_LINK = "decision-link"  # e-mailed approve/reject links of every kind that allows them
EVIDENCE_UPLOAD = "evidence-upload"
FILE_UPLOAD = "file-upload"
CURSOR = "cursor"
#: the second step of a sign-in: the account whose password (or one-time code) was right, for the TOTP code
TOTP_CHALLENGE = "totp-challenge"
#: the proof-of-work challenge of the public Kritis form (issue 22): a random id, the difficulty, a short expiry
KRITIS_CHALLENGE = "kritis-challenge"
PURPOSES = (DECISION_LINK, EVIDENCE_UPLOAD, FILE_UPLOAD, CURSOR, TOTP_CHALLENGE, KRITIS_CHALLENGE)
#: claims `sign_claims` sets itself
_REGISTERED = frozenset({"iss", "aud", "typ", "iat", "exp"})
#: longer tokens are refused unread (a cursor carries a DynamoDB key, a link a few ids)
MAX_SIGNED_LENGTH = 4096


def _purpose_key(secret: str, purpose: str) -> bytes:
    if purpose not in PURPOSES:
        raise ValueError(f"unknown token purpose {purpose!r}")
    return derive_key(secret, f"jwt:{purpose}")


def sign_claims(keys: Keyring | str, purpose: str, claims: dict[str, Any], ttl_seconds: int, now: datetime) -> str:
    """A JWT for ``purpose`` carrying ``claims``, signed with the current secret, expiring ``ttl_seconds`` after
    ``now``."""
    import jwt

    if not _REGISTERED.isdisjoint(claims):
        raise ValueError(f"claims may not set {sorted(_REGISTERED.intersection(claims))}")
    issued = int(now.timestamp())
    payload = {
        **claims,
        "iss": ISSUER,
        "aud": f"kinerja-{purpose}",
        "typ": purpose,
        "iat": issued,
        "exp": issued + ttl_seconds,
    }
    return jwt.encode(payload, _purpose_key(keyring(keys).current(), purpose), algorithm=ALGORITHM)


def read_claims(keys: Keyring | str, purpose: str, token: object, now: datetime) -> dict[str, Any] | None:
    """The claims of a token signed for ``purpose`` by a known secret and not expired at ``now``; else ``None``
    (tampered, expired, another purpose's, unknown key, not a JWT, not ASCII)."""
    import jwt

    if not isinstance(token, str) or not token.isascii() or len(token) > MAX_SIGNED_LENGTH:
        return None
    for secret in keyring(keys).verifying():
        try:
            claims = jwt.decode(
                token,
                _purpose_key(secret, purpose),
                algorithms=[ALGORITHM],
                audience=f"kinerja-{purpose}",
                issuer=ISSUER,
                # expiry against the injected clock below; PyJWT would use the system clock
                options={"require": ["exp", "iat", "aud", "iss", "typ"], "verify_exp": False, "verify_iat": False},
            )
        except jwt.InvalidSignatureError:
            continue  # signed with another secret (or forged)
        except jwt.PyJWTError:
            return None
        if claims["typ"] != purpose or not isinstance(claims["exp"], int) or claims["exp"] <= now.timestamp():
            return None
        return claims
    return None
