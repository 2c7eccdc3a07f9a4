"""Device keys' cryptography (issue 20): reading a registered public key and verifying a check-in's signature.

The browser makes an ECDSA P-256 key pair with WebCrypto (``extractable: false``) and registers the public half
as a JWK; it signs with ``{name: "ECDSA", hash: "SHA-256"}``, which gives the signature as IEEE P1363 (r || s,
32 bytes each), not DER. `cryptography` loads the point (refusing one that is not on the curve) and verifies.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from ..domain.errors import ValidationError

COORDINATE_BYTES = 32  # P-256
SIGNATURE_BYTES = 2 * COORDINATE_BYTES
#: the only members a registered public JWK keeps (anything else, such as "key_ops" or "ext", is dropped)
_KEPT = ("kty", "crv", "x", "y")


def _refused(message: str) -> ValidationError:
    return ValidationError(message, code="INVALID_PUBLIC_KEY", details={"field": "public_key"})


def b64url_decode(value: str) -> bytes:
    """Base64url without padding (RFC 7515 §2); anything else raises `ValueError`."""
    if not isinstance(value, str) or not value.isascii() or "=" in value or "+" in value or "/" in value:
        raise ValueError("not base64url")
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        raise ValueError("not base64url") from None


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def read_public_jwk(jwk: Any) -> tuple[dict[str, str], str]:
    """The public key as stored (kty, crv, x, y) and its RFC 7638 thumbprint, or 400 ``INVALID_PUBLIC_KEY``: not
    an EC P-256 JWK, a coordinate that is not 32 bytes of base64url, a point off the curve, or a private key."""
    if not isinstance(jwk, dict):
        raise _refused("Kunci publik harus berupa JWK.")
    if "d" in jwk:
        raise _refused("Kirim kunci publik saja, bukan kunci privat.")
    if jwk.get("kty") != "EC" or jwk.get("crv") != "P-256":
        raise _refused("Kunci perangkat harus ECDSA P-256 (kty EC, crv P-256).")
    try:
        x, y = b64url_decode(jwk.get("x")), b64url_decode(jwk.get("y"))  # type: ignore[arg-type]
    except ValueError:
        raise _refused("Koordinat kunci publik harus base64url.") from None
    if len(x) != COORDINATE_BYTES or len(y) != COORDINATE_BYTES:
        raise _refused("Koordinat kunci publik harus 32 byte.")
    try:
        ec.EllipticCurvePublicNumbers(int.from_bytes(x, "big"), int.from_bytes(y, "big"), ec.SECP256R1()).public_key()
    except ValueError:
        raise _refused("Kunci publik bukan titik pada kurva P-256.") from None
    kept = {k: jwk[k] for k in _KEPT}
    return kept, thumbprint(kept)


def thumbprint(jwk: dict[str, str]) -> str:
    """RFC 7638: SHA-256 of the required members in lexicographic order, no whitespace; base64url."""
    canonical = json.dumps({k: jwk[k] for k in ("crv", "kty", "x", "y")}, separators=(",", ":"), sort_keys=True)
    return b64url(hashlib.sha256(canonical.encode("utf-8")).digest())


def verify(jwk: dict[str, str], text: str, signature: str) -> bool:
    """Whether ``signature`` (base64url of r || s, as WebCrypto gives it) signs ``text`` (UTF-8) with ``jwk``'s
    key under ECDSA with SHA-256. A malformed signature is simply not valid."""
    try:
        raw = b64url_decode(signature)
    except ValueError:
        return False
    if len(raw) != SIGNATURE_BYTES:
        return False
    r, s = int.from_bytes(raw[:COORDINATE_BYTES], "big"), int.from_bytes(raw[COORDINATE_BYTES:], "big")
    key = ec.EllipticCurvePublicNumbers(
        int.from_bytes(b64url_decode(jwk["x"]), "big"), int.from_bytes(b64url_decode(jwk["y"]), "big"), ec.SECP256R1()
    ).public_key()
    try:
        key.verify(encode_dss_signature(r, s), text.encode("utf-8"), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return False
    return True
