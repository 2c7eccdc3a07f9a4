"""TOTP codes (RFC 6238, SHA-1, 6 digits, 30 s: what every authenticator app speaks) with `pyotp`, the secret
sealed at rest, recovery-code hashes, and the QR of the enrolment link (`segno`). Both libraries are imported
at first use, so `import app` stays cheap."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

from ..domain.authenticator import DIGITS, ISSUER, STEP_SECONDS, acceptable_steps, is_totp_shaped, step_of
from . import sealing
from .keys import Keyring

#: a sealed secret rests as long as the enrolment stands; Fernet wants a maximum age: about a century
_FOREVER = 100 * 366 * 24 * 3600


def new_secret() -> str:
    """A random base32 secret of 160 bits (RFC 4226 §4 recommends at least 128)."""
    import pyotp

    return pyotp.random_base32(32)


def code_at(secret: str, step: int) -> str:
    """The code an authenticator shows during ``step``."""
    import pyotp

    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).at(step * STEP_SECONDS)


def matching_step(secret: str, code: str, now: datetime, last_accepted: int | None) -> int | None:
    """The step whose code ``code`` is, among those acceptable now (`acceptable_steps`), else ``None``; compared in
    constant time."""
    if not is_totp_shaped(code):
        return None
    found = None
    for step in acceptable_steps(step_of(now.timestamp()), last_accepted):
        if hmac.compare_digest(code_at(secret, step), code) and found is None:
            found = step
    return found


def provisioning_uri(secret: str, account: str) -> str:
    """The ``otpauth://`` link an app reads from the QR code."""
    import pyotp

    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).provisioning_uri(name=account, issuer_name=ISSUER)


def qr_data_uri(text: str) -> str:
    """The QR code of ``text`` as an SVG ``data:`` URI (the web shows it as an image; CSP allows ``data:`` images)."""
    import segno

    return str(segno.make(text, error="m").svg_data_uri(scale=5, border=4))


def seal_secret(keys: Keyring | str, secret: str) -> str:
    return sealing.seal(keys, {"kind": "TOTP", "secret": secret})


def unseal_secret(keys: Keyring | str, sealed: str) -> str | None:
    payload = sealing.unseal(keys, sealed, _FOREVER)
    return str(payload["secret"]) if payload and payload.get("kind") == "TOTP" else None


def hash_recovery_code(normalised: str) -> str:
    """SHA-256 of a normalised recovery code: ~50 random bits each, so a fast hash suffices (no dictionary to try)."""
    return hashlib.sha256(f"kinerja-recovery|{normalised}".encode()).hexdigest()
