"""The one rule of finding a person by name or NIP (the supervisor picker), shared by both repositories."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import ValidationError
from chalicelib.domain.people_search import read_search
from tests.support import payload


def test_a_name_matches_by_every_word_typed_in_any_case_and_order():
    search = read_search("  Kusuma   RATNA ")
    assert search.text == "kusuma ratna" and search.nip_prefix is None
    assert search.matches("198503152010012001", "dr. Ratna Kusumawati")
    assert not search.matches("198503152010012001", "Ratih Kusumawati")


def test_digits_match_the_start_of_the_nip_only():
    search = read_search("1985 03")
    assert search.nip_prefix is None  # a space: words of a name, not a NIP
    search = read_search("19850315")
    assert search.nip_prefix == "19850315"
    assert search.matches("198503152010012001", "Dewi")
    assert not search.matches("199003152010012001", "19850315 dalam nama")


@pytest.mark.parametrize("typed", ["", "  ", "ab", " a b "])
def test_fewer_than_three_characters_are_refused_with_their_own_code(typed):
    with pytest.raises(ValidationError) as refused:
        read_search(typed)
    assert refused.value.code == "SEARCH_TOO_SHORT"


def test_the_query_model_reads_the_search_once():
    assert payload("EmployeeQuery", {"q": "Dewi Lestari"}).q.words == ("dewi", "lestari")
    assert payload("EmployeeQuery", {}).q is None
    with pytest.raises(ValidationError) as refused:
        payload("EmployeeQuery", {"q": "de"})
    assert (refused.value.code, refused.value.details["field"]) == ("SEARCH_TOO_SHORT", "q")
