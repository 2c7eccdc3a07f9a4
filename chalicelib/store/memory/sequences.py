"""In-memory twin of `DynamoSequences`: numbers of a series count up from 1, never twice."""

from __future__ import annotations

import threading


class InMemorySequences:
    def __init__(self) -> None:
        self._values: dict[str, int] = {}
        self._lock = threading.Lock()

    def next(self, series: str) -> int:
        with self._lock:
            self._values[series] = self._values.get(series, 0) + 1
            return self._values[series]

    def current(self, series: str) -> int:
        with self._lock:
            return self._values.get(series, 0)
