"""Failed sign-in counters, keyed by account NIP or by a hash of an unknown username.

An attempt is reserved (counted) with a conditional update *before* its password is checked, so a
burst of parallel guesses gets at most five checks: the update fails once five are counted.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pynamodb.exceptions import UpdateError

from ..domain.accounts import LOCK_DURATION, MAX_FAILED_SIGN_INS, SignInGuard, lock_after_failures
from .conditions import condition_failed
from .models import SignInGuardItem

_KEEP = LOCK_DURATION + timedelta(hours=1)
_RACES = 3


class DynamoSignInGuards:
    def reserve(self, key: str, now: datetime) -> SignInGuard | None:
        """Count one attempt before its check; ``None`` when the key is locked and no check may run."""
        item = SignInGuardItem(guard_key=key)
        stamp = [SignInGuardItem.last_attempt.set(now), SignInGuardItem.expires_at.set(int((now + _KEEP).timestamp()))]
        for _ in range(_RACES):
            below_limit = SignInGuardItem.failures.does_not_exist() | (SignInGuardItem.failures < MAX_FAILED_SIGN_INS)
            if _update(item, [SignInGuardItem.failures.add(1), *stamp], below_limit):
                return SignInGuard(failures=int(item.failures))
            try:
                current = SignInGuardItem.get(key, consistent_read=True)
            except SignInGuardItem.DoesNotExist:  # cleared meanwhile by a success
                continue
            locked_until = lock_after_failures(int(current.failures), current.last_attempt)
            if locked_until is not None and now < locked_until:
                return None
            # The lock has run out: count afresh, unless a parallel attempt just did.
            if _update(
                item, [SignInGuardItem.failures.set(1), *stamp], SignInGuardItem.last_attempt == current.last_attempt
            ):
                return SignInGuard(failures=1)
        return None

    def clear(self, key: str) -> None:
        SignInGuardItem(guard_key=key).delete()


def _update(item: SignInGuardItem, actions: list[Any], condition: Any) -> bool:
    try:
        item.update(actions=actions, condition=condition)
    except UpdateError as exc:
        if condition_failed(exc):
            return False
        raise
    return True
