"""Rate-limit counters as items of the `sign_in_guards` table ("RATE#…"), beside the sign-in counters.

One conditional ``ADD`` per hit: the update fails once the window's count is reached, so parallel hits
cannot pass the limit together; the counter is forgotten by TTL after its window.
"""

from __future__ import annotations

from .models import SignInGuardItem
from .one_time_codes import _update


class DynamoRateLimiter:
    def hit(self, key: str, limit: int, expires_at: int) -> bool:
        """Count one hit of ``key``; ``False`` (nothing counted) when ``limit`` hits are already counted."""
        below = SignInGuardItem.hits.does_not_exist() | (SignInGuardItem.hits < limit)
        actions = [SignInGuardItem.hits.add(1), SignInGuardItem.expires_at.set(expires_at)]
        return _update(SignInGuardItem(guard_key=key), actions, below)
