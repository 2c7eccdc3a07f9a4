"""Signed session tokens (JWT, HS256) with audience, type and a revocation counter."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from ..domain.errors import Unauthorized
from .keys import Keyring, derive_key, keyring

ALGORITHM = "HS256"
AUDIENCE = "kinerja-api"
ISSUER = "kinerja"
ACCESS = "access"
#: a session that may only change its temporary password
PASSWORD_CHANGE = "password_change"  # noqa: S105 - a token type
PASSWORD_CHANGE_TTL = timedelta(minutes=30)


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
        if claims["typ"] in (ACCESS, PASSWORD_CHANGE) and isinstance(claims["tv"], int):
            return TokenClaims(
                nip=str(claims["sub"]),
                token_type=claims["typ"],
                token_version=claims["tv"],
                expires_at=datetime.fromtimestamp(claims["exp"], UTC),
            )
        break
    raise Unauthorized("Sesi tidak valid atau telah berakhir; silakan masuk kembali.")
