"""Tracking numbers of citizens' items (Kritis, tracked requests): what a citizen types to follow an item.

The number is the only key of a public status page, so it must not be guessable from another one: eight
random Crockford base-32 characters (40 bits) after a prefix and the year, e.g. ``KR-2026-7F3K9Q2M``. The
alphabet leaves out I, L, O and U, which people misread or misdial; reading accepts lower case and the
look-alikes (O→0, I/L→1) so a number read aloud over the phone still finds its item.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RANDOM_CHARS = 8
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_tracking_number(prefix: str, year: int) -> str:
    """A fresh number ``<prefix>-<year>-<8 random characters>`` (``prefix``: 2–4 capital letters)."""
    if not re.fullmatch(r"[A-Z]{2,4}", prefix):
        raise ValueError(f"bad tracking prefix {prefix!r}")
    return f"{prefix}-{year}-" + "".join(secrets.choice(ALPHABET) for _ in range(_RANDOM_CHARS))


def read_tracking_number(text: str, prefix: str) -> str | None:
    """``text`` as a well-formed number of ``prefix`` (canonical form), or ``None`` when it cannot be one."""
    head, _, rest = text.strip().upper().partition("-")
    year, _, tail = rest.partition("-")
    tail = tail.translate(_LOOK_ALIKES)
    if head != prefix or not re.fullmatch(r"20\d\d", year) or len(tail) != _RANDOM_CHARS:
        return None
    if any(ch not in ALPHABET for ch in tail):
        return None
    return f"{prefix}-{year}-{tail}"
