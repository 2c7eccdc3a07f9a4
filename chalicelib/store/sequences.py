"""Numbered series: the next number of a series by one atomic update (no two callers get the same)."""

from __future__ import annotations

from .models import SequenceItem


class DynamoSequences:
    def next(self, series: str) -> int:
        """The next number of ``series`` (1 for a new series). A caller that fails after this leaves a gap."""
        item = SequenceItem(series=series)
        item.update(actions=[SequenceItem.value.add(1)])
        return int(item.value)

    def current(self, series: str) -> int:
        try:
            return int(SequenceItem.get(series, consistent_read=True).value)
        except SequenceItem.DoesNotExist:
            return 0
