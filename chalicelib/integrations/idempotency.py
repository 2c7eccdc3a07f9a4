"""Powertools idempotency backed by the `idempotency` table: run a side effect once per key."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from ..config import settings
from .aws import client

#: longer than a stream's 24 h retention, so any replay still finds the record
RECORD_TTL_SECONDS = 3 * 24 * 3600


class RunsOnce(Protocol):
    """A side effect run at most once per key (`Once`, or the in-memory twin in `store.memory`)."""

    def register_context(self, context: Any) -> None: ...
    def __call__(self, **kwargs: Any) -> Any: ...


class OnceFactory(Protocol):
    """How services wrap a side effect: `once` below, or `InMemoryIdempotency.once` in unit tests."""

    def __call__(self, function: Callable[..., Any], *, key_prefix: str, key_path: str, argument: str) -> RunsOnce: ...


class Once:
    """``function`` run at most once per key; a repeated call returns the saved result."""

    def __init__(self, function: Callable[..., Any], config: Any, wrapped: Callable[..., Any]) -> None:
        self._config, self._wrapped = config, wrapped
        self.__wrapped__ = function

    def register_context(self, context: Any) -> None:
        """Let an interrupted run's in-progress record expire with the Lambda's deadline."""
        self._config.register_lambda_context(context)

    def __call__(self, **kwargs: Any) -> Any:
        return self._wrapped(**kwargs)


def once(function: Callable[..., Any], *, key_prefix: str, key_path: str, argument: str) -> Once:
    """Wrap ``function`` so a call whose ``argument[key_path]`` was seen before returns the saved result."""
    from aws_lambda_powertools.utilities.idempotency import (
        DynamoDBPersistenceLayer,
        IdempotencyConfig,
        idempotent_function,
    )

    store = DynamoDBPersistenceLayer(table_name=settings().table("idempotency"), boto3_client=client("dynamodb"))
    config = IdempotencyConfig(
        event_key_jmespath=key_path,
        raise_on_no_idempotency_key=True,
        expires_after_seconds=RECORD_TTL_SECONDS,
        use_local_cache=False,
    )
    wrapped = idempotent_function(
        function, data_keyword_argument=argument, persistence_store=store, config=config, key_prefix=key_prefix
    )
    return Once(function, config, wrapped)
