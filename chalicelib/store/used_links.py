"""Single use of e-mailed links: a link's id is recorded when it is used."""

from __future__ import annotations

from datetime import datetime

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
