"""Signed session tokens (JWT, HS256) with audience, type and a revocation counter."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from ..domain.errors import Unauthorized
from .keys import derive_key

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


def issue_token(secret: str, nip: str, token_version: int, token_type: str, ttl: timedelta) -> tuple[str, int]:
    """Return the signed token and its lifetime in seconds."""
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
    return jwt.encode(claims, derive_key(secret, "jwt"), algorithm=ALGORITHM), int(ttl.total_seconds())


def read_token(secret: str, token: str) -> TokenClaims:
    """Verify signature (HS256 only), expiry, audience, issuer and type; raise `Unauthorized` otherwise."""
    import jwt

    try:
        claims = jwt.decode(
            token,
            derive_key(secret, "jwt"),
            algorithms=[ALGORITHM],
            audience=AUDIENCE,
            issuer=ISSUER,
            options={"require": ["exp", "iat", "sub", "aud", "iss", "typ", "tv"]},
        )
    except jwt.PyJWTError:
        raise Unauthorized("Sesi tidak valid atau telah berakhir; silakan masuk kembali.") from None
    if claims["typ"] not in (ACCESS, PASSWORD_CHANGE) or not isinstance(claims["tv"], int):
        raise Unauthorized("Sesi tidak valid atau telah berakhir; silakan masuk kembali.")
    return TokenClaims(
        nip=str(claims["sub"]),
        token_type=claims["typ"],
        token_version=claims["tv"],
        expires_at=datetime.fromtimestamp(claims["exp"], UTC),
    )
