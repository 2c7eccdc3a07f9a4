"""Single use of e-mailed links and upload slips: an id is recorded when it is used."""

from __future__ import annotations

from datetime import datetime

from pynamodb.exceptions import PutError

from .conditions import condition_failed
from .models import UsedLinkItem


class DynamoUsedLinks:
    def was_used(self, jti: str) -> bool:
        try:
            UsedLinkItem.get(jti, consistent_read=True)
        except UsedLinkItem.DoesNotExist:
            return False
        return True

    def mark(self, jti: str, used_at: datetime, expires_at: int) -> None:
        UsedLinkItem(jti=jti, used_at=used_at.isoformat(), expires_at=expires_at + 86400).save()

    def claim(self, jti: str, used_at: datetime, expires_at: int) -> bool:
        """Record ``jti`` as used if nobody has; False when it already was (two callers: one wins)."""
        item = UsedLinkItem(jti=jti, used_at=used_at.isoformat(), expires_at=expires_at + 86400)
        try:
            item.save(condition=UsedLinkItem.jti.does_not_exist())
        except PutError as exc:
            if condition_failed(exc):
                return False
            raise
        return True
