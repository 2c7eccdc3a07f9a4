"""Finding a person by part of the name or the start of the NIP (the supervisor picker, issue 18).

One rule for the DynamoDB repository and its in-memory twin: both read the SKPD's employees in index order and keep
those this module says match, so a search answers the same on either.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ValidationError

#: fewer characters would match most of an SKPD: the client asks only once three are typed
MIN_SEARCH_LENGTH = 3
MAX_SEARCH_LENGTH = 60


@dataclass(frozen=True)
class PeopleSearch:
    """What was typed, read once: the NIP prefix when it is all digits, else the name's words (casefolded)."""

    text: str
    nip_prefix: str | None
    words: tuple[str, ...]

    def matches(self, nip: str, name: str) -> bool:
        """A NIP that starts with the digits typed, or a name holding every word typed (any order, any case)."""
        if self.nip_prefix is not None:
            return nip.startswith(self.nip_prefix)
        folded = name.casefold()
        return all(word in folded for word in self.words)


def read_search(value: str, field: str = "q") -> PeopleSearch:
    """The search a person typed: trimmed, at least `MIN_SEARCH_LENGTH` characters besides spaces (else
    ``SEARCH_TOO_SHORT``)."""
    words = tuple(value.casefold().split())
    text = " ".join(words)
    if len(text.replace(" ", "")) < MIN_SEARCH_LENGTH:
        raise ValidationError(
            f"Ketik paling sedikit {MIN_SEARCH_LENGTH} huruf nama atau angka NIP.",
            code="SEARCH_TOO_SHORT",
            details={"field": field, "min": MIN_SEARCH_LENGTH},
        )
    digits = text if text.isascii() and text.isdigit() else None
    return PeopleSearch(text=text, nip_prefix=digits, words=() if digits else words)
