"""The application secret and its rotation; purpose-bound keys derived from it (HMAC-SHA256 as a KDF).

A `Keyring` holds the current secret (signs and seals) and the previous ones (still verify and open,
so tokens and links made before a rotation stay valid until they expire). Its secrets come from a
loader (Secrets Manager on AWS) and are cached per container for `SECRET_CACHE_SECONDS`.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterator
from time import monotonic

#: how long a container keeps the secrets it loaded (a rotation is picked up within this time)
SECRET_CACHE_SECONDS = 300
#: a signature no known secret verifies reloads a keyring at most this often (another container rotated first)
RELOAD_AFTER_MISS_SECONDS = 30
MIN_SECRET_LENGTH = 32


class Keyring:
    """Current secret first, then previous ones; reloaded from ``load`` when older than ``max_age``."""

    def __init__(self, load: Callable[[], tuple[str, ...]], max_age: float = SECRET_CACHE_SECONDS) -> None:
        self._load, self._max_age = load, max_age
        self._secrets: tuple[str, ...] = ()
        self._loaded_at = 0.0

    @classmethod
    def fixed(cls, current: str, *previous: str) -> Keyring:
        """A keyring that never reloads (local stack, tests)."""
        secrets = (current, *(p for p in previous if p))
        return cls(lambda: secrets, max_age=float("inf"))

    def current(self) -> str:
        """The secret new signatures use."""
        return self._all()[0]

    def verifying(self) -> Iterator[str]:
        """Secrets to try, current first; after a miss, the reloaded ones when the cache is old enough."""
        tried = self._all()
        yield from tried
        if monotonic() - self._loaded_at >= RELOAD_AFTER_MISS_SECONDS:
            yield from (s for s in self._reload() if s not in tried)

    def _all(self) -> tuple[str, ...]:
        if not self._secrets or monotonic() - self._loaded_at >= self._max_age:
            return self._reload()
        return self._secrets

    def _reload(self) -> tuple[str, ...]:
        loaded = tuple(self._load())
        if not loaded or len(loaded[0]) < MIN_SECRET_LENGTH:
            raise RuntimeError(f"the application secret must be at least {MIN_SECRET_LENGTH} characters")
        secrets = (loaded[0], *(s for s in loaded[1:] if len(s) >= MIN_SECRET_LENGTH))  # others: not ours
        self._secrets, self._loaded_at = secrets, monotonic()
        return secrets


def keyring(keys: Keyring | str) -> Keyring:
    """``keys`` as a keyring (a plain string is a keyring of one secret)."""
    return keys if isinstance(keys, Keyring) else Keyring.fixed(keys)


def subject_digest(keys: Keyring | str, purpose: str) -> Callable[[str], str]:
    """A keyed digest of a personal subject (a phone number, a client IP) for keys of counters and conversations.

    HMAC-SHA256 with a key derived for ``purpose`` from the current secret, not a plain SHA-256: phone numbers and
    IPv4 addresses are few enough to hash them all, so a plain digest would be reversible by anyone who reads the
    table. The domain stays pure: services pass this function in. After a rotation the digests change, so rate
    counters (windows of minutes to a day) and conversations (a day) simply start afresh.
    """
    ring = keyring(keys)

    def digest(subject: str) -> str:
        return hmac.new(derive_key(ring.current(), purpose), subject.encode(), hashlib.sha256).hexdigest()

    return digest


def derive_key(secret: str, purpose: str) -> bytes:
    """32 bytes for ``purpose``; different purposes never share a key."""
    return hmac.new(secret.encode(), f"kinerja:{purpose}".encode(), hashlib.sha256).digest()
