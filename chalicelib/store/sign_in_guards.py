"""Failed sign-in counters, keyed by account NIP or by a hash of an unknown username."""

from __future__ import annotations

from datetime import datetime, timedelta

from ..domain.accounts import LOCK_DURATION, SignInGuard, lock_after_failures
from .models import SignInGuardItem

_KEEP = LOCK_DURATION + timedelta(hours=1)


class DynamoSignInGuards:
    def get(self, key: str) -> SignInGuard:
        try:
            item = SignInGuardItem.get(key, consistent_read=True)
        except SignInGuardItem.DoesNotExist:
            return SignInGuard()
        return SignInGuard(failures=int(item.failures), locked_until=item.locked_until)

    def record_failure(self, key: str, now: datetime) -> SignInGuard:
        """Count one failure atomically (parallel guesses all count); lock when the policy says so."""
        item = SignInGuardItem(guard_key=key)
        item.update(
            actions=[SignInGuardItem.failures.add(1), SignInGuardItem.expires_at.set(int((now + _KEEP).timestamp()))]
        )
        locked_until = lock_after_failures(int(item.failures), now)
        if locked_until is None:
            return SignInGuard(failures=int(item.failures))
        item.update(
            actions=[
                SignInGuardItem.failures.set(0),
                SignInGuardItem.locked_until.set(locked_until),
                SignInGuardItem.expires_at.set(int((locked_until + _KEEP).timestamp())),
            ]
        )
        return SignInGuard(failures=0, locked_until=locked_until)

    def clear(self, key: str) -> None:
        SignInGuardItem(guard_key=key).delete()
