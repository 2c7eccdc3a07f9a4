"""Purpose-bound keys derived from the one application secret (HMAC-SHA256 as a KDF)."""

from __future__ import annotations

import hashlib
import hmac


def derive_key(secret: str, purpose: str) -> bytes:
    """32 bytes for ``purpose``; different purposes never share a key."""
    return hmac.new(secret.encode(), f"kinerja:{purpose}".encode(), hashlib.sha256).digest()
