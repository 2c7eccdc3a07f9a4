"""A small proof-of-work for public forms (the Kritis form, issue 22): it raises the cost of naive bots, nothing more.

The server hands out a signed, expiring challenge bound to a digest of the caller's IP (`services/kritis.py`); the
browser looks for a nonce such that SHA-256(challenge + nonce) starts with ``bits`` zero bits — about 2^bits
hashes, a second or two on a phone while the citizen types — and the server checks it with one hash, from the same
IP. The challenge is used once (a conditional put), so one solution cannot be replayed. A determined sender with a
few cores still solves thousands an hour: the defence is the rate limits (per IP, per contact), the WAF and the API
throttle (README "Public endpoints"); this only makes the cheapest scripts pay. Pure: hashlib only.
"""

from __future__ import annotations

import hashlib

#: a nonce is what the browser's counter writes: decimal digits, short
MAX_NONCE_LENGTH = 20


def ip_digest(ip: str) -> str:
    """What a challenge carries of the IP it was issued to: a short digest (the token is signed, so it cannot be
    changed; a digest rather than the address keeps the address out of a token that anyone can decode)."""
    return hashlib.sha256(("kritis-challenge:" + ip).encode()).hexdigest()[:16]


def leading_zero_bits(digest: bytes) -> int:
    """How many zero bits ``digest`` starts with."""
    count = 0
    for byte in digest:
        if byte == 0:
            count += 8
            continue
        return count + 8 - byte.bit_length()
    return count


def solves(challenge: str, nonce: str, bits: int) -> bool:
    """Whether ``nonce`` solves ``challenge`` at ``bits`` difficulty (a nonce is 1–20 decimal digits)."""
    if not (0 < len(nonce) <= MAX_NONCE_LENGTH and nonce.isascii() and nonce.isdigit()):
        return False
    return leading_zero_bits(hashlib.sha256((challenge + nonce).encode()).digest()) >= bits


def solve(challenge: str, bits: int, limit: int = 10_000_000) -> str:
    """A nonce that solves ``challenge`` (what the browser does; tests and the demo use it)."""
    for n in range(limit):
        if solves(challenge, str(n), bits):
            return str(n)
    raise ValueError("no nonce found")
