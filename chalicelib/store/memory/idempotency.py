"""In-memory twin of the Powertools idempotency wrapper (`integrations.idempotency.once`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any


class InMemoryIdempotency:
    """Saved results by key: a call whose key was seen returns the saved result; a failed call saves nothing."""

    def __init__(self) -> None:
        self.results: dict[str, Any] = {}

    def once(self, function: Callable[..., Any], *, key_prefix: str, key_path: str, argument: str) -> _Once:
        return _Once(self.results, function, key_prefix, key_path, argument)


class _Once:
    def __init__(
        self, results: dict[str, Any], function: Callable[..., Any], prefix: str, key_path: str, argument: str
    ) -> None:
        self._results, self._function = results, function
        self._prefix, self._path, self._argument = prefix, key_path.split("."), argument
        self.__wrapped__ = function

    def register_context(self, context: Any) -> None:
        """Nothing to expire in memory."""

    def __call__(self, **kwargs: Any) -> Any:
        value: Any = kwargs[self._argument]
        for part in self._path:
            value = value[part]  # a missing key raises, as Powertools does with raise_on_no_idempotency_key
        key = f"{self._prefix}#{json.dumps(value, sort_keys=True, default=str)}"
        if key not in self._results:
            self._results[key] = self._function(**kwargs)
        return self._results[key]
