"""Opaque cursors for paged queries: DynamoDB's LastEvaluatedKey, signed and bound to the list it pages.

A cursor is a JWT of the ``cursor`` purpose (`security.tokens.sign_claims`) carrying the key (``k``) and
the list it pages (``scp``: index and partition). A client can only hand back a cursor the API gave it
for the same list (a forged or borrowed one is a 400, never a DynamoDB error), and cursors expire after
a day.

The keyring that signs them is bound with the tables (`bind_cursor_keys`, called by `store/dynamo.py`
when the composition root first uses DynamoDB): like PynamoDB's table binding, it is one per process.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..domain.errors import ValidationError

if TYPE_CHECKING:
    from ..security.keys import Keyring

CURSOR_TTL_SECONDS = 24 * 3600


class Cursors:
    """Signs and reads the cursors of one keyring."""

    def __init__(self, keys: Keyring) -> None:
        self._keys = keys

    def encode(self, last_key: dict[str, Any] | None, scope: str, now: datetime | None = None) -> str | None:
        """A cursor for the page after ``last_key`` of the list named ``scope`` (index and partition)."""
        if not last_key:
            return None
        from ..security import tokens

        claims = {"k": last_key, "scp": scope}
        return tokens.sign_claims(self._keys, tokens.CURSOR, claims, CURSOR_TTL_SECONDS, now or _now())

    def decode(self, cursor: str | None, scope: str, now: datetime | None = None) -> dict[str, Any] | None:
        """The start key a cursor of ``scope`` carries; anything else is a 400."""
        if not cursor:
            return None
        from ..security import tokens

        claims = tokens.read_claims(self._keys, tokens.CURSOR, cursor, now or _now())
        if claims is None or claims.get("scp") != scope or not isinstance(claims.get("k"), dict):
            raise ValidationError(
                "Parameter cursor tidak valid atau kedaluwarsa; muat ulang daftar dari awal.",
                code="INVALID_CURSOR",
                details={"field": "cursor"},
            )
        return claims["k"]


_bound: Cursors | None = None


def bind_cursor_keys(keys: Keyring) -> None:
    """Sign the DynamoDB repositories' cursors with ``keys`` from now on."""
    global _bound
    _bound = Cursors(keys)


def _cursors() -> Cursors:
    if _bound is None:
        raise RuntimeError("no keyring bound for cursors: build the repositories through store.dynamo")
    return _bound


def encode_cursor(last_key: dict[str, Any] | None, scope: str, now: datetime | None = None) -> str | None:
    """A cursor for the page after ``last_key`` of the list named ``scope``, signed with the bound keyring."""
    return _cursors().encode(last_key, scope, now) if last_key else None


def decode_cursor(cursor: str | None, scope: str, now: datetime | None = None) -> dict[str, Any] | None:
    """The start key a cursor of ``scope`` carries (bound keyring); anything else is a 400."""
    return _cursors().decode(cursor, scope, now) if cursor else None


def _now() -> datetime:
    return datetime.now(UTC)


def bounded_page(
    result: Any, limit: int, key_names: tuple[str, ...], max_requests: int, scope: str
) -> tuple[list[dict[str, Any]], str | None]:
    """Up to ``limit`` raw items of a (filtered) query in at most ``max_requests`` requests, and a cursor.

    A filter can make DynamoDB pages short or empty; stopping after ``max_requests`` keeps a
    request's cost constant, and the cursor lets the client continue where it stopped.
    """
    pages = result.page_iter
    items: list[dict[str, Any]] = []
    for _ in range(max_requests):
        try:
            page = next(pages)
        except StopIteration:
            return items, None
        for raw in page.get("Items", []):
            items.append(raw)
            if len(items) == limit:
                last_of_all = raw is page["Items"][-1] and pages.last_evaluated_key is None
                return items, None if last_of_all else encode_cursor({k: raw[k] for k in key_names}, scope)
        if pages.last_evaluated_key is None:
            return items, None
    return items, encode_cursor(pages.last_evaluated_key, scope)
