"""One public lookup by tracking number (issue 22): the Kritis status page and the citizen-request status page.

Both answer the same way, so nobody learns more from one than from the other: the caller's IP is counted first
(a guess costs the same whether the number exists, is unknown or is malformed), then a malformed number and an
unknown one get the same 404. The limit's subject is the IP itself (the limit's name keeps the pages' counters
apart; `domain/rate_limits.py` keeps only a keyed digest of it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ..domain.errors import NotFound
from ..domain.rate_limits import RateLimit
from ..domain.tracking import read_tracking_number
from .rate_limits import RateLimits

T = TypeVar("T")


def look_up(
    rate_limits: RateLimits,
    limit: RateLimit,
    ip: str,
    text: str,
    prefix: str,
    get: Callable[[str], T | None],
    missing: Callable[[], NotFound],
) -> T:
    """What ``get`` finds under the number written in ``text`` (``prefix``: ``KR``, ``LY``), counted against
    ``limit`` per ``ip`` (429 past it); ``missing()`` is raised alike for a malformed and an unknown number."""
    rate_limits.check(limit, ip)
    number = read_tracking_number(text, prefix)
    found = get(number) if number else None
    if found is None:
        raise missing()
    return found
