"""One-time codes as items of the `sign_in_guards` table ("CODE#…"), next to the failed sign-in counters.

Only a keyed hash of a code is stored. Every write is a conditional update on the code that was read
(``code_id``): of two requests for a code at the same moment one wins the window, of two tries of the last
allowed one only one is counted, and a code is used once. DynamoDB's TTL removes an item some time after
`CodeState.forget_after`; until then the rules in `domain/one_time_codes.py` read its times, not the TTL.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pynamodb.exceptions import UpdateError

from ..domain.one_time_codes import MAX_TRIES, CodePurpose, CodeState
from .conditions import condition_failed
from .models import SignInGuardItem

_KEEP = timedelta(hours=1)  # past the end of the code and its window, so the TTL never races the rules
_PREFIX = "CODE#"


class DynamoOneTimeCodes:
    def get(self, key: str) -> CodeState | None:
        try:
            item = SignInGuardItem.get(_PREFIX + key, consistent_read=True)
        except SignInGuardItem.DoesNotExist:
            return None
        if item.code_id is None:
            return None
        return CodeState(
            code_id=item.code_id,
            purpose=CodePurpose(item.purpose),
            code_hash=item.code_hash,
            issued_at=item.issued_at,
            window_start=item.window_start,
            window_count=int(item.window_count),
            tries=int(item.tries or 0),
            used=item.used_at is not None,
        )

    def issue(self, key: str, state: CodeState, previous: CodeState | None) -> bool:
        """Replace the live code with ``state``, unless another code was issued since ``previous`` was read."""
        item = SignInGuardItem(guard_key=_PREFIX + key)
        condition = (
            SignInGuardItem.code_id.does_not_exist()
            if previous is None
            else SignInGuardItem.code_id == previous.code_id
        )
        actions = [
            SignInGuardItem.code_id.set(state.code_id),
            SignInGuardItem.purpose.set(state.purpose.value),
            SignInGuardItem.code_hash.set(state.code_hash),
            SignInGuardItem.issued_at.set(state.issued_at),
            SignInGuardItem.window_start.set(state.window_start),
            SignInGuardItem.window_count.set(state.window_count),
            SignInGuardItem.tries.set(0),
            SignInGuardItem.used_at.remove(),
            SignInGuardItem.undelivered.remove(),
            SignInGuardItem.expires_at.set(_ttl(state.forget_after)),
        ]
        return _update(item, actions, condition)

    def reserve_try(self, key: str, code_id: str) -> bool:
        """Count one try of the code before it is compared; refused once five are counted or it was used."""
        condition = (
            (SignInGuardItem.code_id == code_id)
            & (SignInGuardItem.tries < MAX_TRIES)
            & SignInGuardItem.used_at.does_not_exist()
        )
        return _update(SignInGuardItem(guard_key=_PREFIX + key), [SignInGuardItem.tries.add(1)], condition)

    def consume(self, key: str, code_id: str, now: datetime) -> bool:
        """Mark the code used; ``False`` when it was used already (or replaced)."""
        condition = (SignInGuardItem.code_id == code_id) & SignInGuardItem.used_at.does_not_exist()
        return _update(SignInGuardItem(guard_key=_PREFIX + key), [SignInGuardItem.used_at.set(now)], condition)

    def note_undeliverable(self, key: str, notice_id: str) -> None:
        """Record that a code was asked for a username with no account (the write the account's notice costs)."""
        item = SignInGuardItem(guard_key=_PREFIX + key)
        _update(item, [SignInGuardItem.undelivered.set(notice_id)], SignInGuardItem.code_id.exists())


def _ttl(moment: datetime) -> int:
    return int((moment + _KEEP).timestamp())


def _update(item: SignInGuardItem, actions: list[Any], condition: Any) -> bool:
    try:
        item.update(actions=actions, condition=condition)
    except UpdateError as exc:
        if condition_failed(exc):
            return False
        raise
    return True
